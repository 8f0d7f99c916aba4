"""Golden transcripts: the same scenario, seed and moves give the same game, move for move.

Regenerate after an intended change of rules or scenario with DETENTE_UPDATE_GOLDEN=1, and read the diff.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from game.ai import ScenarioAI, make_bot, play_out
from game.engine import new_game
from game.engine.transcript import Transcript
from game.resources import scenario_path
from game.scenario import load_scenario

GOLDEN = Path(__file__).resolve().parents[1] / "golden"
CASES = [("us", "normal", "random", 4), ("russia", "hard", "random", 9), ("us", "easy", "tough", 2),
         ("russia", "normal", "tough", 5)]


def record(side: str, difficulty: str, bot: str, seed: int) -> dict:
    sc = load_scenario(scenario_path("geneva-2022"))
    state = new_game(sc, seed, side, difficulty)
    transcript = Transcript.start(state)
    play_out(state, {side: make_bot(bot, side, seed), state.ai: ScenarioAI(state.ai)}, on_move=transcript.record)
    data = transcript.to_dict()
    data["scenario"]["file"] = "scenarios/geneva-2022.yaml"
    data.pop("detente")
    return data


@pytest.mark.parametrize("side, difficulty, bot, seed", CASES)
def test_geneva_plays_exactly_as_recorded(side: str, difficulty: str, bot: str, seed: int) -> None:
    path = GOLDEN / f"geneva-{side}-{difficulty}-{bot}-{seed}.json"
    got = record(side, difficulty, bot, seed)
    if os.environ.get("DETENTE_UPDATE_GOLDEN") or not path.exists():
        path.write_text(json.dumps(got, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        if not os.environ.get("DETENTE_UPDATE_GOLDEN"):
            pytest.fail(f"wrote a new golden transcript {path.name}: check it and commit it")
    want = json.loads(path.read_text(encoding="utf-8"))
    assert got["moves"] == want["moves"]
    assert got == want


@pytest.mark.parametrize("side, difficulty, bot, seed", CASES)
def test_a_golden_transcript_replays_to_its_recorded_state(side: str, difficulty: str, bot: str, seed: int) -> None:
    path = GOLDEN / f"geneva-{side}-{difficulty}-{bot}-{seed}.json"
    transcript = Transcript.from_dict(json.loads(path.read_text(encoding="utf-8")))
    state = transcript.replay(load_scenario(scenario_path("geneva-2022")))
    assert state.over and transcript.matches(state)
