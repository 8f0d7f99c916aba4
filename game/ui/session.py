"""A game in progress as the window sees it: the state, the AI's policy and the autosaved transcript.

No pygame here. The window emits the player's moves; the session applies them through the
engine, lets the AI answer through its Policy, and saves the transcript after every move,
exactly as the terminal front end does.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from game.ai import ScenarioAI
from game.ai.policy import Policy
from game.engine import Move, State, apply, check, new_game
from game.engine.transcript import Transcript, TranscriptError
from game.resources import scenario_path
from game.saves import load, new_save_path, save
from game.scenario import ScenarioError, load_scenario
from game.scenario.model import Scenario


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
        save(self.transcript, self.path)
        self.state = after

    def play(self, move: Move) -> None:
        """The player's move (IllegalMoveError if the rules forbid it), then the AI's answers."""
        check(self.state, move)
        start = self.state.meters
        self._apply(move)
        self.run_ai()
        self.previous = start

    def run_ai(self) -> None:
        while not self.state.over and self.state.to_move != self.state.player:
            self._apply(self.ai.choose(self.state))


def find_scenario(transcript: Transcript) -> Scenario:
    """The scenario a transcript was played with: its file, else the shipped one of the same id."""
    last: Exception | None = None
    for candidate in (transcript.scenario_file, transcript.scenario_id.replace("_", "-"), transcript.scenario_id):
        if not candidate:
            continue
        try:
            scenario = load_scenario(scenario_path(candidate))
        except ScenarioError as exc:
            last = exc
            continue
        if scenario.digest == transcript.scenario_sha256:
            return scenario
    if isinstance(last, ScenarioError):
        raise last
    raise TranscriptError(f"cannot find the scenario '{transcript.scenario_id}' this game was played with")
