"""What the table says, as markup, from one seat's view: the offer on the table and who has accepted it,
the record of the talks, the verdict on a package being built, the turn line. No pygame here."""

from __future__ import annotations

from collections.abc import Iterable

from game.analysis.hints import PRIVATE, heard_alone, offer_warning
from game.analysis.hints import verdict as package_verdict
from game.engine import LogEntry, View
from game.engine.rules import SIGNAL_VERBS
from game.scenario.public import PublicScenario
from game.scenario.space import Package
from game.ui.text import (
    capital,
    esc,
    names,
    option_label,
    possessive,
    short_name,
    side_hex,
    speaker_label,
)

TURN_HEX = "#f0e442"
EVENT_HEX = "#CC79A7"
WARN_HEX = "#ffb36b"
MUTED_HEX = "#b9c4d6"


def offer_html(view: View) -> str:
    """The offer on the table: whose, who has accepted it, its worth to this seat, then each issue (the box
    scrolls: what decides a move comes first)."""
    sc = view.scenario
    offer = view.offer
    if offer is None:
        return "<i>Nothing yet. Propose a package, or wait for another side's.</i>"
    if offer.by == view.seat:
        who = "Your text" if offer.by == sc.mediator else "Your offer"
    elif offer.by == sc.mediator:
        who = "The mediator's text"
    else:
        who = esc(capital(possessive(short_name(sc.actors[offer.by].name)))) + " offer"
    lines = [f"<font color='{side_hex(sc, offer.by)}'><b>{who}</b></font> (turn {offer.turn})"]
    if not offer.full:
        lines.append("<i>Partial: it cannot be accepted until every issue is settled.</i>")
    elif len(sc.seats) > 2:
        lines.append(acceptance_html(view))
    reservation = view.own.reservation
    worth = view.utility(offer.package)
    if reservation is not None:
        judge = "better than no deal" if worth >= reservation else "worse than no deal"
        lines.append(f"Worth to you: <b>{worth:.2f}</b> ({judge}; reservation {reservation:.2f})")
    elif view.own.best > 0:
        lines.append(f"Worth to you: <b>{worth:.2f}</b> (your best {view.own.best:.2f})")
    warning = offer_warning(view)  # the same words as the terminal's table and the hint
    if warning is not None:
        lines.append(f"<font color='{WARN_HEX}'>(!) {esc(warning)}</font>")
    for i, choice in enumerate(offer.package):  # after what it means for you: the box may scroll
        lines.append(f"{esc(sc.issue_specs[i].title)}: <b>{esc(option_label(sc, i, choice))}</b>")
    return "<br>".join(lines)


def acceptance_html(view: View) -> str:
    """Who has accepted the full offer on the table and whose acceptance the deal still awaits."""
    sc = view.scenario
    accepted = [s for s in sc.negotiators if s in view.accepted]
    waiting = [s for s in sc.negotiators if s not in view.accepted]
    yes = f"Accepted by {esc(names(sc, accepted, view.seat))}" if accepted else "Accepted by no one yet"
    if not waiting:
        return f"<font color='#3BC49A'><b>{yes}.</b></font>"
    return f"<b>{yes}</b>; <font color='{WARN_HEX}'>awaiting {esc(names(sc, waiting, view.seat))}</font>."


SCRIPTED = "the scenario's scripted choice"  # a reason the engine records for the replay, not for players
SIGNALS = {text: kind for kind, text in SIGNAL_VERBS.items()}


def event_text(text: str) -> str:
    """An event's line without its title when the text begins by repeating it ('Two rounds left: Two
    rounds left. Deadlines ...' reads 'Two rounds left. Deadlines ...')."""
    head, sep, rest = text.partition(": ")
    if sep and rest.lower().startswith(head.rstrip(".!?").lower()):
        return rest
    return text


def signal_content(view: View, item: LogEntry) -> str:
    """What a signal says, for the log: the scenario's description of that move ('makes a promise: a
    commitment on conduct, which builds trust'); the engine records only the kind of signal."""
    kind = next((k for text, k in SIGNALS.items() if item.text == text or item.text.startswith(text + " ")), None)
    if kind is None or kind in ("pass", "press", "threaten"):
        return ""
    spec = view.scenario.moves.get(kind)
    about = (spec.description or "").strip() if spec is not None else ""
    if not about:
        return ""
    first = about.split(". ")[0].rstrip(".")
    return first[:1].lower() + first[1:] if not first[:2].isupper() else first


def turn_heading_html(sc: PublicScenario, turn: int) -> str:
    """A round's heading in the log, as every front end names the round."""
    return f"<font color='{TURN_HEX}'><b>{esc(sc.turn_heading(turn))}</b></font>"


def log_html(view: View, items: Iterable[LogEntry], turn: int, practice: bool) -> tuple[str, int]:
    """The markup for some lines of the record, with a heading where a new turn starts; and the last turn."""
    sc = view.scenario
    out = []
    for item in items:
        if item.turn != turn and item.kind != "outcome":
            turn = item.turn
            out.append(turn_heading_html(sc, turn))
        if item.kind == "event":
            # who reports it comes first, as its source: at the end it read as the speaker of the last sentence
            source = f" (source: {esc(item.speaker)})" if item.speaker else ""
            out.append(f"<font color='{EVENT_HEX}'><b>Event{source}:</b></font> <i>{esc(event_text(item.text))}</i>")
        elif item.kind == "outcome":
            out.append(f"<font color='{TURN_HEX}'><b>== {esc(item.text)} ==</b></font>")
        else:
            name = speaker_label(sc, item.speaker, item.actor)
            mine = item.actor == view.seat
            label = f"{name} (you)" if mine else name
            private = f" <i>({PRIVATE})</i>" if heard_alone(view, item) else ""
            said = esc(item.text)
            content = signal_content(view, item) if item.kind == "move" else ""
            if content:
                said += f": <i>{esc(content)}</i>"
            text = (f"<font color='{side_hex(sc, item.actor)}'><b>{esc(label)}:</b></font> {said}"
                    if name else said) + private
            if practice and item.reason and not mine and item.kind != "choice" and item.reason != SCRIPTED:
                text += f"<br><font color='{MUTED_HEX}'><i>Why: {esc(item.reason)}</i></font>"
            out.append(text)
    return "<br>".join(out), turn


def verdict(view: View, package: Package) -> tuple[list[str], str]:
    """What a package being built means for this seat, longest wording first, and its style (the shared verdict
    of the offer builders, ``game.analysis.hints.verdict``)."""
    found = package_verdict(view, package)
    return list(found.texts), "#" + found.tone


def turn_texts(view: View) -> list[str]:
    """The turn line, longest first: the turn (with the author's label for it, if any), the turns left, and
    whose move it is."""
    sc = view.scenario
    if view.over:
        return ["The talks are over", "Over"]
    if view.my_turn:
        mover = "your choice" if view.choice is not None else "your answer" if view.question is not None \
            else "your move"
    elif view.to_move is not None:
        mover = f"{sc.actors[view.to_move].name} to move"
    else:
        mover = ""
    head = f"Turn {view.turn} of {sc.deadline}"
    heads = [sc.turn_heading(view.turn), head] if sc.turn_label(view.turn) else [head]
    variants = []
    for first in heads:
        with_left = f"{first}   ({view.turns_left} after this)"
        variants += [f"{with_left}: {mover}", f"{first}: {mover}", with_left, first] if mover else [with_left, first]
    return variants


def worth_texts(view: View, package: Package) -> list[str]:
    worth = view.utility(package)
    return [f"Worth to you: {worth:.2f}   (your best: {view.own.best:.2f})", f"Worth to you: {worth:.2f}",
            f"Worth: {worth:.2f}"]
