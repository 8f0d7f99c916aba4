"""Every shipped scenario loads, plays to the end from both sides, and has a reachable agreement."""

from __future__ import annotations

import pytest

from game.ai import BOTS, ScenarioAI, make_bot, play_out
from game.ai.policy import Policy
from game.analysis.landscape import copied
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
    for side in sc.seats:
        others = [s for s in sc.seats if s != side]
        for level in sc.spec.ai.difficulties:
            for n, bot in enumerate(BOTS):
                policies: dict[str, Policy] = {s: ScenarioAI(s, level) for s in others}
                policies[side] = make_bot(bot, side, n, level, copied(sc) if bot == "copycat" else None)
                final = play_out(new_game(sc, n, voiced=others), policies)
                assert final.over and final.result is not None


@pytest.mark.parametrize("path", SHIPPED, ids=NAMES)
def test_a_shipped_scenario_has_a_zone_of_agreement_a_good_player_reaches(path) -> None:  # type: ignore[no-untyped-def]
    sc = load_scenario(path)
    for side in sc.negotiators:
        others = [s for s in sc.seats if s != side]
        for level in sc.spec.ai.difficulties:
            for seed in range(3):
                state = new_game(sc, seed, voiced=others)
                assert zone(state).any()
                policies: dict[str, Policy] = {s: ScenarioAI(s, level) for s in others}
                policies[side] = ZoneFinder(state)
                final = play_out(state, policies)
                assert final.result is not None and final.result.kind == "agreement", (side, level, seed)


def test_dayton_has_three_negotiators_a_mediator_and_stakeholders_of_several_sides() -> None:
    sc = load_scenario(next(p for p in SHIPPED if p.stem == "dayton-1995"))
    assert sc.negotiators == ("bosnia", "serbia", "croatia") and sc.mediator == "us"
    assert sc.seats[0] == "us"  # the mediator opens every round
    assert any(len(sc.backs(s)) > 1 for s in sc.stakeholders)
    assert all(sc.spec.sources and e.source for e in sc.spec.events)


@pytest.mark.parametrize("kind", ["accept", "reject", "threaten", "promise", "reassure", "statement", "question",
                                  "consult", "walkout", "pass", "press"])
def test_no_bot_or_ai_plays_a_move_the_scenario_disables(kind: str) -> None:
    import yaml

    from game.scenario.model import compile_scenario
    from game.scenario.schema import ScenarioSpec

    for name in ("geneva-2022", "dayton-1995"):
        path = next(p for p in SHIPPED if p.stem == name)
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        data.setdefault("moves", {}).setdefault(kind, {})["enabled"] = False
        sc = compile_scenario(ScenarioSpec.model_validate(data), name, "0")
        for n, bot in enumerate(BOTS):
            side = sc.seats[n % len(sc.seats)]
            others = [s for s in sc.seats if s != side]
            policies: dict[str, Policy] = {s: ScenarioAI(s) for s in others}
            policies[side] = make_bot(bot, side, n, copied=copied(sc) if bot == "copycat" else None)
            played: list[str] = []
            play_out(new_game(sc, n, voiced=others), policies,
                     on_move=lambda b, m, a, moves=played: moves.append(m.kind))
            assert kind not in played
