"""Practice-mode hints: short advice drawn from one seat's view.

They use only what that seat knows: its own preferences, the public record of the talks, the
answers it was given and the meters. They cannot reveal another side's hidden values: those are
not in the view. About the other sides they teach how to find out (ask; watch which issues their
offers move on; check answers against offers), never the answer.
"""

from __future__ import annotations

from game.ai.reading import moves_per_issue, told
from game.engine.view import View
from game.scenario.public import verb


def hints(view: View) -> list[str]:
    sc = view.scenario
    reservation = view.own.reservation
    out: list[str] = []
    offer = view.offer
    if offer is not None and offer.full and "accept" in view.kinds and reservation is not None:
        worth = view.utility(offer.package)
        crossed = [sc.issue_specs[line.issue].title for line in view.own.red_lines
                   if line.firm and line.crossed_by(offer.package)]
        rejecting = [sc.actors[line.owner].name for line in view.crossed(offer.package, allies=True)
                     if line.owner != view.seat]
        awaited = [sc.actors[s].name for s in sc.negotiators if s != view.seat and s not in view.accepted]
        if crossed:
            more = f" and {len(crossed) - 1} more" if len(crossed) > 1 else ""
            out.append(f"The offer crosses your firm red line on {crossed[0]}{more}: your principal would refuse it.")
        elif rejecting:
            out.append(f"The offer on the table is worth {worth:.2f} to you, but {rejecting[0]} would reject it "
                       "at home: a deal on it fails ratification.")
        elif worth >= reservation:
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
    if answers and answers[-1].fact.kind == "evasive":
        meter = sc.moves.get("question")
        trust = sc.meter_specs[meter.honesty].label.lower() if meter and meter.honesty in sc.meter_specs else "trust"
        out.append(f"The answer was evasive: answers are honest as often as {trust} allows. Build it (promises, "
                   "reassurance) and ask again, or ask about another issue.")
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
