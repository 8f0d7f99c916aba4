"""The role card: a seat's briefing, computed once from what the seat knows and rendered three ways
(the terminal, the window and the printed cards).

It comes from a seat's view (``role_card(view.scenario, view.own)``) or, for cards printed
before any game, from the scenario's ranges (``own_side(scenario, seat)``): the same code,
so the three never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.analysis.payoff import STAKEHOLDER_PENALTY
from game.analysis.wording import condition_words
from game.engine.view import OwnLine, OwnSide
from game.scenario.conditions import parse_condition
from game.scenario.public import PublicScenario
from game.scenario.schema import Source


@dataclass(frozen=True)
class Priority:
    issue: str  # title
    weight: float
    options: tuple[tuple[str, float], ...]  # (label, value from 0 to 1)

    @property
    def best(self) -> str:
        return max(self.options, key=lambda o: o[1])[0]


@dataclass(frozen=True)
class CardLine:
    """One of your red lines."""

    issue: str
    forbids: str  # the options it forbids, as labels
    stated: str | None
    firm: bool | None  # None: drawn for each game (see chance)
    chance: float  # the chance it is firm
    softens_when: str | None

    @property
    def text(self) -> str:
        return f"{self.issue}: never {self.forbids}"

    @property
    def firmness(self) -> str:
        if self.firm is True or (self.firm is None and self.chance >= 1.0):
            return "firm: your principal will refuse any deal across it"
        how = f" (it gives way when {self.softens_when})" if self.softens_when else ""
        if self.firm is None and self.chance > 0.0:
            return f"firm in {self.chance:.0%} of games, otherwise a bluff you may drop{how}"
        return f"a bluff you may drop{how}"


@dataclass(frozen=True)
class Counterpart:
    """Another seat, as you know it: its public face."""

    seat: str
    name: str
    speaker: str
    principal: str | None
    role: str
    public_position: str | None
    demands: tuple[str, ...]
    stated_lines: tuple[str, ...]


@dataclass(frozen=True)
class StakeholderNote:
    name: str
    leader: str | None
    backs: tuple[str, ...]  # names
    yours: bool  # it backs you
    must_ratify: bool
    requires_consultation: bool
    public_position: str | None
    plural: bool = False  # its name takes a plural verb

    @property
    def verdict(self) -> str:
        """What its verdict on a deal does, as the rules and the score say (``game.engine.ratify``,
        ``game.analysis.payoff``)."""
        they = "they reject" if self.plural else "it rejects"
        if self.must_ratify:
            return f"must ratify any deal: if {they} it, the deal fails"
        whose = "your score" if self.yours else "the score of each side " + ("they back" if self.plural else "it backs")
        return (f"need not ratify: if {they} a deal, the deal stands, but {whose} loses {STAKEHOLDER_PENALTY:.2f}")


@dataclass(frozen=True)
class RoleCard:
    seat: str
    title: str
    summary: str
    setting: str | None
    role: str  # negotiator or mediator
    you: str  # who you are at the table
    side: str  # whose side
    principal: str | None
    briefing: str | None
    priorities: tuple[Priority, ...]  # most important first
    reservation: float | None  # drawn for this game; None on a card printed before any game
    reservation_range: tuple[float, float] | None
    best: float
    red_lines: tuple[CardLine, ...]
    own_demands: tuple[str, ...]
    others: tuple[Counterpart, ...]
    stakeholders: tuple[StakeholderNote, ...]
    meters: tuple[tuple[str, str | None], ...]  # label, description
    deadline: int
    deadline_label: str
    order: str  # who moves when, in words
    simulated: str
    sources: tuple[str, ...] = ()  # the scenario's sources, cited
    turn_labels: tuple[str, ...] = ()  # the author's label of each turn, if any
    varies: bool = False  # the priorities are drawn for each game from the scenario's ranges

    @property
    def reservation_text(self) -> str:
        if self.reservation is not None:
            return f"{self.reservation:.2f}"
        if self.reservation_range is None:
            return "none"
        low, high = self.reservation_range
        return f"{low:.2f}" if low == high else f"between {low:.2f} and {high:.2f}"

    @property
    def priorities_note(self) -> str | None:
        """How to read priorities that each game draws from ranges."""
        if not self.varies:
            return None
        if self.reservation is None and self.reservation_range is not None:  # a card printed before any game
            return ("Your priorities vary from game to game: these are the middle of each range; each game draws "
                    "its own, and the game shows you yours when it starts.")
        return "Your priorities were drawn for this game: in another game they may differ (and so may the others')."

    @property
    def reservation_note(self) -> str | None:
        """How a card printed before any game (a range, not the value drawn) is to be read."""
        if self.reservation is not None or self.reservation_range is None:
            return None
        low, high = self.reservation_range
        return None if low == high else ("Each game draws one value in this range; the game shows you yours when "
                                         "it starts.")


def _labels(sc: PublicScenario, issue: int, options: frozenset[int]) -> str:
    return ", ".join(sc.issue_specs[issue].options[x].label for x in sorted(options))


def _line(sc: PublicScenario, line: OwnLine) -> CardLine:
    softens = condition_words(parse_condition(line.softens_when), sc) if line.softens_when else None
    return CardLine(sc.issue_specs[line.issue].title, _labels(sc, line.issue, line.forbid), line.stated, line.firm,
                    line.firm_chance, softens)


def role_card(sc: PublicScenario, own: OwnSide) -> RoleCard:
    seat = own.seat
    me = sc.actors[seat]
    ranked = sorted(range(len(sc.issues)), key=lambda i: -own.weights[i])
    priorities = tuple(
        Priority(sc.issue_specs[i].title, own.weights[i],
                 tuple((o.label, own.values[i][k]) for k, o in enumerate(sc.issue_specs[i].options)))
        for i in ranked if own.weights[i] > 0)
    others = tuple(
        Counterpart(s, sc.actors[s].name, sc.speaker(s), sc.actors[s].principal, sc.actors[s].role,
                    sc.actors[s].public_position, tuple(d.text for d in sc.actors[s].demands),
                    tuple(line.stated for line in sc.stated_by(s)))
        for s in sc.seats if s != seat)
    stakeholders = tuple(
        StakeholderNote(a.name, a.leader, tuple(sc.actors[b].name for b in sc.backs(s)), seat in sc.backs(s),
                        a.must_ratify, a.requires_consultation, a.public_position, a.plural)
        for s in sc.stakeholders for a in (sc.actors[s],))
    return RoleCard(
        seat, sc.title, sc.summary, sc.setting, me.role, sc.speaker(seat), me.name, me.principal, own.briefing,
        priorities, own.reservation, own.reservation_range, own.best, tuple(_line(sc, x) for x in own.red_lines),
        tuple(d.text for d in me.demands), others, stakeholders,
        tuple((m.label, m.description) for m in sc.meter_specs.values()), sc.deadline, sc.deadline_label,
        sc.mover_order(seat), sc.simulated, tuple(_cite(x) for x in sc.sources), sc.turn_labels, own.varies)


def _cite(source: Source) -> str:
    return source.cite + (f" ({source.url})" if source.url else "")


def stakeholder_groups(card: RoleCard) -> list[tuple[str, tuple[StakeholderNote, ...]]]:
    """The stakeholders as a briefing lists them, under headings: the seat's own (those that back it), then the
    other sides' (whose verdict can sink a deal too); a group with no one in it is left out, heading and all."""
    mine = tuple(s for s in card.stakeholders if s.yours)
    theirs = tuple(s for s in card.stakeholders if not s.yours)
    other = "The sides' stakeholders" if card.role == "mediator" else "The other side's stakeholders"
    if card.role != "mediator" and len({b for s in theirs for b in s.backs}) > 1:
        other = "The other sides' stakeholders"
    return [(heading, group) for heading, group in (("Your stakeholders", mine), (other, theirs)) if group]
