"""A small rich-text renderer for the text that changes during play.

pygame_gui's UITextBox lays out its whole text again on every change (and on every append it
redraws all of it), which costs tens of milliseconds for the log of a game. The table's live
text (the offer on the table, the hint, the dialogue log, a dialog's text) is drawn here instead:
the same small subset of the markup (<b>, <i>, <font color=...>, <br>) wrapped to a width with
the shipped Noto fonts, onto a surface that a UIImage shows. Text that never changes after a
screen opens (the briefing, the debrief report) stays in UITextBox.

The log is a LogView: each entry is laid out once when it arrives and kept as a surface; the
view blits the entries that fit, newest at the bottom, and scrolls with the mouse wheel.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pygame

from game.ui import theme

Colour = tuple[int, int, int]
Run = tuple[str, bool, bool, Colour]  # text, bold, italic, colour

BOX_BG = (31, 40, 56)  # the theme's text_box dark_bg, so these boxes match pygame_gui's
BOX_EDGE = (58, 74, 102)
PAD_X, PAD_Y = 8, 6
LINE_SPACING = 1.15
_WORDS = re.compile(r"\S+|\s+")


def hex_colour(value: str, default: Colour) -> Colour:
    value = value.strip().lstrip("#")
    try:
        return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)
    except (ValueError, IndexError):
        return default


class _Parser(HTMLParser):
    def __init__(self, colour: Colour):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[bool, bool, Colour]] = [(False, False, colour)]
        self.lines: list[list[Run]] = [[]]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self.lines.append([])
            return
        bold, italic, colour = self.stack[-1]
        if tag == "b":
            bold = True
        elif tag == "i":
            italic = True
        elif tag == "font":
            colour = hex_colour(dict(attrs).get("color") or "", colour)
        self.stack.append((bold, italic, colour))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self.lines.append([])

    def handle_endtag(self, tag: str) -> None:
        if tag != "br" and len(self.stack) > 1:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        bold, italic, colour = self.stack[-1]
        self.lines[-1].append((data.replace("\n", " "), bold, italic, colour))


def parse(markup: str, colour: Colour = theme.TEXT) -> list[list[Run]]:
    """The markup as paragraphs (split at <br>) of styled runs."""
    parser = _Parser(colour)
    parser.feed(markup)
    parser.close()
    return parser.lines


def _font(size: int, bold: bool, italic: bool) -> pygame.font.Font:
    return theme.font(size, bold, italic)


_widths: dict[tuple[int, bool, bool, str], int] = {}


def _width(size: int, bold: bool, italic: bool, word: str) -> int:
    """A word's advance; cached. Slanting (SDL_ttf's italic) keeps the upright advances and makes a
    whole string wider by one slant at its end, so words are measured upright."""
    key = (size, bold, False, word)
    width = _widths.get(key)
    if width is None:
        width = _font(size, bold, False).size(word)[0]
        if len(_widths) > 20000:
            _widths.clear()
        _widths[key] = width
    return width


def _slant(size: int, bold: bool) -> int:
    return _font(size, bold, True).size("n")[0] - _font(size, bold, False).size("n")[0]


def layout(markup: str, width: int, size: int, colour: Colour = theme.TEXT) -> list[list[tuple[int, Run]]]:
    """Wrap the paragraphs to `width`: lines of (x, run), words of one style merged into one run.

    Words are measured one by one (cached); an italic run adds its slant once, at its end."""
    out: list[list[tuple[int, Run]]] = []
    for paragraph in parse(markup, colour):
        line: list[tuple[int, Run]] = []
        x = 0  # where the last run on the line starts
        end = 0  # where its words end (without the slant)
        for text, bold, italic, col in paragraph:
            slant = _slant(size, bold) if italic else 0
            for word in _split_long(_WORDS.findall(text), size, bold, width):
                if word.isspace() and not line:
                    continue  # no space at the start of a line
                w = _width(size, bold, italic, word)
                same = bool(line) and line[-1][1][1:] == (bold, italic, col)
                start = x if same else end + (_slant(size, line[-1][1][1]) if line and line[-1][1][2] else 0)
                if end + w + slant > width and line and not word.isspace():
                    out.append(_trimmed(line, size))
                    line, x, end, same, start = [], 0, 0, False, 0
                if same:
                    line[-1] = (x, (line[-1][1][0] + word, bold, italic, col))
                else:
                    x = start
                    line.append((x, (word, bold, italic, col)))
                    end = start
                end += w
        out.append(_trimmed(line, size))
    return out


BREAK_AFTER = "/\\-_.,;:"  # where a word too long for a line (a path) is best broken


def _split_long(words: list[str], size: int, bold: bool, width: int) -> list[str]:
    """The words, each one wider than a whole line (a long path, a URL) broken into pieces that fit,
    after a slash or a dash where it can be: nothing runs past the box's edge."""
    out: list[str] = []
    for word in words:
        if word.isspace() or _width(size, bold, False, word) <= width:
            out.append(word)
            continue
        while word:
            fit = 1  # how many characters fit (at least one)
            lo, hi = 1, len(word)
            while lo <= hi:  # a binary search: linear in the word's length overall
                mid = (lo + hi) // 2
                if _font(size, bold, False).size(word[:mid])[0] <= width:
                    fit, lo = mid, mid + 1
                else:
                    hi = mid - 1
            if fit < len(word):
                cut = max((word.rfind(c, 0, fit) for c in BREAK_AFTER), default=-1)
                if cut >= fit // 2:
                    fit = cut + 1
            out.append(word[:fit])
            word = word[fit:]
    return out


def _trimmed(line: list[tuple[int, Run]], size: int) -> list[tuple[int, Run]]:
    """A finished line without the spaces at its end."""
    while line:
        x, (text, bold, italic, col) = line[-1]
        stripped = text.rstrip()
        if stripped == text:
            break
        if stripped:
            line[-1] = (x, (stripped, bold, italic, col))
            break
        line.pop()
    return line


def render(markup: str, width: int, size: int, colour: Colour = theme.TEXT,
           height: int | None = None) -> pygame.Surface:
    """The markup drawn onto a transparent surface `width` wide (as tall as it needs, or `height`)."""
    lines = layout(markup, width, size, colour)
    step = round(_font(size, False, False).get_linesize() * LINE_SPACING)
    surface = pygame.Surface((width, max(1, height if height is not None else step * len(lines))),
                             pygame.SRCALPHA)
    for n, line in enumerate(lines):
        y = n * step
        for x, (text, bold, italic, col) in line:
            surface.blit(_font(size, bold, italic).render(text, True, col), (x, y))
    return surface


def lines_height(lines: int, size: int) -> int:
    """The height of a box (its padding included) that shows `lines` lines of text in `size`."""
    return lines * round(_font(size, False, False).get_linesize() * LINE_SPACING) + 2 * PAD_Y


def text_height(markup: str, width: int, size: int) -> int:
    """How tall the markup is when wrapped to `width` (a box's inner width)."""
    step = round(_font(size, False, False).get_linesize() * LINE_SPACING)
    return step * len(layout(markup, width, size))


def fits(markup: str, size: tuple[int, int], font_size: int) -> bool:
    """Whether the markup in `font_size` fits a box of `size` (its padding included) without being cut."""
    return text_height(markup, size[0] - 2 * PAD_X, font_size) <= size[1] - 2 * PAD_Y


def fitting_size(markup: str, size: tuple[int, int], sizes: list[int]) -> int:
    """The largest of the font `sizes` in which the markup fits a box of `size`, else the smallest."""
    for font_size in sizes:
        if fits(markup, size, font_size):
            return font_size
    return sizes[-1]


def box(markup: str, size: tuple[int, int], font_size: int, colour: Colour = theme.TEXT,
        background: bool = True) -> pygame.Surface:
    """A text box: the markup on the text-box background with its border, clipped to `size`."""
    w, h = size
    surface = pygame.Surface(size, pygame.SRCALPHA)
    if background:
        surface.fill(BOX_BG)
        pygame.draw.rect(surface, BOX_EDGE, surface.get_rect(), 1)
    text = render(markup, w - 2 * PAD_X, font_size, colour)
    surface.blit(text, (PAD_X, PAD_Y), pygame.Rect(0, 0, w - 2 * PAD_X, h - 2 * PAD_Y))
    return surface


class LogView:
    """A scrolling log: entries are laid out once, as they arrive; the view shows the latest.
    (The offer on the table uses one too, with one entry, scrolled to its top.)"""

    def __init__(self, size: tuple[int, int], font_size: int):
        self.size = size
        self.font_size = font_size
        self.entries: list[pygame.Surface] = []
        self.height = 0
        self.scroll = 0  # pixels up from the bottom

    def append(self, markup: str) -> None:
        surface = render(markup, self.size[0] - 2 * PAD_X - 8, self.font_size)
        self.entries.append(surface)
        self.height += surface.get_height()
        self.scroll = 0  # a new line: show the latest

    @property
    def step(self) -> int:
        """The height of a line: every entry is a whole number of lines."""
        return round(_font(self.font_size, False, False).get_linesize() * LINE_SPACING)

    @property
    def view_height(self) -> int:
        """Whole lines only, so no line shows cut in half at the top."""
        return max(self.step, (self.size[1] - 2 * PAD_Y) // self.step * self.step)

    def scroll_to_top(self) -> None:
        self.scroll = max(0, self.height - self.view_height)

    def scroll_by(self, pixels: int) -> None:
        """Scroll up (positive) or down by about `pixels`, a whole number of lines."""
        lines = round(pixels / self.step) or (1 if pixels > 0 else -1 if pixels < 0 else 0)
        self.scroll = max(0, min(self.scroll + lines * self.step, self.height - self.view_height))

    def draw(self) -> pygame.Surface:
        w, h = self.size
        surface = pygame.Surface(self.size, pygame.SRCALPHA)
        surface.fill(BOX_BG)
        pygame.draw.rect(surface, BOX_EDGE, surface.get_rect(), 1)
        inner = pygame.Rect(PAD_X, PAD_Y, w - 2 * PAD_X - 8, self.view_height)
        surface.set_clip(inner)
        y = inner.bottom + self.scroll if self.height > inner.height else inner.top + self.height  # short: at the top
        for entry in reversed(self.entries):  # newest at the bottom; stop above the top
            y -= entry.get_height()
            if y + entry.get_height() < inner.top:
                break
            if y < inner.bottom:
                surface.blit(entry, (inner.x, y))
        surface.set_clip(None)
        if self.height > self.view_height:  # a scroll bar that shows where the view is
            track = pygame.Rect(w - 10, PAD_Y, 5, self.view_height)
            pygame.draw.rect(surface, theme.GRID, track, border_radius=2)
            thumb_h = max(16, round(track.height * self.view_height / self.height))
            top = track.bottom - thumb_h - round((track.height - thumb_h) * self.scroll
                                                  / max(1, self.height - self.view_height))
            pygame.draw.rect(surface, theme.MUTED, (track.x, top, track.width, thumb_h), border_radius=2)
        return surface
