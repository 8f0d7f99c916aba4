"""Players: the scenario's AI negotiator and simple bots, all behind one Policy interface."""

from game.ai.bots import BOTS, GreedyBot, RandomBot, make_bot
from game.ai.opponent import ScenarioAI
from game.ai.policy import Policy, play_out

__all__ = ["BOTS", "GreedyBot", "Policy", "RandomBot", "ScenarioAI", "make_bot", "play_out"]
