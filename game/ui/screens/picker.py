"""The scenario picker: the shipped scenarios, or an instructor's YAML file from disk."""

from __future__ import annotations

from functools import partial
from pathlib import Path

import pygame
import pygame_gui

from game.saves import data_dir
from game.scenario import ScenarioError, inspect_scenario_bytes
from game.scenario.loader import read_scenario_file
from game.scenario.model import Scenario
from game.ui import catalog, nav, richtext
from game.ui.app import App, Screen
from game.ui.catalog import Card
from game.ui.filedialog import FileDialog
from game.ui.text import esc

TUTORIAL = "tutorial"


def new_player() -> bool:
    """Whether no game has ever been saved on this computer."""
    folder = data_dir()
    return not folder.is_dir() or not any(folder.glob("*.json"))


@nav.screen("picker")
class PickerScreen(Screen):
    name = "picker"

    def __init__(self, app: App):
        super().__init__(app)
        catalog.ready()  # the cards the title screen began to make, if any are missing
        listed = catalog.cards()  # cached by the files' hashes: no scenario is validated to be listed
        self.scenarios: list[Card] = [card for card in listed if card.error is None]
        self.broken: list[str] = [card.error for card in listed if card.error is not None]
        self.newcomer = new_player()
        if self.newcomer:  # offer the tutorial first to someone who has never played
            self.scenarios.sort(key=lambda sc: sc.id != TUTORIAL)
        self.errors: str | None = None
        self.file_dialog: FileDialog | None = None

    def build(self) -> None:
        """A button per scenario (its title, sides and length), then one box that shows the whole summary of
        the scenario under the mouse or the keyboard focus: every summary fits, however many scenarios."""
        w, h = self.size
        s = self.app.settings.text_scale
        m, gap = 24, 8
        row = round(42 * s)
        self.label((m, 16, w - 2 * m, round(40 * s)), "Choose a scenario", "#heading")
        y = 16 + round(44 * s)
        title_h = round(40 * s)
        count = len(self.scenarios)
        columns = 1 if count * (title_h + gap) <= (h - y - 2 * row - 40) // 2 else 2
        card_w = (w - 2 * m - (columns - 1) * 12) // columns
        for n, sc in enumerate(self.scenarios):
            x, top = m + (n % columns) * (card_w + 12), y + (n // columns) * (title_h + gap)
            parties = f"{sc.sides} sides" + (" and a mediator" if sc.mediator else "")
            length = f"{sc.deadline} turns" + (f", about {sc.minutes} minutes" if sc.minutes else "")
            title = f"New here? Start with {sc.title}" if self.newcomer and sc.id == TUTORIAL else sc.title
            text = self.fit([f"{title}  ({parties}, {length})", f"{title}  ({length})", title], card_w,
                            "#primary", "button", shorten=True)
            self.button(f"scenario_{sc.id}", (x, top, card_w, title_h), text, partial(self.choose, sc),
                        object_id="#primary", tooltip=None if text == title else title)
        y += -(-count // columns) * (title_h + gap) + 4
        bottom = h - m - row - 12
        # the summary box; below it the problems of a scenario file that could not be opened
        summary_h = bottom - y
        if self.errors:
            least = max(self.summary_need(sc, w - 2 * m) for sc in self.scenarios) if self.scenarios else 0
            summary_h = max(min(least, (bottom - y) * 3 // 5), (bottom - y) // 3)
        if self.scenarios:
            rect = pygame.Rect(m, y, w - 2 * m, summary_h)
            self.widgets["summary"] = self.image(rect, pygame.Surface(rect.size, pygame.SRCALPHA))
            self.texts["summary"] = "\0"
            self.shown: Card | None = None
            self.show_summary(self.scenarios[0])
        if self.errors:
            self.textbox((m, y + summary_h + 8, w - 2 * m, bottom - y - summary_h - 8), self.errors, name="errors")
        self.button("open_file", (m, h - m - row, 300, row), "Open a scenario file...", self.open_file,
                    tooltip="An instructor's scenario in YAML")
        self.button("back", (w - m - 160, h - m - row, 160, row), "Back", self.back)

    def summary_sizes(self) -> list[int]:
        s = self.app.settings.text_scale
        return [round(n * s) for n in (15, 14, 13, 12)]

    def summary_need(self, sc: Card, width: int) -> int:
        """The height of a box that shows the scenario's summary whole in its smallest size."""
        size = self.summary_sizes()[-1]
        return richtext.text_height(self.describe(sc), width - 2 * richtext.PAD_X, size) + 2 * richtext.PAD_Y + 2

    def describe(self, sc: Card) -> str:
        return f"<font color='#f0e442'><b>{esc(sc.title)}</b></font><br>" + self.summary(sc)

    def show_summary(self, sc: Card) -> None:
        image = self.widgets.get("summary")
        if image is None or sc is self.shown:
            return
        self.shown = sc
        text = self.describe(sc)
        self.texts["summary"] = text
        image.set_image(richtext.box(text, image.rect.size, richtext.fitting_size(text, image.rect.size,
                                                                                 self.summary_sizes())))

    def update(self, dt: float) -> None:
        """The summary follows the scenario under the mouse, else the one with the keyboard focus."""
        if "summary" not in self.widgets or self.dialog is not None:
            return
        for sc in self.scenarios:
            if self.widgets[f"scenario_{sc.id}"].hovered:
                self.show_summary(sc)
                return
        name = self.focused_name()
        if name and name.startswith("scenario_"):
            self.show_summary(next(sc for sc in self.scenarios if f"scenario_{sc.id}" == name))

    @staticmethod
    def summary(sc: Card) -> str:
        return esc(sc.summary) + (f"<br><i>{esc(sc.setting)}</i>" if sc.setting else "")

    def on_escape(self) -> None:
        if self.file_dialog is not None:
            self.file_dialog.kill()
            self.file_dialog = None
            return
        self.back()

    def back(self) -> None:
        nav.title(self.app)

    def release(self) -> None:
        super().release()
        self.file_dialog = None  # killed with the other widgets

    def choose(self, scenario: Card | Scenario) -> None:
        if isinstance(scenario, Card):
            card = scenario
            try:
                scenario = catalog.scenario(card)  # validated now (kept for the process)
            except (ScenarioError, OSError) as exc:
                problem = exc.problems[0].message if isinstance(exc, ScenarioError) else str(exc)
                self.show_errors(Path(card.path).name, [problem])
                return
        nav.setup(self.app, scenario)

    def open_file(self) -> None:
        w, h = self.size
        rect = pygame.Rect((w - 640) // 2, (h - 480) // 2, 640, 480)
        self.file_dialog = FileDialog(rect, self.manager, self.app.settings, "scenario", "Open a scenario file",
                                      self.app.settings.text_scale)
        self.widgets["file_dialog"] = self.file_dialog

    def event(self, event: pygame.event.Event) -> None:
        if event.type == pygame_gui.UI_FILE_DIALOG_PATH_PICKED:
            if self.file_dialog is not None:
                self.file_dialog.picked(Path(event.text))
            self.file_dialog = None
            self.open_path(Path(event.text))
        elif event.type == pygame_gui.UI_WINDOW_CLOSE and event.ui_element is self.file_dialog:
            self.file_dialog = None

    def open_path(self, path: Path) -> None:
        """Validate a scenario file; play it when it is sound, else list its problems here."""
        name = str(path)
        try:
            raw = read_scenario_file(path)
        except ScenarioError as exc:
            self.show_errors(name, [p.render(name) for p in exc.problems])
            return
        scenario, problems = inspect_scenario_bytes(raw, name)
        errors = [p for p in problems if p.severity == "error"]
        if scenario is None or errors:
            lines = [p.render(name) for p in sorted(errors or problems, key=lambda p: (p.line, p.col))]
            self.show_errors(name, lines)
            return
        self.choose(scenario)

    def show_errors(self, name: str, lines: list[str]) -> None:
        count = f"{len(lines)} problem{'s' * (len(lines) != 1)}"
        self.errors = (f"<font color='#ffb36b'><b>{esc(Path(name).name)} cannot be played ({count}):</b></font>"
                       "<br>" + "<br>".join(esc(line) for line in lines[:60]))
        self.app.rebuild()
