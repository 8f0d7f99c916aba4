"""`detente new NAME`: write a commented starter scenario that validates and plays as it is."""

from __future__ import annotations

import json
import re
from pathlib import Path

from game.files import FileProblem, check_writable, write_atomic
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


MAX_NAME = 100


def write_new(name: str, folder: Path, *, force: bool = False) -> list[Path]:
    """Write NAME.yaml (and detente.schema.json for editors, if missing) in `folder`. Never through a symbolic
    link, and over an existing file only with `force`."""
    stem = name[:-5] if name.endswith(".yaml") else name[:-4] if name.endswith(".yml") else name
    if not stem.strip() or "/" in stem or "\\" in stem or stem.startswith(".") or "\0" in stem:
        raise NewError(f"'{name[:80]}' is not a plain file name; run `detente new` in the folder you want")
    if len(stem) > MAX_NAME:
        raise NewError(f"the name is {len(stem)} characters long; give one of at most {MAX_NAME}")
    target = folder / f"{stem}.yaml"
    try:
        check_writable(target, force=force, what="scenario file")
        text = starter_text(stem)
        write_atomic(target, text, sync=False)
        written = [target]
        schema = folder / SCHEMA_FILE
        if not schema.exists() and not schema.is_symlink():
            write_atomic(schema, json.dumps(scenario_json_schema(), indent=2) + "\n", sync=False)
            written.append(schema)
    except FileProblem as exc:
        raise NewError(f"{target}: {exc}") from None
    except OSError as exc:
        raise NewError(f"{target}: cannot write it ({exc.strerror or exc})") from None
    return written
