"""Opening the window: the title screen, a scenario's setup, or a saved game; and the self-playing demo."""

from __future__ import annotations

import os
import sys

import pygame

from game.engine.transcript import TranscriptError
from game.resources import scenario_path
from game.scenario import ScenarioError, load_scenario
from game.ui import demo, nav, screens
from game.ui.app import App
from game.ui.session import Session

NO_DISPLAY = ("detente: no display available to open the game window; "
              "play in the terminal instead with `detente play --text`")
_ = screens  # imported for its registrations with game.ui.nav


def display_missing() -> bool:
    if os.environ.get("SDL_VIDEODRIVER"):
        return False
    return sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def open_app() -> App | None:
    """The window, or None when there is no display to open it on."""
    if display_missing():
        return None
    try:
        return App()
    except pygame.error:
        return None


def run_window(scenario: str | None = None, resume: str | None = None) -> int:
    """Open the window (the title screen, or a scenario's setup, or a saved game) and play."""
    app = open_app()
    if app is None:
        print(NO_DISPLAY, file=sys.stderr)
        return 2
    try:
        if resume:
            nav.game_on(app, Session.resume(resume))
        elif scenario:
            nav.setup(app, load_scenario(scenario_path(scenario)))
    except (ScenarioError, TranscriptError):
        pygame.quit()
        raise
    app.run()
    return 0


def run_demo(scenario: str | None = None, seed: int = 1, screenshots: str | None = None) -> int:
    app = open_app()
    if app is None:
        print(NO_DISPLAY + " (or run the demo headless with SDL_VIDEODRIVER=dummy)", file=sys.stderr)
        return 2
    session = demo.run_demo(scenario, seed, screenshots, app=app)
    final = session.view(session.scenario.seats[0])
    outcome = final.result.kind if final.result else "unfinished"
    print(f"demo: played '{session.scenario.title}' to the end through the window: {outcome} on turn {final.turn}"
          + (f"; screenshots in {screenshots}" if screenshots else ""))
    return 0
