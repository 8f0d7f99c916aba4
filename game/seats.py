"""Who plays each seat: a person, the scenario's AI at a difficulty, or a bot.

The rules do not know; a game's session does, and records it in the transcript as text:
``human``, ``ai`` (the scenario's default level), ``ai:LEVEL`` or ``bot:NAME``.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from typing import Literal

from game.ai import ScenarioAI, make_bot
from game.ai.bots import BOTS
from game.ai.policy import Policy
from game.analysis.landscape import copied
from game.engine.transcript import TranscriptError
from game.scenario.model import Scenario

# how the record's reason of a move begins when the AI made it for a person (a class session): the instructor handed
# it the seat, or the time for the move ran out; a grade should credit such moves to no one
STAND_IN = "the AI played for the student (the instructor handed it the seat): "
TIMED_OUT = "the time for the move ran out: "


def made_for_person(reason: object) -> bool:
    return isinstance(reason, str) and reason.startswith((STAND_IN, TIMED_OUT))


class SeatError(ValueError):
    """A seat or a controller that does not exist in this scenario."""


@dataclass(frozen=True)
class Controller:
    kind: Literal["human", "ai", "bot"]
    name: str | None = None  # ai: the level (None: the scenario's default); bot: which bot

    def __str__(self) -> str:
        return self.kind + (f":{self.name}" if self.name else "")

    @property
    def unattended(self) -> bool:
        return self.kind != "human"

    def policy(self, seat: str, seed: int, scenario: Scenario | None = None) -> Policy:
        """The policy that plays `seat` in the game of `seed` (not for people: their front end is their policy).
        Each bot seat draws from its own stream, so two random bots do not mirror each other. The copycat bot is
        handed the package a classmate's debrief of `scenario` gives."""
        if self.kind == "ai":
            return ScenarioAI(seat, self.name)
        if self.kind == "bot":
            package = copied(scenario) if self.name == "copycat" and scenario is not None else None
            return make_bot(self.name or "random", seat, (seed ^ zlib.crc32(seat.encode())) % 2**63, copied=package)
        raise ValueError("a person's moves come from their front end")


HUMAN = Controller("human")


def parse_controller(text: str, scenario: Scenario) -> Controller:
    """`human`, `ai`, `ai:LEVEL` or `bot:NAME`; SeatError says what is wrong."""
    kind, colon, name = text.strip().partition(":")
    levels = scenario.spec.ai.difficulties
    if kind == "human" and not colon:
        return HUMAN
    if kind == "ai":
        if colon and name not in levels:
            raise SeatError(f"unknown difficulty '{name}' (levels: {', '.join(levels)})")
        return Controller("ai", name or None)
    if kind == "bot":
        if name not in BOTS:
            raise SeatError(f"unknown bot '{name}' (bots: {', '.join(BOTS)})")
        return Controller("bot", name)
    raise SeatError(f"'{text}' is not a player: write human, ai, ai:LEVEL ({', '.join(levels)}) "
                    f"or bot:NAME ({', '.join(BOTS)})")


def parse_seats(specs: list[str], scenario: Scenario) -> dict[str, Controller]:
    """`SEAT=PLAYER` texts (e.g. `russia=ai:hard`), checked against the scenario."""
    seats: dict[str, Controller] = {}
    for spec in specs:
        seat, sep, who = spec.partition("=")
        seat = seat.strip()
        if not sep or not who.strip():
            raise SeatError(f"'{spec}' is not SEAT=PLAYER (e.g. {scenario.seats[0]}=human)")
        if seat not in scenario.seat_index:
            raise SeatError(f"unknown seat {spec.partition('=')[0]!r} (seats: {', '.join(scenario.seats)})")
        if seat in seats:
            raise SeatError(f"seat '{seat}' is given twice")
        seats[seat] = parse_controller(who, scenario)
    return seats


def seating(scenario: Scenario, named: dict[str, Controller], difficulty: str | None = None) -> dict[str, Controller]:
    """Every seat's player, in the scenario's order: the seats not named are the AI's, at `difficulty` (as are the
    seats named `ai` without a level)."""
    if difficulty is not None and difficulty not in scenario.spec.ai.difficulties:
        raise SeatError(f"unknown difficulty '{difficulty}' (levels: {', '.join(scenario.spec.ai.difficulties)})")
    chosen = {seat: named.get(seat, Controller("ai")) for seat in scenario.seats}
    return {seat: Controller("ai", difficulty) if who == Controller("ai") else who for seat, who in chosen.items()}


def recorded_seats(recorded: dict[str, str], scenario: Scenario) -> dict[str, Controller]:
    """The players a transcript records, checked against the scenario: TranscriptError says what is wrong."""
    if sorted(recorded) != sorted(scenario.seats):
        raise TranscriptError(f"the transcript's seats ({', '.join(recorded) or 'none'}) are not the scenario's "
                              f"({', '.join(scenario.seats)})")
    try:
        return {seat: parse_controller(recorded[seat], scenario) for seat in scenario.seats}
    except SeatError as exc:
        raise TranscriptError(f"the transcript's seats are damaged: {exc}") from None


def describe(seats: dict[str, Controller]) -> dict[str, str]:
    """The seats as the transcript records them."""
    return {seat: str(c) for seat, c in seats.items()}


def parse_names(specs: list[str], seats: dict[str, Controller]) -> dict[str, str]:
    """The people's names from `--name NAME` (the one person at the table) or `--name SEAT=NAME` (each person);
    SeatError says what does not fit."""
    people = [seat for seat, c in seats.items() if c.kind == "human"]
    names: dict[str, str] = {}
    for spec in specs:
        seat, sep, name = spec.partition("=")
        if not sep or seat.strip() not in seats:
            if len(people) != 1:
                raise SeatError("--name NAME names the one person at the table; with "
                                f"{'no person' if not people else 'several people'} playing, give --name SEAT=NAME "
                                f"for each person (seats: {', '.join(people) or 'none played by a person'})")
            seat, name = people[0], spec
        seat = seat.strip()
        if seat not in people:
            raise SeatError(f"--name {spec}: {seat} is not played by a person in this game")
        if seat in names:
            raise SeatError(f"--name: {seat} is named twice")
        if not name.strip():
            raise SeatError("--name: the name is empty")
        if len(name.strip()) > 80:
            raise SeatError("--name: a name is at most 80 characters")
        names[seat] = name.strip()
    return names
