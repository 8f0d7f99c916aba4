"""The scenario picker: the shipped scenarios, or an instructor's YAML file from disk."""

from __future__ import annotations

from functools import partial
from pathlib import Path

import pygame
import pygame_gui

from game.resources import shipped_scenarios
from game.saves import data_dir
from game.scenario import ScenarioError, inspect_scenario_bytes, load_scenario
from game.scenario.loader import read_scenario_file
from game.scenario.model import Scenario
from game.ui import nav
from game.ui.app import App, Screen
from game.ui.text import esc

_loaded: dict[tuple[str, float], Scenario] = {}
TUTORIAL = "tutorial"


def new_player() -> bool:
    """Whether no game has ever been saved on this computer."""
    folder = data_dir()
    return not folder.is_dir() or not any(folder.glob("*.json"))


def shipped(path: Path) -> Scenario:
    """A shipped scenario, loaded (and validated) once per process and file version: validating the
    three shipped files takes a few hundred milliseconds, too long to repeat on every visit."""
    key = (str(path), path.stat().st_mtime)
    if key not in _loaded:
        _loaded[key] = load_scenario(path)
    return _loaded[key]


@nav.screen("picker")
class PickerScreen(Screen):
    name = "picker"

    def __init__(self, app: App):
        super().__init__(app)
        self.scenarios: list[Scenario] = []
        self.broken: list[str] = []
        for path in shipped_scenarios():
            try:
                self.scenarios.append(shipped(path))
            except ScenarioError as exc:
                self.broken.append(f"{path.name}: {exc.problems[0].message}")
        self.newcomer = new_player()
        if self.newcomer:  # offer the tutorial first to someone who has never played
            self.scenarios.sort(key=lambda sc: sc.id != TUTORIAL)
        self.errors: str | None = None
        self.file_dialog: pygame_gui.windows.UIFileDialog | None = None

    def build(self) -> None:
        w, h = self.size
        s = self.app.settings.text_scale
        m, gap = 24, 12
        self.label((m, 16, w - 2 * m, round(40 * s)), "Choose a scenario", "#heading")
        y = 16 + round(44 * s)
        room = h - y - round(42 * s) * 2 - 60 - (round(160 * s) if self.errors else 0)
        count = max(1, len(self.scenarios))
        title_h, least = round(44 * s), round(90 * s)  # a card: its title button over its summary
        columns = 1 if room // count - gap >= least else 2  # not enough room in one column: two
        rows = -(-count // columns)
        card_h = max(least, min(round(150 * s), room // rows - gap))
        if rows * (card_h + gap) > room:  # not even in two columns: the titles alone, the summaries as tooltips
            card_h = title_h
        card_w = (w - 2 * m - (columns - 1) * gap) // columns
        for n, sc in enumerate(self.scenarios):
            x, top = m + (n % columns) * (card_w + gap), y + (n // columns) * (card_h + gap)
            parties = f"{len(sc.negotiators)} sides" + (" and a mediator" if sc.mediator else "")
            length = f"{sc.deadline} turns" + (f", about {sc.spec.minutes} minutes" if sc.spec.minutes else "")
            title = f"New here? Start with {sc.title}" if self.newcomer and sc.id == TUTORIAL else sc.title
            text = self.fit([f"{title}  ({parties}, {length})", f"{title}  ({length})", title], card_w,
                            "#primary", "button", shorten=True)
            summary = esc(sc.spec.summary) + (f"<br><i>{esc(sc.spec.setting)}</i>" if sc.spec.setting else "")
            self.button(f"scenario_{sc.id}", (x, top, card_w, title_h), text, partial(self.choose, sc),
                        object_id="#primary", tooltip=None if card_h > title_h else summary)
            if card_h > title_h:
                self.textbox((x, top + round(48 * s), card_w, card_h - round(52 * s)), summary)
        y += rows * (card_h + gap)
        bw = 300
        self.button("open_file", (m, y, bw, round(42 * s)), "Open a scenario file...", self.open_file,
                    tooltip="An instructor's scenario in YAML")
        self.button("back", (w - m - 160, h - m - round(42 * s), 160, round(42 * s)), "Back", self.back)
        y += round(42 * s) + 12
        if self.errors:
            self.textbox((m, y, w - 2 * m, h - y - round(42 * s) - 2 * m), self.errors, name="errors")

    def on_escape(self) -> None:
        if self.file_dialog is not None:
            self.file_dialog.kill()
            self.file_dialog = None
            return
        self.back()

    def back(self) -> None:
        nav.title(self.app)

    def choose(self, scenario: Scenario) -> None:
        nav.setup(self.app, scenario)

    def open_file(self) -> None:
        w, h = self.size
        rect = pygame.Rect((w - 640) // 2, (h - 480) // 2, 640, 480)
        self.file_dialog = pygame_gui.windows.UIFileDialog(
            rect, self.manager, window_title="Open a scenario file", initial_file_path=str(Path.cwd()),
            allow_picking_directories=False, allow_existing_files_only=True)
        self.widgets["file_dialog"] = self.file_dialog

    def event(self, event: pygame.event.Event) -> None:
        if event.type == pygame_gui.UI_FILE_DIALOG_PATH_PICKED:
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
