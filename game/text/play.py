"""Terminal play: `detente play --text`. Works with a person at a keyboard or moves piped in."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from game.ai import ScenarioAI, make_bot
from game.ai.policy import Policy
from game.analysis.debrief import debrief
from game.analysis.hints import hints
from game.engine import IllegalMoveError, Move, NotationError, State, apply, check, legal_kinds, new_game
from game.engine.transcript import Transcript
from game.saves import new_save_path, save
from game.scenario.model import OPEN, Scenario
from game.text import render

MENU = {
    "p": ("propose", "propose a package"), "a": ("accept", "accept the offer on the table"),
    "r": ("reject", "reject the offer on the table"), "t": ("threaten", "warn of consequences"),
    "m": ("promise", "make a promise"), "s": ("reassure", "offer reassurance"),
    "u": ("statement", "make a public statement"), "q": ("question", "ask about the other side's priorities"),
    "c": ("consult", "consult a stakeholder"), "w": ("walkout", "walk out"),
}


class InputEnded(Exception):
    """Standard input closed before the game ended."""


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
        line = self.stdin.readline()
        if not line:
            raise InputEnded
        if not self.stdin.isatty():
            self.stdout.write(line if line.endswith("\n") else line + "\n")
        return line.strip()

    def pick(self, prompt: str, options: list[tuple[str, str]], default: str | None = None) -> str:
        """Ask for one of `options` (value, label), by number or by value."""
        for n, (_value, label) in enumerate(options, 1):
            self.say(f"  {n}) {label}")
        while True:
            answer = self.ask(prompt + (f" [{default}] " if default else " "))
            if not answer and default:
                return default
            if answer.isdigit() and 1 <= int(answer) <= len(options):
                return options[int(answer) - 1][0]
            for value, _label in options:
                if answer.lower() == value.lower():
                    return value
            self.say(f"  Please answer with a number from 1 to {len(options)}.")


class HumanPlayer:
    """The Policy of a person at the terminal."""

    def __init__(self, console: Console, show_reasons: bool, status: Callable[[State], None]):
        self.console = console
        self.show_reasons = show_reasons
        self.status = status

    def choose(self, state: State) -> Move:
        sc = state.scenario
        if state.phase == "choice":
            event = next(e.spec for e in sc.events if e.spec.id == state.pending[0])
            self.console.say(f"\n{event.title}: how do you respond?")
            choice = self.console.pick(">", [(c.id, c.label + (f": {c.text}" if c.text else ""))
                                             for c in event.choices])
            return Move("choose", target=event.id, choice=choice)
        while True:
            kinds = legal_kinds(state)
            keys = [k for k, (kind, _) in MENU.items() if kind in kinds]
            self.console.say("Moves: " + "  ".join(f"{k}) {MENU[k][1]}" for k in keys)
                             + "  ?) status  b) briefing  h) help")
            answer = self.console.ask("> ")
            try:
                move = self.read(state, answer)
            except (NotationError, IllegalMoveError) as exc:
                self.console.say(f"  {exc}")
                continue
            if move is None:
                continue
            try:
                check(state, move)
            except IllegalMoveError as exc:
                self.console.say(f"  {exc}")
                continue
            return move

    def read(self, state: State, answer: str) -> Move | None:
        sc = state.scenario
        word = answer.lower()
        if word in ("", "?"):
            self.status(state)
            return None
        if word == "b":
            self.console.say(render.briefing(state, state.to_move or ""))
            return None
        if word == "h":
            self.console.say(HELP)
            return None
        if word in MENU:
            kind = MENU[word][0]
            if kind == "propose":
                return self.compose(state)
            if kind == "question":
                issue = self.console.pick("Ask about which issue?",
                                          [(i.id, i.title) for i in sc.spec.issues])
                return Move("question", target=issue)
            if kind == "consult":
                who = self.console.pick("Consult whom?", [(s, sc.actors[s].name)
                                                          for s in sc.backers(state.to_move or "")])
                return Move("consult", target=who)
            return Move(kind)
        return Move.parse(answer, sc)

    def compose(self, state: State) -> Move | None:
        """Build a package issue by issue, showing its value to you as it grows."""
        sc = state.scenario
        actor = state.to_move or ""
        val = sc.valuations[actor]
        package = list(state.offer.package) if state.offer else [OPEN] * len(sc.issues)
        for i, issue in enumerate(sc.spec.issues):
            options = [("open", "leave open")]
            for k, option in enumerate(issue.options):
                mark = ""
                for line in val.red_lines:
                    if line.issue == i and k in line.forbid:
                        mark = "  [crosses your red line]"
                options.append((option.id, f"{option.label}  (worth {val.table[i][k]:.2f} to you){mark}"))
            current = sc.options[i][package[i]] if package[i] != OPEN else "open"
            self.console.say(f"\n{issue.title}:")
            chosen = self.console.pick("Option?", options, default=current)
            package[i] = OPEN if chosen == "open" else sc.option_index[i][chosen]
        if all(x == OPEN for x in package):
            self.console.say("  A proposal must settle at least one issue.")
            return None
        crossed = [sc.spec.issues[line.issue].title for line in val.red_lines if line.crossed_by(tuple(package))]
        self.console.say(f"\nYour package is worth {val.utility(tuple(package)):.2f} to you "
                         f"(reservation {state.hidden.reservations[actor]:.2f})"
                         + (f"; it crosses your red line on {', '.join(crossed)}" if crossed else "") + ".")
        if self.console.pick("Propose it?", [("yes", "yes"), ("no", "no, go back")], default="yes") != "yes":
            return None
        return Move("propose", package=tuple(package))


HELP = """Each turn you make one move, then the other side answers.
  Propose a package (one option per issue; partial packages are allowed, but only a full one can be
  accepted). Accept the other side's full offer to make a deal: your stakeholders must then ratify it.
  Threats raise tension and press the other side, more credibly when your coalition is united;
  reassurance lowers tension; promises build trust; questions reveal the other side's priorities
  (honestly when trust is high); consulting a stakeholder restores support but spends your move.
  You can also type a move directly, e.g.  propose ukraine_nato=moratorium troops=partial_pullback"""


class TextGame:
    def __init__(self, scenario: Scenario, console: Console, *, side: str | None, difficulty: str | None,
                 seed: int, practice: bool, bot: str | None, save_path: Path | None = None):
        self.sc = scenario
        self.console = console
        self.side = side
        self.difficulty = difficulty
        self.seed = seed
        self.practice = practice
        self.bot = bot
        self.save_path = save_path
        self.shown = 0
        self.save_failed = False
        self.turn_shown = 0
        self.status_shown = 0
        self.previous: tuple[float, ...] | None = None

    def setup(self) -> State:
        sc = self.sc
        say = self.console.say
        say(f"Détente: {sc.title}")
        side = self.side or self.console.pick("Which side do you play?", [
            (a, f"{sc.actors[a].name} ({sc.speaker(a)}" + (f", for {sc.actors[a].principal})"
                                                            if sc.actors[a].principal else ")"))
            for a in sc.negotiators])
        levels = sc.spec.ai.difficulties
        difficulty = self.difficulty or self.console.pick("Difficulty?", [
            (k, f"{v.label}" + (f": {v.description}" if v.description else "")) for k, v in levels.items()],
            default=sc.spec.ai.default_difficulty)
        return new_game(sc, self.seed, side, difficulty)

    def run(self, state: State | None = None, transcript: Transcript | None = None) -> State:
        if state is None:
            state = self.setup()
        actor = state.player
        if transcript is None:
            transcript = Transcript.start(state, practice=self.practice)
        path = self.save_path or new_save_path(transcript)
        self.console.say("\n" + render.briefing(state, actor))
        self.console.say(f"\nThis game is saved after every move to: {path}")
        policies: dict[str, Policy] = {
            actor: make_bot(self.bot, actor, self.seed) if self.bot else
            HumanPlayer(self.console, self.practice, self.status),
            state.ai: ScenarioAI(state.ai)}
        try:
            while not state.over:
                self.flush(state)
                move = policies[state.to_move or ""].choose(state)
                after = apply(state, move)
                transcript.record(state, move, after)
                self.save(transcript, path)
                state = after
        except InputEnded:
            self.console.say(f"\nInput ended. The game is saved; continue it with:\n"
                             f"  detente play --text --resume {path}")
            return state
        self.flush(state)
        self.console.say(render.debrief(self.sc, debrief(state), state))
        self.console.say(f"\nTranscript: {path}")
        return state

    def save(self, transcript: Transcript, path: Path) -> None:
        """Save after a move; a failure is said once, and the game goes on (it retries every move)."""
        try:
            save(transcript, path)
            self.save_failed = False
        except OSError as exc:
            if not self.save_failed:
                self.console.say(f"  (The game could not be saved to {path}: {exc.strerror or exc}. "
                                 "Play goes on; it tries again after every move.)")
            self.save_failed = True

    def flush(self, state: State) -> None:
        """Print the record since the last call, with a heading and the table at each new turn."""
        for item in state.log[self.shown:]:
            if item.turn != self.turn_shown and item.kind != "outcome":
                self.turn_shown = item.turn
                self.console.say(f"\n--- Turn {item.turn} of {self.sc.deadline}: {self.sc.spec.deadline.label}")
            self.console.say(render.entry(item, self.practice))
        self.shown = len(state.log)
        if state.turn != self.status_shown and state.to_move == state.player and not state.over:
            if state.turn != self.turn_shown:
                self.turn_shown = state.turn
                self.console.say(f"\n--- Turn {state.turn} of {self.sc.deadline}: {self.sc.spec.deadline.label}")
            self.status_shown = state.turn
            self.status(state)

    def status(self, state: State) -> None:
        self.console.say(render.meters(state, self.previous))
        self.previous = state.meters
        self.console.say(render.table(state, state.player))
        if self.practice and not self.bot:
            for hint in hints(state, state.player):
                self.console.say(render.wrap(f"Hint: {hint}"))


def play_text(scenario: Scenario, *, side: str | None, difficulty: str | None, seed: int, practice: bool,
              bot: str | None, stdin: TextIO = sys.stdin, stdout: TextIO = sys.stdout,
              resume: tuple[Transcript, State, Path] | None = None) -> State:
    console = Console(stdin, stdout)
    game = TextGame(scenario, console, side=side, difficulty=difficulty, seed=seed, practice=practice, bot=bot,
                    save_path=resume[2] if resume else None)
    if resume is not None:
        transcript, state, _ = resume
        game.practice = transcript.practice
        return game.run(state, transcript)
    try:
        state = game.setup()
    except InputEnded:
        console.say("\nInput ended before the game began.")
        raise SystemExit(1) from None
    return game.run(state)
