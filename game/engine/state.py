"""The game state: immutable values that ``game.engine.rules`` turns into new states.

A state holds the whole truth of a game, hidden values included. Only the engine and the
analysis of finished games read it; every seat's controller and front end gets a ``View``
(``game.engine.view.observe``) that holds what that seat may know.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from game.scenario.model import OPEN, Package, Scenario, Valuation
from game.scenario.public import offers_env, table_env, with_meters

Phase = Literal["choice", "answer", "move", "over"]
OutcomeKind = Literal["agreement", "ratification_failed", "walkout", "escalation", "deadline"]


@dataclass(frozen=True)
class Offer:
    by: str
    package: Package
    turn: int

    @property
    def full(self) -> bool:
        return OPEN not in self.package


@dataclass(frozen=True)
class LogEntry:
    """One line of the negotiation record, as front ends show it."""

    turn: int
    speaker: str  # a person's name, or "" for narration
    actor: str | None  # the actor speaking, if any
    kind: str  # move, reaction, event, choice, answer, consult, outcome, note
    text: str
    reason: str | None = None  # an AI's reason, shown in practice mode
    audience: frozenset[str] | None = None  # the seats that hear it; None: every seat

    def heard_by(self, seat: str) -> bool:
        return self.audience is None or seat in self.audience


@dataclass(frozen=True)
class Ratification:
    actor: str
    approves: bool
    why: str


@dataclass(frozen=True)
class Result:
    kind: OutcomeKind
    turn: int
    by: str | None = None  # who accepted last or walked out; the meter that escalated
    package: Package | None = None
    ratifications: tuple[Ratification, ...] = ()


@dataclass(frozen=True)
class Hidden:
    """What the seed decided at the start: private to each side, revealed in the debrief."""

    reservations: dict[str, float]
    firm: frozenset[str]  # keys of red lines that are firm in this game
    draws: tuple[float, ...]  # uniform numbers for chance events, indexed by turn and seat
    valuations: Mapping[str, Valuation]  # every actor's preferences in this game (drawn where the author gave ranges)


_FIELDS: frozenset[str] = frozenset()  # filled in below, once the class exists


@dataclass(frozen=True)
class State:
    scenario: Scenario = field(repr=False, compare=False)
    seed: int
    hidden: Hidden
    voiced: frozenset[str]  # seats whose scripted lines are spoken (the scenario's AI plays them)
    turn: int
    phase: Phase
    to_move: str | None
    meters: tuple[float, ...]
    position: int = 0  # which seat of the round moves (an index into scenario.seats)
    offer: Offer | None = None
    accepted: frozenset[str] = frozenset()  # negotiators who have accepted the offer on the table
    offers: tuple[Offer, ...] = ()
    fired: frozenset[str] = frozenset()
    chosen: tuple[tuple[str, str], ...] = ()
    pending: tuple[str, ...] = ()  # events waiting for their chooser's choice
    asked: tuple[str, str, str] | None = None  # a question waiting for its answer: (asker, answerer, issue)
    injected: tuple[str, ...] = ()  # events the instructor fired at this table: they happen at the next round's start
    softened: frozenset[str] = frozenset()
    consulted: frozenset[str] = frozenset()
    used_reactions: frozenset[int] = frozenset()
    pressure: tuple[float, ...] = ()  # per seat: how far credible threats advanced its concession clock
    revealed: tuple[tuple[str, str, str], ...] = ()  # (who learnt, about whom, what)
    log: tuple[LogEntry, ...] = ()
    timeline: tuple[tuple[float, ...], ...] = ()  # meters at the start and after each turn
    moves_made: int = 0
    result: Result | None = None

    @property
    def valuations(self) -> Mapping[str, Valuation]:
        """Every actor's preferences in this game (the scenario's, with its ranges drawn)."""
        return self.hidden.valuations

    @property
    def over(self) -> bool:
        return self.phase == "over"

    @property
    def turns_left(self) -> int:
        return self.scenario.deadline - self.turn

    def meter(self, name: str) -> float:
        return self.meters[self.scenario.meter_index[name]]

    def red_line_active(self, key: str) -> bool:
        """Whether a red line still binds its owner (firm, or a bluff not yet softened)."""
        return key in self.hidden.firm or key not in self.softened

    def evolve(self, **changes: Any) -> State:
        """A copy with some fields changed (a fast `dataclasses.replace` for the engine's hot path). What the
        state keeps for itself (its conditions' names, each seat's own side and hearing) goes along where the
        changes leave it the same."""
        if not _FIELDS.issuperset(changes):
            unknown = changes.keys() - _FIELDS
            raise TypeError(f"State has no field {', '.join(sorted(unknown))}")
        fields = self.__dict__.copy()
        if not _KEEPS_ENV.issuperset(changes):
            fields.pop("_env", None)
            if not _KEEPS_TABLE.issuperset(changes):
                fields.pop("_table", None)
                if "offer" in changes or "offers" in changes or "scenario" in changes:
                    fields.pop("_on_table", None)
        if "hidden" in changes:  # another draw: each seat's own side (with its reservation) is made again
            fields.pop("_own", None)
        fields.update(changes)
        new = object.__new__(State)
        object.__setattr__(new, "__dict__", fields)  # every field at once (the class is frozen)
        return new

    def env(self) -> dict[str, float]:
        """The names conditions may read, with their current values (computed once per state; the part that is
        not the meters is kept along a move's reactions and drifts, which change only the meters)."""
        cached: dict[str, float] | None = self.__dict__.get("_env")
        if cached is None:
            cached = self.__dict__["_env"] = with_meters(self.scenario.public, self.meters, self.table_env())
        return cached

    def env_with(self, meters: tuple[float, ...]) -> dict[str, float]:
        """The names conditions would read in this state with other `meters` (a reaction's or a drift's)."""
        return with_meters(self.scenario.public, meters, self.table_env())

    def table_env(self) -> dict[str, float]:
        """The names conditions read, but the meters (``game.scenario.public.table_env``), computed once; the names
        the offers set are kept from state to state until another offer is made."""
        cached: dict[str, float] | None = self.__dict__.get("_table")
        if cached is None:
            fields = self.__dict__
            on_table = fields.get("_on_table")
            if on_table is None:
                on_table = fields["_on_table"] = offers_env(self.scenario.public, self.offer, self.offers)
            cached = fields["_table"] = table_env(self.scenario.public, self.turn, self.offer, self.offers,
                                                  self.fired, self.chosen, self.consulted, on_table)
        return cached

    def fingerprint(self) -> str:
        """A short text that two equal game states share: used by replay to compare."""
        result = self.result
        meters = ",".join(f"{m:.6f}" for m in self.meters)
        offer = f"{self.offer.by}:{self.offer.package}" if self.offer else "-"
        outcome = f"{result.kind}@{result.turn}:{result.package}" if result else "-"
        pressure = ",".join(f"{p:.6f}" for p in self.pressure)
        return (f"t{self.turn}|{self.phase}|{self.to_move}|{meters}|{offer}|{','.join(sorted(self.accepted))}|"
                f"{len(self.offers)}|{pressure}|{','.join(sorted(self.softened))}|{outcome}|{len(self.log)}"
                + (f"|injected:{','.join(self.injected)}" if self.injected else ""))


_FIELDS = frozenset(State.__dataclass_fields__)
_TABLE_FIELDS = frozenset(("scenario", "turn", "offer", "offers", "fired", "chosen", "consulted"))  # `table_env` reads
_KEEPS_TABLE = _FIELDS - _TABLE_FIELDS  # changes that leave the conditions' names other than the meters alone
_KEEPS_ENV = _KEEPS_TABLE - {"meters"}  # changes that leave every name alone
