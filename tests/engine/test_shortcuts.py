"""What the engine keeps or draws at once to go faster gives what it would compute afresh, one step at a time."""

from __future__ import annotations

import dataclasses
import pickle
from pathlib import Path
from types import MappingProxyType

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.ai import RandomBot, ScenarioAI, play_out
from game.engine import State, new_game, observe
from game.engine.state import Hidden
from game.resources import scenario_path
from game.scenario import load_scenario
from game.scenario.model import OPEN, Scenario, Valuation
from game.scenario.public import condition_env
from tests.strategies import many_party_scenarios

GENEVA = load_scenario(scenario_path("geneva-2022"))
DATA = Path(__file__).resolve().parents[1] / "data"
SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def one_by_one(sc: Scenario, seed: int) -> tuple[Hidden, tuple[float, ...]]:
    """A game's chance numbers drawn as the engine drew them before it drew them at once: one call each."""
    rng = np.random.default_rng(seed)
    reservations, firm = {}, set()
    for actor, val in sc.valuations.items():
        if val.reservation is not None:
            low, high = val.reservation
            reservations[actor] = float(low + (high - low) * rng.random())
        for line in val.red_lines:
            if rng.random() < line.firm_chance:
                firm.add(line.key)
    meters = []
    for meter in sc.spec.meters.values():
        low, high = meter.start if isinstance(meter.start, list) else (meter.start, meter.start)
        meters.append(float(low + (high - low) * rng.random()))
    draws = tuple(float(x) for x in rng.random(len(sc.seats) * (sc.deadline + 2)))
    valuations = {actor: drawn(sc, actor, lambda: float(rng.random())) if actor in sc.varies else val
                  for actor, val in sc.valuations.items()}
    return Hidden(reservations, frozenset(firm), draws, valuations), tuple(meters)


def drawn(sc: Scenario, actor: str, draw) -> Valuation:  # type: ignore[no-untyped-def]
    """An actor's preferences drawn weight by weight and value by value from the written file (the old way)."""
    prefs = sc.spec.preferences[actor]
    weights, values = prefs.weights or {}, prefs.values or {}

    def number(x):  # type: ignore[no-untyped-def]
        return float(x) if not isinstance(x, list) else x[0] + (x[1] - x[0]) * draw()

    picked_weights, picked_values = {}, {}
    for issue, opts in zip(sc.issues, sc.options):
        if issue in weights:
            picked_weights[issue] = number(weights[issue])
        row = values.get(issue, {})
        picked_values[issue] = {opt: number(row[opt]) for opt in opts if opt in row}
    total = sum(picked_weights.values()) or 1.0
    norm = tuple(picked_weights.get(i, 0.0) / total for i in sc.issues)
    table = tuple(tuple(w * picked_values[issue].get(opt, 0.0) for opt in opts)
                  for w, issue, opts in zip(norm, sc.issues, sc.options))
    lines = sc.valuations[actor].red_lines
    best_allowed = sum(max((v for k, v in enumerate(row) if not any(r.issue == i and k in r.forbid for r in lines)),
                           default=0.0) for i, row in enumerate(table))
    return Valuation(actor, table, tuple(np.array(row) for row in table), norm, sum(max(row) for row in table),
                     best_allowed, sc.valuations[actor].reservation, lines)


def same_game_start(sc: Scenario, seed: int) -> None:
    state = new_game(sc, seed)
    hidden, meters = one_by_one(sc, seed)
    assert state.timeline[0] == meters
    assert (state.hidden.reservations, state.hidden.firm, state.hidden.draws) == \
           (hidden.reservations, hidden.firm, hidden.draws)
    for actor, val in state.valuations.items():
        want = hidden.valuations[actor]
        assert (val.table, val.weights, val.best, val.best_allowed, val.reservation, val.red_lines) == \
               (want.table, want.weights, want.best, want.best_allowed, want.reservation, want.red_lines)
        assert [row.tolist() for row in val.arrays] == [list(row) for row in want.table]
        assert not any(row.flags.writeable for row in val.arrays)


def test_a_new_game_draws_at_once_the_numbers_it_drew_one_by_one() -> None:
    for path in (scenario_path("geneva-2022"), scenario_path("dayton-1995"), DATA / "river.yaml"):
        sc = load_scenario(path)
        for seed in (0, 1, 7, 12345, 2**63 - 1):
            same_game_start(sc, seed)


@SETTINGS
@given(many_party_scenarios, st.integers(0, 2**32))
def test_any_scenario_draws_at_once_the_numbers_it_drew_one_by_one(sc: Scenario, seed: int) -> None:
    same_game_start(sc, seed)


def states_of_a_game(sc: Scenario, seed: int) -> list[State]:
    states: list[State] = []
    policies = {seat: ScenarioAI(seat) if n else RandomBot(seed) for n, seat in enumerate(sc.seats)}
    play_out(new_game(sc, seed, voiced=sc.seats[1:]), policies, on_move=lambda before, _m, _a: states.append(before))
    return states


def test_the_names_conditions_read_are_those_computed_afresh_in_every_state_and_view() -> None:
    for seed in range(6):
        for state in states_of_a_game(GENEVA, seed):
            fresh = condition_env(GENEVA.public, state.meters, state.turn, state.offer, state.offers, state.fired,
                                  state.chosen, state.consulted)
            assert list(state.env().items()) == list(fresh.items())  # the same names in the same order
            assert state.env_with(state.meters) == fresh
            for seat in GENEVA.seats:
                view = observe(state, seat)
                assert dict(view.env) == fresh
                plain = dataclasses.replace(view)  # a view made by its constructor computes its names itself
                assert dict(plain.env) == fresh


def test_a_view_has_every_field_and_compares_to_one_made_by_its_constructor() -> None:
    state = max((states_of_a_game(GENEVA, seed) for seed in range(4)), key=len)[-1]
    view = observe(state, state.to_move or "")
    fields = [f.name for f in dataclasses.fields(view)]
    assert all(name in vars(view) for name in fields)
    made = dataclasses.replace(view)
    assert all(getattr(made, name) is getattr(view, name) for name in fields)
    assert isinstance(view.env, MappingProxyType)


def test_what_a_state_keeps_follows_the_fields_it_was_kept_for() -> None:
    state = max((states_of_a_game(GENEVA, seed) for seed in range(4)), key=len)[-1]
    before = state.env()
    moved = state.evolve(meters=tuple(min(1.0, m + 0.1) for m in state.meters))
    assert moved.env()["tension"] != before["tension"] and moved.table_env() is state.table_env()
    offered = state.evolve(offer=None, turn=state.turn + 1)
    assert not any(name.startswith("offer.") for name in offered.env()) and offered.env()["turn"] == state.turn + 1
    us = observe(state, "us")
    softer_state = state.evolve(softened=frozenset(line.key for line in us.own.red_lines))
    softer = observe(softer_state, "us")
    lines = (*us.own.red_lines, *us.own.allies)
    assert softer.binding == frozenset(line.key for line in lines if softer_state.red_line_active(line.key))
    assert softer.binding != us.binding or all(line.firm for line in us.own.red_lines)


def test_a_proposal_is_checked_the_same_way_whether_or_not_its_package_was_seen_before() -> None:
    space = GENEVA.space
    sizes = space.sizes
    for package in [(0,) * len(sizes), (OPEN,) * len(sizes), (OPEN, *(0,) * (len(sizes) - 1)),
                    (sizes[0], *(0,) * (len(sizes) - 1)), (0,) * (len(sizes) - 1), (-2, *(0,) * (len(sizes) - 1))]:
        want = (len(package) == len(sizes) and any(x != OPEN for x in package)
                and all(x == OPEN or 0 <= x < n for x, n in zip(package, sizes)))
        assert space.holds(package) is want and space.holds(package) is want  # seen once, then again
        assert space.holds(list(package)) is want


def test_a_scenario_that_played_games_is_pickled_without_what_it_keeps_and_plays_the_same() -> None:
    sc = load_scenario(scenario_path("geneva-2022"))
    first = states_of_a_game(sc, 4)
    assert sc.cache
    copy = pickle.loads(pickle.dumps(sc))
    assert copy.cache == {}
    again = states_of_a_game(copy, 4)
    assert [s.fingerprint() for s in again] == [s.fingerprint() for s in first]
