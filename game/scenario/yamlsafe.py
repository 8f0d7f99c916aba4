"""Read untrusted YAML into plain data, remembering where every value came from.

Scenario files are shared between instructors and students, so this reader is
defensive: SafeLoader only, no anchors, aliases or tags, a size, a nesting and a
value-count limit, duplicate keys reported at both places, the YAML 1.1 surprises
(``NO`` read as false, ``010`` as octal, ``1:20`` as a base-60 number, ``1e3`` as
text, unquoted dates) and non-finite numbers refused with a hint instead of being
silently converted, and the bytes themselves checked first (UTF-8, no BOM, no
control characters, not a binary file).

The result is the data plus a map from each value's path (a tuple of keys and
list indexes) to its (line, column), both 1-based, for error messages. When only
some values are refused, ``YamlReadError.document`` still holds the rest (refused
values kept as their text, their paths in ``Document.refused``) so the loader can
go on and report every other problem too.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

MAX_BYTES = 1024 * 1024
MAX_DEPTH = 24
MAX_NODES = 50_000  # a 1,000-line scenario has about 2,000

Path = tuple[str | int, ...]
Location = tuple[int, int]

_TRUE_WORDS = {"true"}
_FALSE_WORDS = {"false"}
_DECIMAL_INT = re.compile(r"^[-+]?(0|[1-9][0-9]*)$")
_DECIMAL_FLOAT = re.compile(r"^[-+]?([0-9]+\.[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?$")
# Numbers YAML 1.1 reads as text: an exponent without a dot or without a sign (1e3, 1.0e5).
_TEXT_NUMBER = re.compile(r"^[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)[eE][-+]?[0-9]+$")
# Characters YAML refuses in a file; also refused when an escape ("\x1b", "\ud800") puts them in a value.
_NOT_TEXT = yaml.reader.Reader.NON_PRINTABLE
# libyaml's safe loader when PyYAML was built with it (ten times faster), else the pure-Python one: both safe
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_BREAKS = "\r\n\x85\u2028\u2029"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a file, at a 1-based line and column."""

    line: int
    col: int
    message: str
    hint: str | None = None
    severity: str = "error"

    def render(self, filename: str) -> str:
        text = f"{filename}:{self.line}:{self.col}: {self.message}"
        if self.severity == "warning":
            text = f"{filename}:{self.line}:{self.col}: warning: {self.message}"
        return f"{text} ({self.hint})" if self.hint else text


class YamlReadError(Exception):
    """The file could not be read as a scenario document at all."""

    def __init__(self, problems: list[Problem], document: Document | None = None, *, syntax: bool = False):
        super().__init__(problems[0].message if problems else "unreadable file")
        self.problems = problems
        self.syntax = syntax  # the YAML parser itself refused the text
        # When only some values were refused (a duplicate key, `NO`, `010`, ...), the rest of the file
        # was read: the loader goes on checking it so that one run reports every problem.
        self.document = document


@dataclass
class Document:
    data: Any
    where: dict[Path, Location] = field(default_factory=dict)
    key_where: dict[Path, Location] = field(default_factory=dict)
    quoted: set[Path] = field(default_factory=set)
    text: str = ""
    spans: dict[Path, tuple[int, int, str | None]] = field(default_factory=dict)  # scalar: start, end, style
    refused: set[Path] = field(default_factory=set)  # values reported by the reader (kept as text)

    def locate_offset(self, path: Path, offset: int) -> Location:
        """The location of the character at ``offset`` inside the text value at ``path``.

        Follows the value through quotes, block scalars (``|``, ``>``) and line folding; falls back
        to the start of the value when the source cannot be matched (escapes, for instance).
        """
        start = self.where.get(path)
        span = self.spans.get(path)
        value = _get(self.data, path)
        if start is None:
            return self.locate(path)
        if span is None or not isinstance(value, str) or offset < 0:
            return start
        begin, end, style = span
        if style in ("'", '"'):
            begin, end = begin + 1, end - 1
        elif style in ("|", ">"):
            while begin < end and self.text[begin] not in _BREAKS:
                begin += 1
        source = self.text[begin:end]
        if (style == '"' and "\\" in source) or (style == "'" and "''" in source):
            return start
        target = _match_offset(value, source, offset)
        if target is None:
            return start
        return _advance(self.text, self.spans[path][0], start, begin + target)

    def locate(self, path: Path, *, key: bool = False) -> Location:
        """The location of a path, or of its nearest ancestor that has one."""
        table = self.key_where if key else self.where
        probe = tuple(path)
        while probe:
            if probe in table:
                return table[probe]
            if not key and probe in self.where:
                return self.where[probe]
            probe = probe[:-1]
            table = self.where
        return self.where.get((), (1, 1))


def _pos(mark: yaml.Mark) -> Location:
    return (mark.line + 1, mark.column + 1)


def read_yaml(raw: bytes) -> Document:
    """Parse bytes into a Document, or raise YamlReadError listing every problem."""
    text = _decode(raw)
    starts, loader = _check_events(text)
    try:
        nodes = list(yaml.compose_all(text, Loader=loader))
    except yaml.MarkedYAMLError as exc:  # pragma: no cover - _check_events saw it first
        raise YamlReadError([_syntax_problem(exc)]) from None
    documents = [(n, mark) for n, mark in zip(nodes, starts, strict=False) if not _empty(n)]
    if not documents:
        raise YamlReadError([Problem(1, 1, "the file holds no scenario (only comments or blanks)",
                                     "start from `detente new NAME` or a shipped scenario")])
    if len(documents) > 1:
        node, mark = documents[1]
        line, col = _pos(mark if mark is not None else node.start_mark)
        raise YamlReadError([Problem(line, col, "the file holds several YAML documents; a scenario is one",
                                     "remove this '---' separator and what follows, or split the file")])
    nodes = [documents[0][0]]
    root = nodes[0]
    if not isinstance(root, yaml.MappingNode):
        line, col = _pos(root.start_mark)
        kind = "a list" if isinstance(root, yaml.SequenceNode) else "a single value"
        raise YamlReadError([Problem(line, col, f"the top level is {kind}; a scenario is a mapping of keys",
                                     "begin with 'format: detente/1' and the other top-level keys")])
    builder = _Builder()
    data = builder.build(root, ())
    doc = Document(data, builder.where, builder.key_where, builder.quoted, text, builder.spans, builder.refused)
    if builder.problems:
        raise YamlReadError(builder.problems, doc)
    return doc


def _empty(node: yaml.Node | None) -> bool:
    """A document with nothing in it (``---`` followed by nothing or comments)."""
    return node is None or (isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:null"
                            and node.value == "" and not node.style)


def _get(data: Any, path: Path) -> Any:
    for part in path:
        if isinstance(data, dict):
            data = data.get(part)
        elif isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data):
            data = data[part]
        else:
            return None
    return data


def _match_offset(value: str, source: str, offset: int) -> int | None:
    """Index in ``source`` of ``value[offset]``, matching non-blank characters one for one.

    Quotes and block indicators are already cut off ``source``; what is left differs from the
    value only in blanks (indentation, folded line breaks), so non-blank characters pair up.
    """
    wanted = sum(1 for ch in value[:offset] if not ch.isspace())
    if offset < len(value) and not value[offset].isspace():
        seen = 0
        for index, ch in enumerate(source):
            if ch.isspace():
                continue
            if seen == wanted:
                return index if ch == value[offset] else None
            seen += 1
        return None
    # At a blank or at the end of the text: just after the non-blank before it.
    if wanted == 0:
        return None
    seen = 0
    for index, ch in enumerate(source):
        if ch.isspace():
            continue
        seen += 1
        if seen == wanted:
            after = index + 1
            gap = offset - len(value[:offset].rstrip())
            return after + gap if source[after:after + gap] == value[offset - gap:offset] else after
    return None


def _advance(text: str, index: int, at: Location, target: int) -> Location:
    """The (line, col) of ``text[target]``, counting from ``text[index]`` at ``at`` as YAML counts."""
    line, col = at
    while index < target and index < len(text):
        ch = text[index]
        if ch in _BREAKS and not (ch == "\r" and text[index + 1: index + 2] == "\n"):
            line, col = line + 1, 1
        elif ch != "\r":
            col += 1
        index += 1
    return line, col


def _decode(raw: bytes) -> str:
    if len(raw) > MAX_BYTES:
        raise YamlReadError([Problem(1, 1, f"the file is {len(raw):,} bytes; the limit is {MAX_BYTES:,} (1 MiB)",
                                     "a scenario is text; split long texts or remove pasted data")])
    if not raw.strip():
        raise YamlReadError([Problem(1, 1, "the file is empty",
                                     "start from `detente new NAME` or a shipped scenario")])
    if raw.startswith(b"\xef\xbb\xbf"):
        raise YamlReadError([Problem(1, 1, "the file starts with a byte-order mark (BOM, bytes EF BB BF)",
                                     "save it as UTF-8 without BOM; most editors have this option "
                                     "under 'encoding'")])
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or _looks_utf16(raw):
        raise YamlReadError([Problem(1, 1, "the file is UTF-16 text, not UTF-8", "save it as UTF-8")])
    if b"\x00" in raw:
        line, col = _byte_location(raw, raw.index(b"\x00"))
        raise YamlReadError([Problem(line, col, "the file contains NUL bytes: it is a binary file "
                                                "(an image, a PDF, a word-processor file...), not YAML text",
                                     "give the scenario's .yaml file, saved as plain text")])
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = _byte_location(raw, exc.start)
        raise YamlReadError([Problem(line, col, f"byte 0x{raw[exc.start]:02x} is not valid UTF-8 text",
                                     "save the file as UTF-8; it may be Latin-1 or Windows-1252, "
                                     "or not a text file at all")]) from None
    bad = _NOT_TEXT.search(text)
    if bad:
        index = bad.start()
        line, col = _advance(text, 0, (1, 1), index)
        raise YamlReadError([Problem(line, col, f"the file contains the control character "
                                                f"U+{ord(text[index]):04X}, which YAML does not allow",
                                     "delete it; a scenario is plain text")])
    return text


def _looks_utf16(raw: bytes) -> bool:
    head = raw[:200]
    return len(head) >= 4 and (set(head[1::2]) == {0} or set(head[0::2]) == {0})


def _byte_location(raw: bytes, index: int) -> Location:
    """Line and column (in characters, as far as they decode) of a byte offset."""
    start = raw.rfind(b"\n", 0, index) + 1
    line = raw.count(b"\n", 0, index) + 1
    return line, len(raw[start:index].decode("utf-8", errors="replace")) + 1


# Parser complaints, as a student can act on them: (words in PyYAML's message, our message, hint).
_SYNTAX = (
    ("found character '\\t'", "a tab character where YAML needs spaces", "indent with spaces, never tabs"),
    ("found a tab character", "a tab character where YAML needs spaces", "indent with spaces, never tabs"),
    ("mapping values are not allowed here", "a ':' where YAML does not expect one",
     "check this line's indentation; quote text that contains ': ', as in  title: \"Geneva: the talks\""),
    ("could not find expected ':'", "this line is not 'key: value' and does not continue a text",
     "add the ':' after the key, or quote the text"),
    ("did not find expected key", "this line's indentation does not match the lines above",
     "indent keys of the same mapping by the same number of spaces"),
    ("expected <block end>", "this line's indentation does not match the lines above",
     "indent keys of the same mapping by the same number of spaces"),
    ("did not find expected '-' indicator", "this line's indentation does not match the list above",
     "start every item of a list with '- ' at the same indentation"),
    ("found unknown escape character", "an unknown escape (\\) in double-quoted text",
     "write \\\\ for a backslash, or use single quotes"),
    ("found unexpected end of stream", "the file ends inside a quoted text or a bracket",
     "close the quote or bracket that starts here"),
    ("that cannot start any token", "this character cannot start a plain value",
     "quote the text, as in  line: \"@home\""),
)


def _syntax_problem(exc: yaml.MarkedYAMLError) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    what = exc.problem or "invalid YAML"
    for words, message, hint in _SYNTAX:
        if words in what:
            if words == "found unexpected end of stream" and exc.context_mark is not None:
                mark = exc.context_mark  # where the unclosed quote or bracket opens
            line, col = _pos(mark) if mark else (1, 1)
            return Problem(line, col, f"YAML syntax: {message}", hint)
    line, col = _pos(mark) if mark else (1, 1)
    opened = exc.context_mark
    if exc.context and "flow" in exc.context and opened is not None and opened is not mark:
        kind = "[" if "sequence" in exc.context else "{"
        return Problem(line, col, f"YAML syntax: {what}, inside the '{kind}' opened at line {opened.line + 1}, "
                                  f"column {opened.column + 1}",
                       "close the bracket, and separate items with ', '")
    return Problem(line, col, f"YAML syntax: {what}", "check indentation, colons, brackets and quotes on this line")


def _check_events(text: str) -> tuple[list[yaml.Mark | None], type]:
    """Refuse aliases, anchors, tags, deep nesting and oversized trees before building anything.

    Returns where each document starts (its '---', or its first node when it has none), and the loader to
    build the nodes with. Read with libyaml when it is there; a file it refuses is read again by PyYAML's own
    parser, whose messages the hints are written for (and which reads a few escapes libyaml refuses).
    """
    if SAFE_LOADER is not yaml.SafeLoader:
        try:
            return _events(text, SAFE_LOADER), SAFE_LOADER
        except YamlReadError as exc:
            if not exc.syntax:
                raise
    return _events(text, yaml.SafeLoader), yaml.SafeLoader


def _events(text: str, loader: type) -> list[yaml.Mark | None]:
    depth = 0
    count = 0
    starts: list[yaml.Mark | None] = []
    try:
        for event in yaml.parse(text, Loader=loader):
            count += 1
            start = event.start_mark
            if isinstance(event, yaml.DocumentStartEvent):
                starts.append(start if event.explicit else None)
            if isinstance(event, yaml.AliasEvent):
                line, col = _pos(start)
                raise YamlReadError([Problem(line, col, f"aliases (*{event.anchor}) are not allowed in "
                                                        "scenario files", "write the value out in full")])
            anchor = getattr(event, "anchor", None)
            if anchor is not None:
                line, col = _pos(start)
                raise YamlReadError([Problem(line, col, f"anchors (&{anchor}) are not allowed in scenario files",
                                             "remove the anchor and write values out in full")])
            tag = getattr(event, "tag", None)
            if tag is not None:  # only an explicit tag in the file sets one
                line, col = _pos(start)
                shown = tag.replace("tag:yaml.org,2002:", "!!")
                raise YamlReadError([Problem(line, col, f"tags ({shown}) are not allowed in scenario files",
                                             "remove the tag; write plain values, and quote text")])
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    line, col = _pos(start)
                    raise YamlReadError([Problem(line, col, f"nesting deeper than {MAX_DEPTH} levels",
                                                 "a scenario never needs this; check brackets and indentation")])
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
            if count > MAX_NODES:
                line, col = _pos(start)
                raise YamlReadError([Problem(line, col, f"more than {MAX_NODES:,} YAML values",
                                             "a scenario never needs this many")])
    except yaml.MarkedYAMLError as exc:
        raise YamlReadError([_syntax_problem(exc)], syntax=True) from None
    except yaml.YAMLError as exc:  # reader errors carry a position, not a mark
        index = getattr(exc, "position", 0) or 0
        line, col = _advance(text, 0, (1, 1), min(index, len(text)))
        raise YamlReadError([Problem(line, col, f"YAML cannot read this: {getattr(exc, 'reason', exc)}")],
                            syntax=True) from None
    return starts


def _show(text: str, limit: int = 40) -> str:
    """A value as quoted in a message: short, one line."""
    return text if len(text) <= limit else text[: limit - 3] + "..."


class _Builder:
    def __init__(self) -> None:
        self.where: dict[Path, Location] = {}
        self.key_where: dict[Path, Location] = {}
        self.problems: list[Problem] = []
        self.quoted: set[Path] = set()
        self.spans: dict[Path, tuple[int, int, str | None]] = {}
        self.refused: set[Path] = set()

    def refuse(self, path: Path | None, line: int, col: int, message: str, hint: str | None = None) -> None:
        self.problems.append(Problem(line, col, message, hint))
        if path is not None:
            self.refused.add(path)

    def build(self, node: yaml.Node, path: Path) -> Any:
        self.where[path] = _pos(node.start_mark)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(child, (*path, i)) for i, child in enumerate(node.value)]
        if node.style in ("'", '"'):
            self.quoted.add(path)
        self.spans[path] = (node.start_mark.index, node.end_mark.index, node.style)
        return self._scalar(node, path)

    def _mapping(self, node: yaml.MappingNode, path: Path) -> dict[str, Any]:
        out: dict[str, Any] = {}
        first_seen: dict[str, Location] = {}
        for key_node, value_node in node.value:
            key_line, key_col = _pos(key_node.start_mark)
            # A refused key is skipped; its mapping is still read (a 'missing key' may follow).
            if not isinstance(key_node, yaml.ScalarNode):
                self.problems.append(Problem(key_line, key_col, "a key must be a plain word, not a list or mapping",
                                             "write 'name: value'; a '?' or brackets before the ':' make a "
                                             "complex key"))
                continue
            if key_node.tag == "tag:yaml.org,2002:merge":
                self.problems.append(Problem(key_line, key_col, "merge keys (<<) are not allowed",
                                             "write the keys out in full"))
                continue
            key = key_node.value
            if not self._text_ok(key, None, key_line, key_col, "key"):
                continue
            if key in first_seen:
                first_line, first_col = first_seen[key]
                self.problems.append(Problem(first_line, first_col,
                                             f"duplicate key '{_show(key)}': defined again at line {key_line}",
                                             "keep one of them; YAML would silently use the last"))
                self.problems.append(Problem(key_line, key_col,
                                             f"duplicate key '{_show(key)}': first defined at line {first_line}",
                                             "keep one of them; YAML would silently use the last"))
                continue
            first_seen[key] = (key_line, key_col)
            self.key_where[(*path, key)] = (key_line, key_col)
            out[key] = self.build(value_node, (*path, key))
        return out

    def _text_ok(self, text: str, path: Path | None, line: int, col: int, what: str) -> bool:
        """Refuse text that an escape (\\x1b, \\ud800) filled with characters YAML forbids in files."""
        bad = _NOT_TEXT.search(text)
        if bad is None:
            return True
        self.refuse(path, line, col, f"this {what} contains the character U+{ord(bad.group()):04X}, "
                                     "which is not allowed in text",
                    "remove the escape that writes it, such as \\x1b or \\ud800")
        return False

    def _scalar(self, node: yaml.ScalarNode, path: Path) -> Any:
        text = node.value
        line, col = _pos(node.start_mark)
        if not self._text_ok(text, path, line, col, "value"):
            return ""
        if node.style is not None and node.style != "":  # quoted or block scalar: always text
            return text
        tag = node.tag
        if tag == "tag:yaml.org,2002:null":
            return None
        if tag == "tag:yaml.org,2002:bool":
            low = text.lower()
            if low in _TRUE_WORDS:
                return True
            if low in _FALSE_WORDS:
                return False
            meaning = "true" if low in {"yes", "on", "y"} else "false"
            self.refuse(path, line, col, f"'{text}' means {meaning} in YAML 1.1",
                        f"write {meaning}, or quote it (\"{text}\") if you mean the text")
            return text
        if tag == "tag:yaml.org,2002:int":
            digits = sum(ch.isdigit() for ch in text)
            if digits > 30:
                self.refuse(path, line, col, f"this number has {digits:,} digits; it is far too large",
                            "use a number within the field's bounds")
                return text
            if _DECIMAL_INT.match(text):
                return int(text)
            kind = ("a base-60 number" if ":" in text else
                    "a number with digit separators" if "_" in text else
                    "a hexadecimal number" if "x" in text.lower() else
                    "a binary number" if "b" in text.lower() else "an octal number")
            try:
                meaning = f": it means {yaml.constructor.SafeConstructor().construct_yaml_int(node)}"
            except (ValueError, yaml.YAMLError):  # pragma: no cover - the resolver matched its syntax
                meaning = ""
            self.refuse(path, line, col, f"'{_show(text)}' is {kind} in YAML 1.1{meaning}",
                        f"write a plain decimal number, or quote it (\"{_show(text)}\") if you mean text")
            return text
        if tag == "tag:yaml.org,2002:float":
            if text.lower().lstrip("+-") in {".nan", ".inf"}:
                self.refuse(path, line, col, f"'{text}' is not a finite number",
                            "write an ordinary number within the field's bounds")
                return text
            if ":" in text or "_" in text or not _DECIMAL_FLOAT.match(text):
                self.refuse(path, line, col, f"'{_show(text)}' is a number in an unusual YAML 1.1 form",
                            "write a plain decimal number like 0.25")
                return text
            if len(text) > 40:
                self.refuse(path, line, col, f"this number has {len(text):,} characters; that is too many",
                            "write a plain decimal number like 0.25")
                return text
            value = float(text)
            if not math.isfinite(value):
                self.refuse(path, line, col, f"'{text}' is too large to be a number",
                            "write an ordinary number within the field's bounds")
                return text
            return value
        if tag == "tag:yaml.org,2002:timestamp":
            self.refuse(path, line, col, f"'{text}' is a date in YAML 1.1, not text",
                        f"quote it (\"{text}\") to keep it as text")
            return text
        if _TEXT_NUMBER.match(text):
            self.refuse(path, line, col, f"'{_show(text)}' is text in YAML 1.1, not a number",
                        "write it without an exponent, e.g. 1000 for 1e3; or quote it if you mean text")
            return text
        return text
