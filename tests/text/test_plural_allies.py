"""Geneva's European allies are a group (`plural: true`): every text that names them agrees with a plural subject,
in the terminal's briefing, the red-line warnings and the debrief's verdicts (the window's briefing:
tests/ui/test_plural_allies_window.py); and a name that ends in brackets takes no possessive after them."""

from __future__ import annotations

from game.analysis.card import role_card
from game.analysis.debrief import debrief
from game.analysis.hints import accept_warning
from game.engine import Move, apply, new_game, observe
from game.resources import scenario_path
from game.scenario import load_scenario
from game.text import render

GENEVA = load_scenario(scenario_path("geneva-2022"))
ALLIES = "European allies (Germany, France, United Kingdom)"


def flat(text: str) -> str:
    return " ".join(text.split())


def test_the_european_allies_are_plural() -> None:
    assert GENEVA.actors["european_allies"].name == ALLIES and GENEVA.public.plural("european_allies")


def test_both_briefings_say_the_allies_back_the_united_states() -> None:
    state = new_game(GENEVA, 1)
    for seat in ("us", "russia"):
        view = observe(state, seat)
        text = flat(render.briefing(role_card(view.scenario, view.own)))
        assert (f"- {ALLIES} (Foreign ministers Annalena Baerbock, Jean-Yves Le Drian and Liz Truss) back United "
                "States; must ratify any deal: if they reject it, the deal fails") in text, seat
        assert "backs United States; must ratify any deal: if they" not in text


def test_the_warning_before_accepting_and_the_debrief_agree_with_the_allies() -> None:
    state = new_game(GENEVA, 1, voiced=["russia"])
    state = apply(state, observe(state, "us").moves[0])  # the event's first choice
    state = apply(state, Move("pass"))
    state = apply(state, Move("propose", package=(0, 2, 0, 0, 0)))  # Russia asks for the rollback of NATO forces
    warning = accept_warning(observe(state, "us"))
    assert warning is not None
    assert (f"It also crosses the red line of {ALLIES} on NATO's eastward expansion and posture: {ALLIES} reject any "
            "deal across it at home") in warning
    assert ")'s" not in warning
    state = apply(state, Move("accept"))
    assert state.result is not None and state.result.kind == "ratification_failed"
    text = flat(render.debrief(GENEVA.public, debrief(state), "us"))
    assert f"{ALLIES} reject the deal: it crosses their red line on NATO's eastward expansion and posture" in text
