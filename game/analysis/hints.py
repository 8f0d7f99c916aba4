"""Practice-mode hints: short advice drawn from one seat's view.

They use only what that seat knows: its own preferences, the public record of the talks, the
answers it was given and the meters. They cannot reveal another side's hidden values: those are
not in the view. About the other sides they teach how to find out (ask; watch which issues their
offers move on; check answers against offers), never the answer.

The red-line warnings live here too (``crossing``, ``offer_warning``, ``accept_warning``,
``option_marks``): the hints, the terminal's table and offer builder, the window's offer box, builder
and accept dialog all take their words from them, so every front end warns of the same offers in the
same way.

So does the mark on a line of the record said to one seat alone (``heard_alone``): the terminal and the window
mark the same lines.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.ai.reading import moves_per_issue, told
from game.engine.state import LogEntry
from game.engine.view import OwnLine, View
from game.scenario.public import verb
from game.scenario.space import OPEN, Package


@dataclass(frozen=True)
class Crossing:
    """The red lines a package crosses that matter to one seat (those that still bind), by what crossing them
    does: the one computation behind every red-line warning (the hints, the terminal and the window)."""

    firm: tuple[OwnLine, ...]  # the seat's own firm red lines: its principal refuses the deal
    bluffs: tuple[OwnLine, ...]  # its own bluffs not yet given way: it may drop them, its principal accepts
    allies: tuple[OwnLine, ...]  # red lines of stakeholders that must ratify its deals: they reject it at home

    def __bool__(self) -> bool:
        return bool(self.firm or self.bluffs or self.allies)

    @property
    def fails(self) -> bool:
        """Whether a deal on the package fails at home (a principal or a stakeholder refuses it)."""
        return bool(self.firm or self.allies)


def crossing(view: View, package: Package) -> Crossing:
    """What `package` (full or partial: an issue left open crosses nothing) crosses of this seat's red lines and
    of its must-ratify stakeholders', among those that still bind."""
    lines = view.crossed(package, allies=True)
    own = [line for line in lines if line.owner == view.seat]
    return Crossing(tuple(line for line in own if line.firm), tuple(line for line in own if not line.firm),
                    tuple(line for line in lines if line.owner != view.seat))


@dataclass(frozen=True)
class Verdict:
    """What a package being built means for a seat, in words from the longest to the shortest (a front end shows
    the longest that fits), and its tone: warning, muted or good."""

    texts: tuple[str, ...]
    tone: str


def verdict(view: View, package: Package) -> Verdict:
    """The offer builders' verdict on a package (the window's and the class page's)."""
    sc = view.scenario
    found = crossing(view, package)
    own = _titles(view, (*found.firm, *found.bluffs))
    reservation = view.own.reservation
    if own:
        return Verdict((f"(!) Crosses your red line on {', '.join(own)}", "(!) Crosses your red line",
                        "(!) Your red line"), "warning")
    if found.allies:
        name = sc.actors[found.allies[0].owner].name.split(" (")[0].strip()
        return Verdict((f"(!) {name} would reject it at home: the deal fails", f"(!) {name} would reject it",
                        "(!) Rejected at home"), "warning")
    if OPEN in package:
        left = package.count(OPEN)
        return Verdict((f"Partial: {left} issue{'s' * (left != 1)} still open", f"{left} open"), "muted")
    if reservation is None:
        return Verdict(("A full package: the sides decide whether it is a deal", "A full package"), "muted")
    if view.utility(package) >= reservation:
        return Verdict(("OK: better for you than no deal", "OK: better than no deal", "OK"), "good")
    return Verdict(("(!) Below your reservation: worse than no deal", "(!) Worse than no deal",
                    "(!) Below reservation"), "warning")


def _titles(view: View, lines: tuple[OwnLine, ...]) -> list[str]:
    sc = view.scenario
    return list(dict.fromkeys(sc.issue_specs[line.issue].title for line in lines))


def _red_line_of(name: str) -> str:
    """'Ukraine's red line', "The dockers' union's red line"; a name that ends in brackets takes no possessive
    after them: 'the red line of European allies (Germany, France, United Kingdom)'."""
    if name.endswith(")"):
        return f"the red line of {name}"
    return name + ("'" if name.endswith("s") else "'s") + " red line"


def _listed(titles: list[str], short: bool) -> str:
    if short and len(titles) > 1:
        return f"{titles[0]} and {len(titles) - 1} more"
    return titles[0] if len(titles) == 1 else ", ".join(titles[:-1]) + " and " + titles[-1]


def offer_warning(view: View, *, short: bool = False) -> str | None:
    """What the offer on the table does to this seat's red lines, in one sentence, whoever made it (another
    side, the mediator, an event, the seat itself) and full or partial; None when it crosses none that binds.
    `short`: name the first issue and count the rest (the hint box)."""
    offer = view.offer
    if offer is None:
        return None
    found = crossing(view, offer.package)
    if not found:
        return None
    sc = view.scenario
    mine = offer.by == view.seat
    thing = "text" if offer.by == sc.mediator else "offer"
    subject = f"Your own {thing} on the table" if mine else \
        f"The {'partial ' if not offer.full else ''}{thing} on the table"
    if found.firm:
        lines = _listed(_titles(view, found.firm), short)
        red = "firm red lines" if len(found.firm) > 1 and not short else "firm red line"
        if mine:
            return f"{subject} crosses your {red} on {lines}: if it is accepted, your principal refuses the deal."
        if not offer.full:
            return f"{subject} already crosses your {red} on {lines}: your principal would refuse any deal on it."
        return f"{subject} crosses your {red} on {lines}: your principal would refuse it."
    if found.allies:
        owner = found.allies[0].owner
        name = sc.actors[owner].name
        lines = _listed(_titles(view, tuple(x for x in found.allies if x.owner == owner)), short)
        return (f"{subject} crosses {_red_line_of(name)} on {lines}: {name} would reject it at home, and a deal "
                "on it fails ratification.")
    lines = _listed(_titles(view, found.bluffs), short)
    return (f"{subject} crosses the red line you stated on {lines}: a bluff you may drop (your principal would "
            "accept the deal), but giving way on it is a concession.")


def accept_warning(view: View) -> str | None:
    """Before this seat accepts the offer on the table: what is wrong with it when a deal on it would fail at home
    (it crosses one of the seat's own firm red lines, or a red line of a stakeholder that must ratify); None when
    nothing is. The terminal and the window ask before accepting when it says something."""
    offer = view.offer
    if offer is None:
        return None
    found = crossing(view, offer.package)
    if not found.fails:
        return None
    sc = view.scenario
    out = []
    if found.firm:
        named = "; ".join(f"{sc.issue_specs[line.issue].title}"
                          + (f' ("{line.stated.strip()}")' if line.stated else "") for line in found.firm)
        principal = sc.principal(view.seat)[0] if sc.actors[view.seat].principal else "your principal"
        red = "firm red line" if len(found.firm) == 1 else "firm red lines"
        out.append(f"This offer crosses your {red} on {named}. {principal[:1].upper()}{principal[1:]} will refuse "
                   f"any deal across {'it' if len(found.firm) == 1 else 'them'}: if the deal is made, it fails.")
    for owner in dict.fromkeys(line.owner for line in found.allies):
        name = sc.actors[owner].name
        issues = _listed(_titles(view, tuple(x for x in found.allies if x.owner == owner)), False)
        start = "It also" if out else "This offer"
        out.append(f"{start} crosses {_red_line_of(name)} on {issues}: {name} {verb('rejects', sc.plural(owner))} "
                   "any deal across it at home, and the deal fails ratification.")
    return " ".join(out)


PRIVATE = "only you hear this"  # the mark on a line said to the reader alone (``heard_alone``)


def heard_alone(view: View, item: LogEntry) -> bool:
    """Whether a line of the record was said to this seat alone: whoever says it speaks to this seat and no other
    seat hears it (an answer to this seat's question, a stakeholder's reply when it consults). A line that tells
    the other seats what one seat did (the public wording of an event's choice) is not, even when, at a table of
    two, this seat is the only other one; nor is the chooser's own wording of it, which every seat hears told its
    way; nor is any line this seat says itself."""
    if item.audience is None or item.actor is None or item.actor == view.seat or item.actor not in item.audience:
        return False
    seats = view.scenario.seats
    return {s for s in item.audience if s in seats and s != item.actor} == {view.seat}


def option_marks(view: View, issue: int, option: int) -> list[str]:
    """Why an option is out of the question for this seat, in words for the offer builders: its own red line or a
    must-ratify stakeholder's (those that still bind)."""
    sc = view.scenario
    marks = []
    for line in (*view.own.red_lines, *view.own.allies):
        if line.issue == issue and option in line.forbid and line.key in view.binding:
            marks.append("crosses your red line" if line.owner == view.seat
                         else f"{sc.actors[line.owner].name} would reject it")
    return list(dict.fromkeys(marks))


def hints(view: View) -> list[str]:
    sc = view.scenario
    reservation = view.own.reservation
    out: list[str] = []
    offer = view.offer
    warning = offer_warning(view, short=True)  # whoever made the offer, full or partial
    if warning is not None:
        out.append(warning)
    if (offer is not None and offer.full and "accept" in view.kinds and reservation is not None
            and not crossing(view, offer.package).fails):
        worth = view.utility(offer.package)
        awaited = [sc.actors[s].name for s in sc.negotiators if s != view.seat and s not in view.accepted]
        if worth >= reservation:
            then = ("Accepting is a deal" if not awaited else
                    f"Accepting adds your acceptance; the deal also needs {' and '.join(awaited)}")
            out.append(f"The offer on the table is worth {worth:.2f} to you, more than no deal "
                       f"({reservation:.2f}). {then}; proposing may win more, or lose it.")
        else:
            out.append(f"The offer on the table is worth {worth:.2f} to you, less than no deal "
                       f"({reservation:.2f}).")
    waiting = [s for s in sc.backers(view.seat) if sc.actors[s].requires_consultation and s not in view.consulted]
    if waiting:
        plural = sc.plural(waiting[0])
        out.append(f"{sc.actors[waiting[0]].name} {verb('expects', plural)} to be consulted: a deal made without "
                   f"{'them' if plural else 'it'} will fail ratification.")
    for name, spec in sc.meter_specs.items():
        value = view.meter(name)
        if spec.escalate_at is not None and value >= spec.escalate_at - 0.12:
            out.append(f"{spec.label} is at {value:.2f}, close to {spec.escalate_at:.2f} where the talks "
                       "break down: threats push it up, reassurance brings it down.")
    unity = sc.actors[view.seat].unity
    if unity and view.meter(unity) < 0.45:
        out.append(f"Your {sc.meter_specs[unity].label.lower()} is low: your threats carry less weight "
                   "until you consult your allies.")
    if view.turn >= sc.deadline:  # the deadline's own round: the talks end when it does
        out.append("This is the last round: no deal means everyone gets their reservation value.")
    elif not view.offers:
        out.append("Trades across issues are how deals are found: give way where you care less, "
                   "ask where you care more. A question reveals how much an issue matters to them.")
    else:
        out.extend(finding_out(view))
    return out


def finding_out(view: View) -> list[str]:
    """How to learn what the other sides value: what to ask, what to watch, what to doubt."""
    sc = view.scenario
    answers = told(view)
    out = []
    for item in answers:
        if item.false:
            title = sc.issue_specs[sc.issue_index[item.fact.issue]].title
            out.append(f"{sc.actors[item.about].name} told you about {title}, but its offers since have not "
                       "matched what it said: weigh what a side does above what it says.")
            return out
    evaded = evasions(view)
    if evaded:
        side, issue = evaded[0]
        meter = sc.moves.get("question")
        trust = sc.meter_specs[meter.honesty].label.lower() if meter and meter.honesty in sc.meter_specs else "trust"
        title = sc.issue_specs[sc.issue_index[issue]].title
        out.append(f"{sc.actors[side].name} evaded your question on {title}: answers grow more open with {trust}. "
                   "Build it (promises, reassurance) and ask again, or ask about another issue.")
    elif not answers and "question" in view.kinds and view.turn <= max(2, sc.deadline // 2):
        out.append("You do not yet know what matters most to them: ask about an issue, and compare the answer "
                   "with their offers.")
    for other in sc.others(view.seat):
        theirs = [o.package for o in view.offers if o.by == other]
        if len(theirs) >= 3 and sum(moves_per_issue(theirs, len(sc.issues))) > 0:
            out.append(f"Watch {sc.actors[other].name}'s offers: the issues on which they keep asking for the same "
                       "option are the ones they care about; where they give way, they care less.")
            break
    return out[:1]


def evasions(view: View) -> list[tuple[str, str]]:
    """The sides whose latest answer to this seat's questions was evasive, with the issue, while it is news: given
    this round or the last, and not followed by another answer from that side."""
    out = []
    for side in view.scenario.others(view.seat):
        answers = told(view, side)
        if not answers or answers[-1].fact.kind != "evasive":
            continue
        when = max((e.turn for e in view.log if e.kind == "answer" and e.actor == side), default=0)
        if when >= view.turn - 1:
            out.append((side, answers[-1].fact.issue))
    return out
