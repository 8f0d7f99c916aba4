"""Simple players for tests, benchmarks and balance checks: they play a seat unattended, from its view."""

from __future__ import annotations

import numpy as np

from game.ai.opponent import ScenarioAI
from game.engine.moves import Move
from game.engine.talk import answer_by_chance
from game.engine.view import View
from game.scenario.space import OPEN, Package


class RandomBot:
    """Makes a random legal move; proposes random full or partial packages. Seeded."""

    WEIGHTS = {"propose": 6.0, "accept": 3.0, "walkout": 0.2, "pass": 0.5}

    def __init__(self, seed: int = 0):
        self.rng = np.random.default_rng(seed)
        self.cumulative: dict[tuple[str, ...], np.ndarray] = {}

    def choose(self, view: View) -> Move:
        kinds = view.kinds
        if "choose" in kinds:
            return view.moves[int(self.rng.integers(len(view.moves)))]
        cumulative = self.cumulative.get(kinds)
        if cumulative is None:
            weights = np.cumsum([self.WEIGHTS.get(k, 1.0) for k in kinds])
            cumulative = self.cumulative[kinds] = weights / weights[-1]
        kind = kinds[min(int(np.searchsorted(cumulative, self.rng.random(), side="right")), len(kinds) - 1)]
        if kind == "propose":
            package = tuple(int(self.rng.integers(len(o))) for o in view.scenario.options)
            if self.rng.random() < 0.2:
                package = tuple(OPEN if self.rng.random() < 0.5 else x for x in package)
                if all(x == OPEN for x in package):
                    package = (0, *package[1:])
            return Move("propose", package=package, reason="a random package")
        options = [m for m in view.moves if m.kind == kind]
        return options[int(self.rng.integers(len(options)))].but("a random move")


class GreedyBot:
    """Asks for its best package and accepts the first offer at or above its reservation."""

    def choose(self, view: View) -> Move:
        if view.phase == "choice":
            return view.moves[0]
        if view.question is not None:  # a question put to it: answered as the AI answers
            return answer_by_chance(view)
        offer = view.offer
        reservation = view.own.reservation
        if ("accept" in view.kinds and offer is not None and offer.full and reservation is not None
                and view.utility(offer.package) >= reservation):
            return Move("accept", reason="at or above our reservation")
        best = tuple(max(range(len(row)), key=row.__getitem__) for row in view.own.table)
        if offer is not None and offer.by == view.seat and offer.package == best and "pass" in view.kinds:
            return Move("pass", reason="our best package is on the table")
        return Move("propose", package=best, reason="our best package")


class CopycatBot:
    """Plays the package a student copies from a classmate's debrief, from the first turn, and holds to it: it
    accepts an offer worth as much to it, and otherwise puts the copied package back on the table. (It is handed
    the package, as the student is handed the debrief: it reads nothing of the others' preferences.)"""

    def __init__(self, package: Package):
        self.package = tuple(package)

    def choose(self, view: View) -> Move:
        if view.phase == "choice":
            return view.moves[0]
        if view.question is not None:  # a question put to it: answered as the AI answers
            return answer_by_chance(view)
        offer = view.offer
        if ("accept" in view.kinds and offer is not None and offer.full and offer.by != view.seat
                and view.utility(offer.package) >= view.utility(self.package) - 1e-9):
            return Move("accept", reason="as good for us as the package from the debrief")
        if offer is not None and offer.by == view.seat and offer.package == self.package and "pass" in view.kinds:
            return Move("pass", reason="the package from the debrief is on the table")
        return Move("propose", package=self.package, reason="the package from a classmate's debrief")


BOTS = ("random", "greedy", "tough", "mirror", "copycat")


def make_bot(name: str, seat: str, seed: int = 0, difficulty: str | None = None, copied: Package | None = None
             ) -> RandomBot | GreedyBot | ScenarioAI | CopycatBot:
    """A bot for `seat`.

    `tough` plays the scenario's own AI logic at its hardest level (the slowest concession curve) whatever
    the game's difficulty; `mirror` plays it at `difficulty` (the scenario's default when None), so the AI
    meets itself. Neither uses the scripted signals and walkouts."""
    if name == "random":
        return RandomBot(seed)
    if name == "greedy":
        return GreedyBot()
    if name == "tough":
        return ScenarioAI(seat, signals=False, hardest=True)
    if name == "mirror":
        return ScenarioAI(seat, difficulty, signals=False)
    if name == "copycat":
        if copied is None:
            raise ValueError("the copycat bot plays a copied package: give it (game.analysis.landscape.copied)")
        return CopycatBot(copied)
    raise ValueError(f"unknown bot '{name}' (bots: {', '.join(BOTS)})")
