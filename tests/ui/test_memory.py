"""The window's memory (issue 8: peak RSS during a whole game <= 130 MB, measured by benchmarks/ui_speed.py):
a screen left behind lets go of its pictures before the next one is built, and the shipped fonts carry no
table that the text renderer never uses."""

from __future__ import annotations

import struct
from pathlib import Path

from game.ui.app import App
from game.ui.screens.table import TableScreen
from game.ui.theme import font_path


def test_a_screen_left_behind_lets_go_of_its_widgets_and_pictures(app: App) -> None:
    app.click("play")
    app.click("scenario_geneva_2022")
    app.click("start")
    briefing = app.screen
    assert briefing is not None and briefing.widgets
    app.click("to_table")
    table = app.screen
    assert isinstance(table, TableScreen)
    assert briefing.widgets == {} and briefing.actions == {}  # freed before the table was built
    assert table.blocker is not None  # the layer under the table's dialogs, made with the table
    assert table.blocker.visible == (table.dialog is not None)
    if table.dialog is not None:
        app.click("dialog_0")
    app.press(ord("b"), unicode="b")  # back to the briefing
    assert app.screen is not None and app.screen.name == "briefing"
    assert table.widgets == {} and table.log_view is None
    assert app.screen.blocker is None  # a screen without a dialog has no window-sized dim layer


def test_the_shipped_fonts_have_no_gpos_table() -> None:
    for bold in (False, True):
        data = Path(font_path(bold)).read_bytes()
        count = struct.unpack(">H", data[4:6])[0]
        tags = {data[12 + 16 * i:16 + 16 * i].decode() for i in range(count)}
        assert "GPOS" not in tags and {"glyf", "cmap", "GSUB"} <= tags
