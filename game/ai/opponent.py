"""The scenario's AI negotiator: it decides only from the scenario's preferences.

Stateless: every decision is computed from the game state (offers so far, meters,
turn), so a resumed or replayed game gets the same decisions. The reasoning:

1. its aspiration falls over time along a concession curve (Boulware to Conceder),
   sped up by threats made credible by the threatener's coalition cohesion and by
   the scenario's meter modifiers;
2. it accepts a full offer worth at least what it would ask next, never below its
   reservation value, never across one of its red lines that still binds;
3. otherwise it walks out, uses a scripted tactic, or counter-proposes the package
   its model of the other side likes best among those that meet its aspiration.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.ai.search import find_package
from game.engine.moves import Move
from game.engine.rules import legal_kinds
from game.engine.state import State
from game.scenario.model import Package, concession_exponent
from game.scenario.schema import Difficulty


@dataclass(frozen=True)
class Stance:
    """What the AI is aiming for this turn, and why."""

    target: float
    reservation: float
    notes: tuple[str, ...]


class ScenarioAI:
    """The Policy that plays one negotiator from the scenario's preferences."""

    def __init__(self, actor: str, difficulty: str | None = None, *, signals: bool = True, hardest: bool = False):
        self.actor = actor
        self.difficulty = difficulty
        self.signals = signals  # bots built on this logic skip scripted walkouts and tactics
        self.hardest = hardest  # play the scenario's slowest-conceding level, whatever the game's

    def level(self, state: State) -> Difficulty:
        levels = state.scenario.spec.ai.difficulties
        if self.hardest:
            return min(levels.values(), key=concession_exponent)
        return levels[self.difficulty or state.difficulty]

    def stance(self, state: State) -> Stance:
        sc = state.scenario
        level = self.level(state)
        env = state.env()
        speed, shift, notes = 1.0, level.reservation_margin, []
        for rule in sc.modifiers:
            if rule.actor == self.actor and rule.when is not None and rule.when(env):
                spec = rule.spec
                speed *= spec.speed
                shift += spec.reservation
                notes.append(spec.note)
        reservation = min(1.0, max(0.0, state.hidden.reservations[self.actor] + shift))
        best = sc.valuations[self.actor].best_allowed
        pressure = state.pressure[sc.negotiators.index(self.actor)]
        elapsed = (state.turn - 1) * speed + pressure
        tau = min(1.0, elapsed / max(1, sc.deadline - 1))
        target = reservation + (best - reservation) * level.start * (1.0 - tau ** (1.0 / concession_exponent(level)))
        return Stance(max(target, reservation), reservation, tuple(notes))

    def blocking(self, state: State, package: Package) -> str | None:
        """Why this package is out of the question for us, if it is."""
        sc = state.scenario
        for line in sc.valuations[self.actor].red_lines:
            if state.red_line_active(line.key) and line.crossed_by(package):
                return f"it crosses our red line on {sc.spec.issues[line.issue].title}"
        for stakeholder in sc.backers(self.actor):
            if not sc.actors[stakeholder].must_ratify or stakeholder not in sc.valuations:
                continue
            for line in sc.valuations[stakeholder].red_lines:
                if state.red_line_active(line.key) and line.crossed_by(package):
                    return f"{sc.actors[stakeholder].name} would never ratify it"
        return None

    def choose(self, state: State) -> Move:
        sc = state.scenario
        if state.phase == "choice":
            event = next(e.spec for e in sc.events if e.spec.id == state.pending[0])
            pick = event.default_choice or event.choices[0].id
            return Move("choose", target=event.id, choice=pick, reason="the scenario's scripted choice")
        stance = self.stance(state)
        level = self.level(state)
        why = "; ".join(stance.notes)
        if self.signals:
            walkout = sc.walkout_when.get(self.difficulty or state.difficulty)
            if walkout is not None and walkout(state.env()):
                return Move("walkout", reason=f"walks out: {level.walkout_when}" + (f" ({why})" if why else ""))
        offer = state.offer
        own = sc.valuations[self.actor]
        missing = [s for s in sc.backers(self.actor)
                   if sc.actors[s].requires_consultation and s not in state.consulted]
        if not missing or "consult" not in legal_kinds(state):
            missing = []
        if offer is not None and offer.by != self.actor and offer.full:
            value = own.utility(offer.package)
            blocked = self.blocking(state, offer.package)
            if missing and blocked is None and value >= stance.reservation:
                return Move("consult", target=missing[0],
                            reason=f"consults {sc.actors[missing[0]].name}: a deal may be near")
            acceptable = blocked is None and value >= stance.target - 1e-9 and value >= stance.reservation
            if acceptable and "accept" in legal_kinds(state):
                return Move("accept", reason=f"accepts: worth {value:.2f} to us, at least what we would ask "
                                             f"next ({stance.target:.2f})")
        if missing and (state.turns_left <= 2 or not any(o.by == self.actor for o in state.offers)):
            # a full offer made before consulting could be accepted and then fail at home
            return Move("consult", target=missing[0],
                        reason=f"consults {sc.actors[missing[0]].name} before putting an offer on the table")
        if self.signals:
            tactic = self.tactic(state)
            if tactic is not None:
                return tactic
        return self.propose(state, stance, why)

    def tactic(self, state: State) -> Move | None:
        env = state.env()
        mine = [entry for entry in state.log if entry.actor == self.actor and entry.kind == "move"]
        notes = {entry.reason for entry in mine}
        last = mine[-1].reason if mine else None
        kinds = legal_kinds(state)
        for rule in state.scenario.tactics:
            spec = rule.spec
            if rule.actor != self.actor or spec.move not in kinds:
                continue
            if (spec.once and spec.note in notes) or spec.note == last:  # never twice in a row
                continue
            if rule.when is not None and rule.when(env):
                return Move(spec.move, reason=spec.note)
        return None

    def propose(self, state: State, stance: Stance, why: str) -> Move:
        sc = state.scenario
        own = sc.valuations[self.actor]
        lines = list(own.red_lines)
        for stakeholder in sc.backers(self.actor):
            if sc.actors[stakeholder].must_ratify and stakeholder in sc.valuations:
                lines += sc.valuations[stakeholder].red_lines
        forbidden = frozenset((r.issue, x) for r in lines if state.red_line_active(r.key) for x in r.forbid)
        model = self.model_of_other(state)
        turned_down = [o.package for o in state.offers if o.by == self.actor and o.full]
        found = find_package(sc, own.arrays, model, forbidden, stance.target, turned_down)
        if found is None:  # every package crosses a red line: nothing to offer
            kinds = legal_kinds(state)
            fallback = next(k for k in ("reject", "statement", "reassure", "promise", "walkout", "propose")
                            if k in kinds)
            if fallback == "propose":
                return Move("propose", package=tuple(max(range(len(row)), key=row.__getitem__)
                                                     for row in own.table), reason="no package meets our red lines")
            return Move(fallback, reason="no package meets our red lines")
        package, value = found
        reason = self.counter_reason(state, stance, value)
        return Move("propose", package=package, reason=reason + (f" ({why})" if why else ""))

    def counter_reason(self, state: State, stance: Stance, value: float) -> str:
        sc = state.scenario
        offer = state.offer
        if offer is not None and offer.by != self.actor:
            blocked = self.blocking(state, offer.package)
            if blocked:
                return f"counters: {blocked}"
            if not offer.full:
                return f"counters: completes the package at {value:.2f} for us"
            worth = sc.valuations[self.actor].utility(offer.package)
            return f"counters: your offer is worth {worth:.2f} to us; we aim for {stance.target:.2f}"
        return f"proposes a package worth {value:.2f} to us (aiming for {stance.target:.2f})"

    def model_of_other(self, state: State) -> list[np.ndarray]:
        """What the AI believes the other side values, per issue and option.

        Without an opponent model it only leans towards what the other side last
        asked for. With one, it learns weights from how rarely the other side moves
        on an issue and option values from how often it asks for them, seeded by
        the other side's public demands.
        """
        sc = state.scenario
        other = sc.other(self.actor)
        theirs = [o.package for o in state.offers if o.by == other]
        counts = [[0.1] * len(opts) for opts in sc.options]  # plain lists: cheaper than arrays this small
        if not self.level(state).opponent_model:  # lean towards what they have asked for, the latest most
            for n, package in enumerate(theirs):
                bonus = 2.0 if n == len(theirs) - 1 else 1.0
                for i, x in enumerate(package):
                    if x >= 0:
                        counts[i][x] += bonus
            return [np.array(c) * 1e-3 for c in counts]
        for demand in sc.actors[other].demands:
            i = sc.issue_index[demand.issue]
            counts[i][sc.option_index[i][demand.wants]] += 1.0
        weights = [1.0] * len(sc.issues)
        for n, package in enumerate(theirs):
            for i, x in enumerate(package):
                if x >= 0:
                    counts[i][x] += 1.0
                    if n and theirs[n - 1][i] == x:
                        weights[i] += 0.5
        total = sum(weights)
        return [np.array(c) * (w / total / max(c)) for w, c in zip(weights, counts)]
