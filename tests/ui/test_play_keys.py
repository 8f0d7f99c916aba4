"""Issue 8, the window tried as a desktop player would: keyboard-only reading and play, safe dialogs,
"Save a copy" as a checkpoint that never closes the window."""

from __future__ import annotations

import json

import pygame
import pytest

from game.ui import session as session_module
from game.ui.app import App
from game.ui.session import SAVER, Session, copies_dir


def to_briefing(app: App) -> None:
    app.resize((1024, 600))  # a small window: the briefing's texts do not fit and scroll
    app.click("play")
    app.click("scenario_geneva_2022")
    app.click("start")
    assert app.screen is not None and app.screen.name == "briefing"


def to_table(app: App) -> None:
    to_briefing(app)
    app.click("to_table")
    while app.screen.dialog is not None:
        app.click("dialog_0")
    assert app.screen.name == "table"


def start(box) -> float:  # type: ignore[no-untyped-def]
    assert box.scroll_bar is not None, "the text must be longer than its box for this test"
    return float(box.scroll_bar.start_percentage)


def test_the_briefing_scrolls_with_the_keyboard_and_tab_reaches_its_texts(app):
    to_briefing(app)
    screen = app.screen
    box = screen.widgets["card_you"]
    assert start(box) == 0.0
    app.press(pygame.K_DOWN)
    assert start(box) > 0.0
    app.press(pygame.K_PAGEDOWN)
    paged = start(box)
    assert paged > 0.05
    app.press(pygame.K_END)
    assert start(box) == pytest.approx(1.0 - box.scroll_bar.visible_percentage, abs=0.01)
    app.press(pygame.K_PAGEUP)
    assert start(box) < 1.0 - box.scroll_bar.visible_percentage
    app.press(pygame.K_HOME)
    assert start(box) == 0.0
    # Tab reaches each column; the keys then scroll the focused one
    seen = set()
    for _ in range(3):
        app.press(pygame.K_TAB)
        seen.add(screen.focused_name())
    assert {"card_you", "card_them", "to_table"} <= seen
    while screen.focused_name() != "card_them":
        app.press(pygame.K_TAB)
    other = screen.widgets["card_them"]
    if other.scroll_bar is not None:
        app.press(pygame.K_END)
        assert start(other) > 0.0
    app.press(pygame.K_RETURN)  # Enter in a text: on to the table
    assert app.screen.name == "table"


def test_enter_goes_on_after_scrolling_the_briefing_with_the_mouse_wheel(app):
    to_briefing(app)
    box = app.screen.widgets["card_you"]
    pos = box.rect.center
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)))
    for _ in range(3):  # the wheel: SDL sends a wheel event and a press of button 5
        pygame.event.post(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=-1, flipped=False, precise_x=0.0,
                                             precise_y=-1.0, touch=False, which=0))
        pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=5))
        pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=5))
    app.pump(3)
    app.press(pygame.K_RETURN)
    assert app.screen.name == "table"


def test_the_debrief_report_scrolls_with_the_keyboard(app):
    to_table(app)
    app.press(pygame.K_w, unicode="w")
    app.click("dialog_0")  # yes, walk out
    app.click("dialog_0")  # see the debrief
    assert app.screen.name == "debrief"
    box = app.screen.widgets["report"]
    assert start(box) == 0.0
    app.press(pygame.K_PAGEDOWN)
    assert start(box) > 0.0
    app.press(pygame.K_HOME)
    assert start(box) == 0.0
    app.press(pygame.K_TAB)
    assert app.screen.focused_name() == "report"
    app.press(pygame.K_DOWN)
    assert start(box) > 0.0


def test_w_then_enter_does_not_walk_out(app):
    to_table(app)
    app.press(pygame.K_w, unicode="w")
    assert app.screen.dialog is not None and app.screen.dialog[0] == "Walk out?"
    assert app.screen.focused_name() == "dialog_1"
    assert "stay" in app.screen.widgets["dialog_1"].text
    app.press(pygame.K_RETURN)
    assert app.screen.dialog is None
    assert not app.screen.session.over


@pytest.mark.parametrize("kind", ["question", "consult"])
def test_the_question_and_consult_dialogs_have_a_cancel_button(app, kind):
    to_table(app)
    moves = app.screen.session.state.moves_made
    app.click(kind)
    dialog = app.screen.dialog
    assert dialog is not None
    last = f"dialog_{len(dialog[2]) - 1}"
    assert "Cancel" in app.screen.widgets[last].text
    app.click(last)
    assert app.screen.dialog is None
    assert app.screen.session.state.moves_made == moves
    app.click(kind)
    app.press(pygame.K_ESCAPE)  # Esc still closes it
    assert app.screen.dialog is None


def save_a_copy(app: App) -> None:
    app.press(pygame.K_ESCAPE)
    names = [label for label, _action in app.screen.dialog[2]]
    app.click(f"dialog_{names.index('Save a copy')}")
    Session.flush()
    app.pump(2)


def test_a_saved_copy_is_a_checkpoint_not_the_live_game(app):
    to_table(app)
    app.click("promise")
    live = app.screen.session.path
    save_a_copy(app)
    copies = list(copies_dir().glob("*.json"))
    assert len(copies) == 1
    copy = copies[0]
    saved = copy.read_bytes()
    assert json.loads(saved)["moves"]
    app.click("dialog_0")  # OK
    app.click("reassure")
    if app.screen.view.question is not None:  # the AI asked a question: it is answered before the next move
        app.click(f"dialog_{len(app.screen.dialog[2]) - 1}")  # decline
    Session.flush()
    assert copy.read_bytes() == saved, "the running game does not write into its copy"
    assert app.screen.session.path == live
    # the game ends; the title screen offers no copy of it to "continue"
    app.press(pygame.K_w, unicode="w")
    app.click("dialog_0")
    app.click("dialog_0")
    app.click("title")
    assert "continue" not in app.screen.widgets
    # loading the copy starts again from it, in a new save: the copy itself is never overwritten
    app.click("load")
    names = {n: w for n, w in app.screen.widgets.items() if n.startswith("save_")}
    name = next(n for n, w in names.items() if "saved copy" in w.text)
    app.click(name)
    assert app.screen.name in ("table", "briefing")
    session = app.screen.session
    assert session.path != copy and session.path.parent != copy.parent
    while app.screen.name != "table" or app.screen.dialog is not None:
        app.press(pygame.K_RETURN)
    app.click("promise")
    Session.flush()
    assert copy.read_bytes() == saved


def test_a_copy_that_cannot_be_written_shows_a_message_and_the_window_stays(app, monkeypatch):
    to_table(app)

    def full(path, text):  # type: ignore[no-untyped-def]
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(session_module, "write_atomic", full)
    save_a_copy(app)
    if app.screen.dialog is not None and app.screen.dialog[0] == "Saving a copy":
        app.click("dialog_0")
    app.pump(2)
    assert app.running
    assert app.screen.dialog is not None and app.screen.dialog[0] == "The copy was not saved"
    assert "No space left on device" in app.screen.dialog[1]
    assert SAVER.copy_failure is None  # shown once
