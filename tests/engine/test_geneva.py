"""The Geneva scenario: a real zone of agreement exists, it is not the obvious middle, and it can be reached."""

from __future__ import annotations

import numpy as np
import pytest

from game.ai import ScenarioAI, play_out
from game.analysis.debrief import firm_masks
from game.engine import Move, State, new_game
from game.resources import scenario_path
from game.scenario import load_scenario

SC = load_scenario(scenario_path("geneva-2022"))


def zone(state: State) -> np.ndarray:
    space = SC.outcome_space()
    ok = np.ones(len(space), dtype=bool)
    for i, mask in enumerate(firm_masks(state)):
        ok &= mask[space[:, i]]
    for actor in SC.negotiators:
        ok &= SC.utilities(actor, space) >= state.hidden.reservations[actor]
    return ok


@pytest.mark.parametrize("seed", range(20))
def test_a_zone_of_agreement_exists_but_is_small(seed: int) -> None:
    state = new_game(SC, seed, "us", "normal")
    size = int(zone(state).sum())
    assert 1 <= size <= 0.05 * SC.package_count


def test_splitting_the_difference_everywhere_is_not_in_the_zone() -> None:
    state = new_game(SC, 0, "us", "normal")
    middle = tuple(len(options) // 2 if len(options) % 2 else len(options) // 2 - 1 for options in SC.options)
    assert any(SC.valuations[a].utility(middle) < state.hidden.reservations[a] for a in SC.negotiators)


class ZoneFinder:
    """A player who consults its stakeholders and then proposes the zone's most balanced package."""

    def choose(self, state: State) -> Move:
        if state.phase == "choice":
            event = next(e.spec for e in SC.events if e.spec.id == state.pending[0])
            return Move("choose", target=event.id, choice=event.choices[0].id)
        actor = state.to_move or ""
        for stakeholder in SC.backers(actor):
            if stakeholder not in state.consulted:
                return Move("consult", target=stakeholder)
        space = SC.outcome_space()
        ok = zone(state)
        for stakeholder in SC.stakeholders:
            for line in SC.valuations.get(stakeholder, SC.valuations[actor]).red_lines:
                ok &= ~np.isin(space[:, line.issue], list(line.forbid))
        a, b = SC.negotiators
        product = (SC.utilities(a, space) - state.hidden.reservations[a]) * \
                  (SC.utilities(b, space) - state.hidden.reservations[b])
        best = int(np.argmax(np.where(ok, product, -np.inf)))
        return Move("propose", package=tuple(int(x) for x in space[best]))


@pytest.mark.parametrize("side", ["us", "russia"])
@pytest.mark.parametrize("seed", range(5))
def test_a_player_who_finds_the_zone_reaches_a_ratified_agreement_at_normal(side: str, seed: int) -> None:
    state = new_game(SC, seed, side, "normal")
    final = play_out(state, {side: ZoneFinder(), state.ai: ScenarioAI(state.ai)})
    assert final.result is not None
    assert final.result.kind == "agreement", [e.text for e in final.log[-6:]]
