"""The rules on a small scenario: turns, legal moves, events, reactions, outcomes, ratification."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.engine import IllegalMoveError, Move, NotationError, apply, legal_kinds, legal_moves, new_game
from game.scenario import load_scenario

RIVER = load_scenario(Path(__file__).resolve().parents[1] / "data" / "river.yaml")
FULL = (2, 1, 1)  # flow=full dam=mid fund=present


def start(player: str = "downstream", seed: int = 1):  # type: ignore[no-untyped-def]
    return new_game(RIVER, seed, player, "normal")


def test_the_same_seed_gives_the_same_hidden_values_and_another_seed_may_not() -> None:
    assert start(seed=4).hidden == start(seed=4).hidden
    assert len({start(seed=s).hidden.reservations["upstream"] for s in range(10)}) > 1


def test_the_player_moves_first_then_the_ai_then_the_turn_ends() -> None:
    state = start()
    assert (state.turn, state.to_move) == (1, "downstream")
    state = apply(state, Move("promise"))
    assert (state.turn, state.to_move) == (1, "upstream")
    state = apply(state, Move("reassure"))
    assert state.turn == 2


def test_only_the_other_sides_full_offer_can_be_accepted() -> None:
    state = start()
    assert "accept" not in legal_kinds(state)
    with pytest.raises(IllegalMoveError):
        apply(state, Move("accept"))
    state = apply(state, Move("propose", package=(2, -1, -1)))
    assert "accept" not in legal_kinds(state) and "reject" in legal_kinds(state)  # partial: reject only
    with pytest.raises(IllegalMoveError):
        apply(state, Move("propose", package=(-1, -1, -1)))
    with pytest.raises(IllegalMoveError):
        apply(state, Move("propose", package=(9, 0, 0)))


def test_an_event_with_choices_waits_for_its_chooser() -> None:
    state = apply(apply(start(), Move("promise")), Move("promise"))
    assert state.turn == 2 and state.phase == "choice" and state.to_move == "downstream"
    with pytest.raises(IllegalMoveError, match="first choose"):
        apply(state, Move("threaten"))
    [calm, blame] = legal_moves(state)
    after = apply(state, blame)
    assert after.phase == "move" and ("flood", "blame") in after.chosen
    assert after.meter("tension") > state.meter("tension")


def test_the_ais_scripted_reaction_follows_a_threat() -> None:
    state = apply(start(), Move("threaten"))
    assert state.log[-1].kind == "reaction" and state.log[-1].speaker == "Minister Ada"


def test_a_threat_presses_the_other_side_more_when_the_threatener_is_united() -> None:
    state = apply(new_game(RIVER, 1, "upstream", "normal"), Move("threaten"))
    unity = state.meter("unity")
    assert state.pressure[1] == pytest.approx(0.1 * unity * RIVER.deadline)


def test_walking_out_ends_the_game() -> None:
    state = apply(start(), Move("walkout"))
    assert state.over and state.result.kind == "walkout" and state.result.by == "downstream"
    with pytest.raises(IllegalMoveError, match="over"):
        apply(state, Move("promise"))


def test_the_deadline_ends_the_game_after_the_last_turn() -> None:
    state = start()
    while not state.over:
        move = legal_moves(state)[0] if state.phase == "choice" else Move("promise")
        state = apply(state, move)
    assert state.result.kind == "deadline" and state.result.turn == RIVER.deadline


def test_tension_at_its_limit_ends_the_game_in_escalation() -> None:
    state = start("upstream")
    while not state.over:
        state = apply(state, legal_moves(state)[-1] if state.phase == "choice" else Move("threaten"))
    assert state.result.kind == "escalation" and state.result.by == "tension"
    assert state.meter("tension") >= 1.0


def test_an_agreement_the_farmers_reject_fails_ratification() -> None:
    state = new_game(RIVER, 1, "upstream", "normal")
    state = apply(state, Move("propose", package=(0, 2, 0)))  # flow=none crosses the farmers' red line
    assert state.to_move == "downstream"  # the rules let either side accept; only the AI policy refuses
    state = apply(state, Move("accept"))
    assert state.result.kind == "ratification_failed"
    assert any(not r.approves and r.actor == "farmers" for r in state.result.ratifications)


def test_consulting_reveals_the_stakeholders_red_lines() -> None:
    state = apply(start(), Move("consult", target="farmers"))
    assert "farmers" in state.consulted
    assert ("downstream", "farmers", "red_line:farmers.0") in state.revealed
    with pytest.raises(IllegalMoveError):
        apply(new_game(RIVER, 1, "upstream"), Move("consult", target="farmers"))


def test_move_notation_round_trips() -> None:
    for text in ("propose flow=full dam=mid", "accept", "question dam", "consult farmers", "choose flood calm"):
        assert Move.parse(text, RIVER).notation(RIVER) == text
    for bad in ("propose flow=lots", "propose", "dance", "question", "accept now"):
        with pytest.raises(NotationError):
            Move.parse(bad, RIVER)
