"""Clean layers: the engine is a pure library; pygame lives only under game/ui/."""

from __future__ import annotations

import ast
from pathlib import Path

GAME = Path(__file__).resolve().parents[1] / "game"
PURE = ("engine", "ai", "scenario", "analysis")
IO_MODULES = {"pygame", "os", "sys", "io", "socket", "subprocess", "shutil", "tempfile", "builtins", "pathlib",
              "platformdirs", "json"}


def imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found


def test_no_module_outside_game_ui_imports_pygame() -> None:
    offenders = [str(p.relative_to(GAME)) for p in GAME.rglob("*.py")
                 if "ui" not in p.relative_to(GAME).parts[:1] and "pygame" in imports(p)]
    assert offenders == []


def test_the_engine_and_the_ai_do_no_io() -> None:
    offenders = {}
    for part in ("engine", "ai"):
        for path in (GAME / part).rglob("*.py"):
            bad = imports(path) & IO_MODULES
            if bad:
                offenders[str(path.relative_to(GAME))] = sorted(bad)
    assert offenders == {}


def test_nothing_in_the_game_calls_eval_or_exec() -> None:
    for path in GAME.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                assert node.func.id not in {"eval", "exec", "compile", "__import__"}, path


def test_the_pure_layers_import_nothing_from_the_front_ends() -> None:
    for part in PURE:
        for path in (GAME / part).rglob("*.py"):
            source = path.read_text(encoding="utf-8")
            assert "game.text" not in source and "game.ui" not in source and "game.cli" not in source, path


def test_no_policy_or_front_end_reads_hidden_values_outside_its_view() -> None:
    """Policies (game.ai), the seats and the front ends decide from and render a seat's View: they never read
    the state's hidden draws or a scenario's preferences table (the analysis of a finished game may)."""
    offenders = []
    for part in ("ai", "text", "ui"):
        for path in (GAME / part).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Attribute) and node.attr in ("hidden", "valuations"):
                    offenders.append(f"{path.relative_to(GAME)}:{node.lineno}: .{node.attr}")
    for node in ast.walk(ast.parse((GAME / "seats.py").read_text(encoding="utf-8"))):
        if isinstance(node, ast.Attribute) and node.attr in ("hidden", "valuations"):
            offenders.append(f"seats.py:{node.lineno}: .{node.attr}")
    assert offenders == []
