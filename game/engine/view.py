"""What one seat may know: ``observe(state, seat) -> View``.

Every controller (a person at a front end, the scenario's AI, a bot) decides from its seat's
view, and every front end renders one. A view holds the seat's own preferences, reservation
and red lines (which of them are firm), the table's public knowledge (``PublicScenario``),
everything said in the seat's hearing, the answers to its own questions, the offers, the
meters, the question put to it and waiting for its answer, if any, and the seat's legal
moves. It never holds another seat's weights, values,
reservation, bluffs or chance draws: a test serialises views of whole games and searches
them for those.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from types import MappingProxyType
from typing import Any

import numpy as np

from game.engine.moves import IllegalMoveError, Move
from game.engine.rules import check_move, legal_kinds, moves_now, question_of
from game.engine.state import LogEntry, Offer, Phase, Result, State
from game.engine.talk import Question
from game.scenario.conditions import Condition
from game.scenario.model import Rule, Scenario, Valuation
from game.scenario.public import PublicScenario, table_env, with_meters
from game.scenario.schema import Difficulty, Event
from game.scenario.space import Package


@dataclass(frozen=True)
class OwnLine:
    """One of the seat's own red lines, or one of its stakeholders' (its allies tell it theirs)."""

    key: str
    owner: str
    issue: int
    forbid: frozenset[int]
    stated: str | None
    firm: bool | None  # None: not drawn (a card printed before any game)
    firm_chance: float
    softens_when: str | None  # a bluff's condition for giving way, as the author wrote it

    def crossed_by(self, package: Package) -> bool:
        return package[self.issue] in self.forbid


@dataclass(frozen=True)
class Script:
    """The scenario's AI script for this seat: what the AI playing it may use."""

    levels: Mapping[str, Difficulty]
    default_level: str
    modifiers: tuple[Rule, ...]
    tactics: tuple[Rule, ...]
    walkouts: Mapping[str, tuple[tuple[Condition, str], ...]]  # level -> (when the seat walks out, the reason)


@dataclass(frozen=True, eq=False)
class OwnSide:
    """A seat's private side of the game: its preferences, reservation and red lines."""

    seat: str
    briefing: str | None
    consult_line: str | None  # what this seat says when consulted (a mediator)
    weights: tuple[float, ...]  # normalised, per issue
    values: tuple[tuple[float, ...], ...]  # each option's value, 0 to 1, per issue
    table: tuple[tuple[float, ...], ...]  # weight × value: the utility each option adds
    arrays: tuple[np.ndarray, ...] = field(repr=False)  # the same table as arrays, for searches
    best: float
    best_allowed: float  # the best case across none of its own red lines
    reservation: float | None  # what no deal is worth (drawn for this game; None before a game)
    reservation_range: tuple[float, float] | None
    red_lines: tuple[OwnLine, ...]
    allies: tuple[OwnLine, ...]  # red lines of the stakeholders whose ratification this seat needs
    script: Script = field(repr=False)
    varies: bool = False  # the scenario gives this seat's priorities as ranges, drawn for each game

    def utility(self, package: Package) -> float:
        return sum(row[x] for row, x in zip(self.table, package) if x >= 0)


def own_side(sc: Scenario, seat: str, reservation: float | None = None,
             firm: frozenset[str] | None = None, valuation: Valuation | None = None) -> OwnSide:
    """A seat's private side: drawn for a game (`reservation`, `firm`, `valuation`), or as the scenario's ranges
    (and middle values) before any game."""
    val = valuation or sc.valuations[seat]  # every seat has preferences (the validator sees to it)
    actor = sc.actors[seat]
    made = sc.cache.setdefault("own_lines", {})  # (owner, firm) -> its lines: the same in every game so drawn

    def lines(owner: str) -> tuple[OwnLine, ...]:
        if owner not in sc.valuations:
            return ()
        rules = sc.valuations[owner].red_lines
        key = (owner, None if firm is None else frozenset(r.key for r in rules if r.key in firm))
        found: tuple[OwnLine, ...] | None = made.get(key)
        if found is None:
            found = made[key] = tuple(OwnLine(r.key, owner, r.issue, r.forbid, r.stated,
                                              None if firm is None else r.key in firm, r.firm_chance,
                                              r.softens_when.text if r.softens_when else None) for r in rules)
        return found

    allies = tuple(line for s in sc.backers(seat) if sc.actors[s].must_ratify for line in lines(s))
    values = tuple(tuple(v / w if w else 0.0 for v in row) for row, w in zip(val.table, val.weights))
    return OwnSide(seat, actor.briefing, actor.consult.line if actor.consult else None, val.weights, values,
                   val.table, val.arrays, val.best, val.best_allowed, reservation, val.reservation,
                   lines(seat), allies, script_of(sc, seat), seat in sc.varies)


def script_of(sc: Scenario, seat: str) -> Script:
    """What the AI playing `seat` may use (the same in every game: made once per scenario and seat)."""
    scripts: dict[str, Script] = sc.cache.setdefault("scripts", {})
    script = scripts.get(seat)
    if script is None:
        ai = sc.spec.ai
        script = scripts[seat] = Script(MappingProxyType(dict(ai.difficulties)), ai.default_difficulty,
                                        tuple(r for r in sc.modifiers if r.actor == seat),
                                        tuple(r for r in sc.tactics if r.actor == seat),
                                        MappingProxyType(sc.walkout_rules(seat)))
    return script


@dataclass(frozen=True, eq=False)
class View:
    """What `seat` knows now. Immutable; `to_dict()` is exactly what would be sent to its player."""

    seat: str
    scenario: PublicScenario
    own: OwnSide
    turn: int
    phase: Phase
    to_move: str | None
    meters: tuple[float, ...]
    offer: Offer | None
    accepted: frozenset[str]
    offers: tuple[Offer, ...]
    log: tuple[LogEntry, ...]
    learnt: tuple[tuple[str, str], ...]  # (about whom, what) this seat found out, in order
    consulted: frozenset[str]
    fired: frozenset[str]
    chosen: tuple[tuple[str, str], ...]
    choice: Event | None  # the event this seat must answer now, if any
    question: Question | None  # the question this seat must answer now, if any (with its own chance draw)
    kinds: tuple[str, ...]  # the kinds of move this seat may make now
    moves: tuple[Move, ...]  # its legal moves, proposals aside
    binding: frozenset[str]  # keys of its own and its allies' red lines that still bind
    pressure: float  # how far others' credible threats have advanced this seat's concession clock
    timeline: tuple[tuple[float, ...], ...]
    result: Result | None

    @cached_property
    def env(self) -> Mapping[str, float]:
        """The names conditions read (all public), with their values now."""
        table = self.__dict__.get("_table")  # the names but the meters, as the rules read them in this state
        if table is None:
            table = table_env(self.scenario, self.turn, self.offer, self.offers, self.fired, self.chosen,
                              self.consulted)
        return MappingProxyType(with_meters(self.scenario, self.meters, table))

    @property
    def over(self) -> bool:
        return self.phase == "over"

    @property
    def my_turn(self) -> bool:
        return self.to_move == self.seat and not self.over

    @property
    def turns_left(self) -> int:
        return self.scenario.deadline - self.turn

    def meter(self, name: str) -> float:
        return self.meters[self.scenario.meter_index[name]]

    def utility(self, package: Package) -> float:
        """What a package is worth to this seat."""
        return self.own.utility(package)

    def check(self, move: Move) -> None:
        """Raise IllegalMoveError when this seat may not make `move` now (the rules' own check, on what the
        seat knows): a front end asks before it sends a move."""
        if not self.my_turn and not self.over:
            raise IllegalMoveError("it is not your turn")
        check_move(self.scenario, self.seat, self.phase, self.kinds, self.choice, move)

    def crossed(self, package: Package, *, allies: bool = False) -> tuple[OwnLine, ...]:
        """This seat's red lines (and with `allies` its stakeholders') that still bind and a package crosses."""
        lines = (*self.own.red_lines, *self.own.allies) if allies else self.own.red_lines
        return tuple(line for line in lines if line.key in self.binding and line.crossed_by(package))

    def to_dict(self) -> dict[str, Any]:
        """The view as plain JSON data: what a remote player of this seat would receive."""
        own = self.own
        return {
            "seat": self.seat, "scenario": self.scenario.id, "turn": self.turn, "phase": self.phase,
            "to_move": self.to_move, "meters": dict(zip(self.scenario.meters, self.meters)),
            "offer": _offer(self.offer), "accepted": sorted(self.accepted),
            "offers": [_offer(o) for o in self.offers],
            "log": [{"turn": e.turn, "speaker": e.speaker, "actor": e.actor, "kind": e.kind, "text": e.text,
                     "reason": e.reason} for e in self.log],
            "learnt": [list(x) for x in self.learnt], "consulted": sorted(self.consulted),
            "fired": sorted(self.fired), "chosen": [list(x) for x in self.chosen],
            "choice": self.choice.id if self.choice else None,
            "question": None if self.question is None else {"asker": self.question.asker,
                                                            "issue": self.question.issue},
            "kinds": list(self.kinds),
            "moves": [m.notation(self.scenario) for m in self.moves],  # type: ignore[arg-type]
            "binding": sorted(self.binding), "pressure": self.pressure,
            "timeline": [list(row) for row in self.timeline],
            "result": None if self.result is None else {
                "kind": self.result.kind, "turn": self.result.turn, "by": self.result.by,
                "package": list(self.result.package) if self.result.package else None,
                "ratifications": [[r.actor, r.approves, r.why] for r in self.result.ratifications]},
            "own": {"briefing": own.briefing, "consult_line": own.consult_line, "weights": list(own.weights),
                    "values": [list(v) for v in own.values], "best": own.best, "best_allowed": own.best_allowed,
                    "reservation": own.reservation,
                    "red_lines": [_line(x) for x in own.red_lines], "allies": [_line(x) for x in own.allies]},
        }


def _offer(offer: Offer | None) -> dict[str, Any] | None:
    return None if offer is None else {"by": offer.by, "package": list(offer.package), "turn": offer.turn}


def _line(line: OwnLine) -> dict[str, Any]:
    return {"key": line.key, "owner": line.owner, "issue": line.issue, "forbid": sorted(line.forbid),
            "stated": line.stated, "firm": line.firm}


def _heard(state: State, seat: str, reasons: bool) -> tuple[LogEntry, ...]:
    """The lines of the record said in `seat`'s hearing; without `reasons`, the other seats' reasons are
    left out (their numbers tell too much of their hidden values). The record only grows along a game, so
    the lines found for an earlier state of it are kept (with the state's cache, carried to later states)
    and only the new lines are read; a record that is not the continuation of the kept one is read whole."""
    kept = state.__dict__.get("_heard")
    if kept is None:
        kept = state.__dict__["_heard"] = {}
    log = state.log
    start = 0
    lines: tuple[LogEntry, ...] = ()
    found = kept.get((seat, reasons))
    if found is not None:
        length, last, before = found
        if length <= len(log) and (length == 0 or log[length - 1] is last):
            start, lines = length, before
    if start < len(log):
        fresh = tuple(e if reasons or e.reason is None or e.actor == seat else _unreasoned(e)
                      for e in log[start:] if e.audience is None or seat in e.audience)  # e.heard_by(seat)
        if fresh:
            lines += fresh
        kept[(seat, reasons)] = (len(log), log[-1], lines)
    elif found is None:
        kept[(seat, reasons)] = (len(log), log[-1] if log else None, lines)
    return lines


def _unreasoned(entry: LogEntry) -> LogEntry:
    """A line of the record without its reason (`dataclasses.replace`, without its cost)."""
    return LogEntry(entry.turn, entry.speaker, entry.actor, entry.kind, entry.text, None, entry.audience)


def _kept(state: State, key: tuple[str, str], source: object) -> Any:
    """What was derived for a seat from the state field `source` (`_keep`), if that field is still the same: kept
    with the game's states, like each seat's own side."""
    found = state.__dict__["_own"].get(key)
    return found[1] if found is not None and found[0] is source else None


def _keep(state: State, key: tuple[str, str], source: object, value: Any) -> Any:
    """Keep `value`, derived for a seat from the state field `source`, until that field changes."""
    state.__dict__["_own"][key] = (source, value)
    return value


def observe(state: State, seat: str, *, reasons: bool = False) -> View:
    """What `seat` may know of the game now. `reasons`: include the reasons the other seats (the AI) gave
    for their moves, which practice mode shows to people; policies decide without them."""
    sc = state.scenario
    if seat not in sc.seat_index:
        raise ValueError(f"'{seat}' is not a seat of this scenario (seats: {', '.join(sc.seats)})")
    sides = state.__dict__.get("_own")
    if sides is None:  # a seat's own side is fixed for the game: made once, carried to later states (with what
        sides = state.__dict__["_own"] = {}  # `_keep` derives for a seat from a field, while the field stays the same)
    own = sides.get(seat)
    if own is None:
        own = sides[seat] = own_side(sc, seat, state.hidden.reservations.get(seat), state.hidden.firm,
                                     state.valuations[seat])
    mine = state.to_move == seat
    kinds = legal_kinds(state, seat) if mine else ()
    binding = _kept(state, ("binding", seat), state.softened)
    if binding is None:
        binding = _keep(state, ("binding", seat), state.softened, frozenset(
            line.key for line in (*own.red_lines, *own.allies) if state.red_line_active(line.key)))
    learnt = _kept(state, ("learnt", seat), state.revealed)
    if learnt is None:
        learnt = _keep(state, ("learnt", seat), state.revealed, tuple(
            (about, what) for who, about, what in state.revealed if who == seat))
    view = object.__new__(View)  # its fields set at once (a frozen dataclass's __init__ sets them one by one)
    object.__setattr__(view, "__dict__", dict(
        seat=seat, scenario=sc.public, own=own, turn=state.turn, phase=state.phase, to_move=state.to_move,
        meters=state.meters, offer=state.offer, accepted=state.accepted, offers=state.offers,
        log=_heard(state, seat, reasons), learnt=learnt, consulted=state.consulted, fired=state.fired,
        chosen=state.chosen, choice=sc.event(state.pending[0]).spec if mine and state.phase == "choice" else None,
        question=question_of(state) if mine else None, kinds=kinds,
        moves=moves_now(state, seat, kinds) if mine else (), binding=binding,
        pressure=state.pressure[sc.seat_index[seat]], timeline=state.timeline, result=state.result))
    env = state.__dict__.get("_env")
    if env is not None:  # the rules have already read the conditions' names in this state: the same values
        view.__dict__["env"] = MappingProxyType(env)
    elif "_table" in state.__dict__:  # ... or all of them but the meters
        view.__dict__["_table"] = state.__dict__["_table"]
    return view
