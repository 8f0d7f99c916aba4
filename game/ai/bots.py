"""Simple players for tests, benchmarks and balance checks: they play the player's side unattended."""

from __future__ import annotations

import numpy as np

from game.ai.opponent import ScenarioAI
from game.engine.moves import Move
from game.engine.rules import legal_kinds, legal_moves
from game.engine.state import State
from game.scenario.model import OPEN


class RandomBot:
    """Makes a random legal move; proposes random full or partial packages. Seeded."""

    def __init__(self, seed: int = 0):
        self.rng = np.random.default_rng(seed)

    def choose(self, state: State) -> Move:
        kinds = legal_kinds(state)
        if "choose" in kinds:
            moves = legal_moves(state)
            return moves[int(self.rng.integers(len(moves)))]
        weights = np.array([{"propose": 6.0, "accept": 3.0, "walkout": 0.2}.get(k, 1.0) for k in kinds])
        kind = kinds[int(self.rng.choice(len(kinds), p=weights / weights.sum()))]
        if kind == "propose":
            sc = state.scenario
            package = tuple(int(self.rng.integers(len(o))) for o in sc.options)
            if self.rng.random() < 0.2:
                package = tuple(OPEN if self.rng.random() < 0.5 else x for x in package)
                if all(x == OPEN for x in package):
                    package = (0, *package[1:])
            return Move("propose", package=package, reason="a random package")
        if kind in ("question", "consult"):
            options = [m for m in legal_moves(state) if m.kind == kind]
            return options[int(self.rng.integers(len(options)))]
        return Move(kind, reason="a random move")


class GreedyBot:
    """Asks for its best package and accepts the first offer at or above its reservation."""

    def choose(self, state: State) -> Move:
        sc = state.scenario
        actor = state.to_move or ""
        if state.phase == "choice":
            return legal_moves(state)[0]
        offer = state.offer
        val = sc.valuations[actor]
        if (offer is not None and offer.by != actor and offer.full
                and val.utility(offer.package) >= state.hidden.reservations[actor]):
            return Move("accept", reason="at or above our reservation")
        best = tuple(max(range(len(row)), key=row.__getitem__) for row in val.table)
        return Move("propose", package=best, reason="our best package")


BOTS = ("random", "greedy", "tough", "mirror")


def make_bot(name: str, actor: str, seed: int = 0, difficulty: str | None = None) -> RandomBot | GreedyBot | ScenarioAI:
    """A bot for `actor`.

    `tough` plays the scenario's own AI logic at its hardest level (the slowest concession curve) whatever
    the game's difficulty; `mirror` plays it at `difficulty` (the game's when None), so the AI meets itself.
    Neither uses the scripted signals and walkouts."""
    if name == "random":
        return RandomBot(seed)
    if name == "greedy":
        return GreedyBot()
    if name == "tough":
        return ScenarioAI(actor, signals=False, hardest=True)
    if name == "mirror":
        return ScenarioAI(actor, difficulty, signals=False)
    raise ValueError(f"unknown bot '{name}' (bots: {', '.join(BOTS)})")
