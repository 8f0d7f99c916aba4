"""Transcripts: the game record that replays a game exactly (like chess's PGN).

A transcript names the scenario (id and content hash), the engine version, the seed, the
seats and who played each (``human``, ``ai:LEVEL`` or ``bot:NAME``), then every move in
notation with the seat that made it, its reason and its effects on the meters, and a closing
record: the final state's fingerprint, turn and outcome and, once the game is over, what it
was worth to each side. A seal (a hash of everything recorded) shows any later edit.
``replay`` rebuilds the state by the rules; ``game.proof`` also re-derives every move of the
AI and the bots and checks every recorded field. Turning a transcript into JSON text or a file
is the caller's business (``game.saves``).

Transcripts made under rules that have changed since (an older engine) are read, so that
``detente replay --show`` can list their moves, but never replayed: ``replay`` refuses them
with the version that made them.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from game import ENGINE_VERSION, RULES_SINCE, __version__
from game.analysis.payoff import side_results
from game.engine.moves import Move
from game.engine.state import State

FORMAT = "detente-transcript/2"
OLD_FORMATS = ("detente-transcript/1",)


INSTRUCTOR = "instructor"  # the actor of the record's entries the instructor made (an event fired at the table)


class TranscriptError(ValueError):
    """A transcript that cannot be read or does not fit its scenario."""


class RecordMismatch(TranscriptError):
    """A readable transcript that is not the game its rules and players give: edited, or forged."""


def effects_of(before: State, after: State) -> dict[str, float]:
    """How a move changed the meters, as the record writes it."""
    meters = before.scenario.meters
    return {name: round(b - a, 6) for name, a, b in zip(meters, before.meters, after.meters) if b != a}


def closing(state: State, moves: int) -> dict[str, Any]:
    """The closing record of a game after `moves` moves: its state's fingerprint, turn and outcome, and once
    it is over, each negotiator's utility and score (rounded as they are written)."""
    final: dict[str, Any] = {"fingerprint": state.fingerprint(), "turn": state.turn, "moves": moves,
                             "outcome": state.result.kind if state.result else None}
    if state.over:
        final["results"] = {side.actor: {"utility": round(side.utility, 6), "score": round(side.score, 6)}
                            for side in side_results(state)}
    return final


def _canonical(value: Any) -> Any:
    """JSON data as nested tuples whose repr is the same whatever the order of its keys."""
    if isinstance(value, dict):
        return ("{", tuple(sorted((str(k), _canonical(v)) for k, v in value.items())))
    if isinstance(value, list | tuple):
        return ("[", tuple(_canonical(v) for v in value))
    return value


MAX_DEPTH = 16  # a transcript is four levels deep; anything deeper is not one


def problem_in(data: Any) -> str | None:
    """What makes JSON data unfit to be a transcript before it is even read as one: nesting deeper than
    MAX_DEPTH, or text that is not valid Unicode (a lone surrogate, from a \\ud800 escape). Walks the data
    without recursion, so no depth of nesting can overflow the stack."""
    stack = [(data, 0)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, str):
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                return "the transcript holds text that is not valid Unicode (a lone surrogate escape)"
        elif isinstance(value, dict | list):
            if depth >= MAX_DEPTH:
                return "nested too deeply to be a Détente transcript"
            items = [*value.keys(), *value.values()] if isinstance(value, dict) else value
            stack.extend((item, depth + 1) for item in items)
    return None


@dataclass
class Transcript:
    scenario_id: str
    scenario_sha256: str
    scenario_file: str
    seed: int
    seats: dict[str, str]  # seat -> who played it: human, ai:LEVEL, bot:NAME
    practice: bool = True
    moves: list[dict[str, Any]] = field(default_factory=list)
    final: dict[str, Any] | None = None
    engine: int = ENGINE_VERSION
    made_by: str = __version__  # the Détente version that wrote it
    sealed: str | None = None  # the seal read from a file (a transcript being written is sealed as it is written)
    names: dict[str, str] = field(default_factory=dict)  # seat -> the name of the person who played it

    MAX_NAME = 80

    @classmethod
    def start(cls, state: State, seats: dict[str, str], *, practice: bool = True,
              names: dict[str, str] | None = None) -> Transcript:
        """The record of a new game; `names`: the people's names by seat (as they typed them)."""
        sc = state.scenario
        return cls(sc.id, sc.digest, sc.filename, state.seed, {s: seats[s] for s in sc.seats}, practice,
                   names={s: n.strip()[:cls.MAX_NAME] for s, n in (names or {}).items() if n.strip()})

    @property
    def replayable(self) -> bool:
        """Whether the rules it was played under are the rules of this engine."""
        return RULES_SINCE <= self.engine <= ENGINE_VERSION

    def humans(self) -> tuple[str, ...]:
        return tuple(seat for seat, who in self.seats.items() if who == "human")

    def record(self, before: State, move: Move, after: State) -> None:
        sc = before.scenario
        effects = effects_of(before, after)
        entry: dict[str, Any] = {"turn": before.turn, "actor": before.to_move, "move": move.notation(sc)}
        if move.reason:
            entry["reason"] = move.reason
        if effects:
            entry["effects"] = effects
        self.moves.append(entry)
        self.final = closing(after, len(self.moves))

    def record_inject(self, before: State, event: str, after: State) -> None:
        """The instructor fired `event` at this table (``rules.inject``): an entry of the record like a move's."""
        self.moves.append({"turn": before.turn, "actor": INSTRUCTOR, "move": f"inject {event}"})
        self.final = closing(after, len(self.moves))

    def seal(self) -> str:
        """A hash of everything the transcript records as evidence (all but where the scenario file was and
        which version wrote it): any later edit of the seed, the seats, the practice flag, a move, a reason,
        an effect or the closing record changes it."""
        body = {"format": FORMAT, "engine": self.engine, "scenario": [self.scenario_id, self.scenario_sha256],
                "seed": self.seed, "seats": self.seats, "practice": self.practice, "moves": self.moves,
                "final": self.final}
        if self.names:
            body["names"] = self.names
        return hashlib.sha256(repr(_canonical(body)).encode("utf-8", "surrogatepass")).hexdigest()

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": FORMAT, "engine": self.engine, "detente": __version__,
            "scenario": {"id": self.scenario_id, "sha256": self.scenario_sha256, "file": self.scenario_file},
            "seed": self.seed, "seats": self.seats, **({"names": self.names} if self.names else {}),
            "practice": self.practice, "moves": self.moves, "final": self.final, "seal": self.seal(),
        }

    @classmethod
    def from_dict(cls, data: Any) -> Transcript:
        if not isinstance(data, dict):
            raise TranscriptError("not a Détente transcript (expected a JSON object)")
        version = data.get("format")
        if version != FORMAT and version not in OLD_FORMATS:
            if isinstance(version, str) and version.startswith("detente-transcript/"):
                raise TranscriptError(f"written by a newer Détente ({version}); update the game to open it")
            raise TranscriptError(f"not a Détente transcript (no 'format: {FORMAT}')")
        engine = data.get("engine")
        problem = problem_in(data)
        if problem is not None:
            raise TranscriptError(problem)
        if not isinstance(engine, int) or isinstance(engine, bool) or engine < 1:
            raise TranscriptError("the transcript is incomplete or damaged (no valid 'engine' version)")
        if engine > ENGINE_VERSION:
            raise TranscriptError(f"written by a newer engine (version {engine}); update the game to open it")
        if version in OLD_FORMATS:
            engine = 1  # the first format was only ever written by the first engine, whatever the file says
        try:
            scenario = data["scenario"]
            moves = data["moves"]
            if version == FORMAT:
                seats = data["seats"]
                if not isinstance(seats, dict) or not all(isinstance(k, str) and isinstance(v, str)
                                                          for k, v in seats.items()):
                    raise TypeError("'seats' maps each seat to who played it")
            else:  # the first format knew one player and one AI
                seats = {str(data["player"]): "human"}
            seed, practice = data["seed"], data.get("practice", True)
            if not isinstance(seed, int) or isinstance(seed, bool) or not 0 <= seed < 2**63:
                raise ValueError("'seed' is a whole number from 0 to 2^63-1")
            if not isinstance(practice, bool):
                raise ValueError("'practice' is true or false")
            names = data.get("names", {})
            if not isinstance(names, dict) or not all(
                    isinstance(k, str) and seats.get(k) == "human" and isinstance(v, str) and len(v) <= cls.MAX_NAME
                    for k, v in names.items()):
                raise ValueError("'names' maps the seats people played to their names (up to "
                                 f"{cls.MAX_NAME} characters)")
            if not isinstance(moves, list):
                raise ValueError("'moves' is a list")
            seal = data.get("seal")
            if seal is not None and not isinstance(seal, str):
                raise ValueError("'seal' is text")
            if not isinstance(scenario, dict) or not all(isinstance(scenario.get(k, ""), str)
                                                         for k in ("id", "sha256", "file")):
                raise ValueError("'scenario' names the scenario's id, sha256 and file as text")
            if len(scenario.get("id", "")) > 200 or len(scenario.get("file", "")) > 4096:
                raise ValueError("the scenario's id or file path is too long")
            transcript = cls(scenario["id"], scenario["sha256"], scenario.get("file", ""),
                             seed, dict(seats), practice, list(moves),
                             data.get("final"), engine, str(data.get("detente", "")), seal, dict(names))
        except (KeyError, TypeError, ValueError) as exc:
            problem = f"{exc.__class__.__name__}: {exc}"
            raise TranscriptError(f"the transcript is incomplete or damaged ({problem})") from None
        for n, entry in enumerate(transcript.moves):
            if not isinstance(entry, dict) or not isinstance(entry.get("move"), str):
                raise TranscriptError(f"move {n + 1} is damaged")
        if transcript.final is not None and not isinstance(transcript.final, dict):
            raise TranscriptError("the transcript's final record is damaged (it is not an object)")
        return transcript

    def refuse_old_rules(self) -> None:
        if not self.replayable:
            who = f"Détente {self.made_by}" if self.made_by else "an older Détente"
            raise TranscriptError(
                f"made by {who} (engine {self.engine}), under rules or a record format that have changed since "
                f"(this is engine {ENGINE_VERSION}): it cannot be replayed or resumed, only listed with "
                "`detente replay --show`")
