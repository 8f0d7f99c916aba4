"""The in-game menu (Esc): resume, save a copy, load, settings, title, quit."""

from __future__ import annotations

from game.ui import nav
from game.ui.app import Screen
from game.ui.session import Session
from game.ui.text import esc


def open_menu(screen: Screen) -> None:
    session = getattr(screen, "session", None)
    app = screen.app

    def save_copy() -> None:
        if not isinstance(session, Session):
            return
        path = session.save_copy()  # written on the autosave thread: the frame does not wait for the disk
        screen.open_dialog("Saving a copy", f"A copy of the game as it is now is being saved as<br>{esc(str(path))}"
                           "<br><br>It is a checkpoint: this game goes on in its own save, and loading the copy "
                           "later starts again from here. (The game also saves itself after every move.)",
                           [("OK", lambda: None)])

    text = "The game saves itself after every move; you can close the window at any time."
    choices = [("Resume (Esc)", lambda: None)]
    if isinstance(session, Session) and not session.over:
        choices.append(("Save a copy", save_copy))
    choices += [("Load a saved game", lambda: nav.load(app)), ("Settings", lambda: nav.settings(app, screen)),
                ("Back to the title screen", lambda: nav.title(app)), ("Quit", app.quit)]
    screen.open_dialog("Menu", text, choices)
