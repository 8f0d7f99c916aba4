"""Détente: a turn-based diplomatic negotiation game."""

__version__ = "0.4.0"
ENGINE_VERSION = 9  # bump when the same moves could give a different game
RULES_SINCE = 9  # the oldest engine whose games these rules still replay exactly (set it to ENGINE_VERSION on a bump)
# engine 2: seats in the scenario's order, any number of parties, a mediator, reactions by every seat
# engine 3: a question, threat or press is answered only by its addressee; re-proposing the package on the
#           table keeps its acceptances; the fingerprint holds acceptances, pressure and softened bluffs
# engine 4: records that prove themselves: a closing record with each side's utility and score, and a seal
# engine 5: priorities drawn from ranges for each game (Geneva's now vary); the copycat bot
# engine 6: answers honest, vague or evasive by trust; the AI asks, reads offers and answers, and reciprocates
# engine 7: the AI's reasons say only what it did (it moved, it gave way on an issue); answers count as
#           belied only by a clear pattern
# engine 8: issue 10's last fixes, and events the instructor fires at a table (`inject EVENT`, by the instructor)
#   the AI takes back no concession without saying why; AIs at a table of three stop waiting on each other
#   a question waits for the seat asked to answer (`answer honest|vague|posture|decline`), as whoever plays it chooses
#   an instructor's event happens at the start of the next round, whatever its own turn or condition
# engine 9: proposing the package every other side has accepted closes the deal (it counted as acceptance only)
