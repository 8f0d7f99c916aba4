"""Terminal play: `detente play --text`. People at a keyboard (one or several, in turn at one screen),
the scenario's AI and bots, each at its seat; moves can be piped in."""

from __future__ import annotations

import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from game.ai.policy import Policy, play_out
from game.analysis.card import role_card
from game.analysis.debrief import debrief
from game.analysis.hints import crossing, hints, option_marks
from game.engine import IllegalMoveError, Move, NotationError, State, View, new_game, observe
from game.engine.talk import answer_options
from game.engine.transcript import Transcript
from game.proof import Proven
from game.saves import new_save_path, save
from game.scenario.model import OPEN, Scenario
from game.seats import HUMAN, Controller, SeatError, describe, parse_names, seating
from game.text import render

MENU = {
    "p": ("propose", "propose a package"), "a": ("accept", "accept the offer on the table"),
    "r": ("reject", "reject the offer on the table"), "t": ("threaten", "warn of consequences"),
    "e": ("press", "press a side"), "m": ("promise", "make a promise"), "s": ("reassure", "offer reassurance"),
    "u": ("statement", "make a public statement"), "q": ("question", "ask about a side's priorities"),
    "c": ("consult", "consult"), "n": ("pass", "pass"), "w": ("walkout", "walk out"),
}
CLEAR = "\033[2J\033[3J\033[H"


class InputEnded(Exception):
    """Standard input closed before the game ended."""


class UnreadableInput(InputEnded):
    """Standard input sent bytes that are not text in its encoding: the game stops as if input had ended."""


class Console:
    def __init__(self, stdin: TextIO, stdout: TextIO):
        self.stdin = stdin
        self.stdout = stdout

    def say(self, text: str = "") -> None:
        self.stdout.write(text + "\n")
        self.stdout.flush()

    def ask(self, prompt: str) -> str:
        self.stdout.write(prompt)
        self.stdout.flush()
        try:
            line = self.stdin.readline()
        except UnicodeDecodeError as exc:
            raise UnreadableInput(f"the input is not {exc.encoding.upper()} text (byte {exc.object[exc.start]:#04x}); "
                                  "type in a terminal set to UTF-8") from None
        if not line:
            raise InputEnded
        if not self.stdin.isatty():
            self.stdout.write(line if line.endswith("\n") else line + "\n")
        return line.strip()

    def clear(self) -> None:
        """Wipe the screen (on a terminal; a pipe has no screen to hide)."""
        if self.stdout.isatty():
            self.stdout.write(CLEAR)
        else:
            self.stdout.write("\n" + "=" * render.WIDTH + "\n")
        self.stdout.flush()

    def pick(self, prompt: str, options: list[tuple[str, str]], default: str | None = None) -> str:
        """Ask for one of `options` (value, label), by number or by value."""
        for n, (_value, label) in enumerate(options, 1):
            self.say(f"  {n}) {label}")
        shown = next((n for n, (value, _) in enumerate(options, 1) if value == default), None)
        while True:  # the default is shown as its number; Enter takes it
            answer = self.ask(prompt + (f" [{shown}] " if shown else f" [{default}] " if default else " "))
            if not answer and default:
                return default
            if answer.isascii() and answer.isdigit() and len(answer) < 6 and 1 <= int(answer) <= len(options):
                return options[int(answer) - 1][0]
            for value, _label in options:
                if answer.lower() == value.lower():
                    return value
            self.say(f"  Please answer with a number from 1 to {len(options)}.")


@dataclass
class Seen:
    """What one person at the screen has been shown so far."""

    log: int = 0
    turn: int = 0
    status: int = 0
    meters: tuple[float, ...] | None = None
    briefed: bool = False


class HumanPlayer:
    """The Policy of a person at the terminal: it reads their seat's view and asks for a move."""

    def __init__(self, game: TextGame):
        self.game = game
        self.console = game.console

    def choose(self, view: View) -> Move:
        self.game.prepare(view)
        if view.choice is not None:
            event = view.choice
            self.console.say(f"\n{event.title}: {event.ask or 'how do you respond?'}")
            choice = self.console.pick(">", [(c.id, c.label + (f": {c.text}" if c.text else ""))
                                             for c in event.choices])
            return Move("choose", target=event.id, choice=choice)
        if view.question is not None:
            return self.answer(view)
        while True:
            keys = [k for k, (kind, _) in MENU.items() if kind in view.kinds]
            self.console.say("Moves: " + "  ".join(f"{k}) {move_label(view, MENU[k][0])}" for k in keys)
                             + "  ?) status  b) briefing  h) help")
            answer = self.console.ask("> ")
            try:
                move = self.read(view, answer)
                if move is None:
                    continue
                view.check(move)  # the rules' own check, on what this seat knows
            except (NotationError, IllegalMoveError) as exc:
                self.console.say(f"  {exc}")
                continue
            if move.kind == "accept" and not self.confirm_accept(view):
                continue
            return move

    def answer(self, view: View) -> Move:
        """A question put to this seat: the person chooses how to answer, knowing what each answer tells the
        asker. Answering is not their move of the round."""
        question = view.question
        assert question is not None
        sc = view.scenario
        title = sc.issue_specs[sc.issue_index[question.issue]].title
        asker = f"{sc.speaker(question.asker).split(',')[0]} ({sc.actors[question.asker].name})"
        self.console.say("\n" + render.wrap(f"{asker} asks how much {title} matters to you. How you answer is up to "
                                            "you; answering does not use your move.", ""))
        options = [(o.manner, render.wrap(f'{o.label}: "{o.says}" {o.reveals}', "     ").lstrip())
                   for o in answer_options(view)]
        return Move("answer", choice=self.console.pick("How do you answer?", options))

    def confirm_accept(self, view: View) -> bool:
        """Accepting an offer across one of your own firm red lines ends in a refused deal: ask first (no is the
        default)."""
        warning = render.accept_warning(view)
        if warning is None:
            return True
        self.console.say(render.wrap(warning, "  "))
        return self.console.pick("Accept it anyway?", [("no", "no, back to the moves"), ("yes", "yes, accept it")],
                                 default="no") == "yes"

    def read(self, view: View, answer: str) -> Move | None:
        sc = view.scenario
        word = answer.lower()
        if word in ("", "?", "status"):
            self.game.status(view)
            return None
        if word in ("b", "briefing"):
            self.console.say(render.briefing(role_card(sc, view.own)))
            return None
        if word in ("h", "help"):
            self.console.say(help_text(view))
            return None
        if word not in MENU:
            return Move.parse(answer, sc)  # type: ignore[arg-type]
        kind = MENU[word][0]
        if kind == "propose":
            return self.compose(view)
        aimed = [m for m in view.moves if m.kind == kind]
        if len(aimed) <= 1:
            return aimed[0] if aimed else Move(kind)
        if kind == "question":
            seats = list(dict.fromkeys(m.seat for m in aimed))
            seat = seats[0] if len(seats) == 1 else self.console.pick(
                "Ask which side?", [(s or "", sc.actors[s or ""].name) for s in seats])
            issue = self.console.pick("Ask about which issue?", [(i.id, i.title) for i in sc.issue_specs])
            return Move("question", target=issue, seat=seat or None)
        if kind == "consult":
            who = self.console.pick("Consult whom?", [(m.target or "", sc.actors[m.target or ""].name) for m in aimed])
            return Move("consult", target=who)
        seat = self.console.pick("Which side?", [(m.seat or "", sc.actors[m.seat or ""].name) for m in aimed])
        return Move(kind, seat=seat)

    def compose(self, view: View) -> Move | None:
        """Build a package issue by issue, showing its value to you as it grows. Enter keeps the option of your
        own last proposal, or leaves the issue open."""
        sc = view.scenario
        own = view.own
        # Enter keeps your own last proposal (never the other side's option, which may cross your red line)
        mine = [o for o in view.offers if o.by == view.seat]
        package = list(mine[-1].package) if mine else [OPEN] * len(sc.issues)
        for i, issue in enumerate(sc.issue_specs):
            options = [("open", "(leave open)")]
            for k, option in enumerate(issue.options):
                options.append((option.id, f"{option.label}  (worth {own.table[i][k]:.2f} to you)"
                                           + _marks(view, i, k)))
            current = sc.options[i][package[i]] if package[i] != OPEN else "open"
            self.console.say(f"\n{issue.title}:")
            chosen = self.console.pick("Option?", options, default=current)
            package[i] = OPEN if chosen == "open" else sc.option_index[i][chosen]
        if all(x == OPEN for x in package):
            self.console.say("  A proposal must settle at least one issue.")
            return None
        found = crossing(view, tuple(package))
        crossed = list(dict.fromkeys(sc.issue_specs[line.issue].title
                                     for line in (*found.firm, *found.bluffs, *found.allies)))
        reservation = f" (reservation {own.reservation:.2f})" if own.reservation is not None else ""
        still_open = package.count(OPEN)
        partial = f"; it is partial ({still_open} issue{'s' * (still_open > 1)} left open)" if still_open else ""
        self.console.say(f"\nYour package is worth {view.utility(tuple(package)):.2f} to you{reservation}{partial}"
                         + (f"; it crosses a red line on {', '.join(crossed)}" if crossed else "") + ".")
        if self.console.pick("Propose it?", [("yes", "yes"), ("no", "no, back to the moves")],
                             default="yes") != "yes":
            return None
        return Move("propose", package=tuple(package))


def _marks(view: View, issue: int, option: int) -> str:
    """Why an option is out of the question for this seat: its own red line or its stakeholders' (those that
    still bind), as the window's builder says it too."""
    return "".join(f"  [{m}]" for m in option_marks(view, issue, option))


WHAT_MOVES_DO = {  # what each kind of move does by the rules, whatever the scenario (its effects are the scenario's)
    "propose": "put a package on the table: one option per issue; a partial package is allowed, but only a full "
               "one can be accepted, and your own full proposal counts as your acceptance",
    "accept": "accept the full package on the table; the deal is made when every negotiator has accepted it",
    "reject": "take the offer off the table",
    "threaten": "warn a side of consequences: a credible warning makes it concede sooner",
    "press": "press a side to move: it makes it concede sooner",
    "promise": "make a commitment on your conduct",
    "reassure": "offer reassurance",
    "statement": "speak to the public",
    "question": "ask a side how much an issue matters to it; the side chooses how to answer (honestly, vaguely, "
                "claiming it as a top priority, or not at all), and answers before the round goes on",
    "consult": "consult one of your stakeholders (or the mediator): hear them before you close; it spends your move",
    "pass": "let your move go by",
    "walkout": "leave the talks: the game ends without a deal",
}


def move_label(view: View, kind: str) -> str:
    """A kind of move as the scenario names it ('Threaten to leave Camp David'), or the game's own words."""
    spec = view.scenario.moves.get(kind)
    return spec.label if spec is not None and spec.label else MENU_LABELS[kind]


MENU_LABELS = {kind: label for kind, label in MENU.values()}


def help_text(view: View) -> str:
    """The help for this seat in this scenario: how a round goes, then each move it can make, with the scenario's
    label, description and effects for it."""
    sc = view.scenario
    seat = view.seat
    mediator = sc.actors[seat].role == "mediator"
    lines = [render.wrap("Each round, after the round's events, every seat at the table makes one move, in turn. "
                         + ("A deal then goes home: the stakeholders who back you judge it (see your briefing)."
                            if sc.backers(seat) else ""), "")]
    for key, (kind, _label) in MENU.items():
        only_mediator, never_mediator = kind == "press", kind in ("accept", "reject", "walkout")
        if (kind not in sc.enabled or (only_mediator and not mediator) or (never_mediator and mediator)
                or (kind == "consult" and not sc.consultable(seat))):
            continue
        spec = sc.moves.get(kind) or (sc.moves.get("threaten") if kind == "press" else None)  # as the rules read it
        what = sc.moves[kind].description if kind in sc.moves and sc.moves[kind].description else WHAT_MOVES_DO[kind]
        effects = spec.by.get(seat, spec.effects) if spec is not None else {}
        changes = ", ".join(f"{sc.meter_specs[m].label} {d:+.2f}" for m, d in effects.items() if m in sc.meter_specs)
        lines.append(render.wrap(f"{key}) {move_label(view, kind)}: {what}" + (f" ({changes})" if changes else ""),
                                 "  "))
    if "question" in sc.enabled and sc.actors[seat].role != "mediator":
        lines.append(render.wrap("When another side asks how much an issue matters to you, you choose how to answer "
                                 "before play goes on (it does not use your move): honestly, vaguely (a true "
                                 "comparison with another issue), claiming it as a top priority, or not at all.",
                                 "  "))
    lines.append(render.wrap("?) the table and the meters; b) your briefing; h) this help. You can also type a move "
                             "directly, e.g.  " + example(view), "  "))
    return "\n".join(lines)


def example(view: View) -> str:
    """A move in notation from this scenario, for the help."""
    sc = view.scenario
    package = tuple(len(opts) // 2 if i < 2 else OPEN for i, opts in enumerate(sc.options))
    aim = sc.others(view.seat) or sc.negotiators
    return f"propose {sc.package_text(package)}   or   question {aim[0]} {sc.issues[0]}"


@dataclass
class Options:
    """How a terminal game is set up (from the command line)."""

    named: dict[str, Controller] = field(default_factory=dict)  # --seat SEAT=PLAYER
    side: str | None = None  # --side: the seat you play
    difficulty: str | None = None
    bot: str | None = None  # --player-bot: a bot plays your side
    seed: int = 0
    practice: bool = True
    names: list[str] = field(default_factory=list)  # --name NAME, or --name SEAT=NAME for each person


class TextGame:
    def __init__(self, scenario: Scenario, console: Console, options: Options, save_path: Path | None = None):
        self.sc = scenario
        self.console = console
        self.options = options
        self.practice = options.practice
        self.save_path = save_path
        self.save_failed = False
        self.saved = False
        self.state: State | None = None  # the game as it stands (set when it starts)
        self.seats: dict[str, Controller] = {}
        self.seen: dict[str, Seen] = {}
        self.at_screen: str | None = None  # the person the screen was last handed to
        self.hot = False  # several people share the screen

    # -- setting up ---------------------------------------------------------------------------------
    def setup(self) -> tuple[State, dict[str, Controller]]:
        sc = self.sc
        opts = self.options
        self.console.say(f"Détente: {sc.title}")
        named = dict(opts.named)
        if opts.bot:
            side = opts.side or next((s for s in sc.seats if s not in named), sc.seats[0])
            named[side] = Controller("bot", opts.bot)
        elif opts.side:
            if named.get(opts.side, HUMAN) != HUMAN:
                raise SeatError(f"--side {opts.side} says you play it, but --seat gives it to {named[opts.side]}")
            named[opts.side] = HUMAN
        unattended = any(c.kind == "bot" for c in named.values())
        free = [s for s in sc.seats if s not in named]
        if not any(c.kind == "human" for c in named.values()) and free and not unattended:
            side = self.console.pick("Which side do you play?", [
                (s, f"{sc.actors[s].name} ({sc.speaker(s)}" + (f", for {sc.actors[s].principal})"
                                                               if sc.actors[s].principal else ")")
                + (", the mediator" if sc.actors[s].role == "mediator" else "")) for s in free])
            named[side] = HUMAN
            free.remove(side)
        difficulty = opts.difficulty
        if free and difficulty is None and not unattended:
            levels = sc.spec.ai.difficulties
            difficulty = self.console.pick("Difficulty?", [
                (k, f"{v.label}" + (f": {v.description}" if v.description else "")) for k, v in levels.items()],
                default=sc.spec.ai.default_difficulty)
        seats = seating(sc, named, difficulty)
        return new_game(sc, opts.seed, voiced=[s for s, c in seats.items() if c.kind == "ai"]), seats

    # -- playing ------------------------------------------------------------------------------------
    def run(self, state: State, seats: dict[str, Controller], transcript: Transcript | None = None,
            caught_up: Mapping[str, Policy] | None = None) -> State:
        """Play from `state` to the end; `caught_up`: the unattended seats' policies of a resumed game."""
        sc = self.sc
        self.state = state
        self.seats = seats
        humans = [s for s, c in seats.items() if c.kind == "human"]
        watched = humans or [s for s, c in seats.items() if c.kind == "bot"][:1] or [sc.seats[0]]
        hot = len(humans) > 1
        if transcript is None:
            transcript = Transcript.start(state, describe(seats), practice=self.practice,
                                          names=parse_names(self.options.names, seats))
        else:
            self.saved = True
        path = self.save_path or new_save_path(transcript)
        policies: dict[str, Policy] = {s: HumanPlayer(self) if c.kind == "human" else c.policy(s, self.options.seed, sc)
                                       for s, c in seats.items()}
        policies.update((s, p) for s, p in (caught_up or {}).items() if seats[s].unattended)
        self.seen = {s: Seen() for s in watched}
        if hot:
            names = ", ".join(f"{sc.speaker(s)} ({sc.actors[s].name})" for s in humans)
            self.console.say(f"\nHot seat: {names} share this screen; it is handed over before each of their moves.")
        else:
            self.brief(watched[0])
        self.console.say(f"\nThis game is saved after every move to: {path}")

        def after_move(before: State, move: Move, after: State) -> None:
            transcript.record(before, move, after)
            self.save(transcript, path)
            self.state = after
            if not hot:
                self.flush(observe(after, watched[0], reasons=self.practice))
            elif before.to_move in humans and before.to_move != after.to_move:
                # the person who moved sees what came of it (an answer, a reply) before handing the screen over
                self.flush(observe(after, before.to_move or "", reasons=self.practice))

        self.hot = hot
        try:
            if not hot:
                self.flush(observe(state, watched[0], reasons=self.practice))
            state = play_out(state, policies, on_move=after_move)
        except InputEnded as exc:
            if isinstance(exc, UnreadableInput):
                self.console.say(f"\n{exc}")
            if self.saved:
                self.console.say(f"\nInput ended. The game is saved; continue it with:\n"
                                 f"  detente play --text --resume {path}")
            else:
                self.console.say("\nInput ended before the game was saved; nothing to continue.")
            if isinstance(exc, UnreadableInput):
                raise SystemExit(2) from None
            return self.state
        if hot:
            self.console.clear()
            self.console.say("The game is over: everyone may look at the screen again.")
            self.console.say(render.entry(state.log[-1], False))
        self.console.say(render.debrief(sc.public, debrief(state), None if hot else watched[0]))
        self.console.say(f"\nTranscript: {path}" if self.saved else "\nThe transcript could not be saved.")
        return state

    def prepare(self, view: View) -> None:
        """Before a person moves: hand the screen over (hot seat), then show what they have not seen (with the
        AI's reasons in practice mode)."""
        if self.hot and self.at_screen != view.seat:
            self.hand_over(view.seat)
        assert self.state is not None
        self.flush(observe(self.state, view.seat, reasons=self.practice))

    def brief(self, seat: str) -> None:
        seen = self.seen[seat]
        if not seen.briefed:
            view = observe(self.state, seat)  # type: ignore[arg-type]
            self.console.say("\n" + render.briefing(role_card(view.scenario, view.own)))
            seen.briefed = True

    def hand_over(self, seat: str) -> None:
        """Hide the last person's view and wait until only `seat`'s person can see the screen."""
        sc = self.sc
        self.console.clear()
        self.console.ask(f"Pass to {sc.speaker(seat)} ({sc.actors[seat].name}); press Enter when only they can "
                         "see the screen. ")
        self.console.clear()
        self.at_screen = seat
        self.console.say(f"{sc.speaker(seat)} ({sc.actors[seat].name}), your move.")
        self.brief(seat)

    def save(self, transcript: Transcript, path: Path) -> None:
        """Save after a move; a failure is said once, and the game goes on (it retries every move)."""
        try:
            save(transcript, path)
            self.save_failed = False
            self.saved = True
        except OSError as exc:
            if not self.save_failed:
                self.console.say(f"  (The game could not be saved to {path}: {exc.strerror or exc}. "
                                 "Play goes on; it tries again after every move.)")
            self.save_failed = True

    def heading(self, seen: Seen, turn: int) -> None:
        seen.turn = turn
        self.console.say(f"\n--- {self.sc.public.turn_heading(turn)}")

    def flush(self, view: View) -> None:
        """Print what this seat has heard since it last looked, with a heading and the table at each new turn."""
        seen = self.seen[view.seat]
        for item in view.log[seen.log:]:
            if item.turn != seen.turn and item.kind != "outcome":
                self.heading(seen, item.turn)
            self.console.say(render.entry(item, self.practice, view))
        seen.log = len(view.log)
        if view.turn != seen.status and view.my_turn and view.question is None:  # (after an answer: the move)
            if view.turn != seen.turn:
                self.heading(seen, view.turn)
            seen.status = view.turn
            self.status(view)

    def status(self, view: View) -> None:
        seen = self.seen[view.seat]
        self.console.say(render.meters(view, seen.meters))
        seen.meters = view.meters
        self.console.say(render.table(view))
        if self.practice and self.seats.get(view.seat) == HUMAN:
            for hint in hints(view):
                self.console.say(render.wrap(f"Hint: {hint}"))


def play_text(scenario: Scenario, options: Options, *, stdin: TextIO = sys.stdin, stdout: TextIO = sys.stdout,
              resume: tuple[Proven, Path] | None = None) -> State:
    """Play a game in the terminal; `resume`: a saved game, proven by replay, and its file."""
    console = Console(stdin, stdout)
    if resume is not None:
        proven, path = resume
        options.practice = proven.transcript.practice
        game = TextGame(scenario, console, options, save_path=path)
        seats = dict(proven.seats)
        if options.bot:  # a bot takes over the people's seats
            seats = {s: Controller("bot", options.bot) if c == HUMAN else c for s, c in seats.items()}
        return game.run(proven.state, seats, proven.transcript, proven.policies)
    game = TextGame(scenario, console, options)
    try:
        state, seats = game.setup()
    except InputEnded as exc:
        console.say(f"\n{exc}" if isinstance(exc, UnreadableInput) else "\nInput ended before the game began.")
        raise SystemExit(2 if isinstance(exc, UnreadableInput) else 1) from None
    return game.run(state, seats)
