"""The author's debrief (questions and texts, per side), the stakeholder that need not ratify (its rejection costs
the score, as the docs say, and the role card says so), and role cards that explain what they show."""

from __future__ import annotations

from pathlib import Path

from game.analysis.card import role_card
from game.analysis.debrief import debrief
from game.analysis.payoff import STAKEHOLDER_PENALTY
from game.engine import Move, State, apply, new_game, observe
from game.engine.view import own_side
from game.scenario import load_scenario

ROOT = Path(__file__).resolve().parents[2]
SUMMIT = load_scenario(ROOT / "tests" / "data" / "summit-authoring.yaml")
DOCS = (ROOT / "docs" / "scenario-format.md").read_text(encoding="utf-8")


def play(state: State, *moves: str) -> State:
    for text in moves:
        state = apply(state, Move.parse(text, SUMMIT))
    return state


def agreed() -> State:
    """Eastland proposes, Westland accepts; the neighbouring states were not consulted and reject it."""
    return play(new_game(SUMMIT, 1), "propose hills=shared recognition=full", "accept")


def test_the_authors_questions_and_each_sides_texts_reach_the_debrief() -> None:
    d = debrief(agreed())
    assert d.outcome == "agreement"
    assert d.questions == ("Why did the host press both sides at once?",)
    assert d.notes("east").texts == ("| Eastland got the hills | and more |", "Ora's cabinet never trusted the host.")
    assert d.notes("east").questions == ("Was the hills line a bluff worth testing?",)
    assert d.notes("west").texts == () and d.notes("west").questions == ("What did recognition cost Westland at home?",)
    late = debrief(play(new_game(SUMMIT, 1), *["pass"] * 8))
    assert late.outcome == "deadline" and late.notes("east").texts == ("Ora's cabinet never trusted the host.",)


def test_a_stakeholder_that_need_not_ratify_costs_the_score_as_the_docs_and_the_card_say() -> None:
    state = agreed()
    assert state.result is not None and state.result.kind == "agreement"
    side = debrief(state).side("east")
    assert side.rejected_by == ("neighbours",)
    span = side.best - side.reservation
    assert abs(side.score - ((side.utility - side.reservation) / span - STAKEHOLDER_PENALTY)) < 1e-9
    assert f"its rejection costs {STAKEHOLDER_PENALTY:g} of the score of every side it backs" in " ".join(DOCS.split())
    [note] = [s for s in role_card(SUMMIT.public, own_side(SUMMIT, "east")).stakeholders if s.yours]
    assert note.verdict == "need not ratify: if they reject a deal, the deal stands, but your score loses 0.25"
    [other] = [s for s in role_card(SUMMIT.public, own_side(SUMMIT, "west")).stakeholders if s.yours]
    assert other.verdict == "must ratify any deal: if it rejects it, the deal fails"


def test_a_deal_that_fails_ratification_costs_no_stakeholder_penalty_and_says_none() -> None:
    state = play(new_game(SUMMIT, 1), "consult neighbours", "propose hills=returned recognition=full", "accept")
    assert state.result is not None and state.result.kind == "ratification_failed"  # Westland's parliament
    for side in debrief(state).sides:
        assert side.score == 0 and side.rejected_by == ()


def test_the_role_card_carries_the_simulated_note_the_sources_and_explains_a_reservation_range() -> None:
    printed = role_card(SUMMIT.public, own_side(SUMMIT, "east"))
    assert printed.simulated == "---"
    assert printed.sources == ("# Invented for the tests (https://example.org/summit)", "> A second invented source")
    assert printed.reservation_text == "between 0.40 and 0.50"
    assert printed.reservation_note is not None and "draws one value" in printed.reservation_note
    drawn = role_card(SUMMIT.public, observe(new_game(SUMMIT, 1), "east").own)
    assert drawn.reservation_note is None
    assert drawn.reservation_text == f"{new_game(SUMMIT, 1).hidden.reservations['east']:.2f}"  # the value drawn
    [line] = printed.red_lines
    assert line.softens_when == "Pressure from the host is above 0.6"  # in words, not 'pressure > 0.6'
    assert printed.turn_labels[0] == "Day 1: Thursday"
