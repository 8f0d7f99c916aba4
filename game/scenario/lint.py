"""Design warnings: problems that are not errors, but make a scenario play badly.

``lint(spec, scenario)`` runs on a scenario that has no errors and returns
``Finding`` warnings with data paths (the loader turns them into file:line:col):

- the zone of agreement is empty: no package gives both sides their reservation
  value without crossing a firm red line (also per difficulty, with its margin);
- dominated options: an option that no one with a stake in its issue prefers to
  another option of the same issue (no one would ever ask for it);
- events that can never fire, bluffs that can never soften, thresholds no meter
  can reach, an agreement that cannot be made;
- meters that nothing moves;
- texts too long to fit their place on the screen.

Weights that do not add up to 1 are reported by ``game.scenario.check`` (with the
normalised weights), so they are not repeated here.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

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
GRID_LIMIT = 20_000  # environments tried when deciding whether a condition can ever hold
EPS = 1e-9
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

    def warn(self, path: Path, message: str, hint: str | None = None, *, key: bool = False) -> None:
        self.found.append(Finding(path, message, hint, "warning", key=key))

    def run(self) -> list[Finding]:
        self.zone_of_agreement()
        self.mediator()
        self.dominated_options()
        self.meters()
        self.never_happens()
        self.texts()
        return self.found

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

    def meter_range(self, name: str) -> tuple[float, float]:
        """How low and how high a meter can ever go (ignoring the order things happen in)."""
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
        impossible: set[str] = set()
        for _ in range(len(spec.events) + 1):  # events that wait for events that never fire
            before = len(impossible)
            for event in spec.events:
                if event.id in impossible or event.when is None:
                    continue
                if event.at_turn is not None and event.at_turn > spec.deadline.turns:
                    continue  # check.py already says so
                if not self.can_hold(parse_condition(event.when), impossible, event.at_turn):
                    impossible.add(event.id)
            if len(impossible) == before:
                break
        for index, event in enumerate(spec.events):
            if event.id in impossible:
                self.warn(("events", index, "when"), f"event '{event.id}' can never fire: its condition "
                          f"'{event.when}' never holds" + (f" at turn {event.at_turn}" if event.at_turn else ""),
                          "check the numbers against the meters' ranges and the deadline")
        for actor_id, prefs in spec.preferences.items():
            for r, line in enumerate(prefs.red_lines):
                if line.firm is not True and line.softens_when and \
                        not self.can_hold(parse_condition(line.softens_when), impossible):
                    self.warn(("preferences", actor_id, "red_lines", r, "softens_when"),
                              f"this bluff can never soften: '{line.softens_when}' never holds",
                              "in play it is a firm red line; check the condition")
        accept = spec.moves.get("accept")
        if accept is not None and not accept.enabled:
            self.warn(("moves", "accept", "enabled"), "with 'accept' disabled no agreement can ever be made",
                      "enable it")

    def can_hold(self, condition: Condition, impossible: set[str], at_turn: int | None = None) -> bool:
        """Whether a condition holds for some values its names can take (tried on a grid that splits
        every range at the numbers the condition compares with)."""
        deadline = self.spec.deadline.turns
        numbers = [float(x) for x in re.findall(r"(?<![\w.])\d+(?:\.\d+)?|(?<![\w.])\.\d+", condition.text)]
        turns = [at_turn] if at_turn is not None else list(range(1, deadline + 1))
        names = sorted(condition.names)
        choices: list[list[float]] = []
        for name in names:
            if name in ("turn", "turns_left"):
                choices.append([])  # both come from the turn, below
            elif name in self.spec.meters:
                low, high = self.meter_range(name)
                cuts = {low, high, (low + high) / 2}
                cuts |= {min(high, max(low, n + d)) for n in numbers for d in (-1e-6, 0.0, 1e-6)}
                choices.append(sorted(cuts))
            elif name == "offers":
                choices.append(sorted({0.0, float(2 * deadline), *(n for n in numbers if n <= 2 * deadline),
                                       *(n + 1 for n in numbers if n + 1 <= 2 * deadline)}))
            elif name.startswith(("event.", "choice.")) and name.split(".")[1] in impossible:
                choices.append([0.0])
            else:
                choices.append([0.0, 1.0])
        grids = [c for c in choices if c]
        size = len(turns) * int(np.prod([len(c) for c in grids])) if grids else len(turns)
        rng = np.random.default_rng(0)
        for turn in turns:
            combos: Iterator[tuple[float, ...]]
            if size <= GRID_LIMIT:
                combos = itertools.product(*grids)
            else:
                per_turn = max(1, GRID_LIMIT // len(turns))
                combos = (tuple(c[int(rng.integers(len(c)))] for c in grids) for _ in range(per_turn))
            for combo in combos:
                values = iter(combo)
                env = {}
                for name, options in zip(names, choices):
                    if options:
                        env[name] = next(values)
                env["turn"], env["turns_left"] = float(turn), float(deadline - turn)
                if condition(env):
                    return True
        return False

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
