"""Finding the scenarios and assets that ship with the game, installed or from a checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _shipped(name: str) -> Path:
    installed = _PACKAGE / "_shipped" / name
    return installed if installed.is_dir() else _PACKAGE.parent / name


def scenarios_dir() -> Path:
    return _shipped("scenarios")


def assets_dir() -> Path:
    return _shipped("assets")


DEFAULT_SCENARIO = "geneva-2022"


def shipped_scenarios() -> list[Path]:
    folder = scenarios_dir()
    return sorted(folder.glob("*.yaml")) if folder.is_dir() else []


def scenario_path(name: str | None) -> Path:
    """A scenario file from a path, or the name of a shipped scenario (default: Geneva 2022)."""
    if name is None:
        name = DEFAULT_SCENARIO
    path = Path(name)
    if len(name) > 255 or "\0" in name or "/" in name or path.suffix in (".yaml", ".yml") or _exists(path):
        return path  # (a path too long or unreadable is refused, in words, by whoever reads it)
    return scenarios_dir() / f"{name}.yaml"


def _exists(path: Path) -> bool:
    try:
        return path.exists()
    except (OSError, ValueError):
        return False
