"""The table's live text: the markup subset it reads, and wrapping that never runs past the width."""

from __future__ import annotations

import pygame
import pytest

from game.ui import richtext, theme

LINE = ("<font color='#CC79A7'><b>Event:</b></font> <i>Thursday's meeting in Berlin with the German, French "
        "and British foreign ministers gave Washington a common message &amp; a warning</i> (Antony Blinken)"
        "<br><b>Sergei Lavrov:</b> Four ministers meeting in Berlin do not make a security order for Europe.")


@pytest.fixture(autouse=True)
def fonts():  # type: ignore[no-untyped-def]
    pygame.font.init()
    yield


def test_the_markup_gives_styled_runs_and_paragraphs():
    paragraphs = richtext.parse(LINE)
    assert len(paragraphs) == 2
    first = paragraphs[0]
    assert first[0] == ("Event:", True, False, (0xCC, 0x79, 0xA7))
    assert any(italic and "&" in text for text, _b, italic, _c in first)  # entities are decoded
    assert first[-1][0] == " (Antony Blinken)" and not first[-1][2]


@pytest.mark.parametrize("width", [140, 200, 333, 500])
@pytest.mark.parametrize("size", [14, 18])
def test_wrapped_lines_stay_inside_the_width(width, size):
    lines = richtext.layout(LINE, width, size)
    assert len(lines) >= 2
    for line in lines:
        if not line:
            continue
        x, (text, bold, italic, _colour) = line[-1]
        words = [w for w in text.split() if w]
        if len(line) == 1 and len(words) == 1:
            continue  # a single word wider than the box has nowhere to go
        assert x + theme.font(size, bold, italic).size(text)[0] <= width, text
    words = [w for line in lines for _x, run in line for w in run[0].split()]
    assert words == [w for p in richtext.parse(LINE) for run in p for w in run[0].split()]  # nothing lost
