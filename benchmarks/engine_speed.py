"""Engine and AI speed: whole headless games per second, AI move latency, growth to 12 issues × 6 options.

Run: python benchmarks/engine_speed.py [--games N]
Targets (issues 2 and 7): >= 1,000 Geneva games/s on one core against the random bot; AI move p99 <= 5 ms on
Geneva; on a generated 12 × 6 scenario (2.2e9 packages) an AI move <= 50 ms and <= 200 MB; with 4 negotiators
and a mediator on 10 issues × 5 options (about 1e7 packages) an AI move p99 <= 20 ms and <= 150 MB.
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
    def __init__(self, actor: str, samples: list[float], difficulty: str | None = None):
        super().__init__(actor, difficulty)
        self.samples = samples

    def choose(self, view):  # type: ignore[no-untyped-def]
        start = time.perf_counter()
        move = super().choose(view)
        self.samples.append(time.perf_counter() - start)
        return move


def games_per_second(sc, games: int, bot: str) -> tuple[float, list[float]]:  # type: ignore[no-untyped-def]
    samples: list[float] = []
    levels = list(sc.spec.ai.difficulties)
    start = time.perf_counter()
    for seed in range(games):
        side = sc.seats[seed % 2]
        other = sc.seats[1 - seed % 2]
        state = new_game(sc, seed, voiced=[other])
        play_out(state, {side: make_bot(bot, side, seed), other: TimedAI(other, samples, levels[seed % len(levels)])})
    return games / (time.perf_counter() - start), samples


def generated_spec(issues: int, options: int, seed: int, negotiators: int = 2, mediator: bool = False) -> dict:
    rng = np.random.default_rng(seed)
    sides = ["a", "b", "c", "d", "e", "f"][:negotiators]
    issue_list = [{"id": f"i{i}", "title": f"Issue {i}",
                   "options": [{"id": f"o{k}", "label": f"Option {k}"} for k in range(options)]}
                  for i in range(issues)]
    prefs = {}
    for actor in (*sides, *(["m"] if mediator else [])):
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
            "actors": [*([{"id": "m", "name": "M", "role": "mediator", "negotiator": "Envoy"}] if mediator else []),
                       *({"id": x, "name": x.upper(), "role": "negotiator"} for x in sides)],
            "issues": issue_list, "preferences": prefs,
            "meters": {"tension": {"label": "Tension", "start": 0.5, "escalate_at": 1.0},
                       "trust": {"label": "Trust", "start": 0.4}},
            "moves": {"threaten": {"effects": {"tension": 0.05}, "pressure": 0.1},
                      "press": {"effects": {"tension": 0.03}, "pressure": 0.1}},
            "ai": {"default_difficulty": "hard", "difficulties": {"hard": level}},
            "deadline": {"turns": 12, "label": "End"},
            "outcomes": {k: {"title": k, "debrief": k} for k in
                         ("agreement", "ratification_failed", "walkout", "escalation", "deadline")},
            "history": {"summary": "None."}}


def growth(issues: int, options: int, games: int, negotiators: int = 2,
           mediator: bool = False) -> tuple[list[float], float]:
    """AI moves in games where a random bot plays the last negotiator and the AI every other seat."""
    samples: list[float] = []
    tracemalloc.start()
    for seed in range(games):
        spec = generated_spec(issues, options, seed, negotiators, mediator)
        sc = compile_scenario(ScenarioSpec.model_validate(spec), "<gen>", "0")
        bot = sc.negotiators[-1]
        ai = [s for s in sc.seats if s != bot]
        policies = {s: TimedAI(s, samples) for s in ai}
        policies[bot] = make_bot("random", bot, seed)  # type: ignore[assignment]
        play_out(new_game(sc, seed, voiced=ai), policies)
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
    for issues, options, negotiators, mediator in ((8, 5, 2, False), (12, 6, 2, False), (10, 5, 4, True)):
        samples, peak = growth(issues, options, 5, negotiators, mediator)
        who = f"{negotiators} negotiators" + (" and a mediator" if mediator else "")
        print(f"Generated {issues} x {options} ({options ** issues:.1e} packages), {who}: AI move p50 "
              f"{percentile(samples, 50):.2f} ms, p99 {percentile(samples, 99):.2f} ms, "
              f"max {max(samples) * 1000:.2f} ms;"
              f" peak traced memory {peak:.1f} MB, process max RSS "
              f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
