"""Issue 8, the window's text: nothing cut off, meters judged for the viewing seat, the log's wording,
the file dialog, the picker's cached cards and a silent launch."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pygame
import pytest

from game.engine import LogEntry
from game.resources import scenario_path
from game.scenario import load_scenario
from game.seats import HUMAN, Controller
from game.ui import catalog, richtext
from game.ui.app import App
from game.ui.demo import Demo
from game.ui.meters import GOOD, change_texts, direction
from game.ui.session import Session
from game.ui.table_text import SCRIPTED, log_html, offer_html
from game.ui.text import possessive

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def geneva():  # type: ignore[no-untyped-def]
    return load_scenario(scenario_path("geneva-2022"))


def session_of(scenario, seat: str = "us") -> Session:  # type: ignore[no-untyped-def]
    seats = {s: HUMAN if s == seat else Controller("ai", "normal") for s in scenario.seats}
    return Session.start(scenario, seats, seed=1, practice=True)


def test_meter_changes_are_judged_for_the_viewing_seat(geneva):
    sc = geneva.public
    assert direction(sc, "trust", "us") == 1 and direction(sc, "trust", "russia") == 1
    assert direction(sc, "tension", "us") == -1
    assert direction(sc, "cohesion", "us") == 1 and direction(sc, "cohesion", "russia") == -1
    (text, tone), *_ = change_texts(0.03, direction(sc, "trust", "us"))
    assert tone == GOOD and "good for you" in text  # trust +0.03: good
    (text, tone), *_ = change_texts(-0.03, direction(sc, "tension", "us"))
    assert tone == GOOD and "good for you" in text  # tension -0.03: good
    (text, tone), *_ = change_texts(0.02, direction(sc, "cohesion", "russia"))
    assert tone != GOOD and "bad for you" in text  # a united West, seen from Moscow


def test_the_tension_bars_marks_are_explained(app):
    app.click("play")
    app.click("scenario_geneva_2022")
    app.click("start")
    app.click("to_table")
    assert "dotted" in app.screen.texts["meters"] and "warning" in app.screen.texts["meters"]


def test_offers_use_a_correct_possessive(geneva):
    assert possessive("United States") == "the United States'"
    assert possessive("Russian Federation") == "the Russian Federation's"
    assert possessive("Russia") == "Russia's"
    session = session_of(geneva, "russia")
    session.play(next(m for m in session.view("russia").moves if m.kind == "pass")) \
        if session.person_to_move == "russia" else None
    for _ in range(4):
        if session.view("russia").offer is not None:
            break
        session.run_unattended()
    view = session.view("russia")
    if view.offer is not None and view.offer.by == "us":
        assert "The United States' offer" in offer_html(view)
    assert "States's" not in offer_html(view)


def test_the_log_names_speakers_and_shows_what_was_said(geneva):
    view = session_of(geneva).view("us")
    allies = LogEntry(1, "Foreign ministers Annalena Baerbock, Jean-Yves Le Drian and Liz Truss", "european_allies",
                      "consult", "We stand with you.")
    text, _ = log_html(view, [allies], 1, True)
    assert "Foreign ministers Annalena Baerbock:" not in text and "European allies:" in text
    event = LogEntry(5, "", None, "event", "Two rounds left: Two rounds left. Deadlines make negotiators concede.")
    text, _ = log_html(view, [event], 5, True)
    assert "Two rounds left: Two rounds left" not in text and "Two rounds left. Deadlines" in text
    scripted = LogEntry(2, "", "russia", "choice", "Moscow answers the call.", SCRIPTED)
    text, _ = log_html(view, [scripted], 2, True)
    assert "scripted" not in text and "Why:" not in text
    for kind_text in ("makes a public statement", "makes a promise"):
        said = LogEntry(2, "Sergei Lavrov, Foreign Minister", "russia", "move", kind_text)
        text, _ = log_html(view, [said], 2, False)
        assert f"{kind_text}: <i>" in text  # what was said, from the scenario's description of the move


def test_the_walkout_debrief_says_who_left(app):
    app.resize((1024, 600))
    app.click("play")
    app.click("scenario_geneva_2022")
    app.click("start")
    app.click("to_table")
    while app.screen.dialog is not None:
        app.click("dialog_0")
    app.press(pygame.K_w, unicode="w")
    app.click("dialog_0")
    app.click("dialog_0")
    report = app.screen.widgets["report"].html_text
    assert "You left the table" in report and "Someone left the table" not in report


def test_a_long_path_wraps_inside_its_box():
    pygame.font.init()
    path = "/home/a-student/.local/share/detente/copies/" + "geneva_2022-20260101-120000-seed123456-abcd-copy.json"
    for width in (200, 400, 600):
        for line in richtext.layout(f"A copy is saved as<br>{path}", width, 15):
            end = max((x + richtext._width(15, run[1], run[2], run[0]) for x, run in line), default=0)
            assert end <= width


def test_the_table_keeps_its_hint_and_several_issues_at_1024x600(app):
    app.resize((1024, 600))
    app.click("play")
    app.click("scenario_geneva_2022")
    app.click("start")
    app.click("to_table")
    screen = app.screen
    while screen.dialog is not None:
        app.click("dialog_0")
    for _ in range(6):  # until a full offer is on the table and a hint is due
        if screen.view.offer is not None and screen.widgets["hint"].visible:
            break
        app.press(pygame.K_m, unicode="m")
        while app.screen.dialog is not None:
            app.click("dialog_0")
    hint = screen.widgets["hint"]
    assert hint.visible and screen.markup["hint"]
    size = richtext.fitting_size(screen.markup["hint"], hint.rect.size, screen.hint_sizes())
    assert richtext.fits(screen.markup["hint"], hint.rect.size, size), "the hint is cut off"
    # the offer on the table shows its first two issues without scrolling
    view = screen.view
    lines = offer_html(view).split("<br>")
    first_two = "<br>".join(lines[: next(n for n, line in enumerate(lines) if view.scenario.issue_specs[1].title
                                          in line) + 1])
    table = screen.table_view
    height = richtext.text_height(first_two, table.size[0] - 2 * richtext.PAD_X - 8, table.font_size)
    assert height <= table.view_height


def test_the_setup_text_fits_with_a_hot_seat_and_the_hard_level(app):
    app.set_text_scale(1.3)
    app.resize((1024, 600))
    app.click("play")
    app.click("scenario_geneva_2022")
    Demo(app).setup({"us": "you", "russia": "ai:hard"}, seed=1, practice=True)
    screen = app.screen
    for players in ({"us": "you", "russia": "ai:hard"}, {"us": "you", "russia": "person"}):
        Demo(app).setup(players, seed=1, practice=True)
        text, box = screen.texts["about"], screen.widgets["about"]
        assert richtext.fits(text, box.rect.size, screen.about_size(text, box.rect.size)), text


def test_the_pickers_summaries_fit_after_a_scenario_error(app, tmp_path):
    app.resize((1024, 600))
    bad = tmp_path / "broken.yaml"
    bad.write_text("title: not a scenario\n", encoding="utf-8")
    app.click("play")
    Demo(app).open_file(bad)
    screen = app.screen
    assert "errors" in screen.widgets
    box = screen.widgets["summary"]
    for card in screen.scenarios:
        text = screen.describe(card)
        assert richtext.fits(text, box.rect.size, screen.summary_sizes()[-1]), card.id


def test_the_file_dialog_lists_scenarios_remembers_its_folder_and_labels_its_buttons(app, tmp_path):
    folder = tmp_path / "class"
    folder.mkdir()
    (folder / "mine.yaml").write_text(scenario_path(None).read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "other.yml").write_text("x: 1\n", encoding="utf-8")
    (folder / "notes.txt").write_text("not a scenario\n", encoding="utf-8")
    (folder / "game.log").write_text("\n", encoding="utf-8")
    app.click("play")
    Demo(app).open_file(folder / "mine.yaml")
    assert app.screen.name == "setup"
    assert app.settings.last_folder == str(folder)
    app.click("back")
    app.click("open_file")
    dialog = app.screen.file_dialog
    assert Path(dialog.current_directory_path) == folder
    listed = [item["text"] for item in dialog.file_selection_list.item_list]
    assert "mine.yaml" in listed and "other.yml" in listed
    assert "notes.txt" not in listed and "game.log" not in listed
    assert dialog.delete_button.text == "Delete"
    line = max(8, round(15 * app.settings.text_scale))
    assert dialog.file_selection_list.list_item_height >= pygame.font.Font(None, line).get_linesize() - 2


def test_listing_the_scenarios_again_validates_none(monkeypatch):
    monkeypatch.setattr(catalog, "_cards", None)
    catalog.cards()  # the cards are made (and cached on disk)
    assert catalog.cache_path().is_file()
    calls = []
    real = catalog.load_scenario
    monkeypatch.setattr(catalog, "load_scenario", lambda path: calls.append(path) or real(path))
    monkeypatch.setattr(catalog, "_cards", None)  # a new process: the cards come from the disk cache
    listed = catalog.cards()
    assert listed and all(card.error is None for card in listed)
    assert calls == []


def test_a_normal_launch_prints_nothing(tmp_path):
    script = ("from game.ui import window\n"
              "app = window.open_app()\n"
              "for name in ('play', 'scenario_geneva_2022', 'start', 'to_table'):\n"
              "    app.click(name)\n"
              "app.set_text_scale(1.15)\n"
              "app.pump(2)\n")
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy", XDG_DATA_HOME=str(tmp_path / "d"),
               XDG_CACHE_HOME=str(tmp_path / "c"))
    env.pop("PYGAME_HIDE_SUPPORT_PROMPT", None)
    done = subprocess.run([sys.executable, "-W", "default", "-c", script], capture_output=True, text=True, env=env,
                          cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout == "" and done.stderr == ""


def test_app_fixture_is_an_app(app):
    assert isinstance(app, App)
