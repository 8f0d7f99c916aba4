"""The scenario's AI: it plays a seat from the scenario's preferences for that seat, seen through its view.

Stateless: every decision is computed from the seat's view (offers so far, meters, turn,
what it was told), so a resumed or replayed game gets the same decisions. As a negotiator:

1. its aspiration falls over time along a concession curve (Boulware to Conceder),
   sped up by threats made credible by the threatener's coalition cohesion and by
   the scenario's meter modifiers;
2. it accepts a full offer worth at least what it would ask next, never below its
   reservation value, never across one of its red lines that still binds;
3. otherwise it walks out, uses a scripted tactic, or counter-proposes the package
   its model of the other sides likes best among those that meet its aspiration.

As a mediator it tables a single negotiating text (``game.ai.mediator``).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.ai.mediator import mediate
from game.ai.model import model_of_others
from game.ai.script import tactic, wait
from game.ai.search import find_package
from game.engine.moves import Move
from game.engine.view import View
from game.scenario.model import concession_exponent
from game.scenario.schema import Difficulty
from game.scenario.space import Package


@dataclass(frozen=True)
class Stance:
    """What the AI is aiming for this turn, and why."""

    target: float
    reservation: float
    notes: tuple[str, ...]


class ScenarioAI:
    """The Policy that plays one seat from the scenario's preferences."""

    def __init__(self, seat: str, difficulty: str | None = None, *, signals: bool = True, hardest: bool = False):
        self.seat = seat
        self.difficulty = difficulty  # None: the scenario's default level
        self.signals = signals  # bots built on this logic skip scripted walkouts and tactics
        self.hardest = hardest  # play the scenario's slowest-conceding level, whatever the game's

    def level(self, view: View) -> Difficulty:
        script = view.own.script
        if self.hardest:
            return min(script.levels.values(), key=concession_exponent)
        return script.levels[self.difficulty or script.default_level]

    def stance(self, view: View) -> Stance:
        level = self.level(view)
        env = view.env
        speed, shift, notes = 1.0, level.reservation_margin, []
        for rule in view.own.script.modifiers:
            if rule.when is not None and rule.when(env):
                spec = rule.spec
                speed *= spec.speed
                shift += spec.reservation
                notes.append(spec.note)
        reservation = min(1.0, max(0.0, (view.own.reservation or 0.0) + shift))
        best = view.own.best_allowed
        elapsed = (view.turn - 1) * speed + view.pressure
        tau = min(1.0, elapsed / max(1, view.scenario.deadline - 1))
        target = reservation + (best - reservation) * level.start * (1.0 - tau ** (1.0 / concession_exponent(level)))
        return Stance(max(target, reservation), reservation, tuple(notes))

    def blocking(self, view: View, package: Package) -> str | None:
        """Why this package is out of the question for us, if it is."""
        sc = view.scenario
        for line in view.crossed(package, allies=True):
            if line.owner == self.seat:
                return f"it crosses our red line on {sc.issue_specs[line.issue].title}"
            return f"{sc.actors[line.owner].name} would never ratify it"
        return None

    def choose(self, view: View) -> Move:
        sc = view.scenario
        if view.phase == "choice":
            assert view.choice is not None
            event = view.choice
            pick = event.default_choice or event.choices[0].id
            return Move("choose", target=event.id, choice=pick, reason="the scenario's scripted choice")
        if sc.actors[self.seat].role == "mediator":
            return mediate(view, signals=self.signals)
        stance = self.stance(view)
        why = "; ".join(stance.notes)
        kinds = view.kinds
        if self.signals and "walkout" in kinds:
            script = view.own.script
            for when, note in script.walkouts.get(self.difficulty or script.default_level, ()):
                if when(view.env):
                    return Move("walkout", reason=note + (f" ({why})" if why else ""))
        offer = view.offer
        missing = [s for s in sc.backers(self.seat)
                   if sc.actors[s].requires_consultation and s not in view.consulted]
        if not missing or "consult" not in kinds:
            missing = []
        if offer is not None and offer.full and "accept" in kinds:
            value = view.utility(offer.package)
            blocked = self.blocking(view, offer.package)
            if missing and blocked is None and value >= stance.reservation:
                return Move("consult", target=missing[0],
                            reason=f"consults {sc.actors[missing[0]].name}: a deal may be near")
            if blocked is None and value >= stance.target - 1e-9 and value >= stance.reservation:
                return Move("accept", reason=f"accepts: worth {value:.2f} to us, at least what we would ask "
                                             f"next ({stance.target:.2f})")
        if missing and (view.turns_left <= 2 or not any(o.by == self.seat for o in view.offers)):
            # a full offer made before consulting could be accepted and then fail at home
            return Move("consult", target=missing[0],
                        reason=f"consults {sc.actors[missing[0]].name} before putting an offer on the table")
        if offer is not None and offer.full and self.seat in view.accepted and view.accepted - {self.seat}:
            # others have accepted this package too: a new proposal would clear every acceptance of it
            waiting = wait(view, "has accepted the package on the table, as others have; waits for the rest")
            if waiting is not None:
                return waiting
        if self.signals and (scripted := tactic(view)) is not None:
            return scripted
        return self.propose(view, stance, why)

    def propose(self, view: View, stance: Stance, why: str) -> Move:
        own = view.own
        forbidden = frozenset((line.issue, x) for line in (*own.red_lines, *own.allies)
                              if line.key in view.binding for x in line.forbid)
        models = model_of_others(view, self.level(view).opponent_model)
        if len(models) == 1:
            [theirs] = models.values()
        else:  # what the others value, together
            theirs = ([np.sum(rows, axis=0) for rows in zip(*models.values())] if models
                      else [np.zeros(len(o)) for o in own.table])
        turned_down = [o.package for o in view.offers if o.by == self.seat and o.full]
        found = find_package(view.scenario.space, own.arrays, theirs, forbidden, stance.target, turned_down)
        if found is None:  # every package crosses a red line: nothing to offer
            fallback = next(k for k in ("reject", "statement", "reassure", "promise", "pass", "walkout", "propose")
                            if k in view.kinds)
            if fallback == "propose":
                return Move("propose", package=tuple(max(range(len(row)), key=row.__getitem__)
                                                     for row in own.table), reason="no package meets our red lines")
            return Move(fallback, reason="no package meets our red lines")
        package, value = found
        reason = self.counter_reason(view, stance, value)
        return Move("propose", package=package, reason=reason + (f" ({why})" if why else ""))

    def counter_reason(self, view: View, stance: Stance, value: float) -> str:
        offer = view.offer
        if offer is not None and offer.by != self.seat:
            blocked = self.blocking(view, offer.package)
            if blocked:
                return f"counters: {blocked}"
            if not offer.full:
                return f"counters: completes the package at {value:.2f} for us"
            worth = view.utility(offer.package)
            return f"counters: the offer is worth {worth:.2f} to us; we aim for {stance.target:.2f}"
        return f"proposes a package worth {value:.2f} to us (aiming for {stance.target:.2f})"
