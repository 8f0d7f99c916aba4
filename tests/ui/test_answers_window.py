"""The window: a question put to you comes up as a dialog with the ways to answer and what each tells the asker,
and the answer you click is the move the record keeps; the offer box and the offer builder warn of red lines in
the words the terminal and the hints use; the log heads a new round even before anything is said in it."""

from __future__ import annotations

import re
from pathlib import Path

import pygame
import pytest

from game.analysis.hints import offer_warning
from game.engine import Move, apply, observe
from game.engine.state import Offer
from game.engine.talk import answer_options
from game.resources import scenario_path
from game.scenario import load_scenario
from game.scenario.model import Scenario
from game.seats import HUMAN, Controller
from game.ui import nav
from game.ui.session import Session
from game.ui.table_text import offer_html, verdict
from game.ui.text import esc

HARBOUR3 = Path(__file__).resolve().parents[1] / "data" / "harbour3.yaml"


@pytest.fixture(scope="module")
def geneva() -> Scenario:
    return load_scenario(scenario_path("geneva-2022"))


def asked_session(sc: Scenario) -> Session:
    """Geneva, the US a person: the event answered, the US passes, and Russia asks about the troops."""
    session = Session.start(sc, {"us": HUMAN, "russia": Controller("ai", "easy")}, seed=3, practice=True)
    while session.state.phase != "move" or session.state.to_move != "us":
        session._apply(observe(session.state, session.state.to_move or "").moves[0])
    for move in (Move("pass"), Move("question", target="troops")):
        session._apply(move)  # Russia's question too: the AI is not asked
    return session


def test_a_question_put_to_you_is_a_dialog_of_the_ways_to_answer(app, geneva):  # type: ignore[no-untyped-def]
    session = asked_session(geneva)
    nav.table(app, session)
    screen = app.screen
    view = screen.view
    assert view.question is not None and screen.dialog is not None
    title, text, choices, cancellable = screen.dialog
    assert title == "A question for you" and not cancellable
    assert "Sergei Lavrov" in text and "Russian troops at Ukraine's border" in text
    assert [label for label, _ in choices] == [o.label for o in answer_options(view)]
    for option in answer_options(view):  # what each tells the asker, always; its words when the window has room
        assert esc(option.reveals) in text
    assert "your answer" in screen.widgets["turn"].text
    assert not any(screen.widgets[k].is_enabled for k in ("promise", "propose"))  # no move before the answer
    app.press(pygame.K_ESCAPE)
    assert screen.dialog is not None and screen.dialog[0] == "A question for you"  # it cannot be dismissed
    moves = len(session.transcript.moves)
    app.click("dialog_1")  # Answer vaguely
    assert session.transcript.moves[moves]["move"] == "answer vague"
    assert session.transcript.moves[moves]["actor"] == "us"
    assert screen.dialog is None and observe(session.state, "us").question is None
    said = next(e for e in reversed(session.state.log) if e.kind == "answer")
    assert said.actor == "us" and " than " in said.text  # a comparison with another issue


def test_the_offer_box_warns_in_the_words_of_the_terminal_and_the_hints(geneva) -> None:  # type: ignore[no-untyped-def]
    from game.engine import new_game
    from game.text import render

    state = new_game(geneva, 1)
    while state.phase != "move" or state.to_move != "us":
        state = apply(state, observe(state, state.to_move or "").moves[0])
    ban = (geneva.option_index[0]["written_ban"], -1, -1, -1, -1)
    for by in ("russia", "us"):
        view = observe(state.evolve(offer=Offer(by, ban, state.turn)), "us")
        warning = offer_warning(view)
        assert warning is not None
        assert warning in offer_html(view) and warning in " ".join(render.table(view).split())


def test_the_builder_warns_of_a_stakeholders_red_line_as_the_terminal_marks_it() -> None:
    from game.engine import new_game
    from game.text.play import _marks
    from game.ui.text import crosses_on

    sc = load_scenario(HARBOUR3)
    state = new_game(sc, 0)
    while state.phase != "move" or state.to_move != "north":
        state = apply(state, observe(state, state.to_move or "").moves[0])
    view = observe(state, "north")
    private = sc.option_index[2]["private"]
    assert crosses_on(view, 2, private) == ["The dockers' union would reject it"]
    assert _marks(view, 2, private) == "  [The dockers' union would reject it]"
    words, style = verdict(view, (1, 1, private, 1))
    assert style == "#warning" and words[0].startswith("(!) The dockers' union would reject it at home")


def test_the_log_heads_a_new_round_before_anything_is_said_in_it(app, geneva):  # type: ignore[no-untyped-def]
    session = Session.start(geneva, {"us": HUMAN, "russia": Controller("ai", "easy")}, seed=3, practice=True)
    while session.state.phase != "move" or session.state.to_move != "us":
        session._apply(observe(session.state, session.state.to_move or "").moves[0])
    # the round after: nothing said in it yet (its events and reactions aside), as when the last round begins
    quiet = session.state.evolve(turn=session.state.turn + 1)
    session.state, session._views = quiet, {}
    nav.table(app, session)
    screen = app.screen
    assert not any(e.turn == quiet.turn for e in screen.view.log)
    heads = re.findall(r"Turn (\d+) of (\d+)", screen.texts["log"])
    assert heads[-1] == (str(quiet.turn), str(geneva.deadline))
    assert screen.headings == 1 and heads.count(heads[-1]) == 1
