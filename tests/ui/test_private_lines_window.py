"""The window's record marks "(only you hear this)" on the lines said to the reader alone, by the rule the
terminal uses: at a table of two the other side's reading of an event choice is not marked (it was), an answer to
the reader's question and a stakeholder's reply to its consultation are."""

from __future__ import annotations

from game.engine import Move, apply, new_game, observe
from game.ui.table_text import log_html
from tests.text.test_private_lines import DAYTON, asked_and_answered, chosen, last

MARK = "<i>(only you hear this)</i>"


def html(state, seat: str, kind: str) -> str:  # type: ignore[no-untyped-def]
    view = observe(state, seat)
    return log_html(view, [last(state, kind, seat)], view.turn, False)[0]


def test_the_other_side_of_two_reads_the_choosers_line_unmarked() -> None:
    state = chosen()
    assert "Blinken tells reporters" in html(state, "russia", "choice")
    assert MARK not in html(state, "russia", "choice")
    assert MARK not in html(state, "us", "choice")


def test_an_answer_and_a_consultation_reply_are_marked_for_the_reader_alone() -> None:
    state = asked_and_answered(chosen(), "us", "russia", "troops")
    assert html(state, "us", "answer").endswith(MARK)
    assert MARK not in html(state, "russia", "answer")  # its own answer
    state = apply(chosen(), Move("consult", target="european_allies"))
    assert html(state, "us", "consult").endswith(MARK)


def test_at_a_table_of_three_the_asker_alone_reads_the_answer_marked() -> None:
    state = asked_and_answered(new_game(DAYTON, 2), "bosnia", "serbia",
                               DAYTON.spec.issues[0].id)
    assert html(state, "bosnia", "answer").endswith(MARK)
    assert MARK not in html(state, "serbia", "answer")
