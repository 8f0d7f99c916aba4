"""The words the engine puts in the record: packages described, questions answered.

A question about an issue is answered from the answerer's priorities as drawn for this game. With
the chance given by the scenario's honesty meter (trust) the answer is honest: where the issue
stands among the answerer's priorities. Otherwise it is vague (a true comparison with another
issue), a posture (the issue is claimed as a top priority, true or not) or evasive. What the asker
learns is recorded as a fact (``Fact``): the asker's view holds it, and the AI reads it back.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from game.scenario.model import Package, Scenario

if TYPE_CHECKING:
    from game.engine.state import State

PRIORITY_WORDS = {
    "top": "is one of our highest priorities; we cannot be flexible on it",
    "middle": "matters to us, but it is not what decides this meeting",
    "low": "is secondary for us; we could show some flexibility there",
}
VAGUE = 0.45  # of the answers that are not honest: the share that are vague comparisons,
POSTURE = 0.2  # the share that claim the issue as a top priority whatever it is; the rest are evasive


@dataclass(frozen=True)
class Fact:
    """One thing a seat was told: `kind` is priority (`level` of `issue`), compare (`issue` matters `level`
    ("more", "less" or "same") than `other`) or evasive."""

    kind: str
    issue: str
    level: str = ""
    other: str = ""


def read_fact(text: str) -> Fact | None:
    """A recorded fact (``State.revealed``, ``View.learnt``) read back; None for facts that are not answers."""
    parts = text.split(":")
    if parts[0] == "priority" and len(parts) == 3:
        return Fact("priority", parts[1], parts[2])
    if parts[0] == "compare" and len(parts) == 4:
        return Fact("compare", parts[1], parts[2], parts[3])
    if parts[0] == "evasive" and len(parts) == 2:
        return Fact("evasive", parts[1])
    return None


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
    """The answer's text and the fact learnt: honest with the chance given by the honesty meter; otherwise
    vague, a posture or evasive (`draw`, uniform in [0, 1), decides which)."""
    sc = state.scenario
    spec = sc.spec.moves.get("question")
    honesty = state.meter(spec.honesty) if spec is not None and spec.honesty else 1.0
    title = sc.spec.issues[sc.issue_index[issue]].title
    if draw < honesty:
        level = priority_level(state, answerer, issue)
        return f"{title} {PRIORITY_WORDS[level]}.", f"priority:{issue}:{level}"
    rest = (draw - honesty) / max(1e-9, 1.0 - honesty)  # uniform again in [0, 1)
    others = [i for i in sc.issues if i != issue]
    if rest < VAGUE and others:
        other = others[min(len(others) - 1, int(rest / VAGUE * len(others)))]
        weights = state.valuations[answerer].weights
        mine, theirs = weights[sc.issue_index[issue]], weights[sc.issue_index[other]]
        other_title = sc.spec.issues[sc.issue_index[other]].title
        if abs(mine - theirs) < 0.02:
            return (f"{title} and {other_title} weigh about the same for us.", f"compare:{issue}:same:{other}")
        word = "more" if mine > theirs else "less"
        return f"{title} matters {word} to us than {other_title}.", f"compare:{issue}:{word}:{other}"
    if rest < VAGUE + POSTURE:  # a posture: said of any issue, true only of the top ones
        return f"{title} {PRIORITY_WORDS['top']}.", f"priority:{issue}:top"
    return (f"On {title}, our position is known; we will not bargain over our priorities in public.",
            f"evasive:{issue}")
