"""Charts with words on them, as SVG: a title, labelled axes with ticks, a legend, and marks that differ by
shape as well as colour (readable printed in black and white and by colour-blind readers).

Two kinds: ``Plot`` (points, lines, reference lines and shaded regions on x-y axes) and ``Bars``
(horizontal stacked bars, one row per category). Both write a self-contained ``<svg>`` element:
no script, no external font or file, every text escaped.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from html import escape

# Okabe–Ito: distinguishable by colour-blind readers
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#E69F00", "#CC79A7", "#56B4E9", "#000000", "#F0E442")
INK, MUTED, FAINT, GRID = "#222222", "#666666", "#c8c8c8", "#ececec"
MARKERS = ("circle", "square", "triangle", "diamond", "cross", "plus", "star", "down")
FONT = "font-family=\"Helvetica, Arial, sans-serif\""


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round tick values from `low` to `high` (about `count` of them): steps of 1, 2 or 5 times a power of ten."""
    if not (math.isfinite(low) and math.isfinite(high)) or high <= low:
        return [low]
    raw = (high - low) / max(1, count)
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    first = math.ceil(low / step - 1e-9) * step
    ticks = []
    value = first
    while value <= high + step * 1e-9:
        ticks.append(round(value, 10))
        value += step
    return ticks


def _number(value: float) -> str:
    return f"{value:.10g}" if abs(value) >= 1e-12 else "0"


def marker(shape: str, x: float, y: float, size: float, colour: str, *, hollow: bool = False,
           tip: str | None = None) -> str:
    """One mark of `shape` centred on (x, y); `tip`: a tooltip shown by browsers on hover."""
    fill = "white" if hollow else colour
    style = f'fill="{fill}" stroke="{colour}" stroke-width="1.5"'
    s = size
    if shape == "circle":
        body = f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{s:.1f}" {style}/>'
    elif shape == "square":
        body = f'<rect x="{x - s:.1f}" y="{y - s:.1f}" width="{2 * s:.1f}" height="{2 * s:.1f}" {style}/>'
    elif shape in ("triangle", "down"):
        k = -1 if shape == "down" else 1
        pts = [(x, y - 1.2 * s * k), (x - 1.1 * s, y + 0.8 * s * k), (x + 1.1 * s, y + 0.8 * s * k)]
        body = f'<polygon points="{_points(pts)}" {style}/>'
    elif shape == "diamond":
        pts = [(x, y - 1.3 * s), (x + 1.1 * s, y), (x, y + 1.3 * s), (x - 1.1 * s, y)]
        body = f'<polygon points="{_points(pts)}" {style}/>'
    elif shape == "star":
        pts = []
        for k in range(10):
            r = 1.5 * s if k % 2 == 0 else 0.65 * s
            angle = math.pi / 2 + k * math.pi / 5
            pts.append((x + r * math.cos(angle), y - r * math.sin(angle)))
        body = f'<polygon points="{_points(pts)}" {style}/>'
    elif shape == "cross":
        body = (f'<path d="M{x - s:.1f},{y - s:.1f}L{x + s:.1f},{y + s:.1f}M{x - s:.1f},{y + s:.1f}'
                f'L{x + s:.1f},{y - s:.1f}" stroke="{colour}" stroke-width="2.2" fill="none"/>')
    else:  # plus
        body = (f'<path d="M{x - s:.1f},{y:.1f}L{x + s:.1f},{y:.1f}M{x:.1f},{y - s:.1f}L{x:.1f},{y + s:.1f}" '
                f'stroke="{colour}" stroke-width="2.2" fill="none"/>')
    if tip:
        return f"<g><title>{escape(tip)}</title>{body}</g>"
    return body


def wrap_words(text: str, width: int) -> list[str]:
    """`text` in lines of at most `width` characters (a word longer than a line is cut)."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        while len(word) > width:
            if line:
                lines.append(line)
                line = ""
            lines.append(word[:width])
            word = word[width:]
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    if line:
        lines.append(line)
    return lines


def _floats(values: Iterable[float]) -> list[float]:
    return [float(v) for v in values]


def _points(points: Sequence[tuple[float, float]]) -> str:
    return " ".join(f"{x:.1f},{y:.1f}" for x, y in points)


@dataclass
class _Layer:
    kind: str  # markers, line, vline, hline, region
    label: str | None
    colour: str
    xs: Sequence[float] = ()
    ys: Sequence[float] = ()
    shape: str = "circle"
    size: float = 4.0
    hollow: bool = False
    dash: str | None = None
    width: float = 2.0
    opacity: float = 1.0
    tips: Sequence[str] | None = None


@dataclass
class Plot:
    """An x-y chart. Add layers in drawing order (the first is at the back); `svg()` writes it."""

    title: str
    x_label: str
    y_label: str
    x_range: tuple[float, float] = (0.0, 1.0)
    y_range: tuple[float, float] = (0.0, 1.0)
    width: int = 640
    height: int = 520
    note: str | None = None  # one line under the chart (what the marks are)
    layers: list[_Layer] = field(default_factory=list)

    def markers(self, xs: Iterable[float], ys: Iterable[float], *, label: str | None, colour: str,
                shape: str = "circle", size: float = 4.0, hollow: bool = False,
                tips: Sequence[str] | None = None, opacity: float = 1.0) -> None:
        self.layers.append(_Layer("markers", label, colour, _floats(xs), _floats(ys), shape, size, hollow,
                                  opacity=opacity, tips=tips))

    def line(self, xs: Iterable[float], ys: Iterable[float], *, label: str | None, colour: str,
             dash: str | None = None, width: float = 2.0) -> None:
        self.layers.append(_Layer("line", label, colour, _floats(xs), _floats(ys), dash=dash, width=width))

    def vline(self, x: float, *, label: str | None, colour: str, dash: str | None = "6 4") -> None:
        self.layers.append(_Layer("vline", label, colour, [x], dash=dash))

    def hline(self, y: float, *, label: str | None, colour: str, dash: str | None = "6 4") -> None:
        self.layers.append(_Layer("hline", label, colour, ys=[y], dash=dash))

    def region(self, xs: Iterable[float], ys: Iterable[float], *, label: str | None, colour: str,
               opacity: float = 0.18) -> None:
        """A shaded polygon (e.g. the zone of agreement)."""
        self.layers.append(_Layer("region", label, colour, _floats(xs), _floats(ys), opacity=opacity))

    # -- drawing -----------------------------------------------------------------------------------
    def svg(self) -> str:
        left, right, top = 74, 20, 46
        legend = [layer for layer in self.layers if layer.label]
        longest = max((len(layer.label or "") for layer in legend), default=0)
        columns = 2 if 30 + 6.6 * longest <= (self.width - 40) / 2 else 1
        legend_rows = (len(legend) + columns - 1) // columns
        notes = wrap_words(self.note or "", int((self.width - 40) / 5.9))
        plot_w, plot_h = self.width - left - right, self.height - top - 100
        height = top + plot_h + 66 + 20 * legend_rows + 15 * len(notes)
        (x0, x1), (y0, y1) = self.x_range, self.y_range

        def px(x: float) -> float:
            return left + (x - x0) / (x1 - x0 or 1) * plot_w

        def py(y: float) -> float:
            return top + (1 - (y - y0) / (y1 - y0 or 1)) * plot_h

        out = [_open(self.width, height, self.title), _title(self.title, self.width),
               f'<clipPath id="{_ident(self.title)}-area"><rect x="{left}" y="{top}" width="{plot_w}" '
               f'height="{plot_h}"/></clipPath>']
        for t in nice_ticks(x0, x1):
            out.append(f'<line x1="{px(t):.1f}" y1="{top}" x2="{px(t):.1f}" y2="{top + plot_h}" stroke="{GRID}"/>')
            out.append(f'<text x="{px(t):.1f}" y="{top + plot_h + 17}" text-anchor="middle" font-size="12" '
                       f'fill="{INK}" {FONT}>{_number(t)}</text>')
        for t in nice_ticks(y0, y1):
            out.append(f'<line x1="{left}" y1="{py(t):.1f}" x2="{left + plot_w}" y2="{py(t):.1f}" stroke="{GRID}"/>')
            out.append(f'<text x="{left - 8}" y="{py(t) + 4:.1f}" text-anchor="end" font-size="12" fill="{INK}" '
                       f'{FONT}>{_number(t)}</text>')
        out.append(f'<g clip-path="url(#{_ident(self.title)}-area)">')
        for layer in self.layers:
            out.extend(self._draw(layer, px, py, top, plot_h, left, plot_w))
        out.append("</g>")
        out.append(f'<rect x="{left}" y="{top}" width="{plot_w}" height="{plot_h}" fill="none" stroke="{INK}"/>')
        out.append(f'<text x="{left + plot_w / 2:.0f}" y="{top + plot_h + 38}" text-anchor="middle" font-size="13" '
                   f'fill="{INK}" {FONT}>{escape(self.x_label)}</text>')
        y_size = max(9.0, min(13.0, plot_h / (0.58 * max(1, len(self.y_label)))))
        out.append(f'<text transform="translate(18 {top + plot_h / 2:.0f}) rotate(-90)" text-anchor="middle" '
                   f'font-size="{y_size:.1f}" fill="{INK}" {FONT}>{escape(self.y_label)}</text>')
        y = top + plot_h + 60
        for n, layer in enumerate(legend):
            lx = 20 + (n % columns) * ((self.width - 40) / columns)
            ly = y + (n // columns) * 20
            out.append(self._key(layer, lx + 10, ly - 4))
            out.append(f'<text x="{lx + 28:.0f}" y="{ly:.0f}" font-size="12" fill="{INK}" {FONT}>'
                       f'{escape(layer.label or "")}</text>')
        for n, line in enumerate(notes):
            ny = y + 20 * legend_rows + 2 + 15 * n
            out.append(f'<text x="20" y="{ny:.0f}" font-size="11" fill="{MUTED}" {FONT}>{escape(line)}</text>')
        out.append("</svg>")
        return "\n".join(out) + "\n"

    @staticmethod
    def _draw(layer: _Layer, px: Callable[[float], float], py: Callable[[float], float], top: float, plot_h: float,
              left: float, plot_w: float) -> list[str]:
        dash = f' stroke-dasharray="{layer.dash}"' if layer.dash else ""
        if layer.kind == "markers":
            tips: Sequence[str | None] = layer.tips or [None] * len(layer.xs)
            group = [f'<g opacity="{layer.opacity}">' if layer.opacity < 1 else "<g>"]
            group += [marker(layer.shape, px(x), py(y), layer.size, layer.colour, hollow=layer.hollow, tip=tip)
                      for x, y, tip in zip(layer.xs, layer.ys, tips)]
            return [*group, "</g>"]
        if layer.kind == "line":
            if len(layer.xs) < 2:
                return []
            pts = _points([(px(x), py(y)) for x, y in zip(layer.xs, layer.ys)])
            return [f'<polyline points="{pts}" fill="none" stroke="{layer.colour}" stroke-width="{layer.width}"'
                    f'{dash}/>']
        if layer.kind == "vline":
            x = px(layer.xs[0])
            return [f'<line x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{top + plot_h}" stroke="{layer.colour}" '
                    f'stroke-width="{layer.width}"{dash}/>']
        if layer.kind == "hline":
            y = py(layer.ys[0])
            return [f'<line x1="{left}" y1="{y:.1f}" x2="{left + plot_w}" y2="{y:.1f}" stroke="{layer.colour}" '
                    f'stroke-width="{layer.width}"{dash}/>']
        pts = _points([(px(x), py(y)) for x, y in zip(layer.xs, layer.ys)])
        return [f'<polygon points="{pts}" fill="{layer.colour}" fill-opacity="{layer.opacity}" stroke="none"/>']

    @staticmethod
    def _key(layer: _Layer, x: float, y: float) -> str:
        dash = f' stroke-dasharray="{layer.dash}"' if layer.dash else ""
        if layer.kind == "markers":
            return marker(layer.shape, x, y, min(layer.size, 5.0), layer.colour, hollow=layer.hollow)
        if layer.kind == "region":
            return (f'<rect x="{x - 9:.0f}" y="{y - 6:.0f}" width="18" height="12" fill="{layer.colour}" '
                    f'fill-opacity="{max(layer.opacity, 0.25)}" stroke="{FAINT}"/>')
        return (f'<line x1="{x - 10:.0f}" y1="{y:.0f}" x2="{x + 10:.0f}" y2="{y:.0f}" stroke="{layer.colour}" '
                f'stroke-width="{layer.width}"{dash}/>')


@dataclass
class Bars:
    """Horizontal stacked bars: one row per label, one segment per category (shares or counts)."""

    title: str
    x_label: str
    categories: Sequence[str]
    rows: Sequence[tuple[str, Sequence[float]]]
    width: int = 720
    note: str | None = None

    def svg(self) -> str:
        left = min(300, 40 + 7 * max((len(label) for label, _ in self.rows), default=4))
        right, top, bar, gap = 24, 46, 22, 10
        longest = max((len(c) for c in self.categories), default=1)
        columns = max(1, min(3, int((self.width - 60) / (7.2 * longest + 40))))
        legend_rows = (len(self.categories) + columns - 1) // columns
        plot_h = max(1, len(self.rows)) * (bar + gap)
        notes = wrap_words(self.note or "", int((self.width - 40) / 5.9))
        height = top + plot_h + 62 + 20 * legend_rows + 15 * len(notes)
        plot_w = self.width - left - right
        high = max((sum(values) for _, values in self.rows), default=1.0) or 1.0
        ticks = nice_ticks(0.0, high)
        high = max(high, ticks[-1])
        patterns = [_pattern(_ident(self.title), n, PALETTE[n % len(PALETTE)]) for n in range(len(self.categories))]
        out = [_open(self.width, height, self.title), "<defs>" + "".join(p for p, _ in patterns) + "</defs>",
               _title(self.title, self.width)]
        for t in ticks:
            x = left + t / high * plot_w
            out.append(f'<line x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{top + plot_h}" stroke="{GRID}"/>')
            out.append(f'<text x="{x:.1f}" y="{top + plot_h + 16}" text-anchor="middle" font-size="12" '
                       f'fill="{INK}" {FONT}>{_number(t)}</text>')
        for r, (label, values) in enumerate(self.rows):
            y = top + r * (bar + gap) + gap / 2
            out.append(f'<text x="{left - 8}" y="{y + bar * 0.7:.1f}" text-anchor="end" font-size="12" '
                       f'fill="{INK}" {FONT}>{escape(label)}</text>')
            x = float(left)
            for n, value in enumerate(values):
                w = value / high * plot_w
                if w > 0:
                    tip = f"{label}: {self.categories[n]} {value:g}"
                    out.append(f'<g><title>{escape(tip)}</title><rect x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" '
                               f'height="{bar}" fill="{patterns[n][1]}" stroke="white" stroke-width="0.8"/></g>')
                x += w
        out.append(f'<line x1="{left}" y1="{top}" x2="{left}" y2="{top + plot_h}" stroke="{INK}"/>')
        out.append(f'<line x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}" stroke="{INK}"/>')
        out.append(f'<text x="{left + plot_w / 2:.0f}" y="{top + plot_h + 36}" text-anchor="middle" font-size="13" '
                   f'fill="{INK}" {FONT}>{escape(self.x_label)}</text>')
        for n, name in enumerate(self.categories):
            lx = 30 + (n % columns) * ((self.width - 60) / columns)
            ly = top + plot_h + 58 + (n // columns) * 20
            out.append(f'<rect x="{lx:.0f}" y="{ly - 11:.0f}" width="18" height="13" fill="{patterns[n][1]}" '
                       f'stroke="{INK}" stroke-width="0.5"/>')
            out.append(f'<text x="{lx + 24:.0f}" y="{ly:.0f}" font-size="12" fill="{INK}" {FONT}>'
                       f'{escape(name)}</text>')
        for n, line in enumerate(notes):
            ny = top + plot_h + 58 + 20 * legend_rows + 4 + 15 * n
            out.append(f'<text x="30" y="{ny:.0f}" font-size="11" fill="{MUTED}" {FONT}>{escape(line)}</text>')
        out.append("</svg>")
        return "\n".join(out) + "\n"


def _ident(title: str) -> str:
    """An id prefix of a chart's own, so that charts on one page do not share their clip paths and patterns."""
    return "c" + hashlib.sha1(title.encode("utf-8", "replace")).hexdigest()[:10]


def _pattern(prefix: str, n: int, colour: str) -> tuple[str, str]:
    """A fill for category `n`: plain colour for the first, then colour with hatching, so that segments differ
    in black and white too. Returns (the <pattern> definition or "", the fill to use)."""
    if n == 0:
        return "", colour
    ident = f"{prefix}-hatch{n}"
    angle = (45, -45, 0, 90, 30, -30, 60)[(n - 1) % 7]
    spacing = 6 if n < 8 else 4
    definition = (f'<pattern id="{ident}" patternUnits="userSpaceOnUse" width="{spacing}" height="{spacing}" '
                  f'patternTransform="rotate({angle})"><rect width="{spacing}" height="{spacing}" fill="{colour}"/>'
                  f'<line x1="0" y1="0" x2="0" y2="{spacing}" stroke="white" stroke-width="1.6"/></pattern>')
    return definition, f"url(#{ident})"


def _title(text: str, width: int) -> str:
    """The chart's title, centred, its size cut down so a long one still fits the width."""
    size = max(10.0, min(17.0, (width - 24) / (0.58 * max(1, len(text)))))
    return (f'<text x="{width / 2:.0f}" y="26" text-anchor="middle" font-size="{size:.1f}" font-weight="bold" '
            f'fill="{INK}" {FONT}>{escape(text)}</text>')


def _open(width: int, height: int, title: str) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}">'
            f'<title>{escape(title)}</title><rect width="100%" height="100%" fill="white"/>')
