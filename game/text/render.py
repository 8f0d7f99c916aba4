"""Turning a seat's view into terminal text: briefing, table, log lines; and the debrief."""

from __future__ import annotations

import re

from game.analysis import hints
from game.analysis.card import RoleCard, stakeholder_groups
from game.analysis.debrief import Debrief, Pair, meter_columns
from game.analysis.payoff import STAKEHOLDER_PENALTY
from game.engine.state import LogEntry
from game.engine.view import View
from game.scenario.public import PublicScenario, verb

WIDTH = 78


_WORD = re.compile(r"\S+")


def fill(paragraph: str, width: int = WIDTH, indent: str = "") -> list[str]:
    """One paragraph as lines of at most `width` characters (indent included), breaking at spaces and cutting
    words longer than a line. Linear in the length of the text, whatever it holds."""
    room = max(1, width - len(indent))
    lines: list[str] = []
    line: list[str] = []
    used = 0
    for match in _WORD.finditer(paragraph):
        word = match.group()
        if used and used + 1 + len(word) > room:
            lines.append(indent + " ".join(line))
            line, used = [], 0
        if len(word) > room - used - (1 if used else 0):  # a word longer than a line: cut it in pieces
            start = 0
            if used:
                lines.append(indent + " ".join(line))
                line, used = [], 0
            while len(word) - start > room:
                lines.append(indent + word[start:start + room])
                start += room
            word = word[start:]
        line.append(word)
        used += len(word) + (1 if used else 0)
    if line:
        lines.append(indent + " ".join(line))
    return lines


def wrap(text: str, indent: str = "  ") -> str:
    return "\n".join("\n".join(fill(p, WIDTH, indent)) for p in text.strip().split("\n") if p.strip())


def bar(value: float, width: int = 20) -> str:
    filled = round(value * width)
    return "#" * filled + "." * (width - filled)


def briefing(card: RoleCard) -> str:
    out = [f"== {card.title} ==", wrap(card.summary, ""), "",
           f"You are {card.you} ({card.side})" + (f", answering to {card.principal}." if card.principal else "."),
           wrap(card.briefing or "", "")]
    if card.role == "mediator":
        out.append(wrap("You are the mediator: you table texts, press the sides and can be consulted, but a deal "
                        "needs only the negotiators' acceptance, not yours.", ""))
    out += ["", "Your priorities (hidden from the others; option values from 0 to 1, times the weight):"]
    if card.priorities_note:
        out.append(wrap(card.priorities_note, "  "))
    for priority in card.priorities:
        options = ", ".join(f"{label} {value:.2f}" for label, value in priority.options)
        out.append(wrap(f"{priority.issue} (weight {priority.weight:.2f}): {options}", "  "))
    if card.role == "negotiator":
        out.append(wrap(f"Your reservation value (what no deal is worth to you): {card.reservation_text}"
                        + (f". {card.reservation_note}" if card.reservation_note else ""), ""))
    for line in card.red_lines:
        firmness = line.firmness[:1].upper() + line.firmness[1:]
        out.append(wrap(f"Red line: {(line.stated or line.text).rstrip('.')}. {firmness}.", "  "))
    for other in card.others:
        out += ["", f"What you know of {other.name} ({other.speaker}"
                + (", the mediator):" if other.role == "mediator" else "):")]
        if other.public_position:
            out.append(wrap(other.public_position))
        out += [wrap(f"- {demand}") for demand in other.demands]
        out += [wrap(f"- States a red line: {stated}") for stated in other.stated_lines]
    for heading, group in stakeholder_groups(card):  # a heading only over stakeholders listed under it
        out += ["", f"{heading}:"]
        for s in group:
            needs = f"; {verb('expects', s.plural)} to be consulted" if s.requires_consultation else ""
            who = f" ({s.leader})" if s.leader else ""
            out.append(wrap(f"- {s.name}{who} {verb('backs', s.plural)} {' and '.join(s.backs)}; {s.verdict}{needs}"))
    out += ["", f"Deadline: {card.deadline_label} ({card.deadline} turns)."]
    if card.turn_labels:
        out.append(wrap(f"The turns run from {card.turn_labels[0]} to {card.turn_labels[-1]}.", ""))
    out += [wrap(card.order, ""), wrap(f"Simulated: {card.simulated}", "")]
    if card.sources:
        out += ["Sources:", *(wrap(f"- {cite}") for cite in card.sources)]
    return "\n".join(out)


def meters(view: View, previous: tuple[float, ...] | None = None) -> str:
    rows = []
    for n, spec in enumerate(view.scenario.meter_specs.values()):
        value = view.meters[n]
        change = ""
        if previous is not None and abs(value - previous[n]) > 1e-9:
            change = f" ({value - previous[n]:+.2f})"
        limit = f"  ends the talks at {spec.escalate_at:.2f}" if spec.escalate_at is not None else ""
        rows.append(f"  {spec.label:<22} [{bar(value)}] {value:.2f}{change}{limit}")
    return "\n".join(rows)


def table(view: View) -> str:
    sc = view.scenario
    offer = view.offer
    if offer is None:
        return "On the table: nothing."
    who = "your" if offer.by == view.seat else f"{sc.actors[offer.by].name}'s"
    note = "" if offer.full else " (partial: every issue must be settled before it can be accepted)"
    out = f"On the table, {who} offer{note}:\n{wrap(sc.describe(offer.package))}"
    if len(sc.negotiators) > 2 or sc.mediator:
        waiting = [sc.actors[s].name for s in sc.negotiators if s not in view.accepted]
        if offer.full and view.accepted:
            out += f"\n  Accepted by {', '.join(sc.actors[s].name for s in sorted(view.accepted))}"
            out += f"; waiting for {', '.join(waiting)}." if waiting else "."
    if view.own.reservation is not None:
        out += (f"\n  Worth to you: {view.utility(offer.package):.2f} "
                f"(your reservation {view.own.reservation:.2f})")
    warning = hints.offer_warning(view)  # the same words the window's offer box and the hints use
    if warning is not None:
        out += "\n" + wrap(f"(!) {warning}", "  ")
    return out


def accept_warning(view: View) -> str | None:
    """Before this seat accepts the offer on the table: what is wrong with it when a deal on it would fail at home
    (``game.analysis.hints.accept_warning``, which the window asks too); None when nothing is."""
    return hints.accept_warning(view)


def event_line(text: str, speaker: str) -> str:
    """An event's line ("Title: text"), naming who reports it as its source after the title, not at the end where
    it would read as the speaker of the last sentence (or of the question that follows)."""
    if not speaker:
        return text
    head, sep, rest = text.partition(": ")
    if not sep:
        return f"(source: {speaker}) {text}"
    return f"{head} (source: {speaker}): {rest}"


def entry(item: LogEntry, show_reasons: bool, view: View | None = None) -> str:
    """A line of the record; with the reader's `view`, a line said to it alone is marked so (as in the window)."""
    speaker = f"{item.speaker}: " if item.speaker else ""
    if item.kind == "event":
        text = f"** {event_line(item.text, item.speaker)}"
    elif item.kind == "outcome":
        text = f"== {item.text} =="
    else:
        text = f"{speaker}{item.text}"
        if view is not None and hints.heard_alone(view, item):
            text += f" ({hints.PRIVATE})"
    if show_reasons and item.reason:
        text += f"\n    [why: {item.reason}]"
    return wrap(text, "  ")


def debrief(sc: PublicScenario, d: Debrief, you: str | None = None) -> str:
    names = {s: sc.actors[s].name + (" (you)" if s == you else "") for s in sc.actors}
    out = ["", f"=== Debrief: {d.title} ===", wrap(d.text, "")]
    readers = [you] if you is not None else list(sc.seats)  # at a shared screen, every side's own texts
    for seat in readers:
        for text in d.notes(seat).texts:
            out.append(wrap(text if you is not None else f"For {sc.actors[seat].name}: {text}", ""))
    if d.outcome == "walkout" and d.by in sc.actors:
        out.append(wrap(f"{sc.speaker(d.by)} ({names[d.by]}) walked out.", ""))
    elif d.outcome == "escalation" and d.by in sc.meter_specs:
        out.append(wrap(f"{sc.meter_specs[d.by].label} reached its limit.", ""))
    if d.package is not None:
        out += ["", "The deal:", wrap(sc.describe(d.package))]
    for verdict in d.ratifications:
        out.append(wrap(f"- {verdict.why}"))
    out += ["", "Results (utility from 0 to 1; the reservation is what no deal was worth):",
            wrap(f"({SCORE_MEANS}; below 0: worse than no deal)", "  ")]
    width = max(len(names[s.actor]) for s in d.sides) + 1
    for side in d.sides:
        out.append(f"  {names[side.actor]:<{width}} got {side.utility:.2f}, reservation {side.reservation:.2f}, "
                   f"best case {side.best:.2f}, score {side.score:+.2f}  [{bar(side.utility, 10)}]")
        if side.rejected_by:
            rejected = ", ".join(sc.actors[s].name for s in side.rejected_by)
            out.append(wrap(f"(score reduced by {STAKEHOLDER_PENALTY:.2f} for each stakeholder that rejected the "
                            f"deal: {rejected})", "    "))
    if d.mediator is not None:
        mediator, value, best = d.mediator
        out.append(wrap(f"The mediator, {names[mediator]}: the deal is worth {value:.2f} by its own values "
                        f"(its best case {best:.2f}); its acceptance was not needed."))
    if d.zone_size is not None:
        out.append(f"  Zone of possible agreement: {d.zone_size} of {d.package_count} packages gave every side "
                   "more than no deal.")
    if d.nash is not None:
        worth = ", ".join(f"{u:.2f} for {names[s]}" for s, u in zip(d.negotiators, d.nash.utilities))
        out.append(wrap(f"Nash bargaining point: {sc.describe(d.nash.package)} ({worth})."))
    else:
        out.append("  No package gave every side more than no deal in this game.")
    if d.left_on_table is not None:
        out.append(f"  Distance from the deal to the Pareto frontier: {d.left_on_table:.3f}"
                   + (" (the deal was efficient)" if d.left_on_table < 1e-6 else " (value left on the table)"))
    if d.from_nash is not None:
        out.append(f"  Distance from the deal to the Nash point: {d.from_nash:.3f}")
    out.append(f"  Pareto frontier: {len(d.frontier.points)} efficient packages.")
    if d.offers:
        heads = " / ".join(sc.actors[s].name for s in d.negotiators)
        out += ["", f"Trail of offers (utility to {heads}):"]
        for offer in d.offers:
            values = " / ".join(f"{u:.2f}" for u in offer.utilities)
            out.append(f"  turn {offer.turn:>2} {sc.actors[offer.by].name:<24} {values}")
    if d.drawn:
        out += ["", "Priorities in this game (drawn from the scenario's ranges: another game draws others):"]
        for actor, weights in d.drawn:
            out.append(wrap(f"- {sc.actors[actor].name}: "
                            + ", ".join(f"{issue} (weight {w:.2f})" for issue, w in weights)))
    out += chart(sc, d, you)
    out += ["", "Red lines:"]
    for line in d.red_lines:
        owner = sc.actors[line.owner].name
        out.append(wrap(f"- {owner}, {line.issue}: {line.stated} -> {line.verdict(owner)}"))
    out += ["", *meters_over_game(sc, d)]
    out += ["", "What happened in history:", wrap(d.history)]
    questions = [*d.questions, *(q if you is not None else f"{sc.actors[seat].name}: {q}"
                                 for seat in readers for q in d.notes(seat).questions)]
    if questions:
        out += ["", "Questions for discussion:", *(wrap(f"- {q}") for q in questions)]
    return "\n".join(out)


SCORE_MEANS = "score: 0 = no better than no deal, 1 = your best case"


def meters_over_game(sc: PublicScenario, d: Debrief) -> list[str]:
    """The meters over the game as a table whose columns say when each figure was taken: the table showed the
    meters after each turn's events, the debrief keeps them at the start and at the end of each turn."""
    columns = [{"start": "0"}.get(c, c) for c in meter_columns(len(d.timeline))]
    out = [wrap("Meters over the game. Column 0: at the start, before turn 1's events; a number: at the end of that "
                "turn; end: when the game ended. The table showed each turn's meters after that turn's events, so "
                "a turn's figures there can differ from the column before it.", "")]
    label_w = max([22, *(len(spec.label) for spec in sc.meter_specs.values())])
    per_block = max(1, (WIDTH - label_w - 3) // 5)
    for start in range(0, len(columns), per_block):
        block = range(start, min(len(columns), start + per_block))
        out.append(f"  {'turn':<{label_w}} " + " ".join(f"{columns[k]:>4}" for k in block))
        for n, spec in enumerate(sc.meter_specs.values()):
            out.append(f"  {spec.label:<{label_w}} " + " ".join(f"{d.timeline[k][n]:.2f}" for k in block))
    return out


CHART_W, CHART_H = 56, 15


def chart(sc: PublicScenario, d: Debrief, you: str | None) -> list[str]:
    """The debrief's chart of one pair of sides (yours and the next, when you played a negotiator), in text:
    every package by its worth to each side, the Pareto frontier, the Nash point, both reservations, the
    offers and the deal."""
    if len(d.negotiators) < 2:
        return []
    first = you if you in d.negotiators else d.negotiators[0]
    second = next(s for s in d.negotiators if s != first)
    pair = d.pair(first, second)
    names = [sc.actors[s].name for s in (first, second)]
    whose = [name + (" (you)" if s == you else "") for s, name in zip((first, second), names)]
    where = "for every pair of sides" if len(d.negotiators) > 2 else "larger"
    return ["", wrap(f"The chart: every package by its worth to {whose[0]} (across) and to {whose[1]} (up); the "
                     f"window's debrief draws it {where}:", ""),
            *plot(pair, (d.side(first).best, d.side(second).best), names)]


def plot(pair: Pair, best: tuple[float, float], names: list[str]) -> list[str]:
    hi = (max(1.0, best[0]), max(1.0, best[1]))
    grid = [[" "] * CHART_W for _ in range(CHART_H)]
    rank = {" ": 0, "-": 1, "|": 1, "x": 2, ".": 3, "*": 4, "o": 5, "+": 5, "m": 5, "N": 6, "D": 7}

    def cell(ua: float, ub: float) -> tuple[int, int]:
        col = min(CHART_W - 1, max(0, round(ua / hi[0] * (CHART_W - 1))))
        row = min(CHART_H - 1, max(0, round((1 - ub / hi[1]) * (CHART_H - 1))))
        return row, col

    def put(ua: float, ub: float, mark: str) -> None:
        row, col = cell(ua, ub)
        if rank[mark] >= rank[grid[row][col]]:
            grid[row][col] = mark

    res_row, res_col = cell(*pair.reservations)
    for col in range(CHART_W):
        grid[res_row][col] = "-"
    for row in range(CHART_H):
        grid[row][res_col] = "|"
    blocked = pair.blocked if len(pair.blocked) == len(pair.cloud) else [False] * len(pair.cloud)
    for (ua, ub), no in zip(pair.cloud, blocked):
        put(ua, ub, "x" if no else ".")
    for ua, ub in pair.frontier:
        put(ua, ub, "*")
    for by, _turn, ua, ub in pair.offers:
        put(ua, ub, "o" if by == pair.sides[0] else "+" if by == pair.sides[1] else "m")
    if pair.nash is not None:
        put(*pair.nash, "N")
    if pair.deal is not None:
        put(*pair.deal, "D")
    labels = {0: f"{hi[1]:.2f}", res_row: f"{pair.reservations[1]:.2f}", CHART_H - 1: "0.00"}
    out = [f"  {labels.get(n, ''):>5} |{''.join(line).rstrip()}" for n, line in enumerate(grid)]
    out.append(f"  {'':>5} +{'-' * CHART_W}")
    axis = [" "] * (CHART_W + 9)
    for col, text in ((0, "0.00"), (res_col, f"{pair.reservations[0]:.2f}"), (CHART_W - 1, f"{hi[0]:.2f}")):
        at = max(0, min(len(axis) - len(text), col + 7 - len(text) // 2))
        if all(c == " " for c in axis[max(0, at - 1):at + len(text) + 1]):
            axis[at:at + len(text)] = text
    out.append(f"  {''.join(axis).rstrip()}")
    legend = [". a package; x a package across a firm red line: no deal, so the frontier leaves it out",
              "* the Pareto frontier; N the Nash point; D the deal",
              f"o offers by {names[0]}; + offers by {names[1]}"
              + ("; m offers by the others" if any(c == "m" for r in grid for c in r) else ""),
              f"| reservation of {names[0]}; - reservation of {names[1]}"]
    return [*out, *(wrap(line, "  ") for line in legend)]
