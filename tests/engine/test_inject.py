"""Events the instructor fires at a table (`inject`): they happen at the start of the next round, whatever their
own turn or condition, once; the record keeps them and proves them."""

from __future__ import annotations

import json

import pytest

from game.engine import IllegalMoveError, Move, apply, inject, new_game
from game.engine.transcript import INSTRUCTOR, RecordMismatch, Transcript
from game.proof import prove
from game.resources import scenario_path
from game.scenario import load_scenario

GENEVA = load_scenario(scenario_path(None))


def to_round_end(state, transcript=None):  # noqa: ANN001, ANN201
    """Every seat passes (answering what it must) until the round ends."""
    turn = state.turn
    while state.turn == turn and not state.over:
        if state.phase == "choice":
            event = GENEVA.event(state.pending[0]).spec
            move = Move("choose", target=event.id, choice=event.choices[0].id)
        elif state.phase == "answer":
            move = Move("answer", choice="decline")
        else:
            move = Move("pass")
        after = apply(state, move)
        if transcript is not None:
            transcript.record(state, move, after)
        state = after
    return state


def test_an_injected_event_happens_at_the_next_round_whatever_its_condition() -> None:
    state = new_game(GENEVA, 3)
    # troop_reports waits for tension >= 0.75; the instructor fires it now
    queued = inject(state, "troop_reports")
    assert "troop_reports" not in queued.fired and queued.injected == ("troop_reports",)
    assert queued.meters == state.meters and queued.log == state.log  # nothing happens before the next round
    after = to_round_end(queued)
    assert after.turn == 2 and "troop_reports" in after.fired and after.injected == ()
    told = [e for e in after.log if e.kind == "event" and e.turn == 2]
    assert any("troop" in e.text.lower() or GENEVA.event("troop_reports").spec.title in e.text for e in told)
    # it asks its chooser (russia) first, before the round's moves
    assert after.phase == "choice" and after.to_move == GENEVA.event("troop_reports").spec.chooser


def test_an_event_happens_once_and_not_after_the_last_round() -> None:
    state = new_game(GENEVA, 3)
    with pytest.raises(IllegalMoveError, match="already happened"):
        inject(state, "minor_intrusion")  # turn 1's own event, already fired
    queued = inject(state, "meeting_runs_late")
    with pytest.raises(IllegalMoveError, match="already happened"):
        inject(queued, "meeting_runs_late")
    with pytest.raises(IllegalMoveError, match="no event"):
        inject(state, "alien_landing")
    late = state
    while late.turn < GENEVA.deadline:
        late = to_round_end(late)
    with pytest.raises(IllegalMoveError, match="last round"):
        inject(late, "troop_reports")


def test_a_record_with_an_inject_proves_itself_and_an_edited_one_does_not() -> None:
    state = new_game(GENEVA, 5, voiced=[])
    transcript = Transcript.start(state, {"us": "human", "russia": "human"})
    state = to_round_end(state, transcript)
    after = inject(state, "troop_reports")
    transcript.record_inject(state, "troop_reports", after)
    state = to_round_end(after, transcript)
    assert "troop_reports" in state.fired
    data = json.loads(json.dumps(transcript.to_dict()))
    entry = next(m for m in data["moves"] if m["actor"] == INSTRUCTOR)
    assert entry == {"turn": 2, "actor": INSTRUCTOR, "move": "inject troop_reports"}
    proven = prove(Transcript.from_dict(data), GENEVA)
    assert proven.state.fingerprint() == state.fingerprint()
    for field, value in (("move", "inject kremlin_reply"), ("turn", 3), ("move", "inject")):
        edited = json.loads(json.dumps(data))
        target = next(m for m in edited["moves"] if m["actor"] == INSTRUCTOR)
        target[field] = value
        with pytest.raises(RecordMismatch):
            prove(Transcript.from_dict(edited), GENEVA)
    removed = json.loads(json.dumps(data))
    removed["moves"] = [m for m in removed["moves"] if m["actor"] != INSTRUCTOR]
    with pytest.raises(RecordMismatch):
        prove(Transcript.from_dict(removed), GENEVA)
