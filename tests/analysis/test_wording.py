"""Conditions put into words for the people who read role cards and instructor sheets."""

from __future__ import annotations

from game.analysis.wording import condition_words
from game.scenario.conditions import parse_condition
from tests.test_multiparty import HARBOUR3


def words(text: str) -> str:
    return condition_words(parse_condition(text), HARBOUR3.public)


def test_names_become_the_scenarios_own_words() -> None:
    assert words("trust >= 0.6 and turns_left <= 3") == "Trust is at least 0.6 and at most 3 rounds are left"
    assert words("offer.berths.split") == "the offer on the table has Berths: Split"
    assert words("last.east.customs.east") == "Eastwick's latest proposal has Customs office: In Eastwick"
    assert words("not consulted.dockers or turn > 4") == ("not (The dockers' union has been consulted) or the round "
                                                          "is above 4")


def test_no_raw_name_reaches_a_role_card() -> None:
    from game.analysis.card import role_card
    from game.engine import new_game, observe

    view = observe(new_game(HARBOUR3, 1), "north")
    card = role_card(view.scenario, view.own)
    assert card.red_lines and all("trust >=" not in (line.softens_when or "") for line in card.red_lines)
    assert "Trust is at least 0.6" in card.red_lines[0].firmness
