"""One interface for every kind of player: the AI, the bots and the human front ends."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Protocol

from game.engine.moves import Move
from game.engine.rules import apply
from game.engine.state import State


class Policy(Protocol):
    def choose(self, state: State) -> Move:
        """The move to make in `state`, where `state.to_move` is this policy's actor."""
        ...


def play_out(state: State, policies: Mapping[str, Policy],
             on_move: Callable[[State, Move, State], None] | None = None) -> State:
    """Let each side's policy move until the game ends (it always does: the deadline ends it)."""
    while not state.over:
        actor = state.to_move
        assert actor is not None
        move = policies[actor].choose(state)
        after = apply(state, move)
        if on_move is not None:
            on_move(state, move, after)
        state = after
    return state
