"""Scripted players for tests: they play well, to show that a scenario's zone of agreement can be reached."""

from __future__ import annotations

import numpy as np

from game.analysis.payoff import firm_masks, zone_mask
from game.engine import Move, State, View


def zone(state: State) -> np.ndarray:
    """Which enumerated packages every negotiator prefers to no deal, across no firm red line."""
    found = zone_mask(state.scenario, state.hidden.reservations, firm_masks(state.scenario, state.hidden.firm))
    assert found is not None
    return found


class ZoneFinder:
    """Consults its stakeholders, then proposes the zone's most balanced package that every must-ratify
    stakeholder accepts. It is given the game's hidden values at the start (a test device that plays with
    knowledge a real player must earn, not an AI); it then moves from its view like any player."""

    def __init__(self, state: State):
        sc = state.scenario
        space = sc.outcome_space()
        ok = zone(state)
        for stakeholder in sc.stakeholders:
            if sc.actors[stakeholder].must_ratify and stakeholder in sc.valuations:
                for line in sc.valuations[stakeholder].red_lines:
                    ok &= ~np.isin(space[:, line.issue], list(line.forbid))
        product = np.ones(len(space))
        for a in sc.negotiators:
            product *= sc.utilities(a, space) - state.hidden.reservations[a]
        best = int(np.argmax(np.where(ok, product, -np.inf)))
        self.ok = ok
        self.row = state.scenario.package_row
        self.target = tuple(int(x) for x in space[best])

    def choose(self, view: View) -> Move:
        sc = view.scenario
        if view.choice is not None:
            event = view.choice
            return Move("choose", target=event.id, choice=event.default_choice or event.choices[0].id)
        for stakeholder in sc.backers(view.seat):
            if stakeholder not in view.consulted and "consult" in view.kinds:
                return Move("consult", target=stakeholder)
        offer = view.offer
        if offer is not None and offer.full and "accept" in view.kinds and self.ok[self.row(offer.package)]:
            closes = set(view.accepted) | {view.seat} >= set(view.scenario.negotiators)
            if closes or view.utility(offer.package) >= view.utility(self.target):
                return Move("accept")  # a ratifiable deal in the zone that closes now, or one as good as its own
        if offer is not None and offer.package == self.target and view.seat in view.accepted and "pass" in view.kinds:
            return Move("pass")
        return Move("propose", package=self.target)
