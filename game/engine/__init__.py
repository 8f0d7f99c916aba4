"""The pure rules core: no pygame, no files, no terminal; randomness only from the seed."""

from game.engine.moves import IllegalMoveError, Move, NotationError
from game.engine.rules import apply, check, legal_kinds, legal_moves, new_game
from game.engine.state import Hidden, LogEntry, Offer, Ratification, Result, State

__all__ = ["Hidden", "IllegalMoveError", "LogEntry", "Move", "NotationError", "Offer", "Ratification", "Result",
           "State", "apply", "check", "legal_kinds", "legal_moves", "new_game"]
