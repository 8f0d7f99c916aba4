"""Engine and AI speed: whole headless games per second, AI move latency, growth to 12 issues × 6 options.

Run: python benchmarks/engine_speed.py [--games N]
Targets (issue 2): >= 500 Geneva games/s on one core; AI move p99 <= 5 ms on Geneva;
on a generated 12 × 6 scenario (2.2e9 packages) an AI move <= 50 ms and <= 200 MB.
Timings are measured here, never asserted in tests.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import sys
import time
import tracemalloc
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from game.ai import ScenarioAI, make_bot, play_out  # noqa: E402
from game.engine import new_game  # noqa: E402
from game.resources import scenario_path  # noqa: E402
from game.scenario import load_scenario  # noqa: E402
from game.scenario.model import compile_scenario  # noqa: E402
from game.scenario.schema import ScenarioSpec  # noqa: E402


class TimedAI(ScenarioAI):
    def __init__(self, actor: str, samples: list[float]):
        super().__init__(actor)
        self.samples = samples

    def choose(self, state):  # type: ignore[no-untyped-def]
        start = time.perf_counter()
        move = super().choose(state)
        self.samples.append(time.perf_counter() - start)
        return move


def games_per_second(sc, games: int, bot: str) -> tuple[float, list[float]]:  # type: ignore[no-untyped-def]
    samples: list[float] = []
    start = time.perf_counter()
    for seed in range(games):
        side = sc.negotiators[seed % 2]
        state = new_game(sc, seed, side, list(sc.spec.ai.difficulties)[seed % len(sc.spec.ai.difficulties)])
        play_out(state, {side: make_bot(bot, side, seed), state.ai: TimedAI(state.ai, samples)})
    return games / (time.perf_counter() - start), samples


def generated_spec(issues: int, options: int, seed: int) -> dict:
    rng = np.random.default_rng(seed)
    issue_list = [{"id": f"i{i}", "title": f"Issue {i}",
                   "options": [{"id": f"o{k}", "label": f"Option {k}"} for k in range(options)]}
                  for i in range(issues)]
    prefs = {}
    for actor in ("a", "b"):
        weights = rng.dirichlet(np.ones(issues))
        prefs[actor] = {"weights": {f"i{i}": float(w) for i, w in enumerate(weights)},
                        "values": {f"i{i}": {f"o{k}": float(v) for k, v in enumerate(rng.random(options))}
                                   for i in range(issues)},
                        "reservation": [0.3, 0.4],
                        "red_lines": [{"issue": "i0", "forbid": ["o0"], "firm": 0.5, "softens_when": "trust > 0.5",
                                       "source": "s"}]}
    level = {"label": "Hard", "concession": "boulware", "opponent_model": True}
    return {"format": "detente/1", "id": "growth", "title": "Growth", "summary": "Generated.", "simulated": "All.",
            "sources": [{"id": "s", "cite": "generated"}],
            "actors": [{"id": "a", "name": "A", "role": "negotiator"}, {"id": "b", "name": "B", "role": "negotiator"}],
            "issues": issue_list, "preferences": prefs,
            "meters": {"tension": {"label": "Tension", "start": 0.5, "escalate_at": 1.0},
                       "trust": {"label": "Trust", "start": 0.4}},
            "moves": {"threaten": {"effects": {"tension": 0.05}, "pressure": 0.1}},
            "ai": {"default_difficulty": "hard", "difficulties": {"hard": level}},
            "deadline": {"turns": 12, "label": "End"},
            "outcomes": {k: {"title": k, "debrief": k} for k in
                         ("agreement", "ratification_failed", "walkout", "escalation", "deadline")},
            "history": {"summary": "None."}}


def growth(issues: int, options: int, games: int) -> tuple[list[float], float]:
    samples: list[float] = []
    tracemalloc.start()
    for seed in range(games):
        sc = compile_scenario(ScenarioSpec.model_validate(generated_spec(issues, options, seed)), "<gen>", "0")
        state = new_game(sc, seed, "b")
        play_out(state, {"b": make_bot("random", "b", seed), "a": TimedAI("a", samples)})
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return samples, peak / 2**20


def percentile(samples: list[float], q: float) -> float:
    return float(np.percentile(np.array(samples) * 1000, q))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--games", type=int, default=2000)
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})  # one core
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}, numpy {np.__version__}; pinned to one core")
    sc = load_scenario(scenario_path("geneva-2022"))
    games_per_second(sc, 50, "random")  # warm up caches
    all_samples: list[float] = []
    for bot in ("random", "greedy", "tough"):
        rate, samples = games_per_second(sc, args.games, bot)
        all_samples += samples
        print(f"Geneva, AI vs {bot:<6} bot: {rate:7.0f} games/s ({args.games} games, every rule on)")
    print(f"Geneva AI move: p50 {percentile(all_samples, 50):.3f} ms, p99 {percentile(all_samples, 99):.3f} ms, "
          f"max {max(all_samples) * 1000:.2f} ms over {len(all_samples)} moves")
    for issues, options in ((8, 5), (12, 6)):
        samples, peak = growth(issues, options, 5)
        print(f"Generated {issues} x {options} ({options ** issues:.1e} packages): AI move p50 "
              f"{percentile(samples, 50):.2f} ms, p99 {percentile(samples, 99):.2f} ms, "
              f"max {max(samples) * 1000:.2f} ms;"
              f" peak traced memory {peak:.1f} MB, process max RSS "
              f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
