"""Meters drawn as labelled bars with the last turn's change, and a value bar for the offer builder."""

from __future__ import annotations

import pygame

from game.scenario.public import PublicScenario
from game.ui import theme


def draw_meters(sc: PublicScenario, meters: tuple[float, ...], previous: tuple[float, ...] | None, width: int,
                scale: float, background: tuple[int, int, int] | None = None) -> pygame.Surface:
    """The meters; on `background` (opaque, cheaper to show) or transparent."""
    row = round(40 * scale)
    surface = pygame.Surface((width, row * len(sc.meters) + 4), pygame.SRCALPHA)
    if background is not None:
        surface.fill(background)
    label_font = theme.font(round(14 * scale), True)
    small = theme.font(round(12 * scale))
    for n, spec in enumerate(sc.meter_specs.values()):
        y = n * row
        value = meters[n]
        warn = spec.warn_at is not None and value >= spec.warn_at
        # the label on the left, the last turn's change on the right; shorter wordings when they would meet
        labels = [f"{spec.label}  {value:.2f}"]
        if spec.escalate_at is not None:
            labels.insert(0, labels[0] + f"   (escalation at {spec.escalate_at:.2f})")
        changes: list[tuple[str, tuple[int, int, int]]] = []
        if previous is not None and abs(value - previous[n]) > 1e-9:
            delta = value - previous[n]
            tone = theme.YELLOW if delta > 0 else theme.SKY
            changes = [(f"{delta:+.2f} last turn", tone), (f"{delta:+.2f}", tone)]
        elif previous is not None:
            changes = [("no change", theme.MUTED), ("", theme.MUTED)]
        choice = None
        for label in labels:
            for change, tone in changes or [("", theme.TEXT)]:
                if label_font.size(label)[0] + small.size(change)[0] + 12 <= width:
                    choice = (label, change, tone)
                    break
            if choice:
                break
        label, change, tone = choice or (labels[-1], "", theme.TEXT)
        surface.blit(label_font.render(label, True, theme.TEXT), (0, y))
        if change:
            picture = small.render(change, True, tone)
            surface.blit(picture, (width - picture.get_width(), y + 2))
        bar = pygame.Rect(0, y + round(21 * scale), width, round(12 * scale))
        pygame.draw.rect(surface, theme.GRID, bar, border_radius=3)
        fill = bar.copy()
        fill.width = round(bar.width * value)
        pygame.draw.rect(surface, theme.ORANGE if warn else theme.SKY, fill, border_radius=3)
        if warn:  # stripes as well as colour: the warning does not rely on hue
            for x in range(fill.left, fill.right, 8):
                pygame.draw.line(surface, theme.BG, (x, fill.bottom - 1), (min(x + 5, fill.right), fill.top), 2)
        if spec.escalate_at is not None:
            x = bar.left + round(bar.width * spec.escalate_at) - 2
            pygame.draw.rect(surface, theme.TEXT, (x, bar.top - 3, 3, bar.height + 6))
        if spec.warn_at is not None:
            x = bar.left + round(bar.width * spec.warn_at)
            for yy in range(bar.top - 3, bar.bottom + 3, 4):
                pygame.draw.line(surface, theme.TEXT, (x, yy), (x, yy + 1))
    return surface


def draw_value_bar(value: float, reservation: float | None, best: float, width: int, scale: float,
                   crosses: bool, background: tuple[int, int, int] | None = None) -> pygame.Surface:
    """The package's worth to the seat on a 0..best scale, with its reservation marked (a mediator has none)."""
    height = round(30 * scale)
    surface = pygame.Surface((width, height), pygame.SRCALPHA)
    if background is not None:
        surface.fill(background)
    bar = pygame.Rect(0, 2, width, round(12 * scale))
    top = max(best, 1e-9)
    pygame.draw.rect(surface, theme.GRID, bar, border_radius=3)
    fill = bar.copy()
    fill.width = round(bar.width * max(0.0, min(1.0, value / top)))
    good = (reservation is None or value >= reservation) and not crosses
    pygame.draw.rect(surface, theme.SKY if good else theme.VERMILLION, fill, border_radius=3)
    if reservation is None:
        return surface
    x = bar.left + round(bar.width * min(1.0, reservation / top))
    pygame.draw.rect(surface, theme.YELLOW, (x - 1, 0, 3, bar.height + 4))
    small = theme.font(round(12 * scale))
    label = small.render(f"reservation {reservation:.2f}", True, theme.YELLOW)
    surface.blit(label, (min(max(0, x - label.get_width() // 2), width - label.get_width()), bar.bottom + 2))
    return surface
