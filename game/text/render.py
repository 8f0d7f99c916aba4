"""Turning game state into terminal text: briefing, table, log lines, debrief."""

from __future__ import annotations

import textwrap

from game.analysis.debrief import STAKEHOLDER_PENALTY, Debrief
from game.engine.state import LogEntry, State
from game.engine.talk import describe_package
from game.scenario.model import Scenario

WIDTH = 78


def wrap(text: str, indent: str = "  ") -> str:
    return "\n".join(textwrap.fill(p, WIDTH, initial_indent=indent, subsequent_indent=indent)
                     for p in text.strip().split("\n") if p.strip())


def bar(value: float, width: int = 20) -> str:
    filled = round(value * width)
    return "#" * filled + "." * (width - filled)


def briefing(state: State, actor: str) -> str:
    sc = state.scenario
    spec = sc.spec
    me = sc.actors[actor]
    other = sc.actors[sc.other(actor)]
    val = sc.valuations[actor]
    out = [f"== {spec.title} ==", wrap(spec.summary, ""), "",
           f"You are {me.negotiator or me.name} ({me.name})" + (f", answering to {me.principal}." if me.principal
                                                                 else "."),
           wrap(me.briefing or "", "")]
    out += ["", "Your priorities (hidden from the other side):"]
    ranked = sorted(range(len(sc.issues)), key=lambda i: -val.weights[i])
    for i in ranked:
        issue = spec.issues[i]
        options = ", ".join(f"{o.label} {val.table[i][k] / val.weights[i] if val.weights[i] else 0:.1f}"
                            for k, o in enumerate(issue.options))
        out.append(f"  {issue.title} (weight {val.weights[i]:.2f}): {options}")
    out.append(f"Your reservation value (what no deal is worth to you): {state.hidden.reservations[actor]:.2f}")
    for line in val.red_lines:
        kind = "firm" if line.key in state.hidden.firm else "a bluff you may drop"
        out.append(f"  Red line ({kind}): {line.stated or spec.issues[line.issue].title}")
    out += ["", f"What you know of {other.name} ({other.negotiator or other.name}):"]
    if other.public_position:
        out.append(wrap(other.public_position))
    for demand in other.demands:
        out.append(wrap(f"- {demand.text}"))
    for line in sc.valuations[other.id].red_lines:
        if line.public and line.stated:
            out.append(wrap(f"- States a red line: {line.stated}"))
    stakeholders = [sc.actors[s] for s in sc.stakeholders]
    if stakeholders:
        out += ["", "Stakeholders:"]
        for s in stakeholders:
            needs = " must ratify any deal;" if s.must_ratify else ""
            needs += " expects to be consulted;" if s.requires_consultation else ""
            out.append(wrap(f"- {s.name} ({s.leader or ''}) backs {sc.actors[s.backs or ''].name};{needs}"
                            .replace(" ()", "").rstrip(";")))
    out += ["", f"Deadline: {spec.deadline.label} ({sc.deadline} turns).",
            wrap(f"Simulated: {spec.simulated}", "")]
    return "\n".join(out)


def meters(state: State, previous: tuple[float, ...] | None = None) -> str:
    sc = state.scenario
    rows = []
    for n, spec in enumerate(sc.spec.meters.values()):
        value = state.meters[n]
        change = ""
        if previous is not None and abs(value - previous[n]) > 1e-9:
            change = f" ({value - previous[n]:+.2f})"
        limit = f"  ends the talks at {spec.escalate_at:.2f}" if spec.escalate_at is not None else ""
        rows.append(f"  {spec.label:<22} [{bar(value)}] {value:.2f}{change}{limit}")
    return "\n".join(rows)


def table(state: State, actor: str) -> str:
    sc = state.scenario
    offer = state.offer
    if offer is None:
        return "On the table: nothing."
    who = "your" if offer.by == actor else f"{sc.actors[offer.by].name}'s"
    value = sc.valuations[actor].utility(offer.package)
    note = "" if offer.full else " (partial: every issue must be settled before it can be accepted)"
    return (f"On the table, {who} offer{note}:\n{wrap(describe_package(sc, offer.package))}\n"
            f"  Worth to you: {value:.2f} (your reservation {state.hidden.reservations[actor]:.2f})")


def entry(item: LogEntry, show_reasons: bool) -> str:
    speaker = f"{item.speaker}: " if item.speaker else ""
    if item.kind == "event":
        text = f"** {item.text}" + (f" ({item.speaker})" if item.speaker else "")
    elif item.kind == "outcome":
        text = f"== {item.text} =="
    else:
        text = f"{speaker}{item.text}"
    if show_reasons and item.reason:
        text += f"\n    [why: {item.reason}]"
    return wrap(text, "  ")


def debrief(sc: Scenario, d: Debrief, state: State) -> str:
    a, b = sc.negotiators
    out = ["", f"=== Debrief: {d.title} ===", wrap(d.text, "")]
    if d.package is not None:
        out += ["", "The deal:", wrap(describe_package(sc, d.package))]
    for verdict in d.ratifications:
        out.append(wrap(f"- {verdict.why}"))
    out += ["", "Results (utility from 0 to 1; the reservation is what no deal was worth):"]
    for side in d.sides:
        out.append(f"  {sc.actors[side.actor].name:<24} got {side.utility:.2f}, reservation {side.reservation:.2f},"
                   f" best case {side.best:.2f}, score {side.score:+.2f}")
        if side.rejected_by:
            names = ", ".join(sc.actors[s].name for s in side.rejected_by)
            out.append(wrap(f"(score reduced by {STAKEHOLDER_PENALTY:.2f} for each stakeholder that rejected the "
                            f"deal: {names})", "    "))
    if d.zone_size is not None:
        out.append(f"  Zone of possible agreement: {d.zone_size} of {sc.package_count} packages gave both sides "
                   "more than no deal.")
    if d.nash is not None:
        out.append(wrap(f"Nash bargaining point: {describe_package(sc, d.nash.package)} "
                        f"({d.nash.utilities[0]:.2f} for {sc.actors[a].name}, "
                        f"{d.nash.utilities[1]:.2f} for {sc.actors[b].name})."))
    else:
        out.append("  No package gave both sides more than no deal in this game.")
    if d.left_on_table is not None:
        out.append(f"  Distance from the deal to the Pareto frontier: {d.left_on_table:.3f}"
                   + (" (the deal was efficient)" if d.left_on_table < 1e-6 else " (value left on the table)"))
    if d.from_nash is not None:
        out.append(f"  Distance from the deal to the Nash point: {d.from_nash:.3f}")
    out.append(f"  Pareto frontier: {len(d.frontier.points)} efficient packages.")
    if d.offers:
        out += ["", f"Trail of offers (utility to {sc.actors[a].name} / {sc.actors[b].name}):"]
        for by, turn, ua, ub in d.offers:
            out.append(f"  turn {turn:>2} {sc.actors[by].name:<24} {ua:.2f} / {ub:.2f}")
    out += ["", "Red lines:"]
    for line in d.red_lines:
        kind = "FIRM" if line.firm else ("a bluff that gave way" if line.softened else "a bluff (never tested)")
        out.append(wrap(f"- {sc.actors[line.owner].name}, {line.issue}: {line.stated} -> {kind}"))
    out += ["", "Meters over the game:"]
    for n, spec in enumerate(sc.spec.meters.values()):
        values = " ".join(f"{row[n]:.2f}" for row in state.timeline)
        out.append(f"  {spec.label:<22} {values}")
    out += ["", "What happened in history:", wrap(d.history)]
    return "\n".join(out)
