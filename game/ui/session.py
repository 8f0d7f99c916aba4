"""A game in progress as the window sees it: the state, the AI's policy and the autosaved transcript.

No pygame here. The window emits the player's moves; the session applies them through the
engine, lets the AI answer through its Policy, and saves the transcript after every move,
exactly as the terminal front end does.
"""

from __future__ import annotations

import json
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from game.ai import ScenarioAI
from game.ai.policy import Policy
from game.engine import Move, State, apply, check, new_game
from game.engine.transcript import Transcript
from game.saves import find_scenario, load, new_save_path, save, write_atomic
from game.scenario.model import Scenario


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
        self.lock = threading.Lock()

    def put(self, path: Path, text: str) -> None:
        """Write `text` to `path` soon. A save waiting behind a slow disk is replaced by the newer one,
        so the file catches up with the game at the next write instead of replaying every move."""
        with self.lock:
            queued = path in self.latest
            self.latest[path] = text
        if not queued:
            self.call(lambda: self._write(path))

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
    transcript: Transcript
    path: Path
    ai: Policy = field(default=None)  # type: ignore[assignment]
    previous: tuple[float, ...] | None = None  # the meters before the last exchange

    def __post_init__(self) -> None:
        if self.ai is None:
            self.ai = ScenarioAI(self.state.ai)

    @property
    def practice(self) -> bool:
        return self.transcript.practice

    @classmethod
    def start(cls, scenario: Scenario, *, side: str, difficulty: str, seed: int, practice: bool,
              path: Path | None = None) -> Session:
        state = new_game(scenario, seed, side, difficulty)
        transcript = Transcript.start(state, practice=practice)
        session = cls(scenario, state, transcript, path or new_save_path(transcript))
        save(transcript, session.path)
        session.run_ai()
        return session

    @classmethod
    def resume(cls, path: str | Path) -> Session:
        """Reopen a saved game; ScenarioError or TranscriptError say what is wrong."""
        transcript = load(path)
        scenario = find_scenario(transcript)
        state = transcript.replay(scenario)
        session = cls(scenario, state, transcript, Path(path))
        if len(state.timeline) >= 2:
            session.previous = state.timeline[-2]
        session.run_ai()
        return session

    @property
    def player_to_move(self) -> bool:
        return not self.state.over and self.state.to_move == self.state.player

    def _apply(self, move: Move) -> None:
        before = self.state
        after = apply(before, move)
        self.transcript.record(before, move, after)
        SAVER.put(self.path, json.dumps(self.transcript.to_dict(), ensure_ascii=False, indent=1) + "\n")
        self.state = after

    @property
    def saving(self) -> bool:
        return SAVER.pending

    @staticmethod
    def flush() -> None:
        """Wait until every autosave is on disk."""
        SAVER.flush()

    def play(self, move: Move) -> None:
        """The player's move (IllegalMoveError if the rules forbid it), then the AI's answers."""
        self.play_player(move)
        self.run_ai()

    def play_player(self, move: Move) -> None:
        """Only the player's move, saved; the window lets the AI answer on the next frame (ai_step),
        so one frame never holds two moves and two autosaves."""
        check(self.state, move)
        start = self.state.meters
        self._apply(move)
        self.previous = start

    @property
    def ai_to_move(self) -> bool:
        return not self.state.over and self.state.to_move != self.state.player

    def ai_step(self) -> bool:
        """One AI move, saved; False when it is not the AI's turn."""
        if not self.ai_to_move:
            return False
        self._apply(self.ai.choose(self.state))
        return True

    def run_ai(self) -> None:
        while self.ai_step():
            pass
