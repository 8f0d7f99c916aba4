"""Moving between screens: the one place that knows how each screen is made and which comes next.

Each screen module registers its class here (``@nav.screen("table")``) and moves on by calling
the functions below (``nav.table(app, session)``, ``nav.game_on(app, session)``). No screen
imports another, so the window's modules form no import cycle and no import hides inside a
function; ``game.ui.screens`` imports every screen module, and the window package imports it,
so the registry is complete before the first screen opens.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from game.scenario.model import Scenario
from game.ui.session import EVERYONE, Session

if TYPE_CHECKING:  # types only: game.ui.app imports this module to open the first screen
    from game.ui.app import App, Screen

ScreenClass = TypeVar("ScreenClass", bound=type)
_made: dict[str, Callable[..., Screen]] = {}


def screen(name: str) -> Callable[[ScreenClass], ScreenClass]:
    """Register a screen class under `name` (a class decorator)."""
    def register(cls: ScreenClass) -> ScreenClass:
        _made[name] = cls
        return cls
    return register


def registered() -> tuple[str, ...]:
    return tuple(_made)


def _go(app: App, name: str, *args: Any) -> None:
    if name not in _made:
        raise LookupError(f"no screen '{name}' is registered (game.ui.screens registers them all)")
    app.go(_made[name](app, *args))


def title(app: App) -> None:
    _go(app, "title")


def picker(app: App) -> None:
    _go(app, "picker")


def setup(app: App, scenario: Scenario) -> None:
    _go(app, "setup", scenario)


def load(app: App) -> None:
    _go(app, "load")


def settings(app: App, back: Screen | None = None) -> None:
    _go(app, "settings", back)


def briefing(app: App, session: Session, seat: str) -> None:
    _go(app, "briefing", session, seat)


def table(app: App, session: Session) -> None:
    _go(app, "table", session)


def handover(app: App, session: Session, seat: str) -> None:
    """Hide the screen until `seat`'s person has it (EVERYONE: the game is over, all may look)."""
    _go(app, "handover", session, seat)


def debrief(app: App, session: Session) -> None:
    _go(app, "debrief", session)


def game_on(app: App, session: Session) -> None:
    """Where a game goes next: a hand-over when another person must take the screen, the briefing of a
    person who has not read it yet, the table, or at the end the debrief."""
    due = session.handover_due
    if due is not None:
        handover(app, session, due)
        return
    seat = session.viewer
    if session.over or seat is None:
        debrief(app, session)
        return
    if seat not in session.briefed:
        briefing(app, session, seat)
        return
    table(app, session)


__all__ = ["EVERYONE", "briefing", "debrief", "game_on", "handover", "load", "picker", "registered", "screen",
           "settings", "setup", "table", "title"]
