"""What the class server sends: a seat's page (its view and nothing more) and the instructor's dashboard.

A student's page gets what its seat's View holds, with the words the other front ends use (the role
card, the hints, the verdict on a package being built), computed here by the shared analysis code; the
page only lays them out. The dashboard gets the tables as the instructor may see them, hidden values
included (``game.analysis.watch``).
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from game.analysis.card import RoleCard, role_card
from game.analysis.debrief import Debrief
from game.analysis.hints import accept_warning, hints, offer_warning, option_marks
from game.analysis.hints import verdict as package_verdict
from game.engine import View
from game.engine.moves import Move
from game.engine.talk import answer_options
from game.scenario.model import OPEN, Package
from game.scenario.public import PublicScenario
from game.seats import STAND_IN, TIMED_OUT

AI_FOR_PERSON = (STAND_IN, TIMED_OUT)  # how the reason of a move the AI made for a person begins


def scenario_info(sc: PublicScenario) -> dict[str, Any]:
    """The public face of the scenario, sent once: titles and labels the page shows."""
    return {
        "id": sc.id, "title": sc.title, "summary": sc.summary, "simulated": sc.simulated, "deadline": sc.deadline,
        "deadline_label": sc.deadline_label,
        "turn_headings": [sc.turn_heading(t) for t in range(1, sc.deadline + 1)],
        "issues": [{"id": i.id, "title": i.title, "options": [{"id": o.id, "label": o.label} for o in i.options]}
                   for i in sc.issue_specs],
        "meters": [{"id": k, "label": m.label, "description": m.description, "escalate_at": m.escalate_at,
                    "warn_at": m.warn_at} for k, m in sc.meter_specs.items()],
        "actors": {k: {"name": a.name, "speaker": sc.speaker(k), "role": a.role} for k, a in sc.actors.items()},
        "seats": list(sc.seats), "negotiators": list(sc.negotiators), "mediator": sc.mediator,
        "moves": {k: {"label": v.label or k.capitalize(), "description": v.description}
                  for k, v in sc.moves.items() if v.enabled},
    }


def verdict(view: View, package: Package) -> dict[str, Any]:
    """What a package being built means for this seat: its worth, and the offer builders' verdict in words."""
    found = package_verdict(view, package)
    reservation = view.own.reservation
    return {"worth": round(view.utility(package), 4), "best": round(view.own.best, 4),
            "reservation": None if reservation is None else round(reservation, 4),
            "text": found.texts[0].removeprefix("(!) "), "tone": found.tone}


def seat_page(view: View, *, table: int, moves: int, paused: bool, names: dict[str, str],
              practice: bool, ended: bool) -> dict[str, Any]:
    """Everything a seat's page shows now, from its view alone."""
    sc = view.scenario
    data = view.to_dict()
    data["table"] = table
    data["moves_seen"] = moves  # sent back with a move: a move sent twice is applied once
    data["paused"] = paused
    data["ended"] = ended
    data["names"] = names
    data["practice"] = practice
    data["card"] = card_data(role_card(sc, view.own))
    data["hints"] = hints(view) if practice and not view.over else []
    turn = min(view.turn, sc.deadline)
    label = sc.turn_label(turn)  # the author's label of this turn, if any (the deadline's is on the role card)
    data["heading"] = f"Turn {turn} of {sc.deadline}" + (f": {label}" if label else "")
    for entry in data["log"]:  # a move the AI made for a person says so
        by_ai = str(entry["reason"] or "").startswith(AI_FOR_PERSON)
        entry["by_ai"] = by_ai and entry["actor"] == view.seat
        if by_ai and entry["actor"] != view.seat:  # its reasons read that person's priorities: not for the others
            entry["reason"] = next(head for head in AI_FOR_PERSON if entry["reason"].startswith(head)).rstrip(": ")
    data["offer_verdict"] = verdict(view, view.offer.package) if view.offer is not None else None
    data["offer_text"] = sc.describe(view.offer.package) if view.offer is not None else None
    data["offer_warning"] = offer_warning(view)
    data["accept_warning"] = accept_warning(view) if "accept" in view.kinds else None
    data["option_marks"] = [[option_marks(view, i, x) for x in range(len(options))]
                            for i, options in enumerate(sc.options)]
    if view.question is not None:
        asker = sc.actors[view.question.asker].name
        title = sc.issue_specs[sc.issue_index[view.question.issue]].title
        data["question_text"] = f"{asker} asks how much {title} matters to you. How do you answer?"
        data["answers"] = [asdict(option) for option in answer_options(view)]
    data["addressees"] = {k: list(_aims(view, k)) for k in ("question", "threaten", "press") if k in view.kinds}
    data["consultable"] = list(sc.consultable(view.seat)) if "consult" in view.kinds else []
    if view.choice is not None:
        data["event"] = {"id": view.choice.id, "title": view.choice.title,
                         "ask": getattr(view.choice, "ask", None),
                         "choices": [{"id": c.id, "label": c.label, "text": c.text} for c in view.choice.choices]}
    return data


def card_data(card: RoleCard) -> dict[str, Any]:
    """The role card as data, with the words its properties compute (what a red line's firmness means, what a
    stakeholder's verdict does), so that the page says what the window and the printed card say."""
    data = asdict(card)
    data["priorities_note"] = card.priorities_note
    data["reservation_text"] = card.reservation_text
    for line, out in zip(card.red_lines, data["red_lines"]):
        out["text"], out["firmness"] = line.text, line.firmness
    for note, out in zip(card.stakeholders, data["stakeholders"]):
        out["verdict"] = note.verdict
    return data


def _aims(view: View, kind: str) -> tuple[str, ...]:
    return tuple(m.seat or "" for m in view.moves if m.kind == kind and (m.kind != "question" or m.target ==
                                                                        view.scenario.issues[0]))


def parse_package(view: View, raw: object) -> Package:
    """A package the page is building: an option id or null per issue; ValueError if it is not one."""
    sc = view.scenario
    if not isinstance(raw, list) or len(raw) != len(sc.issues):
        raise ValueError(f"a package gives one entry per issue ({len(sc.issues)})")
    out = []
    for issue, option in zip(sc.issue_specs, raw):
        if option is None:
            out.append(OPEN)
            continue
        ids = [o.id for o in issue.options]
        if not isinstance(option, str) or option not in ids:
            raise ValueError(f"'{str(option)[:40]}' is not an option of {issue.id}")
        out.append(ids.index(option))
    return tuple(out)


def proposal(view: View, package: Package) -> str:
    return Move("propose", package=package).notation(view.scenario)  # type: ignore[arg-type]


def seat_debrief(view: View, d: Debrief) -> dict[str, Any]:
    """The debrief a seat reads at the end (everything is revealed then), with a chart of the game for each pair
    of sides it belongs to."""
    from game.tools.charts import game_chart

    sc = view.scenario
    pairs = [(a, b) for n, a in enumerate(d.negotiators) for b in d.negotiators[n + 1:] if view.seat in (a, b)] \
        or [(d.negotiators[0], d.negotiators[1])]  # a mediator sees the first pair
    return {
        "charts": [game_chart(sc, d.pair(a, b)) for a, b in pairs],
        "ratifications": [{"actor": r.actor, "name": sc.actors[r.actor].name, "approves": r.approves, "why": r.why}
                          for r in d.ratifications],
        "outcome": d.outcome, "title": d.title, "text": d.text, "history": d.history,
        "package": sc.describe(d.package) if d.package is not None else None,
        "sides": [{"seat": s.actor, "name": sc.actors[s.actor].name, "utility": round(s.utility, 3),
                   "reservation": round(s.reservation, 3), "best": round(s.best, 3), "score": round(s.score, 3)}
                  for s in d.sides],
        "red_lines": [{"owner": r.owner, "issue": r.issue, "stated": r.stated,
                       "verdict": r.verdict(sc.actors[r.owner].name)} for r in d.red_lines],
        "questions": list(d.questions) + list(d.notes(view.seat).questions),
        "texts": list(d.notes(view.seat).texts),
        "drawn": [[side, [[issue, round(w, 3)] for issue, w in weights]] for side, weights in d.drawn],
    }

