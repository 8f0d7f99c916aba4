"""The design check's search for conditions that can never hold: the same answers as walking every point of its
grid, a cost that grows gently with the number of events (counted in evaluations: timings are measured in
benchmarks/validate_speed.py, never asserted here), and no turn number made up from a refused `turns`."""

from __future__ import annotations

import itertools
import random
from pathlib import Path

import pytest

from game.scenario import inspect_scenario_bytes, load_scenario, load_scenario_bytes
from game.scenario.conditions import Condition, ConditionError, parse_condition
from game.scenario.lint import TURN, _GridSearch, _Linter, lint
from game.tools.new import starter_text

DATA = Path(__file__).resolve().parents[1] / "data"
NEVER = DATA / "never-events.yaml"  # made by benchmarks/validate_speed.py
RIVER = (DATA / "river.yaml").read_text(encoding="utf-8")
STARTER = starter_text("design")  # meters tension and trust, seats north and south, stakeholder guild, 8 turns


def with_events(events: str, text: str = STARTER) -> str:
    """The starter with these events (YAML list items) added after its own."""
    head, tail = text.split("\n# The AI negotiator", 1)
    return head + events + "\n# The AI negotiator" + tail


def event(ident: str, when: str, at_turn: int | None = None) -> str:
    turn = f"    at_turn: {at_turn}\n" if at_turn is not None else ""
    return (f"  - id: {ident}\n    title: T\n    text: T.\n{turn}    when: \"{when}\"\n"
            "    source: invented\n")


def warnings(text: str) -> list[str]:
    scenario, problems = inspect_scenario_bytes(text.encode("utf-8"), "t.yaml")
    assert scenario is not None, [p.render("t.yaml") for p in problems]
    return [p.message for p in problems if p.severity == "warning"]


def count_calls(monkeypatch: pytest.MonkeyPatch, owner: type, name: str) -> list[int]:
    calls = [0]
    original = getattr(owner, name)

    def counted(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls[0] += 1
        return original(*args, **kwargs)
    monkeypatch.setattr(owner, name, counted)
    return calls


def test_many_events_that_never_fire_are_each_warned_after_a_few_evaluations(monkeypatch: pytest.MonkeyPatch) -> None:
    scenario = load_scenario(NEVER)
    ghosts = [e.id for e in scenario.spec.events if e.id.startswith("ghost_")]
    assert len(ghosts) >= 100
    calls = count_calls(monkeypatch, Condition, "__call__")
    found = lint(scenario.spec, scenario)
    warned = [f.message.split("'")[1] for f in found if "can never fire" in f.message]
    assert warned == ghosts
    # Walking (or sampling) each condition's grid took 20,000 evaluations per event; ranges of values show at
    # once that 'tension > 0.6 and tension < 0.55' never holds.
    assert calls[0] <= 10 * len(ghosts)


def test_a_chain_of_events_that_wait_for_each_other_is_looked_at_once_per_link(
        monkeypatch: pytest.MonkeyPatch) -> None:
    links = 40
    events = "".join(event(f"link_{k}", f"event.link_{k + 1} and trust > 0.1") for k in range(links))
    events += event(f"link_{links}", "tension > 0.5 and tension < 0.4")
    calls = count_calls(monkeypatch, _Linter, "can_hold")
    found = warnings(with_events(events))
    assert sum("can never fire" in w for w in found) == links + 1
    assert calls[0] <= 2 * (links + 1) + 5  # a pass over every event for each link was quadratic


def test_a_condition_that_holds_at_one_point_of_a_large_grid_is_not_said_never_to_hold() -> None:
    # 2^11 yes-or-no names, two meters and eight turns: random samples of the grid missed the one corner where it
    # holds and warned that it never fires.
    rare = ("offer.fees.cut and offer.fishing.half and offer.patrols.joint and last.north.fees.cut and "
            "last.north.fishing.half and last.north.patrols.joint and last.south.fees.keep and "
            "last.south.fishing.third and last.south.patrols.observers and consulted.guild and event.storm and "
            "trust > 0.45 and tension < 0.2 and turn == 7")
    assert not any("can never fire" in w for w in warnings(with_events(event("rare", rare))))
    never = rare.replace("turn == 7", "turn == 7 and tension > 0.3")
    assert any("event 'rare' can never fire" in w for w in warnings(with_events(event("rare", never))))


def test_an_event_that_waits_for_one_after_the_deadline_never_fires() -> None:
    found = warnings(with_events(event("late", "trust > 0.1", at_turn=12) + event("after", "event.late")))
    assert "turn 12 is after the deadline (8 turns): it never fires" in found
    assert any("event 'after' can never fire" in w for w in found)
    assert not any("event 'late' can never fire" in w for w in found)  # said once, by its turn


def test_a_refused_turns_value_is_not_used_to_make_up_a_deadline() -> None:
    text = RIVER.replace("at_turn: 2", "at_turn: 5")
    for turns in ("0", "999", "six"):
        _, problems = inspect_scenario_bytes(text.replace("turns: 6,", f"turns: {turns},").encode(), "t.yaml")
        messages = [p.message for p in problems]
        assert any("'turns'" in m for m in messages), messages
        assert not any("after the deadline" in m for m in messages), messages
    late = text.replace("at_turn: 5", "at_turn: 9")
    assert "turn 9 is after the deadline (6 turns): it never fires" in warnings(late)


def test_a_meter_that_only_a_drift_moves_is_moved() -> None:
    still = STARTER.replace("    drift: 0.02\n", "").replace("threaten: {effects: {tension: 0.1, trust: -0.05}",
                                                               "threaten: {effects: {trust: -0.05}") \
        .replace("reassure: {effects: {tension: -0.05, trust: 0.03}}", "reassure: {effects: {trust: 0.03}}") \
        .replace("effects: {tension: -0.05}", "effects: {trust: 0.01}")
    assert any("nothing moves meter 'tension'" in w for w in warnings(still))
    drifting = still.replace("\n# The AI negotiator", "\ndrifts:\n  - {when: \"turn >= 3\", effects: {tension: 0.05}}\n"
                                                     "\n# The AI negotiator", 1)
    assert not any("meter 'tension'" in w for w in warnings(drifting))


# -- the search gives the answers of walking every point of the grid ---------------------------------------------

NAMES = ["tension", "trust", "turn", "turns_left", "offers", "offer.fees.cut", "event.storm", "consulted.guild"]
NUMBERS = ["0", "0.5", "1", "2", "0.3", "0.35", "7", "3", "100000000000000000000000000", ".25"]


def random_expression(rng: random.Random, depth: int = 0) -> str:
    roll = rng.random()
    if depth > 3 or roll < 0.3:
        return rng.choice(NAMES) if rng.random() < 0.6 else rng.choice(NUMBERS)
    if roll < 0.45:
        return f"{random_expression(rng, depth + 1)} {rng.choice('+-*/')} {random_expression(rng, depth + 1)}"
    if roll < 0.65:
        ops = rng.choices(["<", "<=", ">", ">=", "==", "!="], k=rng.choice([1, 1, 1, 2]))
        parts = [random_expression(rng, depth + 1) for _ in range(len(ops) + 1)]
        return " ".join(p for pair in zip(parts, [*ops, ""]) for p in pair).strip()
    if roll < 0.85:
        return f"({random_expression(rng, depth + 1)} {rng.choice(['and', 'or'])} {random_expression(rng, depth + 1)})"
    if roll < 0.93:
        return f"not ({random_expression(rng, depth + 1)})"
    return f"-({random_expression(rng, depth + 1)})"


def walk_every_point(condition: Condition, grid: list[tuple[str, list[float]]], deadline: int,
                     any_turn: float) -> bool:
    names = [name for name, _ in grid]
    for combo in itertools.product(*(values for _, values in grid)):
        env = dict(zip(names, combo))
        turn = env.pop(TURN, any_turn)
        env["turn"], env["turns_left"] = turn, deadline - turn
        if condition(env):
            return True
    return False


def test_the_search_agrees_with_walking_every_point_of_the_grid() -> None:
    scenario = load_scenario_bytes(STARTER.encode())
    linter = _Linter(scenario.spec, scenario)
    linter.steps_left = 10**12  # no budget: every search goes to its end
    deadline = scenario.spec.deadline.turns
    rng = random.Random(8)
    tried = held = 0
    while tried < 600:
        try:
            condition = parse_condition(random_expression(rng))
        except ConditionError:
            continue
        at_turn = rng.choice([None, None, 3])
        impossible = {"storm"} if rng.random() < 0.2 else set()
        grid, turns = linter.grid(condition, impossible, at_turn)
        size = 1
        for _, values in grid:
            size *= len(values)
        if size > 4000:
            continue
        tried += 1
        expected = walk_every_point(condition, grid, deadline, turns[0])
        held += expected
        assert _GridSearch(condition, grid, deadline, turns[0], 10**9).run() is expected, condition.text
        assert linter.can_hold(condition, impossible, at_turn) is expected, condition.text
    assert 100 < held < 500  # both answers were tried often
