"""The pure rules core: no pygame, no files, no terminal; randomness only from the seed."""

from game.engine.moves import IllegalMoveError, Move, NotationError
from game.engine.rules import apply, check, inject, legal_kinds, legal_moves, new_game
from game.engine.state import Hidden, LogEntry, Offer, Ratification, Result, State
from game.engine.view import OwnLine, OwnSide, View, observe

__all__ = ["Hidden", "IllegalMoveError", "LogEntry", "Move", "NotationError", "Offer", "OwnLine", "OwnSide",
           "Ratification", "Result", "State", "View", "apply", "check", "inject", "legal_kinds", "legal_moves",
           "new_game", "observe"]
