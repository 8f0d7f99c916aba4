"""A side that proposes exactly the package every other side has accepted makes the deal: its proposal counts as its
acceptance, so the talks close there (a class found two teams proposing the same package back and forth, each shown
as accepted by both, until the deadline)."""

from __future__ import annotations

from game.engine import Move, apply, new_game
from game.resources import scenario_path
from game.scenario import load_scenario


def answered(state, sc):  # noqa: ANN001, ANN201
    while state.phase in ("choice", "answer"):
        if state.phase == "choice":
            event = sc.event(state.pending[0]).spec
            state = apply(state, Move("choose", target=event.id, choice=event.choices[0].id))
        else:
            state = apply(state, Move("answer", choice="decline"))
    return state


def test_proposing_the_package_the_other_side_proposed_closes_the_deal() -> None:
    sc = load_scenario(scenario_path("cuba-1962"))
    package = tuple(0 for _ in sc.issues)
    state = answered(new_game(sc, 2), sc)
    first = state.to_move
    state = answered(apply(state, Move("propose", package=package)), sc)
    assert state.accepted == {first} and not state.over
    second = state.to_move
    state = apply(state, Move("propose", package=package))
    assert state.over and state.result.kind in ("agreement", "ratification_failed")
    assert state.result.package == package and state.result.by == second


def test_a_partial_package_or_another_package_does_not_close() -> None:
    sc = load_scenario(scenario_path("cuba-1962"))
    full = tuple(0 for _ in sc.issues)
    other = (1, *full[1:])
    state = answered(new_game(sc, 2), sc)
    state = answered(apply(state, Move("propose", package=full)), sc)
    assert not apply(state, Move("propose", package=other)).over
    partial = (-1, *full[1:])
    state = answered(new_game(sc, 2), sc)
    state = answered(apply(state, Move("propose", package=partial)), sc)
    assert not apply(state, Move("propose", package=partial)).over


def test_with_three_sides_the_last_one_proposing_what_the_others_proposed_closes() -> None:
    sc = load_scenario(scenario_path("dayton-1995"))
    package = tuple(0 for _ in sc.issues)
    state = answered(new_game(sc, 3), sc)
    proposed: list[str] = []
    while not state.over and len(proposed) < len(sc.negotiators):
        seat = state.to_move
        if seat in sc.negotiators:
            assert not state.over
            state = apply(state, Move("propose", package=package))
            proposed.append(seat)
        else:
            state = apply(state, Move("pass"))  # the mediator
        state = answered(state, sc)
    assert state.over and state.result.package == package and state.result.by == proposed[-1]
