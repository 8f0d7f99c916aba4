"""Setup: who plays each seat (you, another person at this screen, or the AI at a level), practice or
graded mode, and the seed."""

from __future__ import annotations

import secrets
from functools import partial

import pygame
import pygame_gui

from game.engine.transcript import Transcript
from game.scenario.model import Scenario
from game.seats import HUMAN, Controller
from game.ui import nav, richtext
from game.ui.app import App, Screen
from game.ui.session import Session
from game.ui.text import esc, seat_title, short_name

YOU, PERSON = "you", "person"


@nav.screen("setup")
class SetupScreen(Screen):
    name = "setup"

    def __init__(self, app: App, scenario: Scenario):
        super().__init__(app)
        self.sc = scenario
        default = "ai:" + scenario.spec.ai.default_difficulty
        # each seat's player: YOU, PERSON or "ai:LEVEL"; you play the first negotiator, the AI the others
        self.players = {seat: YOU if seat == scenario.negotiators[0] else default for seat in scenario.seats}
        self.practice = True
        self.seed = str(secrets.randbelow(1_000_000))
        self.note = ""
        self.styles: dict[object, bool] = {}  # which seat buttons show as chosen
        # the names the people type for their seats (kept in the transcript); yours starts as the last one typed
        self.names = {seat: app.settings.player_name if choice == YOU else "" for seat, choice in self.players.items()}
        self.name_rows: tuple[int, int] = (0, 0)  # where the name entries start, and a row's height with its gap

    @property
    def choices(self) -> list[str]:
        return [YOU, PERSON, *(f"ai:{level}" for level in self.sc.spec.ai.difficulties)]

    def label_of(self, choice: str) -> list[str]:
        """A player's label, longest first."""
        if choice == YOU:
            return ["You"]
        if choice == PERSON:
            return ["Person", "Pers."]
        level = self.sc.spec.ai.difficulties[choice.split(":", 1)[1]]
        return [f"AI: {level.label}", level.label]

    # layout ------------------------------------------------------------------------------------
    def build(self) -> None:
        self.styles = {}
        sc = self.sc
        w, h = self.size
        s = self.app.settings.text_scale
        m, row = 24, round(42 * s)
        self.label((m, 16, w - 2 * m, round(40 * s)),
                   self.fit([f"Set up: {sc.title}", sc.title.split(":")[0]], w - 2 * m, "#heading", shorten=True),
                   "#heading")
        top = 16 + round(50 * s)
        col = min(560, (w - 3 * m) // 2)
        x2 = m + col + m
        bottom = h - m - row
        seats_end = self.build_seats(m, top, col, bottom - 10, s)
        y2 = top
        self.label((x2, y2, col, round(26 * s)), "Mode", "#issue")
        y2 += round(28 * s)
        for practice, texts in ((True, ["Practice: see the AI's reasons and hints", "Practice: reasons, hints"]),
                                (False, ["Graded: no reasons, no hints", "Graded"])):
            chosen = practice == self.practice
            text = self.fit([("[x] " if chosen else "[  ] ") + t for t in texts], col, None, "button", shorten=True)
            self.button(f"mode_{'practice' if practice else 'graded'}", (x2, y2, col, row), text,
                        partial(self.set_mode, practice), object_id="#primary" if chosen else None)
            y2 += row + 6
        y2 += 6
        self.label((x2, y2, col, round(26 * s)),
                   self.fit(["Seed (the same seed gives the same game)", "Seed (same seed, same game)", "Seed"],
                            col, "#issue"), "#issue")
        y2 += round(28 * s)
        entry = pygame_gui.elements.UITextEntryLine(pygame.Rect(x2, y2, 200, row), self.manager)
        entry.set_text(self.seed)
        entry.set_allowed_characters("numbers")
        entry.set_text_length_limit(18)
        self.widgets["seed"] = entry
        self.order.append("seed")
        y2 += row + 16
        y2 = self.build_names(x2, y2, col, row, s)
        # what the choices mean (the hot seat, each AI level): in the column with more room, in a smaller
        # size if it needs it, so that no description is cut off
        left = pygame.Rect(m, seats_end + 10, col, bottom - 10 - seats_end - 10)
        right = pygame.Rect(x2, y2, col, bottom - 10 - y2)
        place = left if left.height > right.height else right
        self.widgets["about"] = pygame_gui.elements.UIImage(place, pygame.Surface(place.size, pygame.SRCALPHA),
                                                            self.manager)
        self.texts["about"] = "\0"
        self.button("back", (m, bottom, 160, row), "Back", self.back)
        self.button("start", (w - m - 260, bottom, 260, row), self.start_text(), self.start, object_id="#primary")
        self.show_seats()  # the start button's text fits it
        if self.note:
            self.label((m + 180, bottom, w - 2 * m - 460, row),
                       self.fit([self.note], w - 2 * m - 460, "#warning", shorten=True), "#warning", name="note")
        # Tab order: the seats, the mode, the seed, the names, start, back
        self.order = [n for n in self.order if n not in ("back", "start")] + ["start", "back"]
        self.show_names()

    def build_seats(self, x: int, y: int, width: int, bottom: int, s: float) -> int:
        """A row per seat: who sits there, then [You] [Person] [AI: level] to choose who plays it; returns
        where the rows end."""
        sc = self.sc
        self.label((x, y, width, round(26 * s)),
                   self.fit(["Who plays each seat", "Seats"], width, "#issue"), "#issue")
        y += round(28 * s)
        seats = sc.seats
        row = min(round(42 * s), max(round(30 * s), (bottom - y) // max(1, len(seats)) - 6))
        name_w = width * 7 // 20
        button_w = (width - name_w - 3 * 6) // 3
        for seat in seats:
            title = seat_title(sc.public, seat)
            role = " (mediator)" if seat == sc.mediator and "mediator" not in title else ""
            self.label((x, y, name_w, row),
                       self.fit([title + role, sc.actors[seat].name + role, sc.actors[seat].name], name_w, "#value",
                                shorten=True), "#value", name=f"seat_{seat}_name")
            left = x + name_w + 6
            for n, kind in enumerate((YOU, PERSON, "ai")):
                tip = {YOU: f"You play {title}", PERSON: f"Another person at this screen plays {title}",
                       "ai": "The AI plays it; click again (or Left/Right) for another level"}[kind]
                self.button(f"seat_{seat}_{kind}", (left + n * (button_w + 6), y, button_w, row), "",
                            partial(self.pick, seat, kind), tooltip=tip)
            y += row + 6
        self.show_seats()
        return y

    def build_names(self, x: int, y: int, width: int, row: int, s: float) -> int:
        """A name entry for each seat, shown for the seats people play (show_names); room is kept for as
        many as there are seats. Returns where they end."""
        sc = self.sc
        self.label((x, y, width, round(26 * s)),
                   self.fit(["Names (kept in the game's record)", "Names"], width, "#issue"), "#issue")
        y += round(28 * s)
        label_w = width * 2 // 5
        self.name_rows = (y, row + 6)
        for seat in sc.seats:
            title = seat_title(sc.public, seat)
            self.label((x, y, label_w, row), self.fit([title, short_name(sc.actors[seat].name)], label_w, "#value",
                                                      shorten=True), "#value", name=f"name_{seat}_seat")
            entry = pygame_gui.elements.UITextEntryLine(pygame.Rect(x + label_w + 6, y, width - label_w - 6, row),
                                                        self.manager, placeholder_text="a name (optional)")
            entry.set_text_length_limit(Transcript.MAX_NAME)
            entry.set_text(self.names.get(seat, ""))
            self.widgets[f"name_{seat}"] = entry
            self.order.append(f"name_{seat}")
            y += row + 6
        return y + 10

    def show_names(self) -> None:
        """The name entries of the seats people play, one under another; the others hidden."""
        top, step = self.name_rows
        people = self.people()
        for seat in self.sc.seats:
            entry, label = self.widgets.get(f"name_{seat}"), self.widgets.get(f"name_{seat}_seat")
            if entry is None or label is None:
                continue
            if seat in people:
                y = top + people.index(seat) * step
                for element in (entry, label):
                    if element.rect.y != y:
                        element.set_relative_position((element.rect.x, y))
                    element.show()
            else:
                entry.hide()
                label.hide()

    def read_names(self) -> None:
        for seat in self.sc.seats:
            entry = self.widgets.get(f"name_{seat}")
            if isinstance(entry, pygame_gui.elements.UITextEntryLine):
                self.names[seat] = entry.get_text()

    def typed_names(self) -> dict[str, str]:
        """The names typed for the seats people play (none for a seat left without one)."""
        self.read_names()
        return {seat: self.names[seat].strip() for seat in self.people() if self.names.get(seat, "").strip()}

    # choosing ----------------------------------------------------------------------------------
    def pick(self, seat: str, kind: str) -> None:
        """A seat's button: You, Person, or the AI (again: its next level)."""
        if kind != "ai":
            self.set_player(seat, kind)
            return
        self.cycle(seat, 1)

    def cycle(self, seat: str, step: int) -> None:
        """The AI's next (or previous) level at `seat`; a person's seat goes to the AI at the default level."""
        levels = [f"ai:{level}" for level in self.sc.spec.ai.difficulties]
        current = self.players[seat]
        if current not in levels:
            self.set_player(seat, "ai:" + self.sc.spec.ai.default_difficulty)
            return
        self.set_player(seat, levels[(levels.index(current) + step) % len(levels)])

    def set_player(self, seat: str, choice: str) -> None:
        """Give `seat` to a player. Only one seat is yours: taking another gives your old one to the AI
        (and your name goes with you)."""
        self.read_seed()
        self.read_names()
        if choice == YOU:
            for other, player in self.players.items():
                if player == YOU and other != seat:
                    self.players[other] = "ai:" + self.sc.spec.ai.default_difficulty
                    if not self.names.get(seat):
                        self.names[seat], self.names[other] = self.names.get(other, ""), ""
                        for name in (seat, other):
                            entry = self.widgets.get(f"name_{name}")
                            if isinstance(entry, pygame_gui.elements.UITextEntryLine):
                                entry.set_text(self.names[name])
        self.players[seat] = choice
        self.note = ""
        self.show_seats()
        self.show_names()

    def set_mode(self, practice: bool) -> None:
        self.read_seed()
        self.practice = practice
        for name, chosen in (("mode_practice", practice), ("mode_graded", not practice)):
            button = self.widgets[name]
            text = ("[x] " if chosen else "[  ] ") + button.text.split("] ", 1)[1]
            if text != button.text:
                button.set_text(text)
                button.change_object_id(pygame_gui.core.ObjectID(object_id="#primary" if chosen else None))

    def show_seats(self) -> None:
        """The seats' buttons (the chosen one marked), the start button and the note, changed in place."""
        for seat, choice in self.players.items():
            for kind in (YOU, PERSON, "ai"):
                button = self.widgets.get(f"seat_{seat}_{kind}")
                if button is None:
                    continue
                chosen = choice == kind or (kind == "ai" and choice.startswith("ai:"))
                level = choice if choice.startswith("ai:") else "ai:" + self.sc.spec.ai.default_difficulty
                variants = self.label_of(level) + ["AI"] if kind == "ai" and chosen else \
                    [self.label_of(level)[0], "AI"] if kind == "ai" else self.label_of(kind)
                marked = [f"[x] {v}" for v in variants] if chosen else variants
                # the chosen one is marked [x] where that fits (as well as coloured); whole words come first
                text = self.fit([x for pair in zip(marked, variants) for x in pair], button.rect.width,
                                "#primary", "button", shorten=True)
                if text != button.text:
                    button.set_text(text)
                if self.styles.get(button) != chosen:
                    self.styles[button] = chosen
                    button.change_object_id(pygame_gui.core.ObjectID(object_id="#primary" if chosen else None))
        start = self.widgets.get("start")
        if start is not None:
            text = self.fit(self.start_texts(), start.rect.width, "#primary", "button")
            if start.text != text:
                start.set_text(text)
        about = self.widgets.get("about")
        text = self.about_text()
        if about is not None and self.texts.get("about") != text:
            self.texts["about"] = text
            about.set_image(richtext.box(text, about.rect.size, self.about_size(text, about.rect.size)))

    def about_size(self, text: str, size: tuple[int, int]) -> int:
        """The font size in which the text about the choices fits its box."""
        s = self.app.settings.text_scale
        return richtext.fitting_size(text, size, [round(n * s) for n in (15, 14, 13, 12, 11)])

    def people(self) -> list[str]:
        return [seat for seat, choice in self.players.items() if choice in (YOU, PERSON)]

    def start_texts(self) -> list[str]:
        if len(self.people()) > 1:
            return ["Start: hand the screen over", "Start the game", "Start"]
        return ["Read your briefing", "Your briefing"]

    def start_text(self) -> str:
        return self.start_texts()[-1]

    def about_text(self) -> str:
        sc = self.sc
        out = []
        people = self.people()
        if len(people) > 1:
            who = ", ".join(esc(seat_title(sc.public, s)) for s in people)
            out.append(f"<b>Hot seat:</b> {who} share this screen. Before each of their moves the screen is "
                       "handed over, and each sees only their own side.")
        elif not people:
            out.append("<font color='#ffb36b'>Choose You (or a person) for at least one seat.</font>")
        levels = dict.fromkeys(c.split(":", 1)[1] for c in self.players.values() if c.startswith("ai:"))
        for key in levels:
            level = sc.spec.ai.difficulties[key]
            if level.description:
                out.append(f"<b>AI: {esc(level.label)}</b>: {esc(level.description)}")
        return "<br><br>".join(out)

    def seating(self) -> dict[str, Controller]:
        return {seat: HUMAN if choice in (YOU, PERSON) else Controller("ai", choice.split(":", 1)[1])
                for seat, choice in self.players.items()}

    def reset_widgets(self) -> None:
        self.read_seed()  # what was typed survives a rebuild (a new window size or text size)
        self.read_names()
        super().reset_widgets()

    def read_seed(self) -> None:
        entry = self.widgets.get("seed")
        if isinstance(entry, pygame_gui.elements.UITextEntryLine):
            self.seed = entry.get_text()

    # keys and buttons --------------------------------------------------------------------------
    def shortcut(self, event: pygame.event.Event) -> bool:
        name = self.focused_name()
        if name and name.startswith("seat_") and name.endswith("_ai") and event.key in (pygame.K_LEFT, pygame.K_RIGHT):
            self.cycle(name[len("seat_"):-len("_ai")], 1 if event.key == pygame.K_RIGHT else -1)
            return True
        return False

    def enter_in(self, name: str) -> bool:
        self.start()
        return True

    def on_escape(self) -> None:
        self.back()

    def release(self) -> None:
        super().release()
        self.styles = {}

    def back(self) -> None:
        nav.picker(self.app)

    def start(self) -> None:
        self.read_seed()
        if not self.seed.isdigit() or int(self.seed) >= 2**63:
            self.note = "The seed is a whole number (or leave the one shown)."
            self.app.rebuild()
            return
        if not self.people():
            self.note = "Choose You (or a person) for at least one seat."
            self.app.rebuild()
            return
        names = self.typed_names()
        mine = next((seat for seat in self.people() if self.players[seat] == YOU), None) or self.people()[0]
        settings = self.app.settings
        if settings.player_name != names.get(mine, ""):  # remembered as the next game's default
            settings.player_name = names.get(mine, "")
            settings.save()
        session = Session.start(self.sc, self.seating(), seed=int(self.seed), practice=self.practice, names=names)
        nav.game_on(self.app, session)
