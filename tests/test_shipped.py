"""Every shipped scenario loads, plays to the end from both sides, and has a reachable agreement."""

from __future__ import annotations

import pytest

from game.ai import BOTS, ScenarioAI, make_bot, play_out
from game.engine import new_game
from game.resources import shipped_scenarios
from game.scenario import load_scenario
from tests.players import ZoneFinder, zone

SHIPPED = shipped_scenarios()
NAMES = [p.stem for p in SHIPPED]


def test_the_geneva_tutorial_and_a_second_crisis_ship() -> None:
    assert {"geneva-2022", "tutorial"} <= set(NAMES) and len(NAMES) >= 3


@pytest.mark.parametrize("path", SHIPPED, ids=NAMES)
def test_a_shipped_scenario_plays_to_an_outcome_with_every_bot_side_and_difficulty(path) -> None:  # type: ignore[no-untyped-def]
    sc = load_scenario(path)
    for side in sc.negotiators:
        for level in sc.spec.ai.difficulties:
            for n, bot in enumerate(BOTS):
                state = new_game(sc, n, side, level)
                final = play_out(state, {side: make_bot(bot, side, n), state.ai: ScenarioAI(state.ai)})
                assert final.over and final.result is not None


@pytest.mark.parametrize("path", SHIPPED, ids=NAMES)
def test_a_shipped_scenario_has_a_zone_of_agreement_a_good_player_reaches(path) -> None:  # type: ignore[no-untyped-def]
    sc = load_scenario(path)
    for side in sc.negotiators:
        for level in sc.spec.ai.difficulties:
            for seed in range(3):
                state = new_game(sc, seed, side, level)
                assert zone(state).any()
                final = play_out(state, {side: ZoneFinder(), state.ai: ScenarioAI(state.ai)})
                assert final.result is not None and final.result.kind == "agreement", (side, level, seed)
