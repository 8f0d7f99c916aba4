"""A whole terminal game driven through a pipe, then replayed and resumed from its save."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run(args: list[str], stdin: str, data: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "XDG_DATA_HOME": str(data), "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "game", *args], input=stdin, capture_output=True, text=True,
                          env=env, cwd=ROOT, timeout=120)


def saves(data: Path) -> list[Path]:
    return sorted((data / "detente" / "games").glob("*.json"))


def test_a_whole_geneva_game_through_a_pipe_as_the_us(tmp_path: Path) -> None:
    moves = "\n".join([
        "1",  # side: the United States
        "2",  # difficulty: normal
        "1",  # an event's choice when one is asked; at a move prompt, "1" is refused and asked again
        "c", "1",  # consult Ukraine
        "q", "3",  # ask about the troops
        "propose ukraine_nato=moratorium nato_posture=reciprocal_limits troops=verified_withdrawal "
        "sanctions=in_reserve further_talks=leaders_summit",
        "1", "t", "1", "s", "1", "u", "1", "m",
    ] + ["1", "propose ukraine_nato=moratorium nato_posture=reciprocal_limits troops=verified_withdrawal "
         "sanctions=relief further_talks=normandy_minsk"] * 12) + "\n"
    done = run(["play", "--text", "--seed", "7"], moves, tmp_path)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "Traceback" not in out + done.stderr
    assert "You are Antony Blinken" in out
    assert "Sergei Lavrov" in out
    assert "=== Debrief" in out
    assert "What happened in history" in out
    assert "24 February 2022" in out
    [save] = saves(tmp_path)
    record = json.loads(save.read_text())
    assert record["seats"] == {"us": "human", "russia": "ai:normal"} and record["seed"] == 7
    assert record["final"]["outcome"]
    replay = run(["replay", str(save)], "", tmp_path)
    assert replay.returncode == 0, replay.stdout + replay.stderr
    assert "matches" in replay.stdout


def test_input_that_ends_early_leaves_a_game_that_resumes(tmp_path: Path) -> None:
    first = run(["play", "--text", "--seed", "3", "--side", "russia", "--difficulty", "easy"],
                "1\nt\n", tmp_path)
    assert first.returncode == 0, first.stderr
    assert "--resume" in first.stdout
    [save] = saves(tmp_path)
    moves_before = len(json.loads(save.read_text())["moves"])
    assert moves_before >= 1
    second = run(["play", "--text", "--resume", str(save), "--player-bot", "greedy"], "", tmp_path)
    assert second.returncode == 0, second.stderr
    assert "=== Debrief" in second.stdout
    record = json.loads(save.read_text())
    assert len(record["moves"]) > moves_before and record["final"]["outcome"]


@pytest.mark.parametrize("bot", ["random", "greedy"])
def test_a_bot_plays_the_players_side_unattended(tmp_path: Path, bot: str) -> None:
    done = run(["play", "--text", "--side", "russia", "--difficulty", "hard", "--seed", "11",
                "--player-bot", bot], "", tmp_path)
    assert done.returncode == 0, done.stderr
    assert "=== Debrief" in done.stdout


@pytest.mark.parametrize("content, message", [
    ("", "empty"),
    ('{"format": "detente-transcript/1", "engine": 1, "scen', "damaged or cut short"),
    ('{"format": "detente-transcript/9", "engine": 9}', "newer"),
    ('{"format": "detente-transcript/1", "engine": 99}', "newer engine"),
    ("[1, 2, 3]", "not a Détente transcript"),
    ('{"format": "detente-transcript/1", "engine": 1, "moves": []}', "incomplete or damaged"),
])
def test_a_bad_transcript_gets_a_clear_message(tmp_path: Path, content: str, message: str) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(content)
    for args in (["replay", str(bad)], ["play", "--text", "--resume", str(bad)]):
        done = run(args, "", tmp_path)
        assert done.returncode == 2
        assert message in done.stderr
        assert "Traceback" not in done.stderr


def test_a_tampered_transcript_does_not_match(tmp_path: Path) -> None:
    run(["play", "--text", "--seed", "5", "--side", "us", "--difficulty", "normal", "--player-bot", "greedy"],
        "", tmp_path)
    [save] = saves(tmp_path)
    record = json.loads(save.read_text())
    record["final"]["fingerprint"] = "something else"
    save.write_text(json.dumps(record))
    done = run(["replay", str(save)], "", tmp_path)
    assert done.returncode == 1
    assert "does NOT match" in done.stdout
    record["moves"][0]["move"] = "propose nonsense=1"
    save.write_text(json.dumps(record))
    done = run(["replay", str(save)], "", tmp_path)
    assert done.returncode == 2 and "is damaged" in done.stderr


def test_help_lists_every_command_on_one_line_each(tmp_path: Path) -> None:
    done = run(["--help"], "", tmp_path)
    lines = done.stdout.splitlines()
    for command in ("play", "validate", "replay", "schema", "simulate", "cards", "new", "demo", "list"):
        [line] = [row for row in lines if row.strip().startswith(command + " ")]
        assert len(line.split()) > 2, line  # the command and its description on the same line


def test_a_data_folder_that_cannot_be_written_does_not_stop_the_game(tmp_path: Path) -> None:
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the data folder should be")
    done = run(["play", "--text", "--side", "us", "--difficulty", "easy", "--seed", "1", "--player-bot", "greedy"],
               "", blocked)
    assert done.returncode == 0, done.stderr
    assert "could not be saved to" in done.stdout and done.stdout.count("could not be saved to") == 1
    assert "=== Debrief" in done.stdout and "Traceback" not in done.stdout + done.stderr
    assert "Transcript:" not in done.stdout  # a failed save is not reported as a transcript path


def test_two_people_share_one_screen_and_each_sees_only_their_own_side(tmp_path: Path) -> None:
    from game.engine import new_game
    from game.resources import scenario_path
    from game.scenario import load_scenario

    hidden = new_game(load_scenario(scenario_path("geneva-2022")), 4).hidden
    # every line answers whatever is asked: a hand-over takes any line, a choice takes 1, a move prompt takes n
    # (pass); a prompt given the other answer asks again
    moves = ["1", "n"] * 150
    done = run(["play", "--text", "--seat", "us=human", "--seat", "russia=human", "--seed", "4"],
               "\n".join(moves) + "\n", tmp_path)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "=== Debrief" in out and "Traceback" not in out + done.stderr
    turns = out.split("Pass to ")
    assert turns[1].startswith("Antony Blinken") and turns[2].startswith("Sergei Lavrov")
    us = f"Your reservation value (what no deal is worth to you): {hidden.reservations['us']:.2f}"
    russia = f"Your reservation value (what no deal is worth to you): {hidden.reservations['russia']:.2f}"
    assert us in turns[1] and russia not in turns[1]
    assert russia in turns[2] and us not in turns[2]
    for n, segment in enumerate(turns[3:], 3):  # before the debrief, nobody sees the other's values again
        body = segment.split("=== Debrief")[0]
        assert "Your reservation value" not in body, n
    [save] = saves(tmp_path)
    assert json.loads(save.read_text())["seats"] == {"us": "human", "russia": "human"}


def test_a_game_of_ai_and_bot_seats_asks_nothing(tmp_path: Path) -> None:
    done = run(["play", "--text", "--seat", "russia=ai:hard", "--seat", "us=bot:greedy", "--seed", "2"], "", tmp_path)
    assert done.returncode == 0, done.stderr
    assert "=== Debrief" in done.stdout and "?" not in done.stdout.split("\n")[0]
    done = run(["play", "--text", "--side", "russia", "--player-bot", "greedy", "--seed", "2"], "", tmp_path)
    assert done.returncode == 0, done.stderr
    assert "Difficulty?" not in done.stdout and "=== Debrief" in done.stdout


@pytest.mark.parametrize("seat, message", [
    ("us", "is not SEAT=PLAYER"), ("usa=human", "unknown seat 'usa'"), ("us=ai:impossible", "unknown difficulty"),
    ("us=bot:clever", "unknown bot 'clever'"), ("us=robot", "is not a player"),
])
def test_a_bad_seat_gets_a_clear_message(tmp_path: Path, seat: str, message: str) -> None:
    done = run(["play", "--text", "--seat", seat], "", tmp_path)
    assert done.returncode == 2 and message in done.stderr and "Traceback" not in done.stderr


def test_a_three_party_game_with_a_mediator_through_a_pipe(tmp_path: Path) -> None:
    moves = ["1", "c", "1", "n", "a", "n", "a"] + ["n", "decline"] * 30  # (decline: a question put to north)
    done = run(["play", "--text", "--scenario", "tests/data/harbour3.yaml", "--seat", "north=human",
                "--difficulty", "easy", "--seed", "1"], "\n".join(moves) + "\n", tmp_path)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "Envoy Dana" in out and "=== Debrief" in out and "Traceback" not in out + done.stderr
    assert ("Each round, after the round's events, Envoy Dana (The Regional Envoy) moves first, then you, then "
            "Mayor Tom (Southbay), then Mayor Ola (Eastwick).") in " ".join(out.split())


def test_a_transcript_of_the_first_engine_is_shown_but_never_replayed_or_resumed(tmp_path: Path) -> None:
    old = ROOT / "tests" / "data" / "engine1" / "geneva-russia-hard-random-9.json"
    shown = run(["replay", "--show", str(old)], "", tmp_path)
    assert shown.returncode == 2 and "Traceback" not in shown.stderr
    assert "seats: russia human" in shown.stdout and "turn 1: us: choose minor_intrusion clarify" in shown.stdout
    assert "recorded outcome:" in shown.stdout
    assert "(engine 1), under rules or a record format that have changed since" in shown.stderr
    for args in (["replay", str(old)], ["play", "--text", "--resume", str(old)]):
        done = run(args, "", tmp_path)
        assert done.returncode == 2 and "cannot be replayed or resumed" in done.stderr
        assert "matches" not in done.stdout


@pytest.mark.parametrize("seats, message", [
    ({"us": "alien", "russia": "ai:normal"}, "'alien' is not a player"),
    ({"us": "human", "russia": "ai:impossible"}, "unknown difficulty 'impossible'"),
    ({"us": "human"}, "are not the scenario's"),
])
def test_a_transcript_with_damaged_seats_is_refused_in_one_line(tmp_path: Path, seats: dict, message: str) -> None:
    run(["play", "--text", "--seed", "5", "--side", "us", "--difficulty", "normal", "--player-bot", "greedy"],
        "", tmp_path)
    [save] = saves(tmp_path)
    record = json.loads(save.read_text())
    record["seats"] = seats
    record["final"]["outcome"] = None
    save.write_text(json.dumps(record))
    for args in (["replay", str(save)], ["play", "--text", "--resume", str(save)]):
        done = run(args, "", tmp_path)
        assert done.returncode == 2 and message in done.stderr and "Traceback" not in done.stderr


@pytest.mark.parametrize("edit, message", [
    (lambda r: r.update(seed=-1), "'seed' is a whole number"),
    (lambda r: r.update(seed=1.5), "'seed' is a whole number"),
    (lambda r: r.update(practice="no"), "'practice' is true or false"),
    (lambda r: r["scenario"].update(id="../../../etc/passwd", file=""), "cannot find the scenario"),
    (lambda r: r["moves"].append(dict(r["moves"][-1])), "comes after the end of the game"),
])
def test_an_edited_transcript_is_refused_in_one_line(tmp_path: Path, edit, message: str) -> None:  # type: ignore[no-untyped-def]
    run(["play", "--text", "--seed", "5", "--side", "us", "--difficulty", "normal", "--player-bot", "greedy"],
        "", tmp_path)
    [save] = saves(tmp_path)
    record = json.loads(save.read_text())
    edit(record)
    save.write_text(json.dumps(record))
    done = run(["replay", str(save)], "", tmp_path)
    assert done.returncode == 2 and message in done.stderr and "Traceback" not in done.stderr


def test_a_finished_game_without_its_final_record_or_with_another_outcome_does_not_match(tmp_path: Path) -> None:
    run(["play", "--text", "--seed", "5", "--side", "us", "--difficulty", "normal", "--player-bot", "greedy"],
        "", tmp_path)
    [save] = saves(tmp_path)
    record = json.loads(save.read_text())
    for final in (None, {**record["final"], "outcome": "agreement" if record["final"]["outcome"] != "agreement"
                         else "deadline"}):
        save.write_text(json.dumps({**record, "final": final}))
        done = run(["replay", str(save)], "", tmp_path)
        assert done.returncode == 1 and "does NOT match" in done.stdout


def test_simulate_refuses_a_report_it_could_not_write_before_playing(tmp_path: Path) -> None:
    for out in (str(tmp_path / "missing" / "x.md"), str(tmp_path), "/dev/null"):
        done = run(["simulate", "tutorial", "--games", "2", "--quiet", "--out", out], "", tmp_path)
        assert done.returncode == 2 and "Traceback" not in done.stderr and "games in" not in done.stdout
