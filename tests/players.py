"""Scripted players for tests: they play well, to show that a scenario's zone of agreement can be reached."""

from __future__ import annotations

import numpy as np

from game.analysis.debrief import firm_masks
from game.engine import Move, State, legal_kinds


def zone(state: State) -> np.ndarray:
    """Which enumerated packages both negotiators prefer to no deal, across no firm red line."""
    sc = state.scenario
    space = sc.outcome_space()
    ok = np.ones(len(space), dtype=bool)
    for i, mask in enumerate(firm_masks(state)):
        ok &= mask[space[:, i]]
    for actor in sc.negotiators:
        ok &= sc.utilities(actor, space) >= state.hidden.reservations[actor]
    return ok


class ZoneFinder:
    """Consults its stakeholders, then proposes the zone's most balanced package that every must-ratify
    stakeholder accepts (it plays with knowledge a real player must earn: a test device, not an AI)."""

    def choose(self, state: State) -> Move:
        sc = state.scenario
        if state.phase == "choice":
            event = next(e.spec for e in sc.events if e.spec.id == state.pending[0])
            return Move("choose", target=event.id, choice=event.default_choice or event.choices[0].id)
        actor = state.to_move or ""
        for stakeholder in sc.backers(actor):
            if stakeholder not in state.consulted:
                return Move("consult", target=stakeholder)
        space = sc.outcome_space()
        ok = zone(state)
        for stakeholder in sc.stakeholders:
            if sc.actors[stakeholder].must_ratify and stakeholder in sc.valuations:
                for line in sc.valuations[stakeholder].red_lines:
                    ok &= ~np.isin(space[:, line.issue], list(line.forbid))
        a, b = sc.negotiators
        product = (sc.utilities(a, space) - state.hidden.reservations[a]) * \
                  (sc.utilities(b, space) - state.hidden.reservations[b])
        best = int(np.argmax(np.where(ok, product, -np.inf)))
        offer = state.offer
        target = tuple(int(x) for x in space[best])
        if offer is not None and offer.by != actor and offer.full and "accept" in legal_kinds(state):
            own = sc.valuations[actor].utility(offer.package)
            if own >= sc.valuations[actor].utility(target) and ok[sc.package_row(offer.package)]:
                return Move("accept")
        return Move("propose", package=target)
