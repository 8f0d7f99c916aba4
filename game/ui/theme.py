"""The look of the window: the pygame_gui theme from assets/theme.json, fonts and the palette.

Colours follow the Okabe-Ito palette, which stays distinct for the common forms of colour
blindness; nothing in the window tells red from green alone (marker shapes and text carry meaning).
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

import pygame

from game.resources import assets_dir

BG = (21, 27, 39)
PANEL = (34, 44, 63)
PANEL_EDGE = (52, 67, 94)
TEXT = (238, 241, 246)
MUTED = (185, 196, 214)
GRID = (60, 74, 100)
FOCUS = (240, 228, 66)  # yellow focus ring
# Okabe-Ito
BLUE = (0, 114, 178)
SKY = (86, 180, 233)
ORANGE = (230, 159, 0)
VERMILLION = (213, 94, 0)
GREEN = (0, 158, 115)
YELLOW = (240, 228, 66)
PURPLE = (204, 121, 167)
SIDE_COLOURS = (SKY, ORANGE)


def font_path(bold: bool = False) -> Path:
    return assets_dir() / "fonts" / ("NotoSans-Bold.ttf" if bold else "NotoSans-Regular.ttf")


def load_theme(scale: float = 1.0) -> dict[str, Any]:
    """The theme as a dict, font paths made absolute and font sizes multiplied by `scale`."""
    data = json.loads((assets_dir() / "theme.json").read_text(encoding="utf-8"))
    regular, bold = str(font_path()), str(font_path(True))
    for block in data.values():
        font = block.get("font")
        if isinstance(font, dict):
            font["regular_path"] = regular
            font["bold_path"] = bold
            font["size"] = str(max(8, round(int(font.get("size", 15)) * scale)))
        misc = block.get("misc")
        if isinstance(misc, dict) and "list_item_height" in misc:  # a list's rows grow with their text
            misc["list_item_height"] = str(round(int(misc["list_item_height"]) * scale))
    return data


@lru_cache(maxsize=64)
def font(size: int, bold: bool = False, italic: bool = False) -> pygame.font.Font:
    """A font for text drawn outside pygame_gui (meters, charts, the table's live text).

    Italic is Noto Sans slanted by SDL_ttf: the Italic file is not shipped, to keep the assets small."""
    face = pygame.font.Font(str(font_path(bold)), size)
    if italic:
        face.italic = True
    return face


@lru_cache(maxsize=1)
def _theme_fonts() -> dict[str, tuple[int, bool]]:
    data = json.loads((assets_dir() / "theme.json").read_text(encoding="utf-8"))
    out = {}
    for key, block in data.items():
        face = block.get("font")
        if isinstance(face, dict):
            out[key] = (int(face.get("size", 15)), str(face.get("bold", "0")) == "1")
    return out


def text_width(text: str, object_id: str | None, scale: float, kind: str = "label") -> int:
    """How wide pygame_gui will draw `text` in a widget themed `object_id` (same font, same size)."""
    fonts = _theme_fonts()
    size, bold = fonts.get(object_id or "", fonts.get(kind, fonts.get("defaults", (15, False))))
    return font(max(8, round(size * scale)), bold).size(text)[0]
