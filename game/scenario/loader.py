"""Load a scenario file: read, check the shape, check cross-references, compile.

Every problem becomes a ``Problem`` with a line and column; ``ScenarioError``
carries all of them. Nothing here ever lets a traceback reach a user.
"""

from __future__ import annotations

import difflib
import hashlib
import re
import types
import typing
from collections.abc import Set as AbstractSet
from pathlib import Path as FilePath
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo

from game.files import FileProblem, read_limited
from game.scenario.check import Finding, _Checker, check_references
from game.scenario.lint import lint
from game.scenario.model import Scenario, compile_scenario
from game.scenario.schema import FORMAT, ScenarioSpec
from game.scenario.yamlsafe import MAX_BYTES, Document, Problem, YamlReadError, read_yaml


class ScenarioError(ValueError):
    """A scenario file that cannot be played, with every problem found in it."""

    def __init__(self, filename: str, problems: list[Problem]):
        self.filename = filename
        self.problems = sorted(problems, key=lambda p: (p.line, p.col))
        super().__init__(self.render())

    def render(self) -> str:
        return "\n".join(p.render(self.filename) for p in self.problems)


def load_scenario(path: str | FilePath) -> Scenario:
    """Read and validate a scenario file; raise ScenarioError listing what is wrong."""
    return load_scenario_bytes(read_scenario_file(path), str(path))


def read_scenario_file(path: str | FilePath) -> bytes:
    """A scenario file's bytes, never more than the size limit; ScenarioError when it cannot be read."""
    name = str(path)
    try:
        return read_limited(name, MAX_BYTES, "scenario file")
    except FileProblem as exc:
        hint = ("a scenario is text; split long texts or remove pasted data" if "bytes" in str(exc) else None)
        raise ScenarioError(name[:300], [Problem(1, 1, str(exc), hint)]) from None


def load_scenario_bytes(raw: bytes, filename: str = "<scenario>") -> Scenario:
    scenario, problems = inspect_scenario_bytes(raw, filename)
    errors = [p for p in problems if p.severity == "error"]
    if errors or scenario is None:
        raise ScenarioError(filename, errors or problems)
    return scenario


def inspect_scenario_bytes(raw: bytes, filename: str = "<scenario>") -> tuple[Scenario | None, list[Problem]]:
    """Every problem (errors and warnings) and, when there are no errors, the compiled scenario.

    Reading goes on as far as it can, so that one run reports as much as possible: values the YAML
    reader refused are skipped by the later checks, and unknown keys are set aside so the
    cross-reference checks still run.
    """
    try:
        return _inspect(raw, filename)
    except Exception as exc:  # noqa: BLE001 - a safety net: a user must never see a traceback
        return None, [Problem(1, 1, f"internal error while checking this file ({type(exc).__name__}: "
                                    f"{str(exc)[:200]})", "please report this, with the file, to the developers")]


def _inspect(raw: bytes, filename: str) -> tuple[Scenario | None, list[Problem]]:
    try:
        doc = read_yaml(raw)
        problems: list[Problem] = []
    except YamlReadError as exc:
        if exc.document is None:
            return None, exc.problems
        doc, problems = exc.document, list(exc.problems)
    version = doc.data.get("format")
    if version != FORMAT:
        if ("format",) in doc.refused:
            return None, problems
        return None, [*problems, _format_problem(doc, version)]
    spec: ScenarioSpec | None = None
    aside = {path for path in doc.refused if path and isinstance(path[-1], str)}
    try:
        spec = ScenarioSpec.model_validate(doc.data)
    except ValidationError as exc:
        found = _shape_problems(exc, doc)
        problems += [problem for path, _, problem in found if not _under(path, doc.refused)]
        # Set aside what is wrong (unknown keys, bad values; a required scalar gets a harmless stand-in)
        # and check the rest, so that one run also reports the cross-reference problems. Findings about
        # what was set aside, or about the mapping holding it, are dropped: they would only repeat it.
        aside |= {path for path, kind, _ in found if path and isinstance(path[-1], str) and kind != "missing"}
        spec = _set_aside(doc.data, aside)
    else:
        if aside:  # the shape is valid with the refused values (kept as text); check it without them
            spec = _set_aside(doc.data, aside)
    if spec is None:
        return None, problems
    parents = {path[:-1] for path in aside}
    for finding in (*check_references(spec), *check_additions(spec, aside)):
        if not (_under(finding.path, aside) or finding.path in parents):
            problems.append(_at(doc, finding))
    if any(p.severity == "error" for p in problems):
        return None, problems
    digest = hashlib.sha256(raw).hexdigest()
    scenario = compile_scenario(spec, filename, digest)
    problems += [_at(doc, finding) for finding in lint(spec, scenario)]  # design warnings (lint.py)
    return scenario, problems


def check_additions(spec: ScenarioSpec, aside: AbstractSet[tuple[Any, ...]] = frozenset()) -> list[Finding]:
    """Cross-references of the parts added for what authors could not write before (drifts, per-seat walkouts,
    turn labels, per-side debriefs), with the same checks and messages as the rest (``check_references``).
    `aside`: the values refused by the shape check (a refused `turns` is not counted against its labels)."""
    checker = _Checker(spec)
    for index, drift in enumerate(spec.drifts):
        path = ("drifts", index)
        checker.condition((*path, "when"), drift.when)
        checker.effects((*path, "effects"), drift.effects)
        if not drift.effects:
            checker.warn((*path, "effects"), "this drift changes no meter", "add effects, or remove it")
        checker.ref((*path, "source"), drift.source, checker.sources, "source")
    ai = spec.ai
    for index, walkout in enumerate(ai.walkouts):
        rule = ("ai", "walkouts", index)
        if checker.ref((*rule, "actor"), walkout.actor, checker.seats, "seat") and \
                walkout.actor not in checker.negotiators:
            checker.error((*rule, "actor"), f"'{walkout.actor}' is the mediator, which never walks out",
                          "give walkout rules to negotiators")
        checker.condition((*rule, "when"), walkout.when)
        for n, level in enumerate(walkout.levels):
            checker.ref((*rule, "levels", n), level, ai.difficulties, "difficulty")
    labels, turns = spec.deadline.turn_labels, spec.deadline.turns
    if ("deadline", "turns") in aside:
        pass
    elif len(labels) > turns:
        checker.error(("deadline", "turn_labels", turns), f"{len(labels)} turn labels for {turns} turns",
                      "give one label per turn, or raise 'turns'")
    elif labels and len(labels) < turns:
        rest = f"turn {turns} shows" if len(labels) + 1 == turns else f"turns {len(labels) + 1} to {turns} show"
        checker.warn(("deadline", "turn_labels"), f"{len(labels)} turn labels for {turns} turns: {rest} the "
                     "deadline's label", "give one label per turn")
    for kind in ("agreement", "ratification_failed", "walkout", "escalation", "deadline"):
        for seat in getattr(spec.outcomes, kind).by_side:
            checker.ref(("outcomes", kind, "by_side", seat), seat, checker.seats, "seat", key=True)
    for seat in spec.debrief.by_side if spec.debrief else ():
        checker.ref(("debrief", "by_side", seat), seat, checker.seats, "seat", key=True)
    return checker.found


def _set_aside(data: dict[str, Any], aside: set[tuple[Any, ...]]) -> ScenarioSpec | None:
    """The spec without the values at these paths (required ones get a stand-in), or None."""
    stand_ins: dict[tuple[Any, ...], Any] = {}
    for path in aside:
        if path[-1] == "id" or _only_literal(path):
            continue  # an id others point to, or a role: a stand-in would change what the rest means
        value = _stand_in(path)
        if value is not None:
            stand_ins[path] = value
    try:
        return ScenarioSpec.model_validate(_without(data, aside, stand_ins))
    except ValidationError:
        return None


def _only_literal(path: tuple[Any, ...]) -> bool:
    annotation, _ = _leaf(path)
    args = typing.get_args(annotation) if typing.get_origin(annotation) in (typing.Union, types.UnionType) \
        else (annotation,)
    return all(typing.get_origin(a) is typing.Literal or a is type(None) for a in args)


def _stand_in(path: tuple[Any, ...]) -> Any:
    """A harmless valid value for a required scalar whose written value is wrong."""
    annotation, metadata = _leaf(path)
    options = typing.get_args(annotation) if typing.get_origin(annotation) in (typing.Union, types.UnionType) \
        else (annotation,)
    for option in options:
        base = typing.get_args(option)[0] if typing.get_origin(option) is typing.Annotated else option
        if base is bool:
            return False
        if base is str:
            return "x"
        if base in (int, float):
            bounds = _bounds(path)
            low = bounds.get("ge", bounds.get("gt", 0))
            high = bounds.get("le", bounds.get("lt", low + 2))
            value = low if "ge" in bounds else (low + high) / 2
            return int(-(-value // 1)) if base is int else float(value)
    return None


def _format_problem(doc: Document, version: Any) -> Problem:
    line, col = doc.locate(("format",))
    if "format" not in doc.data:
        line, col = doc.locate(())
        return Problem(line, col, "missing 'format' key: this does not look like a Détente scenario",
                       f"add 'format: {FORMAT}' at the top")
    if version is None:
        return Problem(line, col, "'format' has no value", f"write 'format: {FORMAT}'")
    shown = repr(version) if isinstance(version, (str, int, float, bool)) else "a list or mapping"
    if isinstance(version, str) and version.startswith("detente/"):
        return Problem(line, col, f"unknown format {_short(shown)}: this game reads {FORMAT}",
                       "this file was written for another version of Détente; update the game")
    return Problem(line, col, f"unknown format {_short(shown)}", f"write 'format: {FORMAT}'")


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 4] + "...'"


def _under(path: tuple[Any, ...], roots: set[tuple[Any, ...]]) -> bool:
    """Whether the path is one of the roots or inside one."""
    return bool(roots) and any(path[:n] in roots for n in range(len(path) + 1))


def _without(data: Any, paths: set[tuple[Any, ...]], stand_ins: dict[tuple[Any, ...], Any] | None = None) -> Any:
    """A copy of the data without the entries at these paths, or with a stand-in value for them."""
    drop = set(paths)
    stand_ins = stand_ins or {}

    def walk(node: Any, path: tuple[Any, ...]) -> Any:
        if isinstance(node, dict):
            return {k: stand_ins.get((*path, k), walk(v, (*path, k))) for k, v in node.items()
                    if (*path, k) not in drop or (*path, k) in stand_ins}
        if isinstance(node, list):
            return [walk(v, (*path, i)) for i, v in enumerate(node)]
        return node

    return walk(data, ())


def _at(doc: Document, finding: Finding) -> Problem:
    if finding.offset is not None and not finding.key:
        line, col = doc.locate_offset(finding.path, finding.offset)
    else:
        line, col = doc.locate(finding.path, key=finding.key)
    return Problem(line, col, finding.message, finding.hint, finding.severity)


# --------------------------------------------------------------------------
# Shape problems: pydantic's errors, turned into one message per place.
# --------------------------------------------------------------------------

ShapeProblem = tuple[tuple[Any, ...], str, Problem]


def _shape_problems(exc: ValidationError, doc: Document) -> list[ShapeProblem]:
    grouped: dict[tuple[tuple[Any, ...], bool], list[dict[str, Any]]] = {}
    for error in exc.errors(include_url=False):
        grouped.setdefault(_data_path(doc.data, error["loc"]), []).append(dict(error))
    # A bad item inside a [low, high] pair also fails the "a number" alternative at the pair itself;
    # the item's error is the one that says what to fix.
    inner = {other[:n] for other, _ in grouped for n in range(len(other))}  # every path with one below it
    grouped = {(path, is_key): errors for (path, is_key), errors in grouped.items()
               if not (all(e["type"] in _KINDS for e in errors) and path in inner)}
    found = [_shape_problem(path, is_key, errors, doc) for (path, is_key), errors in grouped.items()]
    # "missing key 'concession'" next to "unknown key 'concesion' (did you mean 'concession'?)" says
    # the same thing twice: keep the one that points at the typo.
    misspelled = {(path[:-1], problem.hint) for path, kind, problem in found if kind == "extra_forbidden"}
    return [(path, kind, problem) for path, kind, problem in found
            if not (kind == "missing" and (path[:-1], f"did you mean '{path[-1]}'?") in misspelled)]


def _shape_problem(path: tuple[Any, ...], is_key: bool, errors: list[dict[str, Any]],
                   doc: Document) -> ShapeProblem:
    """One problem for one place; alternatives (a number or a [low, high] pair) are merged."""
    error = errors[0]
    kind = error["type"]
    where = _name(path)
    if kind == "extra_forbidden":
        key = path[-1]
        allowed = _fields_at(path[:-1])
        close = difflib.get_close_matches(str(key), allowed, n=1)
        hint = f"did you mean '{close[0]}'?" if close else (
            f"allowed here: {', '.join(allowed)}" if allowed else None)
        line, col = doc.locate(path, key=True)
        return path, kind, Problem(line, col, f"unknown key '{_short(str(key))}'", hint)
    if kind == "missing":
        line, col = doc.locate(path[:-1], key=True)
        return path, kind, Problem(line, col, f"missing key '{path[-1]}'" + _inside(path[:-1]),
                                   f"add '{path[-1]}:' here")
    if is_key:
        line, col = doc.locate(path, key=True)
        key = str(path[-1])
        if kind == "literal_error":
            allowed = _literal_values(error)
            close = difflib.get_close_matches(key, allowed, n=1)
            hint = f"did you mean '{close[0]}'?" if close else f"allowed here: {', '.join(allowed)}"
            return path, kind, Problem(line, col, f"unknown key '{_short(key)}'" + _inside(path[:-1]), hint)
        if kind == "string_pattern_mismatch":
            return path, kind, Problem(line, col, f"'{_short(key)}' is not a valid id", _ID_HINT)
        return path, kind, Problem(line, col, f"key '{_short(key)}': {error['msg']}")
    line, col = doc.locate(path)
    value = error.get("input")
    if value is None and kind in _KINDS:
        fields = _fields_at(path)
        hint = (f"write it as a mapping with keys such as {', '.join(fields[:4])}" if fields and kind in
                {"model_type", "dict_type"} else "write the value after the ':'")
        return path, kind, Problem(line, col, f"{where} has no value; it must be {_wanted(errors)}", hint)
    if len(errors) > 1:
        specific = [e for e in errors if e["type"] not in _KINDS and e["type"] != "literal_error"]
        literal = [e for e in errors if e["type"] == "literal_error"]
        if specific:
            # The value has the right type for one alternative but breaks its bounds: say that.
            error = specific[0]
            hint = _hint(error, path, doc)
            if literal and isinstance(value, (int, float)):
                hint = f"or write one of {', '.join(_literal_values(literal[0]))}"
            return path, error["type"], Problem(line, col, _describe(error, path), hint)
        message = f"{where} must be {_wanted(errors)}{_got(value)}"
        hint = _hint(errors[0], path, doc)
        if literal and isinstance(value, str):
            close = difflib.get_close_matches(value, _literal_values(literal[0]), n=1)
            hint = f"did you mean '{close[0]}'?" if close else hint
        return path, kind, Problem(line, col, message, hint)
    return path, kind, Problem(line, col, _describe(error, path), _hint(error, path, doc))


def _data_path(data: Any, loc: tuple[Any, ...]) -> tuple[tuple[Any, ...], bool]:
    """The data path of a pydantic location, without its union-branch labels, and whether the
    error is about a mapping's key (pydantic's '[key]') rather than its value."""
    path: list[Any] = []
    node = data
    is_key = False
    for part in loc:
        if part == "[key]":
            is_key = True
        elif (isinstance(node, dict) and part in node) or (
                isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)):
            path.append(part)
            node = node[part]
        elif isinstance(node, dict) and isinstance(part, str) and not _is_branch_label(part):
            path.append(part)  # a missing or unknown key
            node = None
    return tuple(path), is_key


def _is_branch_label(part: str) -> bool:
    return any(ch in part for ch in "[]()'") or part in {"float", "int", "bool", "str", "tuple", "list",
                                                         "dict", "literal", "constrained-str"} or \
        part.startswith(("function-", "constrained-", "union-", "literal["))


def _name(path: tuple[Any, ...]) -> str:
    """How a message names the place: 'start', or 'item 2 of forbid' for a list entry."""
    if not path:
        return "the file"
    if isinstance(path[-1], int):
        parent = f" of '{path[-2]}'" if len(path) > 1 and isinstance(path[-2], str) else ""
        return f"item {path[-1] + 1}{parent}"
    return f"'{path[-1]}'"


def _inside(path: tuple[Any, ...]) -> str:
    named = [part for part in path if isinstance(part, str)]
    return f" in '{named[-1]}'" if named else ""


def _got(value: Any) -> str:
    if isinstance(value, bool):
        return f", not {str(value).lower()}"
    if isinstance(value, (str, int, float)):
        return f", not {_short(repr(value))}"
    if isinstance(value, list):
        return ", not a list"
    if isinstance(value, dict):
        return ", not a mapping"
    return ""


def _wanted(errors: list[dict[str, Any]]) -> str:
    kinds = [e["type"] for e in errors]
    if "float_type" in kinds and "list_type" in kinds:
        return "a number or a [low, high] pair"
    wanted: list[str] = []
    for e in errors:
        text = _KINDS.get(e["type"]) or (
            f"one of {', '.join(_literal_values(e))}" if e["type"] == "literal_error" else e["msg"].lower())
        if text not in wanted:
            wanted.append(text)
    return " or ".join(wanted)


def _literal_values(error: dict[str, Any]) -> list[str]:
    return re.findall(r"'([^']*)'", str(error.get("ctx", {}).get("expected", "")))


_ID_HINT = "ids use lowercase letters, digits and _, starting with a letter, like 'summer_flow'"

_KINDS = {
    "float_type": "a number", "int_type": "a whole number", "bool_type": "true or false",
    "string_type": "text", "list_type": "a list", "dict_type": "a mapping of keys",
    "model_type": "a mapping of keys", "tuple_type": "a [low, high] pair", "model_attributes_type": "a mapping",
    "int_from_float": "a whole number",
}


def _describe(error: dict[str, Any], path: tuple[Any, ...]) -> str:
    kind = error["type"]
    where = _name(path)
    value = error.get("input")
    ctx = error.get("ctx") or {}
    if kind in _KINDS:
        return f"{where} must be {_KINDS[kind]}{_got(value)}"
    if kind == "string_pattern_mismatch":
        return f"{where} is not a valid id{_got(value).replace(', not', ':')}"
    if kind == "literal_error":
        return f"{where} must be one of {', '.join(_literal_values(error))}{_got(value)}"
    if kind in {"greater_than_equal", "less_than_equal", "greater_than", "less_than"}:
        bounds = _bounds(path) or {k: v for k, v in ctx.items() if k in ("ge", "gt", "le", "lt")}
        return f"{where} is out of range: it must be {_range_text(bounds)}{_got(value)}"
    if kind in {"string_too_short", "too_short"} and (ctx.get("min_length") == 1 or not value):
        if kind == "string_too_short":
            return f"{where} is empty"
        need = ctx.get("min_length", 1)
        return f"{where} is empty; it needs at least {'one item' if need == 1 else f'{need} items'}"
    if kind == "string_too_long":
        return f"{where} is too long: {len(str(value)):,} characters, at most {ctx.get('max_length', 0):,}"
    if kind == "string_too_short":
        return f"{where} is too short: at least {ctx.get('min_length', 1)} characters"
    if kind in {"too_short", "too_long"}:
        count = ctx.get("actual_length", len(value) if isinstance(value, (list, dict)) else 0)
        low, high = _lengths(path)
        if low is not None and low == high:
            return f"{where} must have exactly {low} items, not {count}"
        if kind == "too_short":
            return f"{where} needs at least {ctx.get('min_length')} items, not {count}"
        return f"{where} may have at most {ctx.get('max_length')} items, not {count}"
    if kind == "finite_number":
        return f"{where} must be a finite number"
    return f"{where}: {error['msg'].lower()}"


def _hint(error: dict[str, Any], path: tuple[Any, ...], doc: Document) -> str | None:
    kind = error["type"]
    value = error.get("input")
    if kind == "string_pattern_mismatch":
        return _ID_HINT if "_-" not in str((error.get("ctx") or {}).get("pattern", "")) else \
            "a scenario id uses lowercase letters, digits, _ and -, starting with a letter, like 'river-treaty'"
    if kind == "string_type" and isinstance(value, (int, float, bool)):
        return "quote it to make it text"
    if kind in {"float_type", "int_type"} and isinstance(value, str):
        if path in doc.quoted:
            return "write the number without quotes"
        return "write a plain number like 0.4" if kind == "float_type" else "write a plain whole number like 6"
    if kind in {"float_type", "int_type"} and isinstance(value, bool):
        return "true and false are not numbers here"
    if kind == "int_type" and isinstance(value, float):
        return "write it without a decimal point"
    if kind in {"greater_than_equal", "less_than_equal", "greater_than", "less_than"}:
        bounds = _bounds(path)
        if bounds.get("ge") == 0 and bounds.get("le") == 1:
            return "meters, values, chances and reservations are shares between 0 and 1"
        if bounds.get("ge") == -1 and bounds.get("le") == 1:
            return "changes to a meter are between -1 and 1"
    if kind in {"too_short", "too_long"} and _lengths(path) == (2, 2):
        return "a range is written [low, high]"
    if kind == "string_too_long":
        return "shorten it"
    if kind == "string_too_short" or (kind == "too_short" and not value):
        return "fill it in, or remove the line if the key is optional"
    if kind == "too_short":
        return "add the missing items"
    if kind == "too_long":
        return "remove some items"
    if kind == "literal_error" and isinstance(value, str):
        close = difflib.get_close_matches(value, _literal_values(error), n=1)
        return f"did you mean '{close[0]}'?" if close else None
    if kind in {"model_type", "dict_type"}:
        fields = _fields_at(path)
        return f"write it as a mapping with keys such as {', '.join(fields[:4])}" if fields else \
            "write it as a mapping of 'key: value' lines"
    return None


def _range_text(bounds: dict[str, Any]) -> str:
    low = ("at least", bounds["ge"]) if "ge" in bounds else ("more than", bounds["gt"]) if "gt" in bounds else None
    high = ("at most", bounds["le"]) if "le" in bounds else ("less than", bounds["lt"]) if "lt" in bounds else None
    if low and high and low[0] == "at least" and high[0] == "at most":
        return f"between {low[1]:g} and {high[1]:g}"
    parts = [f"{side[0]} {side[1]:g}" for side in (low, high) if side is not None]
    return " and ".join(parts) or "within its bounds"


# --------------------------------------------------------------------------
# What the format allows at a path, from the models: keys, bounds, lengths.
# --------------------------------------------------------------------------

def _leaf(path: tuple[Any, ...]) -> tuple[Any, list[Any]]:
    """The annotation and the constraints of the value at a data path."""
    annotation: Any = ScenarioSpec
    metadata: list[Any] = []
    for part in path:
        model = _model_in(annotation)
        if model is not None:
            field = model.model_fields.get(str(part))
            if field is None:
                return None, []
            annotation, metadata = field.annotation, list(field.metadata)
            continue
        annotation, metadata = _step(annotation, part), []
        if annotation is None:
            return None, []
    return annotation, metadata


def _constraints(path: tuple[Any, ...], numeric: bool) -> dict[str, Any]:
    annotation, metadata = _leaf(path)
    found: dict[str, Any] = {}

    def take(items: Any) -> None:
        for item in items:
            for name in ("ge", "gt", "le", "lt", "min_length", "max_length"):
                value = getattr(item, name, None)
                if value is not None:
                    found.setdefault(name, value)
            if isinstance(item, FieldInfo):
                take(item.metadata)

    def visit(node: Any) -> None:
        origin = typing.get_origin(node)
        if origin is typing.Annotated:
            base, *extra = typing.get_args(node)
            if (base in (int, float)) == numeric:
                take(extra)
            visit(base)
        elif origin in (typing.Union, types.UnionType):
            for arg in typing.get_args(node):
                visit(arg)

    if annotation is not None:
        base = annotation
        if (typing.get_origin(base) not in (typing.Union, types.UnionType) and
                (base in (int, float)) == numeric):
            take(metadata)
        visit(annotation)
    return found


def _bounds(path: tuple[Any, ...]) -> dict[str, Any]:
    return {k: v for k, v in _constraints(path, True).items() if k in ("ge", "gt", "le", "lt")}


def _lengths(path: tuple[Any, ...]) -> tuple[int | None, int | None]:
    found = _constraints(path, False)
    return found.get("min_length"), found.get("max_length")


def _fields_at(path: tuple[Any, ...]) -> list[str]:
    """The keys a mapping at this path may have, for did-you-mean hints."""
    annotation: Any = ScenarioSpec
    for part in path:
        annotation = _step(annotation, part)
        if annotation is None:
            return []
    model = _model_in(annotation)
    if model is not None:
        return list(model.model_fields)
    origin = typing.get_origin(annotation)
    if origin is dict:
        key = typing.get_args(annotation)[0]
        if typing.get_origin(key) is typing.Literal:
            return [str(a) for a in typing.get_args(key)]
    return []


def _step(annotation: Any, part: Any) -> Any:
    model = _model_in(annotation)
    if model is not None:
        field = model.model_fields.get(str(part))
        return field.annotation if field else None
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is list and args:
        return args[0] if isinstance(part, int) else None
    if origin is dict and len(args) == 2:
        return args[1]
    if origin is typing.Annotated and args:
        return _step(args[0], part)
    if origin in (typing.Union, types.UnionType):
        for arg in args:
            found = _step(arg, part)
            if found is not None:
                return found
    return None


def _model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            found = _model_in(arg)
            if found is not None:
                return found
    if origin is typing.Annotated:
        return _model_in(typing.get_args(annotation)[0])
    return None
