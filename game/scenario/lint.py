"""Design warnings: problems that are not errors, but make a scenario play badly.

``lint(spec, scenario)`` runs on a scenario that has no errors and returns
``Finding`` warnings with data paths (the loader turns them into file:line:col):

- the zone of agreement is empty: no package gives both sides their reservation
  value without crossing a firm red line (also per difficulty, with its margin);
- dominated options: an option that no one with a stake in its issue prefers to
  another option of the same issue (no one would ever ask for it);
- events that can never fire (at a turn after the deadline, or on a condition that
  never holds), bluffs that can never soften, thresholds no meter can reach, an
  agreement that cannot be made;
- meters that nothing moves;
- texts too long to fit their place on the screen.

Weights that do not add up to 1 are reported by ``game.scenario.check`` (with the
normalised weights), so they are not repeated here.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import deque
from collections.abc import Callable, Iterator

import numpy as np

from game.analysis.pareto import pareto_set, reaches
from game.analysis.payoff import certainly_firm, firm_masks
from game.scenario.check import Finding, Path
from game.scenario.conditions import Condition, parse_condition
from game.scenario.model import Scenario
from game.scenario.schema import ScenarioSpec

# Longest texts that fit their place in the game's window (characters). A longer text
# is cut or scrolls; the limits are generous: Geneva 2022 stays well within them.
SCREEN_LIMITS: dict[str, int] = {
    "title": 80, "summary": 900, "actor.name": 60, "actor.briefing": 1200, "actor.public_position": 700,
    "demand.text": 300, "consult.line": 450, "issue.title": 60, "issue.description": 300,
    "option.label": 40, "option.description": 300, "red_line.stated": 250, "meter.label": 30,
    "meter.description": 300, "move.label": 40, "move.description": 300, "event.title": 60,
    "event.text": 500, "event.ask": 200, "choice.label": 60, "choice.text": 300, "choice.public": 300,
    "reaction.line": 300,
    "outcome.title": 60, "outcome.debrief": 1500, "history.summary": 1500,
}
# Deciding whether a condition can ever hold searches a grid of values (see _Linter.can_hold); a step is one
# evaluation of the condition, over ranges or at one point. The whole file shares a budget, so that the design
# check's cost grows gently with the number of conditions; each condition gets its share, within these bounds.
# A step costs as much as the condition has nodes in its parse tree (a long condition costs more to evaluate).
STEP_BUDGET = 2_000_000  # node evaluations for the whole file: about a second at worst
STEP_CEILING = 40_000  # steps for one condition: enough to walk every point of a grid of 20,000 when nothing can be
# skipped (the grids walked whole before this search existed)
TURN = "turn"  # the grid's name for the turn (turns_left follows from it)
EPS = 1e-9
DRAWS = 48  # games' worth of drawn priorities the design check samples
SURE_UP_TO = 10**8  # with three sides or more, the zone is searched exhaustively only in spaces up to this size


def lint(spec: ScenarioSpec, scenario: Scenario) -> list[Finding]:
    """Every design warning for a valid scenario, in file order of their sections."""
    linter = _Linter(spec, scenario)
    return linter.run()


class _Linter:
    def __init__(self, spec: ScenarioSpec, scenario: Scenario):
        self.spec = spec
        self.sc = scenario
        self.found: list[Finding] = []
        self.ranges: dict[str, tuple[float, float]] = {}
        self.held: dict[tuple[str, int | None, frozenset[str]], bool] = {}  # can_hold's answers
        self.steps_left = STEP_BUDGET
        self.conditions_left = sum(e.when is not None for e in spec.events) + sum(
            line.softens_when is not None for prefs in spec.preferences.values() for line in prefs.red_lines)

    def warn(self, path: Path, message: str, hint: str | None = None, *, key: bool = False) -> None:
        self.found.append(Finding(path, message, hint, "warning", key=key))

    def run(self) -> list[Finding]:
        self.zone_of_agreement()
        self.drawn_priorities()
        self.mediator()
        self.dominated_options()
        self.meters()
        self.never_happens()
        self.texts()
        return self.found

    # -- priorities drawn from ranges ----------------------------------------------------------------

    def drawn_priorities(self) -> None:
        """Where priorities are [low, high] ranges, draw DRAWS games' worth of them and warn when a draw leaves
        no zone of agreement (at the lowest reservations, across no certainly firm red line), or makes a red line
        forbid the option its owner then values most on that issue (a line that fights its owner's own wishes)."""
        sc = self.sc
        if not sc.varies:
            return
        sides = sc.negotiators
        lows = {s: sc.valuations[s].reservation for s in sides}
        masks = firm_masks(sc, certainly_firm(sc))
        rng = np.random.default_rng(DRAWS)
        empty: int | None = None
        fighting: dict[str, int] = {}
        for n in range(DRAWS):
            drawn = sc.draw_valuations(lambda: float(rng.random()))
            if empty is None and all(r is not None for r in lows.values()):
                floors = [lows[s][0] - EPS for s in sides]  # type: ignore[index]
                tables = [drawn[s].arrays for s in sides]
                found = (reaches(tables, masks, floors) or sc.package_count > SURE_UP_TO
                         or bool(len(pareto_set(tables, masks, floors=floors).points)))
                if not found:
                    empty = n + 1
            for actor in sc.varies:
                val = drawn[actor]
                for line in val.red_lines:
                    row = val.table[line.issue]
                    if val.weights[line.issue] > 0 and max(row[x] for x in line.forbid) >= max(row) - 1e-12:
                        fighting.setdefault(line.key, n + 1)
        if empty is not None:
            self.warn(("preferences", sides[0], "weights"),
                      f"with priorities drawn from their ranges, the zone of agreement can be empty (in draw {empty} "
                      f"of {DRAWS} sampled games no package gives every side its lowest reservation)",
                      "narrow the ranges of the issues the sides fight over, or lower a reservation")
        for key, n in fighting.items():
            actor, index = key.rsplit(".", 1)
            line = sc.valuations[actor].red_lines[int(index)]
            issue = sc.spec.issues[line.issue].id
            self.warn(("preferences", actor, "red_lines", int(index)),
                      f"with priorities drawn from their ranges, '{actor}' can value the option its red line on "
                      f"'{issue}' forbids above every other (draw {n} of {DRAWS}): the line fights its own wishes",
                      f"narrow the range of that option's value in preferences.{actor}.values.{issue}")

    # -- the zone of agreement -------------------------------------------------------------------

    def zone_of_agreement(self) -> None:
        """Warn when no package gives every negotiator its (lowest) reservation across no certainly firm red
        line; and when a difficulty's margin, added to the AI's side, closes the zone."""
        sc = self.sc
        sides = sc.negotiators
        lows = {s: sc.valuations[s].reservation for s in sides}
        if any(r is None for r in lows.values()):
            return
        floor = np.array([lows[s][0] for s in sides])  # type: ignore[index]
        tables = [sc.valuations[s].arrays for s in sides]
        masks = firm_masks(sc, certainly_firm(sc))
        # two sides: the whole frontier, for the message; more: a quick search first, then, where the space is
        # small enough to be sure, the frontier of what reaches the floors
        points = pareto_set(tables, masks).points if len(sides) == 2 else np.empty((0, len(sides)))

        def reachable(floors: np.ndarray) -> bool:
            if len(sides) == 2:
                return bool(len(points)) and bool((points >= floors - EPS).all(axis=1).any())
            if reaches(tables, masks, list(floors - EPS)):
                return True
            if sc.package_count > SURE_UP_TO:
                return True  # too large to be sure it is empty: no warning rather than a wrong one
            return bool(len(pareto_set(tables, masks, floors=list(floors - EPS)).points))

        first = sides[0]
        if not reachable(floor):
            wanted = ", ".join(f"'{s}' {r:.2f}" for s, r in zip(sides, floor))
            if len(sides) == 2 and len(points):
                ok = points[points[:, 0] >= floor[0] - EPS]
                got = "no package at all" if not len(ok) else f"at most {ok[:, 1].max():.2f} for '{sides[1]}'"
                why = f" ({got} while '{first}' gets {floor[0]:.2f})"
            else:
                why = ""
            self.warn(("preferences", first, "reservation"),
                      f"the zone of agreement is empty: no package gives every side its reservation ({wanted}) "
                      f"without crossing a firm red line{why}",
                      "lower a reservation, soften a red line, or give each side an issue it cares about more")
            return
        for level_id, level in self.spec.ai.difficulties.items():
            margin = level.reservation_margin
            if margin <= 0:
                continue
            blocked = [s for k, s in enumerate(sides)
                       if not reachable(np.where(np.arange(len(sides)) == k, np.minimum(1.0, floor + margin), floor))]
            if blocked:
                who = " or ".join(f"'{s}'" for s in blocked)
                self.warn(("ai", "difficulties", level_id, "reservation_margin"),
                          f"at '{level_id}' the AI's reservation rises by {margin:g}: when it plays {who}, "
                          "no package satisfies every side, so it can never agree",
                          "lower reservation_margin, or the reservations in 'preferences'")

    def mediator(self) -> None:
        """What a mediator's part of the file cannot do: it never accepts, so it has no walk-away point, no red
        line that binds and no concession clock to speed up."""
        mediator = self.sc.mediator
        if mediator is None:
            return
        prefs = self.spec.preferences.get(mediator)
        if prefs is not None and prefs.reservation is not None:
            self.warn(("preferences", mediator, "reservation"), "a mediator's reservation has no effect: its "
                      "acceptance is never needed", "remove it")
        if prefs is not None and prefs.red_lines:
            self.warn(("preferences", mediator, "red_lines"), "a mediator's red lines bind nothing: it never "
                      "accepts a deal", "give them to a stakeholder, or remove them")
        for index, rule in enumerate(self.spec.ai.modifiers):
            if rule.actor == mediator:
                self.warn(("ai", "modifiers", index, "actor"), "modifiers change a negotiator's concessions; the "
                          "mediator has none, so this one is never used", "use a tactic for the mediator instead")

    # -- dominated options ------------------------------------------------------------------------

    def dominated_options(self) -> None:
        sc = self.sc
        for i, issue in enumerate(self.spec.issues):
            judges = [val for val in sc.valuations.values() if val.weights[i] > 0]
            if not judges:
                self.warn(("issues", i, "id"), f"no one cares about issue '{issue.id}': every side weighs it 0",
                          "give it a weight in some side's preferences, or remove it")
                continue
            rows = np.array([val.table[i] for val in judges])  # actors × options
            for k, option in enumerate(issue.options):
                for other in range(len(issue.options)):
                    if other == k:
                        continue
                    at_least = bool((rows[:, other] >= rows[:, k] - EPS).all())
                    better = bool((rows[:, other] > rows[:, k] + EPS).any())
                    if at_least and (better or other < k):
                        rival = issue.options[other]
                        self.warn(("issues", i, "options", k, "id"),
                                  f"option '{option.id}' of '{issue.id}' is dominated: no one prefers it to "
                                  f"'{rival.id}'", "make some side value it more than the others, or remove it")
                        break

    # -- meters -------------------------------------------------------------------------------------

    def all_effects(self) -> Iterator[dict[str, float]]:
        spec = self.spec
        for move in spec.moves.values():
            if move.enabled:
                yield move.effects
                yield from move.by.values()
        for actor in spec.actors:
            if actor.consult is not None:
                yield actor.consult.effects
        for event in spec.events:
            yield event.effects
            for choice in event.choices:
                yield choice.effects
        for reaction in spec.ai.reactions:
            yield reaction.effects
        for drift in getattr(spec, "drifts", ()):  # changes while a condition holds (a newer part of the format)
            yield drift.effects

    def meter_range(self, name: str) -> tuple[float, float]:
        """How low and how high a meter can ever go (ignoring the order things happen in)."""
        if name not in self.ranges:
            self.ranges[name] = self._meter_range(name)
        return self.ranges[name]

    def _meter_range(self, name: str) -> tuple[float, float]:
        meter = self.spec.meters[name]
        low, high = meter.start if isinstance(meter.start, list) else (meter.start, meter.start)
        ups = meter.drift > 0 or any(e.get(name, 0.0) > 0 for e in self.all_effects())
        downs = meter.drift < 0 or any(e.get(name, 0.0) < 0 for e in self.all_effects())
        return (0.0 if downs else float(low)), (1.0 if ups else float(high))

    def meters(self) -> None:
        moved = {m for effects in self.all_effects() for m, d in effects.items() if d != 0}
        for name, meter in self.spec.meters.items():
            if name not in moved and meter.drift == 0:
                start = meter.start if not isinstance(meter.start, list) else f"its start ({meter.start[0]:g}" \
                    f"–{meter.start[1]:g})"
                self.warn(("meters", name), f"nothing moves meter '{name}': it stays at {start} all game",
                          "give a move, an event or a reaction an effect on it, or a drift", key=True)
            low, high = self.meter_range(name)
            if meter.escalate_at is not None:
                if high < meter.escalate_at - EPS:
                    self.warn(("meters", name, "escalate_at"),
                              f"'{name}' can never reach {meter.escalate_at:g} (at most {high:g}): "
                              "the game never ends in escalation through it",
                              "give something a positive effect on it, or a positive drift")
                elif (min(meter.start) if isinstance(meter.start, list) else meter.start) >= meter.escalate_at:
                    self.warn(("meters", name, "escalate_at"),
                              f"'{name}' starts at or above {meter.escalate_at:g}: every game ends in "
                              "escalation after the first turn unless a move lowers it at once",
                              "lower its start or raise escalate_at")

    # -- things that can never happen ------------------------------------------------------------

    def never_happens(self) -> None:
        spec = self.spec
        deadline = spec.deadline.turns
        # Events that wait for events that never fire never fire either: a work list, so that an event is looked
        # at again only when an event its condition names is found never to fire (a chain of any length, in any
        # order, costs one look per link, not one pass over every event per link).
        late = {e.id for e in spec.events if e.at_turn is not None and e.at_turn > deadline}
        impossible: set[str] = set()
        waiting: dict[str, list[int]] = {}  # event id -> the events whose condition names it
        conditions: dict[int, Condition] = {}
        for index, event in enumerate(spec.events):
            if event.when is None or event.id in late:
                continue
            compiled = self.sc.events[index].when if index < len(self.sc.events) else None
            conditions[index] = compiled if compiled is not None else parse_condition(event.when)
            for name in conditions[index].names:
                if name.startswith(("event.", "choice.")):
                    waiting.setdefault(name.split(".")[1], []).append(index)
        never = set(late)  # events that never fire (late ones included: 'event.x' stays 0 all game)
        todo = deque(conditions)
        queued = set(todo)
        while todo:
            index = todo.popleft()
            queued.discard(index)
            event = spec.events[index]
            if event.id in impossible or self.can_hold(conditions[index], never, event.at_turn):
                continue
            impossible.add(event.id)
            never.add(event.id)
            for other in waiting.get(event.id, ()):
                if other not in queued and spec.events[other].id not in impossible:
                    todo.append(other)
                    queued.add(other)
        for index, event in enumerate(spec.events):
            if event.id in late:
                self.warn(("events", index, "at_turn"), f"turn {event.at_turn} is after the deadline "
                                                        f"({deadline} turns): it never fires")
            elif event.id in impossible:
                self.warn(("events", index, "when"), f"event '{event.id}' can never fire: its condition "
                          f"'{event.when}' never holds" + (f" at turn {event.at_turn}" if event.at_turn else ""),
                          "check the numbers against the meters' ranges and the deadline")
        for actor_id, prefs in spec.preferences.items():
            rules = self.sc.valuations[actor_id].red_lines if actor_id in self.sc.valuations else ()
            for r, line in enumerate(prefs.red_lines):
                if line.firm is True or not line.softens_when:
                    continue
                compiled = rules[r].softens_when if r < len(rules) else None
                if not self.can_hold(compiled or parse_condition(line.softens_when), never):
                    self.warn(("preferences", actor_id, "red_lines", r, "softens_when"),
                              f"this bluff can never soften: '{line.softens_when}' never holds",
                              "in play it is a firm red line; check the condition")
        accept = spec.moves.get("accept")
        if accept is not None and not accept.enabled:
            self.warn(("moves", "accept", "enabled"), "with 'accept' disabled no agreement can ever be made",
                      "enable it")

    def can_hold(self, condition: Condition, impossible: set[str], at_turn: int | None = None) -> bool:
        """Whether a condition holds for some values its names can take, on a grid that splits every range at
        the numbers the condition compares with (every combination of the grid's values, every turn).

        The grid is searched, not walked: one name at a time is fixed, and the condition is evaluated over the
        ranges of the names not yet fixed (interval arithmetic); a part of the grid where it is surely false is
        skipped whole, one where it is surely true answers at once. A condition that never holds is usually
        shown so at its first or second step. A search that takes more than this condition's share of the
        file's budget ends as "it may hold": no warning rather than a wrong one.
        """
        relevant = frozenset(n.split(".")[1] for n in condition.names
                             if n.startswith(("event.", "choice.")) and n.split(".")[1] in impossible)
        key = (condition.text, at_turn, relevant)
        known = self.held.get(key)
        if known is not None:
            return known
        grid, turns = self.grid(condition, impossible, at_turn)
        # every condition still to come gets at least the share it would get if every one used all of its own
        share = self.steps_left // max(1, self.conditions_left)
        self.conditions_left = max(0, self.conditions_left - 1)
        search = _GridSearch(condition, grid, self.spec.deadline.turns, turns[0], share)
        found = search.run()
        self.steps_left = max(0, self.steps_left - search.cost)
        held = found is not False  # undecided (None): it may hold
        self.held[key] = held
        return held

    def grid(self, condition: Condition, impossible: set[str],
             at_turn: int | None = None) -> tuple[list[tuple[str, list[float]]], list[float]]:
        """The values can_hold tries, per name (in the order the search fixes them; the turn as TURN), and the
        turns: every range split at the numbers the condition compares with."""
        deadline = self.spec.deadline.turns
        numbers = [float(x) for x in re.findall(r"(?<![\w.])\d+(?:\.\d+)?|(?<![\w.])\.\d+", condition.text)]
        grid: list[tuple[str, list[float]]] = []
        for name in sorted(condition.names):
            if name in ("turn", "turns_left"):
                continue  # both come from the turn, below
            if name in self.spec.meters:
                low, high = self.meter_range(name)
                cuts = {low, high, (low + high) / 2}
                cuts |= {min(high, max(low, n + d)) for n in numbers for d in (-1e-6, 0.0, 1e-6)}
                grid.append((name, sorted(cuts)))
            elif name == "offers":
                grid.append((name, sorted({0.0, float(2 * deadline), *(n for n in numbers if n <= 2 * deadline),
                                           *(n + 1 for n in numbers if n + 1 <= 2 * deadline)})))
            elif name.startswith(("event.", "choice.")) and name.split(".")[1] in impossible:
                grid.append((name, [0.0]))
            else:
                grid.append((name, [0.0, 1.0]))
        turns = [float(at_turn)] if at_turn is not None else [float(t) for t in range(1, deadline + 1)]
        if condition.names & {"turn", "turns_left"}:
            grid.append((TURN, turns))
        uses = _name_uses(condition.tree)
        grid.sort(key=lambda item: (-uses.count(item[0]), uses.index(item[0]) if item[0] in uses else len(uses)))
        return grid, turns

    # -- texts --------------------------------------------------------------------------------------

    def texts(self) -> None:
        spec = self.spec
        checks: list[tuple[Path, str | None, str]] = [(("title",), spec.title, "title"),
                                                      (("summary",), spec.summary, "summary")]
        for a, actor in enumerate(spec.actors):
            checks += [(("actors", a, "name"), actor.name, "actor.name"),
                       (("actors", a, "briefing"), actor.briefing, "actor.briefing"),
                       (("actors", a, "public_position"), actor.public_position, "actor.public_position")]
            checks += [(("actors", a, "demands", d, "text"), demand.text, "demand.text")
                       for d, demand in enumerate(actor.demands)]
            if actor.consult is not None:
                checks.append((("actors", a, "consult", "line"), actor.consult.line, "consult.line"))
        for i, issue in enumerate(spec.issues):
            checks += [(("issues", i, "title"), issue.title, "issue.title"),
                       (("issues", i, "description"), issue.description, "issue.description")]
            for k, option in enumerate(issue.options):
                checks += [(("issues", i, "options", k, "label"), option.label, "option.label"),
                           (("issues", i, "options", k, "description"), option.description, "option.description")]
        for actor_id, prefs in spec.preferences.items():
            checks += [(("preferences", actor_id, "red_lines", r, "stated"), line.stated, "red_line.stated")
                       for r, line in enumerate(prefs.red_lines)]
        for name, meter in spec.meters.items():
            checks += [(("meters", name, "label"), meter.label, "meter.label"),
                       (("meters", name, "description"), meter.description, "meter.description")]
        for kind, move in spec.moves.items():
            checks += [(("moves", kind, "label"), move.label, "move.label"),
                       (("moves", kind, "description"), move.description, "move.description")]
        for e, event in enumerate(spec.events):
            checks += [(("events", e, "title"), event.title, "event.title"),
                       (("events", e, "text"), event.text, "event.text"),
                       (("events", e, "ask"), event.ask, "event.ask")]
            for c, choice in enumerate(event.choices):
                checks += [(("events", e, "choices", c, "label"), choice.label, "choice.label"),
                           (("events", e, "choices", c, "text"), choice.text, "choice.text"),
                           (("events", e, "choices", c, "public"), choice.public, "choice.public")]
        checks += [(("ai", "reactions", r, "line"), reaction.line, "reaction.line")
                   for r, reaction in enumerate(spec.ai.reactions)]
        for ending in ("agreement", "ratification_failed", "walkout", "escalation", "deadline"):
            outcome = getattr(spec.outcomes, ending)
            checks += [(("outcomes", ending, "title"), outcome.title, "outcome.title"),
                       (("outcomes", ending, "debrief"), outcome.debrief, "outcome.debrief")]
        checks.append((("history", "summary"), spec.history.summary, "history.summary"))
        for path, text, what in checks:
            limit = SCREEN_LIMITS[what]
            if text is not None and len(text) > limit:
                self.warn(path, f"this text is too long for the screen: {len(text):,} characters, "
                                f"at most {limit:,} fit", "shorten it")


# ------------------------------------------------------------------------------------------------
# Searching a condition's grid: interval arithmetic over the parse tree of game.scenario.conditions
# ------------------------------------------------------------------------------------------------

# An interval of the values an expression can take over a part of the grid: (low, high), or None when nothing is
# known (it may even be NaN, which is truthy). Soundness is all that matters: every value the compiled condition can
# give at a point of that part lies in the interval (IEEE rounding is monotone, so the bounds computed with the
# same operations are safe). At single points the compiled condition itself decides.
Interval = tuple[float, float] | None
Box = dict[str, tuple[float, float]]
_ZERO = (0.0, 0.0)
_ONE = (1.0, 1.0)
_BOTH = (0.0, 1.0)
_LEAF_BATCH = 48  # a part of the grid this small is walked point by point, without intervals


def _name_uses(tree: tuple) -> list[str]:
    """The names a parse tree uses, in the order they are written, each time (turn and turns_left as TURN)."""
    out: list[str] = []
    stack = [tree]
    while stack:
        node = stack.pop()
        if not isinstance(node, tuple) or not node:
            continue
        if node[0] == "name":
            out.append(TURN if node[1] in ("turn", "turns_left") else node[1])
        elif node[0] == "cmp":
            stack.extend(reversed([node[1], *(sub for _, sub in node[2])]))
        elif node[0] == "bin":
            stack.extend((node[3], node[2]))
        elif node[0] in ("and", "or"):
            stack.extend((node[2], node[1]))
        elif node[0] in ("not", "neg"):
            stack.append(node[1])
    return out


def _size(tree: tuple) -> int:
    """How many nodes a parse tree has."""
    count = 0
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, tuple) and node:
            count += 1
            if node[0] == "cmp":
                stack.extend([node[1], *(sub for _, sub in node[2])])
            elif node[0] == "bin":
                stack.extend((node[2], node[3]))
            elif node[0] in ("and", "or"):
                stack.extend((node[1], node[2]))
            elif node[0] in ("not", "neg"):
                stack.append(node[1])
    return count


def _truth(value: Interval) -> bool | None:
    """True: surely truthy; False: surely 0; None: either."""
    if value is None:
        return None
    low, high = value
    if low > 0 or high < 0:
        return True
    if low == 0 and high == 0:
        return False
    return None


def _checked(low: float, high: float) -> Interval:
    return None if math.isnan(low) or math.isnan(high) else (low, high)


def _compare(op: str, a: Interval, b: Interval) -> bool | None:
    if a is None or b is None:
        return None
    (al, ah), (bl, bh) = a, b
    if op == "<":
        return True if ah < bl else False if al >= bh else None
    if op == "<=":
        return True if ah <= bl else False if al > bh else None
    if op == ">":
        return True if al > bh else False if ah <= bl else None
    if op == ">=":
        return True if al >= bh else False if ah < bl else None
    same = True if al == ah == bl == bh else False if ah < bl or bh < al else None
    if op == "==":
        return same
    return None if same is None else not same


def _arith(op: str, a: Interval, b: Interval) -> Interval:
    if a is None or b is None:
        return None
    (al, ah), (bl, bh) = a, b
    if op == "+":
        return _checked(al + bl, ah + bh)
    if op == "-":
        return _checked(al - bh, ah - bl)
    if op == "/":
        if bl == 0 and bh == 0:
            return _ZERO  # division by zero gives 0
        if bl <= 0 <= bh:
            return None
        corners = (al / bl, al / bh, ah / bl, ah / bh)
    else:
        corners = (al * bl, al * bh, ah * bl, ah * bh)
    if any(math.isnan(c) for c in corners):
        return None
    return min(corners), max(corners)


def _abstract(node: tuple) -> Callable[[Box], Interval]:
    """The parse tree as a function from ranges of the names to the interval of the condition's value."""
    tag = node[0]
    if tag == "const":
        value = float(node[1])
        point: Interval = None if math.isnan(value) else (value, value)
        return lambda box: point
    if tag == "name":
        name = node[1]
        return lambda box: box.get(name, _ZERO)
    if tag == "neg":
        inner = _abstract(node[1])

        def neg(box: Box) -> Interval:
            v = inner(box)
            return None if v is None else (-v[1], -v[0])
        return neg
    if tag == "not":
        inner = _abstract(node[1])

        def not_(box: Box) -> Interval:
            t = _truth(inner(box))
            return _BOTH if t is None else _ZERO if t else _ONE
        return not_
    if tag in ("and", "or"):
        left, right = _abstract(node[1]), _abstract(node[2])
        conjunction = tag == "and"

        def junction(box: Box) -> Interval:
            a = left(box)
            t = _truth(a)
            if t is not None:
                if t == conjunction:
                    return right(box)  # 'a and b' is b when a is truthy; 'a or b' when a is 0
                return _ZERO if conjunction else a
            b = right(box)
            other = _ZERO if conjunction else a  # what the result is when it is not b
            if b is None or other is None:
                return None
            return min(other[0], b[0]), max(other[1], b[1])
        return junction
    if tag == "bin":
        op, left, right = node[1], _abstract(node[2]), _abstract(node[3])
        return lambda box: _arith(op, left(box), right(box))
    if tag == "cmp":
        parts = [_abstract(node[1])] + [_abstract(sub) for _, sub in node[2]]
        ops = [op for op, _ in node[2]]

        def chain(box: Box) -> Interval:
            values = [part(box) for part in parts]
            sure = True
            for k, op in enumerate(ops):
                t = _compare(op, values[k], values[k + 1])
                if t is False:
                    return _ZERO
                if t is None:
                    sure = False
            return _ONE if sure else _BOTH
        return chain
    raise AssertionError(f"unknown node {tag!r}")  # pragma: no cover


class _GridSearch:
    """Whether a condition holds at some point of a grid: a depth-first search that fixes one name at a time and
    skips every part of the grid over which the condition's interval is surely 0."""

    def __init__(self, condition: Condition, grid: list[tuple[str, list[float]]], deadline: int,
                 any_turn: float, allowance: int):
        self.condition = condition
        self.grid = grid
        self.deadline = float(deadline)
        self.any_turn = any_turn
        self.value = _abstract(condition.tree) if condition.tree else None
        self.weight = max(1, _size(condition.tree))  # what one step costs
        self.allowance = min(allowance, STEP_CEILING * self.weight)
        self.cost = 0
        # how many points lie below a depth: suffix products of the grid's sizes
        self.below = [1] * (len(grid) + 1)
        for depth in range(len(grid) - 1, -1, -1):
            self.below[depth] = self.below[depth + 1] * len(grid[depth][1])

    def run(self) -> bool | None:
        """True: a point where it holds; False: none; None: undecided within the allowance."""
        try:
            return self.search(0, {})
        except _OutOfSteps:
            return None

    def step(self) -> None:
        self.cost += self.weight
        if self.cost > self.allowance:
            raise _OutOfSteps

    def box(self, fixed: dict[str, float]) -> Box:
        box: Box = {}
        for name, values in self.grid:
            if name in fixed:
                box[name] = (fixed[name], fixed[name])
            else:
                box[name] = (values[0], values[-1])  # sorted: the range of the values
        turn = box.pop(TURN, (self.any_turn, self.any_turn))
        box["turn"], box["turns_left"] = turn, (self.deadline - turn[1], self.deadline - turn[0])
        return box

    def holds_at(self, point: dict[str, float]) -> bool:
        self.step()
        env = {name: value for name, value in point.items() if name != TURN}
        turn = point.get(TURN, self.any_turn)
        env["turn"], env["turns_left"] = turn, self.deadline - turn
        return self.condition(env)

    def search(self, depth: int, fixed: dict[str, float]) -> bool:
        if self.below[depth] <= _LEAF_BATCH or self.value is None:
            names = [name for name, _ in self.grid[depth:]]
            for combo in itertools.product(*(values for _, values in self.grid[depth:])):
                if self.holds_at({**fixed, **dict(zip(names, combo))}):
                    return True
            return False
        self.step()
        sure = _truth(self.value(self.box(fixed)))
        if sure is not None:
            return sure
        name, values = self.grid[depth]
        for value in values:
            fixed[name] = value
            if self.search(depth + 1, fixed):
                return True
        del fixed[name]
        return False


class _OutOfSteps(Exception):
    """A grid search used up its allowance."""
