"""The pre-class balance check: bots play a scenario many times; the results, aggregated.

Pure: no processes, files or printing (``game.tools.simulate_cmd`` runs the games on
every core and writes the report). A game is fixed by its cell (difficulty, bot),
its index and the base seed, so any split of the games over processes gives the
same records, and the same seed gives the same report.

For each difficulty and bot, games take turns over the seat the bot plays; the scenario's
AI plays every other seat (a mediator included). Game ``g`` of every cell uses the same game seed, so cells
are compared on the same draws of reservations, bluffs and meters.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from game.ai import ScenarioAI, make_bot, play_out
from game.ai.policy import Policy
from game.analysis.payoff import outcome_utilities
from game.engine import Move, State, new_game
from game.scenario.model import RedLineRule, Scenario

OUTCOMES = ("agreement", "ratification_failed", "walkout", "escalation", "deadline")
SIM_BOTS = ("random", "greedy", "tough", "mirror")
SEED_STRIDE = 1_000_003


@dataclass(frozen=True)
class Cell:
    """One line of the balance table: the AI at a difficulty, against a bot."""

    difficulty: str
    bot: str


@dataclass(frozen=True)
class GameRecord:
    """What one simulated game leaves for the report (small, to cross process boundaries cheaply)."""

    side: int  # index of the seat the bot played
    outcome: int  # index in OUTCOMES
    turns: int
    utilities: tuple[float, ...]  # per negotiator: the deal's utility, or its reservation without a deal
    fired: tuple[int, ...]  # indexes of the events that fired
    binding: tuple[int, ...]  # indexes (in red_lines(scenario)) of the red lines that bound
    walkout_by_ai: bool


def game_seed(base: int, index: int) -> int:
    return (base * SEED_STRIDE + index) % 2**63


def red_lines(scenario: Scenario) -> list[RedLineRule]:
    """Every red line of the negotiators and stakeholders, in a fixed order."""
    return [line for actor in (*scenario.negotiators, *scenario.stakeholders)
            if actor in scenario.valuations for line in scenario.valuations[actor].red_lines]


def play_game(scenario: Scenario, cell: Cell, index: int, base_seed: int, sides: Sequence[str]) -> GameRecord:
    """Game `index` of a cell: the bot plays sides[index % len(sides)], the AI every other seat."""
    side = sides[index % len(sides)]
    seed = game_seed(base_seed, index)
    ai_seats = [s for s in scenario.seats if s != side]
    state = new_game(scenario, seed, voiced=ai_seats)
    policies: dict[str, Policy] = {s: ScenarioAI(s, cell.difficulty) for s in ai_seats}
    policies[side] = make_bot(cell.bot, side, seed, difficulty=cell.difficulty)
    lines = red_lines(scenario)
    owned = {actor: [(n, line) for n, line in enumerate(lines) if line.owner == actor]
             for actor in scenario.negotiators}
    binding: set[int] = set()

    def watch(before: State, move: Move, after: State) -> None:
        # A red line binds when an offer crossing it reaches its owner while it still holds.
        offer = before.offer
        actor = before.to_move
        if offer is None or actor is None or offer.by == actor or before.phase != "move":
            return
        for n, line in owned.get(actor, ()):
            if line.crossed_by(offer.package) and before.red_line_active(line.key):
                binding.add(n)

    end = play_out(state, policies, on_move=watch)
    result = end.result
    assert result is not None
    if result.package is not None:  # at ratification, stakeholders' red lines bind too
        for n, line in enumerate(lines):
            if line.owner in scenario.stakeholders and line.crossed_by(result.package) \
                    and end.red_line_active(line.key):
                binding.add(n)
    deal = result.package if result.kind == "agreement" else None
    utilities = outcome_utilities(scenario, deal, end.hidden.reservations)
    fired = tuple(rule.index for rule in scenario.events if rule.spec.id in end.fired)
    return GameRecord(scenario.seats.index(side), OUTCOMES.index(result.kind), result.turn, utilities,
                      fired, tuple(sorted(binding)), result.kind == "walkout" and result.by != side)


def play_games(scenario: Scenario, cells: Sequence[Cell], tasks: Sequence[tuple[int, int]], base_seed: int,
               sides: Sequence[str]) -> list[GameRecord]:
    """Play (cell index, game index) tasks in order."""
    return [play_game(scenario, cells[c], g, base_seed, sides) for c, g in tasks]


# ------------------------------------------------------------------------------------------------
# Aggregation
# ------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class CellStats:
    cell: Cell
    bot_side: str | None  # None: every side together; else the seat the bot played (the AI played the others)
    games: int
    rates: dict[str, float]  # per outcome; they add up to 1
    mean_utility: dict[str, float]  # per negotiator (a side without a deal counts its reservation)
    mean_deal_utility: dict[str, float | None]  # per negotiator, over agreements only
    turns_mean: float
    turns_median: float
    turns_min: int
    turns_max: int
    events: dict[str, float]  # per event: share of games in which it fired
    red_lines: dict[str, float]  # per red line label: share of games in which it bound
    ai_walkouts: float  # share of games the AI walked out of


@dataclass(frozen=True)
class Simulation:
    scenario_id: str
    title: str
    negotiators: tuple[str, ...]
    seed: int
    games_per_cell: int
    cells: tuple[CellStats, ...]  # per cell, both sides together, then per AI side
    warnings: tuple[str, ...]


def red_line_label(scenario: Scenario, line: RedLineRule) -> str:
    forbid = ", ".join(scenario.options[line.issue][x] for x in sorted(line.forbid))
    return f"{line.owner}: no {forbid} on {scenario.issues[line.issue]}"


def cell_stats(scenario: Scenario, cell: Cell, records: Sequence[GameRecord], bot_side: str | None) -> CellStats:
    n = len(records)
    counts = {kind: 0 for kind in OUTCOMES}
    for r in records:
        counts[OUTCOMES[r.outcome]] += 1
    sides = scenario.negotiators
    deals = [r for r in records if OUTCOMES[r.outcome] == "agreement"]
    turns = [r.turns for r in records]
    lines = red_lines(scenario)
    fired = [0] * len(scenario.events)
    bound = [0] * len(lines)
    for r in records:
        for e in r.fired:
            fired[e] += 1
        for b in r.binding:
            bound[b] += 1
    return CellStats(
        cell, bot_side, n,
        {kind: counts[kind] / n if n else 0.0 for kind in OUTCOMES},
        {a: sum(r.utilities[i] for r in records) / n if n else 0.0 for i, a in enumerate(sides)},
        {a: sum(r.utilities[i] for r in deals) / len(deals) if deals else None for i, a in enumerate(sides)},
        sum(turns) / n if n else 0.0, float(statistics.median(turns)) if turns else 0.0,
        min(turns, default=0), max(turns, default=0),
        {rule.spec.id: fired[rule.index] / n if n else 0.0 for rule in scenario.events},
        {red_line_label(scenario, line): bound[k] / n if n else 0.0 for k, line in enumerate(lines)},
        sum(r.walkout_by_ai for r in records) / n if n else 0.0)


def aggregate(scenario: Scenario, cells: Sequence[Cell], records: Sequence[Sequence[GameRecord]], seed: int,
              games: int) -> Simulation:
    """The report's numbers: per cell (both sides, then each side the AI played) and the warnings."""
    stats: list[CellStats] = []
    for cell, found in zip(cells, records):
        stats.append(cell_stats(scenario, cell, found, None))
        present = sorted({r.side for r in found})
        if len(present) > 1:
            for side in present:
                stats.append(cell_stats(scenario, cell, [r for r in found if r.side == side], scenario.seats[side]))
    overall = [s for s in stats if s.bot_side is None]
    return Simulation(scenario.id, scenario.title, scenario.negotiators, seed, games, tuple(stats),
                      tuple(balance_warnings(scenario, overall, [r for found in records for r in found])))


def balance_warnings(scenario: Scenario, overall: Sequence[CellStats], records: Sequence[GameRecord]) -> list[str]:
    """Plain-language warnings for the instructor, from the per-cell numbers."""
    out: list[str] = []
    levels = list(dict.fromkeys(s.cell.difficulty for s in overall))
    for level in levels:
        rows = [s for s in overall if s.cell.difficulty == level]
        if all(s.rates["agreement"] == 0 for s in rows):
            out.append(f"the {level} AI never agrees with any bot: check its reservation (and reservation_margin) "
                       "against what the other side can give")
        elif all(s.rates["agreement"] >= 0.95 for s in rows):
            out.append(f"the {level} AI agrees in at least 95% of games with every bot, even the random one: "
                       "it may be too easy")
    for bot in dict.fromkeys(s.cell.bot for s in overall):
        rows = [s for s in overall if s.cell.bot == bot]
        if len(levels) > 1 and all(s.rates["agreement"] == 0 for s in rows) and \
                any(s.rates["agreement"] > 0 for s in overall):
            out.append(f"the AI never agrees with the {bot} bot at any level"
                       + (": two careful negotiators find no deal; check the reservations against the zone of "
                          "agreement" if bot in ("tough", "mirror") else ""))
    checks = (("escalation", 0.5, "end in escalation: check the meters' drift and the moves' effects"),
              ("deadline", 0.8, f"run out of time: {scenario.deadline} turns may be too few, or the AI too slow "
                                "to concede"),
              ("ratification_failed", 0.5, "end in a deal that fails at ratification: the deals reached cross "
                                           "a stakeholder's red line; make sure the briefings say so"))
    for kind, limit, text in checks:
        for bot in dict.fromkeys(s.cell.bot for s in overall):
            if kind == "ratification_failed" and bot == "random":
                continue  # the random bot accepts anything: its deals failing at home says nothing
            hit = [s for s in overall if s.cell.bot == bot and s.rates[kind] >= limit]
            if hit:
                where = ", ".join(f"{s.cell.difficulty} {s.rates[kind]:.0%}" for s in hit)
                out.append(f"against the {bot} bot, most games {text} ({where})")
    if len(levels) > 1:
        # A harder level should leave the AI better off, on average, against the same bots.
        def ai_share(level: str) -> float:
            rows = [s for s in overall if s.cell.difficulty == level]
            return sum(s.rates["agreement"] for s in rows) / len(rows)
        first, last = levels[0], levels[-1]
        if ai_share(last) > ai_share(first) + 0.05:
            out.append(f"'{last}' reaches agreement more often than '{first}' ({ai_share(last):.0%} vs "
                       f"{ai_share(first):.0%}): are the difficulties in order, easiest first?")
    if records:
        for rule in scenario.events:
            if not any(rule.index in r.fired for r in records):
                out.append(f"event '{rule.spec.id}' never fired in {len(records):,} games: check its 'when'"
                           + (f" and at_turn {rule.spec.at_turn}" if rule.spec.at_turn else ""))
    return out
