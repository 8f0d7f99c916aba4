"""One table of a class: the authoritative game, who sits at each seat, and its transcript.

The server holds the only State of a table. People's moves arrive as notation from their seat's page;
the AI and bots play their seats through their Policy at once; the transcript is handed to a writer
after every move (the room writes it atomically), so a kill costs at most the move in flight.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from game.ai import ScenarioAI
from game.ai.policy import Policy, play_out
from game.engine import Move, State, View, apply, check, inject, new_game, observe
from game.engine.moves import IllegalMoveError, NotationError
from game.engine.transcript import Transcript
from game.proof import prove
from game.scenario.model import Scenario
from game.seats import STAND_IN, TIMED_OUT, Controller, describe


class StandIn:
    """The AI playing a person's seat that the instructor handed it: its move, with a reason that says so."""

    def __init__(self, seat: str, level: str) -> None:
        self.ai = ScenarioAI(seat, level or None)

    def choose(self, view: View) -> Move:
        move = self.ai.choose(view)
        return move.but(f"{STAND_IN}{move.reason or 'its own choice'}")


class TableError(ValueError):
    """A move or a request the table refuses; the text is shown to the person who sent it."""


@dataclass
class Table:
    number: int
    scenario: Scenario
    state: State
    seats: dict[str, Controller]
    transcript: Transcript
    members: dict[str, list[str]]  # seat -> the students sitting there (a team shares one seat)
    policies: dict[str, Policy] = field(default_factory=dict)
    paused: bool = False
    changed_at: float = 0.0  # when the last move was made (the dashboard flags a stalled table)
    write: Callable[[Table], None] | None = None  # saves the transcript after every move
    stand_ins: dict[str, str] = field(default_factory=dict)  # a person's seat the instructor handed to the AI: level
    extra: float = 0.0  # seconds the instructor added to the time for the move being waited for

    def __post_init__(self) -> None:
        for seat, controller in self.seats.items():
            if controller.unattended and seat not in self.policies:
                self.policies[seat] = controller.policy(seat, self.state.seed, self.scenario)

    @classmethod
    def start(cls, number: int, scenario: Scenario, seats: dict[str, Controller], members: dict[str, list[str]],
              names: dict[str, str], *, seed: int, practice: bool, now: float,
              write: Callable[[Table], None] | None = None) -> Table:
        state = new_game(scenario, seed, voiced=[s for s, c in seats.items() if c.kind == "ai"])
        transcript = Transcript.start(state, describe(seats), practice=practice, names=names)
        table = cls(number, scenario, state, dict(seats), transcript, members, changed_at=now, write=write)
        table.save()
        table.run_unattended()
        return table

    @classmethod
    def reopen(cls, number: int, transcript: Transcript, scenario: Scenario, members: dict[str, list[str]], *,
               now: float, paused: bool = False, stand_ins: dict[str, str] | None = None) -> Table:
        """A table brought back from its transcript, proven move by move (RecordMismatch if it was edited)."""
        proven = prove(transcript, scenario)
        return cls(number, scenario, proven.state, proven.seats, transcript, members, dict(proven.policies),
                   paused=paused, changed_at=now, stand_ins=dict(stand_ins or {}))

    # what is asked of a table ------------------------------------------------------------------
    @property
    def over(self) -> bool:
        return self.state.over

    @property
    def moves(self) -> int:
        """How many moves have been made: a page sends the count it saw with its move, so a move sent twice
        (a reload, a double click) is applied once."""
        return len(self.transcript.moves)

    @property
    def people(self) -> tuple[str, ...]:
        return tuple(s for s, c in self.seats.items() if c.kind == "human")

    def seat_of(self, student: str) -> str | None:
        return next((seat for seat, who in self.members.items() if student in who), None)

    def view(self, seat: str) -> View:
        return observe(self.state, seat, reasons=self.transcript.practice)

    @property
    def waiting_for(self) -> str | None:
        """The person's seat the game waits for, if any (not one the AI plays for now)."""
        seat = self.state.to_move
        return seat if not self.over and seat in self.people and seat not in self.stand_ins else None

    # moves ----------------------------------------------------------------------------------------
    def play(self, seat: str, text: str, seen: int, *, now: float, by: str | None = None) -> Move:
        """A person's move in notation, for `seat`, made after seeing `seen` moves (`by`: the student who made it,
        for a team). TableError says why not."""
        if self.over:
            raise TableError("the talks are over")
        if self.paused:
            raise TableError("the instructor has paused the talks: wait until they resume")
        if seen != self.moves:
            raise TableError("the table has moved on since you saw it: look again before you move")
        if self.state.to_move != seat:
            raise TableError("it is not your move")
        if seat in self.stand_ins:
            raise TableError("the instructor has handed your seat to the AI for now")
        try:
            move = Move.parse(text, self.scenario)
            check(self.state, move)
        except (NotationError, IllegalMoveError) as exc:
            raise TableError(str(exc)) from None
        self._recorded(self.state, move, apply(self.state, move), now, by)
        self.run_unattended(now=now)
        return move

    def _recorded(self, before: State, move: Move, after: State, now: float, by: str | None = None) -> None:
        """Record a move and save it; the game moves on only once it is saved (TableError if it cannot be: the
        table stays where the file is, and the move can be made again). `by`: the student who made it, kept in
        the record (a team's members each have their own moves)."""
        final = self.transcript.final
        self.transcript.record(before, move, after)
        if by is not None:
            self.transcript.moves[-1]["by"] = by
        try:
            self.save()
        except OSError as exc:
            self.transcript.moves.pop()
            self.transcript.final = final
            raise TableError(f"the move could not be saved ({exc.strerror or exc}): nothing changed, try again "
                             "in a moment") from None
        self.state = after
        self.changed_at = now
        self.extra = 0.0

    def run_unattended(self, *, now: float | None = None) -> None:
        """Let the AI and bots play their seats, and the AI the people's seats handed to it, until a person must
        move (or the game ends). A move the AI makes for a person says so in its reason: the record shows which
        of a student's moves were not theirs."""
        if self.paused:
            return
        stamp = self.changed_at if now is None else now
        players = {**self.policies, **{seat: StandIn(seat, level) for seat, level in self.stand_ins.items()}}

        def recorded(before: State, move: Move, after: State) -> None:
            self._recorded(before, move, after, stamp)

        try:
            play_out(self.state, players, on_move=recorded, until=lambda state: state.to_move not in players)
        except TableError:
            return  # the move could not be saved: the table stays where its file is, the server's clock tries again

    @property
    def unattended_due(self) -> bool:
        """Whether the AI or a bot should move here now (after a save that failed, or a restart between a person's
        move and the AI's answer): the server's clock lets it."""
        seat = self.state.to_move
        return not self.over and not self.paused and seat is not None and (
            seat in self.policies or seat in self.stand_ins)

    def inject(self, event: str, *, now: float) -> None:
        """The instructor fires one of the scenario's events here: it happens at the start of the next round.
        TableError says why not (it has happened already, the game is over or in its last round)."""
        try:
            after = inject(self.state, event)
        except IllegalMoveError as exc:
            raise TableError(str(exc)) from None
        self.transcript.record_inject(self.state, event, after)
        self.state = after
        self.save()

    def hand_over(self, seat: str, level: str | None, *, now: float) -> None:
        """Hand a person's seat to the AI (at `level`; "" is the scenario's default) or, with None, back."""
        if seat not in self.people:
            raise TableError(f"'{seat}' is not a seat a student plays at table {self.number}")
        if level is None:
            self.stand_ins.pop(seat, None)
        else:
            self.stand_ins[seat] = level
            self.run_unattended(now=now)

    def time_out(self, how: str, *, now: float) -> Move | None:
        """The time for the move ran out: the seat waited for passes (`how` "pass", where passing is allowed), or
        the AI moves for it. The move's reason says so. None when no person's move is awaited."""
        seat = self.waiting_for
        if seat is None or self.paused:
            return None
        view = observe(self.state, seat)
        if how == "pass" and "pass" in view.kinds:
            move = Move("pass", reason=TIMED_OUT + "the seat passed")
        else:
            chosen = ScenarioAI(seat).choose(view)
            move = chosen.but(f"{TIMED_OUT}the AI moved for the student: {chosen.reason or 'its own choice'}")
        self._recorded(self.state, move, apply(self.state, move), now)
        self.run_unattended(now=now)
        return move

    def save(self) -> None:
        if self.write is not None:
            self.write(self)
