"""What the AI has offered stays offered: it does not take back a concession on an issue without a reason.

A person who has offered "a long moratorium" on NATO does not come back with "a written ban" the next
turn. Once this seat has offered an option on an issue, its later offers ask no more of the other sides
on that issue, as the seat reads them: an option asks more of them than one it offered when it is better
for this seat and, by its model of the others (``game.ai.model``: their offers, demands and answers, never
their hidden values), no better for them. It takes a concession back only for a reason its words name:
another side took one back first (its latest offer asks more of this seat on an issue than one of its
earlier offers, by this seat's own values), or a hard line met with a hard line (it has moved and the
others have not). What it offered before such a move is withdrawn: its offers from then on are what it
holds to.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from game.ai.reading import Reading
from game.engine.view import View
from game.scenario.space import Package

EPS = 1e-9
TAKES_BACK = "takes back what it offered on"  # the words of a reason that takes a concession back
Forbidden = frozenset[tuple[int, int]]


def their_values(view: View, models: dict[str, list[np.ndarray]]) -> list[np.ndarray]:
    """Per issue, what the other negotiators value together, by this seat's models of them."""
    if len(models) == 1:
        [theirs] = models.values()
        return theirs
    if models:
        return [np.sum(rows, axis=0) for rows in zip(*models.values())]
    return [np.zeros(len(row)) for row in view.own.table]


def asks_more(own: Sequence[float], theirs: Sequence[float], new: int, old: int) -> bool:
    """Whether option `new` on an issue asks more of the other sides than option `old`: better for us and, by
    our reading of them, no better for them."""
    return own[new] > own[old] + EPS and theirs[new] <= theirs[old] + EPS


def standing(view: View) -> list[Package]:
    """The offers this seat holds to: all of its offers, or those since it last took one back (that move
    withdrew what it had offered before)."""
    seat = view.seat
    since = 0
    for entry in reversed(view.log):
        if entry.actor == seat and entry.kind == "move" and entry.reason and TAKES_BACK in entry.reason:
            since = entry.turn
            break
    return [o.package for o in view.offers if o.by == seat and o.turn >= since]


def offered(view: View) -> list[set[int]]:
    """Per issue, the options this seat's standing offers put on the table."""
    out: list[set[int]] = [set() for _ in view.own.table]
    for package in standing(view):
        for i, x in enumerate(package):
            if x >= 0:
                out[i].add(x)
    return out


def kept(view: View, theirs: Sequence[np.ndarray], options: list[set[int]] | None = None) -> Forbidden:
    """The (issue, option) pairs that would take back something this seat has offered (`options`: what it has
    offered, per issue, when the caller has it)."""
    own = view.own.table
    out: set[tuple[int, int]] = set()
    for i, made in enumerate(offered(view) if options is None else options):
        if not made:
            continue
        mine, row = own[i], theirs[i].tolist()
        for y in range(len(mine)):
            for x in made:
                if mine[y] > mine[x] + EPS and row[y] <= row[x] + EPS:  # asks_more(mine, row, y, x)
                    out.add((i, y))
                    break
    return frozenset(out)


def taken_back(view: View, package: Package, theirs: Sequence[np.ndarray],
               options: list[set[int]] | None = None) -> list[int]:
    """The issues on which `package` asks more of the other sides than a standing offer of this seat."""
    own = view.own.table
    return [i for i, made in enumerate(offered(view) if options is None else options)
            if package[i] >= 0 and any(asks_more(own[i], theirs[i].tolist(), package[i], x) for x in made)]


def took_back(view: View) -> tuple[str, int] | None:
    """Another negotiator whose latest offer asks more of this seat on an issue than one of its earlier offers
    did (by this seat's own values), and that issue; None when no one has taken anything back."""
    own = view.own.table
    for other in view.scenario.others(view.seat):
        theirs = [o.package for o in view.offers if o.by == other]
        if len(theirs) < 2:
            continue
        latest = theirs[-1]
        for i, y in enumerate(latest):
            if y >= 0 and any(x >= 0 and own[i][y] < own[i][x] - EPS for x in (p[i] for p in theirs[:-1])):
                return other, i
    return None


def licence(view: View, reading: Reading | None) -> str | None:
    """Why this seat may take back what it offered now, in words (None: it may not)."""
    sc = view.scenario
    two = len(sc.negotiators) == 2
    back = took_back(view)
    if back is not None:
        who, issue = back
        title = sc.issue_specs[issue].title
        if two:
            return f"you took back what you had offered on {title}"
        return f"{sc.actors[who].name} took back what it had offered on {title}"
    if reading is not None and reading.known and not reading.moved and reading.match < 0.5:
        return "you have not moved at all, and we will not move alone" if two else "none of you has moved at all"
    return None
