"""The debrief states each side's result against its reservation and compares the deal with the frontier."""

from __future__ import annotations

import numpy as np

from game.analysis.debrief import debrief
from game.engine import Move, apply, new_game
from game.scenario import load_scenario
from tests.engine.test_rules import RIVER


def agreed(package: tuple[int, ...]):  # type: ignore[no-untyped-def]
    sc = RIVER
    state = new_game(sc, 1, "downstream", "normal")
    state = apply(state, Move("consult", target="farmers"))
    state = apply(state, Move("propose", package=package))
    return state


def test_a_deal_is_scored_against_reservation_and_best_case() -> None:
    sc = RIVER
    state = new_game(sc, 3, "upstream", "normal")
    state = apply(state, Move("walkout"))
    d = debrief(state)
    assert d.outcome == "walkout" and d.package is None
    for side in d.sides:
        assert side.utility == state.hidden.reservations[side.actor] and side.score == 0.0
    assert {line.owner for line in d.red_lines} == {"upstream", "downstream"}


def test_the_nash_point_is_the_best_product_over_the_zone() -> None:
    sc = load_scenario("tests/data/river.yaml")
    state = new_game(sc, 5, "upstream", "normal")
    d = debrief(apply(state, Move("walkout")))
    space = sc.outcome_space()
    a, b = sc.negotiators
    ua, ub = sc.utilities(a, space), sc.utilities(b, space)
    firm = np.ones(len(space), dtype=bool)
    for actor in sc.negotiators:
        for line in sc.valuations[actor].red_lines:
            if line.key in state.hidden.firm:
                firm &= ~np.isin(space[:, line.issue], list(line.forbid))
    ra, rb = state.hidden.reservations[a], state.hidden.reservations[b]
    zone = firm & (ua >= ra) & (ub >= rb)
    assert d.zone_size == int(zone.sum())
    product = np.where(zone, (ua - ra) * (ub - rb), -np.inf)
    assert d.nash is not None
    assert abs(d.nash.product - product.max()) < 1e-9
