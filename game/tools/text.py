"""Escaping scenario texts for the files the tools write: scenario files are untrusted."""

from __future__ import annotations

import html
import re

_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~])")


def md(text: object) -> str:
    """Scenario text as literal Markdown: HTML is shown as text, Markdown syntax is escaped, one line."""
    value = html.escape(" ".join(str(text).split()), quote=False)
    return _MD_SPECIAL.sub(r"\\\1", value)


def esc(text: object) -> str:
    """Scenario text as HTML text or attribute value."""
    return html.escape(str(text), quote=True)


_BLOCK_START = re.compile(r"^(?:(#{1,6}|[-+*]|=+|-+|>)(?=\s|$)|(\d{1,9})([.)])(?=\s|$)|(?=[-_*=]{3,}))")


def mdb(text: object) -> str:
    """Scenario text as literal Markdown where a block starts: inline syntax escaped (`md`), and whatever would
    start a heading, a list, a rule or a quote ('1. x', '---', '# x', '- x', '> x') escaped too."""
    value = md(text)
    match = _BLOCK_START.match(value)
    if match is None:
        return value
    if match.group(2) is not None:  # '1. x': escape the dot, so the number stays text
        return value[:match.end(2)] + "\\" + value[match.end(2):]
    return "\\" + value
