"""`detente report`: the class's results from handed-in transcripts; damaged and edited ones are rejected."""

from __future__ import annotations

import copy
import csv
import json
from pathlib import Path

import pytest

from game.cli import main
from game.resources import scenario_path
from game.scenario import load_scenario
from tests.classroom import hand_in, student_game

GENEVA = load_scenario(scenario_path("geneva-2022"))


def report(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["report", *args])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.out + captured.err
    return code, captured.out, captured.err


def grades(out: Path) -> list[dict[str, str]]:
    with (out / "grades.csv").open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def damage(folder: Path) -> dict[str, str]:
    """Ten damaged transcripts of the kinds the issue names, and the phrase each rejection gives."""
    good = student_game(GENEVA, 0)
    cases: dict[str, tuple[str | bytes, str]] = {}
    text = json.dumps(good)
    cases["truncated.json"] = (text[: len(text) // 2], "damaged or cut short")
    cases["not-json.json"] = ("these are my notes for the class", "damaged or cut short")
    cases["other-program.json"] = (json.dumps({"name": "package", "version": "1.0"}), "not a Détente transcript")
    edited = copy.deepcopy(good)
    edited["final"]["results"][next(iter(edited["final"]["results"]))]["score"] = 1.0
    cases["edited-score.json"] = (json.dumps(edited), "does not match its replay")
    edited = copy.deepcopy(good)
    ai = next(i for i, m in enumerate(edited["moves"]) if m["actor"] != "us" and m["move"].startswith("propose"))
    edited["moves"][ai]["move"] = "accept"
    cases["edited-move.json"] = (json.dumps(edited), "does not match its replay")
    unknown = copy.deepcopy(good)
    unknown["scenario"] = {"id": "camp-david-1978", "sha256": "0" * 64, "file": ""}
    cases["unknown-scenario.json"] = (json.dumps(unknown), "cannot find the scenario")
    cases["nested.json"] = ("[" * 50_000 + "]" * 50_000, "nested too deeply")
    unfinished = copy.deepcopy(good)
    cases["wrong-final.json"] = (json.dumps({**unfinished, "final": "done"}), "final record is damaged")
    cases["empty.json"] = ("", "empty")
    for name, (content, _) in cases.items():
        (folder / name).write_text(content if isinstance(content, str) else "", encoding="utf-8")
    with (folder / "huge.json").open("wb") as out:
        out.truncate(50 * 1024 * 1024)
    phrases = {name: phrase for name, (_, phrase) in cases.items()}
    phrases["huge.json"] = "52,428,800 bytes"
    return phrases


def test_a_folder_with_damaged_transcripts_reports_the_good_ones_and_lists_the_others(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "handed-in"
    hand_in(folder, 20)
    phrases = damage(folder)
    assert len(phrases) == 10
    out = tmp_path / "out"
    code, stdout, _ = report(capsys, str(folder), "--out", str(out))
    assert code == 0
    assert "20 games counted and 10 rejected" in stdout
    for name, phrase in phrases.items():
        [line] = [row for row in stdout.splitlines() if row.startswith(f"rejected {folder / name}:")]
        assert phrase in line, (name, line)
    rows = grades(out)
    assert len(rows) == 30
    counted = [r for r in rows if r["verified"] == "yes"]
    assert len(counted) == 20 and {r["name"] for r in counted} == {f"Student {n:03d}" for n in range(1, 21)}
    assert all(r["reason"] for r in rows if r["verified"] == "no")
    assert set(rows[0]) >= {"name", "file", "scenario", "side", "difficulty", "seed", "outcome", "utility",
                            "reservation", "score", "turns", "verified"}
    page = (out / "report.html").read_text(encoding="utf-8")
    # three class charts, then one small chart of its trail of offers per counted game (opened on a click)
    assert page.count("<svg") == 3 + 20 and page.count("<details>") == 20
    assert "Rejected transcripts" in page and "Student 007" in page and "What happened in history" in page
    assert "<script" not in page and "http" not in page.replace("http://www.w3.org/2000/svg", "")  # offline


def test_the_report_of_one_game_matches_its_debrief(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from game.analysis.debrief import debrief
    from game.engine.transcript import Transcript
    from game.proof import prove

    data = student_game(GENEVA, 4)
    (tmp_path / "one.json").write_text(json.dumps(data), encoding="utf-8")
    code, _, _ = report(capsys, str(tmp_path / "one.json"), "--out", str(tmp_path / "out"))
    assert code == 0
    [row] = grades(tmp_path / "out")
    d = debrief(prove(Transcript.from_dict(data), GENEVA).state)
    side = d.side(row["side"])
    assert row["outcome"] == d.outcome and float(row["score"]) == pytest.approx(side.score, abs=1e-4)
    assert float(row["utility"]) == pytest.approx(side.utility, abs=1e-4)
    assert int(row["turns"]) == data["final"]["turn"] and int(row["seed"]) == data["seed"]


def test_nothing_to_count_exits_2_and_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "notes.json").write_text("{}", encoding="utf-8")
    code, _, err = report(capsys, str(tmp_path), str(tmp_path / "missing"), "--out", str(tmp_path / "out"))
    assert code == 2 and "no transcript could be counted" in err and "no such file or folder" in err
    assert not (tmp_path / "out").exists()


def test_student_text_is_escaped_everywhere(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from game.engine.transcript import Transcript

    folder = tmp_path / "in"
    folder.mkdir()
    for n, name in enumerate(["<script>alert(1)</script>", "=HYPERLINK(\"http://x\")", "# heading | pipe *bold*"]):
        data = student_game(GENEVA, n)
        transcript = Transcript.from_dict(data)
        transcript.names = {next(iter(transcript.names)): name}  # as if typed with --name (and sealed so)
        (folder / f"{n}.json").write_text(json.dumps(transcript.to_dict()), encoding="utf-8")
    out = tmp_path / "out"
    assert report(capsys, str(folder), "--out", str(out))[0] == 0
    page = (out / "report.html").read_text(encoding="utf-8")
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    markdown = (out / "report.md").read_text(encoding="utf-8")
    assert "<script>" not in markdown and "\n# heading" not in markdown and "\\| pipe \\*bold\\*" in markdown
    names = {r["name"] for r in grades(out)}
    assert "'=HYPERLINK(\"http://x\")" in names  # a spreadsheet shows it as text, it does not run it
    for svg in out.glob("*.svg"):
        assert "<script>" not in svg.read_text(encoding="utf-8")


def test_games_are_grouped_by_scenario_and_many_sides_get_a_chart_per_pair(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    hand_in(tmp_path / "in" / "geneva", 4)
    hand_in(tmp_path / "in" / "dayton", 3, "dayton-1995")
    out = tmp_path / "out"
    assert report(capsys, str(tmp_path / "in"), "--out", str(out))[0] == 0
    charts = sorted(p.name for p in out.glob("*frontier*.svg"))
    assert len(charts) == 1 + 3  # Geneva's one pair; Dayton's three negotiators, three pairs
    page = (out / "report.html").read_text(encoding="utf-8")
    assert "Geneva 2022" in page and "Dayton" in page
    assert {r["scenario"] for r in grades(out)} == {"geneva_2022", "dayton_1995"}
    for svg in charts:
        text = (out / svg).read_text(encoding="utf-8")
        assert "Value to" in text and "Nash point" in text and "reservation" in text  # axes, legend


def test_a_scenario_that_is_not_shipped_is_given_with_scenario(tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    harbour = Path(__file__).resolve().parents[1] / "data" / "harbour3.yaml"
    sc = load_scenario(harbour)
    data = student_game(sc, 1)
    data["scenario"]["file"] = ""
    (tmp_path / "h.json").write_text(json.dumps(data), encoding="utf-8")
    code, _, err = report(capsys, str(tmp_path / "h.json"), "--out", str(tmp_path / "a"))
    assert code == 2 and "cannot find the scenario" in err
    code, _, _ = report(capsys, str(tmp_path / "h.json"), "--out", str(tmp_path / "b"), "--scenario", str(harbour))
    assert code == 0 and grades(tmp_path / "b")[0]["verified"] == "yes"
    code, _, err = report(capsys, str(tmp_path / "h.json"), "--out", str(tmp_path / "c"),
                          "--scenario", str(scenario_path("geneva-2022")))
    assert code == 2 and "another scenario" in err


def test_the_report_trusts_only_shipped_scenarios_or_the_one_given(tmp_path: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    """A student's own copy of Geneva, under Geneva's id, where everything is worth 1 to them: not counted."""
    import yaml

    from game.scenario import load_scenario_bytes

    data = yaml.safe_load(scenario_path("geneva-2022").read_text(encoding="utf-8"))
    data["preferences"]["russia"] = copy.deepcopy(data["preferences"]["us"])
    evil = tmp_path / "geneva-2022.yaml"
    evil.write_text(yaml.safe_dump(data), encoding="utf-8")
    sc = load_scenario_bytes(evil.read_bytes(), str(evil))
    game = student_game(sc, 0)
    game["scenario"]["file"] = str(evil)
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "mine.json").write_text(json.dumps(game), encoding="utf-8")
    code, _, err = report(capsys, str(tmp_path / "in"), "--out", str(tmp_path / "out"))
    assert code == 2 and "has changed since" in err
    assert main(["replay", str(tmp_path / "in" / "mine.json")]) == 0  # replay names it: not a shipped scenario
    assert "not a shipped scenario" in capsys.readouterr().out


def test_copies_deep_nesting_links_and_terminal_escapes_are_refused_in_one_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from game.engine.transcript import Transcript

    folder = tmp_path / "in"
    folder.mkdir()
    game = student_game(GENEVA, 2)
    (folder / "a.json").write_text(json.dumps(game), encoding="utf-8")
    copy_ = Transcript.from_dict(copy.deepcopy(game))
    copy_.names = {seat: "Copycat" for seat in copy_.names}  # the same game under another name, sealed again
    (folder / "b.json").write_text(json.dumps(copy_.to_dict()), encoding="utf-8")
    deep = {**game, "junk": json.loads("[" * 340 + "]" * 340)}
    (folder / "deep.json").write_text(json.dumps(deep), encoding="utf-8")
    escape = copy.deepcopy(game)
    escape["moves"][0]["move"] = "\x1b]0;pwned\x07\x1b[2J" + "x" * 5000
    (folder / "escape.json").write_text(json.dumps(escape), encoding="utf-8")
    (folder / "link.json").symlink_to(folder / "a.json")  # a link inside the folder is not followed
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "c.json").write_text(json.dumps(student_game(GENEVA, 5)), encoding="utf-8")
    (tmp_path / "linked").symlink_to(outside)  # a folder named on the command line is, link or not
    code, out, _ = report(capsys, str(folder), str(tmp_path / "linked"), "--out", str(tmp_path / "out"))
    assert code == 0 and "2 games counted and 3 rejected" in out, out
    assert "the same game as" in out and "nested too deeply" in out and "\x1b" not in out
    assert all(len(line) < 900 for line in out.splitlines())
    assert main(["replay", str(folder / "deep.json")]) == 2
    assert "nested too deeply" in capsys.readouterr().err
    rows = grades(tmp_path / "out")
    counted = [r for r in rows if r["verified"] == "yes"]
    assert {r["played_by"] for r in counted} == {"human"} and {r["mode"] for r in counted} == {"graded"}
    assert len({r["game"] for r in counted}) == 2 and all(len(r["scenario_sha256"]) == 64 for r in counted)
    assert oct((tmp_path / "out" / "report.html").stat().st_mode & 0o777) != oct(0o600)  # readable when shared


def test_the_report_does_not_overwrite_files_it_did_not_write(tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    hand_in(tmp_path / "in", 2)
    out = tmp_path / "out"
    out.mkdir()
    (out / "grades.csv").write_text("the instructor's own gradebook", encoding="utf-8")
    code, _, err = report(capsys, str(tmp_path / "in"), "--out", str(out))
    assert code == 2 and "grades.csv" in err and "--force" in err
    assert (out / "grades.csv").read_text(encoding="utf-8") == "the instructor's own gradebook"
    assert report(capsys, str(tmp_path / "in"), "--out", str(out), "--force")[0] == 0
    assert report(capsys, str(tmp_path / "in"), "--out", str(out))[0] == 0  # its own files: rewritten
    assert report(capsys, str(tmp_path / "in"), "--out", str(tmp_path / "o2"), "--scenario", "geneva-2022")[0] == 0
