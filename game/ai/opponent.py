"""The scenario's AI: it plays a seat from the scenario's preferences for that seat, seen through its view.

Stateless: every decision is computed from the seat's view (offers so far, meters, turn,
what it was told), so a resumed or replayed game gets the same decisions. As a negotiator:

1. its aspiration falls over time along a concession curve (Boulware to Conceder),
   sped up by threats made credible by the threatener's coalition cohesion and by
   the scenario's meter modifiers;
2. it bargains like a person (``game.ai.reading``): its clock runs only as fast as the
   other sides' offers have come towards it, valued with its own utility, against how far
   its own offers have come (a hard line is answered with a hard line, concessions with
   concessions, by the level's reciprocity); it slows down for a side that gives ground
   fast, and counts a threat it does not believe as a reason to hold firm, not to move;
   at a table of more than two it weighs each side's offer by that side's own conduct;
3. it accepts a full offer worth at least what it would ask next, never below its
   reservation value, never across one of its red lines that still binds;
4. otherwise it walks out, answers pressure with pressure (a level of high reciprocity:
   a warning of its own, a walkout once tension runs high), asks a question early
   about the issue it knows least about, uses a scripted tactic, or counter-proposes
   the package its model of the other sides (their offers, and what they told it)
   likes best among those that meet its aspiration and take back nothing it has
   offered (``game.ai.commit``: unless another side took something back first, or it
   meets a hard line with one, and then its reason says so); an offer worth as much as
   the most it could still ask without taking anything back, it accepts.

Its reasons are in words, never in its numbers (``game.ai.words``).

As a mediator it tables a single negotiating text (``game.ai.mediator``).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.ai.commit import Forbidden, kept, licence, offered, taken_back, their_values
from game.ai.mediator import mediate
from game.ai.model import model_of_others
from game.ai.reading import Reading, question_to_ask, read, told
from game.ai.script import tactic, wait
from game.ai.search import find_package
from game.ai.words import accept_reason, conduct, counter_reason, took_back_reason, with_notes
from game.engine.moves import Move
from game.engine.talk import answer_by_chance
from game.engine.view import View
from game.scenario.model import concession_exponent, reciprocity
from game.scenario.schema import Difficulty
from game.scenario.space import Package


@dataclass(frozen=True)
class Stance:
    """What the AI is aiming for this turn, and why."""

    target: float
    reservation: float
    notes: tuple[str, ...]
    reading: Reading | None = None
    reciprocity: float = 0.0


PUSHBACK = 0.6  # from this reciprocity, the AI answers pressure with pressure
QUESTIONS = 2  # at most this many questions a game, in its first third
HOLDOUT = 0.25  # at a table of more than two, how much a side that has not moved counts in what it offers


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

    def stance(self, view: View, judge: str | None = None) -> Stance:
        """`judge`: at a table of more than two negotiators, read only this side's conduct (the one whose offer it
        weighs: a side that has not moved is not carried by the others' concessions)."""
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
        r = reciprocity(level)
        exponent = concession_exponent(level)
        span = (best - reservation) * level.start
        reading = read(view, judge)
        if reading.known:  # its clock runs as fast as their concessions keep pace with its own
            match = reading.match
            if reading.moved:  # a side that has come towards it gets at least half, and near the end all of it
                match = 1.0 if view.turns_left <= 1 else max(match, 0.5)
            elif view.turns_left <= 0 and r < PUSHBACK:  # in the last round, below hard, no deal is worse
                match = 1.0
            speed *= (1.0 - r) + r * match
            if reading.fast:
                speed *= 1.0 - 0.5 * r
        speed *= (1.0 - 0.5 * r) ** min(2, reading.doubted)
        elapsed = (view.turn - 1) * speed + view.pressure
        tau = min(1.0, elapsed / max(1, view.scenario.deadline - 1))
        target = reservation + span * (1.0 - tau ** (1.0 / exponent))
        return Stance(max(target, reservation), reservation, tuple(notes), reading, r)

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
        if view.question is not None:  # a question put to it: honest as often as trust allows
            return answer_by_chance(view)
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
                    if note == f"walks out: {when.text}":  # the level's rule, which has no words of its own
                        note = "walks out: the room has grown too hot, and too distrustful, to stay"
                    return Move("walkout", reason=note + (f" ({why})" if why else ""))
        offer = view.offer
        if self.signals and (walkout := self.walk_out_when_pushed(view, stance)) is not None:
            return walkout
        missing = [s for s in sc.backers(self.seat)
                   if sc.actors[s].requires_consultation and s not in view.consulted]
        if not missing or "consult" not in kinds:
            missing = []
        if offer is not None and offer.full and "accept" in kinds:
            value = view.utility(offer.package)
            judged = stance
            if self.crowded(view) and offer.by in sc.negotiators and offer.by != self.seat:
                judged = self.stance(view, offer.by)  # has this side's own conduct earned this offer a deal?
            blocked = self.blocking(view, offer.package)
            if missing and blocked is None and value >= stance.reservation:
                return Move("consult", target=missing[0],
                            reason=f"consults {sc.actors[missing[0]].name}: a deal may be near")
            if blocked is None and value >= stance.reservation and (
                    value >= judged.target - 1e-9 or value >= self.next_offer_worth(view, stance) - 1e-9):
                return Move("accept", reason=with_notes(accept_reason(view, offer.package, judged.reading), why))
        if missing and (view.turns_left <= 2 or not any(o.by == self.seat for o in view.offers)):
            # a full offer made before consulting could be accepted and then fail at home
            return Move("consult", target=missing[0],
                        reason=f"consults {sc.actors[missing[0]].name} before putting an offer on the table")
        if offer is not None and offer.full and self.seat in view.accepted and view.accepted - {self.seat}:
            # others have accepted this package too: a new proposal would clear every acceptance of it
            waiting = wait(view, "has accepted the package on the table, as others have; waits for the rest")
            if waiting is not None:
                return waiting
        if self.signals and (pushback := self.push_back(view, stance)) is not None:
            return pushback
        if self.signals and (question := self.ask(view)) is not None:
            return question
        if self.signals and (scripted := tactic(view)) is not None:
            return scripted
        return self.propose(view, stance, why)

    def walk_out_when_pushed(self, view: View, stance: Stance) -> Move | None:
        """On a level of high reciprocity, a side that keeps pushing without moving, once tension runs high,
        finds the AI gone: when nothing on the table is worth a deal to it."""
        reading = stance.reading
        if (reading is None or stance.reciprocity < PUSHBACK or "walkout" not in view.kinds or self.crowded(view)
                or reading.pushes < 3 or reading.moved or reading.match > 0.34 or not self.heated(view, 0.25)):
            return None
        offer = view.offer
        if offer is not None and offer.full and offer.by != self.seat and view.utility(offer.package) >= stance.target:
            return None
        return Move("walkout", reason="walks out: you will not move, and the pressure only grows")

    def push_back(self, view: View, stance: Stance) -> Move | None:
        """On a level of high reciprocity, a warning in answer to each push (a take-it-or-leave-it offer put back
        again, a threat it does not believe), at most three, while tension leaves room."""
        reading = stance.reading
        if reading is None or stance.reciprocity < PUSHBACK or "threaten" not in view.kinds or self.crowded(view):
            return None
        mine = [e for e in view.log if e.actor == self.seat and e.kind == "move"]
        threats = sum(1 for e in mine if e.text.startswith("warns of"))
        if reading.pushes <= threats or threats >= 3 or (mine and mine[-1].text.startswith("warns of")):
            return None
        if self.heated(view, 0.15):
            return None
        move = next(m for m in view.moves if m.kind == "threaten")
        if reading.doubted > reading.held:
            return move.but("warns in return: it does not believe your warnings and will not be pressed")
        return move.but("warns in return: it will not be handed the same package again and again")

    @staticmethod
    def crowded(view: View) -> bool:
        """At a table of more than two negotiators, pushing back on one side would hit the others: it holds
        firm, but does not threaten or walk out over it."""
        return len(view.scenario.negotiators) > 2

    def heated(self, view: View, margin: float) -> bool:
        """Whether a meter that ends the talks is within `margin` of its threshold."""
        sc = view.scenario
        return any(spec.escalate_at is not None and view.meter(name) >= spec.escalate_at - margin
                   for name, spec in sc.meter_specs.items())

    def ask(self, view: View) -> Move | None:
        """Early in the talks, once its opening is on the table, a question about the issue it knows least about
        (at most QUESTIONS, never two in a row, a second only when the first told it little)."""
        if "question" not in view.kinds or view.turn > max(2, view.scenario.deadline // 3):
            return None
        if not any(o.by == self.seat for o in view.offers):
            return None
        answers = told(view)
        mine = [e for e in view.log if e.actor == self.seat and e.kind == "move"]
        if len(answers) >= QUESTIONS or (mine and mine[-1].text.startswith("asks")):
            return None
        if answers and answers[-1].fact.kind == "priority":
            return None  # a straight answer: enough asked for now
        found = question_to_ask(view)
        if found is None:
            return None
        other, issue = found
        move = next((m for m in view.moves if m.kind == "question" and m.target == issue
                     and m.seat in (None, other)), None)
        if move is None:
            return None
        title = view.scenario.issue_specs[view.scenario.issue_index[issue]].title
        return move.but(f"asks what it knows least about: how much {title} matters to them")

    @staticmethod
    def forbidden(view: View) -> Forbidden:
        """The options its own red lines and its stakeholders' that still bind rule out."""
        own = view.own
        return frozenset((line.issue, x) for line in (*own.red_lines, *own.allies)
                         if line.key in view.binding for x in line.forbid)

    def theirs(self, view: View) -> list[np.ndarray]:
        """What the others value together, by its models of them; at a table of more than two, each side counts
        as far as its offers have kept pace with its own, and one that has not moved at all for a quarter of that
        (it gives to those who give: a side holding one package is not handed it by the others at the end)."""
        learn = self.level(view).opponent_model
        memo = view.__dict__.setdefault("_theirs", {})  # a view never changes: its reading is made once
        if learn in memo:
            return memo[learn]  # type: ignore[no-any-return]
        models = model_of_others(view, learn)
        if self.crowded(view):
            for other, rows in models.items():
                reading = read(view, other)
                if reading.known:
                    weight = reading.match if reading.moved else reading.match * HOLDOUT
                    models[other] = [row * weight for row in rows]
        memo[learn] = found = their_values(view, models)
        return found

    def next_offer_worth(self, view: View, stance: Stance) -> float:
        """The most its next offer could ask for without taking back what it has offered (without a reason to):
        an offer worth this much to it is as good as its own next one."""
        if licence(view, stance.reading) is not None:
            return float("inf")
        out = kept(view, self.theirs(view)) | self.forbidden(view)
        best = 0.0
        for i, row in enumerate(view.own.table):
            allowed = [v for y, v in enumerate(row) if (i, y) not in out]
            if not allowed:
                return float("inf")
            best += max(allowed)
        return best

    def propose(self, view: View, stance: Stance, why: str) -> Move:
        own = view.own
        space = view.scenario.space
        forbidden = self.forbidden(view)
        theirs = self.theirs(view)
        turned_down = [o.package for o in view.offers if o.by == self.seat and o.full]
        made = offered(view)
        keep = kept(view, theirs, made)
        found = (find_package(space, own.arrays, theirs, forbidden | keep, stance.target, turned_down) if keep
                 else None)
        why_back = None
        if found is None or found[1] < stance.target - 1e-9:
            why_back = licence(view, stance.reading) if keep else None
            if found is None or why_back is not None:  # what it offered goes only for a reason it names
                found = find_package(space, own.arrays, theirs, forbidden, stance.target, turned_down)
        if found is None:  # every package crosses a red line: nothing to offer
            fallback = next(k for k in ("reject", "statement", "reassure", "promise", "pass", "walkout", "propose")
                            if k in view.kinds)
            if fallback == "propose":
                return Move("propose", package=tuple(max(range(len(row)), key=row.__getitem__)
                                                     for row in own.table), reason="no package meets our red lines")
            return Move(fallback, reason="no package meets our red lines")
        package, _ = found
        reason = counter_reason(view, package, self.blocking(view, view.offer.package)
                                if view.offer is not None and view.offer.by != self.seat else None, stance.reading)
        back_note = ""
        if keep and (issues := taken_back(view, package, theirs, made)):
            back_note = took_back_reason(view, issues, why_back or "our own red lines leave nothing else")
        return Move("propose", package=package, reason=with_notes(reason, back_note,
                                                                   conduct(view, stance.reading, package), why))
