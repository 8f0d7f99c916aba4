"""The words the engine puts in the record: packages described, questions answered.

A question about an issue leaves the addressed seat a question to answer (``Question``) before
play goes on: whoever plays the seat chooses how (``MANNERS``). An honest answer says where the
issue stands among the answerer's priorities as drawn for this game; a vague one is a true
comparison with another issue; a posture claims the issue as a top priority, true or not; and a
seat that declines says nothing of its priorities (an evasive answer). What the asker learns is
recorded as a fact (``Fact``): the asker's view holds it, and the AI reads it back.

The seats the AI and the bots play answer by chance (``answer_by_chance``): honestly with the
chance given by the scenario's honesty meter (trust), otherwise vaguely, as a posture or evasively.
The chance is a number the seed drew for this question, handed to the answering seat in its view,
so the answer is the policy's, replayable and recorded like any move.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from game.engine.moves import MANNERS, Move
from game.scenario.model import Package, Scenario

if TYPE_CHECKING:
    from game.engine.state import State
    from game.engine.view import View
    from game.scenario.public import PublicScenario

PRIORITY_WORDS = {
    "top": "is one of our highest priorities; we cannot be flexible on it",
    "middle": "matters to us, but it is not what decides this meeting",
    "low": "is secondary for us; we could show some flexibility there",
}
LEVEL_WORDS = {"top": "one of your highest priorities", "middle": "in the middle of your priorities",
               "low": "among your lowest priorities"}
VAGUE = 0.45  # of the answers by chance that are not honest: the share that are vague comparisons,
POSTURE = 0.2  # the share that claim the issue as a top priority whatever it is; the rest are evasive
SAME = 0.02  # two weights closer than this are "about the same"


@dataclass(frozen=True)
class Fact:
    """One thing a seat was told: `kind` is priority (`level` of `issue`), compare (`issue` matters `level`
    ("more", "less" or "same") than `other`) or evasive."""

    kind: str
    issue: str
    level: str = ""
    other: str = ""


@dataclass(frozen=True)
class Question:
    """A question waiting for its answer, as the answering seat sees it: who asked, about which issue, and the
    chance the seed drew for it (a number in [0, 1) that a policy answering by chance uses, and that picks the
    issue a vague answer compares with)."""

    asker: str
    issue: str
    chance: float


@dataclass(frozen=True)
class AnswerOption:
    """One way to answer a question, in plain words: what it says and what it tells the asker."""

    manner: str
    label: str
    says: str
    reveals: str


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


def level_of(weights: tuple[float, ...], index: int) -> str:
    """Whether an issue is among the top, middle or lowest third of priorities by these weights."""
    rank = sorted(weights, reverse=True).index(weights[index])
    third = max(1, round(len(weights) / 3))
    return "top" if rank < third else "middle" if rank < 2 * third else "low"


def priority_level(state: State, actor: str, issue: str) -> str:
    """Whether an issue is among an actor's top, middle or lowest third of priorities in this game."""
    return level_of(state.valuations[actor].weights, state.scenario.issue_index[issue])


def manners(sc: Scenario | PublicScenario) -> tuple[str, ...]:
    """The ways a question may be answered in this scenario (a vague answer needs a second issue)."""
    return MANNERS if len(sc.issues) > 1 else tuple(m for m in MANNERS if m != "vague")


def manner_by_chance(honesty: float, chance: float) -> str:
    """How a seat that answers by chance answers: honestly when `chance` is below `honesty`; otherwise vaguely,
    as a posture or evasively, in the shares VAGUE and POSTURE."""
    if chance < honesty:
        return "honest"
    rest = (chance - honesty) / max(1e-9, 1.0 - honesty)  # uniform again in [0, 1)
    if rest < VAGUE:
        return "vague"
    return "posture" if rest < VAGUE + POSTURE else "decline"


def compared_with(sc: Scenario | PublicScenario, issue: str, chance: float) -> str | None:
    """The issue a vague answer about `issue` compares it with (picked by the question's chance)."""
    others = [i for i in sc.issues if i != issue]
    if not others:
        return None
    pick = (chance * 7919.0) % 1.0  # a second uniform number from the same draw
    return others[min(len(others) - 1, int(pick * len(others)))]


def answer_as(sc: PublicScenario, weights: tuple[float, ...], issue: str, manner: str,
              chance: float) -> tuple[str, str]:
    """The answer's words and the fact the asker learns, when a seat with these `weights` (its priorities as drawn
    for this game) answers a question about `issue` in this `manner`."""
    titles = {spec.id: spec.title for spec in sc.issue_specs}
    title = titles[issue]
    index = sc.issue_index[issue]
    other = compared_with(sc, issue, chance) if manner == "vague" else None
    if manner == "honest" or (manner == "vague" and other is None):
        level = level_of(weights, index)
        return f"{title} {PRIORITY_WORDS[level]}.", f"priority:{issue}:{level}"
    if manner == "vague" and other is not None:
        mine, theirs = weights[index], weights[sc.issue_index[other]]
        if abs(mine - theirs) < SAME:
            return f"{title} and {titles[other]} weigh about the same for us.", f"compare:{issue}:same:{other}"
        word = "more" if mine > theirs else "less"
        return f"{title} matters {word} to us than {titles[other]}.", f"compare:{issue}:{word}:{other}"
    if manner == "posture":  # said of any issue, true only of the top ones
        return f"{title} {PRIORITY_WORDS['top']}.", f"priority:{issue}:top"
    return (f"On {title}, our position is known; we will not bargain over our priorities in public.",
            f"evasive:{issue}")


def answer_question(state: State, answerer: str, issue: str, draw: float) -> tuple[str, str]:
    """The answer's text and the fact learnt when `answerer` answers by chance (`draw`, uniform in [0, 1)): honest
    with the chance given by the honesty meter; otherwise vague, a posture or evasive."""
    sc = state.scenario
    spec = sc.spec.moves.get("question")
    honesty = state.meter(spec.honesty) if spec is not None and spec.honesty else 1.0
    manner = manner_by_chance(honesty, draw)
    return answer_as(sc.public, state.valuations[answerer].weights, issue, manner, draw)


def honesty_of(view: View) -> float:
    """The chance that a seat answering by chance answers honestly now: the scenario's honesty meter (1 without
    one)."""
    spec = view.scenario.moves.get("question")
    return view.meter(spec.honesty) if spec is not None and spec.honesty else 1.0


def answer_by_chance(view: View) -> Move:
    """How the seats the AI and the bots play answer a question put to them: honestly as often as the honesty
    meter (trust) allows, otherwise vaguely, as a posture or evasively, by the chance the seed drew for it."""
    question = view.question
    assert question is not None, "there is no question to answer"
    manner = manner_by_chance(honesty_of(view), question.chance)
    if manner not in manners(view.scenario):
        manner = "decline"
    return Move("answer", choice=manner, reason="answers as openly as trust allows")


def answer_options(view: View) -> tuple[AnswerOption, ...]:
    """The ways this seat may answer the question put to it, each with its words and what it tells the asker:
    for a person to choose from (the terminal and the window show the same)."""
    question = view.question
    if question is None:
        return ()
    sc = view.scenario
    weights = view.own.weights
    title = sc.issue_specs[sc.issue_index[question.issue]].title
    level = level_of(weights, sc.issue_index[question.issue])
    out = []
    for manner in manners(sc):
        says, _fact = answer_as(sc, weights, question.issue, manner, question.chance)
        if manner == "honest":
            label = "Answer honestly"
            reveals = f"They learn where {title} stands for you: {LEVEL_WORDS[level]}."
        elif manner == "vague":
            other = compared_with(sc, question.issue, question.chance) or question.issue
            label = "Answer vaguely"
            reveals = (f"True, but it tells them less: only how {title} compares with "
                       f"{sc.issue_specs[sc.issue_index[other]].title}.")
        elif manner == "posture":
            label = "Claim it as a top priority"
            reveals = ("True (it is one of your highest priorities): the same as an honest answer." if level == "top"
                       else f"Not true ({title} is {LEVEL_WORDS[level]}): they may value your moves on it more, but "
                            "if your offers give way on it, they will see through it.")
        else:
            label = "Decline to answer"
            reveals = "They learn nothing about your priorities, and they know you evaded."
        out.append(AnswerOption(manner, label, says, reveals))
    return tuple(out)
