"""What every seat may know of a scenario: the table, not the hidden preferences.

A ``PublicScenario`` is made once per scenario and shared by every seat's view. It holds the
texts and rules anyone at the table knows (issues and options, the actors' public positions,
demands and stated red lines, the meters, the moves, the deadline, the sources) and nothing of
any actor's weights, values, reservation, bluffs, briefing, private consultation line or AI
script. It answers the same questions the full ``Scenario`` does about the table, so move
notation and package texts work with either.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from game.scenario.schema import Actor, Issue, Meter, MoveSpec, Source
from game.scenario.space import OutcomeSpace, Package

if TYPE_CHECKING:
    from game.engine.state import Offer
    from game.scenario.model import Scenario


@dataclass(frozen=True)
class StatedLine:
    """A red line an actor has stated in public: the others know it exists, not whether it is a bluff."""

    owner: str
    issue: int
    forbid: frozenset[int]
    stated: str


class TableFacts:
    """Who sits where and who backs whom: answered alike by the full Scenario and by what every seat knows."""

    actors: dict[str, Actor]
    negotiators: tuple[str, ...]
    mediator: str | None
    stakeholders: tuple[str, ...]
    issues: tuple[str, ...]
    options: tuple[tuple[str, ...], ...]
    _backs: dict[str, tuple[str, ...]]

    def backs(self, stakeholder: str) -> tuple[str, ...]:
        """The seats a stakeholder backs."""
        return self._backs.get(stakeholder, ())

    def backers(self, seat: str) -> tuple[str, ...]:
        """The stakeholders whose support this seat's side relies on."""
        memo = self.__dict__.setdefault("_backers", {})  # the table does not change: found once per seat
        found: tuple[str, ...] | None = memo.get(seat)
        if found is None:
            found = memo[seat] = tuple(s for s in self.stakeholders if seat in self._backs[s])
        return found

    def consultable(self, seat: str) -> tuple[str, ...]:
        """Whom a seat may consult: its own stakeholders, and the mediator (by a negotiator)."""
        mediator = (self.mediator,) if self.mediator and seat != self.mediator else ()
        return (*self.backers(seat), *mediator)

    def others(self, seat: str) -> tuple[str, ...]:
        """The negotiators other than `seat`, in the order they move."""
        memo = self.__dict__.setdefault("_others", {})  # the table does not change: found once per seat
        found: tuple[str, ...] | None = memo.get(seat)
        if found is None:
            found = memo[seat] = tuple(n for n in self.negotiators if n != seat)
        return found

    def speaker(self, actor: str) -> str:
        a = self.actors[actor]
        return a.negotiator or a.leader or a.name

    def plural(self, actor: str) -> bool:
        """Whether the actor's name takes a plural verb ('The Arab states reject')."""
        return self.actors[actor].plural

    def principal(self, actor: str) -> tuple[str, bool]:
        """Who answers for an actor at home (its principal, or its name), and whether that takes a plural verb:
        as the author says, or, for a principal that joins names with 'and' ('Begin and the Knesset'), yes."""
        a = self.actors[actor]
        if not a.principal:
            return a.name, a.plural
        if a.principal_plural is not None:
            return a.principal, a.principal_plural
        return a.principal, " and " in f" {a.principal} " or " & " in a.principal

    def package_text(self, package: Package) -> str:
        """A package in notation: issue=option for every issue it settles."""
        return " ".join(f"{issue}={opts[x]}" for issue, opts, x in zip(self.issues, self.options, package)
                        if x >= 0)


_IRREGULAR = {"has": "have", "is": "are", "was": "were", "does": "do", "goes": "go"}


def verb(word: str, plural: bool) -> str:
    """A verb in the third person present ('rejects') made to agree with a plural subject ('reject')."""
    if not plural:
        return word
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "shes", "ches", "xes", "zzes")):
        return word[:-2]
    return word[:-1] if word.endswith("s") else word


class PublicScenario(TableFacts):
    def __init__(self, sc: Scenario):
        spec = sc.spec
        self.id = sc.id
        self.title = sc.title
        self.summary = spec.summary
        self.setting = spec.setting
        self.minutes = spec.minutes
        self.simulated = spec.simulated
        self.sources: tuple[Source, ...] = tuple(spec.sources)
        self.deadline = sc.deadline
        self.deadline_label = spec.deadline.label
        self.turn_labels: tuple[str, ...] = tuple(spec.deadline.turn_labels)  # the author's label of each turn
        self.issues = sc.issues
        self.issue_index = sc.issue_index
        self.options = sc.options
        self.option_index = sc.option_index
        self.issue_specs: tuple[Issue, ...] = tuple(spec.issues)
        self.meters = sc.meters
        self.meter_index = sc.meter_index
        self.meter_specs: dict[str, Meter] = dict(spec.meters)
        self.moves: dict[str, MoveSpec] = {str(k): v for k, v in spec.moves.items()}
        self.enabled = sc.enabled
        self.seats = sc.seats
        self.seat_index = sc.seat_index
        self.negotiators = sc.negotiators
        self.mediators = sc.mediators
        self.mediator = sc.mediator
        self.stakeholders = sc.stakeholders
        # the actors as the table knows them: no briefing, no private consultation line
        self.actors: dict[str, Actor] = {a.id: a.model_copy(update={"briefing": None, "consult": None})
                                         for a in spec.actors}
        self.stated_lines: tuple[StatedLine, ...] = tuple(
            StatedLine(line.owner, line.issue, line.forbid, line.stated)
            for val in sc.valuations.values() for line in val.red_lines if line.public and line.stated)
        self.offer_names = sc.offer_names  # the condition names of each option on the table
        self.last_names = sc.last_names  # ... and in each seat's latest proposal
        self.event_names = {e.spec.id: "event." + e.spec.id for e in sc.events}
        self.choice_names = {(e.spec.id, c.id): f"choice.{e.spec.id}.{c.id}" for e in sc.events for c in e.spec.choices}
        self.consulted_names = {a: "consulted." + a for a in (*sc.stakeholders, *sc.mediators)}
        self._named: dict[tuple[str | None, Package], dict[str, float]] = {}
        self._described: dict[Package, str] = {}
        self.space: OutcomeSpace = sc.space
        self.package_count = sc.package_count
        self._backs = dict(sc._backs)


    def describe(self, package: Package) -> str:
        """A package in words: each issue it settles, with its option's label."""
        package = tuple(package)  # a list or an array of option indexes too
        found = self._described.get(package)
        if found is None:
            parts = [f"{issue.title}: {issue.options[x].label}" for issue, x in zip(self.issue_specs, package)
                     if x >= 0]
            found = "; ".join(parts) if parts else "nothing"
            if len(self._described) < 100_000:  # packages proposed in games of this scenario: a bounded memo
                self._described[package] = found
        return found

    def named(self, by: str | None, package: Package) -> dict[str, float]:
        """The condition names a package sets: on the table (`by` None) or as `by`'s latest proposal."""
        key = (by, package)
        found = self._named.get(key)
        if found is None:
            table = self.offer_names if by is None else self.last_names[by]
            found = {names[x]: 1.0 for names, x in zip(table, package) if x >= 0}
            if len(self._named) < 100_000:  # packages proposed in games of this scenario: a bounded memo
                self._named[key] = found
        return found

    def turn_label(self, turn: int) -> str | None:
        """The author's label for a turn ('Day 3: Thursday 7 September'), if there is one."""
        return self.turn_labels[turn - 1] if 1 <= turn <= len(self.turn_labels) else None

    def turn_heading(self, turn: int) -> str:
        """A turn as every front end names it: 'Turn 3 of 9: ' and the turn's own label, or else the deadline's."""
        return f"Turn {turn} of {self.deadline}: {self.turn_label(turn) or self.deadline_label}"

    def stated_by(self, actor: str) -> tuple[StatedLine, ...]:
        return tuple(line for line in self.stated_lines if line.owner == actor)

    def mover_order(self, seat: str | None = None) -> str:
        """Who moves when, in words (`seat` reads itself as 'you'): the order of seats in every round."""
        names = ["you" if s == seat else f"{self.speaker(s)} ({self.actors[s].name})" for s in self.seats]
        first = "you move" if names[0] == "you" else f"{names[0]} moves"
        return f"Each round, after the round's events, {first} first, then " + ", then ".join(names[1:]) + "."


def condition_env(sc: PublicScenario, meters: tuple[float, ...], turn: int, offer: Offer | None,
                  offers: tuple[Offer, ...], fired: frozenset[str], chosen: tuple[tuple[str, str], ...],
                  consulted: frozenset[str]) -> dict[str, float]:
    """The names a condition may read, with their values. Every one is public: meters, the turn, events and
    choices, consultations, the offer on the table and each seat's latest proposal. (A name that is absent
    reads as 0.)"""
    return with_meters(sc, meters, table_env(sc, turn, offer, offers, fired, chosen, consulted))


def with_meters(sc: PublicScenario, meters: tuple[float, ...], table: dict[str, float]) -> dict[str, float]:
    """The names conditions read: the meters, then the rest of the table (`table_env`)."""
    values: dict[str, float] = dict(zip(sc.meters, meters))
    values.update(table)
    return values


def table_env(sc: PublicScenario, turn: int, offer: Offer | None, offers: tuple[Offer, ...], fired: frozenset[str],
              chosen: tuple[tuple[str, str], ...], consulted: frozenset[str],
              on_table: dict[str, float] | None = None) -> dict[str, float]:
    """The names conditions read, but the meters: what changes only from one move to another, while reactions and
    drifts move the meters (the engine keeps it for a state and its successors with other meters). `on_table`:
    `offers_env(sc, offer, offers)`, when the caller has it."""
    values: dict[str, float] = {"turn": float(turn), "turns_left": float(sc.deadline - turn),
                                "offers": float(len(offers))}
    names = sc.event_names
    for event in fired:
        values[names[event]] = 1.0
    for pair in chosen:
        values[sc.choice_names[pair]] = 1.0
    for actor in consulted:
        values[sc.consulted_names[actor]] = 1.0
    values.update(offers_env(sc, offer, offers) if on_table is None else on_table)
    return values


def offers_env(sc: PublicScenario, offer: Offer | None, offers: tuple[Offer, ...]) -> dict[str, float]:
    """The names the offers set: the offer on the table's, then each seat's latest proposal's."""
    values: dict[str, float] = {} if offer is None else dict(sc.named(None, offer.package))
    seen: set[str] = set()
    for made in reversed(offers):  # each seat's latest proposal
        if made.by in seen:
            continue
        seen.add(made.by)
        values.update(sc.named(made.by, made.package))
        if len(seen) == len(sc.seats):
            break
    return values
