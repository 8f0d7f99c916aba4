"""Détente: a turn-based diplomatic negotiation game."""

__version__ = "0.1.0"
ENGINE_VERSION = 1  # bump when the same moves could give a different game
