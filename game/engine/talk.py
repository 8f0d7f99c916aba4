"""The words the engine puts in the record: packages described, questions answered."""

from __future__ import annotations

from typing import TYPE_CHECKING

from game.scenario.model import Package, Scenario

if TYPE_CHECKING:
    from game.engine.state import State

PRIORITY_WORDS = {
    "top": "is one of our highest priorities; we cannot be flexible on it",
    "middle": "matters to us, but it is not what decides this meeting",
    "low": "is secondary for us; we could show some flexibility there",
}


def describe_package(sc: Scenario, package: Package) -> str:
    return sc.public.describe(package)


def priority_level(state: State, actor: str, issue: str) -> str:
    """Whether an issue is among an actor's top, middle or lowest third of priorities in this game."""
    sc = state.scenario
    weights = state.valuations[actor].weights
    index = sc.issue_index[issue]
    rank = sorted(weights, reverse=True).index(weights[index])
    third = max(1, round(len(weights) / 3))
    return "top" if rank < third else "middle" if rank < 2 * third else "low"


def answer_question(state: State, answerer: str, issue: str, draw: float) -> tuple[str, str]:
    """The answer's text and the fact learnt: honest with the chance given by the honesty meter."""
    sc = state.scenario
    spec = sc.spec.moves.get("question")
    honesty = state.meter(spec.honesty) if spec is not None and spec.honesty else 1.0
    title = sc.spec.issues[sc.issue_index[issue]].title
    if draw < honesty:
        level = priority_level(state, answerer, issue)
        return f"{title} {PRIORITY_WORDS[level]}.", f"priority:{issue}:{level}"
    return (f"On {title}, our position is known; we will not bargain over our priorities in public.",
            f"evasive:{issue}")
