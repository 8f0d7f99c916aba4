"""Tests for game.scenario.conditions: parsing, evaluation, hostile input."""

from __future__ import annotations

import ast
import importlib.util
import math
import pickle
import re
import sys
import types
import warnings
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

if importlib.util.find_spec("game") is None:  # run as plain `pytest` from elsewhere
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from game.scenario.conditions import (  # noqa: E402
    MAX_DEPTH,
    MAX_LENGTH,
    MAX_TOKENS,
    Condition,
    ConditionError,
    is_valid_name,
    parse_condition,
)

ENV = {
    "turn": 4.0,
    "tension": 0.7,
    "trust": 0.5,
    "cohesion": 0.4,
    "event.minor_intrusion": 0.0,
    "offer.troops.partial_pullback": 1.0,
}


def ev(text: str, env=None, known=None) -> bool:
    return parse_condition(text, known)(ENV if env is None else env)


def error_of(text, known=None) -> ConditionError:
    with pytest.raises(ConditionError) as info:
        parse_condition(text, known)
    return info.value


# --------------------------------------------------------------------------
# Basic behaviour
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("turn >= 3 and tension > 0.6", True),
        ("turn >= 5 and tension > 0.6", False),
        ("not event.minor_intrusion", True),
        ("trust >= 0.55 or offer.troops.partial_pullback", True),
        ("trust >= 0.55 or event.minor_intrusion", False),
        ("(cohesion - 0.1) * 2 < tension", True),
        ("(cohesion - 0.1) * 3 < tension", False),
        ("true", True),
        ("false", False),
        ("0", False),
        (".5", True),
        ("007 == 7", True),
        ("2.50 == 2.5", True),
        ("tension", True),
        ("event.minor_intrusion", False),
    ],
)
def test_examples(text, expected):
    assert ev(text) is expected


def test_result_is_always_bool():
    for text in ["turn", "turn and trust", "event.minor_intrusion or 0", "turn * 2", "true", "1 < 2"]:
        assert type(ev(text)) is bool


def test_missing_names_are_zero():
    assert ev("nobody.home == 0", {})
    assert ev("not nobody", {})
    assert ev("x + 1 == 1", {})


def test_names_collected():
    cond = parse_condition("a + b.c > a or not offer.x.y")
    assert cond.names == frozenset({"a", "b.c", "offer.x.y"})
    assert cond.text == "a + b.c > a or not offer.x.y"
    assert parse_condition("1 < 2").names == frozenset()
    # Names in short-circuited constant branches still count as used.
    assert parse_condition("false and x").names == {"x"}


def test_division_by_zero_is_zero():
    assert ev("1 / x == 0", {"x": 0.0})
    assert ev("1 / x == 0", {})
    assert ev("0 / 0 == 0")
    assert ev("tension / (trust - trust) == 0")
    assert ev("(1 / 0) + 2 == 2")
    assert ev("x / (y < 0) == 0", {"x": 5.0, "y": 1.0})
    assert ev("x / 0 == 0", {"x": 5.0})
    assert ev("x / 2 == 2.5", {"x": 5.0})
    assert ev("x / y == 2.5", {"x": 5.0, "y": 2.0})


def test_and_or_return_operands_like_python():
    env = {"a": 2.0, "b": 3.0, "z": 0.0}
    assert ev("(a and b) == 3", env)
    assert ev("(z and b) == 0", env)
    assert ev("(a or b) == 2", env)
    assert ev("(z or b) == 3", env)
    assert ev("(true and 5) * 2 == 10", env)
    assert ev("(0 or 0.5) == 0.5", env)


def test_booleans_are_numbers():
    assert ev("true + true == 2")
    assert ev("(1 < 2) * 3 == 3")
    assert ev("-(1 < 2) == -1")
    assert ev("true == 1 and false == 0")
    assert ev("(not 0) + 1 == 2")


def test_chained_comparisons_have_python_meaning():
    for x in [0.1, 0.2, 0.3, 0.5, 0.7]:
        assert ev("0.2 < x < 0.5", {"x": x}) == (0.2 < x < 0.5)
        assert ev("0.2 <= x <= 0.5 != x", {"x": x}) == (0.2 <= x <= 0.5 != x)
    assert ev("1 < 2 < 3 < 4")
    assert not ev("1 < 2 > 3")
    assert not ev("1 < 2 == true")  # (1 < 2) and (2 == true), as in Python
    assert ev("(1 < 2) == true")


def test_whitespace_and_newlines():
    assert ev("  turn\n>=\t3\r\nand tension>0.6  ")
    assert ev("turn>=3 and(tension>.6)and-1<0")
    # Python reads '3and' as '3 and' (with a warning); we reject a number
    # glued to letters as a malformed number, which is clearer for authors.
    assert "malformed number" in error_of("turn>=3and tension>.6").message


@pytest.mark.parametrize(
    "text, env, expected",
    [
        ("not a == b", {"a": 1.0, "b": 1.0}, False),
        ("not a and b", {"a": 0.0, "b": 1.0}, True),
        ("not (a and b)", {"a": 0.0, "b": 1.0}, True),
        ("a or b and c", {"a": 1.0, "b": 0.0, "c": 0.0}, True),
        ("(a or b) and c", {"a": 1.0, "b": 0.0, "c": 0.0}, False),
        ("a and b or c", {"a": 0.0, "b": 1.0, "c": 1.0}, True),
        ("not a or b", {"a": 1.0, "b": 1.0}, True),
        ("1 + 2 * 3 == 7", {}, True),
        ("(1 + 2) * 3 == 9", {}, True),
        ("2 * 3 + 4 == 10", {}, True),
        ("8 / 4 / 2 == 1", {}, True),
        ("8 / (4 / 2) == 4", {}, True),
        ("10 - 4 - 3 == 3", {}, True),
        ("10 - (4 - 3) == 9", {}, True),
        ("-2 * -3 == 6", {}, True),
        ("-2 - -3 == 1", {}, True),
        ("- - 2 == 2", {}, True),
        ("--2 == 2", {}, True),
        ("-x * y == -(x * y)", {"x": 3.0, "y": 5.0}, True),
        ("1 + 1 < 3", {}, True),
        ("2 * 2 > 3 and not 1 > 2", {}, True),
        ("not not x", {"x": 2.0}, True),
        ("not not not x", {"x": 2.0}, False),
        ("a < b == c", {"a": 1.0, "b": 2.0, "c": 2.0}, True),
        ("a - b * c / d + e", {"a": 1.0, "b": 2.0, "c": 3.0, "d": 4.0, "e": 5.0}, True),
    ],
)
def test_precedence_matches_python(text, env, expected):
    assert ev(text, env) is expected
    # Cross-check against Python itself (these texts are Python too).
    assert bool(eval(text.replace("true", "True"), {"__builtins__": {}}, dict(env))) is expected


def test_evaluation_never_raises_on_special_floats():
    cond = parse_condition("(x / y) * (x - y) + x * y - -x / (y - y) < 1 or x == y")
    specials = [0.0, -0.0, 1.0, -1.0, math.inf, -math.inf, math.nan, 1e308, 5e-324, True, False, 3]
    for x in specials:
        for y in specials:
            assert type(cond({"x": x, "y": y})) is bool


def test_env_can_be_any_mapping():
    cond = parse_condition("a > 1 and b.c")
    assert cond(types.MappingProxyType({"a": 2.0, "b.c": 1.0}))


def test_condition_value_semantics():
    a = parse_condition("x > 1")
    b = parse_condition("x > 1")
    assert a == b and hash(a) == hash(b)
    assert a != parse_condition("x > 2")
    assert "x > 1" in repr(a)
    with pytest.raises(AttributeError):
        a.text = "y"  # type: ignore[misc]


def test_pickle_round_trip():
    cond = parse_condition("turn >= 3 and tension > 0.6")
    copy = pickle.loads(pickle.dumps(cond))
    assert copy == cond and copy(ENV) is True and copy({}) is False


def test_constant_conditions_fold():
    assert parse_condition("1 + 2 * 3 == 7")({}) is True
    assert parse_condition("0 and x")({"x": 1.0}) is False
    assert parse_condition("1 or x")({"x": 0.0}) is True
    assert parse_condition("1 and x")({"x": 0.0}) is False
    assert parse_condition("0 or x")({"x": 2.0}) is True
    assert parse_condition("1 < 2 < 3")({}) is True
    assert parse_condition("3 > x")({"x": 2.0}) is True
    assert parse_condition("3 < x")({"x": 2.0}) is False


# --------------------------------------------------------------------------
# Known names
# --------------------------------------------------------------------------

KNOWN = {"tension", "trust", "turn", "event.minor_intrusion", "offer.troops.partial_pullback"}


def test_unknown_name_with_hint():
    err = error_of("tensoin > 0.6", KNOWN)
    assert err.message == "unknown name 'tensoin'"
    assert err.hint == "did you mean 'tension'?"
    assert err.column == 0
    assert str(err) == "unknown name 'tensoin' (did you mean 'tension'?)"
    assert isinstance(err, ValueError)


def test_unknown_dotted_name_column_and_hint():
    err = error_of("turn > 2 and not event.minor_intrusoin", KNOWN)
    assert err.column == len("turn > 2 and not ")
    assert err.hint == "did you mean 'event.minor_intrusion'?"


def test_unknown_name_without_close_match_lists_the_names_that_can_be_used():
    err = error_of("turn > 1 and zzz", KNOWN)
    assert err.column == 13
    assert err.hint == ("names you can use: tension, trust, turn, event.minor_intrusion, "
                        "offer.troops.partial_pullback")
    assert str(err) == f"unknown name 'zzz' ({err.hint})"


def test_the_list_of_names_in_a_hint_is_capped():
    known = [f"event.e{n:02d}" for n in range(40)] + ["tension"]
    err = error_of("zzz", known)
    assert err.hint is not None and err.hint.startswith("names you can use: tension, event.e00, event.e01")
    assert "and 29 more" in err.hint and "event.e11" not in err.hint


def test_first_unknown_name_in_text_order():
    err = error_of("trust > 1 and aaa or bbb", KNOWN)
    assert err.message == "unknown name 'aaa'"


def test_syntax_errors_before_unknown_names():
    err = error_of("tensoin >", KNOWN)
    assert "operand" in err.message and err.column == 9


def test_known_variants():
    assert ev("turn > 1", known=KNOWN)
    assert ev("turn > 1", known=list(KNOWN))
    assert ev("turn > 1", known=dict.fromkeys(KNOWN))
    assert ev("turn > 1", known=frozenset(KNOWN))
    assert ev("event.x", {"event.x": 1.0}, known=lambda n: n.startswith("event."))
    err = error_of("turn", lambda n: n.startswith("event."))
    assert err.message == "unknown name 'turn'" and err.hint is None
    assert ev("whatever.you.like", {"whatever.you.like": 1}, known=None)
    err = error_of("x", set())
    assert err.hint is None
    with pytest.raises(TypeError):
        parse_condition("x", "x")


# --------------------------------------------------------------------------
# Hostile and malformed input
# --------------------------------------------------------------------------

HOSTILE = [
    # (text, expected column, a fragment of the message)
    ("not " * 5000 + "x", MAX_LENGTH, "too long"),
    ("(" * 10000, MAX_LENGTH, "too long"),
    ("(" * 500, MAX_TOKENS, "tokens"),
    ("not " * 240 + "x", 4 * MAX_TOKENS, "tokens"),
    ("not " * 100 + "x", 4 * MAX_DEPTH, "nested"),
    ("(" * 40 + "x" + ")" * 40, MAX_DEPTH, "nested"),
    ("-" * 40 + "x", MAX_DEPTH, "nested"),
    ("9**9**9**9", 1, "'**'"),
    ("2 ** 100000", 2, "'**'"),
    ("__import__('os')", 0, "not allowed"),
    ("__import__('os').system('rm -rf /')", 0, "not allowed"),
    ("().__class__", 0, "empty parentheses"),
    ("().__class__.__bases__[0].__subclasses__()", 0, "empty parentheses"),
    ("a.__class__", 2, "not allowed"),
    ("a._private", 2, "not allowed"),
    ("_x", 0, "not allowed"),
    ("a__b", 0, "not allowed"),
    ('open("x")', 4, "function call"),
    ("x[0]", 1, "subscript"),
    ("[1]", 0, "subscript"),
    ("'str'", 0, "string"),
    ('"str"', 0, "string"),
    ("x == 'a'", 5, "string"),
    ("lambda: 1", 0, "'lambda'"),
    ("lambda x: x", 0, "'lambda'"),
    ("a if b else c", 2, "'if'"),
    ("None", 0, "'None'"),
    ("True", 0, "'True'"),
    ("a is b", 2, "'is'"),
    ("a in b", 2, "'in'"),
    ("a not in b", 2, "'not'"),
    ("x % 2", 2, "'%'"),
    ("x // 2", 2, "'//'"),
    ("+x", 0, "unary '+'"),
    ("x * +y", 4, "unary '+'"),
    ("x = 1", 2, "'='"),
    ("x := 1", 2, "assignment"),
    ("a && b", 2, "'&&'"),
    ("a || b", 2, "'||'"),
    ("a & b", 2, "'&'"),
    ("a | b", 2, "'|'"),
    ("a ^ b", 2, "'^'"),
    ("~a", 0, "'~'"),
    ("a @ b", 2, "'@'"),
    ("a <> b", 2, "'<>'"),
    ("a => b", 2, "'=>'"),
    ("a ! b", 2, "'!'"),
    ("f(x)", 1, "function call"),
    ("(a)(b)", 3, "function call"),
    ("a.b.c()", 5, "function call"),
    ("(a).b", 3, "'.'"),
    ("a . b", 2, "'.'"),
    ("a.", 2, "after '.'"),
    ("a.5", 2, "after '.'"),
    ("true.x", 4, "'.'"),
    ("1e5", 0, "malformed number"),
    ("1E5", 0, "malformed number"),
    ("0x10", 0, "malformed number"),
    ("1_000", 0, "malformed number"),
    ("3.", 0, "malformed number"),
    ("1.2.3", 0, "malformed number"),
    ("3x", 0, "malformed number"),
    ("3and x", 0, "malformed number"),
    ("9" * 400, 0, "too large"),
    ("", 0, "empty"),
    ("   \n ", 0, "empty"),
    ("a and", 5, "operand"),
    ("a +", 3, "operand"),
    ("(a", 0, "never closed"),
    ("((a)", 0, "never closed"),
    ("a)", 1, "unmatched"),
    ("a b", 2, "operator"),
    ("1 2", 2, "operator"),
    ("a AND b", 2, "operator"),
    ("a == not b", 5, "'not'"),
    ("- not a", 2, "'not'"),
    ("a < > b", 4, "operand"),
    ("* a", 0, "operand"),
    ("tensión > 1", 5, "non-ASCII"),
    ("x\x00", 1, "unexpected character"),
    ("x ¬ y", 2, "unexpected character"),
    ("{}", 0, "'{'"),
    ("a, b", 1, "','"),
    ("a; b", 1, "';'"),
    ("x # comment", 2, "comment"),
    ("x\\y", 1, "'\\'"),
    ("`x`", 0, "string"),
    ("x ? y : z", 2, "unexpected character"),
    ("$x", 0, "unexpected character"),
]


@pytest.mark.parametrize("text, column, fragment", HOSTILE, ids=lambda v: repr(v)[:40])
def test_hostile_input_rejected(text, column, fragment):
    err = error_of(text)  # parsing never evaluates: 9**9**9**9 is refused, not computed
    assert err.column == column, (err.column, str(err))
    assert fragment.lower() in str(err).lower()
    assert 0 <= err.column <= len(text)
    assert err.text == text
    assert isinstance(err.message, str) and err.message


def test_hints():
    assert error_of("a AND b").hint == "keywords are lowercase: 'and'"
    assert error_of("True").hint == "write 'true'"
    assert error_of("x = 1").hint == "use '==' to compare"
    assert error_of("1e5").hint == "exponents are not supported"
    assert error_of("3.").hint == "write '3.0'"
    assert "parentheses" in error_of("a == not b").hint
    assert str(error_of("x = 1")) == "'=' is not supported (use '==' to compare)"


def test_non_string_input():
    for value in [None, 3, True, 0.5, b"x > 1", ["x"]]:
        err = error_of(value)
        assert err.column == 0 and "string" in err.message and err.text is None


def test_error_pointer_and_pickle():
    err = error_of("turn >= 3 and tension > ")
    assert err.pointer().splitlines() == ["turn >= 3 and tension > ", " " * 24 + "^"]
    copy = pickle.loads(pickle.dumps(err))
    assert (copy.message, copy.column, copy.hint, copy.text) == (err.message, err.column, err.hint, err.text)
    assert str(copy) == str(err)


def test_keyword_like_dotted_parts_are_names():
    assert ev("offer.hostages.return and event.pass", {"offer.hostages.return": 1, "event.pass": 1})
    assert ev("not.5 == false")  # like Python: not 0.5


def test_is_valid_name():
    for name in ["turn", "event.minor_intrusion", "offer.troops.partial_pullback", "a1.b2", "offer.x.return"]:
        assert is_valid_name(name)
        assert parse_condition(name).names == {name}
    for name in ["", "_x", "a._b", "a__b", "1a", "a.1", "a.", ".a", "a-b", "not", "and.x", "lambda", "None", "é", None]:
        assert not is_valid_name(name)
        if isinstance(name, str):
            try:
                cond = parse_condition(name)
            except ConditionError:
                continue
            assert cond.names != {name}  # e.g. 'a-b' is a subtraction


# --------------------------------------------------------------------------
# Limits: boundaries
# --------------------------------------------------------------------------


def test_length_limit_boundary():
    assert ev("x" + " " * (MAX_LENGTH - 1), {"x": 1})
    err = error_of("x" + " " * MAX_LENGTH)
    assert err.column == MAX_LENGTH and "too long" in err.message


def test_token_limit_boundary():
    text = "-x" + " + x" * ((MAX_TOKENS - 2) // 2)  # exactly MAX_TOKENS tokens
    assert ev(text, {"x": 1.0}) is True
    err = error_of(text + " + x")
    assert err.column == len(text) + 1 and "tokens" in err.message


def test_depth_limit_boundary():
    ok = "(" * MAX_DEPTH + "x" + ")" * MAX_DEPTH
    assert ev(ok, {"x": 1})
    err = error_of("(" * (MAX_DEPTH + 1) + "x" + ")" * (MAX_DEPTH + 1))
    assert err.column == MAX_DEPTH
    # Every kind of nesting counts towards the same limit.
    mixed_ok = "not -(" * (MAX_DEPTH // 3) + "(x" + ")" * (MAX_DEPTH // 3 + 1)
    assert parse_condition(mixed_ok)({"x": 1}) is bool(eval(mixed_ok, {"__builtins__": {}, "x": 1}))
    mixed_bad = "not -(" * (MAX_DEPTH // 3 + 1) + "x" + ")" * (MAX_DEPTH // 3 + 1)
    assert "nested" in error_of(mixed_bad).message
    # Long flat chains are not nesting.
    flat = " and ".join(["x"] * (MAX_TOKENS // 2))
    assert ev(flat, {"x": 1}) is True


def test_deep_and_long_conditions_evaluate_without_recursion_problems():
    text = "(" * MAX_DEPTH + " * ".join(["x"] * 50) + ")" * MAX_DEPTH + " > 0"
    assert len(text) <= MAX_LENGTH
    assert ev(text, {"x": 1.5})


# --------------------------------------------------------------------------
# Property tests: random expression trees
# --------------------------------------------------------------------------

NAMES = ["x", "y", "tension", "trust", "event.minor", "event.major", "offer.troops.partial"]
NUMBERS = ["0", "1", "2", "3", "0.5", ".5", "0.25", "10", "2.50", "0.6", "007"]
CMP_OPS = ["<", "<=", ">", ">=", "==", "!="]

# Tree nodes:
#   ("num", text) ("bool", "true"|"false") ("name", name) ("paren", x)
#   ("neg", x) ("not", x) ("and", l, r) ("or", l, r) ("bin", op, l, r)
#   ("cmp", first, ((op, x), ...))

LEAVES = st.one_of(
    st.sampled_from(NUMBERS).map(lambda t: ("num", t)),
    st.sampled_from(["true", "false"]).map(lambda t: ("bool", t)),
    st.sampled_from(NAMES).map(lambda n: ("name", n)),
)


def trees(arith_ops):
    """Random expression trees of depth up to 6 (a few exceed the limits)."""
    return st.integers(min_value=1, max_value=6).flatmap(lambda depth: _tree(arith_ops, depth))


@st.composite
def _tree(draw, arith_ops, depth):
    if depth <= 0 or draw(st.integers(min_value=0, max_value=7)) == 0:
        return draw(LEAVES)

    def child():
        return draw(_tree(arith_ops, depth - 1))

    kind = draw(st.sampled_from(["paren", "neg", "not", "and", "or", "bin", "chain", "logic", "cmp"]))
    if kind in ("paren", "neg", "not"):
        return (kind, child())
    if kind in ("and", "or"):
        return (kind, child(), child())
    if kind == "bin":
        return ("bin", draw(st.sampled_from(arith_ops)), child(), child())
    if kind in ("chain", "logic"):
        # Left-associated chains such as 'a - b + c * d / e' or 'a or b and c',
        # which is where associativity and precedence mistakes show.
        ops = arith_ops if kind == "chain" else ["and", "or"]
        node = child()
        for op in draw(st.lists(st.sampled_from(ops), min_size=1, max_size=4)):
            node = (op, node, child()) if op in ("and", "or") else ("bin", op, node, child())
        return node
    first = child()
    rest = tuple((op, child()) for op in draw(st.lists(st.sampled_from(CMP_OPS), min_size=1, max_size=3)))
    return ("cmp", first, rest)


LEVEL = {"or": 1, "and": 2, "not": 3, "cmp": 4, "+": 5, "-": 5, "*": 6, "/": 6, "neg": 7}


def render(node) -> tuple[str, int, int]:
    """Render with minimal parentheses; return (text, precedence level, nesting depth)."""

    def sub(child, minimum):
        text, level, depth = render(child)
        if level < minimum:
            return f"({text})", depth + 1
        return text, depth

    tag = node[0]
    if tag in ("num", "bool", "name"):
        return node[1], 8, 0
    if tag == "paren":
        text, _, depth = render(node[1])
        return f"({text})", 8, depth + 1
    if tag == "neg":
        text, depth = sub(node[1], 7)
        return f"-{text}", 7, depth + 1
    if tag == "not":
        text, depth = sub(node[1], 3)
        return f"not {text}", 3, depth + 1
    if tag in ("and", "or"):
        level = LEVEL[tag]
        left, dl = sub(node[1], level)
        right, dr = sub(node[2], level + 1)
        return f"{left} {tag} {right}", level, max(dl, dr)
    if tag == "bin":
        level = LEVEL[node[1]]
        left, dl = sub(node[2], level)
        right, dr = sub(node[3], level + 1)
        return f"{left} {node[1]} {right}", level, max(dl, dr)
    if tag == "cmp":
        text, depth = sub(node[1], 5)
        for op, child in node[2]:
            part, d = sub(child, 5)
            text += f" {op} {part}"
            depth = max(depth, d)
        return text, 4, depth
    raise AssertionError(tag)


def reference(node, env):
    """Python semantics, except that division by zero gives 0.0."""
    tag = node[0]
    if tag == "num":
        return float(node[1])
    if tag == "bool":
        return 1.0 if node[1] == "true" else 0.0
    if tag == "name":
        return env.get(node[1], 0.0)
    if tag == "paren":
        return reference(node[1], env)
    if tag == "neg":
        return -reference(node[1], env)
    if tag == "not":
        return not reference(node[1], env)
    if tag == "and":
        left = reference(node[1], env)
        return left if not left else reference(node[2], env)
    if tag == "or":
        left = reference(node[1], env)
        return left if left else reference(node[2], env)
    if tag == "bin":
        op, left, right = node[1], reference(node[2], env), reference(node[3], env)
        if op == "+":
            return left + right
        if op == "-":
            return left - right
        if op == "*":
            return left * right
        return left / right if right else 0.0
    if tag == "cmp":
        left = reference(node[1], env)
        for op, child in node[2]:
            right = reference(child, env)
            ok = {
                "<": left < right,
                "<=": left <= right,
                ">": left > right,
                ">=": left >= right,
                "==": left == right,
                "!=": left != right,
            }[op]
            if not ok:
                return False
            left = right
        return True
    raise AssertionError(tag)


def count_tokens(text: str) -> int:
    return len(re.findall(r"\d*\.?\d+|[A-Za-z_][\w.]*|<=|>=|==|!=|[-+*/()<>]", text))


VALUES = st.one_of(
    st.floats(min_value=-100, max_value=100, allow_nan=False),
    st.sampled_from([0.0, 1.0, -1.0, 0.5, 2.0]),
    st.booleans(),
)
# Mostly every name bound (so that mis-parses change values), sometimes only some.
ENVS = st.one_of(
    st.fixed_dictionaries({name: VALUES for name in NAMES}),
    st.dictionaries(st.sampled_from(NAMES), VALUES),
)


def same(a, b) -> bool:
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    return a == b


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(trees(["+", "-", "*", "/"]), ENVS)
def test_random_trees_match_reference(tree, env):
    text, _, depth = render(tree)
    checked = f"({text}) == ref"
    tokens = count_tokens(checked)
    if depth + 1 > MAX_DEPTH or tokens > MAX_TOKENS or len(checked) > MAX_LENGTH:
        with pytest.raises(ConditionError):
            parse_condition(checked)
        return
    expected = reference(tree, env)
    cond = parse_condition(text, NAMES)
    assert cond(env) is bool(expected), text
    assert cond.names == {n for n in NAMES if _uses(tree, n)}
    if isinstance(expected, float) and math.isnan(expected):
        return
    # The exact value, not only its truthiness, matches the reference.
    assert parse_condition(checked)({**env, "ref": expected}) is True, (text, expected)


def _uses(tree, name) -> bool:
    if tree[0] == "name":
        return tree[1] == name
    return any(_uses(child, name) for child in _children(tree))


def _children(tree):
    tag = tree[0]
    if tag in ("paren", "neg", "not"):
        return [tree[1]]
    if tag in ("and", "or"):
        return [tree[1], tree[2]]
    if tag == "bin":
        return [tree[2], tree[3]]
    if tag == "cmp":
        return [tree[1], *(child for _, child in tree[2])]
    return []


def _python_namespace(env):
    values = {name: env.get(name, 0.0) for name in NAMES}
    ns = {"__builtins__": {}, "true": True, "false": False, "x": values["x"], "y": values["y"]}
    ns["tension"] = values["tension"]
    ns["trust"] = values["trust"]
    ns["event"] = types.SimpleNamespace(minor=values["event.minor"], major=values["event.major"])
    ns["offer"] = types.SimpleNamespace(troops=types.SimpleNamespace(partial=values["offer.troops.partial"]))
    return ns


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(trees(["+", "-", "*"]), ENVS)
def test_random_trees_match_python_eval(tree, env):
    # Division-free trees: the reference evaluator and Python itself agree.
    text, _, depth = render(tree)
    assume(depth <= MAX_DEPTH and count_tokens(text) <= MAX_TOKENS and len(text) <= MAX_LENGTH)
    python_value = eval(re.sub(r"\b007\b", "7", text), _python_namespace(env))
    assert same(float(python_value), float(reference(tree, env)))
    assert parse_condition(text)(env) is bool(python_value)


FRAGMENTS = [
    "x",
    "y",
    "event.minor",
    "0",
    "1",
    "0.5",
    ".5",
    "true",
    "false",
    "and",
    "or",
    "not",
    "<",
    "<=",
    ">",
    ">=",
    "==",
    "!=",
    "+",
    "-",
    "*",
    "(",
    ")",
]


def _python_accepts(text: str) -> bool:
    """Python parses it, without calls, unary plus or tuples such as '( )' (which we reject)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            tree = ast.parse(text, mode="eval")
    except SyntaxError:
        return False
    return not any(isinstance(n, (ast.Call, ast.UAdd, ast.Tuple)) for n in ast.walk(tree))


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=25), ENVS)
def test_token_soup_agrees_with_python(parts, env):
    text = " ".join(parts)
    python_ok = _python_accepts(text)
    try:
        cond = parse_condition(text)
    except ConditionError as err:
        assert 0 <= err.column <= len(text)
        assert not python_ok, (text, str(err))
        return
    assert python_ok, text
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        expected = eval(text, _python_namespace(env))
    assert cond(env) is bool(expected), text


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=60))
def test_arbitrary_text_never_crashes(text):
    try:
        cond = parse_condition(text)
    except ConditionError as err:
        assert 0 <= err.column <= len(text)
        assert str(err)
        return
    assert isinstance(cond, Condition)
    assert type(cond({})) is bool


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(FRAGMENTS + ["/", "**", "%", "[", "]", "'", "__x", "a.__b", "f(", "1e3", "=", "lambda", "."]),
        max_size=300,
    ).map("".join),
    st.dictionaries(st.sampled_from(NAMES), st.floats(allow_nan=True, allow_infinity=True) | st.booleans()),
)
def test_glued_fragments_never_crash(text, env):
    try:
        cond = parse_condition(text)
    except ConditionError as err:
        assert 0 <= err.column <= len(text)
        return
    assert type(cond(env)) is bool
