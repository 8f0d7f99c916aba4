"""Load a saved game: the transcripts in the saves folder, newest first."""

from __future__ import annotations

import time
from functools import partial
from pathlib import Path

from game.engine.transcript import Transcript, TranscriptError
from game.saves import data_dir, load
from game.scenario import ScenarioError
from game.ui import nav
from game.ui.app import App, Screen
from game.ui.session import Session, copies_dir
from game.ui.text import esc

SHOWN = 9


def players(transcript: Transcript) -> str:
    """Who played: 'playing russia', 'russia and us in hot seat', or the unattended seats."""
    people = transcript.humans()
    if len(people) == 1:
        return f"playing {people[0]}"
    if people:
        return f"hot seat: {', '.join(people)}"
    return "watched: " + ", ".join(f"{seat} {who}" for seat, who in transcript.seats.items())


def saved_files() -> list[Path]:
    """The games' autosaves and the copies saved from the menu."""
    out: list[Path] = []
    for folder in (data_dir(), copies_dir()):
        if folder.is_dir():
            out += [p for p in folder.glob("*.json") if p.is_file()]
    return out


def is_copy(path: Path) -> bool:
    """A checkpoint saved from the menu (older versions saved them among the games, named "-saved-")."""
    return path.parent == copies_dir() or "-saved-" in path.name


@nav.screen("load")
class LoadScreen(Screen):
    name = "load"

    def __init__(self, app: App):
        super().__init__(app)
        Session.flush()  # list the saves as they are after the last move
        files = sorted(saved_files(), key=lambda p: p.stat().st_mtime, reverse=True)
        self.saves: list[tuple[Path, str]] = []
        for path in files[:SHOWN]:
            try:
                transcript = load(path)
            except TranscriptError:
                continue
            outcome = (transcript.final or {}).get("outcome") or "unfinished"
            old = "" if transcript.replayable else f", an older version's game ({transcript.made_by})"
            when = time.strftime("%d %b %H:%M", time.localtime(path.stat().st_mtime))
            copy = "a saved copy: " if is_copy(path) else ""
            self.saves.append((path, f"{when}   {copy}{transcript.scenario_id}, {players(transcript)}, "
                                     f"{len(transcript.moves)} moves, {outcome}{old}"))
        self.note = ""

    def build(self) -> None:
        w, h = self.size
        s = self.app.settings.text_scale
        m, row = 24, round(42 * s)
        self.label((m, 16, w - 2 * m, round(40 * s)), "Load a saved game", "#heading")
        y = 16 + round(50 * s)
        self.label((m, y, w - 2 * m, round(24 * s)),
                   self.fit([f"Saves folder: {data_dir()}"], w - 2 * m, "#muted", shorten=True), "#muted")
        y += round(32 * s)
        if not self.saves:
            self.label((m, y, w - 2 * m, row), "No saved games yet.", "#value")
        for n, (path, text) in enumerate(self.saves):
            if y + row > h - m - 3 * row - 8:
                break
            self.button(f"save_{n}", (m, y, w - 2 * m, row), self.fit([text], w - 2 * m, None, "button", shorten=True),
                        partial(self.open, path), tooltip=text)
            y += row + 6
        if self.note:  # a reason can be long (an older version's game): a box that wraps it
            self.textbox((m, h - m - 3 * row - 8, w - 2 * m, 2 * row),
                         f"<font color='#ffb36b'>{esc(self.note)}</font>", name="note")
        self.button("back", (m, h - m - row, 160, row), "Back", self.on_escape)

    def open(self, path: Path) -> None:
        try:
            session = Session.resume(path, checkpoint=is_copy(path))  # a copy stays as it was saved
        except (TranscriptError, ScenarioError) as exc:
            self.note = f"Cannot open it: {str(exc).splitlines()[0]}"
            self.app.rebuild()
            return
        nav.game_on(self.app, session)

    def on_escape(self) -> None:
        nav.title(self.app)
