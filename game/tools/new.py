"""`detente new NAME`: write a commented starter scenario that validates and plays as it is."""

from __future__ import annotations

import json
import re
from pathlib import Path

from game.scenario.jsonschema import scenario_json_schema

TEMPLATE = Path(__file__).resolve().parent / "templates" / "starter.yaml"
SCHEMA_FILE = "detente.schema.json"


class NewError(ValueError):
    """A name or place the starter cannot be written to."""


def scenario_id(name: str) -> str:
    """The scenario id for a file name: 'My Crisis 2' -> 'my-crisis-2'."""
    text = re.sub(r"[^a-z0-9_-]+", "-", name.lower()).strip("-_")
    if not text or not text[0].isalpha():
        text = "scenario-" + text if text else "scenario"
    return text[:60]


def starter_text(name: str) -> str:
    """The starter scenario for a file stem: its id, title and file name filled in."""
    title = re.sub(r"[-_]+", " ", name).strip().title() or "New Scenario"
    return (TEMPLATE.read_text(encoding="utf-8").replace("__ID__", scenario_id(name))
            .replace("__TITLE__", title.replace('"', "'")).replace("__FILE__", f"{name}.yaml"))


def write_new(name: str, folder: Path, *, force: bool = False) -> list[Path]:
    """Write NAME.yaml (and detente.schema.json for editors, if missing) in `folder`."""
    stem = name[:-5] if name.endswith(".yaml") else name[:-4] if name.endswith(".yml") else name
    if not stem or "/" in stem or "\\" in stem or stem.startswith("."):
        raise NewError(f"'{name}' is not a plain file name; run `detente new` in the folder you want")
    target = folder / f"{stem}.yaml"
    if target.exists() and not force:
        raise NewError(f"{target} already exists (use --force to overwrite it)")
    target.write_text(starter_text(stem), encoding="utf-8")
    written = [target]
    schema = folder / SCHEMA_FILE
    if not schema.exists():
        schema.write_text(json.dumps(scenario_json_schema(), indent=2) + "\n", encoding="utf-8")
        written.append(schema)
    return written
