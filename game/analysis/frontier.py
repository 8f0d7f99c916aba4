"""Pareto frontier and Nash bargaining point of a two-sided negotiation.

A scenario has ``n`` issues; issue ``i`` has ``k_i`` options and a *package*
picks one option per issue.  Utilities are linear-additive: for side A,
``u_A(x) = sum_i a[i][x_i]`` where ``a[i]`` already includes the issue weight
(likewise ``b`` for side B).  ``allowed[i]`` is a boolean mask of the options
of issue ``i`` that no red line forbids; packages using a forbidden option are
ignored everywhere.

The frontier is computed without enumerating packages, by dynamic programming
over issues: the Pareto set of partial sums is combined with the next issue's
options and pruned again.  When that set grows beyond ``_MERGE_ABOVE`` points,
points sharing a ``tolerance``-sized grid cell are merged (an epsilon-Pareto
set), which bounds its size by about ``(range_A + range_B) / tolerance``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

__all__ = [
    "MAX_OUTCOMES",
    "Frontier",
    "NashPoint",
    "all_outcomes",
    "distance_to_frontier",
    "max_utility",
    "nash_point",
    "pareto_frontier",
]

MAX_OUTCOMES = 2_000_000
"""Largest number of packages :func:`all_outcomes` agrees to enumerate."""

_MERGE_ABOVE = 20_000
"""Intermediate Pareto sets larger than this are thinned on the tolerance grid."""


@dataclass(frozen=True, eq=False)
class Frontier:
    """Pareto-optimal packages of a scenario.

    ``points`` has shape (m, 2) with rows ``(u_A, u_B)`` sorted by ``u_A``
    ascending, hence ``u_B`` descending; ``packages`` has shape (m, n) and gives
    the option index chosen on each issue (indices into the original, unmasked
    option lists).  ``exact`` is False when merging on the tolerance grid
    dropped a non-dominated point: then every exact Pareto point is matched by
    a listed point at most ``n * tolerance`` worse for each side, and every
    listed point is a real, allowed package.  Both arrays are read-only.
    """

    points: np.ndarray
    packages: np.ndarray
    exact: bool


@dataclass(frozen=True)
class NashPoint:
    """Package maximising the Nash product: every side's gain over its reservation, multiplied."""

    package: tuple[int, ...]
    utilities: tuple[float, ...]
    product: float


def pareto_frontier(
    a: Sequence[np.ndarray],
    b: Sequence[np.ndarray],
    allowed: Sequence[np.ndarray] | None = None,
    *,
    tolerance: float = 1e-4,
) -> Frontier:
    """Pareto frontier of all allowed packages.

    ``tolerance`` is the grid cell size used to thin large intermediate sets;
    ``0`` disables thinning (always exact, but the set may grow large).  The
    frontier is empty (``points.shape == (0, 2)``) when some issue has no
    allowed option; with zero issues it is the single empty package at (0, 0).
    """
    if not tolerance >= 0:
        raise ValueError(f"tolerance must be >= 0, got {tolerance}")
    issues = _issues(a, b, allowed)
    n = len(issues)
    if any(opts.size == 0 for opts, _, _ in issues):
        return _frontier(np.empty((0, 2)), np.empty((0, n), dtype=np.intp), True)

    # Drop options dominated within their own issue: swapping one for its
    # dominator never hurts either side, so it can't be on the frontier.
    reduced = []
    for opts, va, vb in issues:
        keep = _nondominated(va, vb)
        reduced.append((opts[keep], va[keep], vb[keep]))
    # Issues with the most at stake first: later, smaller issues only add local
    # detail, which keeps the intermediate sets smallest (about 2-4x fewer
    # candidates than the reverse order when the sides are in conflict).
    stakes = [np.ptp(va) + np.ptp(vb) for _, va, vb in reduced]
    order = sorted(range(n), key=lambda i: -stakes[i])

    ua, ub = np.zeros(1), np.zeros(1)
    steps: list[tuple[np.ndarray, np.ndarray]] = []  # (parent index, option) per issue
    exact = True
    for i in order:
        opts, va, vb = reduced[i]
        k = len(opts)
        cand_a = (ua[:, None] + va[None, :]).ravel()
        cand_b = (ub[:, None] + vb[None, :]).ravel()
        keep = _nondominated(cand_a, cand_b)
        if tolerance > 0 and len(keep) > _MERGE_ABOVE:
            thinned = keep[_grid_thin(cand_a[keep], cand_b[keep], tolerance)]
            exact = exact and len(thinned) == len(keep)
            keep = thinned
        ua, ub = cand_a[keep], cand_b[keep]
        steps.append((keep // k, opts[keep % k]))

    # Walk the back-pointers from the last issue to the first.
    packages = np.empty((len(ua), n), dtype=np.intp)
    index = np.arange(len(ua))
    for i, (parent, option) in zip(reversed(order), reversed(steps), strict=True):
        packages[:, i] = option[index]
        index = parent[index]
    # _nondominated yields u_A descending; the frontier lists it ascending.
    points = np.column_stack([ua, ub])[::-1]
    return _frontier(points, packages[::-1], exact)


def nash_point(frontier: Frontier, *reservations: float) -> NashPoint | None:
    """Frontier package maximising the product of every side's gain over its reservation.

    Only points giving every side at least its reservation value count; ``None`` means there
    is no zone of agreement; a point exactly at the reservations counts, with product 0.
    Ties go to the point listed first (on a two-sided frontier, the lowest ``u_A``). The
    maximiser over all packages is always on the frontier; on an inexact frontier the product
    may fall short of the true maximum by about ``n * tolerance`` times the sum of the gains.
    """
    pts = frontier.points
    r = np.asarray(reservations, dtype=float)
    if r.shape != (pts.shape[1],):
        raise ValueError(f"give one reservation per side ({pts.shape[1]}), got {len(reservations)}")
    ok = np.flatnonzero((pts >= r).all(axis=1))
    if ok.size == 0:
        return None
    products = np.prod(pts[ok] - r, axis=1)
    best = ok[int(np.argmax(products))]
    return NashPoint(
        package=tuple(int(x) for x in frontier.packages[best]),
        utilities=tuple(float(u) for u in pts[best]),
        product=float(products.max()),
    )


def all_outcomes(
    a: Sequence[np.ndarray],
    b: Sequence[np.ndarray],
    allowed: Sequence[np.ndarray] | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Every allowed package: ``(utilities (N, 2), packages (N, n))``.

    Packages come in lexicographic order (last issue varies fastest).  Raises
    ``ValueError`` when there are more than ``MAX_OUTCOMES`` packages.
    """
    issues = _issues(a, b, allowed)
    sizes = [opts.size for opts, _, _ in issues]
    total = math.prod(sizes)
    if total > MAX_OUTCOMES:
        raise ValueError(f"{total} packages is more than the {MAX_OUTCOMES} that can be enumerated")
    packages = np.empty((total, len(issues)), dtype=np.intp)
    utilities = np.zeros((total, 2))
    inner = total
    for col, (opts, va, vb) in enumerate(issues):
        if total == 0:
            break
        inner //= opts.size
        pick = np.tile(np.repeat(np.arange(opts.size), inner), total // (inner * opts.size))
        packages[:, col] = opts[pick]
        utilities[:, 0] += va[pick]
        utilities[:, 1] += vb[pick]
    return utilities, packages


def distance_to_frontier(frontier: Frontier, point: tuple[float, ...]) -> float:
    """Value a deal left on the table.

    Euclidean distance from ``point`` (one utility per side) to the nearest frontier point
    that weakly dominates it, i.e. the smallest move to a Pareto-optimal package that leaves
    no side worse off, in utility units.  It is 0 for a point on the frontier, and also when
    no frontier point dominates the point (a point beyond the frontier, e.g. within the
    tolerance of an inexact one, or an empty frontier).
    """
    pts = frontier.points
    p = np.asarray(point, dtype=float)
    better = (pts >= p).all(axis=1)
    if not better.any():
        return 0.0
    return float(np.sqrt(((pts[better] - p) ** 2).sum(axis=1)).min())


def max_utility(values: Sequence[np.ndarray], allowed: Sequence[np.ndarray] | None = None) -> float:
    """Best utility one side can get from an allowed package.

    Raises ``ValueError`` when no package is allowed.
    """
    issues = _issues(values, values, allowed)
    if any(opts.size == 0 for opts, _, _ in issues):
        raise ValueError("no allowed package")
    return float(sum(va.max() for _, va, _ in issues))


def _issues(
    a: Sequence[np.ndarray],
    b: Sequence[np.ndarray],
    allowed: Sequence[np.ndarray] | None,
) -> list[tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """Validate inputs; per issue return (allowed option indices, A values, B values)."""
    if len(a) != len(b) or (allowed is not None and len(allowed) != len(a)):
        raise ValueError("a, b and allowed must have one entry per issue")
    issues = []
    for i, (raw_a, raw_b) in enumerate(zip(a, b, strict=True)):
        va, vb = np.asarray(raw_a, dtype=float), np.asarray(raw_b, dtype=float)
        if va.ndim != 1 or va.shape != vb.shape:
            raise ValueError(f"issue {i}: value arrays must be 1-D and of equal length")
        if not (np.isfinite(va).all() and np.isfinite(vb).all()):
            raise ValueError(f"issue {i}: values must be finite")
        mask = np.ones(va.shape, dtype=bool) if allowed is None else np.asarray(allowed[i], dtype=bool)
        if mask.shape != va.shape:
            raise ValueError(f"issue {i}: mask length differs from the number of options")
        opts = np.flatnonzero(mask)
        issues.append((opts, va[opts], vb[opts]))
    return issues


def _nondominated(ua: np.ndarray, ub: np.ndarray) -> np.ndarray:
    """Indices of the Pareto-optimal points, by ``u_A`` descending.

    Of several identical points only one is kept.
    """
    order = np.lexsort((-ub, -ua))  # u_A descending, ties by u_B descending
    sorted_b = ub[order]
    keep = np.empty(order.size, dtype=bool)
    keep[:1] = True
    keep[1:] = sorted_b[1:] > np.maximum.accumulate(sorted_b)[:-1]
    return order[keep]


def _grid_thin(ua: np.ndarray, ub: np.ndarray, tolerance: float) -> np.ndarray:
    """Indices keeping one point per ``tolerance`` grid cell of a Pareto staircase.

    The staircase (``u_A`` descending, ``u_B`` ascending) crosses each cell in
    one contiguous run; the kept point of a run is the one with the largest
    ``u_A + u_B``.  Every dropped point is within ``tolerance`` of a kept one
    in each coordinate.
    """
    cell_a = np.floor((ua - ua.min()) / tolerance)
    cell_b = np.floor((ub - ub.min()) / tolerance)
    starts = np.ones(ua.size, dtype=bool)
    starts[1:] = (cell_a[1:] != cell_a[:-1]) | (cell_b[1:] != cell_b[:-1])
    run = np.cumsum(starts) - 1
    order = np.lexsort((-(ua + ub), run))  # by run, best point first
    first = np.ones(order.size, dtype=bool)
    first[1:] = run[order][1:] != run[order][:-1]
    return order[first]


def _frontier(points: np.ndarray, packages: np.ndarray, exact: bool) -> Frontier:
    points, packages = np.ascontiguousarray(points), np.ascontiguousarray(packages)
    points.flags.writeable = False
    packages.flags.writeable = False
    return Frontier(points=points, packages=packages, exact=exact)
