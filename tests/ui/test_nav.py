"""The window's modules import each other at the top of the file only, and never in a circle: screens move
on through game.ui.nav, where each screen registers itself."""

from __future__ import annotations

import ast
from pathlib import Path

from game.ui import nav

UI = Path(__file__).resolve().parents[2] / "game" / "ui"
GAME = UI.parents[0]


def module_name(path: Path) -> str:
    parts = path.relative_to(GAME.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def is_module(name: str) -> bool:
    path = GAME.parent.joinpath(*name.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def type_checking(node: ast.stmt) -> bool:
    """`if TYPE_CHECKING:`: imports for the type checker only; they never run."""
    return isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING"


def runtime_imports(tree: ast.Module) -> set[str]:
    """The game.ui modules a module imports when it runs (a name from a package that is a module counts as that
    module: `from game.ui import theme` imports game.ui.theme)."""
    found: set[str] = set()
    for node in tree.body:
        if type_checking(node):
            continue
        for inner in ast.walk(node):
            if isinstance(inner, ast.Import):
                found.update(alias.name for alias in inner.names)
            elif isinstance(inner, ast.ImportFrom) and inner.module:
                for alias in inner.names:
                    full = f"{inner.module}.{alias.name}"
                    found.add(full if is_module(full) else inner.module)
    return {name for name in found if name == "game.ui" or name.startswith("game.ui.")}


def modules() -> dict[str, ast.Module]:
    return {module_name(path): ast.parse(path.read_text(encoding="utf-8")) for path in sorted(UI.rglob("*.py"))}


def test_no_module_of_the_window_imports_inside_a_function():
    offenders = []
    for name, tree in modules().items():
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
                for inner in ast.walk(node):
                    if isinstance(inner, (ast.Import, ast.ImportFrom)):
                        offenders.append(f"{name}:{inner.lineno}")
    assert offenders == []


def test_the_window_modules_import_each_other_in_no_circle():
    graph = {name: runtime_imports(tree) for name, tree in modules().items()}
    cycles: list[list[str]] = []
    state: dict[str, str] = {}  # visiting or done
    path: list[str] = []

    def visit(name: str) -> None:
        state[name] = "visiting"
        path.append(name)
        for target in sorted(graph.get(name, ())):
            if state.get(target) == "visiting":
                cycles.append(path[path.index(target):] + [target])
            elif target not in state:
                visit(target)
        path.pop()
        state[name] = "done"

    for name in sorted(graph):
        if name not in state:
            visit(name)
    assert cycles == [], [" -> ".join(c) for c in cycles]
    assert "game.ui.nav" in graph["game.ui.screens.table"]  # the screens move on through nav


def test_the_screens_import_no_other_screen_but_the_menu():
    for name, tree in modules().items():
        if name.startswith("game.ui.screens.") and name != "game.ui.screens.menu":
            others = {m for m in runtime_imports(tree) if m.startswith("game.ui.screens.")}
            assert others <= {"game.ui.screens.menu"}, (name, others)


def test_every_screen_is_registered_with_nav():
    assert {"title", "picker", "setup", "briefing", "handover", "table", "debrief", "load",
            "settings"} <= set(nav.registered())
