"""Meters drawn as labelled bars with the last turn's change, and a value bar for the offer builder."""

from __future__ import annotations

import pygame

from game.scenario.public import PublicScenario
from game.ui import theme

GOOD = (59, 196, 154)  # the table's "good" green (#3BC49A); the words say it too, not the hue alone
BAD = theme.ORANGE
LEGEND = "Marks on a bar: dotted, the warning level; solid, where it escalates (the game ends)."


def direction(sc: PublicScenario, meter: str, seat: str | None) -> int:
    """Whether a rise of `meter` is good (+1), bad (-1) or neither (0) for `seat`, from what every seat
    knows: a meter that escalates or warns is bad as it rises; a side's coalition unity is good for that
    side (and the stakeholders' seats it backs) and bad for the sides across the table; any other meter
    (trust, a stakeholder's confidence) is good as it rises."""
    spec = sc.meter_specs[meter]
    if spec.escalate_at is not None or spec.warn_at is not None:
        return -1
    owners = [a.id for a in sc.actors.values() if getattr(a, "unity", None) == meter]
    if owners and seat is not None:
        if seat in owners or any(seat in sc.backs(o) for o in owners if o in sc.stakeholders):
            return 1
        if seat == sc.mediator:
            return 0
        return -1
    return 1


def change_texts(delta: float, good: int) -> list[tuple[str, tuple[int, int, int]]]:
    """The last turn's change of a meter, longest wording first, coloured (and worded) by what it means."""
    number = f"{delta:+.2f}"
    if good == 0:
        return [(f"{number} last turn", theme.MUTED), (number, theme.MUTED)]
    better = (delta > 0) == (good > 0)
    word, tone = ("good for you", GOOD) if better else ("bad for you", BAD)
    return [(f"{number} last turn, {word}", tone), (f"{number}, {word}", tone),
            (f"{number} {'good' if better else 'bad'}", tone), (number, tone)]


def has_marks(sc: PublicScenario) -> bool:
    return any(m.escalate_at is not None or m.warn_at is not None for m in sc.meter_specs.values())


def meters_height(sc: PublicScenario, scale: float) -> int:
    """The height draw_meters needs: a row per meter, and the legend of the bars' marks."""
    legend = theme.font(round(12 * scale)).get_linesize() + 6 if has_marks(sc) else 0
    return round(40 * scale) * len(sc.meters) + 4 + legend


def draw_meters(sc: PublicScenario, meters: tuple[float, ...], previous: tuple[float, ...] | None, width: int,
                scale: float, background: tuple[int, int, int] | None = None,
                seat: str | None = None) -> pygame.Surface:
    """The meters; on `background` (opaque, cheaper to show) or transparent. The changes are coloured
    by whether they are good or bad for `seat`, the seat whose view this is."""
    row = round(40 * scale)
    surface = pygame.Surface((width, meters_height(sc, scale)), pygame.SRCALPHA)
    if background is not None:
        surface.fill(background)
    label_font = theme.font(round(14 * scale), True)
    small = theme.font(round(12 * scale))
    for n, (meter, spec) in enumerate(sc.meter_specs.items()):
        y = n * row
        value = meters[n]
        warn = spec.warn_at is not None and value >= spec.warn_at
        # the label on the left, the last turn's change on the right; shorter wordings when they would meet
        labels = [f"{spec.label}  {value:.2f}"]
        if spec.escalate_at is not None:
            labels.insert(0, labels[0] + f"   (escalation at {spec.escalate_at:.2f})")
        changes: list[tuple[str, tuple[int, int, int]]] = []
        if previous is not None and abs(value - previous[n]) > 1e-9:
            changes = change_texts(value - previous[n], direction(sc, meter, seat))
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
            solid_mark(surface, bar.left + round(bar.width * spec.escalate_at) - 2, bar.top - 3, bar.height + 6)
        if spec.warn_at is not None:
            dotted_mark(surface, bar.left + round(bar.width * spec.warn_at), bar.top - 3, bar.height + 6)
    if has_marks(sc):
        draw_legend(surface, row * len(sc.meters) + 4, small, scale)
    return surface


def solid_mark(surface: pygame.Surface, x: int, top: int, height: int) -> None:
    pygame.draw.rect(surface, theme.TEXT, (x, top, 3, height))


def dotted_mark(surface: pygame.Surface, x: int, top: int, height: int) -> None:
    for yy in range(top, top + height, 4):
        pygame.draw.line(surface, theme.TEXT, (x, yy), (x, yy + 1))


def draw_legend(surface: pygame.Surface, y: int, small: pygame.font.Font, scale: float) -> None:
    """What the marks on the bars mean, in words beside a sample of each (shorter words if narrow)."""
    width = surface.get_width()
    mark_h = small.get_linesize() - 4
    for dotted, solid in (("dotted: warning level", "solid: escalation"), ("warning", "escalation")):
        need = small.size(dotted)[0] + small.size(solid)[0] + 40
        if need <= width:
            break
    x = 0
    for text, draw in ((dotted, dotted_mark), (solid, solid_mark)):
        draw(surface, x + 2, y + 2, mark_h)
        picture = small.render(text, True, theme.MUTED)
        surface.blit(picture, (x + 10, y))
        x += 10 + picture.get_width() + 18


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
