"""The AI's reasons in words, never in its numbers: "this moves us, but not far enough on NATO".

Practice mode shows them to people; they name issues and say which way the AI leans, so a
player learns to read it as one reads a person across the table, without being handed its
utility table.
"""

from __future__ import annotations

from game.ai.commit import TAKES_BACK
from game.ai.reading import Reading
from game.engine.view import View
from game.scenario.space import Package


def title(view: View, issue: int) -> str:
    return view.scenario.issue_specs[issue].title


def short_of(view: View, offer: Package, ours: Package | None) -> int | None:
    """The issue on which the offer falls furthest short of what we ask (of our best, without a counter)."""
    table = view.own.table
    gaps = []
    for i, row in enumerate(table):
        want = ours[i] if ours is not None and ours[i] >= 0 else max(range(len(row)), key=row.__getitem__)
        have = row[offer[i]] if offer[i] >= 0 else 0.0
        gaps.append(row[want] - have)
    best = max(range(len(gaps)), key=gaps.__getitem__)
    return best if gaps[best] > 1e-9 else None


def last_own(view: View) -> Package | None:
    """The full package this seat put on the table last, if any."""
    return next((o.package for o in reversed(view.offers) if o.by == view.seat and o.full), None)


def given_way(view: View, package: Package) -> int | None:
    """The issue on which our package gives up most: against our last offer, or (at first) against our best."""
    before = last_own(view)
    gaps = [(row[b] if before is not None and b >= 0 else max(row)) - (row[x] if x >= 0 else 0.0)
            for row, x, b in zip(view.own.table, package, before or package)]
    best = max(range(len(gaps)), key=gaps.__getitem__)
    return best if gaps[best] > 1e-9 else None


def we_move(view: View, package: Package) -> bool:
    """Whether `package` asks less for us than our last offer did."""
    before = last_own(view)
    return before is not None and view.utility(package) < view.utility(before) - 1e-9


def held_firm(view: View, package: Package) -> int | None:
    """The issue that matters most to us among those where our package asks for our best option."""
    held = [i for i, (row, x) in enumerate(zip(view.own.table, package)) if x >= 0 and row[x] >= max(row) - 1e-12]
    return max(held, key=lambda i: view.own.weights[i]) if held else None


def conduct(view: View, reading: Reading | None, package: Package | None = None) -> str:
    """What the AI makes of the other side's conduct, when it shapes its move (`package`: the one it proposes)."""
    if reading is None:
        return ""
    parts = []
    if reading.doubted:
        parts.append("warnings we do not believe will not move us")
    if reading.known and not reading.moved and reading.match < 0.5:
        parts.append("you have not moved, so we hardly move either")
    elif reading.fast:
        parts.append("you are giving ground quickly: we need not hurry")
    elif reading.known and reading.moved and reading.match >= 0.99:
        step = f" on {title(view, reading.step_issue)}" if reading.step_issue is not None else ""
        if package is None or we_move(view, package):
            parts.append(f"you have moved{step}, and so do we")
        else:
            parts.append(f"you have moved{step}; we are not there yet")
    return "; ".join(parts)


def accept_reason(view: View, package: Package, reading: Reading | None) -> str:
    if view.turns_left <= 0:
        return "accepts: time is up, and this is better for us than no deal"
    if reading is not None and reading.moved:
        return "accepts: you have come far enough towards us"
    held = held_firm(view, package)
    if held is not None:
        return f"accepts: this gives us what we need on {title(view, held)}"
    return "accepts: this is a balance we can defend at home"


def counter_reason(view: View, package: Package, blocked: str | None, reading: Reading | None) -> str:
    """Why the AI puts `package` on the table now."""
    offer = view.offer
    reservation = view.own.reservation or 0.0
    if offer is not None and offer.by != view.seat:
        if blocked:
            return f"counters: {blocked}"
        if not offer.full:
            held = held_firm(view, package)
            return ("counters: completes the package" + (f", holding firm on {title(view, held)}" if held is not None
                                                         else ""))
        issue = short_of(view, offer.package, package)
        on = f" on {title(view, issue)}" if issue is not None else ""
        worth = view.utility(offer.package)
        before = [o.package for o in view.offers if o.by == offer.by and o.full][:-1]
        if worth < reservation:
            return f"counters: no deal would be better for us than this, above all{on}"
        if before and worth > view.utility(before[-1]) + 1e-9:
            return f"counters: this moves us, but not far enough{on}"
        if before:
            return f"counters: this is no step towards us; still too little{on}"
        return f"counters: not enough for us{on}"
    if not any(o.by == view.seat for o in view.offers):
        held = held_firm(view, package)
        return "opens with our demands" + (f", above all on {title(view, held)}" if held is not None else "")
    gave, held = given_way(view, package), held_firm(view, package)
    if gave is None:
        return "holds to our demands"
    return (f"proposes: gives way on {title(view, gave)}"
            + (f", holds firm on {title(view, held)}" if held is not None else ""))


def with_notes(reason: str, *notes: str) -> str:
    extra = "; ".join(n for n in notes if n)
    return f"{reason} ({extra})" if extra else reason


def took_back_reason(view: View, issues: list[int], why: str) -> str:
    """Why it takes back what it offered on `issues` (`why`: the licence, ``game.ai.commit.licence``)."""
    return f"{TAKES_BACK} {' and '.join(title(view, i) for i in issues)}: {why}"
