"""The Pareto frontier over any number of sides.

Two sides use the staircase dynamic programme of ``game.analysis.frontier``. Three or more
use the same idea in N dimensions: the Pareto set of partial sums, issue by issue, each
step pruned of every point another point weakly dominates (a sweep in blocks, by falling
sum of utilities: only a point with a larger or equal sum can dominate). When a step's set
grows beyond ``_THIN_ABOVE`` points, points sharing a ``tolerance``-sized grid cell are
merged (an epsilon-Pareto set) and the frontier is marked inexact.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from game.analysis.frontier import Frontier, _frontier, pareto_frontier

_THIN_ABOVE = {3: 30_000, 4: 4_000}  # by number of sides: past this many points a step is thinned (more sides: fewer)
_THIN_ABOVE_MANY = 1_500
_BLOCK = 512


def pareto_set(sides: Sequence[Sequence[np.ndarray]], allowed: Sequence[np.ndarray] | None = None, *,
               tolerance: float = 1e-4, floors: Sequence[float] | None = None) -> Frontier:
    """Pareto-optimal allowed packages for the sides whose per-issue value tables are given.

    ``points`` has one column per side, rows sorted by the first side's utility ascending. With ``floors``
    (three or more sides) only packages giving every side at least its floor are kept: partial sums that can
    no longer reach a floor are dropped as they appear, which keeps large spaces tractable. When a step's
    set still outgrows ``_THIN_ABOVE`` points, the grid is coarsened tenfold until it fits (inexact).
    """
    if len(sides) < 2:
        raise ValueError("a frontier needs at least two sides")
    if len(sides) == 2:
        frontier = pareto_frontier(sides[0], sides[1], allowed, tolerance=tolerance)
        if floors is None:
            return frontier
        inside = (frontier.points >= np.asarray(floors) - 1e-12).all(axis=1)
        return _frontier(frontier.points[inside], frontier.packages[inside], frontier.exact)
    n = len(sides[0])
    d = len(sides)
    issues = []
    for i in range(n):
        values = np.column_stack([np.asarray(side[i], dtype=float) for side in sides])
        mask = np.ones(len(values), dtype=bool) if allowed is None else np.asarray(allowed[i], dtype=bool)
        opts = np.flatnonzero(mask)
        if opts.size == 0:
            return _frontier(np.empty((0, d)), np.empty((0, n), dtype=np.intp), True)
        keep = nondominated(values[opts])
        issues.append((opts[keep], values[opts][keep]))
    order = sorted(range(n), key=lambda i: -float(np.ptp(issues[i][1], axis=0).sum()))
    # the most each side can still gain from the issues after each step, to drop sums that cannot reach a floor
    still = _remaining(issues, order, d)
    bar = None if floors is None else np.asarray(floors, dtype=float) - 1e-12
    points = np.zeros((1, d))
    steps: list[tuple[np.ndarray, np.ndarray]] = []
    exact = True
    for step, i in enumerate(order):
        opts, values = issues[i]
        k = len(opts)
        # rounded, so that sums equal but for the order of additions compare equal
        candidates = np.round((points[:, None, :] + values[None, :, :]).reshape(-1, d), 12)
        if bar is not None:
            reach = np.flatnonzero((candidates + still[step] >= bar).all(axis=1))
            keep = reach[nondominated(candidates[reach])]
        else:
            keep = nondominated(candidates)
        grid = tolerance
        while grid > 0 and len(keep) > _THIN_ABOVE.get(d, _THIN_ABOVE_MANY):
            thinned = keep[_grid_thin(candidates[keep], grid)]
            exact = exact and len(thinned) == len(keep)
            keep, grid = thinned, grid * 10
        points = candidates[keep]
        steps.append((keep // k, opts[keep % k]))
        if not len(points):
            return _frontier(np.empty((0, d)), np.empty((0, n), dtype=np.intp), exact)
    packages = np.empty((len(points), n), dtype=np.intp)
    index = np.arange(len(points))
    for i, (parent, option) in zip(reversed(order), reversed(steps)):
        packages[:, i] = option[index]
        index = parent[index]
    ranked = np.lexsort(tuple(points[:, c] for c in reversed(range(d))))
    return _frontier(points[ranked], packages[ranked], exact)


def pair_plane(points: np.ndarray, first: int, second: int, floors: Sequence[float]) -> np.ndarray:
    """Two sides' frontier seen from a frontier over several: the best trade-offs between sides `first` and
    `second` among the efficient packages that give every other side at least its floor; (m, 2) by the first
    side's utility ascending."""
    others = [k for k in range(points.shape[1]) if k not in (first, second)]
    if others and len(points):
        points = points[(points[:, others] >= np.asarray(floors)[others] - 1e-12).all(axis=1)]
    plane = points[:, [first, second]] if len(points) else np.empty((0, 2))
    if len(plane):
        plane = plane[nondominated(plane)]
        plane = plane[np.argsort(plane[:, 0], kind="stable")]
    return plane


def reaches(sides: Sequence[Sequence[np.ndarray]], allowed: Sequence[np.ndarray], floors: Sequence[float],
            rounds: int = 60) -> bool:
    """Whether some allowed package gives every side at least its floor, found quickly (never a false yes;
    a no may be wrong where the room is very narrow): a search over weighted sums of the sides' utilities
    that shifts weight to the sides furthest below their floors."""
    d = len(sides)
    floor = np.asarray(floors, dtype=float)
    tables = [[np.where(mask, np.asarray(side[i], dtype=float), -np.inf) for i, mask in enumerate(allowed)]
              for side in sides]
    weights = np.full(d, 1.0 / d)
    for _ in range(rounds):
        package = [int(np.argmax(sum(w * table[i] for w, table in zip(weights, tables))))
                   for i in range(len(allowed))]
        worth = np.array([sum(float(side[i][x]) for i, x in enumerate(package)) for side in sides])
        if np.isinf(worth).any():
            return False  # some issue has no allowed option
        short = floor - worth
        if (short <= 1e-12).all():
            return True
        weights = weights * np.exp(4.0 * short)
        weights /= weights.sum()
    return False


def _remaining(issues: list[tuple[np.ndarray, np.ndarray]], order: list[int], d: int) -> np.ndarray:
    """Row `step`: the most each side can still add from the issues after that step."""
    best = [issues[i][1].max(axis=0) for i in order]
    still = np.zeros((len(order), d))
    for step in range(len(order) - 2, -1, -1):
        still[step] = still[step + 1] + best[step + 1]
    return still


def nondominated(points: np.ndarray) -> np.ndarray:
    """Indices of the rows no other row weakly dominates (of equal rows, one), by falling sum.

    Rows are taken in blocks, by falling sum (only a row with a larger or equal sum can dominate another);
    a block is checked against the rows kept so far that are at least the block's least in every column
    (no other kept row can dominate any row of it), then within itself."""
    order = np.argsort(-points.sum(axis=1), kind="stable")
    ranked = points[order]
    columns = points.shape[1]
    kept = np.empty_like(ranked)
    count = 0
    chosen: list[np.ndarray] = []
    for start in range(0, len(ranked), _BLOCK):
        block = ranked[start:start + _BLOCK]
        dominated = np.zeros(len(block), dtype=bool)
        rivals = kept[:count]
        rivals = rivals[np.all(rivals >= block.min(axis=0), axis=1)]
        for first in range(0, len(rivals), 4 * _BLOCK):  # bounded memory: the block against a slice at a time
            rest = ~dominated
            if not rest.any():
                break
            part, open_rows = rivals[first:first + 4 * _BLOCK], block[rest]
            beaten = part[None, :, 0] >= open_rows[:, None, 0]
            for c in range(1, columns):
                beaten &= part[None, :, c] >= open_rows[:, None, c]
            dominated[rest] |= beaten.any(axis=1)
        # within the block, an earlier row (larger or equal sum) that is >= everywhere dominates a later one
        ge = np.all(block[None, :, :] >= block[:, None, :], axis=2)
        dominated |= np.any(ge & np.tri(len(block), k=-1, dtype=bool), axis=1)
        fresh = ~dominated
        found = int(fresh.sum())
        if found:
            kept[count:count + found] = block[fresh]
            count += found
            chosen.append(order[start:start + _BLOCK][fresh])
    return np.concatenate(chosen) if chosen else np.empty(0, dtype=np.intp)


def _grid_thin(points: np.ndarray, tolerance: float) -> np.ndarray:
    """One point per tolerance-sized cell: the one with the largest sum."""
    cells = np.floor((points - points.min(axis=0)) / tolerance).astype(np.int64)
    _, first = np.unique(np.column_stack([cells, -points.sum(axis=1)[:, None]]), axis=0, return_index=True)
    keyed = cells[first]
    _, cell_first = np.unique(keyed, axis=0, return_index=True)
    return first[cell_first]
