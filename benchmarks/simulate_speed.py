"""Balance-check speed: Geneva games per second through `detente simulate`'s runner, on every core.

Run: python benchmarks/simulate_speed.py [--games 10000] [--jobs N]
Target (issue: instructor tools): 10,000 Geneva games in at most 30 s on a 2-core machine.
It also checks that one process and all of them give the same report (the split is fixed).
Timings are measured here, never asserted in tests.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from game.analysis.simulate import SIM_BOTS  # noqa: E402
from game.resources import scenario_path  # noqa: E402
from game.scenario import load_scenario  # noqa: E402
from game.tools.simulate_cmd import cpu_count, run_simulation  # noqa: E402


def timed(raw: bytes, name: str, games: int, bots: list[str], levels: list[str], sides: list[str],
          jobs: int):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    sim = run_simulation(raw, name, games=games, bots=bots, difficulties=levels, sides=sides, seed=1, jobs=jobs)
    return sim, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--games", type=int, default=10_000, help="total games per run")
    parser.add_argument("--jobs", type=int, default=0, help="processes (default: every core)")
    args = parser.parse_args()
    jobs = args.jobs or cpu_count()
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"machine: {platform.processor() or platform.machine()}, {cpu_count()} cores usable, "
          f"Python {platform.python_version()}; load average before the runs {load:.2f}")
    path = scenario_path("geneva-2022")
    scenario = load_scenario(path)
    raw, sides = path.read_bytes(), list(scenario.seats)
    levels = list(scenario.spec.ai.difficulties)
    runs = [("random bot, normal", ["random"], ["normal"], args.games),
            (f"every bot x every level ({len(SIM_BOTS) * len(levels)} cells)", list(SIM_BOTS), levels,
             args.games // (len(SIM_BOTS) * len(levels)))]
    for label, bots, lv, per_cell in runs:
        total = per_cell * len(bots) * len(lv)
        _, elapsed = timed(raw, str(path), per_cell, bots, lv, sides, jobs)
        print(f"Geneva, {label}: {total:,} games in {elapsed:.1f} s on {jobs} processes "
              f"= {total / elapsed:,.0f} games/s")
    one, t1 = timed(raw, str(path), 1000, ["random"], ["normal"], sides, 1)
    many, tn = timed(raw, str(path), 1000, ["random"], ["normal"], sides, jobs)
    print(f"1,000 games: {1000 / t1:,.0f} games/s on 1 process, {1000 / tn:,.0f} on {jobs}; "
          f"same report: {one == many}")


if __name__ == "__main__":
    main()
