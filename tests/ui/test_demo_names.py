"""The demo names each screenshot by its screen, with a number that does not depend on which other screens a game
showed: a question put to you (taken since the README's pictures were) shifts no other file, and the README's
pictures of the window keep their names when the demo is run again into docs/screenshots."""

from __future__ import annotations

import re
from pathlib import Path

from game.ui.demo import NUMBERS, TOUR, Demo

ROOT = Path(__file__).resolve().parents[2]


def test_a_screenshot_is_named_by_its_screen_whatever_came_before(app, tmp_path):
    demo = Demo(app, tmp_path)
    for name in ("question", "table", "title", "table", "a-new-screen"):  # a screen shot twice is taken once
        demo.shot(name)
    assert [p.name for p in demo.taken] == ["17-question.png", "07-table.png", "01-title.png", "a-new-screen.png"]
    tour = Demo(app, tmp_path / "tour", numbers=TOUR, prefix="dayton-")
    tour.shot("table")
    assert [p.name for p in tour.taken] == ["10-dayton-table.png"]


def test_the_readmes_window_pictures_are_the_names_the_demo_and_the_tour_give():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    shown = set(re.findall(r"docs/screenshots/([\w-]+\.png)", readme))
    given = {f"{n:02d}-{name}.png" for name, n in NUMBERS.items()} | {
        f"{n:02d}-dayton-{name}.png" for name, n in TOUR.items()}
    window = {name for name in shown if int(name[:2]) <= 11 or name in given}
    assert window <= given, window - given
    assert {"07-table.png", "08-debrief.png", "17-question.png", "09-dayton-handover.png"} <= window
    # the numbers are the files': no two screens share one, and none is a class page's (12-16, not the demo's)
    numbers = [*NUMBERS.values(), *TOUR.values()]
    assert len(numbers) == len(set(numbers))
    others = {int(name[:2]) for name in shown - window}
    assert others and not others & set(numbers)
    for name in shown:
        assert (ROOT / "docs" / "screenshots" / name).is_file(), name
