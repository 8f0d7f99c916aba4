"""A self-playing demo: real mouse clicks and key presses drive the window from title to debrief.

`detente demo [--scenario FILE] [--seed N] [--screenshots DIR]`. It runs headless under
SDL_VIDEODRIVER=dummy; the tests use it to play whole games through the UI.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pygame

from game.analysis.debrief import debrief
from game.engine import legal_kinds
from game.engine.state import State
from game.ui.app import App
from game.ui.session import SAVER
from game.ui.text import crossed_lines

STRATEGIES = ("agreement", "walkout", "escalation", "deadline")


class Demo:
    def __init__(self, app: App, screenshots: Path | None = None):
        self.app = app
        self.folder = screenshots
        self.taken: list[Path] = []
        if screenshots is not None:
            screenshots.mkdir(parents=True, exist_ok=True)

    def shot(self, name: str) -> None:
        if self.folder is None:
            return
        self.app.pump(2)
        path = self.folder / f"{len(self.taken) + 1:02d}-{name}.png"
        self.app.screenshot(path)
        self.taken.append(path)

    @property
    def screen(self):  # type: ignore[no-untyped-def]
        return self.app.screen

    def open_file(self, path: Path) -> None:
        """Open a scenario file through the picker's file dialog, typing its path."""
        self.app.click("open_file")
        dialog = self.screen.file_dialog
        dialog.file_path_text_line.set_text(str(path.resolve()))
        dialog.current_file_path = path.resolve()  # what typing into the line and pressing Enter sets
        self.app.pump(2)
        dialog.ok_button.enable()
        pos = dialog.ok_button.rect.center
        pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)))
        for kind in (pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP):
            pygame.event.post(pygame.event.Event(kind, pos=pos, button=1))
        self.app.pump(4)

    def setup(self, side: str | None, difficulty: str | None, seed: int, practice: bool) -> None:
        screen = self.screen
        if side:
            self.app.click(f"side_{side}")
        if difficulty:
            self.app.click(f"difficulty_{difficulty}")
        if not practice:
            self.app.click("mode_graded")
        current(self.app).widgets["seed"].set_text(str(seed))
        self.app.pump(1)
        assert screen is self.app.screen

    def set_package(self, package: tuple[int, ...]) -> None:
        for i, target in enumerate(package):
            for _ in range(len(self.screen.session.scenario.options[i]) + 1):
                if self.screen.package[i] == target:
                    break
                self.app.click(f"issue_{i}_next")

    def turn(self, strategy: str) -> None:
        screen = self.screen
        state: State = screen.session.state
        if screen.dialog is not None:
            self.app.click("dialog_0")
            return
        kinds = legal_kinds(state)
        if strategy == "walkout":
            self.app.press(pygame.K_w, unicode="w")
            self.shot("walk-out-dialog") if len(self.taken) < 8 else None
            self.app.click("dialog_0")
            return
        if strategy == "escalation":
            self.app.press(pygame.K_t, unicode="t")
            return
        if strategy == "deadline":
            self.app.press(pygame.K_m, unicode="m")
            return
        sc = state.scenario
        player = state.player
        for backer in sc.backers(player):
            if backer not in state.consulted and "consult" in kinds:
                self.app.click("consult")
                index = sc.backers(player).index(backer)
                self.app.click(f"dialog_{index}")
                return
        offer = state.offer
        if "accept" in kinds and offer is not None:
            worth = sc.valuations[player].utility(offer.package)
            if worth >= state.hidden.reservations[player] and not crossed_lines(state, player, offer.package):
                self.app.click("accept")
                return
        nash = debrief(state).nash
        if nash is not None and "propose" in kinds:
            self.set_package(nash.package)
            self.shot("offer-builder") if not any("offer-builder" in p.name for p in self.taken) else None
            self.app.click("propose")
            return
        self.app.click("promise")


def current(app: App) -> Any:
    """The screen on show (the demo only runs while the window is open)."""
    assert app.screen is not None
    return app.screen


def run_demo(scenario: str | None = None, seed: int = 1, screenshots: str | Path | None = None,
             strategy: str = "agreement", side: str | None = None, difficulty: str | None = None,
             app: App | None = None, max_steps: int = 400) -> State:
    """Play one whole game through the window's controls; return the final state."""
    app = app or App()
    demo = Demo(app, Path(screenshots) if screenshots else None)
    app.pump(2)
    demo.shot("title")
    # the keyboard path: Tab to "Play a new game", Enter
    while current(app).focused_name() != "play":
        app.press(pygame.K_TAB)
    app.press(pygame.K_RETURN)
    demo.shot("scenarios")
    if scenario:
        demo.open_file(Path(scenario))
    else:
        app.click("scenario_geneva_2022")
    if current(app).name != "setup":
        raise RuntimeError("the scenario did not open: " + str(getattr(app.screen, "errors", "")))
    demo.setup(side, difficulty, seed, True)
    demo.shot("setup")
    app.click("start")
    demo.shot("briefing")
    app.click("to_table")
    if current(app).dialog is not None:
        demo.shot("event")
    steps = 0
    while current(app).name == "table":
        steps += 1
        if steps > max_steps:
            raise RuntimeError("the demo did not finish the game")
        if steps == 6:
            demo.shot("table")
        demo.turn(strategy)
    state = current(app).session.state
    demo.shot("debrief")
    app.click("export")
    SAVER.flush()  # the export and the last autosave are on disk when the demo returns
    return state
