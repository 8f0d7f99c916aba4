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
