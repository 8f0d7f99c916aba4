"""The debrief: what a finished game teaches, as data any front end can show.

Each side's result against its reservation (BATNA) and best case, the zone of
possible agreement, the Pareto frontier and the Nash bargaining point over the
whole outcome space, how much value the deal left on the table, which red lines
were firm and which were bluffs, the stakeholders' verdicts and what happened.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.analysis.frontier import Frontier, NashPoint, distance_to_frontier, nash_point, pareto_frontier
from game.engine.state import Ratification, State
from game.scenario.model import ENUMERATE_LIMIT, Package, Scenario

STAKEHOLDER_PENALTY = 0.25  # taken from a side's score for each of its stakeholders rejecting the deal


@dataclass(frozen=True)
class SideResult:
    actor: str
    utility: float  # of the deal, or the reservation when there is none
    reservation: float
    best: float
    score: float  # 0 = no better than walking away, 1 = the best case; negative below the BATNA
    rejected_by: tuple[str, ...] = ()  # stakeholders of this side who rejected the deal (each costs the score)


@dataclass(frozen=True)
class RedLineReport:
    owner: str
    issue: str
    stated: str
    firm: bool
    softened: bool


@dataclass(frozen=True)
class Debrief:
    outcome: str
    title: str
    text: str
    package: Package | None
    sides: tuple[SideResult, ...]
    frontier: Frontier
    nash: NashPoint | None
    zone_size: int | None  # packages both sides prefer to no deal (None: too many to count)
    left_on_table: float | None  # distance from the deal to the frontier
    from_nash: float | None  # distance from the deal to the Nash point
    red_lines: tuple[RedLineReport, ...]
    ratifications: tuple[Ratification, ...]
    offers: tuple[tuple[str, int, float, float], ...]  # (by, turn, u_first, u_second) for full offers
    history: str


def firm_masks(state: State) -> list[np.ndarray]:
    """Options neither side can accept in this game: the firm red lines of both negotiators."""
    sc = state.scenario
    masks = [np.ones(len(opts), dtype=bool) for opts in sc.options]
    for actor in sc.negotiators:
        for line in sc.valuations[actor].red_lines:
            if line.key in state.hidden.firm:
                for x in line.forbid:
                    masks[line.issue][x] = False
    return masks


def zone_size(sc: Scenario, state: State, masks: list[np.ndarray]) -> int | None:
    if sc.package_count > ENUMERATE_LIMIT:
        return None
    space = sc.outcome_space()
    a, b = sc.negotiators
    ok = np.ones(len(space), dtype=bool)
    for i, mask in enumerate(masks):
        ok &= mask[space[:, i]]
    ok &= sc.utilities(a, space) >= state.hidden.reservations[a]
    ok &= sc.utilities(b, space) >= state.hidden.reservations[b]
    return int(ok.sum())


def debrief(state: State) -> Debrief:
    sc = state.scenario
    result = state.result
    kind = result.kind if result else "deadline"
    outcome = getattr(sc.spec.outcomes, kind)
    deal = result.package if result and result.kind == "agreement" else None
    sides = []
    verdicts = result.ratifications if result else ()
    for actor in sc.negotiators:
        val = sc.valuations[actor]
        reservation = state.hidden.reservations[actor]
        utility = val.utility(deal) if deal is not None else reservation
        span = val.best - reservation
        rejected = tuple(v.actor for v in verdicts if not v.approves and v.actor in sc.backers(actor))
        score = (utility - reservation) / span if span > 1e-9 else 0.0
        if deal is not None:
            score -= STAKEHOLDER_PENALTY * len(rejected)
        sides.append(SideResult(actor, utility, reservation, val.best, score, rejected))
    a, b = sc.negotiators
    masks = firm_masks(state)
    frontier = pareto_frontier(sc.valuations[a].arrays, sc.valuations[b].arrays, masks)
    nash = nash_point(frontier, state.hidden.reservations[a], state.hidden.reservations[b])
    left = from_nash = None
    if deal is not None:
        point = (sides[0].utility, sides[1].utility)
        left = distance_to_frontier(frontier, point)
        if nash is not None:
            from_nash = float(np.hypot(point[0] - nash.utilities[0], point[1] - nash.utilities[1]))
    lines = tuple(
        RedLineReport(actor, sc.spec.issues[line.issue].title,
                      line.stated or f"no {', '.join(sc.options[line.issue][x] for x in sorted(line.forbid))}",
                      line.key in state.hidden.firm, line.key in state.softened)
        for actor in sc.negotiators for line in sc.valuations[actor].red_lines)
    offers = tuple((o.by, o.turn, sc.valuations[a].utility(o.package), sc.valuations[b].utility(o.package))
                   for o in state.offers if o.full)
    return Debrief(kind, outcome.title, outcome.debrief, deal, tuple(sides), frontier, nash,
                   zone_size(sc, state, masks), left, from_nash, lines, result.ratifications if result else (), offers,
                   sc.spec.history.summary)
