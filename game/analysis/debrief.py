"""The debrief: what a finished game teaches, as data any front end can show.

Each negotiator's result against its reservation (BATNA) and best case, the zone of possible
agreement, the Pareto frontier over every negotiator's utility and the Nash bargaining point
(the largest product of every side's gain over no deal), how much value the deal left on
the table, which red lines were firm and which were bluffs, the stakeholders' verdicts and
what happened. After the game everything is revealed: the debrief reads the whole state.
Charts show a pair of sides at a time (``pair``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from game.analysis.frontier import Frontier, NashPoint, distance_to_frontier, nash_point
from game.analysis.pareto import pair_plane, pareto_set
from game.analysis.payoff import SideResult, firm_masks, side_results, zone_mask
from game.engine.state import Ratification, State
from game.scenario.model import Package, Scenario


@dataclass(frozen=True)
class RedLineReport:
    """One red line after the game: firm or a bluff, and what happened to it. `softened`: a bluff whose
    condition was met (it no longer bound its owner); `crossed`: another side put an offer across it on the
    table; `gave_way`: its owner itself offered or agreed to a package across it."""

    owner: str
    issue: str
    stated: str
    firm: bool
    softened: bool
    crossed: bool = False
    gave_way: bool = False

    def verdict(self, owner: str) -> str:
        """What the line turned out to be, saying only what happened (`owner`: its owner's name)."""
        if self.firm:
            return "FIRM"
        if self.gave_way:
            return f"a bluff that gave way: {owner} itself offered or accepted a package across it"
        if self.softened and self.crossed:
            return (f"a bluff: its condition was met, so it no longer bound; but {owner} never offered or accepted "
                    "a package across it")
        if self.softened:
            return "a bluff: its condition was met, but it was never tested by an offer"
        if self.crossed:
            return "a bluff that held: offers crossed it, but its condition to give way was never met"
        return "a bluff, never tested by an offer"


@dataclass(frozen=True)
class OfferPoint:
    by: str
    turn: int
    utilities: tuple[float, ...]  # to each negotiator, in the scenario's order


@dataclass(frozen=True)
class Pair:
    """Two sides of the debrief on one chart: the frontier between them among efficient deals every other
    side would accept, their reservations, the Nash point, the deal and the offers."""

    sides: tuple[str, str]
    frontier: np.ndarray  # (m, 2), by the first side's utility ascending
    reservations: tuple[float, float]
    nash: tuple[float, float] | None
    deal: tuple[float, float] | None
    offers: tuple[tuple[str, int, float, float], ...]
    cloud: np.ndarray  # (k, 2): every package's worth to the pair (empty when there are too many to list)
    # (k,): which of those packages cross a firm red line (a principal would refuse them, or a stakeholder that must
    # ratify would reject them): no deal, so the frontier leaves them out, whatever they are worth
    blocked: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=bool))


@dataclass(frozen=True)
class SideNotes:
    """What the author wrote for one side's debrief: the outcome's text for that side, then its own text, and its
    discussion questions."""

    texts: tuple[str, ...] = ()
    questions: tuple[str, ...] = ()


@dataclass(frozen=True)
class Debrief:
    outcome: str
    title: str
    text: str
    package: Package | None
    negotiators: tuple[str, ...]
    sides: tuple[SideResult, ...]  # one per negotiator, in the scenario's order
    frontier: Frontier  # over the negotiators' utilities
    nash: NashPoint | None
    zone_size: int | None  # packages every side prefers to no deal (None: too many to count)
    package_count: int
    left_on_table: float | None  # distance from the deal to the frontier
    from_nash: float | None  # distance from the deal to the Nash point
    red_lines: tuple[RedLineReport, ...]
    ratifications: tuple[Ratification, ...]
    offers: tuple[OfferPoint, ...]  # full offers, with their worth to every negotiator
    timeline: tuple[tuple[float, ...], ...]
    history: str
    space: np.ndarray | None = None  # every package's worth to each negotiator (None: too many packages)
    by: str | None = None  # who ended the talks: the seat that walked out or accepted last; the meter that escalated
    mediator: tuple[str, float, float] | None = None  # the mediator, the deal's worth to it, its best case
    questions: tuple[str, ...] = ()  # the author's discussion questions for everyone
    by_side: dict[str, SideNotes] = field(default_factory=dict)  # the author's texts and questions per seat
    # each side's priorities as this game drew them, when the scenario gives ranges: (side, ((issue, weight), ...))
    drawn: tuple[tuple[str, tuple[tuple[str, float], ...]], ...] = ()
    blocked: np.ndarray | None = None  # per row of `space`: the package crosses a firm red line

    def notes(self, seat: str) -> SideNotes:
        return self.by_side.get(seat, SideNotes())

    def side(self, actor: str) -> SideResult:
        return self.sides[self.negotiators.index(actor)]

    def pair(self, first: str, second: str) -> Pair:
        i, j = self.negotiators.index(first), self.negotiators.index(second)
        plane = pair_plane(self.frontier.points, i, j, [side.reservation for side in self.sides])
        nash = (self.nash.utilities[i], self.nash.utilities[j]) if self.nash else None
        deal = (self.sides[i].utility, self.sides[j].utility) if self.package is not None else None
        cloud = self.space[:, [i, j]] if self.space is not None else np.empty((0, 2))
        blocked = self.blocked if self.blocked is not None and len(self.blocked) == len(cloud) \
            else np.zeros(len(cloud), dtype=bool)
        return Pair((first, second), plane, (self.sides[i].reservation, self.sides[j].reservation), nash, deal,
                    tuple((o.by, o.turn, o.utilities[i], o.utilities[j]) for o in self.offers), cloud, blocked)


def debrief(state: State) -> Debrief:
    sc = state.scenario
    result = state.result
    kind = result.kind if result else "deadline"
    outcome = getattr(sc.spec.outcomes, kind)
    deal = result.package if result and result.kind == "agreement" else None
    verdicts = result.ratifications if result else ()
    reservations = state.hidden.reservations
    sides = side_results(state)
    masks = firm_masks(sc, state.hidden.firm)
    # with three sides or more, only the efficient deals at least as good for every side as no deal (or as the
    # deal, where it was worse) matter here; leaving out the rest keeps large spaces tractable
    floors = None if len(sc.negotiators) == 2 else [
        min(reservations[a], side.utility) for a, side in zip(sc.negotiators, sides)]
    vals = state.valuations
    frontier = pareto_set([vals[a].arrays for a in sc.negotiators], masks, floors=floors)
    nash = nash_point(frontier, *(reservations[a] for a in sc.negotiators))
    left = from_nash = None
    if deal is not None:
        point = tuple(s.utility for s in sides)
        left = distance_to_frontier(frontier, point)
        if nash is not None:
            from_nash = float(np.linalg.norm(np.subtract(point, nash.utilities)))
    agreed = result.package if result is not None and result.kind in ("agreement", "ratification_failed") else None
    lines = tuple(
        RedLineReport(actor, sc.spec.issues[line.issue].title,
                      line.stated or f"no {', '.join(sc.options[line.issue][x] for x in sorted(line.forbid))}",
                      line.key in state.hidden.firm, line.key in state.softened,
                      any(o.by != actor and line.crossed_by(o.package) for o in state.offers),
                      any(o.by == actor and line.crossed_by(o.package) for o in state.offers)
                      or (agreed is not None and line.crossed_by(agreed)))
        for actor in sc.negotiators for line in sc.valuations[actor].red_lines)
    offers = tuple(OfferPoint(o.by, o.turn, tuple(vals[a].utility(o.package) for a in sc.negotiators))
                   for o in state.offers if o.full)
    zone = zone_mask(sc, reservations, masks, vals)
    space = blocked = None
    if sc.space.enumerable:
        packages = sc.outcome_space()
        space = np.column_stack([sc.utilities(a, packages, vals[a]) for a in sc.negotiators])
        allowed = np.ones(len(packages), dtype=bool)
        for i, mask in enumerate(masks):
            allowed &= mask[packages[:, i]]
        blocked = ~allowed
    mediator = None
    if sc.mediator is not None and deal is not None:
        val = vals[sc.mediator]
        mediator = (sc.mediator, val.utility(deal), val.best)
    questions, by_side = author_notes(sc, kind)
    return Debrief(kind, outcome.title, outcome.debrief, deal, sc.negotiators, sides, frontier, nash,
                   None if zone is None else int(zone.sum()), sc.package_count, left, from_nash, lines,
                   verdicts, offers, state.timeline, sc.spec.history.summary, space,
                   result.by if result else None, mediator, questions, by_side, drawn_priorities(state), blocked)


def meter_columns(count: int) -> tuple[str, ...]:
    """What each of the `count` entries of a debrief's timeline is: "start" (the meters before turn 1's events),
    then the end of each turn ("1", "2", ...), and last "end" (when the game ended: at the end of its last turn,
    or during it). The table shows the meters after each turn's events, so a turn's figures on the table can
    differ from the column before it."""
    if count <= 1:
        return ("start",) * count
    return ("start", *(str(n) for n in range(1, count - 1)), "end")


def drawn_priorities(state: State) -> tuple[tuple[str, tuple[tuple[str, float], ...]], ...]:
    """What each negotiator cared about in this game, when the scenario draws priorities from ranges."""
    sc = state.scenario
    return tuple((actor, tuple((sc.spec.issues[i].title, w) for i, w in sorted(
                     enumerate(state.valuations[actor].weights), key=lambda x: -x[1]) if w > 0))
                 for actor in sc.negotiators if actor in sc.varies)


def author_notes(sc: Scenario, outcome: str) -> tuple[tuple[str, ...], dict[str, SideNotes]]:
    """The author's discussion questions, and each seat's own debrief texts and questions after `outcome`."""
    spec = sc.spec.debrief
    told = getattr(sc.spec.outcomes, outcome).by_side
    by_side = {}
    for seat in sc.seats:
        mine = spec.by_side.get(seat) if spec else None
        texts = tuple(x for x in (told.get(seat), mine.text if mine else None) if x)
        questions = tuple(mine.questions) if mine else ()
        if texts or questions:
            by_side[seat] = SideNotes(texts, questions)
    return (tuple(spec.questions) if spec else ()), by_side
