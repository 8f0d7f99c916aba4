"""A self-playing demo: real mouse clicks and key presses drive the window from title to debrief.

`detente demo [--scenario FILE] [--seed N] [--screenshots DIR]`. It runs headless under
SDL_VIDEODRIVER=dummy; the tests use it to play whole games through the window, hot-seat games
and many-party tables included.

The people's seats are played by an adviser that decides from the seat's View like any player
(the scenario's own negotiating logic, at its easiest level, without scripted signals); its moves
are then made through the window's controls: the offer builder's buttons, the move buttons, the
dialogs that ask which side or which issue, and the hand-over screen.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any

import pygame

from game.ai import make_bot
from game.ai.policy import Policy
from game.engine import Move, View
from game.resources import scenario_path
from game.ui.app import App
from game.ui.session import SAVER, Session
from game.ui.text import crossed_lines

STRATEGIES = ("agreement", "walkout", "escalation", "deadline")


# Each screenshot is named by its screen, with a number that does not depend on which other screens a game happened
# to show (a question put to you, a dialog asking which side): docs/screenshots and the README keep these names when
# the demo is run again into that folder. 09-11 are the Dayton tour's (``TOUR``); 12-16 are the class report's and
# the class session's pages, taken in a browser; screens added since take numbers after those, never one between.
NUMBERS: Mapping[str, int] = MappingProxyType({
    "title": 1, "scenarios": 2, "setup": 3, "briefing": 4, "event": 5, "offer-builder": 6, "table": 7, "debrief": 8,
    "question": 17, "which-side": 18, "walk-out-dialog": 19, "handover": 20})
TOUR: Mapping[str, int] = MappingProxyType({"handover": 9, "table": 10, "debrief": 11})


class Demo:
    def __init__(self, app: App, screenshots: Path | None = None, *, numbers: Mapping[str, int] = NUMBERS,
                 only: tuple[str, ...] | None = None, prefix: str = ""):
        self.app = app
        self.prefix = prefix  # before each screenshot's name
        self.folder = screenshots
        self.numbers = numbers  # each screen's number in its file's name (a screen without one: its name alone)
        self.only = only  # the screenshots to take (None: every one)
        self.taken: list[Path] = []
        self.names: set[str] = set()  # the screens taken (each the first time it shows)
        self.advisers: dict[str, Policy] = {}
        if screenshots is not None:
            screenshots.mkdir(parents=True, exist_ok=True)

    def shot(self, name: str) -> None:
        if self.folder is None or (self.only is not None and name not in self.only) or name in self.names:
            return
        self.app.pump(2)
        number = self.numbers.get(name)
        path = self.folder / f"{'' if number is None else f'{number:02d}-'}{self.prefix}{name}.png"
        self.app.screenshot(path)
        self.taken.append(path)
        self.names.add(name)

    @property
    def screen(self) -> Any:
        """The screen on show (the demo only runs while the window is open)."""
        assert self.app.screen is not None
        return self.app.screen

    def open_file(self, path: Path) -> None:
        """Open a scenario file through the picker's file dialog, typing its path."""
        self.app.click("open_file")
        dialog = self.screen.file_dialog
        dialog.file_path_text_line.set_text(str(path.resolve()))
        dialog.current_file_path = path.resolve()  # what typing into the line and pressing Enter sets
        self.app.pump(2)
        dialog.ok_button.enable()
        pos = dialog.ok_button.rect.center
        pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)))
        for kind in (pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP):
            pygame.event.post(pygame.event.Event(kind, pos=pos, button=1))
        self.app.pump(4)

    # the setup screen -------------------------------------------------------------------------
    def choose_player(self, seat: str, choice: str) -> None:
        """Click a seat's buttons until it has the player `choice` (you, person or ai:LEVEL)."""
        kind = "ai" if choice.startswith("ai:") else choice
        for _ in range(len(self.screen.choices) + 1):
            if self.screen.players[seat] == choice:
                return
            self.app.click(f"seat_{seat}_{kind}")
        raise RuntimeError(f"the setup screen has no player '{choice}' for {seat}")

    def setup(self, players: dict[str, str], seed: int, practice: bool) -> None:
        screen = self.screen
        for seat, choice in players.items():  # "you" first: taking a seat gives your old one to the AI
            if choice == "you":
                self.choose_player(seat, choice)
        for seat, choice in players.items():
            if choice != "you":
                self.choose_player(seat, choice)
        if not practice:
            self.app.click("mode_graded")
        screen.widgets["seed"].set_text(str(seed))
        self.app.pump(1)
        assert screen is self.app.screen

    # the table --------------------------------------------------------------------------------
    def set_package(self, package: tuple[int, ...]) -> None:
        view: View = self.screen.view
        for i, target in enumerate(package):
            for _ in range(len(view.scenario.options[i]) + 1):
                if self.screen.package[i] == target:
                    break
                self.app.click(f"issue_{i}_next")

    def adviser(self, seat: str) -> Policy:
        if seat not in self.advisers:
            # the AI's own logic at the level of the AI it meets: it answers concessions with concessions
            levels = {c.name for c in self.screen.session.seats.values() if c.kind == "ai" and c.name}
            self.advisers[seat] = make_bot("mirror", seat, 0, levels.pop() if len(levels) == 1 else None)
        return self.advisers[seat]

    def levels(self) -> tuple[str, ...]:
        return tuple(self.screen.session.scenario.spec.ai.difficulties)

    def make(self, move: Move) -> None:
        """Make `move` through the window: the builder and propose, a move's button and its dialogs."""
        view: View = self.screen.view
        if move.kind == "choose":
            assert view.choice is not None
            self.app.click(f"dialog_{[c.id for c in view.choice.choices].index(move.choice or '')}")
            return
        if move.kind == "answer":  # a question put to the seat: the dialog's buttons, in the order of the moves
            self.app.click(f"dialog_{[m.choice for m in view.moves].index(move.choice)}")
            return
        if move.kind == "propose":
            assert move.package is not None
            self.set_package(move.package)
            self.shot("offer-builder")
            self.app.click("propose")
            return
        aimed = [m for m in view.moves if m.kind == move.kind]
        self.app.click(move.kind)
        if move.kind == "question":
            seats = list(dict.fromkeys(m.seat for m in aimed))
            if len(seats) > 1:
                self.shot("which-side")
                self.app.click(f"dialog_{seats.index(move.seat)}")
            issues = list(view.scenario.issues)
            self.app.click(f"dialog_{issues.index(move.target or '')}")
        elif move.kind == "walkout" or (move.kind == "accept" and self.screen.dialog is not None):
            self.app.click("dialog_0")  # "Yes": walk out, or accept across your own red line
        elif len(aimed) > 1 or move.kind == "consult":
            self.app.click(f"dialog_{aimed.index(move)}")

    def turn(self, strategy: str) -> None:
        screen = self.screen
        view: View = screen.view
        if screen.dialog is not None and view.choice is None and view.question is None:
            self.app.click("dialog_0")  # the end of the talks, or a dialog left open
            return
        if view.choice is not None or view.question is not None or strategy == "agreement":
            self.agree(view)
            return
        if strategy == "walkout":
            self.app.press(pygame.K_w, unicode="w")
            self.shot("walk-out-dialog")
            self.app.click("dialog_0")
        elif strategy == "escalation":
            self.app.press(pygame.K_t, unicode="t")
            if self.screen.dialog is not None:  # several sides to threaten: the first
                self.app.click("dialog_0")
        else:  # deadline: promises until time runs out
            self.app.press(pygame.K_m, unicode="m")

    def agree(self, view: View) -> None:
        """Seek a deal: accept an offer better than no deal, else move as the adviser would."""
        offer = view.offer
        reservation = view.own.reservation
        if ("accept" in view.kinds and offer is not None and offer.full and reservation is not None
                and view.utility(offer.package) >= reservation and not crossed_lines(view, offer.package)
                and not self.must_consult(view)):
            self.app.click("accept")
            return
        self.make(self.adviser(view.seat).choose(view))

    @staticmethod
    def must_consult(view: View) -> bool:
        sc = view.scenario
        return "consult" in view.kinds and any(sc.actors[s].requires_consultation and s not in view.consulted
                                               for s in sc.backers(view.seat))

    def play(self, strategy: str, max_steps: int, watch: Callable[[Any], None] | None = None) -> None:
        """Through briefings, hand-overs and the table until the debrief; `watch` sees each screen first."""
        steps = 0
        while self.screen.name != "debrief":
            if watch is not None:
                watch(self.screen)
            steps += 1
            if steps > max_steps:
                raise RuntimeError("the demo did not finish the game")
            name = self.screen.name
            if name == "handover":
                self.shot("handover")
                self.app.click("ready")
            elif name == "briefing":
                self.shot("briefing")
                self.app.click("to_table")
            elif name == "table":
                if self.screen.dialog is not None and self.screen.view.choice is not None:
                    self.shot("event")
                if self.screen.dialog is not None and self.screen.view.question is not None:
                    self.shot("question")
                if steps >= 6 and self.screen.dialog is None:
                    self.shot("table")
                self.turn(strategy)
            else:
                raise RuntimeError(f"the demo is lost on the {name} screen")


def default_players(seats: tuple[str, ...], negotiators: tuple[str, ...], side: str | None,
                    difficulty: str | None) -> dict[str, str]:
    """You at `side` (the first negotiator by default); the AI at `difficulty` (or the setup's default level)
    at every other seat."""
    you = side or negotiators[0]
    players = {you: "you"}
    if difficulty:
        players.update({seat: f"ai:{difficulty}" for seat in seats if seat != you})
    return players


def run_demo(scenario: str | None = None, seed: int = 1, screenshots: str | Path | None = None,
             strategy: str = "agreement", side: str | None = None, difficulty: str | None = None,
             app: App | None = None, max_steps: int = 400, players: dict[str, str] | None = None,
             numbers: Mapping[str, int] = NUMBERS, only: tuple[str, ...] | None = None, prefix: str = "",
             watch: Callable[[Any], None] | None = None) -> Session:
    """Play one whole game through the window's controls; return its session (at the debrief).

    `players` gives seats to people ("you", "person") or to the AI ("ai:LEVEL"), as the setup screen
    does; without it you play `side` against the AI at `difficulty`. `watch` sees every screen on the way."""
    app = app or App()
    demo = Demo(app, Path(screenshots) if screenshots else None, numbers=numbers, only=only, prefix=prefix)
    app.pump(2)
    demo.shot("title")
    # the keyboard path: Tab to "Play a new game", Enter
    while demo.screen.focused_name() != "play":
        app.press(pygame.K_TAB)
    app.press(pygame.K_RETURN)
    demo.shot("scenarios")
    if scenario:
        demo.open_file(Path(scenario))
    else:
        app.click("scenario_geneva_2022")
    if demo.screen.name != "setup":
        raise RuntimeError("the scenario did not open: " + str(getattr(app.screen, "errors", "")))
    sc = demo.screen.sc
    demo.setup(players or default_players(sc.seats, sc.negotiators, side, difficulty), seed, True)
    demo.shot("setup")
    app.click("start")
    demo.play(strategy, max_steps, watch)
    if watch is not None:
        watch(demo.screen)
    session: Session = demo.screen.session
    demo.shot("debrief")
    app.click("export")
    SAVER.flush()  # the export and the last autosave are on disk when the demo returns
    return session


def tour(screenshots: str | Path, app: App | None = None) -> list[Path]:
    """Screenshots of a hot-seat game at a table of three sides and a mediator (Dayton 1995): the hand-over,
    a person's table and the debrief (numbered as ``TOUR``). Returns the files written."""
    folder = Path(screenshots)
    run_demo(str(scenario_path("dayton-1995")), seed=1, screenshots=folder, app=app, numbers=TOUR,
             only=tuple(TOUR), prefix="dayton-",
             players={"bosnia": "you", "serbia": "person", "croatia": "ai:normal", "us": "ai:normal"})
    return [folder / f"{number:02d}-dayton-{name}.png" for name, number in TOUR.items()]
