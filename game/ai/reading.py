"""How the AI reads the other negotiators from its own view: how far they have moved, whether they push,
and what they told it (and whether their offers since bore it out).

Only the seat's own values and the public record go in: the other sides' offers are valued with the
seat's own utility ("how much better for us is their latest offer than their first?"), threats are
judged by the threatener's public unity meter, and answers are the seat's own ``View.learnt``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from game.engine.talk import Fact, read_fact
from game.engine.view import OwnSide, View
from game.scenario.space import OPEN, Package

STEP = 0.08  # a move smaller than this share of the way from our reservation to our best counts as none
FAST = 2.5  # they have given this many times as much ground as we have (and a good share of it): fast
DOUBT = 0.5  # a threat backed by a unity meter below this is not believed
FACTORS = {"top": 2.0, "middle": 1.0, "low": 0.5}  # what an answer about an issue does to its weight
COMPARE = 1.4


@dataclass(frozen=True)
class Reading:
    """What the seat makes of the other negotiators' conduct so far."""

    known: bool  # they have made offers enough to judge
    match: float  # how far their concessions keep pace with ours: 0 (not at all) to 1 (as far or further)
    moved: bool  # their offers have come towards us
    fast: bool  # they give ground much faster than we do
    held: int  # times a side that has not moved put the same package back on the table
    doubted: int  # threats against this seat that it does not believe
    step_issue: int | None  # the issue on which their latest offer came closest towards us, if it did

    @property
    def pushes(self) -> int:
        return self.held + self.doubted


def full_offers(view: View, seat: str) -> list[Package]:
    return [o.package for o in view.offers if o.by == seat and o.full]


def worth_of(own: OwnSide) -> Callable[[Package], float]:
    """What a package is worth to this seat, as ``View.utility`` says, remembered for the game (a seat's own side
    is made once a game: the same packages come back move after move)."""
    memo = own.__dict__.get("_worth")
    if memo is None:
        memo = own.__dict__["_worth"] = {}
    table = own.table

    def worth(package: Package) -> float:
        found = memo.get(package)
        if found is None:
            found = memo[package] = sum(row[x] for row, x in zip(table, package) if x >= 0)
        return found  # type: ignore[no-any-return]
    return worth


def read(view: View, only: str | None = None) -> Reading:
    """Its reading of every other negotiator together, or of `only` one of them.

    Its own concessions are those its offers show, as the others' are those theirs show: a seat that
    counted its concession clock instead (which its offers may not yet show) would see every other side
    lag behind it, and at a table of three AIs each would wait on the others."""
    own = view.own
    table = own.table
    span = max(1e-6, own.best_allowed - (own.reservation or 0.0))
    step = STEP * span
    full: dict[str, list[Package]] = {}  # every side's full offers, in order
    first_turns: dict[str, int] = {}
    for o in view.offers:
        if OPEN not in o.package:
            full.setdefault(o.by, []).append(o.package)
            first_turns.setdefault(o.by, o.turn)

    worth = worth_of(own)
    ours = full.get(view.seat)
    our_move = max(0.0, worth(ours[0]) - min(worth(p) for p in ours)) if ours else 0.0
    matches: list[float] = []
    moved = fast = False
    held = 0
    step_issue: int | None = None
    for other in (only,) if only is not None else view.scenario.others(view.seat):
        theirs = full.get(other)
        if not theirs or (len(theirs) < 2 and view.turn < first_turns[other] + 2):
            continue
        values = [worth(p) for p in theirs]
        their_move = max(values) - values[0]
        match = min(1.0, (their_move + step) / (our_move + step))
        matches.append(match)
        if their_move >= step:
            moved = True
            if (their_move >= FAST * max(our_move, step) and their_move >= 0.3 * span
                    and view.turn <= view.scenario.deadline / 2):
                fast = True  # early, and far more than we have: no need to hurry
        elif match < 0.5:  # we have moved and they have not: each repeat from the second is take it or leave it
            held = max(held, len(theirs) - len(set(theirs)) - 1)
        if len(theirs) >= 2:
            gains = [table[i][b] - table[i][a] for i, (a, b) in enumerate(zip(theirs[-2], theirs[-1]))]
            best = max(range(len(gains)), key=gains.__getitem__)
            if gains[best] > 1e-9:
                step_issue = best
    known = bool(matches)
    match = sum(matches) / len(matches) if matches else 1.0
    return Reading(known, match, moved, fast, max(0, held), doubted_threats(view), step_issue)


def doubted_threats(view: View) -> int:
    """The threats made against this seat that it does not believe: the threatener's unity meter (its
    coalition's cohesion, public) was low when it made them."""
    sc = view.scenario
    name = sc.actors[view.seat].name
    count = 0
    for entry in view.log:
        if entry.kind != "move" or entry.actor in (None, view.seat) or not entry.text.startswith("warns of"):
            continue
        if len(sc.negotiators) > 2 and f"({name})" not in entry.text:
            continue  # aimed at someone else
        unity = sc.actors[entry.actor].unity if entry.actor in sc.actors else None
        if unity is None:
            continue
        row = view.timeline[min(len(view.timeline) - 1, max(0, entry.turn - 1))]
        if row[sc.meter_index[unity]] < DOUBT:
            count += 1
    return count


@dataclass(frozen=True)
class Told:
    """One answer a seat was given about another side, and whether that side's offers since bear it out."""

    about: str
    fact: Fact
    false: bool  # contradicted by their offers


def moves_per_issue(packages: Sequence[Package], issues: int) -> list[int]:
    """How often a side's successive offers changed the option asked on each issue."""
    counts = [0] * issues
    for before, after in zip(packages, packages[1:]):
        for i, (a, b) in enumerate(zip(before, after)):
            if a >= 0 and b >= 0 and a != b:
                counts[i] += 1
    return counts


def told(view: View, about: str | None = None) -> list[Told]:
    """What this seat was told in answer to its questions (about one side, or every side), in order."""
    found = view.__dict__.get("_told")  # a view never changes: read once, whoever asks
    if found is None:
        sc = view.scenario
        found = []
        moves: dict[str, list[int]] = {}
        for who, text in view.learnt:
            fact = read_fact(text)
            if fact is None:
                continue
            if who not in moves:
                theirs = [o.package for o in view.offers if o.by == who]
                moves[who] = moves_per_issue(theirs, len(sc.issues))
            found.append(Told(who, fact, contradicted(fact, moves[who], sc.issue_index)))
        view.__dict__["_told"] = found
    return [item for item in found if about is None or item.about == about]


def contradicted(fact: Fact, moves: list[int], index: dict[str, int]) -> bool:
    """Whether a side's offers belie what it said: it gave way again and again on an issue it called one of its
    highest priorities, or moved far more on an issue it said mattered more than another."""
    # (a side also trades among the options of an issue it cares about: only a clear pattern counts)
    if fact.kind == "priority" and fact.level == "top":
        return moves[index[fact.issue]] >= 3
    if fact.kind == "priority" and fact.level == "low":
        return moves[index[fact.issue]] == 0 and sum(moves) >= 5
    if fact.kind == "compare" and fact.level in ("more", "less"):
        a, b = moves[index[fact.issue]], moves[index[fact.other]]
        return a >= b + 3 if fact.level == "more" else b >= a + 3
    return False


def weight_factors(view: View, other: str) -> list[float]:
    """Per issue, how much what `other` told this seat (and its offers have not belied) raises or lowers the
    weight this seat's model gives the issue."""
    sc = view.scenario
    factors = [1.0] * len(sc.issues)
    for item in told(view, other):
        if item.false:
            continue
        fact = item.fact
        if fact.kind == "priority":
            factors[sc.issue_index[fact.issue]] *= FACTORS.get(fact.level, 1.0)
        elif fact.kind == "compare" and fact.level in ("more", "less"):
            up, down = (fact.issue, fact.other) if fact.level == "more" else (fact.other, fact.issue)
            factors[sc.issue_index[up]] *= COMPARE
            factors[sc.issue_index[down]] /= COMPARE
    return factors


def question_to_ask(view: View) -> tuple[str, str] | None:
    """The side and the issue this seat knows least about (nothing told, no public demand, their offers
    silent on it), among those it has not asked about yet; ties go to the issues that matter least to this
    seat, where a trade could give way. None when it has asked about everything."""
    sc = view.scenario
    asked = {(who, read_fact(text).issue) for who, text in view.learnt  # type: ignore[union-attr]
             if read_fact(text) is not None}
    best: tuple[float, float, int, int] | None = None
    pick: tuple[str, str] | None = None
    for n, other in enumerate(sc.others(view.seat)):
        knowledge = [0.0] * len(sc.issues)
        for demand in sc.actors[other].demands:
            knowledge[sc.issue_index[demand.issue]] += 0.5
        for item in told(view, other):
            fact = item.fact
            if fact.kind == "priority":
                knowledge[sc.issue_index[fact.issue]] += 2.0
            elif fact.kind == "compare":
                knowledge[sc.issue_index[fact.issue]] += 1.0
                knowledge[sc.issue_index[fact.other]] += 1.0
        theirs = [o.package for o in view.offers if o.by == other]
        for i, count in enumerate(moves_per_issue(theirs, len(sc.issues))):
            knowledge[i] += 0.5 * count
        for i, issue in enumerate(sc.issues):
            if (other, issue) in asked:
                continue
            key = (knowledge[i], view.own.weights[i], n, i)
            if best is None or key < best:
                best, pick = key, (other, issue)
    return pick
