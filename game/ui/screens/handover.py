"""The hand-over between people sharing the window (hot seat): it hides the last person's view until
the next one confirms that only they can see the screen; at the end of the game it calls everyone
back for the debrief."""

from __future__ import annotations

import pygame

from game.ui import nav, theme
from game.ui.app import App, Screen
from game.ui.screens.menu import open_menu
from game.ui.session import EVERYONE, Session
from game.ui.text import seat_title


@nav.screen("handover")
class HandoverScreen(Screen):
    name = "handover"

    def __init__(self, app: App, session: Session, seat: str):
        super().__init__(app)
        self.session = session
        self.seat = seat
        session.at_screen = None  # nobody's view is on show until the next person confirms

    @property
    def everyone(self) -> bool:
        return self.seat == EVERYONE

    def message(self) -> tuple[str, list[str], str]:
        """The heading, the line under it (longest first) and the button's text."""
        sc = self.session.scenario.public
        if self.everyone:
            return ("The talks are over", ["Everyone may look at the screen again: the debrief shows every side.",
                                           "Everyone may look at the screen again."], "See the debrief (Enter)")
        return (f"Pass to {seat_title(sc, self.seat)}",
                ["Press Enter (or the button) when only they can see the screen.",
                 "Press Enter when only they can see the screen.", "Enter when only they can see it."],
                f"I am {sc.speaker(self.seat).split(',')[0]}: show my view (Enter)")

    def build(self) -> None:
        w, h = self.size
        s = self.app.settings.text_scale
        heading, lines, button = self.message()
        width = w - 80
        text = self.fit([heading, heading.split(" (")[0].split(", ")[0]], width, "#heading", shorten=True)
        text_w = min(width, theme.text_width(text, "#heading", s) + 12)
        self.label(((w - text_w) // 2, h // 2 - round(120 * s), text_w, round(44 * s)), text, "#heading", name="who")
        self.label((40, h // 2 - round(70 * s), width, round(30 * s)), self.fit(lines, width, "#subtitle"),
                   "#subtitle", name="how")
        if not self.everyone:
            view = self.session.view(self.seat)
            sc = view.scenario
            turn = self.fit([sc.turn_heading(view.turn), f"Turn {view.turn} of {sc.deadline}"], width, "#center")
            self.label((40, h // 2 - round(38 * s), width, round(26 * s)), turn, "#center", name="turn")
        bw = min(width, round(480 * s))
        self.button("ready", ((w - bw) // 2, h // 2, bw, round(48 * s)),
                    self.fit([button, "Show my view (Enter)", "Ready (Enter)"], bw, "#primary", "button"),
                    self.ready, object_id="#primary")
        self.label((40, h // 2 + round(72 * s), width, round(26 * s)),
                   self.fit(["Esc opens the menu (save, load, quit): the game saves itself after every move.",
                             "Esc: the menu."], width, "#center"), "#center")
        self.focus = 0

    def ready(self) -> None:
        self.session.hand_to(self.seat)
        nav.game_on(self.app, self.session)

    def shortcut(self, event: pygame.event.Event) -> bool:
        if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            self.ready()
            return True
        return False

    def on_escape(self) -> None:
        open_menu(self)
