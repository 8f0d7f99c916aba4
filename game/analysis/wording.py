"""Conditions in words, for players and instructors: `trust >= 0.6 and turns_left <= 3` becomes
"Trust is at least 0.6 and at most 3 rounds are left"."""

from __future__ import annotations

from game.scenario.conditions import Condition
from game.scenario.public import PublicScenario, verb

COMPARE = {">=": "is at least", "<=": "is at most", ">": "is above", "<": "is below", "==": "is", "!=": "is not"}
ROUNDS_LEFT = {">=": "at least {} rounds are left", "<=": "at most {} rounds are left",
               ">": "more than {} rounds are left", "<": "fewer than {} rounds are left",
               "==": "{} rounds are left", "!=": "not exactly {} rounds are left"}


def condition_words(condition: Condition, sc: PublicScenario) -> str:
    return _words(condition.tree, sc) if condition.tree else condition.text


def _number(value: float) -> str:
    return f"{value:g}"


def _name(name: str, sc: PublicScenario) -> str:
    parts = name.split(".")
    if name in sc.meter_specs:
        return sc.meter_specs[name].label
    if name == "turn":
        return "the round"
    if name == "offers":
        return "the number of proposals made"
    if parts[0] == "offer" and len(parts) == 3 and parts[1] in sc.issue_index:
        return f"the offer on the table has {_option(sc, parts[1], parts[2])}"
    if parts[0] == "last" and len(parts) == 4 and parts[1] in sc.actors and parts[2] in sc.issue_index:
        return f"{sc.actors[parts[1]].name}'s latest proposal has {_option(sc, parts[2], parts[3])}"
    if parts[0] == "consulted" and len(parts) == 2 and parts[1] in sc.actors:
        return f"{sc.actors[parts[1]].name} {verb('has', sc.plural(parts[1]))} been consulted"
    if parts[0] == "event" and len(parts) == 2:
        return f"the event '{parts[1].replace('_', ' ')}' has happened"
    if parts[0] == "choice" and len(parts) == 3:
        return f"the answer '{parts[2].replace('_', ' ')}' was given to '{parts[1].replace('_', ' ')}'"
    return name


def _option(sc: PublicScenario, issue: str, option: str) -> str:
    i = sc.issue_index[issue]
    spec = sc.issue_specs[i]
    label = next((o.label for o in spec.options if o.id == option), option)
    return f"{spec.title}: {label}"


def _words(node: tuple, sc: PublicScenario) -> str:
    tag = node[0]
    if tag == "const":
        return _number(node[1])
    if tag == "name":
        return _name(node[1], sc)
    if tag == "not":
        return f"not ({_words(node[1], sc)})"
    if tag == "neg":
        return f"minus {_words(node[1], sc)}"
    if tag in ("and", "or"):
        return f"{_words(node[1], sc)} {tag} {_words(node[2], sc)}"
    if tag == "bin":
        return f"({_words(node[2], sc)} {node[1]} {_words(node[3], sc)})"
    if tag == "cmp":
        parts = []
        left = node[1]
        for op, right in node[2]:
            if left[0] == "name" and left[1] == "turns_left" and right[0] == "const":
                parts.append(ROUNDS_LEFT[op].format(_number(right[1])))
            else:
                parts.append(f"{_words(left, sc)} {COMPARE[op]} {_words(right, sc)}")
            left = right
        return " and ".join(parts)
    return str(node)
