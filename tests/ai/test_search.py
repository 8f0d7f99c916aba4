"""Package search: what the AI offers meets its own target and gives the other side as much as it can."""

from __future__ import annotations

import itertools

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from game.ai.search import _lagrangian, allowed_masks, find_package
from tests.strategies import scenarios


def brute(own, other, masks, target):  # type: ignore[no-untyped-def]
    best = None
    for package in itertools.product(*(np.flatnonzero(m) for m in masks)):
        mine = sum(a[x] for a, x in zip(own, package))
        theirs = sum(o[x] for o, x in zip(other, package))
        if mine >= target - 1e-9 and (best is None or theirs > best[0] + 1e-12):
            best = (theirs, package)
    return best


@settings(max_examples=80, deadline=None)
@given(scenarios, st.floats(0.0, 1.0))
def test_the_enumerated_search_is_exact(sc, target):  # type: ignore[no-untyped-def]
    a, b = sc.negotiators
    own, other = sc.valuations[a].arrays, sc.valuations[b].arrays
    forbidden = frozenset((r.issue, x) for r in sc.valuations[a].red_lines for x in r.forbid)
    found = find_package(sc.space, own, other, forbidden, target)
    masks = allowed_masks(sc.space, forbidden)
    expected = brute(own, other, masks, target)
    if not all(m.any() for m in masks):
        assert found is None
        return
    assert found is not None
    package, mine = found
    assert all(masks[i][x] for i, x in enumerate(package))
    if expected is None:  # the target is out of reach: the best package for us
        assert abs(mine - max(sum(max(a[m]) for a, m in zip(own, masks)), 0)) < 1e-9
    else:
        assert mine >= target - 1e-9
        assert abs(sum(o[x] for o, x in zip(other, package)) - expected[0]) < 1e-9


@settings(max_examples=80, deadline=None)
@given(scenarios, st.floats(0.0, 1.0))
def test_the_large_space_search_meets_the_target_and_comes_close_to_the_best(sc, target):  # type: ignore[no-untyped-def]
    a, b = sc.negotiators
    own, other = sc.valuations[a].arrays, sc.valuations[b].arrays
    masks = [np.ones(len(o), dtype=bool) for o in own]
    package, mine = _lagrangian(own, other, masks, target)
    expected = brute(own, other, masks, target)
    if expected is None:
        assert abs(mine - sum(max(a) for a in own)) < 1e-9
        return
    assert mine >= target - 1e-9
    theirs = sum(o[x] for o, x in zip(other, package))
    assert theirs >= expected[0] - 0.35  # a relaxation: near the best, not always at it
