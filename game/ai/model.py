"""What the AI believes the other negotiators value, from what it has seen of them.

Without an opponent model it only leans towards what each side last asked for. With one, it
learns weights from how rarely a side moves on an issue and option values from how often it
asks for them, seeded by the side's public demands. Either way, what the side said in answer to
this seat's questions weighs in (an issue it called a top priority counts double), unless its
offers have since belied it. Only what this seat knows goes in: demands and proposals on the
record, and the answers it was given.
"""

from __future__ import annotations

import numpy as np

from game.ai.reading import weight_factors
from game.engine.view import View


def model_of(view: View, other: str, learn: bool) -> list[np.ndarray]:
    """Per issue, an array of how much `other` seems to value each option (weights folded in)."""
    sc = view.scenario
    theirs = [o.package for o in view.offers if o.by == other]
    counts = [[0.1] * len(opts) for opts in sc.options]  # plain lists: cheaper than arrays this small
    told = weight_factors(view, other)
    if not learn:  # lean towards what they have asked for, the latest most
        for n, package in enumerate(theirs):
            bonus = 2.0 if n == len(theirs) - 1 else 1.0
            for i, x in enumerate(package):
                if x >= 0:
                    counts[i][x] += bonus
        return [np.array(c) * (1e-3 * f) for c, f in zip(counts, told)]
    for demand in sc.actors[other].demands:
        i = sc.issue_index[demand.issue]
        counts[i][sc.option_index[i][demand.wants]] += 1.0
    weights = [1.0] * len(sc.issues)
    for n, package in enumerate(theirs):
        for i, x in enumerate(package):
            if x >= 0:
                counts[i][x] += 1.0
                if n and theirs[n - 1][i] == x:
                    weights[i] += 0.5
    weights = [w * f for w, f in zip(weights, told)]
    total = sum(weights)
    return [np.array(c) * (w / total / max(c)) for w, c in zip(weights, counts)]


def model_of_others(view: View, learn: bool) -> dict[str, list[np.ndarray]]:
    """A model of every negotiator but this seat."""
    return {other: model_of(view, other, learn) for other in view.scenario.others(view.seat)}
