"""One table of a class: the authoritative game, who sits at each seat, and its transcript.

The server holds the only State of a table. People's moves arrive as notation from their seat's page;
the AI and bots play their seats through their Policy at once; the transcript is handed to a writer
after every move (the room writes it atomically), so a kill costs at most the move in flight.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from game.ai.policy import Policy, play_out
from game.engine import Move, State, View, apply, check, new_game, observe
from game.engine.moves import IllegalMoveError, NotationError
from game.engine.transcript import Transcript
from game.proof import prove
from game.scenario.model import Scenario
from game.seats import Controller, describe


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
               now: float, paused: bool = False) -> Table:
        """A table brought back from its transcript, proven move by move (RecordMismatch if it was edited)."""
        proven = prove(transcript, scenario)
        return cls(number, scenario, proven.state, proven.seats, transcript, members, dict(proven.policies),
                   paused=paused, changed_at=now)

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
        """The person's seat the game waits for, if any."""
        seat = self.state.to_move
        return seat if not self.over and seat in self.people else None

    # moves ----------------------------------------------------------------------------------------
    def play(self, seat: str, text: str, seen: int, *, now: float) -> Move:
        """A person's move in notation, for `seat`, made after seeing `seen` moves. TableError says why not."""
        if self.over:
            raise TableError("the talks are over")
        if self.paused:
            raise TableError("the instructor has paused the talks: wait until they resume")
        if seen != self.moves:
            raise TableError("the table has moved on since you saw it: look again before you move")
        if self.state.to_move != seat:
            raise TableError("it is not your move")
        try:
            move = Move.parse(text, self.scenario)
            check(self.state, move)
        except (NotationError, IllegalMoveError) as exc:
            raise TableError(str(exc)) from None
        self._recorded(self.state, move, apply(self.state, move), now)
        self.run_unattended(now=now)
        return move

    def _recorded(self, before: State, move: Move, after: State, now: float) -> None:
        self.transcript.record(before, move, after)
        self.state = after
        self.changed_at = now
        self.save()

    def run_unattended(self, *, now: float | None = None) -> None:
        """Let the AI and bots play their seats until a person must move (or the game ends)."""
        if self.paused:
            return
        stamp = self.changed_at if now is None else now

        def recorded(before: State, move: Move, after: State) -> None:
            self._recorded(before, move, after, stamp)

        self.state = play_out(self.state, self.policies, on_move=recorded,
                              until=lambda state: state.to_move not in self.policies)

    def save(self) -> None:
        if self.write is not None:
            self.write(self)
