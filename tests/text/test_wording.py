"""The terminal in the scenario's words: its move labels, a help written from the scenario, `help` typed in
full, each turn's own label, plural names, and the author's debrief for the side you played."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from game.analysis.card import role_card
from game.engine import new_game, observe
from game.scenario import load_scenario
from game.text import render
from game.text.play import Options, help_text, play_text

DATA = Path(__file__).resolve().parents[1] / "data"
SUMMIT = load_scenario(DATA / "summit-authoring.yaml")
GENEVA = load_scenario(Path(__file__).resolve().parents[2] / "scenarios" / "geneva-2022.yaml")


def terminal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, typed: list[str], side: str = "east") -> str:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    out = io.StringIO()
    play_text(SUMMIT, Options(side=side, difficulty="hard", seed=4), stdin=io.StringIO("\n".join(typed) + "\n"),
              stdout=out)
    return out.getvalue()


def test_the_menu_and_the_help_use_the_scenarios_labels_and_typing_help_works(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = terminal(tmp_path, monkeypatch, ["help", "h", *["n"] * 4])
    assert "t) Threaten to leave the lake" in out and "m) Promise aid" in out and "warn of consequences" not in out
    assert out.count("  t) Threaten to leave the lake: warn a side of consequences") == 2  # 'help' and 'h'
    assert "m) Promise aid: The host promises money to whoever agrees. (Tension -0.02)" in out
    assert "Tension +0.10" in out
    assert "is not a move" not in out and "unknown" not in out.lower()


def test_the_help_is_the_scenarios_not_genevas() -> None:
    text = help_text(observe(new_game(SUMMIT, 1), "east"))
    assert "Ukraine" not in text and "coalition" not in text and "trust is high" not in text
    assert "press a side" not in text  # only the mediator presses
    geneva = help_text(observe(new_game(GENEVA, 1), "us"))
    assert "t) Warn of consequences: Raises tension and lowers trust" in geneva


PASSING = ["n", "decline"] * 4  # pass each turn; decline a question put to you (at the moves: an unknown move)


def test_each_turn_is_headed_with_its_own_label(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = terminal(tmp_path, monkeypatch, PASSING)
    for n, day in enumerate(("Thursday", "Friday", "Saturday", "Sunday"), 1):
        assert f"--- Turn {n} of 4: Day {n}: {day}" in out
    assert "The turns run from Day 1: Thursday to Day 4: Sunday." in out


def test_the_briefing_and_the_debrief_say_what_the_author_wrote_for_you(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = " ".join(terminal(tmp_path, monkeypatch, PASSING).split())
    assert "The neighbouring states back Eastland; need not ratify: if they reject a deal, the deal stands" in out
    assert "Simulated: ---" in out and "Sources: - # Invented for the tests (https://example.org/summit)" in out
    assert "Red line: The hills: never Kept by Westland. A bluff you may drop (it gives way when Pressure" in out
    assert "Ora's cabinet never trusted the host." in out
    assert "Questions for discussion: - Why did the host press both sides at once? - Was the hills line" in out
    assert "What did recognition cost Westland" not in out  # the other side's question is not yours


def test_a_shared_screen_debrief_shows_every_sides_notes_with_its_name() -> None:
    from game.analysis.debrief import debrief
    from game.engine import Move, apply

    state = new_game(SUMMIT, 1)
    while not state.over:
        state = apply(state, Move("pass"))
    text = " ".join(render.debrief(SUMMIT.public, debrief(state), None).split())
    assert "For Eastland: Ora's cabinet never trusted the host." in text
    assert "- Westland: What did recognition cost Westland at home?" in text


def test_a_range_printed_before_a_game_is_explained_and_a_game_shows_the_value_drawn() -> None:
    from game.engine.view import own_side

    card = render.briefing(role_card(SUMMIT.public, own_side(SUMMIT, "east")))
    assert "between 0.40 and 0.50. Each game draws one value in this range" in " ".join(card.split())
    view = observe(new_game(SUMMIT, 1), "east")
    drawn = render.briefing(role_card(view.scenario, view.own))
    assert f"worth to you): {view.own.reservation:.2f}\n" in drawn
