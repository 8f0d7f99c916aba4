"""The debrief states each side's result against its reservation and compares the deal with the frontier."""

from __future__ import annotations

import numpy as np

from game.analysis.debrief import debrief
from game.analysis.hints import hints
from game.engine import Move, apply, new_game, observe
from game.scenario import load_scenario
from tests.engine.test_rules import RIVER


def test_without_a_deal_each_side_gets_its_reservation() -> None:
    state = apply(new_game(RIVER, 3), Move("walkout"))
    d = debrief(state)
    assert d.outcome == "walkout" and d.package is None and d.left_on_table is None
    for side in d.sides:
        assert side.utility == state.hidden.reservations[side.actor] and side.score == 0.0
    assert {line.owner for line in d.red_lines} == {"upstream", "downstream"}


def test_a_deal_is_scored_against_reservation_and_best_case() -> None:
    state = new_game(RIVER, 2)
    state = apply(state, Move("promise"))
    state = apply(state, Move("consult", target="farmers"))
    state = apply(state, Move("choose", target="flood", choice="calm"))
    state = apply(state, Move("propose", package=(1, 2, 1)))  # upstream offers a deal
    state = apply(state, Move("accept"))
    d = debrief(state)
    assert d.outcome == "agreement" and d.package == (1, 2, 1)
    for side in d.sides:
        val = RIVER.valuations[side.actor]
        reservation = state.hidden.reservations[side.actor]
        assert side.utility == val.utility((1, 2, 1))
        assert side.score == (side.utility - reservation) / (val.best - reservation)
    assert d.left_on_table is not None and d.left_on_table >= 0.0
    assert d.from_nash is not None


def test_the_nash_point_is_the_best_product_over_the_zone() -> None:
    sc = load_scenario("tests/data/river.yaml")
    state = new_game(sc, 5)
    d = debrief(apply(state, Move("walkout")))
    space = sc.outcome_space()
    a, b = sc.negotiators
    ua, ub = sc.utilities(a, space), sc.utilities(b, space)
    firm = np.ones(len(space), dtype=bool)
    for actor in (*sc.negotiators, "farmers"):  # the farmers must ratify: a deal across their line fails
        for line in sc.valuations[actor].red_lines:
            if line.key in state.hidden.firm:
                firm &= ~np.isin(space[:, line.issue], list(line.forbid))
    ra, rb = state.hidden.reservations[a], state.hidden.reservations[b]
    zone = firm & (ua >= ra) & (ub >= rb)
    assert d.zone_size == int(zone.sum())
    product = np.where(zone, (ua - ra) * (ub - rb), -np.inf)
    assert d.nash is not None
    assert abs(d.nash.product - product.max()) < 1e-9


def test_hints_point_at_a_deal_worth_taking_and_at_unconsulted_stakeholders() -> None:
    state = new_game(RIVER, 1)
    assert any("consulted" in h for h in hints(observe(state, "downstream")))
    state = apply(state, Move("propose", package=(2, 2, 1)))  # upstream offers full flow, high dam, a fund
    worth = RIVER.valuations["downstream"].utility((2, 2, 1))
    advice = hints(observe(state, "downstream"))
    assert any(f"{worth:.2f}" in h for h in advice)


def test_a_three_party_debrief_scores_every_side_and_charts_any_pair() -> None:
    from tests.test_multiparty import HARBOUR3, zone_of

    state = apply(apply(new_game(HARBOUR3, 1), Move("pass")), Move("walkout"))
    d = debrief(state)
    assert [s.actor for s in d.sides] == list(HARBOUR3.negotiators) and d.frontier.points.shape[1] == 3
    assert d.zone_size == int(zone_of(state).sum())
    assert d.nash is not None and len(d.nash.utilities) == 3
    for first, second in (("north", "south"), ("south", "east"), ("east", "north")):
        pair = d.pair(first, second)
        assert pair.sides == (first, second) and pair.frontier.shape[1] == 2
        assert pair.nash == (d.nash.utilities[HARBOUR3.negotiators.index(first)],
                             d.nash.utilities[HARBOUR3.negotiators.index(second)])
        assert (np.diff(pair.frontier[:, 0]) >= 0).all() and (np.diff(pair.frontier[:, 1]) <= 0).all()
        assert pair.cloud.shape == (HARBOUR3.package_count, 2)
