"""The window's briefing names Geneva's European allies (a group: `plural: true`) with a plural verb, as the
terminal does (tests/text/test_plural_allies.py)."""

from __future__ import annotations

from game.analysis.card import role_card
from game.engine import new_game, observe
from game.ui.screens.briefing import card_html
from tests.text.test_plural_allies import ALLIES, GENEVA


def test_the_window_briefing_says_the_allies_back_the_united_states() -> None:
    state = new_game(GENEVA, 1)
    for seat in ("us", "russia"):
        view = observe(state, seat)
        _, right = card_html(role_card(view.scenario, view.own))
        assert f"<b>{ALLIES}</b> (Foreign ministers Annalena Baerbock, Jean-Yves Le Drian and Liz Truss) back United " \
               "States; must ratify any deal: if they reject it, the deal fails" in right, seat
