"""Ratification: the second level of the two-level game.

An accepted package goes home. Each negotiator's principal refuses a deal that
crosses its own firm red line; each stakeholder approves or rejects it by its
red lines, its reservation value and whether it was consulted. A rejection by a
stakeholder that must ratify sinks the agreement.
"""

from __future__ import annotations

from game.engine.state import OutcomeKind, Ratification, Result, State
from game.scenario.model import Package
from game.scenario.public import verb


def judge(state: State, package: Package) -> tuple[Ratification, ...]:
    """Every principal's and stakeholder's verdict on a full package."""
    sc = state.scenario
    verdicts = []
    for actor in sc.negotiators:
        val = state.valuations[actor]
        crossed = [line for line in val.red_lines if line.key in state.hidden.firm and line.crossed_by(package)]
        who, plural = sc.principal(actor)
        if crossed:
            issue = sc.spec.issues[crossed[0].issue].title
            verdicts.append(Ratification(actor, False, f"{who} {verb('refuses', plural)}: it crosses a firm red "
                                                       f"line on {issue}"))
        else:
            verdicts.append(Ratification(actor, True, f"{who} {verb('endorses', plural)} the deal"))
    for actor in sc.stakeholders:
        spec = sc.actors[actor]
        plural = sc.plural(actor)
        reasons = []
        if spec.requires_consultation and actor not in state.consulted:
            reasons.append("it was decided without being consulted")
        stake = state.valuations.get(actor)
        if stake is not None:
            for line in stake.red_lines:
                if state.red_line_active(line.key) and line.crossed_by(package):
                    title = sc.spec.issues[line.issue].title
                    reasons.append(f"it crosses {'their' if plural else 'its'} red line on {title}")
            reservation = state.hidden.reservations.get(actor)
            if reservation is not None and any(stake.weights) and stake.utility(package) < reservation:
                reasons.append("it gives too little")
        if reasons:
            verdicts.append(Ratification(actor, False, f"{spec.name} {verb('rejects', plural)} the deal: "
                                                       f"{'; '.join(reasons)}"))
        else:
            verdicts.append(Ratification(actor, True, f"{spec.name} {verb('supports', plural)} the deal"))
    return tuple(verdicts)


def ratify(state: State, package: Package, accepted_by: str) -> Result:
    verdicts = judge(state, package)
    sc = state.scenario
    fails = any(not v.approves and (v.actor in sc.negotiators or sc.actors[v.actor].must_ratify)
                for v in verdicts)
    kind: OutcomeKind = "ratification_failed" if fails else "agreement"
    return Result(kind, state.turn, by=accepted_by, package=package, ratifications=verdicts)
