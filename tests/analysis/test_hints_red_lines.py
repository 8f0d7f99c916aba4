"""A hint counts every firm red line of yours the offer on the table crosses, not only the first."""

from __future__ import annotations

from game.analysis.hints import hints
from game.engine import apply, new_game, observe
from game.engine.state import Offer
from game.resources import scenario_path
from game.scenario import load_scenario


def test_the_hint_counts_every_firm_red_line_the_offer_crosses() -> None:
    sc = load_scenario(scenario_path("geneva-2022"))
    state = new_game(sc, 1)
    while state.phase != "move" or state.to_move != "us":
        state = apply(state, observe(state, state.to_move or "").moves[0])
    ids = ["written_ban", "rollback", "stay", "relief", "leaders_summit"]
    package = tuple(sc.option_index[i][o] for i, o in enumerate(ids))
    state = state.evolve(offer=Offer("russia", package, state.turn), offers=(Offer("russia", package, state.turn),))
    [said] = [h for h in hints(observe(state, "us")) if "red line" in h]
    assert "red line on Ukraine and NATO membership and 1 more" in said  # (two: the ban and the rollback)
