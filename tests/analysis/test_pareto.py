"""The Pareto frontier over three and four sides: exactly the packages no other package weakly beats."""

from __future__ import annotations

import itertools

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from game.analysis.frontier import nash_point
from game.analysis.pareto import nondominated, pareto_set


@st.composite
def tables(draw: st.DrawFn) -> list[list[np.ndarray]]:
    sides = draw(st.integers(3, 4))
    sizes = draw(st.lists(st.integers(2, 4), min_size=1, max_size=4))
    value = st.integers(0, 10).map(lambda x: x / 10)  # coarse values: many ties, as authors write them
    return [[np.array(draw(st.lists(value, min_size=k, max_size=k))) for k in sizes] for _ in range(sides)]


def every_package(sides: list[list[np.ndarray]]) -> tuple[np.ndarray, np.ndarray]:
    packages = np.array(list(itertools.product(*(range(len(t)) for t in sides[0]))))
    utilities = np.stack([sum(side[i][packages[:, i]] for i in range(packages.shape[1])) for side in sides], 1)
    return packages, utilities


@settings(max_examples=150, deadline=None)
@given(tables())
def test_the_frontier_is_every_package_that_no_other_beats(sides: list[list[np.ndarray]]) -> None:
    frontier = pareto_set(sides)
    _, utilities = every_package(sides)
    beaten = [((utilities >= u - 1e-9).all(1) & (utilities > u + 1e-9).any(1)).any() for u in utilities]
    best = {tuple(np.round(u, 9)) for u, b in zip(utilities, beaten) if not b}
    assert {tuple(np.round(p, 9)) for p in frontier.points} == best
    for package, point in zip(frontier.packages, frontier.points):  # each point is a real package's worth
        assert np.allclose([sum(side[i][x] for i, x in enumerate(package)) for side in sides], point)


@settings(max_examples=100, deadline=None)
@given(tables(), st.floats(0.0, 0.6))
def test_the_nash_point_is_the_best_product_over_every_package(sides: list[list[np.ndarray]], share: float) -> None:
    _, utilities = every_package(sides)
    reservations = share * utilities.max(axis=0)
    nash = nash_point(pareto_set(sides), *reservations)
    ok = (utilities >= reservations).all(1)
    if not ok.any():
        assert nash is None
        return
    assert nash is not None
    assert abs(nash.product - np.prod(utilities[ok] - reservations, axis=1).max()) < 1e-9


def test_nondominated_keeps_one_of_equal_rows_and_drops_the_beaten() -> None:
    rows = np.array([[1.0, 0.0, 0.0], [0.5, 0.5, 0.5], [0.5, 0.5, 0.5], [0.4, 0.5, 0.5], [0.0, 0.0, 1.0]])
    assert sorted(nondominated(rows).tolist()) in ([0, 1, 4], [0, 2, 4])


@settings(max_examples=100, deadline=None)
@given(tables(), st.floats(0.0, 0.8))
def test_floors_keep_exactly_the_efficient_packages_above_them(sides: list[list[np.ndarray]], share: float) -> None:
    whole = pareto_set(sides)
    floors = share * whole.points.max(axis=0)
    above = {tuple(np.round(p, 9)) for p in whole.points if (p >= floors - 1e-12).all()}
    assert {tuple(np.round(p, 9)) for p in pareto_set(sides, floors=floors).points} == above
