"""Condition expressions for scenario files.

Scenario authors write small boolean expressions such as::

    turn >= 3 and tension > 0.6
    not event.minor_intrusion
    trust >= 0.55 or offer.troops.partial_pullback
    (cohesion - 0.1) * 2 < tension

Scenario files are untrusted, so these expressions are never handed to
``eval``/``exec``/``compile``/``ast``.  :func:`parse_condition` tokenizes and
parses them with a small hand-written recursive-descent parser, rejects
anything outside the grammar below with a :class:`ConditionError` that points
at the offending column, and compiles the parse tree once into nested Python
closures so that evaluating a :class:`Condition` costs no tree walking.

Grammar (precedence lowest to highest, as in Python)::

    or_expr    := and_expr ('or' and_expr)*
    and_expr   := not_expr ('and' not_expr)*
    not_expr   := 'not' not_expr | comparison
    comparison := sum (('<' | '<=' | '>' | '>=' | '==' | '!=') sum)*
    sum        := term (('+' | '-') term)*
    term       := factor (('*' | '/') factor)*
    factor     := '-' factor | atom
    atom       := NUMBER | 'true' | 'false' | NAME | '(' or_expr ')'

    NUMBER     := digits ['.' digits] | '.' digits       (no exponent,
                  underscores, hex, or trailing '.': write 3.0, not 3.)
    NAME       := part ('.' part)*,   part := [A-Za-z_][A-Za-z0-9_]*

A name part may not start with ``_`` or contain ``__``.  A name that is a
single word may not be a reserved word (``and or not true false`` and every
Python keyword such as ``lambda``, ``if``, ``None``, ``True``); the later
parts of a dotted name may be any identifier (``offer.hostages.return`` is
fine).  Only ASCII is accepted.  :func:`is_valid_name` tells whether a name
can be written in a condition.

Semantics:

* Every value is a number; ``true``/``false`` are 1.0/0.0 and comparisons
  yield booleans that count as 1/0 in arithmetic.
* ``and``/``or``/``not`` use truthiness and short-circuit exactly like
  Python: ``a and b`` yields ``a`` if it is falsy, otherwise ``b``;
  ``a or b`` yields ``a`` if it is truthy, otherwise ``b``.
* Chained comparisons have their Python meaning: ``0.2 < x < 0.5`` is
  ``0.2 < x and x < 0.5`` (with ``x`` evaluated once).
* Division by zero yields 0.0 instead of raising.  Overflow yields
  ``inf`` and e.g. ``inf - inf`` yields ``nan`` (which, as in Python, is
  truthy); evaluation never raises as long as the environment maps names
  to ordinary numbers (float, int, bool).
* A name missing from the environment evaluates to 0.0.
* The result of calling a :class:`Condition` is always a ``bool``.

Limits (checked in this order): at most 1000 characters, at most 200 tokens,
and at most 32 levels of nesting, where every opening parenthesis, every
``not`` and every unary ``-`` counts one level.
"""

from __future__ import annotations

import difflib
import keyword
import math
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field

__all__ = [
    "MAX_DEPTH",
    "MAX_LENGTH",
    "MAX_TOKENS",
    "Condition",
    "ConditionError",
    "is_valid_name",
    "parse_condition",
]

MAX_LENGTH = 1000
MAX_TOKENS = 200
MAX_DEPTH = 32


class ConditionError(ValueError):
    """A condition could not be parsed or uses something not allowed.

    ``column`` is the 0-based offset into the condition text where the
    problem is; ``hint`` is an optional suggestion; ``text`` is the
    condition text when it was a string (``None`` otherwise).
    """

    def __init__(
        self,
        message: str,
        column: int,
        hint: str | None = None,
        text: str | None = None,
    ) -> None:
        super().__init__(message, column, hint, text)
        self.message = message
        self.column = column
        self.hint = hint
        self.text = text

    def __str__(self) -> str:
        if self.hint:
            return f"{self.message} ({self.hint})"
        return self.message

    def pointer(self) -> str:
        """Two lines: the condition text (line breaks and tabs shown as
        spaces) and a caret under the offending column; "" without text."""
        if self.text is None:
            return ""
        line = self.text.replace("\t", " ").replace("\r", " ").replace("\n", " ")
        col = max(0, min(self.column, len(line)))
        return f"{line}\n{' ' * col}^"


# --------------------------------------------------------------------------
# Tokenizer
# --------------------------------------------------------------------------

_DIGITS = frozenset("0123456789")
_ID_START = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_")
_ID_CHARS = _ID_START | _DIGITS
_SPACE = frozenset(" \t\r\n")

_KEYWORDS = frozenset({"and", "or", "not", "true", "false"})
_RESERVED = frozenset(keyword.kwlist) | _KEYWORDS

_RESERVED_HINTS = {
    "True": "write 'true'",
    "False": "write 'false'",
    "None": "write 0",
    "is": "compare numbers with '==' or '!='",
    "in": None,
    "lambda": "conditions are plain expressions",
    "if": "combine tests with 'and' / 'or'",
    "else": "combine tests with 'and' / 'or'",
}

_COMPARISONS = ("<=", ">=", "==", "!=")
_SINGLE_OPS = frozenset("<>+-*/()")

# Character sequences that are rejected with a specific message.
_BAD_PAIRS: dict[str, tuple[str, str | None]] = {
    "**": ("'**' (power) is not supported", "multiply explicitly with '*'"),
    "//": ("'//' (floor division) is not supported", "use '/'"),
    "<>": ("'<>' is not supported", "use '!='"),
    "=>": ("'=>' is not supported", "use '>='"),
    "=<": ("'=<' is not supported", "use '<='"),
    "&&": ("'&&' is not supported", "use 'and'"),
    "||": ("'||' is not supported", "use 'or'"),
    ":=": ("assignment is not supported", None),
}
_BAD_CHARS: dict[str, tuple[str, str | None]] = {
    "'": ("strings are not supported", None),
    '"': ("strings are not supported", None),
    "`": ("strings are not supported", None),
    "%": ("'%' (modulo) is not supported", None),
    "[": ("subscripts are not supported", None),
    "]": ("unexpected ']'", "subscripts are not supported"),
    "{": ("'{' is not supported", None),
    "}": ("'}' is not supported", None),
    ",": ("',' is not supported", "conditions are single expressions; combine them with 'and' / 'or'"),
    ":": ("':' is not supported", None),
    ";": ("';' is not supported", "combine conditions with 'and' / 'or'"),
    "=": ("'=' is not supported", "use '==' to compare"),
    "!": ("'!' is not supported", "use 'not' or '!='"),
    "&": ("'&' is not supported", "use 'and'"),
    "|": ("'|' is not supported", "use 'or'"),
    "^": ("'^' is not supported", None),
    "~": ("'~' is not supported", "use 'not' or unary '-'"),
    "@": ("'@' is not supported", None),
    "#": ("comments are not supported", None),
    "\\": ("'\\' is not supported", None),
    ".": ("unexpected '.'", "'.' may only join the parts of a name, as in 'event.minor_intrusion'"),
}

# A token is (kind, value, column).  Kinds: 'num' (value float), 'name'
# (value str), 'and' 'or' 'not' 'true' 'false', the operator strings
# '<' '<=' '>' '>=' '==' '!=' '+' '-' '*' '/' '(' ')', 'eof', and 'error'
# (value (message, hint)); the tokenizer stops at the first error and the
# parser raises it when it reaches it, so errors are reported in text order.
_Token = tuple


def _tokenize(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    append = tokens.append
    n = len(text)
    i = 0

    def error(message: str, column: int, hint: str | None = None) -> list[_Token]:
        append(("error", (message, hint), column))
        return tokens

    while True:
        while i < n and text[i] in _SPACE:
            i += 1
        if i >= n:
            append(("eof", None, n))
            return tokens
        if len(tokens) >= MAX_TOKENS:
            raise ConditionError(f"condition is too long (more than {MAX_TOKENS} tokens)", i, text=text)
        ch = text[i]
        start = i

        # Numbers.
        if ch in _DIGITS or (ch == "." and i + 1 < n and text[i + 1] in _DIGITS):
            while i < n and text[i] in _DIGITS:
                i += 1
            if i < n and text[i] == ".":
                i += 1
                if i >= n or text[i] not in _DIGITS:
                    return error(
                        f"malformed number '{text[start:i]}'",
                        start,
                        f"write '{text[start:i]}0'",
                    )
                while i < n and text[i] in _DIGITS:
                    i += 1
            if i < n and (text[i] in _ID_CHARS or text[i] == "." or text[i].isalnum()):
                nxt = text[i]
                if nxt in "eE":
                    hint = "exponents are not supported"
                elif nxt in "xXoObB" and text[start:i] == "0":
                    hint = "only decimal numbers are supported"
                elif nxt == "_":
                    hint = "underscores in numbers are not supported"
                elif nxt == ".":
                    hint = "a number has at most one '.'"
                else:
                    hint = "put an operator between a number and a name"
                end = i
                while end < n and (text[end] in _ID_CHARS or text[end] == "."):
                    end += 1
                return error(f"malformed number '{text[start : max(end, i + 1)]}'", start, hint)
            value = float(text[start:i])
            if not math.isfinite(value):
                return error("number is too large", start)
            append(("num", value, start))
            continue

        # Names, keywords and reserved words.
        if ch in _ID_START:
            first = True
            while True:
                part_start = i
                while i < n and text[i] in _ID_CHARS:
                    i += 1
                part = text[part_start:i]
                if i < n and not text[i].isascii() and text[i].isalnum():
                    return error(
                        f"non-ASCII character {text[i]!r} in name",
                        i,
                        "names may only use the letters A-Z, a-z, digits and '_'",
                    )
                if part.startswith("_") or "__" in part:
                    return error(
                        f"name '{text[start:i]}' is not allowed",
                        part_start,
                        "names may not start with '_' or contain '__'",
                    )
                if first and part in _KEYWORDS:
                    break  # 'not', 'true', ... never start a dotted name
                first = False
                if i < n and text[i] == ".":
                    if i + 1 < n and text[i + 1] in _ID_START:
                        i += 1
                        continue
                    return error(
                        "expected a name after '.'",
                        i + 1,
                        "'.' may only join the parts of a name, as in 'event.minor_intrusion'",
                    )
                break
            name = text[start:i]
            if name in _KEYWORDS:
                append((name, None, start))
            elif name in _RESERVED:
                return error(f"'{name}' is not supported", start, _RESERVED_HINTS.get(name))
            else:
                append(("name", name, start))
            continue

        # Operators.
        pair = text[i : i + 2]
        if pair in _BAD_PAIRS:
            bad_message, bad_hint = _BAD_PAIRS[pair]
            return error(bad_message, start, bad_hint)
        if pair in _COMPARISONS:
            append((pair, None, start))
            i += 2
            continue
        if ch in _SINGLE_OPS:
            append((ch, None, start))
            i += 1
            continue
        if ch in _BAD_CHARS:
            bad_message, bad_hint = _BAD_CHARS[ch]
            return error(bad_message, start, bad_hint)
        if ch.isprintable():
            return error(f"unexpected character {ch!r}", start)
        return error(f"unexpected character {ch!r}", start, "non-printable characters are not allowed")


# --------------------------------------------------------------------------
# Parser: produces a tuple tree
#   ('const', float) ('name', str) ('not', x) ('neg', x)
#   ('and', l, r) ('or', l, r) ('bin', op, l, r) ('cmp', first, ((op, x), ...))
# --------------------------------------------------------------------------

_CMP_OPS = frozenset({"<", "<=", ">", ">=", "==", "!="})
_ADD_OPS = frozenset({"+", "-"})
_MUL_OPS = frozenset({"*", "/"})
_OPERAND_START = frozenset({"num", "name", "true", "false", "(", "-", "not"})


def _describe(tok: _Token) -> str:
    kind = tok[0]
    if kind == "num":
        return "number"
    if kind == "name":
        return f"name '{tok[1]}'"
    if kind == "eof":
        return "end of condition"
    return f"'{kind}'"


class _Parser:
    __slots__ = ("text", "tokens", "pos", "depth", "names")

    def __init__(self, text: str, tokens: list[_Token]) -> None:
        self.text = text
        self.tokens = tokens
        self.pos = 0
        self.depth = 0
        self.names: list[tuple[str, int]] = []

    def fail(self, message: str, column: int, hint: str | None = None) -> ConditionError:
        return ConditionError(message, column, hint, self.text)

    def peek(self) -> _Token:
        tok = self.tokens[self.pos]
        if tok[0] == "error":
            message, hint = tok[1]
            raise self.fail(message, tok[2], hint)
        return tok

    def enter(self, tok: _Token) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise self.fail(
                f"condition is nested too deeply (more than {MAX_DEPTH} levels)",
                tok[2],
                "each '(', 'not' and unary '-' counts as a level",
            )

    def unexpected(self, tok: _Token) -> ConditionError:
        """Error for a token found where an operator (or the end) was due."""
        kind = tok[0]
        prev = self.tokens[self.pos - 1] if self.pos else None
        if kind == "(" and prev is not None and prev[0] in ("name", ")", "num", "true", "false"):
            return self.fail("function calls are not supported", tok[2])
        if kind == ")":
            return self.fail("unmatched ')'", tok[2])
        if kind == "not":
            return self.fail(
                "unexpected 'not'",
                tok[2],
                "'not' negates a whole test, as in 'a and not b'; 'not in' and 'is not' are not supported",
            )
        hint = None
        if kind == "name" and tok[1].lower() in ("and", "or", "not", "true", "false"):
            hint = f"keywords are lowercase: '{tok[1].lower()}'"
        return self.fail(f"expected an operator, found {_describe(tok)}", tok[2], hint)

    def parse(self) -> tuple:
        tok = self.peek()
        if tok[0] == "eof":
            raise self.fail("empty condition", 0)
        node = self.or_expr()
        tok = self.peek()
        if tok[0] != "eof":
            raise self.unexpected(tok)
        return node

    def or_expr(self) -> tuple:
        node = self.and_expr()
        while self.peek()[0] == "or":
            self.pos += 1
            node = ("or", node, self.and_expr())
        return node

    def and_expr(self) -> tuple:
        node = self.not_expr()
        while self.peek()[0] == "and":
            self.pos += 1
            node = ("and", node, self.not_expr())
        return node

    def not_expr(self) -> tuple:
        tok = self.peek()
        if tok[0] == "not":
            self.enter(tok)
            self.pos += 1
            node = ("not", self.not_expr())
            self.depth -= 1
            return node
        return self.comparison()

    def comparison(self) -> tuple:
        first = self.sum()
        if self.peek()[0] not in _CMP_OPS:
            return first
        rest = []
        while True:
            op = self.peek()[0]
            if op not in _CMP_OPS:
                break
            self.pos += 1
            rest.append((op, self.sum()))
        return ("cmp", first, tuple(rest))

    def sum(self) -> tuple:
        node = self.term()
        while True:
            op = self.peek()[0]
            if op not in _ADD_OPS:
                return node
            self.pos += 1
            node = ("bin", op, node, self.term())

    def term(self) -> tuple:
        node = self.factor()
        while True:
            op = self.peek()[0]
            if op not in _MUL_OPS:
                return node
            self.pos += 1
            node = ("bin", op, node, self.factor())

    def factor(self) -> tuple:
        tok = self.peek()
        if tok[0] == "-":
            self.enter(tok)
            self.pos += 1
            node = ("neg", self.factor())
            self.depth -= 1
            return node
        return self.atom()

    def atom(self) -> tuple:
        tok = self.peek()
        kind = tok[0]
        if kind == "num":
            self.pos += 1
            return ("const", tok[1])
        if kind == "name":
            self.pos += 1
            self.names.append((tok[1], tok[2]))
            return ("name", tok[1])
        if kind == "true":
            self.pos += 1
            return ("const", 1.0)
        if kind == "false":
            self.pos += 1
            return ("const", 0.0)
        if kind == "(":
            self.enter(tok)
            self.pos += 1
            node = self.or_expr()
            close = self.peek()
            if close[0] != ")":
                if close[0] == "eof":
                    raise self.fail("'(' was never closed", tok[2])
                raise self.unexpected(close)
            self.pos += 1
            self.depth -= 1
            return node
        # No operand where one is required.
        prev = self.tokens[self.pos - 1] if self.pos else None
        if kind == "eof":
            if prev is not None:
                raise self.fail(
                    f"expected an operand after '{prev[0]}', found end of condition",
                    tok[2],
                )
            raise self.fail("empty condition", 0)
        if kind == ")" and prev is not None and prev[0] == "(":
            raise self.fail("empty parentheses", prev[2])
        if kind == "+" and (prev is None or prev[0] not in ("num", "name", ")", "true", "false")):
            raise self.fail("unary '+' is not supported", tok[2], "just leave it out")
        if kind == "not":
            raise self.fail(
                "'not' cannot appear here",
                tok[2],
                "put parentheses around it, as in 'a == (not b)'",
            )
        raise self.fail(f"expected an operand, found {_describe(tok)}", tok[2])


# --------------------------------------------------------------------------
# Compiler: tuple tree -> nested closures taking the environment mapping.
# --------------------------------------------------------------------------

_NC = object()  # "not a constant" marker


def _div(a, b):
    return a / b if b else 0.0


_CMP_FUNCS = {
    "<": lambda a, b: a < b,
    "<=": lambda a, b: a <= b,
    ">": lambda a, b: a > b,
    ">=": lambda a, b: a >= b,
    "==": lambda a, b: a == b,
    "!=": lambda a, b: a != b,
}
_FLIPPED = {"<": ">", "<=": ">=", ">": "<", ">=": "<=", "==": "==", "!=": "!="}
_ARITH_FUNCS = {
    "+": lambda a, b: a + b,
    "-": lambda a, b: a - b,
    "*": lambda a, b: a * b,
    "/": _div,
}

# Generic: two sub-closures.
_CMP_GEN = {
    "<": lambda f, g: lambda env: f(env) < g(env),
    "<=": lambda f, g: lambda env: f(env) <= g(env),
    ">": lambda f, g: lambda env: f(env) > g(env),
    ">=": lambda f, g: lambda env: f(env) >= g(env),
    "==": lambda f, g: lambda env: f(env) == g(env),
    "!=": lambda f, g: lambda env: f(env) != g(env),
}
# name OP constant.
_CMP_NAME_CONST = {
    "<": lambda n, c: lambda env: env.get(n, 0.0) < c,
    "<=": lambda n, c: lambda env: env.get(n, 0.0) <= c,
    ">": lambda n, c: lambda env: env.get(n, 0.0) > c,
    ">=": lambda n, c: lambda env: env.get(n, 0.0) >= c,
    "==": lambda n, c: lambda env: env.get(n, 0.0) == c,
    "!=": lambda n, c: lambda env: env.get(n, 0.0) != c,
}
# name OP name.
_CMP_NAME_NAME = {
    "<": lambda n, m: lambda env: env.get(n, 0.0) < env.get(m, 0.0),
    "<=": lambda n, m: lambda env: env.get(n, 0.0) <= env.get(m, 0.0),
    ">": lambda n, m: lambda env: env.get(n, 0.0) > env.get(m, 0.0),
    ">=": lambda n, m: lambda env: env.get(n, 0.0) >= env.get(m, 0.0),
    "==": lambda n, m: lambda env: env.get(n, 0.0) == env.get(m, 0.0),
    "!=": lambda n, m: lambda env: env.get(n, 0.0) != env.get(m, 0.0),
}


def _arith_gen(op, f, g):
    if op == "+":
        return lambda env: f(env) + g(env)
    if op == "-":
        return lambda env: f(env) - g(env)
    if op == "*":
        return lambda env: f(env) * g(env)

    def divide(env):
        d = g(env)
        return f(env) / d if d else 0.0

    return divide


def _arith_name_const(op, n, c):
    if op == "+":
        return lambda env: env.get(n, 0.0) + c
    if op == "-":
        return lambda env: env.get(n, 0.0) - c
    if op == "*":
        return lambda env: env.get(n, 0.0) * c
    if c:
        return lambda env: env.get(n, 0.0) / c
    return lambda env: 0.0


def _constant(value):
    return (lambda env: value), value


def _compile(node: tuple):
    """Return ``(closure, constant_value_or__NC)`` for ``node``."""
    tag = node[0]
    if tag == "const":
        return _constant(node[1])
    if tag == "name":
        n = node[1]
        return (lambda env: env.get(n, 0.0)), _NC
    if tag == "not":
        f, c = _compile(node[1])
        if c is not _NC:
            return _constant(not c)
        return (lambda env: not f(env)), _NC
    if tag == "neg":
        f, c = _compile(node[1])
        if c is not _NC:
            return _constant(-c)
        return (lambda env: -f(env)), _NC
    if tag == "and" or tag == "or":
        f, cf = _compile(node[1])
        g, cg = _compile(node[2])
        if cf is not _NC:
            # 'c and x' is c when c is falsy, else x; 'or' the other way round.
            if bool(cf) == (tag == "or"):
                return _constant(cf)
            return g, cg
        if tag == "and":
            return (lambda env: f(env) and g(env)), _NC
        return (lambda env: f(env) or g(env)), _NC
    if tag == "bin":
        op, left, right = node[1], node[2], node[3]
        f, cf = _compile(left)
        g, cg = _compile(right)
        if cf is not _NC and cg is not _NC:
            return _constant(_ARITH_FUNCS[op](cf, cg))
        if left[0] == "name" and cg is not _NC:
            return _arith_name_const(op, left[1], cg), _NC
        return _arith_gen(op, f, g), _NC
    if tag == "cmp":
        first, rest = node[1], node[2]
        if len(rest) == 1:
            op, right = rest[0]
            f, cf = _compile(first)
            g, cg = _compile(right)
            if cf is not _NC and cg is not _NC:
                return _constant(_CMP_FUNCS[op](cf, cg))
            if first[0] == "name" and cg is not _NC:
                return _CMP_NAME_CONST[op](first[1], cg), _NC
            if right[0] == "name" and cf is not _NC:
                # c < x  is the same test as  x > c  (also for NaN).
                return _CMP_NAME_CONST[_FLIPPED[op]](right[1], cf), _NC
            if first[0] == "name" and right[0] == "name":
                return _CMP_NAME_NAME[op](first[1], right[1]), _NC
            return _CMP_GEN[op](f, g), _NC
        f0, c0 = _compile(first)
        parts = [(_CMP_FUNCS[op], *_compile(sub)) for op, sub in rest]
        links = tuple((test, g) for test, g, _ in parts)

        def chain(env):
            left = f0(env)
            for test, g in links:
                right = g(env)
                if not test(left, right):
                    return False
                left = right
            return True

        if c0 is not _NC and all(c is not _NC for _, _, c in parts):
            return _constant(chain({}))
        return chain, _NC
    raise AssertionError(f"unknown node {tag!r}")  # pragma: no cover


# --------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Condition:
    """A parsed, validated and compiled condition.

    Call it with a mapping from names to numbers to evaluate it; names not
    in the mapping count as 0.0.  Two conditions compare equal when their
    texts are equal.  Pickling/copying re-parses the text.
    """

    text: str
    names: frozenset[str]
    _fn: Callable[[Mapping[str, float]], object] = field(repr=False, compare=False)
    tree: tuple = field(default=(), repr=False, compare=False)  # the parse tree, for putting it into words

    def __call__(self, env: Mapping[str, float]) -> bool:
        return bool(self._fn(env))

    def __reduce__(self):
        return (parse_condition, (self.text,))


def _check_known(parser: _Parser, known) -> None:
    if known is None:
        return
    if isinstance(known, (str, bytes)):
        raise TypeError("known must be a collection of names or a predicate, not a string")
    if isinstance(known, Collection):
        for name, column in parser.names:
            if name not in known:
                names = [k for k in known if isinstance(k, str)]
                matches = difflib.get_close_matches(name, names, n=1)
                hint = f"did you mean '{matches[0]}'?" if matches else _names_hint(names)
                raise parser.fail(f"unknown name '{name}'", column, hint)
    elif callable(known):
        for name, column in parser.names:
            if not known(name):
                raise parser.fail(f"unknown name '{name}'", column)
    else:
        raise TypeError(f"known must be a collection of names or a predicate, not {type(known).__name__}")


HINT_NAMES = 12  # an unknown name's hint lists at most this many of the names that can be used


def _names_hint(names: list[str]) -> str | None:
    """Some of the names a condition can use: the plain ones (meters, turn) first, then events, choices,
    consultations and options, each group in alphabetical order."""
    if not names:
        return None
    ranked = sorted(names, key=lambda n: (n.count("."), n))
    shown = ", ".join(ranked[:HINT_NAMES])
    more = f" and {len(ranked) - HINT_NAMES} more, listed under 'Names' in docs/scenario-format.md" \
        if len(ranked) > HINT_NAMES else ""
    return f"names you can use: {shown}{more}"


def is_valid_name(name: str) -> bool:
    """Whether ``name`` can be written as a name in a condition (a useful
    check for the ids a scenario defines, e.g. ``event.<id>``)."""
    if not isinstance(name, str) or not name:
        return False
    parts = name.split(".")
    for part in parts:
        if (
            not part
            or part[0] not in _ID_START
            or any(ch not in _ID_CHARS for ch in part)
            or part.startswith("_")
            or "__" in part
        ):
            return False
    # 'not.x' is not a name; a lone reserved word is not either.
    return parts[0] not in _KEYWORDS and not (len(parts) == 1 and parts[0] in _RESERVED)


def parse_condition(
    text: str,
    known: Callable[[str], bool] | Collection[str] | None = None,
) -> Condition:
    """Parse, validate and compile a condition.

    ``known`` says which names exist: a collection (unknown names get a
    did-you-mean hint) or a predicate; ``None`` accepts any well-formed
    name.  Raises :class:`ConditionError` for anything that is not a
    well-formed condition within the limits, including when ``text`` is not
    a string at all (e.g. YAML turned ``true`` into a bool).
    """
    if not isinstance(text, str):
        raise ConditionError(
            f"a condition must be a string, not {type(text).__name__}",
            0,
            "put the condition in quotes in the scenario file",
        )
    if len(text) > MAX_LENGTH:
        raise ConditionError(
            f"condition is too long ({len(text)} characters, at most {MAX_LENGTH})",
            MAX_LENGTH,
            text=text,
        )
    try:
        parser = _Parser(text, _tokenize(text))
        tree = parser.parse()
        _check_known(parser, known)
        fn, value = _compile(tree)
    except RecursionError:  # only possible if the caller's stack is nearly full
        raise ConditionError("condition is too complex", 0, text=text) from None
    if value is not _NC:
        result = bool(value)
        fn = (lambda env: True) if result else (lambda env: False)
    return Condition(text, frozenset(name for name, _ in parser.names), fn, tree)
