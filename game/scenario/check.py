"""Cross-reference checks: every id a scenario uses must exist where it points.

``check_references`` returns findings as ``Finding`` tuples (a data path, a
message, a hint, a severity, for conditions the offset inside the text, and
whether the path names a mapping key, such as a meter in ``effects``, rather
than a value). The loader turns paths into file locations.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import Any, NamedTuple

from game.scenario.conditions import ConditionError, is_valid_name, parse_condition
from game.scenario.schema import ScenarioSpec

Path = tuple[Any, ...]
BUILTIN_NAMES = ("turn", "turns_left", "offers")
REACTION_TRIGGERS = ("propose", "accept", "reject", "threaten", "promise", "reassure", "question",
                     "consult", "statement", "press", "pass", "turn")  # walkout ends the game: nothing follows it


_HINT_POOL = 300  # did-you-mean hints look through at most this many candidates


def _close(value: str, pool: list[str]) -> list[str]:
    return difflib.get_close_matches(value, pool, n=1) if len(pool) <= _HINT_POOL else []


class Finding(NamedTuple):
    path: Path
    message: str
    hint: str | None = None
    severity: str = "error"
    offset: int | None = None  # conditions: the column (0-based) inside the condition's text
    key: bool = False  # the path ends at a mapping key (report the key's place, not its value's)


def condition_names(spec: ScenarioSpec) -> set[str]:
    """Every name a condition in this scenario may use."""
    names = set(BUILTIN_NAMES)
    names.update(spec.meters)
    names.update(f"event.{e.id}" for e in spec.events)
    names.update(f"choice.{e.id}.{c.id}" for e in spec.events for c in e.choices)
    names.update(f"consulted.{a.id}" for a in spec.actors if a.role == "stakeholder")
    names.update(f"offer.{i.id}.{o.id}" for i in spec.issues for o in i.options)
    names.update(f"consulted.{a.id}" for a in spec.actors if a.role == "mediator")
    names.update(f"last.{a.id}.{i.id}.{o.id}" for a in spec.actors if a.role in ("negotiator", "mediator")
                 for i in spec.issues for o in i.options)
    return names


class _Checker:
    def __init__(self, spec: ScenarioSpec):
        self.spec = spec
        self.found: list[Finding] = []
        self.sources = dict.fromkeys(s.id for s in spec.sources)  # ordered: hints list them in file order
        self.actors = {a.id: a for a in spec.actors}
        self.negotiators = [a.id for a in spec.actors if a.role == "negotiator"]
        self.seats = [a.id for a in spec.actors if a.role in ("negotiator", "mediator")]
        self.issues = {i.id: i for i in spec.issues}
        self.meters = dict.fromkeys(spec.meters)
        self.names = condition_names(spec)
        self.events = dict.fromkeys(e.id for e in spec.events)

    def error(self, path: Path, message: str, hint: str | None = None, *, key: bool = False) -> None:
        self.found.append(Finding(path, message, hint, key=key))

    def warn(self, path: Path, message: str, hint: str | None = None) -> None:
        self.found.append(Finding(path, message, hint, "warning"))

    def ref(self, path: Path, value: str | None, known: Iterable[str], what: str, *,
            key: bool = False, of: str = "") -> bool:
        """Check that ``value`` names a known ``what``; ``key`` when the id is a mapping key."""
        if value is None:
            return True
        pool = known if isinstance(known, (dict, set, frozenset)) else list(known)
        if value in pool:
            return True
        pool = list(dict.fromkeys(pool))
        close = _close(value, pool)
        more = ", ..." if len(pool) > 8 else ""
        hint = f"did you mean '{close[0]}'?" if close else (
            f"known: {', '.join(pool[:8])}{more}" if pool else f"define a {what} first")
        self.error(path, f"unknown {what} '{value}'{of}", hint, key=key)
        return False

    def known_name(self, name: str) -> bool:
        return name in self.names

    def unique_values(self, path: Path, ids: list[str], what: str) -> None:
        seen: set[str] = set()
        for index, ident in enumerate(ids):
            if ident in seen:
                self.error((*path, index), f"{what} '{ident}' is listed twice")
            seen.add(ident)

    def unique(self, path: Path, ids: list[str], what: str) -> None:
        seen: dict[str, int] = {}
        for index, ident in enumerate(ids):
            if ident in seen:
                self.error((*path, index, "id"), f"{what} id '{ident}' is used twice",
                           f"the first is entry {seen[ident] + 1}; ids must be unique")
            seen.setdefault(ident, index)

    def condition(self, path: Path, text: str | None) -> None:
        if text is None:
            return
        try:
            # A did-you-mean over thousands of names costs seconds per condition; past a few hundred
            # names (a huge, probably hostile file) ask with a predicate, which gives no hint.
            parse_condition(text, self.names if len(self.names) <= _HINT_POOL else self.known_name)
        except ConditionError as exc:
            where = f" in '{path[-1]}'" if path and isinstance(path[-1], str) else ""
            self.found.append(Finding(path, f"bad condition{where}: {exc.message}", exc.hint, "error", exc.column))

    def effects(self, path: Path, effects: dict[str, float]) -> None:
        for meter in effects:
            self.ref((*path, meter), meter, self.meters, "meter", key=True)

    def option(self, path: Path, issue_id: str, option_id: str, *, key: bool = False) -> None:
        issue = self.issues.get(issue_id)
        if issue is not None:
            self.ref(path, option_id, [o.id for o in issue.options], "option", key=key,
                     of=f" for issue '{issue_id}'")

    def run(self) -> list[Finding]:
        spec = self.spec
        self.unique(("sources",), [s.id for s in spec.sources], "source")
        self.unique(("actors",), [a.id for a in spec.actors], "actor")
        self.unique(("issues",), [i.id for i in spec.issues], "issue")
        self.unique(("events",), [e.id for e in spec.events], "event")
        for index, issue in enumerate(spec.issues):
            self.unique(("issues", index, "options"), [o.id for o in issue.options], "option")
        self.check_negotiators()
        self.check_meters()
        self.check_actors()
        self.check_preferences()
        for kind, move in spec.moves.items():
            if kind == "propose" and not move.enabled:
                self.error(("moves", kind, "enabled"), "proposing cannot be disabled",
                           "every negotiation needs proposals; remove 'enabled: false'")
            self.effects(("moves", kind, "effects"), move.effects)
            for actor, effects in move.by.items():
                self.ref(("moves", kind, "by", actor), actor, self.seats, "seat", key=True)
                self.effects(("moves", kind, "by", actor), effects)
            if move.honesty is not None:
                self.ref(("moves", kind, "honesty"), move.honesty, self.meters, "meter")
        self.check_events()
        self.check_ai()
        for index, source in enumerate(spec.history.sources):
            self.ref(("history", "sources", index), source, self.sources, "source")
        return self.found

    def check_negotiators(self) -> None:
        found = [(index, a) for index, a in enumerate(self.spec.actors) if a.role == "negotiator"]
        mediators = [(index, a) for index, a in enumerate(self.spec.actors) if a.role == "mediator"]
        if len(found) < 2:
            self.error(("actors",), f"a scenario needs at least two negotiators, found {len(found)}",
                       "set 'role: negotiator' on the sides at the table")
        if len(mediators) > 1:
            index, actor = mediators[1]
            self.error(("actors", index, "role"), f"'{actor.id}' is a second mediator",
                       "a table has at most one mediator; make the other a stakeholder")
        for index, actor in found + mediators:
            if actor.id not in self.spec.preferences:
                self.error(("actors", index, "id"), f"{actor.role} '{actor.id}' has no preferences",
                           f"add '{actor.id}:' under 'preferences' with its weights and values"
                           + (" and reservation" if actor.role == "negotiator" else ""))

    def check_meters(self) -> None:
        for name, meter in self.spec.meters.items():
            if name in BUILTIN_NAMES:
                self.error(("meters", name), f"a meter cannot be called '{name}': conditions already use that "
                                             "name", "choose another id", key=True)
            elif not is_valid_name(name):
                self.error(("meters", name), f"a meter cannot be called '{name}': it is a reserved word in "
                                             "conditions", "choose another id", key=True)
            if isinstance(meter.start, list) and meter.start[0] > meter.start[1]:
                self.error(("meters", name, "start"), "the range's low end is above its high end",
                           f"write [low, high]: [{meter.start[1]:g}, {meter.start[0]:g}]")

    def check_actors(self) -> None:
        for index, actor in enumerate(self.spec.actors):
            path = ("actors", index)
            self.ref((*path, "unity"), actor.unity, self.meters, "meter")
            if actor.consult is not None:
                self.effects((*path, "consult", "effects"), actor.consult.effects)
            if actor.role == "stakeholder":
                if actor.backs is None or actor.backs == []:
                    self.error(path, f"stakeholder '{actor.id}' needs 'backs'",
                               "name the seat (or seats) whose side relies on it")
                elif isinstance(actor.backs, list):
                    for b, seat in enumerate(actor.backs):
                        self.ref((*path, "backs", b), seat, self.seats, "seat")
                    self.unique_values((*path, "backs"), actor.backs, "seat")
                else:
                    self.ref((*path, "backs"), actor.backs, self.seats, "seat")
            elif actor.backs or actor.must_ratify or actor.requires_consultation:
                self.error(path, f"'{actor.id}' is a {actor.role}; backs, must_ratify and "
                                 "requires_consultation are for stakeholders")
            elif actor.role == "negotiator" and actor.consult is not None:
                self.warn((*path, "consult"), f"'{actor.id}' is a negotiator: only stakeholders and the mediator "
                                              "are consulted, so this is never used", "remove 'consult'")
            for d, demand in enumerate(actor.demands):
                dpath = (*path, "demands", d)
                if self.ref((*dpath, "issue"), demand.issue, self.issues, "issue"):
                    self.option((*dpath, "wants"), demand.issue, demand.wants)
                self.ref((*dpath, "source"), demand.source, self.sources, "source")

    def check_preferences(self) -> None:
        for actor_id, prefs in self.spec.preferences.items():
            path = ("preferences", actor_id)
            if not self.ref(path, actor_id, self.actors, "actor", key=True):
                continue
            role = self.actors[actor_id].role
            needs = {"negotiator": ("weights", "values", "reservation"), "mediator": ("weights", "values")}
            for key in needs.get(role, ()):
                if getattr(prefs, key) is None:
                    self.error(path, f"{role} '{actor_id}' needs '{key}'")
            if (prefs.weights is None) != (prefs.values is None):
                self.error(path, "'weights' and 'values' go together")
            for issue_id in prefs.weights or {}:
                self.ref((*path, "weights", issue_id), issue_id, self.issues, "issue", key=True)
            for where, number in _ranges(prefs):
                if number[0] > number[1]:
                    self.error((*path, *where), "the range's low end is above its high end",
                               f"write [low, high]: [{number[1]:g}, {number[0]:g}]")
            if prefs.weights is not None:
                total = sum(middle(w) for w in prefs.weights.values())
                if total <= 0:
                    self.error((*path, "weights"), "the weights add up to 0", "give some issue a weight")
                elif abs(total - 1.0) > 1e-6:
                    normalised = ", ".join(f"{k} {middle(w) / total:.2f}" for k, w in prefs.weights.items())
                    self.warn((*path, "weights"), f"the weights add up to {total:g}, not 1; "
                                                  f"they are divided by that sum: {normalised}",
                              "write the normalised weights if that is what you meant")
            for issue_id, values in (prefs.values or {}).items():
                if self.ref((*path, "values", issue_id), issue_id, self.issues, "issue", key=True):
                    for option_id in values:
                        self.option((*path, "values", issue_id, option_id), issue_id, option_id, key=True)
            if isinstance(prefs.reservation, list) and prefs.reservation[0] > prefs.reservation[1]:
                low, high = prefs.reservation
                self.error((*path, "reservation"), "the range's low end is above its high end",
                           f"write [low, high]: [{high:g}, {low:g}]")
            for r, line in enumerate(prefs.red_lines):
                rpath = (*path, "red_lines", r)
                if self.ref((*rpath, "issue"), line.issue, self.issues, "issue"):
                    for f, option_id in enumerate(line.forbid):
                        self.option((*rpath, "forbid", f), line.issue, option_id)
                    if {o.id for o in self.issues[line.issue].options} <= set(line.forbid):
                        self.error((*rpath, "forbid"), "this red line forbids every option of the issue",
                                   "no package could ever pass it")
                self.ref((*rpath, "source"), line.source, self.sources, "source")
                self.condition((*rpath, "softens_when"), line.softens_when)
                if line.firm != 1 and line.softens_when is None:
                    self.warn((*rpath, "firm"), "a bluff without 'softens_when' never gives way",
                              "add softens_when, or make it firm: true")

    def check_events(self) -> None:
        for index, event in enumerate(self.spec.events):
            path = ("events", index)
            if event.at_turn is None and event.when is None:
                self.error(path, f"event '{event.id}' has neither 'at_turn' nor 'when'",
                           "say when it fires")
            # A turn after the deadline is a design warning (lint.py): it runs only when the file has no errors,
            # so it never names a deadline that a wrong 'turns' value left to a stand-in.
            self.condition((*path, "when"), event.when)
            self.effects((*path, "effects"), event.effects)
            self.ref((*path, "source"), event.source, self.sources, "source")
            self.unique((*path, "choices"), [c.id for c in event.choices], "choice")
            for c, choice in enumerate(event.choices):
                self.effects((*path, "choices", c, "effects"), choice.effects)
            if event.choices and event.chooser is None:
                self.error(path, f"event '{event.id}' has choices but no 'chooser'",
                           "name the seat that decides")
            if event.ask is not None and not event.choices:
                self.error((*path, "ask"), f"event '{event.id}' asks a question but has no choices",
                           "add choices, or put the text in 'text'")
            self.ref((*path, "chooser"), event.chooser, self.seats, "seat")
            if event.tables:
                if not any(a.role == "mediator" for a in self.spec.actors):
                    self.error((*path, "tables"), f"event '{event.id}' tables a package, but there is no mediator",
                               "add an actor with 'role: mediator', in whose name the package is tabled")
                for issue_id, option_id in event.tables.items():
                    if self.ref((*path, "tables", issue_id), issue_id, self.issues, "issue", key=True):
                        self.option((*path, "tables", issue_id), issue_id, option_id)
            if event.default_choice is not None:
                self.ref((*path, "default_choice"), event.default_choice, [c.id for c in event.choices],
                         "choice")

    def check_ai(self) -> None:
        ai = self.spec.ai
        self.ref(("ai", "default_difficulty"), ai.default_difficulty, ai.difficulties, "difficulty")
        for name, level in ai.difficulties.items():
            self.condition(("ai", "difficulties", name, "walkout_when"), level.walkout_when)
        for part in ("modifiers", "reactions", "tactics"):
            for index, rule in enumerate(getattr(ai, part)):
                path = ("ai", part, index)
                self.ref((*path, "actor"), rule.actor, self.seats, "seat")
                self.condition((*path, "when"), rule.when)
                if part == "reactions":
                    self.check_trigger(path, rule.trigger)
                    self.effects((*path, "effects"), rule.effects)
                    self.ref((*path, "source"), rule.source, self.sources, "source")

    def check_trigger(self, path: Path, on: str) -> None:
        if on.startswith("event:"):
            event = on[6:]
            if event not in self.events:
                close = _close(event, list(self.events))
                self.found.append(Finding((*path, "trigger"), f"unknown event '{event}' in trigger '{on}'",
                                          f"did you mean 'event:{close[0]}'?" if close else
                                          "name an event defined under 'events'", offset=6))
        elif on not in REACTION_TRIGGERS:
            close = _close(on, list(REACTION_TRIGGERS))
            self.error((*path, "trigger"), f"unknown trigger '{on}'",
                       f"did you mean '{close[0]}'?" if close else "a move kind, 'event:<id>' or 'turn'")


def check_references(spec: ScenarioSpec) -> list[Finding]:
    return _Checker(spec).run()


def middle(number: float | list[float]) -> float:
    """A number, or the middle of a [low, high] range."""
    return (number[0] + number[1]) / 2 if isinstance(number, list) else number


def _ranges(prefs: Any) -> list[tuple[tuple[Any, ...], list[float]]]:
    """Every [low, high] range among an actor's weights and option values, with its path."""
    found: list[tuple[tuple[Any, ...], list[float]]] = [
        (("weights", k), w) for k, w in (prefs.weights or {}).items() if isinstance(w, list)]
    found += [(("values", i, o), v) for i, row in (prefs.values or {}).items() for o, v in row.items()
              if isinstance(v, list)]
    return found
