"""What a student found wrong, in the window (issue 10, section 5): the game the student played is rebuilt move
by move (`--side us --difficulty easy --seed 42`: the event answered with option 2, one proposal, Russia's
counter), so the tests do not depend on what the AI would choose."""

from __future__ import annotations

from typing import Any

import numpy as np
import pygame
import pytest

from game.analysis.debrief import Pair
from game.engine import LogEntry, Move, observe
from game.resources import scenario_path
from game.scenario import load_scenario
from game.scenario.model import Scenario
from game.seats import HUMAN, Controller
from game.ui import nav, theme
from game.ui.chart import BLOCKED, CLOUD, Plane, meters_chart, outcome_chart
from game.ui.session import Session
from game.ui.table_text import log_html
from tests.students import OURS, RUSSIAS, package


@pytest.fixture(scope="module")
def geneva() -> Scenario:
    return load_scenario(scenario_path("geneva-2022"))


def students_session(sc: Scenario, accept: bool = False) -> Session:
    session = Session.start(sc, {"us": HUMAN, "russia": Controller("ai", "easy")}, seed=42, practice=True)
    for move in (Move("choose", target="minor_intrusion", choice="let_stand"),
                 Move("propose", package=package(sc, OURS)), Move("propose", package=package(sc, RUSSIAS)),
                 *((Move("accept"),) if accept else ())):
        session._apply(move)  # Russia's counter too: the AI is not asked
    return session


class Said:
    """A font that keeps every text it draws."""

    def __init__(self, font: pygame.font.Font, said: list[str]):
        self.font, self.said = font, said

    def render(self, text: str, *args: Any, **kwargs: Any) -> pygame.Surface:
        self.said.append(text)
        return self.font.render(text, *args, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.font, name)


@pytest.fixture
def drawn(monkeypatch) -> list[str]:  # type: ignore[no-untyped-def]
    pygame.font.init()
    said: list[str] = []
    real = theme.font
    monkeypatch.setattr(theme, "font", lambda *a, **k: Said(real(*a, **k), said))
    return said


def test_accepting_across_your_firm_red_line_opens_a_dialog_focused_on_no(app, geneva):
    session = students_session(geneva)
    nav.table(app, session)
    screen = app.screen
    assert screen.name == "table" and screen.dialog is None
    moves = session.state.moves_made
    app.press(pygame.K_a, unicode="a")
    assert screen.dialog is not None and screen.dialog[0] == "Accept across your red line?"
    assert "Ukraine and NATO membership" in screen.dialog[1] and "refuse" in screen.dialog[1]
    assert screen.focused_name() == "dialog_1"  # "No, do not accept": A then Enter does not end the game
    app.press(pygame.K_RETURN)
    assert screen.dialog is None and session.state.moves_made == moves
    app.press(pygame.K_a, unicode="a")
    app.click("dialog_0")
    assert session.state.over


def test_the_offer_builder_names_an_open_issue_plainly_and_starts_from_your_own_offer(app, geneva):
    session = students_session(geneva)
    nav.table(app, session)
    screen = app.screen
    assert tuple(screen.package) == package(geneva, OURS)  # not Russia's counter on the table
    for _ in range(len(geneva.options[0]) - geneva.option_index[0]["moratorium"]):
        app.click("issue_0_next")  # round to the open choice
    assert screen.widgets["issue_0"].text == "(leave open)"


def test_an_event_names_its_source_first_in_the_dialog_and_the_log(app, geneva):
    app.click("play")
    app.click("scenario_geneva_2022")
    app.click("start")
    app.click("to_table")
    title, text, _choices, _ = app.screen.dialog
    assert text.startswith("<i>Source: Reporters in Geneva</i><br>")
    assert "Reporters in Geneva" not in text.split("<br>", 1)[1]  # not again before the question
    view = observe(students_session(geneva).state, "us")
    item = LogEntry(4, "Antony Blinken", None, "event", "The allies' line from Berlin: Blinken said so.")
    html, _ = log_html(view, [item], 4, False)
    assert "Event (source: Antony Blinken):" in html and not html.endswith("(Antony Blinken)")


def test_the_window_debrief_explains_the_score_and_says_only_what_happened_to_a_bluff(app, geneva):
    session = students_session(geneva, accept=True)
    nav.debrief(app, session)
    report = app.screen.report()
    assert "score: 0 = no better than no deal, 1 = your best case" in report
    assert "gave way" not in report and "its condition was met" in report


def test_the_meters_chart_labels_its_columns_as_the_debrief_took_them(geneva, drawn):
    state = students_session(geneva, accept=True).state
    meters_chart(geneva.public, state.timeline, (700, 200))
    assert {"start", "1", "end"} <= set(drawn)
    assert any("before turn 1's events" in text for text in drawn)


SIZE = 800


def chart_of(blocked: list[bool]) -> pygame.Surface:
    pair = Pair(("a", "b"), np.array([[0.1, 0.6], [0.6, 0.1]]), (0.05, 0.05), None, None, (),
                np.array([[0.3, 0.2], [0.5, 0.5]]), np.array(blocked))
    plane = Plane(("A", "B"), ((200, 0, 0), (0, 0, 200)), (1.0, 1.0), pair.cloud, (), 0, pair.blocked)
    return outcome_chart(pair, plane, (SIZE, SIZE))


def colours_near(surface: pygame.Surface, ua: float, ub: float) -> set[tuple[int, int, int]]:
    left, top = 56, 34  # as outcome_chart lays it out (scale 1)
    width, height = SIZE - left - 14, SIZE - top - 46
    x, y = int(left + width * ua), int(top + height - height * ub)
    return {tuple(surface.get_at((x + dx, y + dy))[:3]) for dx in range(-3, 4) for dy in range(-3, 4)}


def test_packages_across_a_firm_red_line_are_drawn_apart_and_the_legend_says_why(drawn):
    surface = chart_of([False, True])
    beyond = colours_near(surface, 0.5, 0.5)  # beyond the frontier: hollow, dimmer, not a package's dot
    assert BLOCKED in beyond and CLOUD not in beyond
    assert CLOUD in colours_near(surface, 0.3, 0.2)
    assert any("firm red line" in text for text in drawn)
    drawn.clear()
    surface = chart_of([False, False])
    assert CLOUD in colours_near(surface, 0.5, 0.5)
    assert not any("firm red line" in text for text in drawn)  # nothing to explain


def test_the_debrief_pair_marks_the_packages_no_deal_can_use(geneva):
    state = students_session(geneva, accept=True).state
    from game.analysis.debrief import debrief

    d = debrief(state)
    pair = d.pair("us", "russia")
    space = geneva.outcome_space()
    written_ban = geneva.option_index[0]["written_ban"]  # the US's firm red line in this game
    assert pair.blocked.shape == (len(space),)
    assert pair.blocked[space[:, 0] == written_ban].all()
    frontier = {tuple(np.round(p, 9)) for p in pair.frontier}
    free = {tuple(np.round(p, 9)) for p in pair.cloud[~pair.blocked]}
    assert frontier <= free  # the frontier holds only packages a deal can use
    best_free = pair.cloud[~pair.blocked].sum(axis=1).max()
    assert (pair.cloud[pair.blocked].sum(axis=1) > best_free).any()  # what the student saw beyond the frontier


def test_the_window_debrief_lists_the_priorities_this_game_drew(app, geneva):  # type: ignore[no-untyped-def]
    session = students_session(geneva, accept=True)
    nav.debrief(app, session)
    report = app.screen.report()
    assert "Priorities in this game" in report
    weights = session.state.valuations["us"].weights
    assert f"{max(weights):.2f}" in report  # the US's largest drawn weight, as drawn


def test_the_window_briefing_says_the_priorities_were_drawn_for_this_game(app, geneva):  # type: ignore[no-untyped-def]
    from game.analysis.card import role_card
    from game.ui.screens.briefing import card_html

    session = students_session(geneva)
    view = session.view("us")
    left, _ = card_html(role_card(view.scenario, view.own))
    assert "Your priorities were drawn for this game" in left
