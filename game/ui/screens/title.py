"""The title screen: play, continue, load, settings, quit."""

from __future__ import annotations

import pygame

from game.engine.transcript import TranscriptError
from game.saves import unfinished_games
from game.scenario import ScenarioError
from game.ui import catalog, nav
from game.ui.app import App, Screen
from game.ui.session import Session


@nav.screen("title")
class TitleScreen(Screen):
    name = "title"

    def __init__(self, app: App):
        super().__init__(app)
        Session.flush()  # list the saves as they are after the last move
        # the live games only: a copy saved from the menu (older versions put them among the games, named
        # "-saved-") is a checkpoint, loaded from "Load a saved game", never "continued" in its place
        self.unfinished = [p for p in unfinished_games() if "-saved-" not in p.name]
        self.note = app.message or ""
        app.message = None
        catalog.prepare()  # the picker's cards of any scenario not seen before, while this screen is up

    def build(self) -> None:
        w, h = self.size
        s = self.app.settings.text_scale
        self.label((0, h // 2 - 250, w, round(70 * s)), "Détente", "#title")
        self.label((0, h // 2 - 250 + round(70 * s), w, round(30 * s) + 4),
                   "A negotiation game: sit at the table, find a deal, keep the peace.", "#subtitle")
        bw, bh = 320, round(48 * s)
        x, y = (w - bw) // 2, h // 2 - 120 + round(40 * s)
        if self.unfinished:
            self.button("continue", (x, y, bw, bh), "Continue your game", self.continue_game, object_id="#primary",
                        tooltip=self.unfinished[0].name)
            y += bh + 12
        self.button("play", (x, y, bw, bh), "Play a new game", lambda: nav.picker(self.app),
                    object_id="#big_button" if self.unfinished else "#primary")
        y += bh + 12
        self.button("load", (x, y, bw, bh), "Load a saved game", lambda: nav.load(self.app))
        y += bh + 12
        self.button("settings", (x, y, bw, bh), "Settings", lambda: nav.settings(self.app))
        y += bh + 12
        self.button("quit", (x, y, bw, bh), "Quit", self.app.quit)
        y += bh + 16
        note = self.note or "Mouse or keyboard: Tab moves between controls, Enter chooses, Esc opens the menu."
        self.label((40, y, w - 80, 26), self.fit([note], w - 80, "#center", shorten=True), "#center")

    def shortcut(self, event: pygame.event.Event) -> bool:
        if event.key == pygame.K_q:
            self.app.quit()
            return True
        return False

    def continue_game(self) -> None:
        try:
            session = Session.resume(self.unfinished[0])
        except (TranscriptError, ScenarioError) as exc:
            self.note = f"Cannot continue that game: {str(exc).splitlines()[0]}"
            self.app.rebuild()
            return
        nav.game_on(self.app, session)
