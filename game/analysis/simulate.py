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
from game.engine.state import Result
from game.scenario.model import RedLineRule, Scenario

OUTCOMES = ("agreement", "ratification_failed", "walkout", "escalation", "deadline")
SIM_BOTS = ("random", "greedy", "tough", "mirror", "copycat")
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
    walked_out: int = -1  # index of the seat that walked out, or -1
    # A failed ratification: who sank the deal (index in ratifiers(scenario)) and why (REFUSAL bits), each.
    refused: tuple[tuple[int, int], ...] = ()
    deal: tuple[int, ...] | None = None  # the package agreed, if a deal stood


# Why a principal or a stakeholder refused a deal at ratification (bits of GameRecord.refused).
OWN_FIRM_LINE, NOT_CONSULTED, STAKE_RED_LINE, TOO_LITTLE = 1, 2, 4, 8
REASONS = {NOT_CONSULTED: "it was not consulted", STAKE_RED_LINE: "the deals cross its red line",
           TOO_LITTLE: "the deals give it too little"}


def game_seed(base: int, index: int) -> int:
    return (base * SEED_STRIDE + index) % 2**63


def red_lines(scenario: Scenario) -> list[RedLineRule]:
    """Every red line of the negotiators and stakeholders, in a fixed order."""
    return [line for actor in (*scenario.negotiators, *scenario.stakeholders)
            if actor in scenario.valuations for line in scenario.valuations[actor].red_lines]


def ratifiers(scenario: Scenario) -> list[str]:
    """Whoever can sink a deal at ratification: every negotiator's principal, then every stakeholder."""
    return [*scenario.negotiators, *scenario.stakeholders]


def refusals(end: State, result: Result) -> tuple[tuple[int, int], ...]:
    """Who sank a deal at ratification, and why (REFUSAL bits; 0: a reason this analysis does not know)."""
    sc = end.scenario
    package = result.package
    if result.kind != "ratification_failed" or package is None:
        return ()
    who = ratifiers(sc)
    out: list[tuple[int, int]] = []
    for verdict in result.ratifications:
        if verdict.approves or verdict.actor not in who:
            continue
        if verdict.actor in sc.negotiators:
            out.append((who.index(verdict.actor), OWN_FIRM_LINE))
            continue
        if not sc.actors[verdict.actor].must_ratify:
            continue  # its rejection does not sink the deal
        bits = 0
        if sc.actors[verdict.actor].requires_consultation and verdict.actor not in end.consulted:
            bits |= NOT_CONSULTED
        stake = end.valuations.get(verdict.actor)
        if stake is not None:
            if any(end.red_line_active(line.key) and line.crossed_by(package) for line in stake.red_lines):
                bits |= STAKE_RED_LINE
            reservation = end.hidden.reservations.get(verdict.actor)
            if reservation is not None and any(stake.weights) and stake.utility(package) < reservation:
                bits |= TOO_LITTLE
        out.append((who.index(verdict.actor), bits))
    return tuple(out)


def play_game(scenario: Scenario, cell: Cell, index: int, base_seed: int, sides: Sequence[str]) -> GameRecord:
    """Game `index` of a cell: the bot plays sides[index % len(sides)], the AI every other seat."""
    side = sides[index % len(sides)]
    seed = game_seed(base_seed, index)
    ai_seats = [s for s in scenario.seats if s != side]
    state = new_game(scenario, seed, voiced=ai_seats)
    policies: dict[str, Policy] = {s: ScenarioAI(s, cell.difficulty) for s in ai_seats}
    copied = None
    if cell.bot == "copycat":
        from game.analysis.landscape import copied as copy_of  # the frontier code, only for this bot
        copied = copy_of(scenario)
    policies[side] = make_bot(cell.bot, side, seed, difficulty=cell.difficulty, copied=copied)
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
    utilities = outcome_utilities(scenario, deal, end.hidden.reservations, end.valuations)
    fired = tuple(rule.index for rule in scenario.events if rule.spec.id in end.fired)
    walked_out = scenario.seats.index(result.by) if result.kind == "walkout" and result.by in scenario.seats else -1
    return GameRecord(scenario.seats.index(side), OUTCOMES.index(result.kind), result.turn, utilities,
                      fired, tuple(sorted(binding)), result.kind == "walkout" and result.by != side, walked_out,
                      refusals(end, result), tuple(deal) if deal is not None else None)


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
    walkouts: dict[str, float]  # per seat: share of games it walked out of
    distinct_deals: int = 0  # how many different packages were agreed (the same every time: a solved puzzle)


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
        sum(r.walkout_by_ai for r in records) / n if n else 0.0,
        {seat: sum(r.walked_out == k for r in records) / n if n else 0.0 for k, seat in enumerate(scenario.seats)},
        len({r.deal for r in records if r.deal is not None}))


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
                      tuple(balance_warnings(scenario, overall, records)))


CAREFUL_BOTS = ("tough", "mirror")  # the bots that play the AI's own logic


def balance_warnings(scenario: Scenario, overall: Sequence[CellStats],
                     per_cell: Sequence[Sequence[GameRecord]]) -> list[str]:
    """Plain-language warnings for the instructor, from the per-cell numbers (`overall`, one per cell) and the
    games of each cell (in the same order)."""
    out: list[str] = []
    records = [r for found in per_cell for r in found]
    games_of = {stats.cell: found for stats, found in zip(overall, per_cell)}
    levels = list(dict.fromkeys(s.cell.difficulty for s in overall))
    for level in levels:
        rows = [s for s in overall if s.cell.difficulty == level]
        if all(s.rates["agreement"] == 0 for s in rows):
            out.append(f"the {level} AI never agrees with any bot: check its reservation (and reservation_margin) "
                       "against what the other side can give")
        elif all(s.rates["agreement"] >= 0.95 for s in rows):
            even = ", even the random one" if any(s.cell.bot == "random" for s in rows) else " tried"
            out.append(f"the {level} AI agrees in at least 95% of games with every bot{even}: it may be too easy")
    for bot in dict.fromkeys(s.cell.bot for s in overall):
        rows = [s for s in overall if s.cell.bot == bot]
        if len(levels) > 1 and all(s.rates["agreement"] == 0 for s in rows) and \
                any(s.rates["agreement"] > 0 for s in overall):
            out.append(f"the AI never agrees with the {bot} bot at any level"
                       + (": two careful negotiators find no deal; check the reservations against the zone of "
                          "agreement" if bot in CAREFUL_BOTS else ""))
    checks = (("escalation", 0.5, "end in escalation: check the meters' drift and the moves' effects"),
              ("deadline", 0.8, f"run out of time: {scenario.deadline} turns may be too few, or the AI too slow "
                                "to concede"),
              ("ratification_failed", 0.5, "end in a deal that fails at ratification"),
              ("walkout", 0.5, "end in a walkout"))
    for kind, limit, text in checks:
        for bot in dict.fromkeys(s.cell.bot for s in overall):
            if kind == "ratification_failed" and bot == "random":
                continue  # the random bot accepts anything: its deals failing at home says nothing
            hit = [s for s in overall if s.cell.bot == bot and s.rates[kind] >= limit]
            if hit:
                where = ", ".join(f"{s.cell.difficulty} {s.rates[kind]:.0%}" for s in hit)
                games = [r for s in hit for r in games_of.get(s.cell, ()) if OUTCOMES[r.outcome] == kind]
                why = _why_ratification_failed(scenario, games) if kind == "ratification_failed" else \
                    _who_walked_out(scenario, games) if kind == "walkout" else ""
                out.append(f"against the {bot} bot, most games {text} ({where}){why}")
    for bot in CAREFUL_BOTS:
        same = [s for s in overall if s.cell.bot == bot and s.games > 1 and s.rates["agreement"] == 1
                and _all_alike(games_of.get(s.cell, ()))]
        if same:
            out.append(f"against the {bot} bot every game at {', '.join(s.cell.difficulty for s in same)} ends in "
                       "the same agreement, at the same turn, for each seat the bot played: the seeds change "
                       "nothing two careful negotiators do, so these rows are one game each, not a rate; give "
                       "reservations or starting meters a [low, high] range, or bluffs, if games should differ")
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


def _all_alike(records: Sequence[GameRecord]) -> bool:
    """Whether, for each seat the bot played, every game went exactly the same way."""
    first: dict[int, GameRecord] = {}
    for r in records:
        if first.setdefault(r.side, r) != r:
            return False
    return bool(records)


def _share(count: int, total: int) -> str:
    return "all of them" if count == total else f"{count / total:.0%} of them"


def _why_ratification_failed(scenario: Scenario, games: Sequence[GameRecord]) -> str:
    """Who most often sank the deals of these games at ratification, and why, as the end of a warning."""
    who = ratifiers(scenario)
    counts: dict[tuple[int, bool], int] = {}  # (ratifier, whether the bot played it) -> games
    reasons: dict[int, int] = {}
    for r in games:
        for index, bits in r.refused:
            key = (index, scenario.seats[r.side] == who[index])
            counts[key] = counts.get(key, 0) + 1
            reasons[index] = reasons.get(index, 0) | bits
    if not counts:
        return ""
    (index, by_bot), count = max(counts.items(), key=lambda item: (item[1], -item[0][0], item[0][1]))
    actor, share = who[index], _share(count, len(games))
    if actor in scenario.negotiators:
        principal = scenario.actors[actor].principal or scenario.actors[actor].name
        player = f"the bot, playing '{actor}'," if by_bot else f"the AI playing '{actor}'"
        return (f": most often ({share}) {player} accepted a deal across a firm red line of '{actor}' itself, which "
                f"{principal} then refused at home; make sure the briefing of '{actor}' says which lines are firm")
    said = [text for bit, text in REASONS.items() if reasons[index] & bit]
    because = f" ({'; '.join(said)})" if said else ""
    return (f": most often ({share}) the stakeholder '{actor}' rejected the deal{because}; make sure the briefings "
            "say so")


def _who_walked_out(scenario: Scenario, games: Sequence[GameRecord]) -> str:
    """Which side most often walked out of these games, and whether the AI or the bot played it."""
    counts: dict[tuple[int, bool], int] = {}
    for r in games:
        if r.walked_out >= 0:
            key = (r.walked_out, r.walkout_by_ai)
            counts[key] = counts.get(key, 0) + 1
    if not counts:
        return ""
    (seat, by_ai), count = max(counts.items(), key=lambda item: (item[1], -item[0][0], item[0][1]))
    player = "the AI" if by_ai else "the bot"
    hint = "; check its walkout rule (walkout_when, or its own under ai.walkouts)" if by_ai else ""
    return f": most often ({_share(count, len(games))}) '{scenario.seats[seat]}', played by {player}, walked out{hint}"
