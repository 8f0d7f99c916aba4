"""Priorities that vary: weights and option values given as ranges are drawn for each game from its seed."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from game.ai.bots import CopycatBot
from game.analysis.debrief import debrief
from game.analysis.frontier import nash_point
from game.analysis.landscape import copied
from game.analysis.pareto import pareto_set
from game.analysis.payoff import firm_masks
from game.engine import new_game, observe
from game.resources import scenario_path
from game.scenario import inspect_scenario_bytes, load_scenario
from game.text import render

GENEVA = load_scenario(scenario_path("geneva-2022"))
RIVER = (Path(__file__).resolve().parents[1] / "data" / "river.yaml").read_text(encoding="utf-8")


def test_the_seed_draws_each_game_s_priorities_and_the_best_package_differs_between_games() -> None:
    assert GENEVA.varies == {"us", "russia"}
    one, same, other = new_game(GENEVA, 1), new_game(GENEVA, 1), new_game(GENEVA, 2)
    assert one.valuations["us"].weights == same.valuations["us"].weights
    assert one.valuations["us"].weights != other.valuations["us"].weights
    assert one.valuations["ukraine"] is GENEVA.valuations["ukraine"]  # fixed priorities are not drawn
    best = Counter()
    for seed in range(40):
        state = new_game(GENEVA, seed)
        masks = firm_masks(GENEVA, state.hidden.firm)
        frontier = pareto_set([state.valuations[a].arrays for a in GENEVA.negotiators], masks)
        point = nash_point(frontier, *(state.hidden.reservations[a] for a in GENEVA.negotiators))
        assert point is not None  # every drawn game keeps a zone of agreement
        best[point.package] += 1
    assert len(best) >= 3 and best.most_common(1)[0][1] <= 30  # one classmate's answer is not everyone's


def test_a_seat_sees_its_own_drawn_priorities_and_the_debrief_shows_everyone_s() -> None:
    state = new_game(GENEVA, 7)
    view = observe(state, "us")
    assert view.own.weights == state.valuations["us"].weights != GENEVA.valuations["us"].weights
    assert view.own.varies
    d = debrief(state)
    drawn = dict(d.drawn)
    assert set(drawn) == {"us", "russia"}
    troops = dict(drawn["us"])["Russian troops at Ukraine's border"]
    assert abs(troops - state.valuations["us"].weights[GENEVA.issue_index["troops"]]) < 1e-12
    text = render.debrief(GENEVA.public, d, "us")
    assert "Priorities in this game (drawn from the scenario's ranges" in text and f"{troops:.2f}" in text


def test_the_design_check_warns_when_a_draw_can_empty_the_zone_or_turn_a_red_line_against_its_owner() -> None:
    ranged = RIVER.replace("weights: {flow: 0.6, dam: 0.2, fund: 0.2}",
                           "weights: {flow: [0.05, 0.95], dam: 0.2, fund: 0.2}")
    ranged = ranged.replace("reservation: 0.4\n", "reservation: 0.8\n")  # downstream: met by the middle values
    ranged = ranged.replace("dam: {low: 0.0, mid: 0.6, high: 1.0}", "dam: {low: [0.5, 1.0], mid: 0.6, high: 0.8}")
    scenario, problems = inspect_scenario_bytes(ranged.encode(), "ranged.yaml")
    messages = [p.message for p in problems]
    assert scenario is not None, messages
    assert any("the zone of agreement can be empty" in m for m in messages), messages
    assert any("can value the option its red line on 'dam' forbids above every other" in m for m in messages)
    _, calm = inspect_scenario_bytes(RIVER.encode(), "river.yaml")
    assert not any("drawn from their ranges" in p.message for p in calm)


def test_the_copycat_plays_the_package_a_classmate_s_debrief_gives_from_its_first_move() -> None:
    package = copied(GENEVA)
    state = new_game(GENEVA, 3)
    bot = CopycatBot(package)
    while state.to_move != "us" or state.phase != "move":
        from game.engine import apply  # (the event at the start asks the US to choose first)

        state = apply(state, observe(state, state.to_move or "").moves[0])
    move = bot.choose(observe(state, "us"))
    assert move.kind == "propose" and move.package == package
