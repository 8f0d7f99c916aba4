"""Finding a package: the best for the other side among those good enough for us.

Small outcome spaces are enumerated (exact). Large ones are never enumerated:
utilities are linear-additive, so a Lagrangian relaxation picks each issue's
option independently, and a bisection on the multiplier finds the cheapest
package that still reaches our target; a greedy pass then repairs and improves it.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from game.scenario.space import ENUMERATE_LIMIT, OutcomeSpace, Package

Forbidden = frozenset[tuple[int, int]]  # (issue, option) pairs no package may use


def allowed_masks(space: OutcomeSpace, forbidden: Forbidden) -> list[np.ndarray]:
    masks = [np.ones(size, dtype=bool) for size in space.sizes]
    for issue, option in forbidden:
        masks[issue][option] = False
    return masks


def allowed_rows(space: OutcomeSpace, forbidden: Forbidden) -> np.ndarray:
    """Which enumerated packages avoid every forbidden option (cached: red lines change rarely)."""
    cache = space.cache.setdefault("allowed_rows", {})
    rows = cache.get(forbidden)
    if rows is None:
        packages = space.packages()
        rows = np.ones(len(packages), dtype=bool)
        for issue, option in forbidden:
            rows &= packages[:, issue] != option
        cache[forbidden] = rows
    return rows


TOTALS_KEPT = 8  # the own-value totals of the last few seats' tables, per outcome space


def own_totals(space: OutcomeSpace, own: Sequence[np.ndarray]) -> np.ndarray:
    """Every package's value by these per-issue tables. A seat's own tables are one object all game, so the
    totals of the last few are kept (by that object, which the entry holds on to) rather than computed at
    every move."""
    kept = space.cache.setdefault("own_totals", {})
    entry = kept.get(id(own))
    if entry is not None and entry[0] is own:
        return entry[1]  # type: ignore[no-any-return]
    found = space.total(tuple(own))
    found.flags.writeable = False
    if len(kept) >= TOTALS_KEPT:
        del kept[next(iter(kept))]
    kept[id(own)] = (own, found)
    return found


def find_package(space: OutcomeSpace, own: Sequence[np.ndarray], other: Sequence[np.ndarray],
                 forbidden: Forbidden, target: float, avoid: Sequence[Package] = ()) -> tuple[Package, float] | None:
    """The allowed package maximising `other` with `own` utility at least `target`.

    If no allowed package reaches the target, the allowed package best for us. Packages in `avoid`
    (offers already turned down) are taken only when nothing else reaches the target; large
    outcome spaces ignore `avoid`. Returns the package and its own utility, or None when every
    package is forbidden.
    """
    if space.count <= ENUMERATE_LIMIT:
        rows = allowed_rows(space, forbidden)
        if not rows.any():
            return None
        if avoid:
            fresh = rows.copy()
            fresh[[space.row(p) for p in avoid]] = False
            if (fresh & (own_totals(space, own) >= target - 1e-9)).any():
                rows = fresh
        return _enumerate(space, own, other, rows, target)
    masks = allowed_masks(space, forbidden)
    if not all(m.any() for m in masks):
        return None
    return _lagrangian(own, other, masks, target)


def _enumerate(space: OutcomeSpace, own: Sequence[np.ndarray], other: Sequence[np.ndarray],
               ok: np.ndarray, target: float) -> tuple[Package, float]:
    packages = space.packages()
    mine = own_totals(space, own)
    theirs = space.total(tuple(other))
    reach = ok & (mine >= target - 1e-9)
    if reach.any():
        # best for them; among equals, the one closest to our target: a real concession, not a grab
        rows = np.flatnonzero(reach)
        values = theirs[rows]
        rows = rows[values >= values.max() - 1e-12]
        best = int(rows[np.argmin(mine[rows])])
    else:
        best = int(np.argmax(np.where(ok, mine, -np.inf)))
    return tuple(int(x) for x in packages[best]), float(mine[best])


def _pick(own: Sequence[np.ndarray], other: Sequence[np.ndarray], masks: Sequence[np.ndarray],
          lam: float) -> list[int]:
    return [int(np.argmax(np.where(m, o + lam * a, -np.inf))) for a, o, m in zip(own, other, masks)]


def _value(tables: Sequence[np.ndarray], package: Sequence[int]) -> float:
    return float(sum(t[x] for t, x in zip(tables, package)))


def _lagrangian(own: Sequence[np.ndarray], other: Sequence[np.ndarray], masks: Sequence[np.ndarray],
                target: float) -> tuple[Package, float]:
    target -= 1e-9  # the same tolerance as the enumerated search
    best_own = _pick(own, other, masks, 1e9)  # best for us; ties go to what is better for them
    if _value(own, best_own) < target:
        return tuple(best_own), _value(own, best_own)
    low, high = 0.0, 1.0
    while _value(own, _pick(own, other, masks, high)) < target and high < 1e6:
        high *= 4
    for _ in range(40):
        mid = (low + high) / 2
        if _value(own, _pick(own, other, masks, mid)) >= target:
            high = mid
        else:
            low = mid
    package = _pick(own, other, masks, high)
    if _value(own, package) < target:
        package = best_own
    # the multiplier jumps over packages that trade on several issues at once (the relaxation's gap): also
    # repair the package just below the target, issue by issue, and keep whichever gives them more
    repaired = _repair(own, other, masks, _pick(own, other, masks, low), target)
    candidates = [_improve(own, other, masks, p, target) for p in (package, repaired) if _value(own, p) >= target]
    package = max(candidates, key=lambda p: _value(other, p)) if candidates else best_own
    return tuple(package), _value(own, package)


def _repair(own: Sequence[np.ndarray], other: Sequence[np.ndarray], masks: Sequence[np.ndarray],
            package: list[int], target: float) -> list[int]:
    """Swaps that raise our value at the least cost to them, per unit, until the package reaches the target."""
    package = list(package)
    for _ in range(sum(len(a) for a in own)):
        if _value(own, package) >= target:
            break
        best: tuple[float, float, int, int] | None = None
        for i, (a, o, m) in enumerate(zip(own, other, masks)):
            x = package[i]
            for y in np.flatnonzero(m & (a > a[x] + 1e-12)):
                gain, loss = float(a[y] - a[x]), float(o[x] - o[y])
                key = (loss / gain, loss, i, int(y))
                if best is None or key < best:
                    best = key
        if best is None:
            break
        package[best[2]] = best[3]
    return package


def _improve(own: Sequence[np.ndarray], other: Sequence[np.ndarray], masks: Sequence[np.ndarray],
             package: list[int], target: float) -> list[int]:
    """Single-issue swaps that give them more while we stay at or above the target."""
    slack = _value(own, package) - target
    improved = True
    while improved:
        improved = False
        for i, (a, o, m) in enumerate(zip(own, other, masks)):
            x = package[i]
            gain = np.where(m & (a - a[x] >= -slack - 1e-12), o - o[x], -np.inf)
            y = int(np.argmax(gain))
            if gain[y] > 1e-12:
                slack += a[y] - a[x]
                package[i] = y
                improved = True
    return package
