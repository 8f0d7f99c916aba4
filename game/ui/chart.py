"""Charts for the debrief, drawn with pygame onto surfaces.

The outcome space of one pair of sides (the debrief's ``Pair``): every package as a point by the
two sides' utilities, the Pareto frontier among the deals every other side would accept too, the
Nash point, both reservation lines, each seat's trail of offers (its own marker shape, so shape
and not only colour tells them apart) and the final deal. A bar per negotiator: what it got
against its reservation and its best case. And the meters over the game, one line and one marker
shape per meter.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pygame

from game.analysis.debrief import Pair, SideResult, meter_columns
from game.scenario.public import PublicScenario
from game.ui import theme

MARKERS = ("circle", "triangle", "square", "diamond")
OFFER_MARKERS = ("circle", "triangle", "down", "cross", "square")  # by seat, in the scenario's order
CLOUD = (120, 132, 156)
BLOCKED = (92, 100, 120)  # packages across a firm red line: hollow and dimmer than the others
Colour = tuple[int, int, int]


def marker(surface: pygame.Surface, shape: str, colour: Colour, pos: tuple[float, float], r: int,
           width: int = 0) -> None:
    x, y = pos
    if shape == "circle":
        pygame.draw.circle(surface, colour, (round(x), round(y)), r, width)
    elif shape == "square":
        pygame.draw.rect(surface, colour, (round(x - r), round(y - r), 2 * r, 2 * r), width)
    elif shape == "triangle":
        pts = [(x, y - r * 1.2), (x - r * 1.1, y + r * 0.8), (x + r * 1.1, y + r * 0.8)]
        pygame.draw.polygon(surface, colour, pts, width)
    elif shape == "down":
        pts = [(x, y + r * 1.2), (x - r * 1.1, y - r * 0.8), (x + r * 1.1, y - r * 0.8)]
        pygame.draw.polygon(surface, colour, pts, width)
    elif shape == "cross":
        pygame.draw.line(surface, colour, (x - r, y - r), (x + r, y + r), max(2, width or 3))
        pygame.draw.line(surface, colour, (x - r, y + r), (x + r, y - r), max(2, width or 3))
    elif shape == "diamond":
        pts = [(x, y - r * 1.3), (x + r * 1.3, y), (x, y + r * 1.3), (x - r * 1.3, y)]
        pygame.draw.polygon(surface, colour, pts, width)


def dashed(surface: pygame.Surface, colour: Colour, a: tuple[float, float], b: tuple[float, float],
           width: int = 2, dash: int = 7) -> None:
    length = math.dist(a, b)
    if length == 0:
        return
    steps = int(length // dash)
    for n in range(0, steps, 2):
        t0, t1 = n * dash / length, min(1.0, (n + 1) * dash / length)
        pygame.draw.line(surface, colour, (a[0] + (b[0] - a[0]) * t0, a[1] + (b[1] - a[1]) * t0),
                         (a[0] + (b[0] - a[0]) * t1, a[1] + (b[1] - a[1]) * t1), width)


def clipped(font: pygame.font.Font, text: str, width: int) -> str:
    """`text`, cut short with an ellipsis to fit `width` in `font`."""
    if font.size(text)[0] <= width:
        return text
    while len(text) > 1 and font.size(text + "\u2026")[0] > width:
        text = text[:-1]
    return text.rstrip() + "\u2026"


@dataclass(frozen=True)
class Plane:
    """What the outcome chart of one pair shows besides the debrief's Pair."""

    names: tuple[str, str]  # the two sides' names
    colours: tuple[Colour, Colour]
    best: tuple[float, float]  # each side's best case: the axes' ends
    cloud: np.ndarray  # every package's (u_first, u_second), thinned
    offerers: tuple[tuple[str, str, Colour, str], ...]  # seat, name, colour, marker of each seat that made offers
    others: int  # how many other negotiators must accept a deal too (0 with two sides)
    blocked: np.ndarray | None = None  # per point of `cloud`: it crosses a firm red line (no deal)


def outcome_chart(pair: Pair, plane: Plane, size: tuple[int, int], scale: float = 1.0) -> pygame.Surface:
    w, h = size
    surface = pygame.Surface(size)
    surface.fill(theme.PANEL)
    small = theme.font(round(12 * scale))
    label_font = theme.font(round(13 * scale), True)
    left, bottom_pad, top_pad, right_pad = round(56 * scale), round(46 * scale), round(34 * scale), 14
    plot = pygame.Rect(left, top_pad, w - left - right_pad, h - top_pad - bottom_pad)
    a, b = plane.names
    for words in ("Every possible package, by what it is worth to each side", f"Every package: {a} and {b}",
                  "Every package, by its worth to each side", "Every possible package"):
        if label_font.size(words)[0] <= w - left - right_pad:
            break
    surface.blit(label_font.render(words, True, theme.TEXT), (left, 8))
    hi_a, hi_b = max(1.0, plane.best[0]), max(1.0, plane.best[1])

    def at(ua: float, ub: float) -> tuple[float, float]:
        return plot.left + plot.width * ua / hi_a, plot.bottom - plot.height * ub / hi_b

    pygame.draw.rect(surface, theme.BG, plot)
    for n in range(6):
        t = n / 5
        x, _ = at(t * hi_a, 0)
        _, y = at(0, t * hi_b)
        pygame.draw.line(surface, theme.GRID, (x, plot.top), (x, plot.bottom))
        pygame.draw.line(surface, theme.GRID, (plot.left, y), (plot.right, y))
        tx = small.render(f"{t * hi_a:.1f}", True, theme.MUTED)
        surface.blit(tx, (x - tx.get_width() // 2, plot.bottom + 3))
        ty = small.render(f"{t * hi_b:.1f}", True, theme.MUTED)
        surface.blit(ty, (plot.left - ty.get_width() - 5, y - ty.get_height() // 2))
    xlabel = label_font.render(clipped(label_font, f"Worth to {a}", plot.width), True, plane.colours[0])
    surface.blit(xlabel, (plot.centerx - xlabel.get_width() // 2, plot.bottom + round(20 * scale)))
    ylabel = pygame.transform.rotate(label_font.render(clipped(label_font, f"Worth to {b}", plot.height), True,
                                                       plane.colours[1]), 90)
    surface.blit(ylabel, (4, plot.centery - ylabel.get_height() // 2))
    dot = pygame.Surface((3, 3))
    dot.fill(CLOUD)
    ring = hollow_dot()
    blocked = plane.blocked if plane.blocked is not None and len(plane.blocked) == len(plane.cloud) \
        else np.zeros(len(plane.cloud), dtype=bool)
    for (ua, ub), no in zip(plane.cloud, blocked):  # no deal can use these: drawn hollow and dimmer, first
        if no:
            x, y = at(ua, ub)
            surface.blit(ring, (x - 2, y - 2))
    for (ua, ub), no in zip(plane.cloud, blocked):
        if not no:
            x, y = at(ua, ub)
            surface.blit(dot, (x - 1, y - 1))
    # reservations
    x, _ = at(pair.reservations[0], 0)
    dashed(surface, plane.colours[0], (x, plot.top), (x, plot.bottom))
    _, y = at(0, pair.reservations[1])
    dashed(surface, plane.colours[1], (plot.left, y), (plot.right, y))
    # frontier
    frontier = [at(ua, ub) for ua, ub in pair.frontier]
    if len(frontier) >= 2:
        pygame.draw.lines(surface, theme.YELLOW, False, frontier, 3)
    for p in frontier:
        pygame.draw.circle(surface, theme.YELLOW, (round(p[0]), round(p[1])), 3)
    # trails of offers
    trails = []
    for seat, _name, colour, shape in plane.offerers:
        trail = [at(ua, ub) for by, _turn, ua, ub in pair.offers if by == seat]
        trails += trail
        if len(trail) >= 2:
            pygame.draw.lines(surface, colour, False, trail, 1)
        for n, p in enumerate(trail):
            last = n == len(trail) - 1
            marker(surface, shape, colour, p, 6 if last else 5, 0 if last else 2)
    if pair.nash is not None:
        p = at(*pair.nash)
        marker(surface, "diamond", theme.PURPLE, p, 7)
        marker(surface, "diamond", theme.TEXT, p, 7, 1)
    if pair.deal is not None:
        p = at(*pair.deal)
        marker(surface, "square", theme.GREEN, p, 9, 3)
        marker(surface, "square", theme.TEXT, p, 12, 1)
    frontier_text = "Pareto frontier" + (" (the others accept too)" if plane.others else "")
    items = [(shape, colour, f"offers by {name}", 2) for _seat, name, colour, shape in plane.offerers]
    items += [("line", theme.YELLOW, frontier_text, 0), ("diamond", theme.PURPLE, "Nash point", 0),
              ("square", theme.GREEN, "the deal", 3), ("dash", theme.MUTED, "reservation lines", 0),
              ("dot", CLOUD, "other packages", 0)]
    if blocked.any():  # why some packages lie beyond the frontier: no deal can use them
        items.append(("ring", BLOCKED, "across a firm red line: no deal, so off the frontier", 0))
    line_h = round(17 * scale)
    if (len(items) * line_h + 8) * 2 > plot.height:  # a small chart: the legend says only what is not plain
        items = [item for item in items if item[0] not in ("dot", "dash")]
    marks = [at(ua, ub) for ua, ub in plane.cloud] + 20 * (trails + frontier)
    legend(surface, plot, items, marks, small, line_h, dot, ring)
    return surface


def hollow_dot() -> pygame.Surface:
    """The mark of a package across a firm red line: a 5-pixel hollow square, dimmer than a package's dot."""
    ring = pygame.Surface((5, 5), pygame.SRCALPHA)
    pygame.draw.rect(ring, BLOCKED, (0, 0, 5, 5), 1)
    return ring


def legend(surface: pygame.Surface, plot: pygame.Rect, items: Sequence[tuple[str, Colour, str, int]],
           marks: list[tuple[float, float]], small: pygame.font.Font, line_h: int, dot: pygame.Surface,
           ring: pygame.Surface | None = None) -> None:
    """The legend, in the corner of the plot that hides the fewest packages and offers."""
    legend_w = max(small.size(text)[0] for _, _, text, _ in items) + 34
    size = (legend_w, line_h * len(items) + 8)
    corners = [pygame.Rect((plot.right - size[0] - 6, plot.top + 6), size),
               pygame.Rect((plot.left + 6, plot.bottom - size[1] - 6), size),
               pygame.Rect((plot.right - size[0] - 6, plot.bottom - size[1] - 6), size),
               pygame.Rect((plot.left + 6, plot.top + 6), size)]
    box = min(corners, key=lambda r: sum(1 for x, y in marks if r.collidepoint(x, y)))
    pygame.draw.rect(surface, theme.PANEL, box)
    pygame.draw.rect(surface, theme.PANEL_EDGE, box, 1)
    for n, (shape, colour, text, width) in enumerate(items):
        cy = box.top + 4 + n * line_h + line_h // 2
        cx = box.left + 14
        if shape == "line":
            pygame.draw.line(surface, colour, (cx - 9, cy), (cx + 9, cy), 3)
        elif shape == "dash":
            dashed(surface, colour, (cx - 10, cy), (cx + 10, cy), 2, 4)
        elif shape == "dot":
            surface.blit(dot, (cx - 1, cy - 1))
        elif shape == "ring":
            surface.blit(ring or hollow_dot(), (cx - 2, cy - 2))
        else:
            marker(surface, shape, colour, (cx, cy), 5, width)
        surface.blit(small.render(text, True, theme.TEXT), (box.left + 28, cy - small.get_height() // 2))


def results_chart(sides: Sequence[SideResult], labels: Sequence[str], colours: Sequence[Colour],
                  size: tuple[int, int], scale: float = 1.0) -> pygame.Surface:
    """A bar per negotiator: what it got (the bar), its reservation (a yellow mark) and its best case (a
    white mark), on one 0-to-1 scale."""
    w, h = size
    surface = pygame.Surface(size)
    surface.fill(theme.PANEL)
    small = theme.font(round(12 * scale))
    bold = theme.font(round(13 * scale), True)
    surface.blit(bold.render("What each side got", True, theme.TEXT), (10, 4))
    keys = [(theme.YELLOW, "reservation"), (theme.TEXT, "best case")]
    key_w = sum(small.size(text)[0] + 18 for _, text in keys)
    if bold.size("What each side got")[0] + key_w + 30 <= w:  # the marks' legend, right of the heading
        x = w - key_w - 10
        for mark, text in keys:
            pygame.draw.rect(surface, mark, (x, 6, 3, small.get_height() - 4))
            surface.blit(small.render(text, True, theme.MUTED), (x + 8, 4))
            x += small.size(text)[0] + 18
    top = bold.get_linesize() + 8
    row = max(1, (h - top - 4) // max(1, len(sides)))
    name_w = min(w // 3, max(small.size(label)[0] for label in labels) + 16)
    figures_w = small.size("0.00 (res. 0.00, best 0.00)")[0] + 10
    bar_w = w - name_w - figures_w - 20
    for n, (side, label, colour) in enumerate(zip(sides, labels, colours)):
        y = top + n * row
        text = clipped(small, label, name_w - 8)
        surface.blit(small.render(text, True, colour), (10, y + (row - small.get_height()) // 2))
        bar = pygame.Rect(10 + name_w, y + row // 4, bar_w, max(4, row // 2))
        pygame.draw.rect(surface, theme.GRID, bar, border_radius=3)
        fill = bar.copy()
        fill.width = round(bar.width * max(0.0, min(1.0, side.utility)))
        pygame.draw.rect(surface, colour, fill, border_radius=3)
        if side.utility < side.reservation - 1e-9:  # below no deal: stripes too, not colour alone
            for x in range(fill.left, fill.right, 8):
                pygame.draw.line(surface, theme.BG, (x, fill.bottom - 1), (min(x + 5, fill.right), fill.top), 2)
        for value, mark in ((side.reservation, theme.YELLOW), (side.best, theme.TEXT)):
            x = bar.left + round(bar.width * max(0.0, min(1.0, value)))
            pygame.draw.rect(surface, mark, (x - 1, bar.top - 4, 3, bar.height + 8))
        figures = small.render(f"{side.utility:.2f} (res. {side.reservation:.2f}, best {side.best:.2f})", True,
                               theme.TEXT)
        surface.blit(figures, (bar.right + 10, y + (row - figures.get_height()) // 2))
    return surface


def meters_chart(sc: PublicScenario, timeline: Sequence[tuple[float, ...]], size: tuple[int, int],
                 scale: float = 1.0) -> pygame.Surface:
    w, h = size
    surface = pygame.Surface(size)
    surface.fill(theme.PANEL)
    small = theme.font(round(12 * scale))
    label_font = theme.font(round(13 * scale), True)
    surface.blit(label_font.render("The meters over the game", True, theme.TEXT), (10, 6))
    specs = list(sc.meter_specs.values())
    legend_w = max(small.size(m.label)[0] for m in specs) + 30
    tick_h = small.get_linesize()
    top = label_font.get_linesize() + 10
    # below the plot: a row of turn numbers, then the axis label "turn" (both inside the surface)
    plot = pygame.Rect(40, top, w - 60 - legend_w, h - top - 2 * tick_h - 6)
    pygame.draw.rect(surface, theme.BG, plot)
    rows = timeline
    steps = max(1, len(rows) - 1)
    for t in (0.0, 0.5, 1.0):
        y = plot.bottom - plot.height * t
        pygame.draw.line(surface, theme.GRID, (plot.left, y), (plot.right, y))
        txt = small.render(f"{t:.1f}", True, theme.MUTED)
        surface.blit(txt, (plot.left - txt.get_width() - 4, y - txt.get_height() // 2))
    columns = meter_columns(len(rows))  # "start" (before turn 1's events), the end of each turn, "end"
    every = max(1, steps // 10)
    for n in range(len(rows)):
        x = plot.left + plot.width * n / steps
        if n % every == 0 or n == len(rows) - 1:
            if 0 < len(rows) - 1 - n < every:  # no tick crowding the last one
                continue
            txt = small.render(columns[n], True, theme.MUTED)
            left = min(max(0, x - txt.get_width() // 2), w - txt.get_width())
            surface.blit(txt, (left, plot.bottom + 2))
    colours = (theme.SKY, theme.ORANGE, theme.GREEN, theme.PURPLE, theme.YELLOW, theme.VERMILLION)
    for m, spec in enumerate(specs):
        colour = colours[m % len(colours)]
        shape = MARKERS[m % len(MARKERS)]
        pts = [(plot.left + plot.width * n / steps, plot.bottom - plot.height * row[m]) for n, row in enumerate(rows)]
        if len(pts) >= 2:
            pygame.draw.lines(surface, colour, False, pts, 2)
        for p in pts:
            marker(surface, shape, colour, p, 4)
        if spec.escalate_at is not None:
            y = plot.bottom - plot.height * spec.escalate_at
            dashed(surface, colour, (plot.left, y), (plot.right, y), 1, 5)
        ly = plot.top + 4 + m * round(18 * scale)
        marker(surface, shape, colour, (plot.right + 16, ly + 7), 4)
        surface.blit(small.render(spec.label, True, theme.TEXT), (plot.right + 26, ly))
    notes = ("start: before turn 1's events; then each turn's end (the table showed them after its events)",
             "start: before turn 1's events; then each turn's end", "start: before turn 1's events", "turn")
    axis = next((text for text in notes if small.size(text)[0] <= w - 20), notes[-1])
    txt = small.render(axis, True, theme.MUTED)
    surface.blit(txt, (max(10, plot.centerx - txt.get_width() // 2), plot.bottom + 2 + tick_h))
    return surface
