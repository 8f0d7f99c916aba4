"""No traceback from any command: each abuse the hostile pass found gets one clear line and exit 2."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from game.cli import main
from tests.text.test_pipe import ROOT, run, saves


def fails_cleanly(capsys: pytest.CaptureFixture[str], args: list[str], phrase: str) -> str:
    code = main(args)
    captured = capsys.readouterr()
    assert code == 2, (args, captured)
    assert phrase in captured.err, (args, captured.err)
    assert "Traceback" not in captured.out + captured.err
    return captured.err


@pytest.mark.parametrize("answer", ["²", "9" * 4300, "-1", "0", "1.5", "١"])
def test_odd_numbers_at_a_numbered_prompt_are_asked_again(tmp_path: Path, answer: str) -> None:
    done = run(["play", "--text", "--seed", "3"], f"{answer}\n{answer}\n", tmp_path)
    assert "Traceback" not in done.stdout + done.stderr
    assert done.stdout.count("Please answer with a number from 1 to 2") == 2
    assert "Input ended before the game began" in done.stdout and done.returncode == 1


def test_input_that_is_not_utf8_stops_with_a_message_and_exit_2(tmp_path: Path) -> None:
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path), "PYTHONPATH": str(ROOT), "PYTHONIOENCODING": "utf-8:strict"}
    for args in (["play", "--text"], ["play", "--text", "--side", "us", "--difficulty", "easy", "--seed", "4"]):
        done = subprocess.run([sys.executable, "-m", "game", *args], input=b"\xff\xfe\n", capture_output=True,
                              env=env, cwd=ROOT, timeout=120)
        out = done.stdout.decode("utf-8", "replace") + done.stderr.decode("utf-8", "replace")
        assert done.returncode == 2 and "Traceback" not in out
        assert "the input is not UTF-8 text" in out


def test_input_that_ends_before_the_first_move_claims_no_save(tmp_path: Path) -> None:
    done = run(["play", "--text", "--side", "us", "--difficulty", "easy", "--seed", "4"], "", tmp_path)
    assert "nothing to continue" in done.stdout and "--resume" not in done.stdout
    assert saves(tmp_path) == []


def test_new_refuses_long_names_links_and_files_it_did_not_write(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    fails_cleanly(capsys, ["new", "a" * 300], "at most 100")
    elsewhere = tmp_path / "elsewhere.txt"
    elsewhere.write_text("precious")
    (tmp_path / "linked.yaml").symlink_to(elsewhere)
    for args in (["new", "linked"], ["new", "linked", "--force"]):
        fails_cleanly(capsys, args, "symbolic link")
    assert elsewhere.read_text() == "precious"
    (tmp_path / "detente.schema.json").symlink_to(tmp_path / "missing-target.json")
    assert main(["new", "fresh"]) == 0
    assert not (tmp_path / "missing-target.json").exists()  # not written through a dangling link either


def test_cards_refuses_bad_folders_and_foreign_files_but_rewrites_its_own(tmp_path: Path,
                                                                         capsys: pytest.CaptureFixture[str]) -> None:
    a_file = tmp_path / "a-file"
    a_file.write_text("x")
    fails_cleanly(capsys, ["cards", "tutorial", "--out", ""], "--out is empty")
    fails_cleanly(capsys, ["cards", "tutorial", "--out", str(a_file / "sub")], "is not a folder")
    fails_cleanly(capsys, ["cards", "tutorial", "--out", str(a_file)], "--out names a folder")
    fails_cleanly(capsys, ["cards", "tutorial", "--out", "/proc/x"], "could not be written")
    out = tmp_path / "cards"
    out.mkdir()
    (out / "cards.html").write_text("the instructor's own page")
    fails_cleanly(capsys, ["cards", "tutorial", "--out", str(out)], "already exists (add --force")
    assert (out / "cards.html").read_text() == "the instructor's own page"
    assert sorted(p.name for p in out.iterdir()) == ["cards.html"]  # refused before anything was written
    assert main(["cards", "tutorial", "--out", str(out), "--force"]) == 0
    assert main(["cards", "tutorial", "--out", str(out)]) == 0  # its own files: rewritten without --force
    secret = tmp_path / "secret.md"
    secret.write_text("keep")
    (out / "instructor.md").unlink()
    (out / "instructor.md").symlink_to(secret)
    fails_cleanly(capsys, ["cards", "tutorial", "--out", str(out)], "symbolic link")
    assert secret.read_text() == "keep"
    link = tmp_path / "link-to-cards"
    link.symlink_to(out)
    fails_cleanly(capsys, ["cards", "tutorial", "--out", str(link)], "symbolic link")
    capsys.readouterr()


def test_schema_demo_and_simulate_refuse_impossible_outputs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fails_cleanly(capsys, ["schema", "--out", str(tmp_path)], "this is a folder")
    fails_cleanly(capsys, ["schema", "--out", str(tmp_path / "missing" / "s.json")], "does not exist")
    a_file = tmp_path / "a-file"
    a_file.write_text("x")
    fails_cleanly(capsys, ["demo", "--screenshots", str(a_file)], "not a folder")
    fails_cleanly(capsys, ["simulate", "tutorial", "--games", "1000000000000"], "at most 1,000,000")
    cores = os.cpu_count() or 1
    fails_cleanly(capsys, ["simulate", "tutorial", "--jobs", str(cores + 1)], f"this machine has {cores} core")


def test_text_wrapping_cuts_long_words_and_keeps_every_character() -> None:
    from game.text.render import fill, wrap

    text = "a " + "x" * 700_000 + " short words here " + "y" * 79
    lines = fill(text, 78, "  ")
    assert all(len(line) <= 78 and line.startswith("  ") for line in lines)
    assert "".join(line.strip() for line in lines).replace(" ", "") == text.replace(" ", "")
    assert lines[0] == "  a" and len(lines) == 2 + 700_000 // 76 + 2
    assert wrap("one two\n\nthree", "") == "one two\nthree"


def test_outputs_never_replace_a_file_another_program_wrote(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    scenario = tmp_path / "mine.yaml"
    scenario.write_text("the instructor's scenario")
    fails_cleanly(capsys, ["simulate", "tutorial", "--games", "2", "--quiet", "--out", str(scenario)], "not a .yaml")
    notes = tmp_path / "notes.md"
    notes.write_text("my notes")
    fails_cleanly(capsys, ["simulate", "tutorial", "--games", "2", "--quiet", "--out", str(notes)], "--force")
    assert notes.read_text() == "my notes" and scenario.read_text() == "the instructor's scenario"
    report = tmp_path / "balance.md"
    for _ in range(2):  # its own report is rewritten without --force
        assert main(["simulate", "tutorial", "--games", "2", "--quiet", "--jobs", "1", "--out", str(report)]) == 0
    fails_cleanly(capsys, ["schema", "--out", str(scenario)], "--force")
    for _ in range(2):
        assert main(["schema", "--out", str(tmp_path / "s.json")]) == 0
    assert (tmp_path / "s.json").stat().st_mode & 0o044  # readable by others, as any file the user writes


def test_a_dangling_link_among_the_saves_does_not_stop_the_list(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    from game.saves import data_dir, unfinished_games

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    data_dir().mkdir(parents=True)
    (data_dir() / "gone.json").symlink_to(tmp_path / "nowhere.json")
    assert unfinished_games() == []


def test_a_name_on_a_seat_no_person_played_is_refused() -> None:
    import json as _json

    from game.engine.transcript import Transcript, TranscriptError
    from tests.test_proof import GREEDY_US, played

    data = played(GREEDY_US)
    data["names"] = {"us": "Someone"}  # the greedy bot played us
    with pytest.raises(TranscriptError, match="the seats people played"):
        Transcript.from_dict(_json.loads(_json.dumps(data)))
