"""Payoffs: what a deal is worth to each side, the score, the zone of agreement and the firm red lines.

Each idea is computed here once; the debrief, the simulator, the lint, the role cards and the
instructor sheet all take it from here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:  # the scenario package's validator and the engine's records use this module: no import cycle
    from game.engine.state import State
    from game.scenario.model import Package, Scenario, Valuation

STAKEHOLDER_PENALTY = 0.25  # taken from a side's score for each of its stakeholders rejecting the deal


def certainly_firm(sc: Scenario) -> frozenset[str]:
    """The red lines firm in every game (before the seed draws which bluffs are real)."""
    return frozenset(line.key for val in sc.valuations.values() for line in val.red_lines if line.firm_chance >= 1.0)


def firm_masks(sc: Scenario, firm: Iterable[str]) -> list[np.ndarray]:
    """Per issue, the options a deal can use: no firm red line of a negotiator (its principal would refuse)
    or of a stakeholder that must ratify (the deal would fail) forbids them. `firm`: the keys of the red
    lines firm in this game (`certainly_firm` before any game)."""
    firm = frozenset(firm)
    masks = [np.ones(len(opts), dtype=bool) for opts in sc.options]
    owners = [*sc.negotiators, *(s for s in sc.stakeholders if sc.actors[s].must_ratify)]
    for owner in owners:
        val = sc.valuations.get(owner)
        for line in val.red_lines if val else ():
            if line.key in firm:
                for x in line.forbid:
                    masks[line.issue][x] = False
    return masks


def zone_mask(sc: Scenario, reservations: Mapping[str, float], masks: list[np.ndarray],
              valuations: Mapping[str, Valuation] | None = None) -> np.ndarray | None:
    """Which enumerated packages every negotiator prefers to no deal, across no firm red line
    (None: too many packages to enumerate)."""
    if not sc.space.enumerable:
        return None
    space = sc.outcome_space()
    ok = np.ones(len(space), dtype=bool)
    for i, mask in enumerate(masks):
        ok &= mask[space[:, i]]
    for actor in sc.negotiators:
        ok &= sc.utilities(actor, space, (valuations or sc.valuations)[actor]) >= reservations[actor] - 1e-12
    return ok


def outcome_utilities(sc: Scenario, deal: Package | None, reservations: Mapping[str, float],
                      valuations: Mapping[str, Valuation] | None = None) -> tuple[float, ...]:
    """What the game was worth to each negotiator: the deal's utility, or its reservation when there is none
    (by `valuations`, a game's drawn preferences; the scenario's middle values by default)."""
    vals = valuations or sc.valuations
    return tuple(vals[a].utility(deal) if deal is not None else reservations[a] for a in sc.negotiators)


def score(utility: float, reservation: float, best: float, rejections: int = 0) -> float:
    """0 = no better than walking away, 1 = the best case; negative below the BATNA; each stakeholder of the
    side that rejected the deal costs STAKEHOLDER_PENALTY."""
    span = best - reservation
    return ((utility - reservation) / span if span > 1e-9 else 0.0) - STAKEHOLDER_PENALTY * rejections


@dataclass(frozen=True)
class SideResult:
    """What a finished game was worth to one negotiator."""

    actor: str
    utility: float  # of the deal, or the reservation when there is none
    reservation: float
    best: float
    score: float  # 0 = no better than walking away, 1 = the best case; negative below the BATNA
    rejected_by: tuple[str, ...] = ()  # stakeholders of this side who rejected a deal that stands (each costs
    # the score STAKEHOLDER_PENALTY)


def side_results(state: State) -> tuple[SideResult, ...]:
    """Each negotiator's result, in the scenario's order: the one place the score of a game is computed."""
    sc = state.scenario
    result = state.result
    deal = result.package if result and result.kind == "agreement" else None
    verdicts = result.ratifications if result else ()
    reservations = state.hidden.reservations
    sides = []
    for actor, utility in zip(sc.negotiators, outcome_utilities(sc, deal, reservations, state.valuations)):
        best = state.valuations[actor].best
        # only a deal that stands costs its sides the stakeholders who rejected it (those without must_ratify;
        # a rejection by one that must ratify sinks the deal, and no deal scores 0)
        rejected = tuple(v.actor for v in verdicts if not v.approves and v.actor in sc.backers(actor)) if deal else ()
        sides.append(SideResult(actor, utility, reservations[actor], best,
                                score(utility, reservations[actor], best, len(rejected)), rejected))
    return tuple(sides)
