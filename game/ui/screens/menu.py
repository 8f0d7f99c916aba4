"""The in-game menu (Esc): resume, save a copy, load, settings, title, quit."""

from __future__ import annotations

import time

from game.saves import data_dir, save
from game.ui.app import Screen
from game.ui.text import esc


def open_menu(screen: Screen) -> None:
    session = getattr(screen, "session", None)
    app = screen.app

    def save_copy() -> None:
        if session is None:
            return
        path = data_dir() / f"{session.path.stem}-saved-{time.strftime('%H%M%S')}.json"
        save(session.transcript, path)
        screen.open_dialog("Saved", f"A copy of this game is saved as<br>{esc(str(path))}<br><br>"
                           "(The game also saves itself after every move.)", [("OK", lambda: None)])

    def load() -> None:
        from game.ui.screens.load import LoadScreen

        app.go(LoadScreen(app))

    def settings() -> None:
        from game.ui.screens.settings import SettingsScreen

        app.go(SettingsScreen(app, back=screen))

    def title() -> None:
        from game.ui.screens.title import TitleScreen

        app.go(TitleScreen(app))

    text = "The game saves itself after every move; you can close the window at any time."
    choices = [("Resume (Esc)", lambda: None)]
    if session is not None and not session.state.over:
        choices.append(("Save a copy", save_copy))
    choices += [("Load a saved game", load), ("Settings", settings), ("Back to the title screen", title),
                ("Quit", app.quit)]
    screen.open_dialog("Menu", text, choices)
