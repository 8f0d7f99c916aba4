"""A game in progress as the window sees it: the state, who plays each seat, and the autosaved transcript.

No pygame here. The session is the game loop: it holds the State, applies the moves the
people at the window make, lets the AI and bots play their seats through their Policy, and
saves the transcript after every move, exactly as the terminal front end does. Screens never
read the State: they ask the session for a seat's View (``view(seat)``), and after the game
for the debrief.

Several people may share the window (hot seat). The session knows which of them has the
screen (``at_screen``); when another person must move, a hand-over is due and the window
hides the last person's view until the next one confirms that only they can see it.
"""

from __future__ import annotations

import json
import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from game.ai.policy import Policy, play_out
from game.analysis.debrief import Debrief, debrief
from game.engine import LogEntry, Move, State, View, apply, check, new_game, observe
from game.engine.transcript import Transcript
from game.proof import prove
from game.saves import data_dir, find_scenario, load, new_save_path, save, write_atomic
from game.scenario.model import Scenario
from game.seats import Controller, describe


def copies_dir() -> Path:
    """Where "Save a copy" puts its checkpoints: beside the autosaves, not among them."""
    return data_dir().parent / "copies"


EVERYONE = "*"  # at_screen once the game is over in a hot-seat game: everyone may look again


class Saver:
    """Writes autosaves on a background thread, in order, so a frame never waits for the disk.

    The text is made on the caller's thread (a consistent snapshot); only the atomic write with
    its fsync, which can take milliseconds, happens on the thread. `flush` waits for the writes;
    the window flushes before it closes, so closing it loses nothing.
    """

    def __init__(self) -> None:
        self.jobs: queue.Queue[Callable[[], None]] = queue.Queue()
        self.thread: threading.Thread | None = None
        self.latest: dict[Path, str] = {}  # the newest text waiting for each file
        self.failure: str | None = None  # why the last write failed, for the window to show
        self.copy_failure: str | None = None  # why the last copy (Save a copy) could not be written
        self.lock = threading.Lock()

    def put(self, path: Path, text: str) -> None:
        """Write `text` to `path` soon. A save waiting behind a slow disk is replaced by the newer one,
        so the file catches up with the game at the next write instead of replaying every move."""
        with self.lock:
            queued = path in self.latest
            self.latest[path] = text
        if not queued:
            self.call(lambda: self._write(path))

    def put_copy(self, path: Path, text: str) -> None:
        """Write a copy of a game (a checkpoint) soon; a failure (a full disk, a folder that cannot be
        written) is kept in `copy_failure` for the window to show, never raised."""
        def write() -> None:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                write_atomic(path, text)
                self.copy_failure = None
            except OSError as exc:
                self.copy_failure = f"the copy could not be saved ({exc.strerror or exc})"
        self.copy_failure = None
        self.call(write)

    def _write(self, path: Path) -> None:
        with self.lock:
            text = self.latest.pop(path)
        write_atomic(path, text)

    def call(self, job: Callable[[], None]) -> None:
        """Run `job` on the thread, after the jobs before it (it must not touch pygame)."""
        if self.thread is None or not self.thread.is_alive():
            self.thread = threading.Thread(target=self.run, name="detente-autosave", daemon=True)
            self.thread.start()
        self.jobs.put(job)

    def run(self) -> None:
        while True:
            job = self.jobs.get()
            try:
                job()
                self.failure = None
            except OSError as exc:  # the next autosave tries again; the window shows the failure meanwhile
                reason = exc.strerror or str(exc)
                self.failure = f"the game could not be saved ({reason}); it tries again after the next move"
            finally:
                self.jobs.task_done()

    @property
    def pending(self) -> bool:
        return self.jobs.unfinished_tasks > 0

    def flush(self) -> None:
        self.jobs.join()


SAVER = Saver()


@dataclass
class Session:
    scenario: Scenario
    state: State
    seats: dict[str, Controller]  # who plays each seat, in the scenario's order
    transcript: Transcript
    path: Path
    policies: dict[str, Policy] = field(default_factory=dict)  # the unattended seats' players
    at_screen: str | None = None  # the person who has the screen (hot seat); EVERYONE after the game
    briefed: set[str] = field(default_factory=set)  # the people who have read their briefing
    before: dict[str, tuple[float, ...]] = field(default_factory=dict)  # each person's meters before their last move
    _views: dict[str, View] = field(default_factory=dict)  # views of the current state, made when asked

    def __post_init__(self) -> None:
        for seat, controller in self.seats.items():
            if controller.unattended and seat not in self.policies:
                self.policies[seat] = controller.policy(seat, self.state.seed)
        if len(self.people) == 1:
            self.at_screen = self.people[0]

    # starting and reopening -------------------------------------------------------------------
    @classmethod
    def start(cls, scenario: Scenario, seats: dict[str, Controller], *, seed: int, practice: bool,
              path: Path | None = None, names: dict[str, str] | None = None) -> Session:
        """A new game, saved at once; `names`: the names the people typed for their seats (kept in the
        transcript)."""
        state = new_game(scenario, seed, voiced=[s for s, c in seats.items() if c.kind == "ai"])
        transcript = Transcript.start(state, describe(seats), practice=practice, names=names)
        session = cls(scenario, state, dict(seats), transcript, path or new_save_path(transcript))
        save(transcript, session.path)
        session.run_unattended()
        return session

    @classmethod
    def resume(cls, path: str | Path, *, checkpoint: bool = False) -> Session:
        """Reopen a saved game; ScenarioError or TranscriptError say what is wrong. A `checkpoint` (a
        copy saved from the menu) stays as it was: the game goes on in a new save of its own."""
        transcript = load(path)
        transcript.refuse_old_rules()  # an older engine's game: say so before anything else
        proven = prove(transcript, find_scenario(transcript))  # an edited record is refused (RecordMismatch)
        state, seats = proven.state, proven.seats
        session = cls(proven.scenario, state, seats, transcript, Path(path), dict(proven.policies),
                      briefed=set(seats))  # read before
        if len(state.timeline) >= 2:
            session.before = {seat: state.timeline[-2] for seat in session.people}
        if checkpoint:
            session.path = new_save_path(transcript)
            SAVER.put(session.path, session.text())
        session.run_unattended()
        return session

    def text(self) -> str:
        """The transcript as saved."""
        return json.dumps(self.transcript.to_dict(), ensure_ascii=False, indent=1) + "\n"

    def save_copy(self) -> Path:
        """A copy of the game as it is now, a checkpoint apart from the autosaves (the title screen does
        not offer to continue it; loading it goes on in a new save): written on the autosave thread."""
        path = copies_dir() / f"{self.path.stem}-copy-{time.strftime('%H%M%S')}.json"
        SAVER.put_copy(path, self.text())
        return path

    # who is who -------------------------------------------------------------------------------
    @property
    def practice(self) -> bool:
        return self.transcript.practice

    @property
    def people(self) -> tuple[str, ...]:
        """The seats people play at this window, in the scenario's order."""
        return tuple(s for s, c in self.seats.items() if c.kind == "human")

    @property
    def hot_seat(self) -> bool:
        """Whether several people share the window (their views are hidden from each other)."""
        return len(self.people) > 1

    @property
    def viewer(self) -> str | None:
        """The seat whose view the window shows now: the person at the screen."""
        return self.at_screen if self.at_screen in self.seats else None

    @property
    def person_to_move(self) -> str | None:
        seat = self.state.to_move
        return seat if not self.state.over and seat in self.people else None

    @property
    def ai_to_move(self) -> bool:
        seat = self.state.to_move
        return not self.state.over and seat is not None and seat in self.policies

    @property
    def handover_due(self) -> str | None:
        """Whom the screen must be handed to before play goes on (EVERYONE at the end of a hot-seat
        game); None when whoever has it may go on looking."""
        if not self.hot_seat:
            return None
        if self.state.over:
            return EVERYONE if self.at_screen != EVERYONE else None
        seat = self.person_to_move
        return seat if seat is not None and seat != self.at_screen else None

    def hand_to(self, seat: str) -> None:
        self.at_screen = seat

    # what a seat may see ----------------------------------------------------------------------
    def view(self, seat: str) -> View:
        """`seat`'s view of the game now (made once per state and seat)."""
        view = self._views.get(seat)
        if view is None:
            view = self._views[seat] = observe(self.state, seat, reasons=self.practice)
        return view

    def previous(self, seat: str) -> tuple[float, ...] | None:
        """The meters before `seat`'s last move: the table shows how far they moved since."""
        return self.before.get(seat)

    @property
    def over(self) -> bool:
        return self.state.over

    def debrief(self) -> Debrief:
        """After the game everything is revealed: the debrief reads the final state."""
        if not self.state.over:
            raise ValueError("the debrief comes after the game")
        return debrief(self.state)

    def record(self) -> tuple[LogEntry, ...]:
        """Every line of the talks, private ones too: for the export, after the game."""
        if not self.state.over:
            raise ValueError("the whole record is revealed after the game")
        return self.state.log

    # moves -------------------------------------------------------------------------------------
    def _apply(self, move: Move) -> None:
        before = self.state
        self._recorded(before, move, apply(before, move))

    def _recorded(self, before: State, move: Move, after: State) -> None:
        self.transcript.record(before, move, after)
        SAVER.put(self.path, self.text())
        self.state = after
        self._views = {}

    @property
    def saving(self) -> bool:
        return SAVER.pending

    @staticmethod
    def flush() -> None:
        """Wait until every autosave is on disk."""
        SAVER.flush()

    def play(self, move: Move) -> None:
        """A person's move (IllegalMoveError if the rules forbid it), saved; the window lets the AI
        answer on later frames (ai_step), so one frame never holds two moves and two autosaves."""
        seat = self.person_to_move
        if seat is None:
            raise ValueError("it is not a person's move")
        check(self.state, move)
        start = self.state.meters
        self._apply(move)
        if move.kind != "answer":  # an answer is not the person's move: the meters still show since their last
            self.before[seat] = start

    def ai_step(self) -> bool:
        """One move of an unattended seat (the AI or a bot), saved; False when a person is to move."""
        if not self.ai_to_move:
            return False
        moved: list[Move] = []

        def one_move(before: State, move: Move, after: State) -> None:
            moved.append(move)
            self._recorded(before, move, after)

        # the one game loop every front end uses, stopped after a move: the window answers a frame at a time
        play_out(self.state, self.policies, on_move=one_move, until=lambda _state: bool(moved))
        return True

    def run_unattended(self) -> None:
        while self.ai_step():
            pass
