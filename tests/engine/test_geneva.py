"""The Geneva scenario: a real zone of agreement exists, it is not the obvious middle, and it can be reached."""

from __future__ import annotations

import pytest

from game.ai import ScenarioAI, play_out
from game.engine import new_game
from game.resources import scenario_path
from game.scenario import load_scenario
from tests.players import ZoneFinder, zone

SC = load_scenario(scenario_path("geneva-2022"))


@pytest.mark.parametrize("seed", range(20))
def test_a_zone_of_agreement_exists_but_is_small(seed: int) -> None:
    state = new_game(SC, seed)
    size = int(zone(state).sum())
    assert 1 <= size <= 0.05 * SC.package_count


def test_splitting_the_difference_everywhere_is_not_in_the_zone() -> None:
    state = new_game(SC, 0)
    middle = tuple(len(options) // 2 if len(options) % 2 else len(options) // 2 - 1 for options in SC.options)
    assert any(SC.valuations[a].utility(middle) < state.hidden.reservations[a] for a in SC.negotiators)


@pytest.mark.parametrize("side", ["us", "russia"])
@pytest.mark.parametrize("seed", range(5))
def test_a_player_who_finds_the_zone_reaches_a_ratified_agreement_at_normal(side: str, seed: int) -> None:
    other = next(s for s in SC.seats if s != side)
    state = new_game(SC, seed, voiced=[other])
    final = play_out(state, {side: ZoneFinder(state), other: ScenarioAI(other, "normal")})
    assert final.result is not None
    assert final.result.kind == "agreement", [e.text for e in final.log[-6:]]
