"""Every screen lays out without clipped text, at 1280x720 and at the minimum window size, at 100%
and 130% text: pygame_gui warns "Label Rect is too small" when a label's text does not fit; a
button whose text is wider than the button shows it cut off; a control outside the window is lost."""

from __future__ import annotations

import warnings

import pygame
import pygame_gui
import pytest

from game.resources import scenario_path
from game.ui.app import MIN_SIZE, App
from game.ui.demo import Demo, run_demo


def clipped_buttons(app: App) -> list[str]:
    """Buttons whose text is wider than they are, and controls that stick out of the window."""
    out = []
    assert app.screen is not None
    window = pygame.Rect((0, 0), app.size)
    for name, element in app.screen.widgets.items():
        if element.visible and not window.contains(element.rect) and name != "file_dialog":
            out.append(f"{app.screen.name}: '{name}' at {tuple(element.rect)} is outside the window {app.size}")
        kind = "button" if isinstance(element, pygame_gui.elements.UIButton) else \
            "label" if isinstance(element, pygame_gui.elements.UILabel) else None
        if kind and element.visible and element.font is not None:  # labels too: set_text does not warn
            width = element.font.get_rect(element.text).width
            if width > element.rect.width - (4 if kind == "button" else 0):
                out.append(f"{app.screen.name}: {kind} '{name}' ({element.text!r}) needs {width} px, "
                           f"has {element.rect.width}")
    return out


def checking(monkeypatch: pytest.MonkeyPatch) -> tuple[list[str], set[str]]:
    """Check every frame for clipped text; note every screen built."""
    problems: list[str] = []
    seen: set[str] = set()
    rebuild, step = App.rebuild, App.step

    def checked_rebuild(self: App) -> None:
        rebuild(self)
        assert self.screen is not None
        seen.add(self.screen.name)

    def checked_step(self: App, dt: float = 1 / 60) -> None:
        step(self, dt)
        problems.extend(p for p in clipped_buttons(self) if p not in problems)

    monkeypatch.setattr(App, "rebuild", checked_rebuild)
    monkeypatch.setattr(App, "step", checked_step)
    return problems, seen


SIZES = pytest.mark.parametrize("size", [(1280, 720), MIN_SIZE], ids=["1280x720", "minimum"])
SCALES = pytest.mark.parametrize("scale", [1.0, 1.3], ids=["text-100", "text-130"])


@SIZES
@SCALES
def test_no_screen_clips_its_text(app, size, scale, monkeypatch):
    problems, seen = checking(monkeypatch)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        if scale != 1.0:
            app.set_text_scale(scale)
        app.resize(size)
        assert app.size == size
        app.click("settings")
        app.press(pygame.K_ESCAPE)
        app.click("load")
        app.press(pygame.K_ESCAPE)
        run_demo(seed=1, strategy="agreement", app=app)  # title, picker, setup, briefing, table, debrief
        app.press(pygame.K_ESCAPE)  # the menu over the debrief
        app.click("dialog_0")
        app.click("title")
        app.click("play")
        app.click("scenario_geneva_2022")
        app.click("start")
        app.click("to_table")
        app.click("dialog_0")
        app.press(pygame.K_w, unicode="w")  # the walk-out dialog
        app.click("dialog_1")
        app.click("consult")  # the consult dialog
        app.press(pygame.K_ESCAPE)
        app.click("question")  # the question dialog: one button per issue
        app.click("dialog_0")
    too_small = sorted({str(w.message) for w in caught if "too small" in str(w.message)})
    assert {"title", "picker", "setup", "briefing", "table", "debrief", "load", "settings"} <= seen
    assert too_small == [], too_small
    assert problems == [], problems


@pytest.mark.skipif(not scenario_path("dayton-1995").is_file(), reason="the Dayton scenario is not there")
@SIZES
@SCALES
def test_many_sides_a_mediator_and_the_hand_over_fit_too(app, size, scale, monkeypatch):
    """Dayton: four seats at setup, the hand-over, a table of three sides and a mediator with its dialogs,
    the mediator's own table, a debrief of three pairs."""
    problems, seen = checking(monkeypatch)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        if scale != 1.0:
            app.set_text_scale(scale)
        app.resize(size)
        run_demo(str(scenario_path("dayton-1995")), seed=1, app=app,
                 players={"bosnia": "you", "serbia": "person", "croatia": "ai:hard"})
        app.click("title")
        app.click("play")
        app.click("scenario_dayton_1995")
        Demo(app).setup({"us": "you"}, seed=2, practice=True)
        app.click("start")
        app.click("to_table")
        while app.screen.dialog is not None:
            app.click("dialog_0")
        app.click("press")  # which side: three of them
        app.click("dialog_0")
    too_small = sorted({str(w.message) for w in caught if "too small" in str(w.message)})
    assert {"setup", "handover", "briefing", "table", "debrief"} <= seen
    assert too_small == [], too_small
    assert problems == [], problems
