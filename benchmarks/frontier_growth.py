"""Time, memory and accuracy of ``game.analysis.frontier`` as scenarios grow.

Run from the repository root:  ``python -m benchmarks.frontier_growth``

Two kinds of generated scenario, each side with Dirichlet weights:

* ``random``: independent uniform values in [0, 1] for each side (the target
  case).  Its Pareto frontier stays small, a few hundred points.
* ``conflict``: both sides weigh issues alike and value options in nearly
  opposite ways (``v_B = 1 - v_A`` plus noise), so most packages are close to
  the frontier.  This is the stress case where the tolerance grid is needed.

Accuracy is checked two ways: the exact dynamic programme (``tolerance=0``)
against brute-force enumeration on 8 x 6 (1.7 M packages), with the grid
forced on to exercise the approximation; and at full size, the default
(grid) result against the exact dynamic programme.
"""

from __future__ import annotations

import resource
import time
import tracemalloc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial

import numpy as np

from game.analysis import frontier as fm

Values = list[np.ndarray]
RESERVATION_SHARE = 0.4  # each side's reservation, as a share of its best case


def scenario(issues: int, options: int, seed: int, kind: str) -> tuple[Values, Values]:
    rng = np.random.default_rng(seed)
    wa = rng.dirichlet(np.ones(issues))
    wb = rng.dirichlet(np.ones(issues))
    va = [rng.random(options) for _ in range(issues)]
    if kind == "random":
        vb = [rng.random(options) for _ in range(issues)]
    else:
        wb = wa
        vb = [np.clip(1 - v + rng.normal(0, 0.02, options), 0, 1) for v in va]
    return [w * v for w, v in zip(wa, va, strict=True)], [w * v for w, v in zip(wb, vb, strict=True)]


def solve(a: Values, b: Values, tolerance: float = 1e-4) -> tuple[fm.Frontier, fm.NashPoint | None]:
    frontier = fm.pareto_frontier(a, b, tolerance=tolerance)
    ra = RESERVATION_SHARE * fm.max_utility(a)
    rb = RESERVATION_SHARE * fm.max_utility(b)
    return frontier, fm.nash_point(frontier, ra, rb)


def timed(run: Callable[[], object], repeat: int = 3) -> float:
    """Best wall time of ``repeat`` runs, in seconds."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
    return best


def peak_mib(run: Callable[[], object]) -> float:
    """Peak memory allocated (numpy included) while ``run`` runs, in MiB."""
    tracemalloc.start()
    try:
        run()
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def coverage_gap(exact: np.ndarray, approx: np.ndarray) -> float:
    """Largest utility any side loses when an exact Pareto point is replaced by
    the best listed point (additive epsilon indicator); 0 when all are listed."""
    if len(exact) == 0:
        return 0.0
    gap = 0.0
    for chunk in np.array_split(exact, max(1, len(exact) // 512)):
        shortfall = np.maximum(chunk[:, None, 0] - approx[None, :, 0], chunk[:, None, 1] - approx[None, :, 1])
        gap = max(gap, float(np.maximum(shortfall.min(axis=1), 0).max()))
    return gap


def nash_gap(exact: fm.NashPoint | None, approx: fm.NashPoint | None) -> tuple[float, float]:
    """(Nash product shortfall, largest utility difference) of ``approx``."""
    if exact is None or approx is None:
        assert exact is approx, "zone of agreement found by one solver only"
        return 0.0, 0.0
    utility = max(abs(x - y) for x, y in zip(exact.utilities, approx.utilities, strict=True))
    return exact.product - approx.product, utility


def brute_force(a: Values, b: Values) -> tuple[np.ndarray, fm.NashPoint | None]:
    """Pareto set and Nash point by enumerating every package."""
    utilities, packages = fm.all_outcomes(a, b)
    order = np.lexsort((-utilities[:, 1], -utilities[:, 0]))
    ub = utilities[order, 1]
    keep = np.r_[True, ub[1:] > np.maximum.accumulate(ub)[:-1]]
    pareto = utilities[order[keep]][::-1]
    ra = RESERVATION_SHARE * fm.max_utility(a)
    rb = RESERVATION_SHARE * fm.max_utility(b)
    ok = np.flatnonzero((utilities[:, 0] >= ra) & (utilities[:, 1] >= rb))
    if ok.size == 0:
        return pareto, None
    products = (utilities[ok, 0] - ra) * (utilities[ok, 1] - rb)
    best = ok[int(np.argmax(products))]
    nash = fm.NashPoint(tuple(int(x) for x in packages[best]), tuple(utilities[best]), float(products.max()))
    return pareto, nash


@contextmanager
def merge_above(size: int) -> Iterator[None]:
    """Force the tolerance grid on smaller sets than the solver normally would."""
    saved = fm._MERGE_ABOVE
    fm._MERGE_ABOVE = size
    try:
        yield
    finally:
        fm._MERGE_ABOVE = saved


def row(widths: tuple[int, ...], *cells: object) -> None:
    print(" ".join(str(cell).rjust(width) for cell, width in zip(cells, widths, strict=True)))


def growth() -> None:
    print("== time and memory: pareto_frontier + nash_point, tolerance 1e-4 ==")
    widths = (9, 6, 4, 8, 9, 7, 6)
    row(widths, "kind", "size", "seed", "time ms", "peak MiB", "points", "exact")
    target: list[tuple[float, float]] = []  # (seconds, MiB) of random 12x6
    for kind in ("random", "conflict"):
        for issues, options in ((8, 5), (12, 6), (20, 6), (40, 8)):
            for seed in range(3):
                a, b = scenario(issues, options, seed, kind)
                seconds = timed(partial(solve, a, b))
                peak = peak_mib(partial(solve, a, b))
                frontier, _ = solve(a, b)
                size = f"{issues}x{options}"
                row(
                    widths,
                    kind,
                    size,
                    seed,
                    f"{seconds * 1e3:.1f}",
                    f"{peak:.2f}",
                    len(frontier.points),
                    frontier.exact,
                )
                if (kind, size) == ("random", "12x6"):
                    target.append((seconds, peak))
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"process peak RSS so far (interpreter and numpy included): {rss:.0f} MiB")
    slowest = max(seconds for seconds, _ in target)
    largest = max(peak for _, peak in target)
    print(
        f"target random 12x6: at most 1 s and 200 MB; worst seen {slowest * 1e3:.1f} ms, "
        f"{largest:.2f} MiB -> {'OK' if slowest <= 1 and largest <= 200 else 'MISSED'}"
    )


def accuracy_at_size() -> None:
    print("\n== default (tolerance 1e-4) against exact DP (tolerance 0) ==")
    widths = (9, 6, 4, 9, 8, 9, 9, 9)
    row(widths, "kind", "size", "seed", "exact pts", "grid pts", "coverage", "nash prod", "nash u")
    for kind in ("random", "conflict"):
        for issues, options in ((12, 6), (14, 6)):
            for seed in range(3):
                a, b = scenario(issues, options, seed, kind)
                exact, exact_nash = solve(a, b, tolerance=0.0)
                approx, approx_nash = solve(a, b)
                product, utility = nash_gap(exact_nash, approx_nash)
                gap = coverage_gap(exact.points, approx.points)
                row(
                    widths,
                    kind,
                    f"{issues}x{options}",
                    seed,
                    len(exact.points),
                    len(approx.points),
                    f"{gap:.1e}",
                    f"{product:.1e}",
                    f"{utility:.1e}",
                )


def accuracy_against_brute_force() -> None:
    print("\n== accuracy against brute force, 8x6 (1,679,616 packages) ==")
    widths = (9, 4, 12, 7, 6, 9, 9, 9)
    row(widths, "kind", "seed", "solver", "points", "exact", "coverage", "nash prod", "nash u")
    for kind in ("random", "conflict"):
        for seed in range(3):
            a, b = scenario(8, 6, seed, kind)
            pareto, nash = brute_force(a, b)
            row(widths, kind, seed, "brute force", len(pareto), "", "", "", "")
            results = {"exact DP": solve(a, b, tolerance=0.0), "default": solve(a, b)}
            with merge_above(200):
                results["grid forced"] = solve(a, b)
            for name, (frontier, found) in results.items():
                product, utility = nash_gap(nash, found)
                gap = coverage_gap(pareto, frontier.points)
                row(
                    widths,
                    "",
                    "",
                    name,
                    len(frontier.points),
                    frontier.exact,
                    f"{gap:.1e}",
                    f"{product:.1e}",
                    f"{utility:.1e}",
                )


if __name__ == "__main__":
    growth()
    accuracy_at_size()
    accuracy_against_brute_force()
