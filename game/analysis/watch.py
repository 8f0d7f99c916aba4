"""A game in progress as the instructor watches it: what the offer on the table is worth to every side (hidden
values included: the instructor sees them, the seats do not), and what needs the instructor's eye."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from game.analysis.payoff import side_results
from game.engine.state import State

NEAR = 0.12  # a meter this close to where the talks break down is flagged (the hints warn at the same distance)


@dataclass(frozen=True)
class SideNow:
    seat: str
    offer_worth: float | None  # what the offer on the table is worth to it
    reservation: float | None
    accepted: bool
    crossed: tuple[str, ...]  # the titles of its firm red lines the offer on the table crosses


@dataclass(frozen=True)
class Watch:
    turn: int
    phase: str
    to_move: str | None
    offer: str | None  # the offer on the table, in words
    offer_by: str | None
    sides: tuple[SideNow, ...]  # one per negotiator
    meters: tuple[tuple[str, float], ...]
    near_escalation: tuple[str, ...]  # labels of the meters close to breaking the talks down
    walkout_due: tuple[str, ...]  # the AI seats whose walkout rule holds now: they leave at their next move
    outcome: str | None
    injected: tuple[str, ...]  # titles of the events the instructor fired, due at the next round
    scores: tuple[tuple[str, float, float], ...]  # after the game: (seat, utility, score)


def watch(state: State, ai: Mapping[str, str | None] | None = None) -> Watch:
    """`ai`: the seats the scenario's AI plays, with their level (None: the scenario's default)."""
    sc = state.scenario
    offer = state.offer
    sides = []
    for seat in sc.negotiators:
        valuation = state.valuations[seat]
        worth = valuation.utility(offer.package) if offer is not None and offer.full else None
        crossed = tuple(sc.spec.issues[line.issue].title for line in valuation.red_lines
                        if offer is not None and line.key in state.hidden.firm and state.red_line_active(line.key)
                        and offer.package[line.issue] in line.forbid)
        sides.append(SideNow(seat, worth, state.hidden.reservations.get(seat), seat in state.accepted, crossed))
    near = tuple(spec.label for value, spec in zip(state.meters, sc.spec.meters.values())
                 if spec.escalate_at is not None and value >= spec.escalate_at - NEAR)
    due = []
    if ai and not state.over:
        env = state.env()
        for seat, level in ai.items():
            rules = sc.walkout_rules(seat).get(level or sc.spec.ai.default_difficulty, ())
            if any(when(env) for when, _note in rules):
                due.append(seat)
    scores = tuple((s.actor, s.utility, s.score) for s in side_results(state)) if state.over else ()
    return Watch(state.turn, state.phase, state.to_move, sc.public.describe(offer.package) if offer else None,
                 offer.by if offer else None, tuple(sides), tuple(zip(sc.meters, state.meters)), near, tuple(due),
                 state.result.kind if state.result else None,
                 tuple(sc.event(e).spec.title for e in state.injected), scores)
