"""One interface for every kind of player: the AI, the bots and the people at the front ends.

A policy decides from its seat's view (``game.engine.observe``), never from the game state:
what another seat keeps hidden is not in front of it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Protocol

from game.engine.moves import Move
from game.engine.rules import apply
from game.engine.state import State
from game.engine.view import View, observe


class Policy(Protocol):
    def choose(self, view: View) -> Move:
        """The move to make, where `view` is this policy's seat's view and it is that seat's turn."""
        ...


def play_out(state: State, policies: Mapping[str, Policy],
             on_move: Callable[[State, Move, State], None] | None = None, *,
             until: Callable[[State], bool] | None = None) -> State:
    """The game loop: each seat's policy moves in turn until the game ends (it always does: the deadline
    ends it), or until `until(state)` holds before a move (a window waiting for a person's click).
    Every front end and tool drives games through it."""
    while not state.over and (until is None or not until(state)):
        seat = state.to_move
        assert seat is not None
        move = policies[seat].choose(observe(state, seat))
        after = apply(state, move)
        if on_move is not None:
            on_move(state, move, after)
        state = after
    return state
