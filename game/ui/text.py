"""Small helpers for the window's text: the HTML-like markup it draws, names, colours and options."""

from __future__ import annotations

import html
from collections.abc import Iterable

from game.analysis.hints import crossing, option_marks
from game.engine.view import View
from game.scenario.public import PublicScenario
from game.scenario.space import OPEN, Package

# Okabe-Ito colours, one per negotiator in the scenario's order; the mediator's is a light grey
SIDE_HEX = ("#56B4E9", "#E69F00", "#3BC49A", "#F07E3C")
MEDIATOR_HEX = "#DCE3EE"
NARRATION_HEX = "#b9c4d6"
STAKEHOLDER_HEX = "#CC79A7"


def esc(text: str) -> str:
    return html.escape(text, quote=False).replace("\n", "<br>")


def side_hex(sc: PublicScenario, actor: str | None) -> str:
    if actor in sc.negotiators:
        return SIDE_HEX[sc.negotiators.index(actor) % len(SIDE_HEX)]
    if actor is not None and actor == sc.mediator:
        return MEDIATOR_HEX
    return STAKEHOLDER_HEX if actor else NARRATION_HEX


def side_rgb(sc: PublicScenario, actor: str) -> tuple[int, int, int]:
    value = side_hex(sc, actor).lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def seat_title(sc: PublicScenario, seat: str) -> str:
    """'Sergei Lavrov (Russian Federation)': who sits at a seat, and for whom (its name without glosses)."""
    speaker = sc.speaker(seat).split(",")[0]
    name = short_name(sc.actors[seat].name)
    return name if speaker == name else f"{speaker} ({name})"


def short_name(name: str) -> str:
    """A name without its bracketed gloss: 'Serbia' for 'Serbia (FR Yugoslavia, for the Bosnian Serbs)'."""
    head = name.split(" (")[0].strip()
    return head or name


def option_label(sc: PublicScenario, issue: int, option: int, building: bool = False) -> str:
    """An option's label; an issue not settled reads "(leave open)" in the offer builder (a choice, not an
    option called "open"), "(left open)" in an offer."""
    if option == OPEN:
        return "(leave open)" if building else "(left open)"
    return sc.issue_specs[issue].options[option].label


def speaker_name(speaker: str) -> str:
    """A short speaker name: 'Antony Blinken' rather than 'Antony Blinken, Secretary of State'."""
    return speaker.split(",")[0] if speaker else ""


def speaker_label(sc: PublicScenario, speaker: str, actor: str | None) -> str:
    """Who speaks a line, as the log names them: one person's name without their title ('Antony
    Blinken'); a group of people ('Foreign ministers Annalena Baerbock, Jean-Yves Le Drian and Liz
    Truss') by the actor they speak for ('European allies'), not by the first of their names."""
    if not speaker:
        return ""
    several = " and " in speaker or " & " in speaker or speaker.count(",") > 1
    if several and actor is not None and actor in sc.actors:
        return short_name(sc.actors[actor].name)
    return speaker_name(speaker)


# names said with "the": "the United States", "the Russian Federation", "the European allies"
_THE_FIRST = ("united", "russian", "european", "arab", "soviet", "federal", "islamic", "democratic", "people's",
              "republic", "kingdom", "state", "allies", "west", "western", "international")
_THE_LAST = ("states", "federation", "union", "republic", "kingdom", "nations", "emirates", "alliance",
             "netherlands", "islands", "philippines", "allies", "powers", "government", "authority", "council")


def the_name(name: str) -> str:
    """A name as it reads inside a sentence: 'the United States', 'Russia', 'the Russian Federation'."""
    words = name.split()
    if not words or words[0].lower() == "the":
        return name
    if words[0].lower() in _THE_FIRST or words[-1].lower() in _THE_LAST:
        return "the " + name
    return name


def possessive(name: str) -> str:
    """'Russia's', "the United States'", 'the Russian Federation's': the owner of an offer."""
    name = the_name(name)
    return name + ("'" if name.endswith("s") else "'s")


def capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def crossed_lines(view: View, package: Package, *, allies: bool = False) -> list[str]:
    """The issues on which `package` crosses one of the seat's own red lines that still bind (bluffs too: it knows
    them), and with `allies` those of its must-ratify stakeholders (``game.analysis.hints.crossing``, the one
    computation every warning comes from)."""
    sc = view.scenario
    found = crossing(view, package)
    lines = (*found.firm, *found.bluffs, *(found.allies if allies else ()))
    return list(dict.fromkeys(sc.issue_specs[line.issue].title for line in lines))


def crosses_on(view: View, issue: int, option: int) -> list[str]:
    """Why an option is out of the question for this seat, in words (empty when it is not): as the terminal's
    offer builder marks it."""
    return option_marks(view, issue, option)


def joined(words: list[str]) -> str:
    """'A, B and C'."""
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def names(sc: PublicScenario, seats: Iterable[str], you: str | None = None) -> str:
    """The seats' short names joined ('you' for `you`)."""
    return joined(["you" if s == you else short_name(sc.actors[s].name) for s in seats])
