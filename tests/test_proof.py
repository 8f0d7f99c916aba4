"""Records that prove themselves: replay re-derives every AI and bot move and checks every recorded field."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from game.ai.bots import GreedyBot
from game.ai.policy import play_out
from game.cli import main
from game.engine import new_game
from game.engine.transcript import Transcript, TranscriptError
from game.proof import RecordMismatch, prove
from game.resources import scenario_path
from game.saves import save
from game.scenario import load_scenario
from game.seats import Controller, describe, seating

GENEVA = load_scenario(scenario_path("geneva-2022"))


def played(seats: dict[str, Controller], seed: int = 5, practice: bool = False,
           until: Callable[[Transcript], bool] | None = None) -> dict[str, Any]:
    """A game played by the AI and bots, as the JSON data of its saved transcript (a person's seat is played
    by the greedy bot's logic: the record says a person played it)."""
    state = new_game(GENEVA, seed, voiced=[s for s, c in seats.items() if c.kind == "ai"])
    transcript = Transcript.start(state, describe(seats), practice=practice)
    play_out(state, {s: c.policy(s, seed) if c.unattended else GreedyBot() for s, c in seats.items()},
             on_move=transcript.record,
             until=None if until is None else lambda _: until(transcript))
    return json.loads(json.dumps(transcript.to_dict()))


def proof_of(data: dict[str, Any]) -> Any:
    return prove(Transcript.from_dict(data), GENEVA)


GREEDY_US = seating(GENEVA, {"us": Controller("bot", "greedy")}, "normal")


def test_an_unedited_record_proves_itself_and_says_what_each_side_got() -> None:
    data = played(GREEDY_US)
    proven = proof_of(data)
    assert proven.state.over
    results = data["final"]["results"]
    assert set(results) == {"us", "russia"}
    assert all(set(r) == {"utility", "score"} for r in results.values())


def test_an_ai_made_to_accept_a_deal_it_would_refuse_is_caught_at_that_move() -> None:
    """The attack from the issue: the greedy bot asks for everything, and the record says the AI accepted."""
    data = played(GREEDY_US)
    moves = data["moves"]
    n = next(i for i, m in enumerate(moves) if m["actor"] == "russia" and i > 0 and moves[i - 1]["actor"] == "us"
             and moves[i - 1]["move"].startswith("propose") and m["move"] != "accept")
    forged = copy.deepcopy(data)
    forged["moves"] = moves[:n] + [{"turn": moves[n]["turn"], "actor": "russia", "move": "accept",
                                    "reason": "worth enough to us"}]
    with pytest.raises(RecordMismatch, match=rf"move {n + 1} \(turn {moves[n]['turn']}, russia\): the record says "
                                             r"'accept'.*but the AI \(normal\) plays"):
        proof_of(forged)


@pytest.mark.parametrize("edit, message", [
    (lambda d: d.update(seed=d["seed"] + 1), "."),
    (lambda d: d["seats"].update(russia="ai:hard"), "."),
    (lambda d: d["seats"].update(us="human"), "seal"),
    (lambda d: d.update(practice=True), "seal does not match"),
    (lambda d: d.update(seal="0" * 64), "seal does not match"),
    (lambda d: d.pop("seal"), "no seal"),
    (lambda d: d.update(final=None), "closing record .* is missing"),
    (lambda d: d["final"].update(outcome="walkout"), "recorded outcome"),
    (lambda d: d["final"].update(turn=1), "recorded last turn"),
    (lambda d: d["final"]["results"]["us"].update(score=0.99), "utilities and scores"),
    (lambda d: d["final"].pop("results"), "utilities and scores"),
    (lambda d: d["final"].update(grade="A"), "fields the game does not write"),
    (lambda d: d["moves"][0].update(turn=2), "is recorded in turn 2"),
    (lambda d: d["moves"][2].update(actor="us"), "move 3 is recorded as us.s"),
    (lambda d: d["moves"][2].update(reason="because we say so"), "the record says"),
    (lambda d: d["moves"][-1].setdefault("effects", {}).update(tension=0.5), "effects on the meters"),
    (lambda d: d["moves"].pop(), "."),
])
def test_every_recorded_field_is_checked_against_the_replay(edit: Callable[[dict], Any], message: str) -> None:
    data = played(GREEDY_US)
    edit(data)
    with pytest.raises(RecordMismatch, match=message):
        proof_of(data)


def test_a_person_s_move_edited_into_an_illegal_one_names_the_move() -> None:
    data = played(GREEDY_US)
    data["seats"]["us"] = "human"  # a person's moves are taken as recorded, by the rules only
    data["moves"][0]["move"] = "accept"  # there is nothing to accept at the first move
    with pytest.raises(RecordMismatch, match=r"move 1 \(turn 1, us\) \('accept'\) does not replay"):
        proof_of(data)


def test_a_game_cut_short_and_proven_goes_on_exactly_as_the_uninterrupted_one() -> None:
    """The random bot's stream is caught up by the proof, so a resumed game is the same game."""
    seats = seating(GENEVA, {"us": Controller("bot", "random")}, "easy")
    whole = played(seats, seed=11)
    half = played(seats, seed=11, until=lambda t: len(t.moves) >= len(whole["moves"]) // 2)
    proven = proof_of(half)
    transcript = proven.transcript
    play_out(proven.state, proven.policies, on_move=transcript.record)
    assert json.loads(json.dumps(transcript.to_dict())) == whole


def test_bad_transcripts_get_one_line_and_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = played(GREEDY_US)
    text = json.dumps(good)
    cases = {
        "final-type.json": json.dumps({**good, "final": [1, 2]}),
        "infinite-seed.json": text.replace(f'"seed": {good["seed"]}', '"seed": Infinity'),
        "long-seed.json": text.replace(f'"seed": {good["seed"]}', '"seed": ' + "9" * 5000),
        "long-path.json": json.dumps({**good, "scenario": {**good["scenario"], "file": "x/" * 2500}}),
        "long-id.json": json.dumps({**good, "scenario": {"id": "x" * 5000, "sha256": "0", "file": ""}}),
        "surrogate.json": text.replace('"moves": [', '"moves": [{"turn": 1, "actor": "us", "move": "pass", '
                                                      '"reason": "\\ud800"}, ', 1),
        "nested.json": "[" * 100_000 + "]" * 100_000,
    }
    for name, content in cases.items():
        path = tmp_path / name
        path.write_text(content, encoding="utf-8")
        for args in (["replay", str(path)], ["play", "--text", "--resume", str(path)]):
            code = main(args)
            out, err = capsys.readouterr()
            assert code == 2, (name, out, err)
            assert len(err.strip().splitlines()) == 1 and "Traceback" not in err, (name, err)


def test_files_that_are_not_transcripts_are_refused_before_they_are_read(tmp_path: Path,
                                                                           capsys: pytest.CaptureFixture[str]) -> None:
    import os

    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    big = tmp_path / "big.json"
    with big.open("wb") as out:
        out.truncate(600 * 1024 * 1024)  # a sparse file: its size is known without writing it
    for path, phrase in ((fifo, "a pipe (FIFO)"), (Path("/dev/zero"), "a device"), (tmp_path, "a folder"),
                         (big, "629,145,600 bytes")):
        for args in (["replay", str(path)], ["play", "--text", "--resume", str(path)]):
            code = main(args)
            err = capsys.readouterr().err
            assert code == 2 and phrase in err, (path, err)
    for args in (["validate", str(fifo)], ["cards", str(fifo), "--out", str(tmp_path / "cards")],
                 ["play", "--text", "--scenario", str(fifo)], ["simulate", str(fifo), "--games", "2"]):
        assert main(args) == 2, args
        captured = capsys.readouterr()
        assert "a pipe (FIFO)" in captured.out + captured.err, (args, captured)


def test_replay_and_resume_refuse_an_edited_record_with_exit_1(tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    seats = seating(GENEVA, {"us": Controller("human")}, "normal")
    data = played(seats, until=lambda t: len(t.moves) >= 3)
    data["practice"] = not data["practice"]
    path = tmp_path / "game.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    before = path.read_bytes()
    assert main(["replay", str(path)]) == 1
    assert "does NOT match" in capsys.readouterr().out
    assert main(["play", "--text", "--resume", str(path)]) == 1
    assert "seal does not match" in capsys.readouterr().err
    assert path.read_bytes() == before  # refused before anything is rewritten


def test_a_saved_game_proves_itself_from_its_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    transcript = Transcript.from_dict(played(GREEDY_US))
    save(transcript, tmp_path / "game.json")
    assert main(["replay", str(tmp_path / "game.json")]) == 0
    assert "the record matches" in capsys.readouterr().out


def test_a_record_of_no_moves_proves_only_with_no_closing_record() -> None:
    seats = seating(GENEVA, {"us": Controller("human")}, "normal")
    data = played(seats, until=lambda t: True)
    assert proof_of(data).state.turn == 1
    data["final"] = {"outcome": "agreement"}
    with pytest.raises(TranscriptError):
        proof_of(data)
