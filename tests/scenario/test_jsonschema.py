"""The JSON Schema (draft 7) that editors use: it accepts every shipped scenario and rejects bad input."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from game.cli import main
from game.resources import shipped_scenarios
from game.scenario import inspect_scenario_bytes
from game.scenario.jsonschema import DRAFT7, scenario_json_schema
from game.tools.new import starter_text

ROOT = Path(__file__).resolve().parents[2]
BAD = sorted((ROOT / "tests" / "data" / "schema-bad").glob("*.yaml"))
GOOD = [*shipped_scenarios(), ROOT / "tests" / "data" / "river.yaml"]
MODELINE = "# yaml-language-server: $schema="


def validator() -> jsonschema.Draft7Validator:
    schema = scenario_json_schema()
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema)


def test_the_schema_is_a_valid_draft_7_schema() -> None:
    schema = scenario_json_schema()
    assert schema["$schema"] == DRAFT7 == "http://json-schema.org/draft-07/schema#"
    jsonschema.Draft7Validator.check_schema(schema)
    assert "$defs" not in json.dumps(schema)  # draft 7 says "definitions"


def test_the_schema_command_writes_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", "--out", str(tmp_path / "s.json")]) == 0
    assert json.loads((tmp_path / "s.json").read_text(encoding="utf-8")) == scenario_json_schema()
    capsys.readouterr()
    assert main(["schema"]) == 0
    assert json.loads(capsys.readouterr().out)["$schema"] == DRAFT7


def test_the_schema_file_in_the_repository_is_up_to_date() -> None:
    written = json.loads((ROOT / "detente.schema.json").read_text(encoding="utf-8"))
    assert written == scenario_json_schema(), "run: detente schema --out detente.schema.json"


@pytest.mark.parametrize("path", GOOD, ids=lambda p: p.name)
def test_the_schema_accepts_every_shipped_scenario(path: Path) -> None:
    errors = [e.message for e in validator().iter_errors(yaml.safe_load(path.read_text(encoding="utf-8")))]
    assert errors == []


def test_the_schema_accepts_the_starter_scenario() -> None:
    assert list(validator().iter_errors(yaml.safe_load(starter_text("starter")))) == []


@pytest.mark.parametrize("path", shipped_scenarios(), ids=lambda p: p.name)
def test_every_shipped_scenario_starts_with_the_editor_schema_line(path: Path) -> None:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith(MODELINE)
    assert (path.parent / first[len(MODELINE):]).resolve() == (ROOT / "detente.schema.json").resolve()


def test_there_are_bad_input_files() -> None:
    assert len(BAD) >= 6


@pytest.mark.parametrize("path", BAD, ids=lambda p: p.stem)
def test_the_schema_rejects_bad_input_as_the_validator_does(path: Path) -> None:
    raw = path.read_bytes()
    assert not validator().is_valid(yaml.safe_load(raw))
    scenario, problems = inspect_scenario_bytes(raw, path.name)
    assert scenario is None and any(p.severity == "error" for p in problems)
