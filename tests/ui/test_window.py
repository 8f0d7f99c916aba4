"""The desktop game, played through real mouse and keyboard events under SDL's dummy driver."""

from __future__ import annotations

import ast
import json
import shutil
from pathlib import Path

import pygame
import pytest

from game.resources import scenario_path
from game.scenario import load_scenario
from game.scenario.space import OPEN
from game.ui import theme
from game.ui.app import MIN_SIZE, App
from game.ui.demo import NUMBERS, Demo, run_demo
from game.ui.session import Session

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(("strategy", "difficulty", "expected"), [
    ("agreement", "normal", "agreement"),
    ("walkout", "normal", "walkout"),
    ("escalation", "easy", "escalation"),
    ("deadline", "normal", "deadline"),
])
def test_a_whole_game_through_the_window_reaches_each_outcome(app, strategy, difficulty, expected, tmp_path):
    session = run_demo(seed=1, strategy=strategy, difficulty=difficulty, app=app,
                       screenshots=tmp_path / "shots" if strategy == "agreement" else None)
    assert isinstance(session, Session)
    result = session.view("us").result
    assert result is not None and result.kind == expected
    assert session.transcript.seats == {"us": "human", "russia": f"ai:{difficulty}"}
    assert app.screen.name == "debrief"
    exports = list((tmp_path / "data" / "detente" / "exports").glob("*.json"))
    assert exports, "the debrief exports the transcript"
    if strategy == "agreement":
        shots = {p.name for p in (tmp_path / "shots").glob("*.png")}
        assert len(shots) >= 7
        # named by screen: the same names whichever screens this game showed (tests/ui/test_demo_names.py)
        assert shots <= {f"{n:02d}-{name}.png" for name, n in NUMBERS.items()}
        assert {"01-title.png", "07-table.png", "08-debrief.png"} <= shots


def test_the_offer_builders_live_value_is_the_engines_utility(app):
    app.click("play")
    app.click("scenario_geneva_2022")
    app.click("start")
    app.click("to_table")
    screen = app.screen
    if screen.dialog is not None:
        app.click("dialog_0")
    screen = app.screen
    view = screen.view
    assert view.seat == "us"
    for clicks in ([0], [0, 2], [0, 1, 2, 3, 4], [1, 1, 3, 4, 4, 4]):
        for i in clicks:
            app.click(f"issue_{i}_next")
        package = tuple(screen.package)
        shown = app.screen.widgets["worth"].text
        assert shown.startswith(f"Worth to you: {view.utility(package):.2f}")
        crosses = any(line.crossed_by(package) for line in view.own.red_lines if package[line.issue] != OPEN)
        assert ("red line" in app.screen.widgets["verdict"].text) == crosses


def test_a_bad_scenario_opened_from_the_picker_shows_its_errors(app, tmp_path):
    good = scenario_path(None).read_text(encoding="utf-8")
    bad = tmp_path / "broken.yaml"
    bad.write_text(good.replace("deadline:", "deadlin:", 1), encoding="utf-8")
    app.click("play")
    Demo(app).open_file(bad)
    assert app.screen.name == "picker"
    text = app.screen.widgets["errors"].html_text
    assert "broken.yaml:" in text and "cannot be played" in text
    line = next(n for n, row in enumerate(bad.read_text().splitlines(), 1) if row.startswith("deadlin:"))
    assert f"broken.yaml:{line}:" in text


def test_save_kill_restart_and_continue_gives_the_same_state(app):
    app.click("play")
    app.click("scenario_geneva_2022")
    app.click("start")
    app.click("to_table")
    app.click("dialog_0")
    app.click("promise")
    app.click("reassure")
    before = app.screen.session.state
    assert before.moves_made >= 4
    # killed: no shutdown, no save call; a new process starts
    again = App()
    assert "continue" in again.screen.widgets
    again.click("continue")
    assert again.screen.name == "table"
    after = again.screen.session.state
    assert after.fingerprint() == before.fingerprint()
    assert after.log == before.log


def test_keyboard_alone_reaches_the_table_and_moves(app):
    def activate(name: str) -> None:
        for _ in range(40):
            if app.screen.focused_name() == name:
                break
            app.press(pygame.K_TAB)
        assert app.screen.focused_name() == name
        app.press(pygame.K_RETURN)

    activate("play")
    activate("scenario_geneva_2022")
    activate("start")
    app.press(pygame.K_TAB)
    app.press(pygame.K_RETURN)  # "Go to the table"
    assert app.screen.name == "table"
    app.press(pygame.K_1)  # the event's first choice
    assert app.screen.dialog is None
    moves = app.screen.session.state.moves_made
    app.press(pygame.K_m, unicode="m")  # promise
    assert app.screen.session.state.moves_made > moves
    app.press(pygame.K_ESCAPE)
    assert app.screen.dialog is not None and app.screen.dialog[0] == "Menu"
    app.press(pygame.K_ESCAPE)
    assert app.screen.dialog is None


def test_the_window_lays_out_at_its_minimum_size(app):
    app.resize((800, 500))
    assert app.size == MIN_SIZE
    run_demo(seed=3, strategy="walkout", app=app)
    assert app.screen.name == "debrief"


def test_ukrainian_text_renders_with_the_shipped_font():
    pygame.font.init()
    font = theme.font(20)
    tofu = font.metrics("\u25c6")[0]  # a glyph the font lacks
    for char in "Україна Зеленськийʼ ґє":
        if char != " ":
            assert font.metrics(char)[0] != tofu, char
    assert (ROOT / "assets" / "fonts" / "OFL.txt").exists()


def test_no_module_outside_game_ui_imports_pygame():
    offenders = []
    for path in (ROOT / "game").rglob("*.py"):
        if path.relative_to(ROOT / "game").parts[0] == "ui":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            if any(n.split(".")[0] in ("pygame", "pygame_gui") for n in names):
                offenders.append(str(path))
    assert offenders == []


def test_the_theme_is_valid_json_with_the_shipped_font():
    data = json.loads((ROOT / "assets" / "theme.json").read_text(encoding="utf-8"))
    assert data["defaults"]["font"]["name"] == "noto"
    _ = load_scenario


def test_a_new_player_is_offered_the_tutorial_first(app):
    app.click("play")
    names = [sc.id for sc in app.screen.scenarios]
    assert names[0] == "tutorial"
    assert app.screen.widgets["scenario_tutorial"].text.startswith("New here?")


def test_a_hot_seat_game_continued_after_a_kill_starts_with_a_hand_over(app):
    app.click("play")
    app.click("scenario_geneva_2022")
    Demo(app).setup({"us": "you", "russia": "person"}, seed=6, practice=True)
    app.click("start")
    app.click("ready")
    app.click("to_table")
    while app.screen.dialog is not None:
        app.click("dialog_0")
    app.click("promise")  # then the screen goes to Russia's person
    assert app.screen.name == "handover" and app.screen.seat == "russia"
    before = app.screen.session.state
    again = App()  # killed, restarted: continue hides both views until someone takes the screen
    again.click("continue")
    assert again.screen.name == "handover" and again.screen.seat == "russia"
    assert again.screen.session.state.fingerprint() == before.fingerprint()
    assert again.screen.session.transcript.seats == {"us": "human", "russia": "human"}
    again.press(pygame.K_RETURN)
    assert again.screen.name == "table" and again.screen.seat == "russia"


def test_a_save_from_an_older_engine_is_listed_and_refused_with_its_version(app, data_home):
    old = ROOT / "tests" / "data" / "engine1" / "geneva-us-normal-random-4.json"
    folder = data_home / "detente" / "games"
    folder.mkdir(parents=True)
    shutil.copy(old, folder / old.name)
    app.click("load")
    assert "older version" in app.screen.widgets["save_0"].text or "older version" in \
        app.screen.widgets["save_0"].tool_tip_text
    app.click("save_0")
    assert app.screen.name == "load"
    note = app.screen.widgets["note"].html_text
    assert "engine 1" in note and "cannot be replayed" in note
