"""The student's seed-42 Geneva game from issue 10, shared by the terminal and window tests of its findings."""

from __future__ import annotations

from game.scenario.model import Scenario

OURS = ("moratorium", "status_quo", "verified_withdrawal", "in_reserve", "normandy_minsk")
RUSSIAS = ("written_ban", "rollback", "partial_pullback", "relief", "leaders_summit")


def package(sc: Scenario, ids: tuple[str, ...]) -> tuple[int, ...]:
    """A package from its option ids, issue by issue."""
    return tuple(sc.option_index[i][x] for i, x in enumerate(ids))
