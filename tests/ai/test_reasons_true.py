"""The AI's reasons say what it did: 'and so do we' only when it moved, 'gives way on X' only when it did."""

from __future__ import annotations

import pytest

from game.ai import ScenarioAI, make_bot, play_out
from game.engine import new_game
from game.resources import scenario_path
from game.scenario import load_scenario


@pytest.mark.parametrize("name", ["geneva-2022", "cuba-1962"])
def test_a_reason_never_claims_a_move_the_ai_did_not_make(name: str) -> None:
    sc = load_scenario(scenario_path(name))
    checked = 0
    for seed in range(24):
        level = list(sc.spec.ai.difficulties)[seed % len(sc.spec.ai.difficulties)]
        side = sc.negotiators[seed % 2]
        ai = next(s for s in sc.negotiators if s != side)
        bot = ("greedy", "random", "tough")[seed % 3]
        last: dict[str, tuple[int, ...]] = {}

        def watch(before, move, after, ai=ai, last=last):  # type: ignore[no-untyped-def]
            nonlocal checked
            if before.to_move != ai or move.kind != "propose" or not move.reason:
                return
            val = before.valuations[ai]
            previous = last.get(ai)
            if "and so do we" in move.reason:
                checked += 1
                assert previous is not None and val.utility(move.package) < val.utility(previous) - 1e-9, move.reason
            if move.reason.startswith("proposes: gives way on") and previous is not None:
                issue = move.reason.removeprefix("proposes: gives way on ").split(",")[0]
                i = next(k for k, spec in enumerate(sc.spec.issues) if spec.title == issue)
                checked += 1
                assert val.table[i][move.package[i]] < val.table[i][previous[i]] - 1e-9, move.reason
            if all(x >= 0 for x in move.package):
                last[ai] = move.package

        play_out(new_game(sc, seed, voiced=[ai]), {ai: ScenarioAI(ai, level), side: make_bot(bot, side, seed)},
                 on_move=watch)
    assert checked > 0  # the reasons under test were given in these games
