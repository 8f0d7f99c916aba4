"""`detente new`: a starter scenario that validates (without a single warning) and plays."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.ai import ScenarioAI, make_bot, play_out
from game.cli import main
from game.engine import new_game
from game.scenario import inspect_scenario_bytes, load_scenario
from game.tools.new import scenario_id


def test_new_then_validate_succeeds_even_in_strict_mode(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["new", "harbour-talks"]) == 0
    assert (tmp_path / "harbour-talks.yaml").is_file()
    assert (tmp_path / "detente.schema.json").is_file()
    capsys.readouterr()
    assert main(["validate", "--strict", "harbour-talks.yaml"]) == 0
    out = capsys.readouterr().out
    assert "harbour-talks.yaml: ok: 'Harbour Talks'" in out and "warning" not in out


def test_the_starter_has_every_part_the_issue_asks_for(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    main(["new", "starter"])
    raw = (tmp_path / "starter.yaml").read_bytes()
    assert raw.startswith(b"# yaml-language-server: $schema=detente.schema.json\n")
    scenario, problems = inspect_scenario_bytes(raw, "starter.yaml")
    assert scenario is not None and problems == []
    spec = scenario.spec
    assert len(scenario.negotiators) == 2 and len(spec.issues) == 3 and scenario.stakeholders
    assert spec.meters and spec.events and len(spec.ai.difficulties) == 2
    assert raw.count(b"\n#") >= 10  # it is commented


def test_the_starter_plays_to_an_end_at_every_level_and_side(tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    main(["new", "starter"])
    scenario = load_scenario(tmp_path / "starter.yaml")
    kinds = set()
    for seed in range(6):
        for side in scenario.negotiators:
            for level in scenario.spec.ai.difficulties:
                other = next(s for s in scenario.seats if s != side)
                state = new_game(scenario, seed, voiced=[other])
                bot = make_bot(("random", "greedy", "tough")[seed % 3], side, seed)
                end = play_out(state, {side: bot, other: ScenarioAI(other, level)})
                assert end.over
                kinds.add(end.result.kind if end.result else None)
    assert "agreement" in kinds


def test_new_does_not_overwrite_a_file_without_force(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "mine.yaml").write_text("my work", encoding="utf-8")
    assert main(["new", "mine"]) == 2
    assert "already exists" in capsys.readouterr().err
    assert (tmp_path / "mine.yaml").read_text(encoding="utf-8") == "my work"
    assert main(["new", "mine.yaml", "--force"]) == 0
    assert (tmp_path / "mine.yaml").read_text(encoding="utf-8").startswith("# yaml-language-server")


def test_a_name_becomes_a_valid_scenario_id() -> None:
    assert scenario_id("Harbour Talks 2") == "harbour-talks-2"
    assert scenario_id("1999 crisis") == "scenario-1999-crisis"
    assert scenario_id("???") == "scenario"
