"""The authors' texts in the window (tests/data/summit-authoring.yaml): the turns' labels, the stakeholders'
verdicts and plural names, the sources, the debrief's questions and per-side texts; and the players' names
typed at the setup screen, kept in the transcript."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pygame
import pytest

from game.analysis.card import role_card
from game.engine.view import own_side
from game.scenario import load_scenario
from game.ui.app import App
from game.ui.demo import Demo, run_demo
from game.ui.screens.briefing import card_html
from game.ui.settings import Settings

SUMMIT = Path(__file__).resolve().parents[1] / "data" / "summit-authoring.yaml"


@pytest.fixture(scope="module")
def summit():  # type: ignore[no-untyped-def]
    return load_scenario(SUMMIT)


def play(app: App, players: dict[str, str], shots: Path | None = None) -> dict[str, Any]:
    """A whole game of the summit through the window; what each screen showed first, and the turn lines."""
    seen: dict[str, Any] = {"turns": [], "handover": []}

    def watch(screen: Any) -> None:
        seen.setdefault(screen.name, screen.shown_text())
        if screen.name == "briefing":
            seen.setdefault("card_them", screen.widgets["card_them"].html_text)
            seen.setdefault("card_you", screen.widgets["card_you"].html_text)
        elif screen.name == "table":
            seen["turns"].append(screen.widgets["turn"].text)
        elif screen.name == "handover" and "turn" in screen.widgets:
            seen["handover"].append(screen.widgets["turn"].text)

    session = run_demo(str(SUMMIT), seed=1, app=app, players=players, watch=watch, screenshots=shots,
                       only=("handover", "briefing", "table", "debrief"))
    seen["session"] = session
    seen["report"] = app.screen.widgets["report"].html_text
    return seen


def test_the_briefing_shows_the_verdicts_the_turns_and_the_sources(app, tmp_path):
    seen = play(app, {"east": "you", "west": "ai:normal"}, tmp_path / "shots")
    them = seen["card_them"]
    # each stakeholder's verdict as the role card words it, its plural name agreeing with the verb
    assert "The neighbouring states</b> back Eastland; need not ratify: if they reject a deal" in them
    assert "Westland's parliament</b> backs Westland; must ratify any deal: if it rejects it, the deal fails" in them
    # under a heading each: yours, then the other side's
    assert them.index("Your stakeholders") < them.index("The neighbouring states") < them.index(
        "The other side's stakeholders") < them.index("Westland's parliament")
    assert "; expect to be consulted" in them  # the neighbouring states, a plural name
    for n, label in enumerate(["Day 1: Thursday", "Day 2: Friday", "Day 3: Saturday", "Day 4: Sunday"], 1):
        assert f"Turn {n}: {label}" in them
    assert "# Invented for the tests (https://example.org/summit)" in them and "&gt; A second invented source" in them
    # the table's turn line and the record's turn headings carry the turn's label, as the terminal does
    assert any(line.startswith("Turn 1 of 4: Day 1: Thursday") for line in seen["turns"])
    shots = sorted(p.name for p in (tmp_path / "shots").glob("*.png"))
    assert any("briefing" in p for p in shots) and any("debrief" in p for p in shots)


def test_a_card_printed_before_any_game_says_how_to_read_its_range(summit):
    card = role_card(summit.public, own_side(summit, "east"))
    left, _right = card_html(card)
    assert card.reservation_note is not None
    assert "between 0.40 and 0.50" in left and card.reservation_note in left


def test_the_log_heads_each_turn_with_its_label(app):
    app.click("play")
    Demo(app).open_file(SUMMIT)
    app.click("start")
    app.click("to_table")
    screen = app.screen
    assert screen.name == "table"
    view = screen.view
    assert screen.widgets["turn"].text.startswith("Turn 1 of 4: Day 1: Thursday")
    from_log = [text for text in screen.shown_text().splitlines() if "Turn 1 of 4" in text]
    assert any("Day 1: Thursday" in text for text in from_log), from_log
    assert view.scenario.turn_heading(1) == "Turn 1 of 4: Day 1: Thursday"


def test_the_hand_over_names_the_turn_and_the_debrief_asks_everyones_questions(app):
    seen = play(app, {"east": "you", "west": "person"})
    assert seen["handover"] and all(": Day " in line for line in seen["handover"])
    report = seen["report"]
    assert "Questions for discussion" in report
    assert "Why did the host press both sides at once?" in report
    # a shared screen: every side's own texts and questions, each with its side's name
    assert "<b>For Eastland:</b> Ora's cabinet never trusted the host." in report
    assert "<b>Eastland:</b> Was the hills line a bluff worth testing?" in report
    assert "<b>Westland:</b> What did recognition cost Westland at home?" in report


def test_one_player_reads_only_their_own_sides_debrief_texts(app):
    seen = play(app, {"east": "you", "west": "ai:normal"})
    report = seen["report"]
    assert "Ora's cabinet never trusted the host." in report and "For Eastland" not in report
    assert "Was the hills line a bluff worth testing?" in report
    assert "What did recognition cost Westland at home?" not in report
    assert "Why did the host press both sides at once?" in report


def type_text(app: App, text: str) -> None:
    for char in text:
        pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=char))
    app.pump(2)


def test_a_name_typed_at_the_setup_is_kept_in_the_transcript_and_remembered(app):
    app.click("play")
    app.click("scenario_geneva_2022")
    assert app.screen.widgets["name_us"].get_text() == ""
    assert not app.screen.widgets["name_russia"].visible  # the AI's seat has no name to type
    app.click("name_us")
    type_text(app, "Ana Petrova")
    app.click("start")
    session = app.screen.session
    saved = json.loads(session.path.read_text(encoding="utf-8"))
    assert saved["names"] == {"us": "Ana Petrova"}
    assert Settings.load().player_name == "Ana Petrova"
    # the next game's setup offers the last name typed
    window = App()
    window.click("play")
    window.click("scenario_geneva_2022")
    assert window.screen.widgets["name_us"].get_text() == "Ana Petrova"


def test_each_person_at_a_shared_screen_types_a_name(app):
    app.click("play")
    app.click("scenario_geneva_2022")
    demo = Demo(app)
    screen = app.screen
    app.click("name_us")
    type_text(app, "Ana")
    demo.choose_player("russia", "you")  # your name goes with you to another seat
    assert screen.widgets["name_russia"].get_text() == "Ana" and not screen.widgets["name_us"].visible
    demo.choose_player("us", "person")
    assert screen.widgets["name_us"].visible and screen.widgets["name_us"].get_text() == ""
    app.click("name_us")
    type_text(app, "Boris")
    app.click("start")
    saved = json.loads(app.screen.session.path.read_text(encoding="utf-8"))
    assert saved["names"] == {"us": "Boris", "russia": "Ana"}
    assert saved["seats"] == {"us": "human", "russia": "human"}
    assert Settings.load().player_name == "Ana"  # the name at your seat is the next game's default
