"""Records that prove themselves: a transcript replayed and checked against everything it claims.

``prove(transcript, scenario)`` rebuilds the game by the rules from the recorded seed and seats,
and at every move of a seat the AI or a bot played, asks that seat's policy again what it
plays (policies are functions of their seat's view and of the game so far): the recorded move
and its reason must be the ones it gives. Every recorded turn, mover and effect on the meters
is checked against the replay, then the closing record (final state, outcome, each side's
utility and score), then the seal, which shows any other edit (of the seed, the seats, the
practice flag, a person's move or reason).

What it proves: the record is a game the rules and the recorded players give, unedited. What
it cannot prove: who sat at a person's seat. Someone who runs the engine can make a consistent
record of a game they played, which is what playing is.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.ai.policy import Policy
from game.engine.moves import IllegalMoveError, Move, NotationError
from game.engine.rules import apply, inject, new_game
from game.engine.state import State
from game.engine.transcript import INSTRUCTOR, RecordMismatch, Transcript, TranscriptError, closing, effects_of
from game.engine.view import observe
from game.scenario.model import Scenario
from game.seats import Controller, recorded_seats

__all__ = ["Proven", "RecordMismatch", "prove"]


@dataclass
class Proven:
    """A transcript that replays as recorded: its final state, its seats, and the unattended seats' policies
    caught up with the game (a resumed game goes on with them)."""

    scenario: Scenario
    transcript: Transcript
    state: State
    seats: dict[str, Controller]
    policies: dict[str, Policy]


def _who(controller: Controller) -> str:
    if controller.kind == "ai":
        return f"the AI ({controller.name})" if controller.name else "the AI"
    return f"the {controller.name} bot"


def _said(move: str, reason: object) -> str:
    return f"'{move}'" + (f" ({reason})" if reason else "")


def prove(transcript: Transcript, scenario: Scenario) -> Proven:
    """Replay `transcript` on `scenario` and check every recorded field. TranscriptError: the record cannot be
    read or does not belong to this scenario; RecordMismatch: it reads, but it is not what was played."""
    transcript.refuse_old_rules()
    if scenario.digest != transcript.scenario_sha256:
        raise TranscriptError(f"the scenario file differs from the one this game was played with "
                              f"('{scenario.id}' has changed since)")
    seats = recorded_seats(transcript.seats, scenario)
    policies = {seat: c.policy(seat, transcript.seed, scenario) for seat, c in seats.items() if c.unattended}
    state = new_game(scenario, transcript.seed, voiced=[s for s, c in seats.items() if c.kind == "ai"])
    for n, entry in enumerate(transcript.moves, 1):
        recorded = entry["move"]
        if state.over:
            raise TranscriptError(f"move {n} ('{recorded}') comes after the end of the game (it ended with move "
                                  f"{n - 1})")
        if entry.get("actor") == INSTRUCTOR:  # an event the instructor fired: the rules take it as recorded
            words = recorded.split()
            if len(words) != 2 or words[0] != "inject" or entry.get("turn") != state.turn:
                raise RecordMismatch(f"move {n} is recorded as the instructor's, but it is not an event fired in "
                                     f"turn {state.turn}")
            try:
                state = inject(state, words[1])
            except IllegalMoveError as exc:
                raise RecordMismatch(f"move {n} ('{recorded}') does not replay: {exc}") from None
            continue
        seat = state.to_move
        assert seat is not None
        where = f"move {n} (turn {state.turn}, {seat})"
        if entry.get("actor") != seat:
            raise RecordMismatch(f"move {n} is recorded as {entry.get('actor')}'s, but it was {seat}'s move")
        if entry.get("turn") != state.turn:
            raise RecordMismatch(f"{where} is recorded in turn {entry.get('turn')}")
        try:
            move = Move.parse(recorded, scenario).but(entry.get("reason"))
        except NotationError as exc:
            raise TranscriptError(f"{where} ('{recorded}') is damaged: {exc}") from None
        policy = policies.get(seat)
        if policy is not None:
            derived = policy.choose(observe(state, seat))
            notation = derived.notation(scenario)
            if notation != recorded or (derived.reason or None) != entry.get("reason"):
                raise RecordMismatch(f"{where}: the record says {_said(recorded, entry.get('reason'))}, but "
                                     f"{_who(seats[seat])} plays {_said(notation, derived.reason)} there")
            move = derived
        try:
            after = apply(state, move)
        except IllegalMoveError as exc:
            raise RecordMismatch(f"{where} ('{recorded}') does not replay: {exc}") from None
        if effects_of(state, after) != entry.get("effects", {}):
            raise RecordMismatch(f"{where}: its recorded effects on the meters ({entry.get('effects', {})}) are "
                                 f"not the rules' ({effects_of(state, after)})")
        state = after
    _check_final(transcript, state)
    if transcript.sealed is None:
        raise RecordMismatch("the record has no seal: it was not written by Détente as it stands")
    if transcript.sealed != transcript.seal():
        raise RecordMismatch("the record was edited after it was written (its seal does not match: the seed, "
                             "the seats, the practice flag, a person's move or a reason was changed)")
    return Proven(scenario, transcript, state, seats, policies)


def _check_final(transcript: Transcript, state: State) -> None:
    recorded = transcript.final
    if not transcript.moves:
        if recorded is not None:
            raise RecordMismatch("a record with no moves has a closing record")
        return
    if recorded is None:
        raise RecordMismatch("the closing record (final state, outcome and scores) is missing")
    replayed = closing(state, len(transcript.moves))
    for key, name in (("moves", "number of moves"), ("turn", "last turn"), ("outcome", "outcome"),
                      ("results", "sides' utilities and scores"), ("fingerprint", "final state")):
        if recorded.get(key) != replayed.get(key):
            raise RecordMismatch(f"the recorded {name} ({recorded.get(key)}) is not the replay's "
                                 f"({replayed.get(key)})")
    extra = sorted(set(recorded) - set(replayed))
    if extra:
        raise RecordMismatch(f"the closing record has fields the game does not write ({', '.join(extra)})")
