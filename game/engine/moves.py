"""Moves and their notation.

A move's notation is one line that round-trips through ``Move.parse``:

    propose ukraine_nato=moratorium troops=partial_pullback
    accept | reject | threaten | promise | reassure | statement | walkout
    question troops
    consult ukraine
    choose minor_intrusion clarify
"""

from __future__ import annotations

from dataclasses import dataclass, field

from game.scenario.model import OPEN, Package, Scenario

PLAIN_KINDS = ("accept", "reject", "threaten", "promise", "reassure", "statement", "walkout")
ALL_KINDS = ("propose", *PLAIN_KINDS, "question", "consult", "choose")


class IllegalMoveError(ValueError):
    """A move that the rules do not allow in this state."""


class NotationError(ValueError):
    """Text that is not a move in this scenario."""


@dataclass(frozen=True)
class Move:
    kind: str
    package: Package | None = None  # propose: an option index per issue, OPEN where left open
    target: str | None = None  # question: issue id; consult: stakeholder id; choose: event id
    choice: str | None = None  # choose: the choice id
    reason: str | None = field(default=None, compare=False)  # why an AI made it, for players to read

    def notation(self, scenario: Scenario) -> str:
        if self.kind == "propose":
            assert self.package is not None
            return f"propose {scenario.package_text(self.package)}"
        if self.kind in ("question", "consult"):
            return f"{self.kind} {self.target}"
        if self.kind == "choose":
            return f"choose {self.target} {self.choice}"
        return self.kind

    @classmethod
    def parse(cls, text: str, scenario: Scenario) -> Move:
        words = text.split()
        if not words:
            raise NotationError("empty move")
        kind, args = words[0].lower(), words[1:]
        if kind in PLAIN_KINDS:
            if args:
                raise NotationError(f"'{kind}' takes nothing after it")
            return cls(kind)
        if kind == "propose":
            return cls(kind, package=parse_package(args, scenario))
        if kind == "question":
            if len(args) != 1 or args[0] not in scenario.issue_index:
                raise NotationError(f"'question' needs one issue: {', '.join(scenario.issues)}")
            return cls(kind, target=args[0])
        if kind == "consult":
            if len(args) != 1 or args[0] not in scenario.stakeholders:
                raise NotationError(f"'consult' needs one stakeholder: {', '.join(scenario.stakeholders)}")
            return cls(kind, target=args[0])
        if kind == "choose":
            if len(args) != 2:
                raise NotationError("'choose' needs an event id and a choice id")
            return cls(kind, target=args[0], choice=args[1])
        raise NotationError(f"unknown move '{kind}' (moves: {', '.join(ALL_KINDS)})")


def parse_package(words: list[str], scenario: Scenario) -> Package:
    package = [OPEN] * len(scenario.issues)
    for word in words:
        issue, sep, option = word.partition("=")
        if not sep or issue not in scenario.issue_index:
            raise NotationError(f"'{word}' is not issue=option (issues: {', '.join(scenario.issues)})")
        i = scenario.issue_index[issue]
        if option not in scenario.option_index[i]:
            raise NotationError(f"'{option}' is not an option of {issue} "
                                f"(options: {', '.join(scenario.options[i])})")
        if package[i] != OPEN:
            raise NotationError(f"{issue} is given twice")
        package[i] = scenario.option_index[i][option]
    if all(x == OPEN for x in package):
        raise NotationError("a proposal sets at least one issue")
    return tuple(package)
