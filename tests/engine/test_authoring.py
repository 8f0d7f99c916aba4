"""What authors can write since the Camp David trial: drifts while a condition holds, walkout rules per seat,
a label per turn, plural names; each applied by the rules whoever plays, and only where a scenario uses it."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.ai import ScenarioAI
from game.engine import Move, State, apply, new_game, observe
from game.engine.ratify import judge
from game.scenario import load_scenario, load_scenario_bytes
from game.scenario.model import Scenario
from game.scenario.public import verb

DATA = Path(__file__).resolve().parents[1] / "data"
SUMMIT = load_scenario(DATA / "summit-authoring.yaml")
TEXT = (DATA / "summit-authoring.yaml").read_text(encoding="utf-8")


def play(state: State, *moves: str) -> State:
    for text in moves:
        state = apply(state, Move.parse(text, SUMMIT))
    return state


def meter(state: State, name: str) -> float:
    return round(state.meter(name), 6)


def test_a_drift_changes_the_meters_at_the_end_of_each_round_while_its_condition_holds() -> None:
    state = new_game(SUMMIT, 1)
    state = play(state, "pass", "pass")  # round 1 ends: 'turn >= 2' does not hold yet
    assert state.turn == 2 and meter(state, "pressure") == 0.2
    state = play(state, "pass", "pass")  # round 2 ends: the host presses
    assert meter(state, "pressure") == 0.3
    state = play(state, "pass", "pass", "pass", "pass")
    assert meter(state, "pressure") == 0.5 and state.over


def test_a_drift_is_silent_unless_the_author_wrote_a_note_and_applies_whoever_plays() -> None:
    for voiced in ((), ("east", "west")):
        state = new_game(SUMMIT, 1, voiced=voiced)
        before = len(state.log)
        state = play(state, "pass", "pass")
        assert [e for e in state.log[before:] if e.kind == "note"] == []  # 'turn >= 2' has no text
    sc = load_scenario_bytes(TEXT.replace("start: 0.2}", "start: 0.5}").encode(), "pressed.yaml")
    state = apply(apply(new_game(sc, 1), Move("pass")), Move("pass"))
    notes = [e for e in state.log if e.kind == "note"]
    assert [n.text for n in notes] == ["The host's patience wears thin."] and notes[0].speaker == ""
    assert round(state.meter("tension"), 6) == 0.35  # whoever plays: no seat here is the AI's
    assert all(notes[0] in observe(state, seat).log for seat in sc.seats)  # every seat reads the note


def test_every_drift_reads_the_round_as_it_ended() -> None:
    # pressure reaches 0.5 by the first drift of the round; the second reads the round as it ended (0.4)
    sc = load_scenario_bytes(TEXT.replace("start: 0.2}", "start: 0.4}").encode(), "order.yaml")
    state = play_with(sc, 1, "pass", "pass", "pass", "pass")  # two rounds: 'turn >= 2' first holds at round 2
    assert round(state.meter("pressure"), 6) == 0.5 and round(state.meter("tension"), 6) == 0.3


def play_with(sc: Scenario, seed: int, *moves: str) -> State:
    state = new_game(sc, seed)
    for text in moves:
        state = apply(state, Move.parse(text, sc))
    return state


def test_a_seat_with_its_own_walkout_rule_ignores_the_levels_rule() -> None:
    # normal: walk out when tension >= 0.5; Eastland's own rule: tension >= 0.45 and pressure >= 0.5
    sc = load_scenario_bytes(TEXT.replace("tension: {label: Tension, start: 0.3",
                                          "tension: {label: Tension, start: 0.55").encode(), "tense.yaml")
    east, west = ScenarioAI("east", "normal"), ScenarioAI("west", "normal")
    state = new_game(sc, 2, voiced=("east", "west"))
    assert east.choose(observe(state, "east")).kind != "walkout"  # its own rule: the host has not pressed yet
    state = apply(state, Move("pass"))
    assert west.choose(observe(state, "west")).kind == "walkout"  # Westland follows the level's rule
    pressed = load_scenario_bytes(TEXT.replace("start: 0.2}", "start: 0.6}").replace(
        "tension: {label: Tension, start: 0.3", "tension: {label: Tension, start: 0.46").encode(), "pressed.yaml")
    move = east.choose(observe(new_game(pressed, 2, voiced=("east",)), "east"))
    assert move.kind == "walkout" and move.reason == "Ora orders the cars brought round."
    assert ScenarioAI("east", "hard").choose(observe(new_game(pressed, 2), "east")).kind == "walkout"  # every level


def test_a_walkout_rule_can_be_kept_to_some_levels() -> None:
    text = TEXT.replace("start: 0.2}", "start: 0.6}").replace(
        "tension: {label: Tension, start: 0.3", "tension: {label: Tension, start: 0.46").replace(
        "note: Ora orders the cars brought round.}", "levels: [normal], note: Ora orders the cars brought round.}")
    sc = load_scenario_bytes(text.encode(), "levels.yaml")
    state = new_game(sc, 2)
    assert ScenarioAI("east", "normal").choose(observe(state, "east")).kind == "walkout"
    assert ScenarioAI("east", "hard").choose(observe(state, "east")).kind != "walkout"  # hard: no rule at all


def test_each_turn_has_its_label_for_every_seat_and_front_end() -> None:
    public = observe(new_game(SUMMIT, 1), "east").scenario
    assert public.turn_label(3) == "Day 3: Saturday" and public.turn_label(9) is None
    assert public.turn_heading(3) == "Turn 3 of 4: Day 3: Saturday"
    river = load_scenario(DATA / "river.yaml").public  # without labels: the deadline's label, as before
    assert river.turn_labels == () and river.turn_heading(2) == "Turn 2 of 6: The summit closes"


def test_plural_names_take_plural_verbs_at_ratification() -> None:
    state = play(new_game(SUMMIT, 1), "propose hills=shared recognition=full")
    verdicts = {v.actor: v.why for v in judge(state, (1, 1))}
    assert verdicts["east"] == "Ora and the cabinet endorse the deal"  # a principal joining names with 'and'
    assert verdicts["neighbours"] == "The neighbouring states reject the deal: it was decided without being consulted"
    assert verdicts["parliament"] == "Westland's parliament supports the deal"
    crossed = {v.actor: v.why for v in judge(state, (2, 1))}
    assert crossed["parliament"].startswith("Westland's parliament rejects the deal: it crosses its red line")
    singular = load_scenario_bytes(TEXT.replace("principal: Ora and the cabinet",
                                                "principal: Ora and the cabinet\n    principal_plural: false")
                                   .encode(), "s.yaml")
    assert judge(new_game(singular, 1), (1, 1))[0].why == "Ora and the cabinet endorses the deal"


@pytest.mark.parametrize(("word", "plural"), [("rejects", "reject"), ("endorses", "endorse"), ("has", "have"),
                                              ("passes", "pass"), ("carries", "carry"), ("backs", "back"),
                                              ("refuses", "refuse"), ("is", "are"), ("reaches", "reach")])
def test_verbs_agree_with_plural_subjects(word: str, plural: str) -> None:
    assert verb(word, True) == plural and verb(word, False) == word
