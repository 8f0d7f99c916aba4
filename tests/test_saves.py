"""Saves: atomic writes, the data folder, and finding the scenario a saved game was played with."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game.ai import ScenarioAI, make_bot, play_out
from game.engine import new_game
from game.engine.transcript import Transcript, TranscriptError
from game.resources import scenario_path
from game.saves import data_dir, find_scenario, load, save, unfinished_games, write_atomic
from game.scenario import load_scenario


def test_the_data_folder_follows_xdg_data_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert data_dir() == tmp_path / "detente" / "games"


def test_a_write_that_dies_halfway_leaves_the_last_complete_save(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "game.json"
    write_atomic(path, "the last complete turn")

    def crash(*_args: object) -> None:
        raise KeyboardInterrupt  # a kill arriving while the new save is being flushed

    monkeypatch.setattr("os.fsync", crash)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(path, "a half-written turn")
    assert path.read_text() == "the last complete turn"
    assert [p.name for p in tmp_path.iterdir()] == ["game.json"]  # no temporary file left behind


def game(tmp_path: Path, moves: int | None = None) -> tuple[Path, Transcript]:
    sc = load_scenario(scenario_path("geneva-2022"))
    state = new_game(sc, 3, voiced=["russia"])
    transcript = Transcript.start(state, {"us": "bot:greedy", "russia": "ai:normal"})
    count = 0

    def record(before, move, after):  # type: ignore[no-untyped-def]
        nonlocal count
        if moves is None or count < moves:
            transcript.record(before, move, after)
        count += 1

    play_out(state, {"us": make_bot("greedy", "us"), "russia": ScenarioAI("russia", "normal")}, on_move=record)
    path = tmp_path / "detente" / "games" / "g.json"
    save(transcript, path)
    return path, transcript


def test_unfinished_games_are_offered_to_continue(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    path, _ = game(tmp_path, moves=3)
    assert unfinished_games() == [path]
    game(tmp_path)  # a finished game overwrites it
    assert unfinished_games() == []


def test_a_saved_game_finds_its_scenario_and_says_when_it_has_changed(tmp_path: Path) -> None:
    path, transcript = game(tmp_path)
    assert find_scenario(load(path)).digest == transcript.scenario_sha256
    data = json.loads(path.read_text())
    data["scenario"]["sha256"] = "0" * 64
    data["scenario"]["file"] = ""
    path.write_text(json.dumps(data))
    with pytest.raises(TranscriptError, match="has changed since this game was played"):
        find_scenario(load(path))
    data["scenario"]["id"] = "atlantis"
    path.write_text(json.dumps(data))
    with pytest.raises(TranscriptError, match="cannot find the scenario 'atlantis'"):
        find_scenario(load(path))


def test_temporary_files_a_killed_save_left_behind_are_cleaned(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os
    import time

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    folder = data_dir()
    folder.mkdir(parents=True)
    old = folder / ".geneva-1.json.k3j2.tmp"
    fresh = folder / ".geneva-2.json.a8b1.tmp"  # a save in progress in another window: left alone
    keep = folder / "geneva-1.json"
    for path in (old, fresh, keep):
        path.write_text("{")
    an_hour_ago = time.time() - 3600
    os.utime(old, (an_hour_ago, an_hour_ago))
    os.utime(keep, (an_hour_ago, an_hour_ago))
    unfinished_games()
    assert not old.exists() and fresh.exists() and keep.exists()
