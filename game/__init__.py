"""Détente: a turn-based diplomatic negotiation game."""

__version__ = "0.1.0"
ENGINE_VERSION = 2  # bump when the same moves could give a different game
RULES_SINCE = 2  # the oldest engine whose games these rules still replay exactly (set it to ENGINE_VERSION on a bump)
# engine 2: seats in the scenario's order, any number of parties, a mediator, reactions by every seat
