"""Outcome and debrief: what happened and why, the outcome-space chart, meters, red lines, history."""

from __future__ import annotations

import json
from collections.abc import Callable

import pygame
import pygame_gui

from game.analysis.debrief import debrief
from game.engine.talk import describe_package
from game.saves import data_dir
from game.text import render
from game.ui import richtext, theme
from game.ui.app import Screen
from game.ui.chart import meters_chart, outcome_chart
from game.ui.session import SAVER, Session
from game.ui.text import esc


class DebriefScreen(Screen):
    name = "debrief"

    def __init__(self, app, session: Session):  # type: ignore[no-untyped-def]
        super().__init__(app)
        self.session = session
        self.debrief = debrief(session.state)
        self.exported: str | None = None
        self.steps: list[Callable[[], None]] = []  # the export's pieces still to make, one a frame
        self.asked = -1
        self.charts: dict[tuple[str, tuple[int, int], float], pygame.Surface] = {}  # drawn once per size

    def report(self) -> str:
        d = self.debrief
        sc = self.session.scenario
        state = self.session.state
        a, b = sc.negotiators
        out = ["<font color='#f0e442'><b>What happened</b></font>", esc(d.text)]
        if d.package is not None:
            out.append(f"<br><font color='#f0e442'><b>The deal</b></font><br>{esc(describe_package(sc, d.package))}")
        for verdict in d.ratifications:
            yes = "approves" if verdict.approves else "REJECTS"
            out.append(f"- {esc(sc.actors[verdict.actor].name)} {yes}: {esc(verdict.why)}")
        out.append("<br><font color='#f0e442'><b>Results</b></font> (utility 0 to 1; the reservation is what "
                   "no deal was worth)")
        for side in d.sides:
            you = " (you)" if side.actor == state.player else ""
            out.append(f"- <b>{esc(sc.actors[side.actor].name)}{you}</b>: got {side.utility:.2f}, reservation "
                       f"{side.reservation:.2f}, best case {side.best:.2f}, score {side.score:+.2f}")
        if d.zone_size is not None:
            out.append(f"- Zone of possible agreement: {d.zone_size} of {sc.package_count} packages gave both "
                       "sides more than no deal.")
        if d.nash is not None:
            out.append(f"- Nash bargaining point: {esc(describe_package(sc, d.nash.package))} "
                       f"({d.nash.utilities[0]:.2f} / {d.nash.utilities[1]:.2f}).")
        if d.left_on_table is not None:
            note = "the deal was efficient" if d.left_on_table < 1e-6 else "value was left on the table"
            out.append(f"- Distance from the deal to the Pareto frontier: {d.left_on_table:.3f} ({note}).")
        out.append("<br><font color='#f0e442'><b>Red lines: firm or bluff?</b></font>")
        for line in d.red_lines:
            kind = "FIRM" if line.firm else ("a bluff that gave way" if line.softened else "a bluff, never tested")
            out.append(f"- {esc(sc.actors[line.owner].name)}, {esc(line.issue)}: {esc(line.stated)} "
                       f"<b>({kind})</b>")
        out.append(f"<br><font color='#f0e442'><b>What happened in history</b></font><br>{esc(d.history)}")
        _ = a, b
        return "<br>".join(out)

    def build(self) -> None:
        w, h = self.size
        s = self.app.settings.text_scale
        m, row = 12, round(40 * s)
        self.label((m, 6, w - 2 * m, round(36 * s)), f"Debrief: {self.debrief.title}", "#heading")
        top = 6 + round(40 * s)
        bottom = h - m - row - 8
        chart_w = min(round(w * 0.5), bottom - top + 80)
        chart = self.chart("outcome", (chart_w, bottom - top), s)
        pygame_gui.elements.UIImage(pygame.Rect(m, top, chart_w, bottom - top), chart, self.manager,
                                    image_is_alpha_premultiplied=True)  # opaque: no copy to premultiply
        x = m + chart_w + 10
        rw = w - x - m
        meters_h = min(round(200 * s), (bottom - top) // 3)
        self.textbox((x, top, rw, bottom - top - meters_h - 8), self.report(), name="report")
        meters = self.chart("meters", (rw, meters_h), s)
        pygame_gui.elements.UIImage(pygame.Rect(x, bottom - meters_h, rw, meters_h), meters, self.manager,
                                    image_is_alpha_premultiplied=True)
        self.button("export", (m, h - m - row, 300, row), "Export the transcript (E)", self.export,
                    object_id="#primary")
        self.button("title", (w - m - 240, h - m - row, 240, row), "Back to the title screen", self.to_title)
        note = pygame.Rect(m + 320, h - m - row, w - 2 * m - 580, row)
        self.widgets["exported"] = pygame_gui.elements.UIImage(note, pygame.Surface(note.size, pygame.SRCALPHA),
                                                               self.manager)
        self.show_exported()

    def chart(self, kind: str, size: tuple[int, int], scale: float) -> pygame.Surface:
        key = (kind, size, scale)
        if key not in self.charts:
            state = self.session.state
            self.charts[key] = (outcome_chart(state, self.debrief, size, scale) if kind == "outcome"
                                else meters_chart(state, size, scale))
        return self.charts[key]

    def show_exported(self) -> None:
        """Where the export went, in small text that wraps (a long path does not fit a label)."""
        image = self.widgets["exported"]
        text = richtext.render(esc(self.exported or ""), image.rect.width, round(13 * self.app.settings.text_scale),
                               theme.MUTED, height=image.rect.height)
        image.set_image(text)

    def export(self) -> None:
        """The transcript as JSON and the game as readable text, in the exports folder.

        Made over the next frames (the text on one, the JSON on the next: each a few milliseconds)
        and written on the autosave thread, so no frame waits for all of it or for the disk."""
        session = self.session
        folder = data_dir().parent / "exports"
        stem = session.path.stem
        report = self.debrief

        def text() -> None:
            lines = [render.entry(item, session.practice) for item in session.state.log]
            SAVER.put(folder / f"{stem}.txt", "\n".join(lines) + "\n\n"
                      + render.debrief(session.scenario, report, session.state) + "\n")

        def transcript() -> None:
            SAVER.put(folder / f"{stem}.json", json.dumps(session.transcript.to_dict(), ensure_ascii=False,
                                                          indent=1) + "\n")

        self.steps += [text, transcript]
        self.asked = self.app.frames
        self.exported = f"Saved to {folder / stem}.json and .txt"
        self.show_exported()

    def update(self, dt: float) -> None:
        if self.steps and self.app.frames > self.asked:  # from the frame after the click on
            self.steps.pop(0)()

    def busy(self) -> bool:
        return bool(self.steps) or SAVER.pending  # the export is being made or written

    def shortcut(self, event: pygame.event.Event) -> bool:
        if event.key == pygame.K_e:
            self.export()
            return True
        return False

    def on_escape(self) -> None:
        from game.ui.screens.menu import open_menu

        open_menu(self)

    def to_title(self) -> None:
        from game.ui.screens.title import TitleScreen

        self.app.go(TitleScreen(self.app))
