"""Moves and their notation.

A move's notation is one line that round-trips through ``Move.parse``:

    propose ukraine_nato=moratorium troops=partial_pullback
    accept | reject | promise | reassure | statement | walkout | pass
    threaten            (the only other negotiator)   threaten russia
    press serbia        (a mediator presses a side)
    question troops     (the only other negotiator)   question russia troops
    consult ukraine
    choose minor_intrusion clarify
    answer honest | answer vague | answer posture | answer decline   (a question put to you)
"""

from __future__ import annotations

from dataclasses import dataclass, field

from game.scenario.model import OPEN, Package, Scenario

PLAIN_KINDS = ("accept", "reject", "promise", "reassure", "statement", "walkout", "pass")
ADDRESSED_KINDS = ("threaten", "press", "question")  # moves aimed at one seat
ALL_KINDS = ("propose", *PLAIN_KINDS, "threaten", "press", "question", "consult", "choose", "answer")
# how a seat answers a question put to it: where the issue stands among its priorities (honest), a true
# comparison with another issue (vague), a claim that it is a top priority, true or not (posture), or nothing
MANNERS = ("honest", "vague", "posture", "decline")


class IllegalMoveError(ValueError):
    """A move that the rules do not allow in this state."""


class NotationError(ValueError):
    """Text that is not a move in this scenario."""


@dataclass(frozen=True)
class Move:
    kind: str
    package: Package | None = None  # propose: an option index per issue, OPEN where left open
    target: str | None = None  # question: issue id; consult: stakeholder or mediator id; choose: event id
    choice: str | None = None  # choose: the choice id; answer: the manner (one of MANNERS)
    reason: str | None = field(default=None, compare=False)  # why an AI made it, for players to read
    seat: str | None = None  # threaten, press, question: the seat addressed (None: the only other negotiator)

    def notation(self, scenario: Scenario) -> str:
        if self.kind == "propose":
            assert self.package is not None
            return f"propose {scenario.package_text(self.package)}"
        if self.kind == "question":
            return " ".join(w for w in ("question", self.seat, self.target) if w)
        if self.kind in ("threaten", "press"):
            return f"{self.kind} {self.seat}" if self.seat else self.kind
        if self.kind == "consult":
            return f"consult {self.target}"
        if self.kind == "choose":
            return f"choose {self.target} {self.choice}"
        if self.kind == "answer":
            return f"answer {self.choice}"
        return self.kind

    def but(self, reason: str | None) -> Move:
        """The same move with another reason."""
        return Move(self.kind, self.package, self.target, self.choice, reason, self.seat)

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
        if kind in ("threaten", "press"):
            if len(args) > 1 or (args and args[0] not in scenario.negotiators) or (kind == "press" and not args):
                named = f"'{args[0]}' is not a negotiator: " if args and args[0] not in scenario.negotiators else ""
                raise NotationError(f"{named}'{kind}' names {'at most ' if kind == 'threaten' else ''}one "
                                    f"negotiator ({', '.join(scenario.negotiators)})")
            return cls(kind, seat=args[0] if args else None)
        if kind == "question":
            if len(args) == 2 and args[0] in scenario.negotiators and args[1] in scenario.issue_index:
                return cls(kind, target=args[1], seat=args[0])
            if len(args) == 2 and args[0] not in scenario.negotiators:
                raise NotationError(f"'{args[0]}' cannot be asked: questions go to a negotiator "
                                    f"({', '.join(scenario.negotiators)})")
            if len(args) != 1 or args[0] not in scenario.issue_index:
                raise NotationError(f"'question' needs an issue ({', '.join(scenario.issues)}), after the "
                                    "negotiator asked when there are several")
            return cls(kind, target=args[0])
        if kind == "consult":
            known = (*scenario.stakeholders, *scenario.mediators)
            if len(args) != 1 or args[0] not in known:
                raise NotationError(f"'consult' needs one stakeholder or the mediator: {', '.join(known)}")
            return cls(kind, target=args[0])
        if kind == "choose":
            if len(args) != 2:
                raise NotationError("'choose' needs an event id and a choice id")
            return cls(kind, target=args[0], choice=args[1])
        if kind == "answer":
            if len(args) != 1 or args[0].lower() not in MANNERS:
                raise NotationError(f"'answer' needs how you answer: {', '.join(MANNERS)}")
            return cls(kind, choice=args[0].lower())
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
