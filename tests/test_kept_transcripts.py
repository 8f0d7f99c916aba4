"""Kept edited and damaged transcripts (tests/data/transcripts/): each is refused by `detente replay` with its
exit code and reason. They are made from one Geneva game; after an intended change of the engine or of Geneva,
rewrite them with DETENTE_UPDATE_GOLDEN=1 and read the diff."""

from __future__ import annotations

import copy
import json
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from game.cli import main
from game.resources import scenario_path
from game.scenario import load_scenario
from tests.classroom import student_game

KEPT = Path(__file__).resolve().parent / "data" / "transcripts"


def _ai_accepts(d: dict[str, Any]) -> None:
    """The attack from the issue: the AI "accepted" what the student asked for."""
    n = next(i for i, m in enumerate(d["moves"]) if m["actor"] == "russia" and m["move"].startswith("propose"))
    d["moves"][n]["move"] = "accept"
    d["moves"][n]["reason"] = "worth enough to us"


EDITS: dict[str, tuple[Callable[[dict[str, Any]], Any], int, str]] = {
    "ai-made-to-accept": (_ai_accepts, 1, r"move \d+ \(turn \d+, russia\): the record says 'accept'.*but the AI "
                                          r"\(\w+\) plays"),
    "edited-score": (lambda d: d["final"]["results"]["us"].update(score=0.95), 1, "utilities and scores"),
    "edited-outcome": (lambda d: d["final"].update(outcome="agreement" if d["final"]["outcome"] != "agreement"
                                                   else "walkout"), 1, "recorded outcome"),
    "edited-practice": (lambda d: d.update(practice=True), 1, "seal does not match"),
    "edited-level": (lambda d: d["seats"].update(russia="ai:easy" if d["seats"]["russia"] != "ai:easy"
                                                 else "ai:hard"), 1, "the AI|seal does not match"),
    "no-final": (lambda d: d.update(final=None), 1, "closing record"),
    "final-not-object": (lambda d: d.update(final=[1, 2, 3]), 2, "final record is damaged"),
    "infinite-seed": (lambda d: d.update(seed=float("inf")), 2, "'seed' is a whole number"),
    "long-scenario-path": (lambda d: d["scenario"].update(file="x/" * 2600), 2, "too long"),
    "lone-surrogate": (lambda d: d["moves"][0].update(reason="\ud800"), 2, "not valid Unicode"),
}


def base() -> dict[str, Any]:
    return student_game(load_scenario(scenario_path("geneva-2022")), 0)


@pytest.mark.parametrize("name", sorted(EDITS))
def test_a_kept_edited_transcript_is_refused(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    edit, code, phrase = EDITS[name]
    path = KEPT / f"{name}.json"
    if os.environ.get("DETENTE_UPDATE_GOLDEN") or not path.exists():
        data = copy.deepcopy(base())
        data["scenario"]["file"] = "scenarios/geneva-2022.yaml"
        edit(data)
        KEPT.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(data, indent=1, ensure_ascii=True, allow_nan=True) + "\n", encoding="utf-8")
    assert main(["replay", str(path)]) == code
    captured = capsys.readouterr()
    assert "Traceback" not in captured.out + captured.err
    said = captured.out if code == 1 else captured.err
    assert re.search(phrase, said), said
    if code == 1:
        assert "does NOT match" in said
