"""Small helpers for the HTML-like markup pygame_gui text boxes read."""

from __future__ import annotations

import html

from game.engine.state import State
from game.scenario.model import OPEN, Package, Scenario


def esc(text: str) -> str:
    return html.escape(text, quote=False).replace("\n", "<br>")


def colour(text: str, hex_colour: str) -> str:
    return f"<font color='{hex_colour}'>{text}</font>"


SIDE_HEX = ("#56B4E9", "#E69F00")


def side_hex(sc: Scenario, actor: str | None) -> str:
    if actor in sc.negotiators:
        return SIDE_HEX[sc.negotiators.index(actor)]
    return "#CC79A7" if actor else "#b9c4d6"


def option_label(sc: Scenario, issue: int, option: int) -> str:
    if option == OPEN:
        return "(left open)"
    return sc.spec.issues[issue].options[option].label


def package_lines(sc: Scenario, package: Package) -> list[tuple[str, str]]:
    return [(sc.spec.issues[i].title, option_label(sc, i, x)) for i, x in enumerate(package)]


def speaker_name(sc: Scenario, actor: str | None, speaker: str) -> str:
    """A short speaker name: 'Antony Blinken' rather than 'Antony Blinken, Secretary of State'."""
    return speaker.split(",")[0] if speaker else ""


def crossed_lines(state: State, actor: str, package: Package) -> list[str]:
    sc = state.scenario
    return [sc.spec.issues[line.issue].title for line in sc.valuations[actor].red_lines
            if package[line.issue] != OPEN and line.crossed_by(package)]
