"""The desktop front end (pygame-ce + pygame_gui). pygame is imported only in this package."""

from __future__ import annotations

import os
import sys

NO_DISPLAY = ("detente: no display available to open the game window; "
              "play in the terminal instead with `detente play --text`")


def _display_missing() -> bool:
    if os.environ.get("SDL_VIDEODRIVER"):
        return False
    return sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def _app(*, need_display: bool = True):  # type: ignore[no-untyped-def]
    if need_display and _display_missing():
        return None
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    import pygame

    from game.ui.app import App

    try:
        return App()
    except pygame.error:
        return None


def run_window(scenario: str | None = None, resume: str | None = None) -> int:
    """Open the window (the title screen, or a scenario's setup, or a saved game) and play."""
    app = _app()
    if app is None:
        print(NO_DISPLAY, file=sys.stderr)
        return 2
    if resume or scenario:
        from game.engine.transcript import TranscriptError
        from game.scenario import ScenarioError

        try:
            if resume:
                from game.ui.screens.table import TableScreen
                from game.ui.session import Session

                app.go(TableScreen(app, Session.resume(resume)))
            else:
                from game.resources import scenario_path
                from game.scenario import load_scenario
                from game.ui.screens.setup import SetupScreen

                app.go(SetupScreen(app, load_scenario(scenario_path(scenario))))
        except (ScenarioError, TranscriptError):
            import pygame

            pygame.quit()
            raise
    app.run()
    return 0


def run_demo(scenario: str | None = None, seed: int = 1, screenshots: str | None = None) -> int:
    app = _app()
    if app is None:
        print(NO_DISPLAY + " (or run the demo headless with SDL_VIDEODRIVER=dummy)", file=sys.stderr)
        return 2
    from game.ui.demo import run_demo as demo

    state = demo(scenario, seed, screenshots, app=app)
    outcome = state.result.kind if state.result else "unfinished"
    print(f"demo: played '{state.scenario.title}' to the end through the window: {outcome} on turn {state.turn}"
          + (f"; screenshots in {screenshots}" if screenshots else ""))
    return 0
