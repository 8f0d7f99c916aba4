"""Scripted players for tests: they play well, to show that a scenario's zone of agreement can be reached."""

from __future__ import annotations

import numpy as np

from game.analysis.payoff import firm_masks, zone_mask
from game.engine import Move, State, View

OPENING_ROUNDS = 2  # proposals it makes of its opening before it comes to the balanced package


def zone(state: State) -> np.ndarray:
    """Which enumerated packages every negotiator prefers to no deal, across no firm red line."""
    found = zone_mask(state.scenario, state.hidden.reservations, firm_masks(state.scenario, state.hidden.firm),
                      state.valuations)  # as this game drew them
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
                reservation = state.hidden.reservations.get(stakeholder)
                if reservation is not None and any(state.valuations[stakeholder].weights):  # it must not get too little
                    ok &= sc.utilities(stakeholder, space, state.valuations[stakeholder]) >= reservation
        product = np.ones(len(space))
        for a in sc.negotiators:
            product *= sc.utilities(a, space, state.valuations[a]) - state.hidden.reservations[a]
        best = int(np.argmax(np.where(ok, product, -np.inf)))
        self.ok = ok
        self.row = state.scenario.package_row
        self.target = tuple(int(x) for x in space[best])
        # it bargains as a good player does: it opens with the ratifiable package best for itself and comes
        # to the balanced one after a few rounds (the AI answers a side that never moves with a hard line)
        ratifiable = np.ones(len(space), dtype=bool)
        for i, mask in enumerate(firm_masks(sc, state.hidden.firm)):
            ratifiable &= mask[space[:, i]]
        for stakeholder in sc.stakeholders:
            if sc.actors[stakeholder].must_ratify and stakeholder in sc.valuations:
                for line in sc.valuations[stakeholder].red_lines:
                    ratifiable &= ~np.isin(space[:, line.issue], list(line.forbid))
        ratifiable |= ok
        self.openings = {a: tuple(int(x) for x in space[int(np.argmax(np.where(
            ratifiable, sc.utilities(a, space, state.valuations[a]), -np.inf)))]) for a in sc.negotiators}

    def choose(self, view: View) -> Move:
        sc = view.scenario
        if view.choice is not None:
            event = view.choice
            return Move("choose", target=event.id, choice=event.default_choice or event.choices[0].id)
        if view.question is not None:  # it has nothing to hide: it answers a question honestly
            return Move("answer", choice="honest")
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
        opening = self.openings[view.seat]
        if sum(1 for o in view.offers if o.by == view.seat) < OPENING_ROUNDS and opening != self.target:
            if offer is not None and offer.package == opening and view.seat in view.accepted and "pass" in view.kinds:
                return Move("pass")
            return Move("propose", package=opening)
        return Move("propose", package=self.target)
