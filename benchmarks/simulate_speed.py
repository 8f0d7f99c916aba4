"""Balance-check speed: Geneva games per second through `detente simulate`'s runner, on every core, and the
command itself on one process, from its start to its report.

Run: python benchmarks/simulate_speed.py [--games 10000] [--jobs N] [--commands 5]
Targets: 10,000 Geneva games in at most 30 s on a 2-core machine (issue: instructor tools);
`detente simulate geneva-2022 --bot random --difficulty normal --jobs 1` (1,000 games), process start and report
included, in at most 1 s. It also checks that one process and all of them give the same report (the split is fixed).
Whether the game's modules come from a bytecode cache is printed: a pip-installed copy has one; a source checkout
run with PYTHONDONTWRITEBYTECODE set compiles them at every start.
Timings are measured here, never asserted in tests.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from game.analysis.simulate import SIM_BOTS  # noqa: E402
from game.resources import scenario_path  # noqa: E402
from game.scenario import load_scenario  # noqa: E402
from game.tools.simulate_cmd import cpu_count, run_simulation  # noqa: E402


def timed(raw: bytes, name: str, games: int, bots: list[str], levels: list[str], sides: list[str],
          jobs: int):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    sim = run_simulation(raw, name, games=games, bots=bots, difficulties=levels, sides=sides, seed=1, jobs=jobs)
    return sim, time.perf_counter() - start


def bytecode_cached() -> bool:
    """Whether the game's modules were loaded from a bytecode cache (compiled once, not at every start)."""
    import game.engine.rules as rules

    cached = importlib.util.cache_from_source(rules.__file__)
    return os.path.exists(cached)


def command_runs(runs: int) -> list[float]:
    """Seconds the whole command takes, process start and report included, `runs` times."""
    times = []
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH")) if p)}
    with tempfile.TemporaryDirectory() as folder:
        for _ in range(runs):
            start = time.perf_counter()
            subprocess.run([sys.executable, "-m", "game", "simulate", "geneva-2022", "--bot", "random", "--difficulty",
                            "normal", "--jobs", "1", "--games", "1000", "--out", str(Path(folder) / "g.md")],
                           check=True, capture_output=True, env=env)
            times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--games", type=int, default=10_000, help="total games per run")
    parser.add_argument("--jobs", type=int, default=0, help="processes (default: every core)")
    parser.add_argument("--commands", type=int, default=5, help="runs of the one-process command (0: none)")
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
    if args.commands:
        times = command_runs(args.commands)
        load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
        print(f"`detente simulate geneva-2022 --bot random --difficulty normal --jobs 1`, 1,000 games, start to "
              f"report: {min(times):.2f}-{max(times):.2f} s (median {statistics.median(times):.2f} s) over "
              f"{len(times)} runs; bytecode cache: {'yes' if bytecode_cached() else 'no'}; load average {load:.2f}")


if __name__ == "__main__":
    main()
