"""`detente simulate`: the balance check on every core, with progress, written as Markdown + an SVG chart.

The games and the numbers come from ``game.analysis.simulate`` (pure); this module splits
the games over processes (a fixed split by cell and game index, so the number of jobs never
changes a result), shows progress and writes the report.
"""

from __future__ import annotations

import math
import multiprocessing
import os
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from game.analysis.simulate import OUTCOMES, Cell, CellStats, GameRecord, Simulation, aggregate, play_games
from game.files import write_atomic
from game.scenario import load_scenario_bytes
from game.scenario.model import Scenario
from game.tools.text import md, mdb

LABELS = {"agreement": "agreement", "ratification_failed": "ratification failed", "walkout": "walkout",
          "escalation": "escalation", "deadline": "deadline"}
Progress = Callable[[int, int], None]

@dataclass
class _Job:
    """What each worker process needs: the compiled scenario and the plan."""

    scenario: Scenario
    cells: list[Cell]
    seed: int
    sides: list[str]


_job: list[_Job] = []


def _init(scenario: Scenario, cells: list[Cell], seed: int, sides: list[str]) -> None:
    """A worker's start: it is handed the scenario the parent compiled and checked (inherited on fork,
    pickled otherwise), so no worker reads, validates or design-checks the file again."""
    _job[:] = [_Job(scenario, cells, seed, sides)]


def _run(chunk: tuple[int, int, int]) -> tuple[int, int, list[GameRecord]]:
    cell, start, stop = chunk
    job = _job[0]
    tasks = [(cell, g) for g in range(start, stop)]
    return cell, start, play_games(job.scenario, job.cells, tasks, job.seed, job.sides)


def cpu_count() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def run_simulation(raw: bytes, filename: str, *, games: int, bots: Sequence[str], difficulties: Sequence[str],
                   sides: Sequence[str], seed: int, jobs: int = 0, progress: Progress | None = None,
                   scenario: Scenario | None = None) -> Simulation:
    """Play `games` games per (difficulty, bot) on `jobs` processes (0: every core) and aggregate them.
    `scenario`: the scenario already compiled from `raw`, if the caller has it. The file is validated once, here
    (or by the caller): the worker processes get the compiled scenario."""
    scenario = scenario or load_scenario_bytes(raw, filename)
    cells = [Cell(level, bot) for level in difficulties for bot in bots]
    total = games * len(cells)
    jobs = max(1, min(jobs or cpu_count(), math.ceil(total / 50) or 1))
    size = max(25, min(500, math.ceil(total / (jobs * 8)))) if total else 1
    chunks = [(c, start, min(games, start + size)) for c in range(len(cells)) for start in range(0, games, size)]
    found: dict[tuple[int, int], list[GameRecord]] = {}
    done = 0
    args = (scenario, cells, seed, list(sides))
    if jobs == 1:
        _init(*args)
        results = map(_run, chunks)
        for cell, start, records in results:
            found[(cell, start)] = records
            done += len(records)
            if progress:
                progress(done, total)
    else:
        with multiprocessing.get_context().Pool(jobs, initializer=_init, initargs=args) as pool:
            for cell, start, records in pool.imap_unordered(_run, chunks):
                found[(cell, start)] = records
                done += len(records)
                if progress:
                    progress(done, total)
    per_cell = [[r for c, start, _ in chunks if c == n for r in found[(c, start)]] for n in range(len(cells))]
    return aggregate(scenario, cells, per_cell, seed, games)


def console_progress(stream: TextIO = sys.stderr) -> Progress:
    """Progress on a terminal: one line rewritten in place; elsewhere a line every quarter."""
    started = time.perf_counter()
    shown = [-1]

    def show(done: int, total: int) -> None:
        elapsed = time.perf_counter() - started
        rate = done / elapsed if elapsed > 0 else 0.0
        left = (total - done) / rate if rate > 0 else 0.0
        text = f"simulating: {done:,}/{total:,} games ({done / total:.0%}), {rate:,.0f} games/s, ~{left:.0f} s left"
        if stream.isatty():
            stream.write("\r" + text + (" " * 4) + ("\n" if done == total else ""))
            stream.flush()
        elif total >= 5000 and done * 4 // total > shown[0]:
            shown[0] = done * 4 // total
            stream.write(text + "\n")
    return show


# ------------------------------------------------------------------------------------------------
# The report
# ------------------------------------------------------------------------------------------------

def outcome_chart(sim: Simulation) -> str:
    """One horizontal bar per row of the outcome table (both sides together), split by outcome, as SVG."""
    from game.tools.charts import outcome_bars  # only once the games are played: a quicker start

    rows = [(f"{s.cell.difficulty}, {s.cell.bot} bot", {k: s.rates[k] for k in OUTCOMES})
            for s in sim.cells if s.bot_side is None]
    return outcome_bars(f"{sim.title}: outcomes by difficulty and bot", rows,
                        note=f"{sim.games_per_cell:,} games per bar; a bot plays one seat in turn, the AI the others.")


def _pct(x: float) -> str:
    return f"{x:.1%}"


def _row_label(s: CellStats) -> str:
    return f"{md(s.cell.difficulty)} | {md(s.cell.bot)} | {md(s.bot_side) if s.bot_side else 'all'}"


def report_markdown(sim: Simulation, chart_name: str, command: str) -> str:
    sides = sim.negotiators
    overall = [s for s in sim.cells if s.bot_side is None]
    lines = [f"# Balance check: {md(sim.title)}", "",
             f"`{command}`", "",
             f"{sim.games_per_cell:,} games per difficulty and bot (seed {sim.seed}). In each game a bot plays one "
             "seat (the seats take turns) and the scenario's AI, at the difficulty shown, plays every other seat. "
             "A side without a deal counts its reservation value (its BATNA) as its utility.", "",
             f"![Outcomes per difficulty and bot, one bar per row of the first table]({chart_name})", "",
             "Chart: one bar per difficulty and bot, split by outcome (the legend under it names each fill).", "",
             "## Warnings", ""]
    lines += [f"- {mdb(w)}" for w in sim.warnings] or ["- none"]
    lines += ["", "## Outcomes", "",
              "| difficulty | bot | bot plays | games | " + " | ".join(LABELS[k] for k in OUTCOMES) + " | "
              + " | ".join(f"mean u({md(a)})" for a in sides)
              + " | turns: mean, median (min–max) | AI walkouts | distinct deals |",
              "|" + "---|" * (5 + len(OUTCOMES) + len(sides) + 2)]
    for s in sim.cells:
        lines.append(f"| {_row_label(s)} | {s.games:,} | " + " | ".join(_pct(s.rates[k]) for k in OUTCOMES) + " | "
                     + " | ".join(f"{s.mean_utility[a]:.3f}" for a in sides)
                     + f" | {s.turns_mean:.1f}, {s.turns_median:g} ({s.turns_min}–{s.turns_max}) | "
                     + f"{_pct(s.ai_walkouts)} | {s.distinct_deals} |")
    lines += ["", "## Utilities in agreements", "",
              "| difficulty | bot | bot plays | " + " | ".join(f"u({md(a)}) in deals" for a in sides) + " |",
              "|" + "---|" * (3 + len(sides))]
    for s in sim.cells:
        lines.append(f"| {_row_label(s)} | " + " | ".join(
            f"{s.mean_deal_utility[a]:.3f}" if s.mean_deal_utility[a] is not None else "–" for a in sides) + " |")
    for title, key, blurb in (("Events", "events", "Share of games in which each event fired."),
                              ("Red lines", "red_lines", "Share of games in which each red line bound: an offer "
                               "crossing it reached its owner while it held (or, for a stakeholder, a deal "
                               "crossing it went to ratification)."),
                              ("Walkouts", "walkouts", "Share of games in which each seat walked out (whoever "
                               "played it: the AI, or the bot in the rows where the bot played that seat).")):
        names = list(getattr(overall[0], key)) if overall else []
        if not names or (key == "walkouts" and not any(s.rates["walkout"] for s in overall)):
            continue
        lines += ["", f"## {title}", "", blurb, "",
                  "| " + {"events": "event", "red_lines": "red line", "walkouts": "seat"}[key] + " | "
                  + " | ".join(f"{md(s.cell.difficulty)} / {md(s.cell.bot)}" for s in overall) + " |",
                  "|" + "---|" * (1 + len(overall))]
        for name in names:
            lines.append(f"| {md(name)} | " + " | ".join(_pct(getattr(s, key)[name]) for s in overall) + " |")
    return "\n".join(lines) + "\n"


def write_report(sim: Simulation, out: Path, command: str) -> tuple[Path, Path]:
    chart = out.with_suffix(".svg")
    write_atomic(chart, outcome_chart(sim), sync=False)
    write_atomic(out, report_markdown(sim, chart.name, command), sync=False)
    return out, chart


def summary_lines(sim: Simulation) -> list[str]:
    """A short table for the terminal."""
    out = [f"{'difficulty':<12} {'bot':<7} " + " ".join(f"{LABELS[k][:11]:>11}" for k in OUTCOMES)]
    for s in sim.cells:
        if s.bot_side is None:
            out.append(f"{s.cell.difficulty[:12]:<12} {s.cell.bot:<7} "
                       + " ".join(f"{s.rates[k]:>11.1%}" for k in OUTCOMES))
    out += [f"warning: {w}" for w in sim.warnings]
    return out
