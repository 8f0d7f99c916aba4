"""Load a saved game: the transcripts in the saves folder, newest first."""

from __future__ import annotations

import time
from functools import partial

from game.engine.transcript import TranscriptError
from game.saves import data_dir, load
from game.scenario import ScenarioError
from game.ui.app import Screen

SHOWN = 9


class LoadScreen(Screen):
    name = "load"

    def __init__(self, app):  # type: ignore[no-untyped-def]
        super().__init__(app)
        from game.ui.session import Session

        Session.flush()  # list the saves as they are after the last move
        folder = data_dir()
        files = sorted(folder.glob("*.json"), key=lambda p: p.stat().st_mtime, reverse=True) if folder.is_dir() else []
        self.saves = []
        for path in files[:SHOWN]:
            try:
                transcript = load(path)
            except TranscriptError:
                continue
            outcome = (transcript.final or {}).get("outcome") or "unfinished"
            when = time.strftime("%d %b %H:%M", time.localtime(path.stat().st_mtime))
            self.saves.append((path, f"{when}   {transcript.scenario_id}, playing {transcript.player}, "
                                     f"{len(transcript.moves)} moves, {outcome}"))
        self.note = ""

    def build(self) -> None:
        w, h = self.size
        s = self.app.settings.text_scale
        m, row = 24, round(42 * s)
        self.label((m, 16, w - 2 * m, round(40 * s)), "Load a saved game", "#heading")
        y = 16 + round(50 * s)
        self.label((m, y, w - 2 * m, round(24 * s)), f"Saves folder: {data_dir()}", "#muted")
        y += round(32 * s)
        if not self.saves:
            self.label((m, y, w - 2 * m, row), "No saved games yet.", "#value")
        for n, (path, text) in enumerate(self.saves):
            self.button(f"save_{n}", (m, y, w - 2 * m, row), text, partial(self.open, path))
            y += row + 6
        if self.note:
            self.label((m, h - m - 2 * row - 8, w - 2 * m, row), self.note, "#warning")
        self.button("back", (m, h - m - row, 160, row), "Back", self.on_escape)

    def open(self, path) -> None:  # type: ignore[no-untyped-def]
        from game.ui.session import Session

        try:
            session = Session.resume(path)
        except (TranscriptError, ScenarioError) as exc:
            self.note = f"Cannot open it: {str(exc).splitlines()[0]}"
            self.app.rebuild()
            return
        if session.state.over:
            from game.ui.screens.debrief import DebriefScreen

            self.app.go(DebriefScreen(self.app, session))
            return
        from game.ui.screens.table import TableScreen

        self.app.go(TableScreen(self.app, session))

    def on_escape(self) -> None:
        from game.ui.screens.title import TitleScreen

        self.app.go(TitleScreen(self.app))
