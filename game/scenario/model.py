"""The compiled scenario: validated data turned into tables the engine reads fast.

A ``Scenario`` is immutable by convention: the engine and the AI only read it.
Texts stay in ``spec`` (the validated models); numbers and ids are indexed here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from game.scenario.conditions import Condition, parse_condition
from game.scenario.public import PublicScenario, TableFacts
from game.scenario.schema import SIGNALS, Actor, Difficulty, Event, MoveSpec, ScenarioSpec
from game.scenario.space import ENUMERATE_LIMIT, OPEN, OutcomeSpace, Package

__all__ = ["ENUMERATE_LIMIT", "OPEN", "OutcomeSpace", "Package", "Scenario"]
MOVE_KINDS = ("propose", "accept", "reject", "threaten", "promise", "reassure", "question",
              "consult", "statement", "walkout", "press", "pass")
MEDIATOR_KINDS = ("propose", "press", "promise", "reassure", "statement", "question", "consult", "pass")


@dataclass(frozen=True, eq=False)
class RedLineRule:
    owner: str
    key: str  # "<owner>.<index>", stable across games
    issue: int
    forbid: frozenset[int]
    firm_chance: float
    softens_when: Condition | None
    stated: str | None
    public: bool
    source: str

    def crossed_by(self, package: Package) -> bool:
        return package[self.issue] in self.forbid


@dataclass(frozen=True, eq=False)
class Valuation:
    """One actor's hidden preferences: weighted option values, reservation range, red lines."""

    actor: str
    table: tuple[tuple[float, ...], ...]  # weight × value, per issue and option
    arrays: tuple[np.ndarray, ...]
    weights: tuple[float, ...]  # normalised
    best: float
    best_allowed: float  # the best case without crossing any of its own red lines
    reservation: tuple[float, float] | None
    red_lines: tuple[RedLineRule, ...]

    def utility(self, package: Package) -> float:
        return sum(row[x] for row, x in zip(self.table, package) if x >= 0)


Number = float | tuple[float, float]  # a number as the author wrote it: fixed, or a [low, high] range


@dataclass(frozen=True, eq=False)
class Written:
    """One actor's preferences as the author wrote them: compiled once, drawn for each game where they are ranges.
    `numbers` holds them in the order a game draws them: issue by issue, its weight (None where none is written),
    then each option's value (0 where none is written)."""

    numbers: tuple[Number | None, ...]
    allowed: tuple[tuple[int, ...], ...]  # per issue, the options none of the actor's own red lines forbids
    reservation: tuple[float, float] | None

    @property
    def ranges(self) -> int:
        """How many of the numbers are ranges (drawn for each game)."""
        return sum(isinstance(x, tuple) for x in self.numbers)


def _number(x: float | list[float] | None) -> Number | None:
    if x is None:
        return None
    return (x[0], x[1]) if isinstance(x, list) else float(x)


def _read_only(table: tuple[tuple[float, ...], ...]) -> tuple[np.ndarray, ...]:
    """A table's rows as arrays: slices of one array, read only (shared by every view of the valuation)."""
    flat = np.array([v for row in table for v in row])
    flat.flags.writeable = False
    rows = []
    start = 0
    for row in table:
        rows.append(flat[start:start + len(row)])
        start += len(row)
    return tuple(rows)


@dataclass(frozen=True, eq=False)
class EventRule:
    index: int
    spec: Event
    when: Condition | None
    effects: tuple[tuple[int, float], ...]
    choice_effects: dict[str, tuple[tuple[int, float], ...]]
    tables: Package | None  # a package the event puts on the table in the mediator's name


@dataclass(frozen=True, eq=False)
class Rule:
    """A compiled AI rule (modifier, reaction or tactic): its spec, condition and effects."""

    index: int
    actor: str
    when: Condition | None
    effects: tuple[tuple[int, float], ...]
    spec: Any  # the Modifier, Reaction or Tactic it was compiled from


CONCESSION_EXPONENTS = {"boulware": 0.2, "linear": 1.0, "conceder": 3.0}


def concession_exponent(level: Difficulty) -> float:
    if isinstance(level.concession, str):
        return CONCESSION_EXPONENTS[level.concession]
    return float(level.concession)


def reciprocity(level: Difficulty) -> float:
    """How much a level's concessions wait for the other side's: the author's, or one that fits its curve."""
    if level.reciprocity is not None:
        return float(level.reciprocity)
    exponent = concession_exponent(level)
    return 0.2 if exponent >= 2.0 else 0.4 if exponent >= 0.5 else 0.8


class Scenario(TableFacts):
    """A validated, compiled scenario. Build it with ``game.scenario.load_scenario``."""

    def __init__(self, spec: ScenarioSpec, filename: str, digest: str):
        self.spec = spec
        self.filename = filename
        self.digest = digest
        self.id = spec.id
        self.title = spec.title
        self.deadline = spec.deadline.turns
        self.actors: dict[str, Actor] = {a.id: a for a in spec.actors}
        self.negotiators: tuple[str, ...] = tuple(a.id for a in spec.actors if a.role == "negotiator")
        self.mediators: tuple[str, ...] = tuple(a.id for a in spec.actors if a.role == "mediator")
        self.mediator: str | None = self.mediators[0] if self.mediators else None
        # the seats at the table, in the order they move each round: the scenario's order of actors
        self.seats: tuple[str, ...] = tuple(a.id for a in spec.actors if a.role in ("negotiator", "mediator"))
        self.seat_index = {seat: n for n, seat in enumerate(self.seats)}
        self.stakeholders: tuple[str, ...] = tuple(a.id for a in spec.actors if a.role == "stakeholder")
        self._backs = {a.id: tuple(a.backs if isinstance(a.backs, list) else [a.backs] if a.backs else [])
                       for a in spec.actors if a.role == "stakeholder"}
        self.issues: tuple[str, ...] = tuple(i.id for i in spec.issues)
        self.issue_index = {ident: n for n, ident in enumerate(self.issues)}
        self.options: tuple[tuple[str, ...], ...] = tuple(tuple(o.id for o in i.options) for i in spec.issues)
        self.option_index = tuple({o: k for k, o in enumerate(opts)} for opts in self.options)
        self.offer_names = tuple(tuple(f"offer.{i}.{o}" for o in opts) for i, opts in zip(self.issues, self.options))
        self.last_names = {a: tuple(tuple(f"last.{a}.{i}.{o}" for o in opts) for i, opts in
                                    zip(self.issues, self.options)) for a in self.seats}
        self.meters: tuple[str, ...] = tuple(spec.meters)
        self.meter_index = {ident: n for n, ident in enumerate(self.meters)}
        self.escalate_at = tuple(m.escalate_at for m in spec.meters.values())
        self.escalations = tuple((i, limit) for i, limit in enumerate(self.escalate_at) if limit is not None)
        self.drift = tuple(m.drift for m in spec.meters.values())
        self.drifts = tuple((i, d) for i, d in enumerate(self.drift) if d)  # the end-of-round effects
        # the effects at the end of every round while a condition holds (`drifts:`), in file order
        self.drift_rules = tuple(Rule(n, "", parse_condition(d.when), self.effects(d.effects), d)
                                 for n, d in enumerate(spec.drifts))
        self._written = {actor: self._written_preferences(actor) for actor in spec.preferences}
        self.valuations = {actor: self._valuation(actor) for actor in spec.preferences}  # the middle values
        # the red lines that may give way in a game (a bluff's, when it is not drawn firm): key, condition
        self.softening = tuple((line.key, line.softens_when) for val in self.valuations.values()
                               for line in val.red_lines if line.softens_when is not None)
        self.varies = frozenset(actor for actor, written in self._written.items() if written.ranges)
        self.ranges = sum(self._written[actor].ranges for actor in self.varies)  # the numbers a game's draw takes
        self.move_effects = self._move_effects()
        self.events = tuple(self._event(n, e) for n, e in enumerate(spec.events))
        self.event_index = {e.spec.id: e.index for e in self.events}
        # per turn, the events that may happen at its start (in file order): those of that turn and those of any
        self.events_at = {turn: tuple(e for e in self.events if e.spec.at_turn in (None, turn))
                          for turn in range(1, self.deadline + 1)}
        ai = spec.ai
        self.modifiers = tuple(Rule(n, m.actor, parse_condition(m.when), (), m) for n, m in enumerate(ai.modifiers))
        self.reactions = tuple(Rule(n, r.actor, parse_condition(r.when) if r.when else None,
                                    self.effects(r.effects), r) for n, r in enumerate(ai.reactions))
        self.tactics = tuple(Rule(n, t.actor, parse_condition(t.when), (), t) for n, t in enumerate(ai.tactics))
        self.reactions_to: dict[str, tuple[Rule, ...]] = {}
        for rule in self.reactions:
            self.reactions_to[rule.spec.trigger] = (*self.reactions_to.get(rule.spec.trigger, ()), rule)
        self.walkout_when = {name: parse_condition(d.walkout_when) if d.walkout_when else None
                             for name, d in ai.difficulties.items()}
        self.walkouts = tuple(Rule(n, w.actor, parse_condition(w.when), (), w) for n, w in enumerate(ai.walkouts))
        self.enabled = frozenset(k for k in MOVE_KINDS if k not in self.spec.moves or self.spec.moves[k].enabled)
        self.legal_kinds_by_table = {a: self._kinds(a) for a in self.seats}
        self.space = OutcomeSpace(tuple(len(o) for o in self.options))
        self.package_count = self.space.count
        self.cache: dict[str, Any] = {}  # derived values the engine and the analysis reuse
        self.public = PublicScenario(self)  # what every seat may know of this scenario

    def __getstate__(self) -> dict[str, Any]:
        """Pickled (for a worker process) without the values derived in `cache`: the worker makes its own."""
        state = self.__dict__.copy()
        state["cache"] = {}
        return state

    def walkout_rules(self, seat: str) -> dict[str, tuple[tuple[Condition, str], ...]]:
        """Per difficulty level, when the AI playing `seat` walks out, with the reason: the seat's own rules
        for that level (`ai.walkouts`) if it has any, otherwise the level's `walkout_when`."""
        out: dict[str, tuple[tuple[Condition, str], ...]] = {}
        for name in self.spec.ai.difficulties:
            own = tuple((rule.when, rule.spec.note) for rule in self.walkouts
                        if rule.actor == seat and rule.when is not None and (not rule.spec.levels
                                                                             or name in rule.spec.levels))
            shared = self.walkout_when[name]
            out[name] = own or (((shared, f"walks out: {shared.text}"),) if shared is not None else ())
        return out

    def effects(self, effects: dict[str, float]) -> tuple[tuple[int, float], ...]:
        return tuple((self.meter_index[m], d) for m, d in effects.items())

    def draw_valuations(self, draw: Callable[[], float]) -> dict[str, Valuation]:
        """Every actor's preferences for one game: each [low, high] weight or value drawn with `draw` (uniform
        numbers in [0, 1)), in a fixed order (actors as written, then issue by issue: the weight, then each
        option's value); `self.ranges` of them in all. Actors without ranges keep their values (and draw
        nothing)."""
        return {actor: self._valuation(actor, draw) if actor in self.varies else val
                for actor, val in self.valuations.items()}

    def _valuation(self, actor: str, draw: Callable[[], float] | None = None) -> Valuation:
        """An actor's preferences: with its ranges drawn by `draw`, or (without it) at their middles."""
        written = self._written[actor]
        numbers: list[float | None]
        if draw is None:
            numbers = [(x[0] + x[1]) / 2 if isinstance(x, tuple) else x for x in written.numbers]
        else:  # in the order written (the order of the draws)
            numbers = [x[0] + (x[1] - x[0]) * draw() if isinstance(x, tuple) else x for x in written.numbers]
        weights: list[float | None] = []
        values: list[list[float]] = []
        at = 0
        for opts in self.options:
            weights.append(numbers[at])
            values.append(numbers[at + 1:at + 1 + len(opts)])  # type: ignore[arg-type]
            at += 1 + len(opts)
        total = sum([w for w in weights if w is not None]) or 1.0
        norm = tuple([(0.0 if w is None else w) / total for w in weights])
        table = tuple([tuple([w * v for v in row]) for w, row in zip(norm, values)])
        best_allowed = sum([max([row[k] for k in allowed]) if allowed else 0.0
                            for row, allowed in zip(table, written.allowed)])
        middle = self.__dict__.get("valuations", {}).get(actor)
        if middle is not None and draw is not None:  # drawn: the same red lines and reservation
            lines, reservation = middle.red_lines, middle.reservation
        else:
            lines, reservation = self._red_lines(actor), written.reservation
        return Valuation(actor, table, _read_only(table), norm, sum([max(row) for row in table]), best_allowed,
                         reservation, lines)

    def _red_lines(self, actor: str) -> tuple[RedLineRule, ...]:
        return tuple(
            RedLineRule(actor, f"{actor}.{n}", self.issue_index[r.issue],
                        frozenset(self.option_index[self.issue_index[r.issue]][o] for o in r.forbid),
                        1.0 if r.firm is True else 0.0 if r.firm is False else float(r.firm),
                        parse_condition(r.softens_when) if r.softens_when else None,
                        r.stated, r.public, r.source)
            for n, r in enumerate(self.spec.preferences[actor].red_lines))

    def _written_preferences(self, actor: str) -> Written:
        prefs = self.spec.preferences[actor]
        weights = prefs.weights or {}
        values = prefs.values or {}
        reservation: tuple[float, float] | None = None
        if isinstance(prefs.reservation, list):
            reservation = (float(prefs.reservation[0]), float(prefs.reservation[1]))
        elif prefs.reservation is not None:
            reservation = (float(prefs.reservation), float(prefs.reservation))
        numbers: list[Number | None] = []
        for issue, opts in zip(self.issues, self.options):
            numbers.append(_number(weights.get(issue)))
            numbers.extend(_number(values.get(issue, {}).get(opt, 0.0)) for opt in opts)
        allowed = tuple(tuple(k for k, opt in enumerate(opts) if not any(r.issue == issue and opt in r.forbid
                                                                            for r in prefs.red_lines))
                        for issue, opts in zip(self.issues, self.options))
        return Written(tuple(numbers), allowed, reservation)

    def move_spec(self, kind: str) -> MoveSpec | None:
        """The scenario's settings for a move kind; a mediator's press works as a threat unless set apart."""
        spec = self.spec.moves.get(kind)  # type: ignore[call-overload]
        if spec is None and kind == "press":
            return self.spec.moves.get("threaten")
        return spec

    def _move_effects(self) -> dict[tuple[str, str], tuple[tuple[int, float], ...]]:
        out: dict[tuple[str, str], tuple[tuple[int, float], ...]] = {}
        for kind in MOVE_KINDS:
            spec = self.move_spec(kind)
            for actor in self.seats:
                out[(kind, actor)] = self.effects(spec.by.get(actor, spec.effects)) if spec else ()
        return out

    def _event(self, index: int, event: Event) -> EventRule:
        tables = None
        if event.tables:
            tables = tuple(self.option_index[i][event.tables[issue]] if issue in event.tables else OPEN
                           for i, issue in enumerate(self.issues))
        return EventRule(index, event, parse_condition(event.when) if event.when else None,
                         self.effects(event.effects),
                         {c.id: self.effects(c.effects) for c in event.choices}, tables)

    def event(self, event_id: str) -> EventRule:
        return self.events[self.event_index[event_id]]

    def _kinds(self, actor: str) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
        """The legal move kinds of a seat: with no offer on the table that it could still accept, with a
        partial one, and with a full one. A mediator's kinds are the same in all three."""
        if self.actors[actor].role == "mediator":
            kinds = tuple(k for k in MEDIATOR_KINDS if k in self.enabled and
                          (k != "consult" or self.consultable(actor)) and (k != "press" or self.negotiators))
            return (kinds, kinds, kinds)
        rest = [k for k in SIGNALS if k in self.enabled]
        rest += [k for k in ("question",) if k in self.enabled]
        rest += [k for k in ("consult",) if k in self.enabled and self.consultable(actor)]
        rest += [k for k in ("walkout", "pass") if k in self.enabled]
        reject = ["reject"] if "reject" in self.enabled else []
        accept = ["accept"] if "accept" in self.enabled else []
        return (("propose", *rest), ("propose", *reject, *rest), ("propose", *accept, *reject, *rest))

    def outcome_space(self) -> np.ndarray:
        """Every package as a row of option indexes (only for spaces up to ENUMERATE_LIMIT)."""
        return self.space.packages()

    def package_row(self, package: Package) -> int:
        return self.space.row(package)

    def utilities(self, actor: str, packages: np.ndarray, valuation: Valuation | None = None) -> np.ndarray:
        """Each package's utility to an actor (by its middle values, or by `valuation`: a game's), vectorised."""
        val = valuation or self.valuations[actor]
        total = np.zeros(len(packages))
        for i, row in enumerate(val.arrays):
            total += row[packages[:, i]]
        return total


def compile_scenario(spec: ScenarioSpec, filename: str, digest: str) -> Scenario:
    return Scenario(spec, filename, digest)
