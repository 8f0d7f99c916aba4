"""The engine stays ruff- and mypy-clean (the project's convention for the pure core)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORE = ["game/engine", "game/ai", "game/scenario/model.py", "game/scenario/schema.py"]
WHOLE = ["game"]  # mypy checks every layer; ruff checks the core here and the rest in review


@pytest.mark.skipif(shutil.which("ruff") is None and not (Path(sys.executable).parent / "ruff").exists(),
                    reason="ruff is not installed")
def test_the_engine_is_ruff_clean() -> None:
    ruff = shutil.which("ruff") or str(Path(sys.executable).parent / "ruff")
    done = subprocess.run([ruff, "check", *CORE], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout


def test_the_game_is_mypy_clean() -> None:
    pytest.importorskip("mypy")
    done = subprocess.run([sys.executable, "-m", "mypy", *WHOLE], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout
