"""The AI mediator: it tables a single negotiating text and presses the sides that hold out.

It knows what the table knows (demands, stated red lines, every proposal) and its own values.
Its text is the package that does best for the worst-off side by its models of the sides
(a max-min search over weights, as in the single-text procedure), leaning towards its own
values, and never across a red line anyone has stated in public or its own stakeholders hold.
Once its text is on the table it waits for the answers, and in the second half of the talks
presses the first side that has not accepted it. It leaves a side's full package on the table
while other sides accept it, or when it is as fair a compromise by its models as its own text,
and it uses the scenario's tactics for its seat.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from game.ai.model import model_of
from game.ai.script import tactic, unanswered, wait
from game.engine.moves import Move
from game.engine.view import View
from game.scenario.space import Package

LEAN = 0.25  # how much the mediator's own values count beside the sides'
FAIR_ENOUGH = 0.05  # how much less fair than its text a side's package may be and still be left to the others
ROUNDS = 24  # weight updates of the max-min search


def single_text(view: View) -> Package:
    """The package the mediator would table now."""
    sides, own, masks = _models(view)
    return _max_min(sides, own, masks)


def _models(view: View) -> tuple[list[list[np.ndarray]], list[np.ndarray], list[np.ndarray]]:
    sc = view.scenario
    sides = [model_of(view, seat, learn=True) for seat in sc.negotiators]
    masks = [np.ones(len(o), dtype=bool) for o in sc.options]
    known = [(line.issue, line.forbid) for line in sc.stated_lines]  # every red line stated in public
    known += [(line.issue, line.forbid) for line in view.own.allies if line.key in view.binding]  # its own backers'
    for issue, forbid in known:
        for x in forbid:
            masks[issue][x] = False
    for mask in masks:
        if not mask.any():
            mask[:] = True  # the sides' stated lines leave nothing here: ignore them on this issue
    return sides, [np.asarray(row) for row in view.own.table], masks


def _tops(tables: Sequence[list[np.ndarray]]) -> list[float]:
    return [max(sum(float(a.max()) for a in table), 1e-9) for table in tables]


def _score(sides: Sequence[list[np.ndarray]], own: list[np.ndarray], package: Package) -> float:
    """The share of its best the worst-off side gets (by the mediator's models), plus a little of its own."""
    shares = [sum(float(side[i][x]) for i, x in enumerate(package)) / top for side, top in zip(sides, _tops(sides))]
    return min(shares) + LEAN * sum(float(own[i][x]) for i, x in enumerate(package)) / _tops([own])[0]


def _max_min(sides: Sequence[list[np.ndarray]], own: list[np.ndarray], masks: list[np.ndarray]) -> Package:
    tops = _tops(sides)
    own_top = _tops([own])[0]
    # every side's options laid end to end (issue after issue), so a round is a few array operations; the
    # arithmetic is the same, element by element, as issue by issue
    flat = [np.concatenate(side) for side in sides]
    own_part = LEAN * np.concatenate(own) / own_top
    allowed = np.concatenate(masks)
    starts = np.cumsum([0, *(len(m) for m in masks)])
    bounds = list(zip(starts[:-1].tolist(), starts[1:].tolist()))
    # one row per issue, padded with a last -inf: np.argmax along a row picks the first best, as on the issue
    width = max(b - a for a, b in bounds)
    rows = np.array([[a + k if a + k < b else starts[-1] for k in range(width)] for a, b in bounds])
    values = [row.tolist() for row in flat]
    own_values = np.concatenate(own).tolist()
    weights = np.full(len(sides), 1.0 / len(sides))
    best: Package | None = None
    best_score = -np.inf
    for _ in range(ROUNDS):
        combined = sum(w * side / top for w, side, top in zip(weights, flat, tops)) + own_part
        combined = np.append(np.where(allowed, combined, -np.inf), -np.inf)
        package = tuple(np.argmax(combined[rows], axis=1).tolist())
        at = [a + x for (a, _b), x in zip(bounds, package)]
        shares = np.array([sum(row[k] for k in at) / top for row, top in zip(values, tops)])
        score = float(shares.min()) + LEAN * sum(own_values[k] for k in at) / own_top
        if score > best_score + 1e-12:
            best, best_score = package, score
        weights = weights * np.exp(-2.0 * (shares - shares.mean()))  # more weight to the worse-off sides
        weights /= weights.sum()
    assert best is not None
    return best


def mediate(view: View, *, signals: bool = True) -> Move:
    """The mediator's move. `signals`: use the scenario's scripted tactics (a bot built on this logic does not)."""
    sc = view.scenario
    offer = view.offer
    kinds = view.kinds
    if signals and (scripted := tactic(view)) is not None:
        return scripted
    mine = offer is not None and offer.by == view.seat
    if offer is not None and offer.full and mine and unanswered(view, offer):
        waiting = wait(view, "its text is on the table: waits for the sides' answers")
        if waiting is not None:
            return waiting
    if offer is not None and offer.full and mine:
        holdouts = [seat for seat in sc.negotiators if seat not in view.accepted]
        if holdouts and "press" in kinds and view.turn > sc.deadline / 2:
            who = holdouts[0]
            return Move("press", seat=who,
                        reason=f"presses {sc.actors[who].name} to accept the text before time runs out")
    if offer is not None and offer.full and not mine and len(view.accepted) >= 2:
        waiting = wait(view, "sides are accepting the package on the table: leaves it to the others")
        if waiting is not None:
            return waiting
    sides, own, masks = _models(view)
    text = _max_min(sides, own, masks)
    if offer is not None and offer.full:
        # a side's package stays while the others answer it if it is nearly as fair as the text; the text
        # stays while it is the best the mediator can find
        fair = _score(sides, own, offer.package) >= _score(sides, own, text) - (FAIR_ENOUGH if not mine else 0.02)
        if offer.package == text or (fair and (mine or unanswered(view, offer))):
            waiting = wait(view, "the package on the table is as fair a compromise as it can find: "
                                 "waits for the sides' answers")
            if waiting is not None:
                return waiting
    return Move("propose", package=text,
                reason="tables a single negotiating text: the best it can find for the side that gains least")
