"""Setup: side, difficulty, practice or graded mode, seed."""

from __future__ import annotations

import secrets
from functools import partial

import pygame
import pygame_gui

from game.scenario.model import Scenario
from game.ui.app import Screen
from game.ui.text import esc


class SetupScreen(Screen):
    name = "setup"

    def __init__(self, app, scenario: Scenario):  # type: ignore[no-untyped-def]
        super().__init__(app)
        self.sc = scenario
        self.side = scenario.negotiators[0]
        self.difficulty = scenario.spec.ai.default_difficulty
        self.practice = True
        self.seed = str(secrets.randbelow(1_000_000))
        self.note = ""

    def build(self) -> None:
        sc = self.sc
        w, h = self.size
        s = self.app.settings.text_scale
        m, row = 24, round(42 * s)
        self.label((m, 16, w - 2 * m, round(40 * s)), f"Set up: {sc.title}", "#heading")
        y = 16 + round(50 * s)
        col = min(560, (w - 3 * m) // 2)
        x2 = m + col + m
        self.label((m, y, col, round(26 * s)), "Your side", "#issue")
        y += round(28 * s)
        for actor in sc.negotiators:
            a = sc.actors[actor]
            text = f"{a.name}: {a.negotiator or a.name}".split(",")[0]
            chosen = actor == self.side
            self.button(f"side_{actor}", (m, y, col, row), ("[x] " if chosen else "[  ] ") + text,
                        partial(self.set, side=actor), object_id="#primary" if chosen else None)
            y += row + 6
        y += 10
        self.label((m, y, col, round(26 * s)), "Difficulty", "#issue")
        y += round(28 * s)
        for key, level in sc.spec.ai.difficulties.items():
            chosen = key == self.difficulty
            self.button(f"difficulty_{key}", (m, y, col, row), ("[x] " if chosen else "[  ] ") + level.label,
                        partial(self.set, difficulty=key), object_id="#primary" if chosen else None,
                        tooltip=level.description)
            y += row + 6
        y2 = 16 + round(50 * s)
        self.label((x2, y2, col, round(26 * s)), "Mode", "#issue")
        y2 += round(28 * s)
        for practice, text in ((True, "Practice: see the AI's reasons and hints"),
                               (False, "Graded: no reasons, no hints")):
            chosen = practice == self.practice
            self.button(f"mode_{'practice' if practice else 'graded'}", (x2, y2, col, row),
                        ("[x] " if chosen else "[  ] ") + text, partial(self.set, practice=practice),
                        object_id="#primary" if chosen else None)
            y2 += row + 6
        y2 += 10
        self.label((x2, y2, col, round(26 * s)), "Seed (the same seed gives the same game)", "#issue")
        y2 += round(28 * s)
        entry = pygame_gui.elements.UITextEntryLine(pygame.Rect(x2, y2, 200, row), self.manager)
        entry.set_text(self.seed)
        entry.set_allowed_characters("numbers")
        entry.set_text_length_limit(18)
        self.widgets["seed"] = entry
        self.order.append("seed")
        y2 += row + 6
        self.textbox((x2, y2 + 10, col, max(60, y - y2 - 10)), self.about_text(), name="about")
        bottom = h - m - row
        self.button("back", (m, bottom, 160, row), "Back", self.back)
        self.button("start", (w - m - 260, bottom, 260, row), "Read your briefing", self.start, object_id="#primary")
        if self.note:
            self.label((m + 180, bottom, w - 2 * m - 460, row), self.note, "#warning")
        # Tab order: sides, difficulty, mode, seed, start, back
        self.order = [n for n in self.order if n not in ("back", "start")] + ["start", "back"]

    def set(self, **changes: object) -> None:
        """Choose a side, a difficulty or a mode: the choices' buttons and the note change in place."""
        self.read_seed()
        for key, value in changes.items():
            setattr(self, key, value)
        sc = self.sc
        marks = [(f"side_{a}", a == self.side) for a in sc.negotiators]
        marks += [(f"difficulty_{k}", k == self.difficulty) for k in sc.spec.ai.difficulties]
        marks += [("mode_practice", self.practice), ("mode_graded", not self.practice)]
        for name, chosen in marks:
            button = self.widgets[name]
            text = ("[x] " if chosen else "[  ] ") + button.text.split("] ", 1)[1]
            if text != button.text:
                button.set_text(text)
                button.change_object_id(pygame_gui.core.ObjectID(object_id="#primary" if chosen else None))
        about = self.widgets["about"]
        text = self.about_text()
        if about.html_text != text:
            about.set_text(text)

    def about_text(self) -> str:
        level = self.sc.spec.ai.difficulties[self.difficulty]
        return f"<b>{esc(level.label)}</b>: {esc(level.description)}" if level.description else ""

    def read_seed(self) -> None:
        entry = self.widgets.get("seed")
        if isinstance(entry, pygame_gui.elements.UITextEntryLine):
            self.seed = entry.get_text()

    def enter_in(self, name: str) -> bool:
        self.start()
        return True

    def on_escape(self) -> None:
        self.back()

    def back(self) -> None:
        from game.ui.screens.picker import PickerScreen

        self.app.go(PickerScreen(self.app))

    def start(self) -> None:
        from game.ui.screens.briefing import BriefingScreen
        from game.ui.session import Session

        self.read_seed()
        if not self.seed.isdigit() or int(self.seed) >= 2**63:
            self.note = "The seed is a whole number (or leave the one shown)."
            self.app.rebuild()
            return
        session = Session.start(self.sc, side=self.side, difficulty=self.difficulty, seed=int(self.seed),
                                practice=self.practice)
        self.app.go(BriefingScreen(self.app, session))
