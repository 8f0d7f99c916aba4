"""Tests of game.analysis.frontier against brute-force enumeration."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.analysis import frontier as fm
from game.analysis.frontier import (
    Frontier,
    NashPoint,
    all_outcomes,
    distance_to_frontier,
    max_utility,
    nash_point,
    pareto_frontier,
)

Scenario = tuple[list[np.ndarray], list[np.ndarray], list[np.ndarray]]

# Multiples of 2**-13 add up exactly in any order, so the solver and the brute
# force agree to the last bit and the checks below can be exact.  The coarse
# 1/64 grid produces many genuine ties.  Five issues of at most 1/8 keep
# utilities in [0, 1].
VALUE = st.one_of(
    st.integers(0, 8).map(lambda j: j / 64),
    st.integers(0, 2**10).map(lambda j: j / 2**13),
)


@st.composite
def scenarios(draw: st.DrawFn, max_issues: int = 5, max_options: int = 4) -> Scenario:
    a, b, allowed = [], [], []
    for _ in range(draw(st.integers(1, max_issues))):
        k = draw(st.integers(1, max_options))
        a.append(np.array(draw(st.lists(VALUE, min_size=k, max_size=k))))
        b.append(np.array(draw(st.lists(VALUE, min_size=k, max_size=k))))
        # Mostly allowed, so that empty frontiers are common but not the rule.
        allowed.append(np.array(draw(st.lists(st.integers(0, 3).map(bool), min_size=k, max_size=k))))
    return a, b, allowed


def brute_force(a: list[np.ndarray], b: list[np.ndarray], allowed: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """Utilities (N, 2) and packages (N, n) of every allowed package, the slow way."""
    choices = [np.flatnonzero(mask) for mask in allowed]
    packages = np.array(list(itertools.product(*choices)), dtype=int).reshape(-1, len(a))
    utilities = np.array(
        [
            [
                sum(v[x] for v, x in zip(a, p, strict=True)),
                sum(v[x] for v, x in zip(b, p, strict=True)),
            ]
            for p in packages
        ]
    ).reshape(-1, 2)
    return utilities, packages


def dominates(u: np.ndarray, p: np.ndarray, eps: float = 0.0) -> np.ndarray:
    """Which rows of ``u`` dominate ``p`` (by more than ``eps`` on some side)."""
    return np.all(u >= p - eps, axis=-1) & np.any(u > p + eps, axis=-1)


def brute_pareto(utilities: np.ndarray, eps: float = 0.0) -> np.ndarray:
    """Distinct non-dominated utility pairs."""
    dominated = np.array([dominates(utilities, p, eps).any() for p in utilities], dtype=bool)
    return np.unique(utilities[~dominated], axis=0)


def utilities_of(frontier: Frontier, a: list[np.ndarray], b: list[np.ndarray]) -> np.ndarray:
    n = frontier.packages.shape[1]
    ua = sum((a[i][frontier.packages[:, i]] for i in range(n)), np.zeros(len(frontier.packages)))
    ub = sum((b[i][frontier.packages[:, i]] for i in range(n)), np.zeros(len(frontier.packages)))
    return np.column_stack([ua, ub])


def covered(targets: np.ndarray, points: np.ndarray, slack: float) -> bool:
    """Whether every target has a point at most ``slack`` worse on each side."""
    return all(np.any(np.all(points >= q - slack, axis=1)) for q in targets)


@settings(deadline=None, max_examples=300)
@given(scenarios())
def test_frontier_equals_brute_force_pareto_set(scenario: Scenario) -> None:
    a, b, allowed = scenario
    frontier = pareto_frontier(a, b, allowed)
    utilities, _ = brute_force(a, b, allowed)

    assert frontier.exact
    assert frontier.points.shape == (len(frontier.packages), 2)
    assert frontier.packages.shape[1] == len(a)
    if len(utilities) == 0:
        assert len(frontier.points) == 0
        return
    assert np.all(np.diff(frontier.points[:, 0]) > 0)
    assert np.all(np.diff(frontier.points[:, 1]) < 0)
    # np.unique sorts by u_A, like the frontier.
    assert frontier.points.tolist() == brute_pareto(utilities).tolist()


@pytest.mark.parametrize("seed", range(20))
def test_frontier_of_continuous_values_matches_brute_force(seed: int) -> None:
    rng = np.random.default_rng(seed)
    shape = rng.integers(1, 5, size=rng.integers(1, 7))
    a = [rng.dirichlet(np.ones(len(shape)))[i] * rng.random(k) for i, k in enumerate(shape)]
    b = [rng.random(k) / len(shape) for k in shape]
    allowed = [rng.random(k) < 0.8 for k in shape]
    frontier = pareto_frontier(a, b, allowed)
    utilities, _ = brute_force(a, b, allowed)

    # Sums taken in another order may differ in the last bits.
    eps = 1e-12
    pareto = brute_pareto(utilities, eps)
    assert frontier.points.shape == pareto.shape
    np.testing.assert_allclose(frontier.points, pareto, atol=eps)
    np.testing.assert_allclose(utilities_of(frontier, a, b), frontier.points, atol=eps)


@settings(deadline=None)
@given(scenarios())
def test_packages_reconstruct_to_their_utilities(scenario: Scenario) -> None:
    a, b, allowed = scenario
    frontier = pareto_frontier(a, b, allowed)
    assert np.issubdtype(frontier.packages.dtype, np.integer)
    for package in frontier.packages:
        assert all(allowed[i][x] for i, x in enumerate(package))
    np.testing.assert_array_equal(utilities_of(frontier, a, b), frontier.points)


@settings(deadline=None, max_examples=300)
@given(scenarios(), st.floats(0, 0.7), st.floats(0, 0.7))
def test_nash_point_maximises_the_product_over_all_packages(
    scenario: Scenario, reservation_a: float, reservation_b: float
) -> None:
    a, b, allowed = scenario
    utilities, _ = brute_force(a, b, allowed)
    zone = utilities[(utilities[:, 0] >= reservation_a) & (utilities[:, 1] >= reservation_b)]

    nash = nash_point(pareto_frontier(a, b, allowed), reservation_a, reservation_b)

    if len(zone) == 0:
        assert nash is None
        return
    assert nash is not None
    best = ((zone[:, 0] - reservation_a) * (zone[:, 1] - reservation_b)).max()
    assert nash.product == best
    ua, ub = nash.utilities
    assert ua >= reservation_a
    assert ub >= reservation_b
    assert nash.product == (ua - reservation_a) * (ub - reservation_b)
    assert sum(v[x] for v, x in zip(a, nash.package, strict=True)) == ua
    assert sum(v[x] for v, x in zip(b, nash.package, strict=True)) == ub


def test_nash_point_is_none_without_zone_of_agreement() -> None:
    a, b = [np.array([1.0, 0.0])], [np.array([0.0, 1.0])]
    frontier = pareto_frontier(a, b)
    assert nash_point(frontier, 0.5, 0.5) is None
    assert nash_point(frontier, 0.0, 1.5) is None
    assert nash_point(frontier, 1.0, 0.0) == NashPoint(package=(0,), utilities=(1.0, 0.0), product=0.0)
    # A compromise option opens a zone of agreement.
    frontier = pareto_frontier([np.array([1.0, 0.0, 0.75])], [np.array([0.0, 1.0, 0.75])])
    assert nash_point(frontier, 0.5, 0.5) == NashPoint(package=(2,), utilities=(0.75, 0.75), product=0.0625)


@settings(deadline=None)
@given(scenarios())
def test_all_outcomes_enumerates_every_allowed_package_once(scenario: Scenario) -> None:
    a, b, allowed = scenario
    utilities, packages = all_outcomes(a, b, allowed)

    assert len(packages) == math.prod(int(mask.sum()) for mask in allowed)
    assert utilities.shape == (len(packages), 2)
    assert packages.shape == (len(packages), len(a))
    assert len({tuple(p) for p in packages}) == len(packages)
    for package in packages:
        assert all(allowed[i][x] for i, x in enumerate(package))
    for u, package in zip(utilities, packages, strict=True):
        assert u[0] == sum(v[x] for v, x in zip(a, package, strict=True))
        assert u[1] == sum(v[x] for v, x in zip(b, package, strict=True))


def test_all_outcomes_without_mask_and_in_lexicographic_order() -> None:
    a = [np.array([0.1, 0.2]), np.array([0.0, 0.3, 0.4])]
    b = [np.array([0.5, 0.0]), np.array([0.1, 0.1, 0.0])]
    utilities, packages = all_outcomes(a, b)
    assert packages.tolist() == [[0, 0], [0, 1], [0, 2], [1, 0], [1, 1], [1, 2]]
    np.testing.assert_allclose(utilities[4], [0.5, 0.1])


def test_all_outcomes_refuses_too_many_packages() -> None:
    values = [np.linspace(0, 0.1, 7)] * 8  # 7**8 = 5.7 million packages
    with pytest.raises(ValueError, match="5764801"):
        all_outcomes(values, values)
    # Masks count: 4**8 = 65536 allowed packages are fine.
    utilities, packages = all_outcomes(values, values, [np.arange(7) < 4] * 8)
    assert len(utilities) == len(packages) == 4**8


@settings(deadline=None)
@given(scenarios())
def test_distance_to_frontier(scenario: Scenario) -> None:
    a, b, allowed = scenario
    frontier = pareto_frontier(a, b, allowed)
    utilities, _ = brute_force(a, b, allowed)

    for p in frontier.points:
        assert distance_to_frontier(frontier, (p[0], p[1])) == 0.0
    for u in utilities:
        distance = distance_to_frontier(frontier, (u[0], u[1]))
        better = frontier.points[np.all(frontier.points >= u, axis=1)]
        expected = np.hypot(*(better - u).T).min() if len(better) else 0.0
        assert distance == pytest.approx(expected, abs=1e-15)
        if dominates(frontier.points, u).any():
            assert distance > 0


def test_distance_to_frontier_of_a_dominated_deal() -> None:
    a = [np.array([0.2, 0.5]), np.array([0.0, 0.3])]
    b = [np.array([0.2, 0.3]), np.array([0.3, 0.0])]
    frontier = pareto_frontier(a, b)
    np.testing.assert_allclose(frontier.points, [[0.5, 0.6], [0.8, 0.3]])
    assert distance_to_frontier(frontier, (0.2, 0.2)) == pytest.approx(0.5)  # to (0.5, 0.6)
    assert distance_to_frontier(frontier, (0.7, 0.25)) == pytest.approx(np.hypot(0.1, 0.05))  # to (0.8, 0.3)
    assert distance_to_frontier(frontier, tuple(frontier.points[1])) == 0.0
    assert distance_to_frontier(frontier, (0.9, 0.9)) == 0.0  # beyond the frontier


@settings(deadline=None)
@given(scenarios())
def test_max_utility_is_the_best_allowed_package(scenario: Scenario) -> None:
    a, b, allowed = scenario
    utilities, _ = brute_force(a, b, allowed)
    if len(utilities) == 0:
        with pytest.raises(ValueError, match="no allowed package"):
            max_utility(a, allowed)
        return
    assert max_utility(a, allowed) == utilities[:, 0].max()
    assert max_utility(b, allowed) == utilities[:, 1].max()


@settings(deadline=None, max_examples=200)
@given(scenarios(max_issues=5, max_options=4), st.sampled_from([0.01, 0.05, 0.2]))
def test_grid_merging_stays_within_n_times_tolerance(scenario: Scenario, tolerance: float) -> None:
    a, b, allowed = scenario
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(fm, "_MERGE_ABOVE", 2)  # thin even tiny sets
        frontier = pareto_frontier(a, b, allowed, tolerance=tolerance)
    utilities, _ = brute_force(a, b, allowed)
    if len(utilities) == 0:
        assert len(frontier.points) == 0
        return

    # Every listed point is a real allowed package, and none dominates another.
    np.testing.assert_array_equal(utilities_of(frontier, a, b), frontier.points)
    assert np.all(np.diff(frontier.points[:, 0]) > 0)
    assert np.all(np.diff(frontier.points[:, 1]) < 0)
    # Every exact Pareto point is matched by one at most n * tolerance worse per side.
    pareto = brute_pareto(utilities)
    assert covered(pareto, frontier.points, len(a) * tolerance * (1 + 1e-9))
    if frontier.exact:
        assert frontier.points.tolist() == pareto.tolist()


def test_grid_merging_reports_inexact() -> None:
    # Options 0.001 apart: the exact frontier has 5 points, a 0.01 grid keeps 1.
    a = [np.array([0.0, 0.001, 0.002, 0.003, 0.004])]
    b = [np.array([0.004, 0.003, 0.002, 0.001, 0.0])]
    assert pareto_frontier(a, b, tolerance=0.01).exact  # small sets are never thinned
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(fm, "_MERGE_ABOVE", 2)
        thinned = pareto_frontier(a, b, tolerance=0.01)
        exact = pareto_frontier(a, b, tolerance=0.0)
        wide = pareto_frontier(a, b, tolerance=0.001 / 2)  # one point per cell: nothing dropped
    assert not thinned.exact
    assert len(thinned.points) == 1
    assert exact.exact
    assert len(exact.points) == 5
    assert wide.exact
    assert len(wide.points) == 5


def test_zero_issues() -> None:
    frontier = pareto_frontier([], [])
    assert frontier.points.tolist() == [[0.0, 0.0]]
    assert frontier.packages.shape == (1, 0)
    assert frontier.exact
    assert nash_point(frontier, 0.0, 0.0) == NashPoint(package=(), utilities=(0.0, 0.0), product=0.0)
    assert nash_point(frontier, 0.1, 0.0) is None
    assert max_utility([]) == 0.0
    utilities, packages = all_outcomes([], [])
    assert utilities.tolist() == [[0.0, 0.0]]
    assert packages.shape == (1, 0)


def test_issue_with_every_option_forbidden_empties_everything() -> None:
    a = [np.array([0.2, 0.4]), np.array([0.1, 0.3])]
    allowed = [np.array([True, True]), np.array([False, False])]
    frontier = pareto_frontier(a, a, allowed)
    assert frontier.points.shape == (0, 2)
    assert frontier.packages.shape == (0, 2)
    assert nash_point(frontier, 0.0, 0.0) is None
    assert distance_to_frontier(frontier, (0.1, 0.1)) == 0.0
    utilities, packages = all_outcomes(a, a, allowed)
    assert utilities.shape == (0, 2)
    assert packages.shape == (0, 2)
    with pytest.raises(ValueError, match="no allowed package"):
        max_utility(a, allowed)


def test_single_option_issues_and_ties() -> None:
    a = [np.array([0.25]), np.array([0.125, 0.125, 0.25, 0.0]), np.array([0.5])]
    b = [np.array([0.0]), np.array([0.25, 0.25, 0.0, 0.25]), np.array([0.125])]
    frontier = pareto_frontier(a, b)
    assert frontier.points.tolist() == [[0.875, 0.375], [1.0, 0.125]]
    # Options 0 and 1 tie; option 3 is dominated by them.
    assert frontier.packages[0].tolist() in ([0, 0, 0], [0, 1, 0])
    assert frontier.packages[1].tolist() == [0, 2, 0]


def test_forbidden_option_is_never_used() -> None:
    a = [np.array([0.9, 0.1]), np.array([0.05, 0.0])]
    b = [np.array([0.9, 0.1]), np.array([0.0, 0.05])]
    frontier = pareto_frontier(a, b, [np.array([False, True]), np.array([True, True])])
    assert frontier.packages[:, 0].tolist() == [1, 1]
    np.testing.assert_allclose(frontier.points, [[0.1, 0.15], [0.15, 0.1]])


def test_frontier_arrays_are_read_only() -> None:
    frontier = pareto_frontier([np.array([0.1, 0.2])], [np.array([0.2, 0.1])])
    with pytest.raises(ValueError, match="read-only"):
        frontier.points[0, 0] = 1.0
    with pytest.raises(ValueError, match="read-only"):
        frontier.packages[0, 0] = 1


def test_invalid_input() -> None:
    with pytest.raises(ValueError, match="one entry per issue"):
        pareto_frontier([np.array([0.1])], [])
    with pytest.raises(ValueError, match="equal length"):
        pareto_frontier([np.array([0.1, 0.2])], [np.array([0.1])])
    with pytest.raises(ValueError, match="mask length"):
        pareto_frontier([np.array([0.1])], [np.array([0.1])], [np.array([True, False])])
    with pytest.raises(ValueError, match="finite"):
        pareto_frontier([np.array([np.nan])], [np.array([0.1])])
    with pytest.raises(ValueError, match="tolerance"):
        pareto_frontier([np.array([0.1])], [np.array([0.1])], tolerance=-1.0)
