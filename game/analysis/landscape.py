"""The scenario's landscape before any game: what the instructor's sheet and the class report chart.

Before a game draws its hidden values, the packages that can be a deal are those no certainly firm
red line forbids, and each side's walk-away value is the lowest of its reservation range. On that
landscape: the Pareto frontier over every negotiator's utility, the Nash point, and the zone of
agreement. Charts show a pair of sides at a time (``pair``); with three sides or more, the pair's
frontier is taken among the deals every other side prefers to no deal.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np

from game.analysis.frontier import Frontier, NashPoint, all_outcomes, nash_point
from game.analysis.pareto import pair_plane, pareto_set
from game.analysis.payoff import certainly_firm, firm_masks
from game.scenario.model import Scenario


@dataclass(frozen=True)
class PairLandscape:
    sides: tuple[str, str]
    frontier: np.ndarray  # (m, 2) by the first side's utility ascending
    lows: tuple[float, float]  # the pair's lowest reservations
    nash: tuple[float, float] | None
    allowed: np.ndarray  # (k, 2): packages no certainly firm red line forbids (empty: too many to list)
    forbidden: np.ndarray  # (j, 2): packages such a red line forbids


@dataclass(frozen=True)
class Landscape:
    scenario: Scenario
    negotiators: tuple[str, ...]
    lows: dict[str, float]
    masks: list[np.ndarray]
    frontier: Frontier
    nash: NashPoint | None

    def pair(self, first: str, second: str) -> PairLandscape:
        sc = self.scenario
        i, j = self.negotiators.index(first), self.negotiators.index(second)
        plane = pair_plane(self.frontier.points, i, j, [self.lows[x] for x in self.negotiators])
        nash = (self.nash.utilities[i], self.nash.utilities[j]) if self.nash is not None else None
        allowed = forbidden = np.empty((0, 2))
        if sc.space.enumerable:
            utilities, packages = all_outcomes(sc.valuations[first].arrays, sc.valuations[second].arrays)
            ok = np.ones(len(packages), dtype=bool)
            for i, mask in enumerate(self.masks):
                ok &= mask[packages[:, i]]
            allowed, forbidden = utilities[ok], utilities[~ok]
        return PairLandscape((first, second), plane, (self.lows[first], self.lows[second]), nash, allowed,
                             forbidden)

    def pairs(self) -> list[tuple[str, str]]:
        sides = self.negotiators
        return [(a, b) for n, a in enumerate(sides) for b in sides[n + 1:]]


@functools.lru_cache(maxsize=16)
def copied(sc: Scenario) -> tuple[int, ...]:
    """The package a student would copy from a classmate's debrief: the Nash point of the scenario's middle
    values (or, with no zone of agreement, the frontier package best for the sides together)."""
    land = landscape(sc)
    if land.nash is not None:
        return tuple(land.nash.package)
    points, packages = land.frontier.points, land.frontier.packages
    if len(points):
        return tuple(int(x) for x in packages[int(np.argmax(points.sum(axis=1)))])
    return tuple(int(np.argmax(row)) for row in sc.valuations[sc.negotiators[0]].arrays)


def lowest_reservation(sc: Scenario, actor: str) -> float:
    res = sc.valuations[actor].reservation
    return res[0] if res is not None else 0.0


def landscape(sc: Scenario) -> Landscape:
    sides = sc.negotiators
    masks = firm_masks(sc, certainly_firm(sc))
    lows = {x: lowest_reservation(sc, x) for x in sides}
    frontier = pareto_set([sc.valuations[x].arrays for x in sides], masks,
                          floors=None if len(sides) == 2 else [lows[x] for x in sides])
    return Landscape(sc, sides, lows, masks, frontier, nash_point(frontier, *(lows[x] for x in sides)))
