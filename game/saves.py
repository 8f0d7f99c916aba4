"""Saves: transcripts written atomically to the user's data folder.

A save is the game's transcript. It is rewritten after every move through a
temporary file, flushed to disk and renamed over the old one, so a crash or a
kill at any moment leaves the last complete move readable.
"""

from __future__ import annotations

import hashlib
import json
import re
import secrets
import time
from pathlib import Path

import platformdirs

from game.engine.transcript import Transcript, TranscriptError
from game.files import FileProblem, clean_leftovers, read_limited, write_atomic
from game.resources import scenario_path, shipped_scenarios
from game.scenario import Scenario, ScenarioError, load_scenario

MAX_SAVE_BYTES = 8 * 1024 * 1024
SCENARIO_ID = re.compile(r"[a-z][a-z0-9_-]{0,59}")


def data_dir() -> Path:
    """Where games are saved (on Linux $XDG_DATA_HOME/detente, else ~/.local/share/detente)."""
    return Path(platformdirs.user_data_dir("detente", appauthor=False)) / "games"


def new_save_path(transcript: Transcript) -> Path:
    clean_leftovers(data_dir())  # what a kill in the middle of an earlier save left behind
    stamp = time.strftime("%Y%m%d-%H%M%S")
    return data_dir() / f"{transcript.scenario_id}-{stamp}-seed{transcript.seed}-{secrets.token_hex(2)}.json"


def save(transcript: Transcript, path: Path) -> None:
    write_atomic(path, json.dumps(transcript.to_dict(), ensure_ascii=False, indent=1) + "\n")


def load(path: str | Path) -> Transcript:
    """Read a transcript file; TranscriptError says clearly what is wrong with it."""
    file = Path(path)
    try:
        raw = read_limited(file, MAX_SAVE_BYTES, "Détente transcript")
    except FileProblem as exc:
        raise TranscriptError(f"{str(file)[:200]}: {exc}") from None
    if not raw.strip():
        raise TranscriptError(f"{file}: the file is empty")
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise TranscriptError(f"{file}: not a text file (not UTF-8)") from None
    except json.JSONDecodeError as exc:
        raise TranscriptError(f"{file}:{exc.lineno}:{exc.colno}: the transcript is damaged or cut short "
                              f"({exc.msg})") from None
    except RecursionError:
        raise TranscriptError(f"{file}: nested too deeply to be a Détente transcript") from None
    except ValueError as exc:  # a number too long to convert, say
        raise TranscriptError(f"{file}: the transcript is damaged ({str(exc)[:120]})") from None
    try:
        return Transcript.from_dict(data)
    except TranscriptError as exc:
        raise TranscriptError(f"{file}: {exc}") from None


def _modified(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:  # a link to nothing, or a file removed meanwhile: listed last, then refused by `load`
        return 0.0


def unfinished_games() -> list[Path]:
    """Saved games that have not ended and can be continued, newest first."""
    found = []
    folder = data_dir()
    if not folder.is_dir():
        return []
    clean_leftovers(folder)
    for path in sorted(folder.glob("*.json"), key=_modified, reverse=True):
        try:
            transcript = load(path)
        except TranscriptError:
            continue
        if transcript.replayable and (not transcript.final or transcript.final.get("outcome") is None):
            found.append(path)  # (a game of an older engine cannot be continued: it is not offered)
    return found


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except (OSError, ValueError):
        return False


def find_scenario(transcript: Transcript, override: str | None = None, *, recorded: bool = True) -> Scenario:
    """The scenario a transcript was played with: `override` when given, else the shipped scenario of the same
    id, else (with `recorded`) the file it names. A class report trusts only the first two: the file a transcript
    names is the student's to choose. ScenarioError or TranscriptError say what is wrong."""
    if override:
        return load_scenario(scenario_path(override))
    names = (transcript.scenario_id.replace("_", "-"), transcript.scenario_id)
    candidates = (*(n for n in names if SCENARIO_ID.fullmatch(n)),  # an id, not a path
                  *((transcript.scenario_file,) if recorded else ()))
    problem: ScenarioError | None = None
    changed = False
    for candidate in candidates:
        if not candidate or len(candidate) > 4096 or not _is_file(scenario_path(candidate)):
            continue
        try:
            scenario = load_scenario(scenario_path(candidate))
        except ScenarioError as exc:
            problem = problem or exc
            continue
        if scenario.digest == transcript.scenario_sha256:
            return scenario
        changed = True
    if changed:
        raise TranscriptError(f"the scenario '{transcript.scenario_id[:60]}' has changed since this game was played, "
                              "so the game cannot be replayed on it (give the old file with --scenario FILE)")
    if problem is not None:
        raise problem
    raise TranscriptError(f"cannot find the scenario '{transcript.scenario_id[:60]}' this game was played with "
                          "(give it with --scenario FILE)")


def is_shipped(scenario: Scenario) -> bool:
    """Whether a scenario is, byte for byte, one that ships with the game."""
    for path in shipped_scenarios():
        try:
            if hashlib.sha256(read_limited(path, 1 << 20)).hexdigest() == scenario.digest:
                return True
        except FileProblem:
            continue
    return False
