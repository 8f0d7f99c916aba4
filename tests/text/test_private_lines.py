"""Which lines of the record are marked "(only you hear this)": those said to the reader alone (an answer to its
question, a stakeholder's reply when it consults), in the terminal as in the window (one rule,
``game.analysis.hints.heard_alone``). At a table of two, the other side's reading of the chooser's event choice is
told to every seat but the chooser, not to the reader alone: it is not marked, and neither is the chooser's own
wording of it."""

from __future__ import annotations

from game.analysis.hints import PRIVATE, heard_alone
from game.engine import Move, State, apply, new_game, observe
from game.engine.state import LogEntry
from game.resources import scenario_path
from game.scenario import load_scenario
from game.text import render

GENEVA = load_scenario(scenario_path("geneva-2022"))
DAYTON = load_scenario(scenario_path("dayton-1995"))
MARK = f"({PRIVATE})"


def chosen() -> State:
    """Geneva, turn 1: the US answers the "minor incursion" event."""
    state = new_game(GENEVA, 3, voiced=["russia"])
    assert state.phase == "choice" and state.to_move == "us"
    return apply(state, Move("choose", target="minor_intrusion", choice="clarify"))


def asked_and_answered(state: State, asker: str, answerer: str, issue: str) -> State:
    """Moves the first legal move until `asker` is to move, then it asks `answerer`, who answers plainly."""
    while state.phase != "move" or state.to_move != asker:
        state = apply(state, observe(state, state.to_move or "").moves[0])
    state = apply(state, Move("question", target=issue, seat=answerer))
    assert state.phase == "answer" and state.to_move == answerer
    return apply(state, Move("answer", choice=observe(state, answerer).moves[0].choice))


def last(state: State, kind: str, seat: str) -> LogEntry:
    return next(e for e in reversed(observe(state, seat).log) if e.kind == kind)


def test_the_choice_told_to_the_other_side_of_two_is_not_marked_private() -> None:
    state = chosen()
    theirs, mine = last(state, "choice", "russia"), last(state, "choice", "us")
    assert theirs.audience == {"russia"} and mine.audience == {"us"}  # the engine's two wordings
    assert not heard_alone(observe(state, "russia"), theirs)
    assert not heard_alone(observe(state, "us"), mine)
    assert MARK not in render.entry(theirs, False, observe(state, "russia"))
    assert MARK not in render.entry(mine, False, observe(state, "us"))


def test_an_answer_is_marked_for_the_asker_only() -> None:
    state = asked_and_answered(chosen(), "us", "russia", "troops")
    answer = last(state, "answer", "us")
    assert heard_alone(observe(state, "us"), answer)
    assert not heard_alone(observe(state, "russia"), answer)  # its own words
    assert render.entry(answer, False, observe(state, "us")).rstrip().endswith(MARK)
    assert MARK not in render.entry(answer, False, observe(state, "russia"))


def test_a_consultation_reply_is_marked_and_the_other_side_does_not_hear_it() -> None:
    state = chosen()
    state = apply(state, Move("consult", target="european_allies"))
    reply = last(state, "consult", "us")
    assert reply.actor == "european_allies"
    assert heard_alone(observe(state, "us"), reply)
    assert reply not in observe(state, "russia").log
    assert MARK in " ".join(render.entry(reply, False, observe(state, "us")).split())
    moved = next(e for e in observe(state, "russia").log if e.kind == "move" and e.actor == "us")
    assert not heard_alone(observe(state, "russia"), moved)  # "consults European allies" is said to all


def test_at_a_table_of_three_an_answer_is_marked_for_the_asker_and_unheard_by_the_third() -> None:
    state = asked_and_answered(new_game(DAYTON, 2), "bosnia", "serbia", DAYTON.spec.issues[0].id)
    answer = last(state, "answer", "bosnia")
    assert heard_alone(observe(state, "bosnia"), answer)
    assert not heard_alone(observe(state, "serbia"), answer)
    assert answer not in observe(state, "croatia").log


def test_the_terminal_marks_a_private_line_as_it_prints_the_record() -> None:
    """Through the game loop's printing of what a seat has not seen (``TextGame.flush``)."""
    import io

    from game.seats import HUMAN
    from game.text.play import Console, Options, Seen, TextGame

    state = asked_and_answered(chosen(), "us", "russia", "troops")
    for seat, marked in (("us", 1), ("russia", 0)):
        out = io.StringIO()
        game = TextGame(GENEVA, Console(io.StringIO(""), out), Options(side=seat))
        game.state, game.seats, game.seen = state, {"us": HUMAN, "russia": HUMAN}, {seat: Seen()}
        game.flush(observe(state, seat))
        assert " ".join(out.getvalue().split()).count(MARK) == marked, seat
