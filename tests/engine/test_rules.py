"""The rules on a small scenario: turns, legal moves, events, reactions, outcomes, ratification."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.engine import IllegalMoveError, Move, NotationError, apply, legal_kinds, legal_moves, new_game
from game.scenario import load_scenario

RIVER = load_scenario(Path(__file__).resolve().parents[1] / "data" / "river.yaml")
FULL = (2, 1, 1)  # flow=full dam=mid fund=present


def start(voiced: tuple[str, ...] = ("upstream",), seed: int = 1):  # type: ignore[no-untyped-def]
    """A River game; by default the AI plays upstream (its lines are spoken) and a person downstream."""
    return new_game(RIVER, seed, voiced=voiced)


def test_the_same_seed_gives_the_same_hidden_values_and_another_seed_may_not() -> None:
    assert start(seed=4).hidden == start(seed=4).hidden
    assert len({start(seed=s).hidden.reservations["upstream"] for s in range(10)}) > 1


def test_the_seats_move_in_the_scenarios_order_whoever_plays_them() -> None:
    for voiced in (("upstream",), ("downstream",), (), ("upstream", "downstream")):
        state = start(voiced)
        assert (state.turn, state.to_move) == (1, "upstream")
        state = apply(state, Move("promise"))
        assert (state.turn, state.to_move) == (1, "downstream")
        state = apply(state, Move("reassure"))
        assert state.turn == 2


def test_new_game_refuses_a_seat_that_does_not_exist() -> None:
    with pytest.raises(ValueError, match="not a seat"):
        new_game(RIVER, 1, voiced=["farmers"])


def test_only_the_other_sides_full_offer_can_be_accepted() -> None:
    state = start()
    assert "accept" not in legal_kinds(state)
    with pytest.raises(IllegalMoveError):
        apply(state, Move("accept"))
    assert legal_kinds(state, "downstream") == ()  # not its turn
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


def test_the_chooser_reads_what_it_did_and_the_others_read_what_it_chose() -> None:
    state = apply(apply(start(), Move("promise")), Move("promise"))
    after = apply(state, Move("choose", target="flood", choice="blame"))
    mine, theirs = after.log[-2:]
    assert mine.audience == frozenset({"downstream"}) and theirs.audience == frozenset({"upstream"})
    assert "Blame upstream" in theirs.text and theirs.text.startswith("Minister Cy")


def test_a_scripted_reaction_speaks_only_for_a_seat_the_ai_plays_and_its_effects_apply_whoever_plays() -> None:
    spoken = apply(start(("upstream",)), Move("threaten"))  # upstream threatens: downstream reacts
    silent = apply(start(("downstream",)), Move("threaten"))
    assert [e.speaker for e in spoken.log if e.kind == "reaction"] == []
    assert [e.speaker for e in silent.log if e.kind == "reaction"] == ["Minister Cy"]
    assert spoken.meters == silent.meters  # the reaction's effects (none here) and the move's are the same
    answered = apply(apply(start(("upstream",)), Move("promise")), Move("threaten"))  # downstream threatens
    unvoiced = apply(apply(start(()), Move("promise")), Move("threaten"))
    assert [e.speaker for e in answered.log if e.kind == "reaction" and e.turn == 1] == ["Minister Ada"]
    assert not any(e.kind == "reaction" for e in unvoiced.log)
    assert answered.timeline[1] == pytest.approx(unvoiced.timeline[1])
    tension = RIVER.meter_index["tension"]
    # the threat's +0.10, Minister Ada's reaction's +0.02 and the drift's +0.02, with nobody voicing upstream too
    assert unvoiced.timeline[1][tension] == pytest.approx(0.4 + 0.10 + 0.02 + 0.02)


def test_a_threat_presses_the_other_side_more_when_the_threatener_is_united() -> None:
    state = apply(start(), Move("threaten"))
    unity = state.meter("unity")
    assert state.pressure[RIVER.seat_index["downstream"]] == pytest.approx(0.1 * unity * RIVER.deadline)


def test_walking_out_ends_the_game() -> None:
    state = apply(start(), Move("walkout"))
    assert state.over and state.result.kind == "walkout" and state.result.by == "upstream"
    with pytest.raises(IllegalMoveError, match="over"):
        apply(state, Move("promise"))


def test_the_deadline_ends_the_game_after_the_last_turn() -> None:
    state = start()
    while not state.over:
        move = legal_moves(state)[0] if state.phase == "choice" else Move("promise")
        state = apply(state, move)
    assert state.result.kind == "deadline" and state.result.turn == RIVER.deadline


def test_tension_at_its_limit_ends_the_game_in_escalation() -> None:
    state = start()
    while not state.over:
        state = apply(state, legal_moves(state)[-1] if state.phase == "choice" else Move("threaten"))
    assert state.result.kind == "escalation" and state.result.by == "tension"
    assert state.meter("tension") >= 1.0


def test_an_agreement_the_farmers_reject_fails_ratification() -> None:
    state = start()
    state = apply(state, Move("propose", package=(0, 2, 0)))  # flow=none crosses the farmers' red line
    assert state.to_move == "downstream"  # the rules let either side accept; only the AI policy refuses
    state = apply(state, Move("accept"))
    assert state.result.kind == "ratification_failed"
    assert any(not r.approves and r.actor == "farmers" for r in state.result.ratifications)


def test_consulting_reveals_the_stakeholders_red_lines_to_the_consulting_seat_only() -> None:
    with pytest.raises(IllegalMoveError):
        apply(start(), Move("consult", target="farmers"))  # upstream moves first: not its stakeholder
    state = apply(apply(start(), Move("promise")), Move("consult", target="farmers"))
    assert "farmers" in state.consulted
    assert ("downstream", "farmers", "red_line:farmers.0") in state.revealed


def test_move_notation_round_trips() -> None:
    for text in ("propose flow=full dam=mid", "accept", "question dam", "question upstream dam", "consult farmers",
                 "choose flood calm", "threaten", "threaten downstream", "pass"):
        assert Move.parse(text, RIVER).notation(RIVER) == text
    for bad in ("propose flow=lots", "propose", "dance", "question", "accept now", "threaten farmers",
                "question farmers dam", "press", "pass now"):
        with pytest.raises(NotationError):
            Move.parse(bad, RIVER)


def test_evolve_refuses_a_field_the_state_does_not_have() -> None:
    state = start()
    assert state.evolve(turn=3).turn == 3
    with pytest.raises(TypeError, match="no field plyer"):
        state.evolve(plyer="downstream")
