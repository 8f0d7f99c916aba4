"""Golden transcripts: the same scenario, seed and moves give the same game, move for move.

Regenerate after an intended change of rules or scenario with DETENTE_UPDATE_GOLDEN=1, and read the diff.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from game.ai import play_out
from game.engine import new_game
from game.engine.transcript import Transcript, TranscriptError
from game.proof import prove
from game.resources import scenario_path
from game.scenario import load_scenario
from game.seats import Controller, describe, seating

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "golden"
CASES = [("us", "normal", "random", 4), ("russia", "hard", "random", 9), ("us", "easy", "tough", 2),
         ("russia", "normal", "tough", 5)]


def record(side: str, difficulty: str, bot: str, seed: int) -> dict:
    sc = load_scenario(scenario_path("geneva-2022"))
    seats = seating(sc, {side: Controller("bot", bot)}, difficulty)
    state = new_game(sc, seed, voiced=[s for s, c in seats.items() if c.kind == "ai"])
    transcript = Transcript.start(state, describe(seats))
    play_out(state, {s: c.policy(s, seed) for s, c in seats.items()}, on_move=transcript.record)
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
    proven = prove(transcript, load_scenario(scenario_path("geneva-2022")))  # every AI and bot move re-derived
    assert proven.state.over and proven.state.turn == transcript.final["turn"]


@pytest.mark.parametrize("name", ["geneva-us-normal-random-4.json", "geneva-russia-hard-random-9.json"])
def test_a_transcript_of_the_first_engine_is_refused_with_the_version_that_made_it(name: str) -> None:
    transcript = Transcript.from_dict(json.loads((ROOT / "data" / "engine1" / name).read_text(encoding="utf-8")))
    assert not transcript.replayable and transcript.engine == 1
    with pytest.raises(TranscriptError, match=r"made by an older Détente \(engine 1\).*changed since"):
        prove(transcript, load_scenario(scenario_path("geneva-2022")))
