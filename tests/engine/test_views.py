"""Each seat sees only its own side: whole games, every seat's view searched for every other seat's secrets."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from game.ai import RandomBot, ScenarioAI, play_out
from game.ai.policy import Policy
from game.engine import State, View, new_game, observe
from game.resources import scenario_path
from game.scenario import load_scenario
from game.scenario.model import Scenario
from game.scenario.public import PublicScenario
from tests.strategies import many_party_scenarios

DATA = Path(__file__).resolve().parents[1] / "data"


def everything_in(value: Any, seen: set[int] | None = None) -> Iterator[str]:
    """Every text and number reachable from a view, as text (its whole content, not only `to_dict`)."""
    seen = set() if seen is None else seen
    if isinstance(value, (str, int, float, bool)) or value is None:
        yield repr(value)
        return
    if id(value) in seen:
        return
    seen.add(id(value))
    if isinstance(value, np.ndarray):
        yield from (repr(float(x)) for x in value.ravel())
    elif isinstance(value, BaseModel):
        yield json.dumps(value.model_dump(mode="json"))
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            yield from everything_in(getattr(value, f.name), seen)
    elif isinstance(value, dict) or hasattr(value, "items"):
        for k, v in value.items():
            yield from everything_in(k, seen)
            yield from everything_in(v, seen)
    elif isinstance(value, (tuple, list, set, frozenset)):
        if value and all(isinstance(x, (int, float)) and not isinstance(x, bool) for x in value):
            yield repr(tuple(float(x) for x in value))  # a row of numbers also as a whole, as secrets are kept
        for item in value:
            yield from everything_in(item, seen)
    elif isinstance(value, PublicScenario):
        for name, item in vars(value).items():
            if name != "space":  # the list of packages: no one's values
                yield from everything_in(item, seen)
    elif callable(value):  # a compiled condition: its text is the author's, in the seat's own script
        yield repr(getattr(value, "text", ""))
    else:
        raise AssertionError(f"a view holds a {type(value).__name__}: the leak test cannot read it")


def secrets_of(sc: Scenario, state: State, seat: str) -> dict[str, str]:
    """What `seat` keeps from the others: its drawn reservation, its chance draws, which of its red lines are
    bluffs, its exact weights and option values."""
    found: dict[str, str] = {}
    if seat in state.hidden.reservations and len(repr(state.hidden.reservations[seat])) > 6:  # not 0.0 or 0.35
        found["reservation"] = repr(state.hidden.reservations[seat])
    val = state.valuations.get(seat)  # as drawn for this game
    if val is not None:
        found["weights"] = repr(tuple(float(w) for w in val.weights))
        for i, row in enumerate(val.table):
            values = tuple(v / val.weights[i] for v in row)
            if not set(values) <= {0.0, 0.5, 1.0}:  # rows like (0.0, 1.0) also turn up by chance in any view
                found[f"values of issue {i}"] = repr(values)
        for line in val.red_lines:
            found[f"whether {line.key} is firm"] = repr(line.key)
    n = sc.seat_index[seat]
    for k, draw in enumerate(state.hidden.draws):
        if k % len(sc.seats) == n:
            found[f"draw {k}"] = repr(draw)
    return found


def assert_no_leak(sc: Scenario, states: list[State]) -> None:
    for state in states:
        for seat in sc.seats:
            view = observe(state, seat)
            text = "\n".join(everything_in(view)) + json.dumps(view.to_dict())
            own = secrets_of(sc, state, seat)
            for other in sc.seats:
                if other == seat:
                    continue
                for what, secret in secrets_of(sc, state, other).items():
                    if secret in own.values():  # the same number is also this seat's own (equal weights)
                        continue
                    assert secret not in text, f"{seat}'s view shows {other}'s {what} at turn {state.turn}"


def whole_game(sc: Scenario, seed: int, bot_seat: str) -> list[State]:
    states: list[State] = []
    ai_seats = [s for s in sc.seats if s != bot_seat]
    policies: dict[str, Policy] = {s: ScenarioAI(s) for s in ai_seats}
    policies[bot_seat] = RandomBot(seed)
    start = new_game(sc, seed, voiced=ai_seats)
    states.append(start)
    play_out(start, policies, on_move=lambda before, move, after: states.append(after))
    return states


@pytest.mark.parametrize("name", ["geneva-2022", "cuba-1962", "tutorial"])
@pytest.mark.parametrize("seed", range(3))
def test_no_view_of_a_shipped_scenario_shows_another_seats_secrets(name: str, seed: int) -> None:
    sc = load_scenario(scenario_path(name))
    assert_no_leak(sc, whole_game(sc, seed, sc.seats[seed % len(sc.seats)]))


@pytest.mark.parametrize("seed", range(4))
def test_no_view_of_a_three_party_game_with_a_mediator_shows_another_seats_secrets(seed: int) -> None:
    sc = load_scenario(DATA / "harbour3.yaml")
    assert_no_leak(sc, whole_game(sc, seed, sc.seats[seed % len(sc.seats)]))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(many_party_scenarios, st.integers(0, 2**32), st.integers(0, 4))
def test_no_view_of_a_generated_game_shows_another_seats_secrets(sc: Scenario, seed: int, pick: int) -> None:
    assert_no_leak(sc, whole_game(sc, seed, sc.seats[pick % len(sc.seats)]))


def test_the_leak_test_finds_a_secret_when_one_is_there() -> None:
    sc = load_scenario(scenario_path("geneva-2022"))
    state = new_game(sc, 1)
    view = observe(state, "us")
    leaky = dataclasses.replace(view, learnt=((("russia", repr(state.hidden.reservations["russia"])),)))
    text = "\n".join(everything_in(leaky))
    assert secrets_of(sc, state, "russia")["reservation"] in text
    # and a seat's own secrets are in its view in the very form the search looks for
    own = "\n".join(everything_in(view))
    assert all(secret in own for what, secret in secrets_of(sc, state, "us").items() if not what.startswith("draw"))


def test_a_view_is_immutable_and_names_its_seat() -> None:
    sc = load_scenario(DATA / "harbour3.yaml")
    view = observe(new_game(sc, 1), "north")
    assert isinstance(view, View) and view.seat == "north" and view.kinds == ()  # the envoy moves first
    with pytest.raises(dataclasses.FrozenInstanceError):
        view.turn = 5  # type: ignore[misc]
    with pytest.raises(TypeError):
        view.env["tension"] = 1.0  # type: ignore[index]
    with pytest.raises(ValueError, match="not a seat"):
        observe(new_game(sc, 1), "dockers")
