"""The Pareto frontier and the Nash point over three and four sides, as ``game.analysis.pareto`` computes them.

Run from the repository root:  ``python -m benchmarks.frontier_sides``

Target (issue 7): for 3 sides at about 10^7 packages (10 issues x 5 options), frontier and Nash point in
at most 1 s, exact or within 10^-3. Accuracy is checked against a brute-force enumeration of every package,
in blocks (the Nash product and its utilities). Two kinds of generated scenario: `random` (independent values)
and `conflict` (the third side wants what the first two agree on least: many more efficient packages).
Timings are measured here, never asserted in tests.
"""

from __future__ import annotations

import os
import platform
import time
import tracemalloc

import numpy as np

from game.analysis.frontier import nash_point
from game.analysis.pareto import pareto_set

SHARE = 0.4  # each side's reservation, as a share of its best case


def scenario(sides: int, issues: int, options: int, seed: int, kind: str) -> list[list[np.ndarray]]:
    rng = np.random.default_rng(seed)
    weights = rng.dirichlet(np.ones(issues), size=sides)
    values = [[rng.random(options) for _ in range(issues)] for _ in range(sides)]
    if kind == "conflict":  # side 1 values the opposite of side 0; the others mix them
        values[1] = [1 - v for v in values[0]]
        for s in range(2, sides):
            values[s] = [np.clip(0.5 * (a + b) + rng.normal(0, 0.1, options), 0, 1)
                         for a, b in zip(values[0], values[1])]
    return [[w * v for w, v in zip(weights[s], values[s])] for s in range(sides)]


def brute_nash(tables: list[list[np.ndarray]], reservations: np.ndarray) -> float:
    """The best Nash product over every package, enumerated in blocks of the last issues."""
    issues = len(tables[0])
    split = issues // 2
    head = [np.array(np.meshgrid(*[t for t in (side[:split])], indexing="ij")).reshape(split, -1).sum(axis=0)
            for side in tables]
    tail = [np.array(np.meshgrid(*[t for t in (side[split:])], indexing="ij")).reshape(issues - split, -1)
            .sum(axis=0) for side in tables]
    best = -np.inf
    for k in range(len(head[0])):
        gains = [h[k] + t - r for h, t, r in zip(head, tail, reservations)]
        ok = np.all([g >= 0 for g in gains], axis=0)
        if ok.any():
            best = max(best, float(np.prod(gains, axis=0)[ok].max()))
    return best


def main() -> None:
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}, numpy {np.__version__}")
    for sides, issues, options in ((3, 10, 5), (4, 10, 5)):
        for kind in ("random", "conflict"):
            times, errors, sizes, peaks = [], [], [], []
            for seed in range(3):
                tables = scenario(sides, issues, options, seed, kind)
                reservations = np.array([SHARE * sum(t.max() for t in side) for side in tables])
                tracemalloc.start()
                start = time.perf_counter()
                frontier = pareto_set(tables)
                nash = nash_point(frontier, *reservations)
                times.append(time.perf_counter() - start)
                peaks.append(tracemalloc.get_traced_memory()[1] / 2**20)
                tracemalloc.stop()
                sizes.append(len(frontier.points))
                if sides == 3:
                    exact = brute_nash(tables, reservations)
                    errors.append(abs(exact - (nash.product if nash else -np.inf)))
            accuracy = f"; Nash product off the exact one by at most {max(errors):.1e}" if errors else ""
            print(f"{sides} sides, {issues} x {options} ({options ** issues:.1e} packages), {kind}: "
                  f"{max(times):.2f} s at most (median {np.median(times):.2f} s), {max(sizes):,} efficient "
                  f"packages, peak {max(peaks):.0f} MiB{accuracy}")


if __name__ == "__main__":
    main()
