"""At a table of three AI presidents (Dayton, with a mediator), each reads the others by their offers as it
reads itself by its own, so none waits for the others to move first; and a side that holds one package from
the first round is not handed it at the end."""

from __future__ import annotations

from game.ai import ScenarioAI
from game.ai.model import model_of_others
from game.ai.opponent import HOLDOUT
from game.ai.reading import read
from game.analysis.simulate import OUTCOMES, Cell, play_game
from game.engine import new_game, observe
from game.engine.state import Offer
from game.resources import scenario_path
from game.scenario import load_scenario

DAYTON = load_scenario(scenario_path("dayton-1995"))


def test_presidents_who_all_hold_their_openings_read_each_other_as_keeping_pace() -> None:
    state = new_game(DAYTON, 3)
    best = {s: tuple(max(range(len(row)), key=row.__getitem__) for row in state.valuations[s].table)
            for s in DAYTON.negotiators}
    made = tuple(Offer(s, best[s], turn) for turn in range(1, 8) for s in DAYTON.negotiators)
    late = state.evolve(offers=made, turn=8)
    for seat in DAYTON.negotiators:
        reading = read(observe(late, seat))
        # nobody has moved, itself included: the clock runs (it did not credit itself with its clock's concession
        # and then wait for the others to match it)
        assert reading.known and not reading.moved and reading.match == 1.0
        assert ScenarioAI(seat, "hard").stance(observe(late, seat)).target < 0.99 * state.valuations[seat].best


def test_at_dayton_on_hard_the_careful_bot_reaches_agreement_in_most_games() -> None:
    records = [play_game(DAYTON, Cell("hard", "tough"), g, 1, list(DAYTON.negotiators)) for g in range(90)]
    assert sum(r.outcome == OUTCOMES.index("agreement") for r in records) >= 0.6 * len(records)


def test_a_side_that_never_moves_counts_little_in_what_the_others_offer() -> None:
    state = new_game(DAYTON, 4)
    ai = ScenarioAI("serbia", "hard")
    best = {s: tuple(max(range(len(row)), key=row.__getitem__) for row in state.valuations[s].table)
            for s in DAYTON.negotiators}
    worst = tuple(min(range(len(row)), key=row.__getitem__) for row in state.valuations["serbia"].table)
    # Croatia comes all the way towards Serbia; Bosnia holds its opening; Serbia has moved a little
    made = (Offer("bosnia", best["bosnia"], 1), Offer("croatia", best["croatia"], 1),
            Offer("serbia", best["serbia"], 1),
            Offer("bosnia", best["bosnia"], 2), Offer("croatia", best["serbia"], 2), Offer("serbia", best["serbia"], 2),
            Offer("bosnia", best["bosnia"], 3), Offer("croatia", best["serbia"], 3),
            Offer("serbia", tuple(w if i % 3 == 0 else b for i, (w, b) in enumerate(zip(worst, best["serbia"]))), 3))
    view = observe(state.evolve(offers=made, turn=4), "serbia")
    assert read(view, "croatia").moved and not read(view, "bosnia").moved
    models = model_of_others(view, True)
    theirs = ai.theirs(view)
    mixed = [b * read(view, "bosnia").match * HOLDOUT + c * read(view, "croatia").match
             for b, c in zip(models["bosnia"], models["croatia"])]
    assert all((t == m).all() for t, m in zip(theirs, mixed))
