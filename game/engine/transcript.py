"""Transcripts: the game record that replays a game exactly (like chess's PGN).

A transcript names the scenario (id and content hash), the engine version, the
seed, the sides and the difficulty, then every move in notation with its reason
and its effects on the meters. ``replay`` rebuilds the state from it. Turning a
transcript into JSON text or a file is the caller's business (``game.saves``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from game import ENGINE_VERSION, __version__
from game.engine.moves import IllegalMoveError, Move, NotationError
from game.engine.rules import apply, new_game
from game.engine.state import State
from game.scenario.model import Scenario

FORMAT = "detente-transcript/1"


class TranscriptError(ValueError):
    """A transcript that cannot be read or does not fit its scenario."""


@dataclass
class Transcript:
    scenario_id: str
    scenario_sha256: str
    scenario_file: str
    seed: int
    player: str
    difficulty: str
    practice: bool = True
    moves: list[dict[str, Any]] = field(default_factory=list)
    final: dict[str, Any] | None = None
    engine: int = ENGINE_VERSION

    @classmethod
    def start(cls, state: State, *, practice: bool = True) -> Transcript:
        sc = state.scenario
        return cls(sc.id, sc.digest, sc.filename, state.seed, state.player, state.difficulty, practice)

    def record(self, before: State, move: Move, after: State) -> None:
        sc = before.scenario
        effects = {name: round(b - a, 6) for name, a, b in zip(sc.meters, before.meters, after.meters) if b != a}
        entry: dict[str, Any] = {"turn": before.turn, "actor": before.to_move, "move": move.notation(sc)}
        if move.reason:
            entry["reason"] = move.reason
        if effects:
            entry["effects"] = effects
        self.moves.append(entry)
        self.final = {"fingerprint": after.fingerprint(), "turn": after.turn,
                      "outcome": after.result.kind if after.result else None}

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": FORMAT, "engine": self.engine, "detente": __version__,
            "scenario": {"id": self.scenario_id, "sha256": self.scenario_sha256, "file": self.scenario_file},
            "seed": self.seed, "player": self.player, "difficulty": self.difficulty, "practice": self.practice,
            "moves": self.moves, "final": self.final,
        }

    @classmethod
    def from_dict(cls, data: Any) -> Transcript:
        if not isinstance(data, dict):
            raise TranscriptError("not a Détente transcript (expected a JSON object)")
        version = data.get("format")
        if version != FORMAT:
            if isinstance(version, str) and version.startswith("detente-transcript/"):
                raise TranscriptError(f"written by a newer Détente ({version}); update the game to open it")
            raise TranscriptError("not a Détente transcript (no 'format: detente-transcript/1')")
        engine = data.get("engine")
        if not isinstance(engine, int) or engine > ENGINE_VERSION:
            raise TranscriptError(f"written by a newer engine (version {engine}); update the game to open it")
        try:
            scenario = data["scenario"]
            moves = data["moves"]
            transcript = cls(str(scenario["id"]), str(scenario["sha256"]), str(scenario.get("file", "")),
                             int(data["seed"]), str(data["player"]), str(data["difficulty"]),
                             bool(data.get("practice", True)), list(moves), data.get("final"), engine)
        except (KeyError, TypeError, ValueError) as exc:
            problem = f"{exc.__class__.__name__}: {exc}"
            raise TranscriptError(f"the transcript is incomplete or damaged ({problem})") from None
        for n, entry in enumerate(transcript.moves):
            if not isinstance(entry, dict) or not isinstance(entry.get("move"), str):
                raise TranscriptError(f"move {n + 1} is damaged")
        return transcript

    def replay(self, scenario: Scenario) -> State:
        """The state after every recorded move, checked against the rules."""
        if scenario.digest != self.scenario_sha256:
            raise TranscriptError(f"the scenario file differs from the one this game was played with "
                                  f"('{scenario.id}' has changed since)")
        try:
            state = new_game(scenario, self.seed, self.player, self.difficulty)
        except ValueError as exc:
            raise TranscriptError(str(exc)) from None
        for n, entry in enumerate(self.moves):
            try:
                move = Move.parse(entry["move"], scenario)
                move = Move(move.kind, move.package, move.target, move.choice, entry.get("reason"))
                if entry.get("actor") != state.to_move:
                    raise IllegalMoveError(f"it was {state.to_move}'s move, not {entry.get('actor')}'s")
                state = apply(state, move)
            except (NotationError, IllegalMoveError) as exc:
                raise TranscriptError(f"move {n + 1} ('{entry['move']}') does not replay: {exc}") from None
        return state

    def matches(self, state: State) -> bool:
        """Whether a replayed state is the one the transcript recorded."""
        return self.final is None or self.final.get("fingerprint") == state.fingerprint()
