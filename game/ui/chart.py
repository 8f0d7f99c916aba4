"""Charts for the debrief, drawn with pygame onto surfaces.

The outcome space: every package as a point by the two sides' utilities, the Pareto frontier,
the Nash point, both reservation lines, each side's trail of offers (circles for one side,
triangles for the other, so shape and not only colour tells them apart) and the final deal.
And the meters over the game, one line and one marker shape per meter.
"""

from __future__ import annotations

import math

import pygame

from game.analysis.debrief import Debrief
from game.analysis.frontier import all_outcomes
from game.engine.state import State
from game.ui import theme

MARKERS = ("circle", "triangle", "square", "diamond")


def marker(surface: pygame.Surface, shape: str, colour: tuple[int, int, int], pos: tuple[float, float],
           r: int, width: int = 0) -> None:
    x, y = pos
    if shape == "circle":
        pygame.draw.circle(surface, colour, (round(x), round(y)), r, width)
    elif shape == "square":
        pygame.draw.rect(surface, colour, (round(x - r), round(y - r), 2 * r, 2 * r), width)
    elif shape == "triangle":
        pts = [(x, y - r * 1.2), (x - r * 1.1, y + r * 0.8), (x + r * 1.1, y + r * 0.8)]
        pygame.draw.polygon(surface, colour, pts, width)
    elif shape == "diamond":
        pts = [(x, y - r * 1.3), (x + r * 1.3, y), (x, y + r * 1.3), (x - r * 1.3, y)]
        pygame.draw.polygon(surface, colour, pts, width)


def dashed(surface: pygame.Surface, colour: tuple[int, int, int], a: tuple[float, float], b: tuple[float, float],
           width: int = 2, dash: int = 7) -> None:
    length = math.dist(a, b)
    if length == 0:
        return
    steps = int(length // dash)
    for n in range(0, steps, 2):
        t0, t1 = n * dash / length, min(1.0, (n + 1) * dash / length)
        pygame.draw.line(surface, colour, (a[0] + (b[0] - a[0]) * t0, a[1] + (b[1] - a[1]) * t0),
                         (a[0] + (b[0] - a[0]) * t1, a[1] + (b[1] - a[1]) * t1), width)


def outcome_chart(state: State, d: Debrief, size: tuple[int, int], scale: float = 1.0) -> pygame.Surface:
    sc = state.scenario
    a, b = sc.negotiators
    w, h = size
    surface = pygame.Surface(size)
    surface.fill(theme.PANEL)
    small = theme.font(round(12 * scale))
    label_font = theme.font(round(13 * scale), True)
    left, bottom_pad, top_pad, right_pad = round(56 * scale), round(46 * scale), round(34 * scale), 14
    plot = pygame.Rect(left, top_pad, w - left - right_pad, h - top_pad - bottom_pad)
    for words in ("Every possible package, by what it is worth to each side",
                  "Every package, by its worth to each side", "Every possible package"):
        if label_font.size(words)[0] <= w - left - right_pad:
            break
    title = label_font.render(words, True, theme.TEXT)
    surface.blit(title, (left, 8))
    va, vb = sc.valuations[a], sc.valuations[b]
    hi_a, hi_b = max(1.0, va.best), max(1.0, vb.best)

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
    xlabel = label_font.render(f"Worth to {sc.actors[a].name}", True, theme.SIDE_COLOURS[0])
    surface.blit(xlabel, (plot.centerx - xlabel.get_width() // 2, plot.bottom + round(20 * scale)))
    ylabel = pygame.transform.rotate(label_font.render(f"Worth to {sc.actors[b].name}", True,
                                                       theme.SIDE_COLOURS[1]), 90)
    surface.blit(ylabel, (4, plot.centery - ylabel.get_height() // 2))
    # every package
    try:
        points, _ = all_outcomes(va.arrays, vb.arrays)
    except ValueError:
        points = d.frontier.points
    if len(points) > 20000:
        points = points[:: len(points) // 20000 + 1]
    dot = pygame.Surface((3, 3))
    dot.fill((120, 132, 156))
    for ua, ub in points:
        x, y = at(ua, ub)
        surface.blit(dot, (x - 1, y - 1))
    # reservations
    ra, rb = state.hidden.reservations[a], state.hidden.reservations[b]
    x, _ = at(ra, 0)
    dashed(surface, theme.SIDE_COLOURS[0], (x, plot.top), (x, plot.bottom))
    _, y = at(0, rb)
    dashed(surface, theme.SIDE_COLOURS[1], (plot.left, y), (plot.right, y))
    # frontier
    frontier = [at(ua, ub) for ua, ub in d.frontier.points]
    if len(frontier) >= 2:
        pygame.draw.lines(surface, theme.YELLOW, False, frontier, 3)
    for p in frontier:
        pygame.draw.circle(surface, theme.YELLOW, (round(p[0]), round(p[1])), 3)
    # trails of offers
    for side, shape, colour in ((a, "circle", theme.SIDE_COLOURS[0]), (b, "triangle", theme.SIDE_COLOURS[1])):
        trail = [at(ua, ub) for by, _turn, ua, ub in d.offers if by == side]
        if len(trail) >= 2:
            pygame.draw.lines(surface, colour, False, trail, 1)
        for n, p in enumerate(trail):
            marker(surface, shape, colour, p, 6 if n == len(trail) - 1 else 5, 0 if n == len(trail) - 1 else 2)
    if d.nash is not None:
        p = at(*d.nash.utilities)
        marker(surface, "diamond", theme.PURPLE, p, 7)
        marker(surface, "diamond", theme.TEXT, p, 7, 1)
    if d.package is not None:
        p = at(va.utility(d.package), vb.utility(d.package))
        marker(surface, "square", theme.GREEN, p, 9, 3)
        marker(surface, "square", theme.TEXT, p, 12, 1)
    # legend
    items = [("circle", theme.SIDE_COLOURS[0], f"offers by {sc.actors[a].name}", 2),
             ("triangle", theme.SIDE_COLOURS[1], f"offers by {sc.actors[b].name}", 2),
             ("line", theme.YELLOW, "Pareto frontier", 0), ("diamond", theme.PURPLE, "Nash point", 0),
             ("square", theme.GREEN, "the deal", 3), ("dash", theme.MUTED, "reservation lines", 0),
             ("dot", (120, 132, 156), "other packages", 0)]
    line_h = round(17 * scale)
    legend_w = max(small.size(text)[0] for _, _, text, _ in items) + 34
    # the legend goes in the corner of the plot that hides the fewest packages and offers
    size = (legend_w, line_h * len(items) + 8)
    corners = [pygame.Rect((plot.right - size[0] - 6, plot.top + 6), size),
               pygame.Rect((plot.left + 6, plot.bottom - size[1] - 6), size),
               pygame.Rect((plot.right - size[0] - 6, plot.bottom - size[1] - 6), size),
               pygame.Rect((plot.left + 6, plot.top + 6), size)]
    marks = [at(ua, ub) for ua, ub in points] + 20 * [at(ua, ub) for _by, _turn, ua, ub in d.offers] \
        + 20 * frontier
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
        else:
            marker(surface, shape, colour, (cx, cy), 5, width)
        surface.blit(small.render(text, True, theme.TEXT), (box.left + 28, cy - small.get_height() // 2))
    return surface


def meters_chart(state: State, size: tuple[int, int], scale: float = 1.0) -> pygame.Surface:
    sc = state.scenario
    w, h = size
    surface = pygame.Surface(size)
    surface.fill(theme.PANEL)
    small = theme.font(round(12 * scale))
    label_font = theme.font(round(13 * scale), True)
    surface.blit(label_font.render("The meters over the game", True, theme.TEXT), (10, 6))
    legend_w = max(small.size(m.label)[0] for m in sc.spec.meters.values()) + 30
    tick_h = small.get_linesize()
    top = label_font.get_linesize() + 10
    # below the plot: a row of turn numbers, then the axis label "turn" (both inside the surface)
    plot = pygame.Rect(40, top, w - 60 - legend_w, h - top - 2 * tick_h - 6)
    pygame.draw.rect(surface, theme.BG, plot)
    rows = state.timeline
    steps = max(1, len(rows) - 1)
    for t in (0.0, 0.5, 1.0):
        y = plot.bottom - plot.height * t
        pygame.draw.line(surface, theme.GRID, (plot.left, y), (plot.right, y))
        txt = small.render(f"{t:.1f}", True, theme.MUTED)
        surface.blit(txt, (plot.left - txt.get_width() - 4, y - txt.get_height() // 2))
    for n in range(len(rows)):
        x = plot.left + plot.width * n / steps
        if n % max(1, steps // 10) == 0:
            txt = small.render(str(n), True, theme.MUTED)
            surface.blit(txt, (x - txt.get_width() // 2, plot.bottom + 2))
    colours = (theme.SKY, theme.ORANGE, theme.GREEN, theme.PURPLE, theme.YELLOW, theme.VERMILLION)
    for m, spec in enumerate(sc.spec.meters.values()):
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
    txt = small.render("turn", True, theme.MUTED)
    surface.blit(txt, (plot.centerx - txt.get_width() // 2, plot.bottom + 2 + tick_h))
    return surface
