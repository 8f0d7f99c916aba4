"""The instructor tools' charts, drawn as SVG (``game.tools.svg``): the frontier chart of a pair of sides, with
the deals of a class on it, and bar charts of outcomes."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from game.analysis.debrief import Pair
from game.analysis.landscape import Landscape
from game.scenario.model import Scenario
from game.scenario.public import PublicScenario
from game.tools.svg import FAINT, INK, PALETTE, Bars, Plot

MAX_CLOUD = 3000  # packages drawn as the grey cloud; beyond this a regular sample of them

# each outcome's mark on a chart: shape, colour and legend label (shape and colour both differ)
OUTCOME_MARKS = {
    "agreement": ("circle", PALETTE[0], "agreement"),
    "ratification_failed": ("triangle", PALETTE[1], "agreement that failed ratification"),
    "walkout": ("cross", PALETTE[4], "walkout (no deal)"),
    "escalation": ("square", PALETTE[3], "escalation (no deal)"),
    "deadline": ("diamond", PALETTE[2], "deadline, no deal"),
}
OUTCOME_WORDS = {kind: label for kind, (_, _, label) in OUTCOME_MARKS.items()}


@dataclass(frozen=True)
class Deal:
    """One game's result for a pair of sides: what it was worth to each, how it ended, and a tooltip."""

    x: float
    y: float
    outcome: str
    tip: str


def short(name: str) -> str:
    """A side's name without its parenthesis ('Serbia (FR Yugoslavia, ...)' -> 'Serbia'), for chart labels."""
    return name.split(" (")[0].strip() or name


def _sample(points: np.ndarray) -> np.ndarray:
    if len(points) <= MAX_CLOUD:
        return points
    return points[:: int(np.ceil(len(points) / MAX_CLOUD))]


def frontier_chart(land: Landscape, pair: tuple[str, str], deals: Sequence[Deal] = (), *,
                   title: str | None = None) -> str:
    """Every package of the pair as a grey cloud (lighter: those a firm red line forbids), the zone of agreement
    shaded, the Pareto frontier, each side's reservation (dashed), the Nash point, and `deals` marked by
    outcome."""
    sc = land.scenario
    a, b = pair
    name_a, name_b = short(sc.actors[a].name), short(sc.actors[b].name)
    view = land.pair(a, b)
    ra, rb = view.lows
    others = [short(sc.actors[x].name) for x in land.negotiators if x not in pair]
    plot = Plot(title or f"{sc.title}: {name_a} and {name_b}",
                f"Value to {name_a} (0 = nothing, 1 = its best case)",
                f"Value to {name_b} (0 = nothing, 1 = its best case)",
                note=(f"Deals every other side ({', '.join(others)}) prefers to no deal. " if others else "")
                + "Zone of agreement: deals better than no deal for both. Reservations at the lowest of their "
                "ranges; each game draws its own.")
    frontier = view.frontier
    inside = frontier[(frontier[:, 0] >= ra - 1e-9) & (frontier[:, 1] >= rb - 1e-9)] if len(frontier) else frontier
    if len(inside):
        xs = [ra, ra, *inside[:, 0], float(inside[-1, 0])]
        ys = [rb, float(inside[0, 1]), *inside[:, 1], rb]
        plot.region(xs, ys, label="zone of agreement", colour=PALETTE[2])
    forbidden, allowed = _sample(view.forbidden), _sample(view.allowed)
    if len(forbidden):
        plot.markers(forbidden[:, 0], forbidden[:, 1], label="package across a firm red line", colour=FAINT,
                     shape="circle", size=1.8, hollow=True)
    if len(allowed):
        plot.markers(allowed[:, 0], allowed[:, 1], label="possible package", colour="#9a9a9a", shape="circle",
                     size=2.0)
    if len(frontier):
        plot.line(frontier[:, 0], frontier[:, 1], label="Pareto frontier", colour=INK, width=2.2)
    plot.vline(ra, label=f"{name_a}: reservation {ra:.2f}", colour=PALETTE[0])
    plot.hline(rb, label=f"{name_b}: reservation {rb:.2f}", colour=PALETTE[1], dash="2 3")
    by_outcome: dict[str, list[Deal]] = {}
    for deal in deals:
        by_outcome.setdefault(deal.outcome, []).append(deal)
    for kind, (shape, colour, label) in OUTCOME_MARKS.items():
        marks = by_outcome.get(kind, [])
        if marks:
            plot.markers([d.x for d in marks], [d.y for d in marks], label=f"{label} ({len(marks)})",
                         colour=colour, shape=shape, size=5.5, tips=[d.tip for d in marks], opacity=0.85)
    if view.nash is not None:
        plot.markers([view.nash[0]], [view.nash[1]], label="Nash point (largest product of gains)",
                     colour="#000000", shape="star", size=7, tips=["Nash point"])
    return plot.svg()


def outcome_bars(title: str, rows: Sequence[tuple[str, Mapping[str, float]]], *, share: bool = True,
                 note: str | None = None) -> str:
    """One bar per row (e.g. a side and level), split by outcome: as shares of the row's games, or counts."""
    kinds = [k for k in OUTCOME_MARKS if any(counts.get(k) for _, counts in rows)] or ["agreement"]
    values = []
    for label, counts in rows:
        total = sum(counts.values()) or 1
        values.append((label, [counts.get(k, 0) / total if share else counts.get(k, 0) for k in kinds]))
    return Bars(title, "share of games" if share else "games", [OUTCOME_WORDS[k] for k in kinds], values,
                note=note).svg()


def histogram(title: str, x_label: str, values: Sequence[float], *, bins: int = 10,
              low: float | None = None, high: float | None = None, note: str | None = None) -> str:
    """How many values fall in each of `bins` equal ranges, as a step chart with markers."""
    data = np.asarray(values, dtype=float)
    lo = float(np.min(data)) if low is None and len(data) else (low if low is not None else 0.0)
    hi = float(np.max(data)) if high is None and len(data) else (high if high is not None else 1.0)
    if hi <= lo:
        hi = lo + 1.0
    counts, edges = np.histogram(data, bins=bins, range=(lo, hi))
    top = max(1, int(counts.max()) if len(counts) else 1)
    plot = Plot(title, x_label, "games", x_range=(lo, hi), y_range=(0, top * 1.1), height=380, note=note)
    xs, ys = [float(edges[0])], [0.0]
    for n, count in enumerate(counts):
        xs += [float(edges[n]), float(edges[n + 1])]
        ys += [float(count), float(count)]
    xs.append(float(edges[-1]))
    ys.append(0.0)
    plot.region(xs, ys, label=None, colour=PALETTE[0], opacity=0.35)
    plot.line(xs, ys, label=None, colour=PALETTE[0])
    centres = (edges[:-1] + edges[1:]) / 2
    plot.markers(centres, counts, label="games in the range", colour=PALETTE[0], shape="square", size=3,
                 tips=[f"{edges[n]:.2f} to {edges[n + 1]:.2f}: {int(c)}" for n, c in enumerate(counts)])
    return plot.svg()


def game_chart(sc: Scenario | PublicScenario, pair: Pair, names: Mapping[str, str] | None = None, *,
               title: str | None = None, cloud: bool = True) -> str:
    """One finished game for a pair of sides, on that game's own values (as its debrief has them): every package
    (lighter: across a firm red line; without `cloud`, none: a small chart), the Pareto frontier, both
    reservations, the Nash point, the trail of full offers in the order they were made, and the deal."""
    a, b = pair.sides
    name_a, name_b = (short((names or {}).get(s) or sc.actors[s].name) for s in (a, b))
    plot = Plot(title or f"{name_a} and {name_b}: this game", f"Value to {name_a} (0 = nothing, 1 = its best case)",
                f"Value to {name_b} (0 = nothing, 1 = its best case)",
                note="The values drawn for this game. The trail joins the full offers in the order they were made; "
                     "a tooltip gives who made each and when.")
    packages = _sample(pair.cloud) if cloud else pair.cloud[:0]
    blocked = pair.blocked if len(pair.blocked) == len(pair.cloud) else np.zeros(len(pair.cloud), dtype=bool)
    blocked = blocked[:: int(np.ceil(len(pair.cloud) / MAX_CLOUD))] if len(pair.cloud) > MAX_CLOUD else blocked
    blocked = blocked[:len(packages)]
    if len(packages) and blocked.any():
        plot.markers(packages[blocked, 0], packages[blocked, 1], label="package across a firm red line",
                     colour=FAINT, shape="circle", size=1.8, hollow=True)
    if len(packages) and (~blocked).any():
        plot.markers(packages[~blocked, 0], packages[~blocked, 1], label="possible package", colour="#9a9a9a",
                     shape="circle", size=2.0)
    if len(pair.frontier):
        plot.line(pair.frontier[:, 0], pair.frontier[:, 1], label="Pareto frontier", colour=INK, width=2.2)
    ra, rb = pair.reservations
    plot.vline(ra, label=f"{name_a}: no deal {ra:.2f}", colour=PALETTE[0])
    plot.hline(rb, label=f"{name_b}: no deal {rb:.2f}", colour=PALETTE[1], dash="2 3")
    if pair.offers:
        plot.line([o[2] for o in pair.offers], [o[3] for o in pair.offers], label="the trail of offers, in order",
                  colour="#6b6b6b", dash="3 3", width=1.2)
        makers = list(dict.fromkeys(o[0] for o in pair.offers))
        for n, maker in enumerate(makers):
            mine = [o for o in pair.offers if o[0] == maker]
            colour = PALETTE[0] if maker == a else PALETTE[1] if maker == b else PALETTE[4 + n % 2]
            who = short((names or {}).get(maker) or sc.actors[maker].name)
            plot.markers([o[2] for o in mine], [o[3] for o in mine], label=f"{who}'s offers ({len(mine)})",
                         colour=colour, shape="triangle" if maker == b else "circle", size=4.0,
                         tips=[f"turn {turn}: {who}'s offer ({x:.2f}, {y:.2f})" for _, turn, x, y in mine])
    if pair.nash is not None:
        plot.markers([pair.nash[0]], [pair.nash[1]], label="Nash point (largest product of gains)", colour="#000000",
                     shape="star", size=7, tips=["Nash point"])
    if pair.deal is not None:
        plot.markers([pair.deal[0]], [pair.deal[1]], label="the deal", colour=PALETTE[2], shape="square", size=7,
                     tips=[f"the deal ({pair.deal[0]:.2f}, {pair.deal[1]:.2f})"])
    return plot.svg()
