"""The terminal: a question put to you is shown with the ways to answer it and what each tells the asker, and your
choice is the move the record keeps; red-line warnings on the table come from the one computation the hints and
the window use; the briefing lists stakeholders under a heading only when it has some to list."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from game.analysis.card import role_card
from game.analysis.hints import offer_warning
from game.engine import Move, State, apply, new_game, observe
from game.engine.state import Offer
from game.engine.talk import answer_options
from game.resources import scenario_path
from game.scenario import load_scenario
from game.scenario.model import Scenario
from game.seats import HUMAN
from game.text import render
from game.text.play import Console, HumanPlayer, Options, Seen, TextGame, play_text

GENEVA = load_scenario(scenario_path("geneva-2022"))


def asked_by_russia(sc: Scenario = GENEVA, seed: int = 3) -> State:
    """Geneva: the US passes, and Russia asks the US about its troops' issue."""
    state = new_game(sc, seed, voiced=["russia"])
    while state.phase != "move" or state.to_move != "us":
        state = apply(state, observe(state, state.to_move or "").moves[0])
    state = apply(state, Move("pass"))
    return apply(state, Move("question", target="troops"))


def player(state: State, typed: str) -> tuple[HumanPlayer, io.StringIO]:
    out = io.StringIO()
    game = TextGame(GENEVA, Console(io.StringIO(typed), out), Options(side="us"))
    game.state, game.seats, game.seen = state, {"us": HUMAN, "russia": HUMAN}, {"us": Seen()}
    return HumanPlayer(game), out


def flat(text: str) -> str:
    return " ".join(text.split())


def test_a_question_put_to_you_offers_the_ways_to_answer_with_what_each_reveals() -> None:
    state = asked_by_russia()
    view = observe(state, "us")
    human, out = player(state, "2\n")
    assert human.choose(view) == Move("answer", choice="vague")
    said = flat(out.getvalue())
    assert "Sergei Lavrov (Russian Federation) asks how much Russian troops at Ukraine's border matters to you" in said
    assert "answering does not use your move" in said
    for n, option in enumerate(answer_options(view), 1):
        assert flat(f'{n}) {option.label}: "{option.says}" {option.reveals}') in said
    assert "How do you answer?" in said
    human, _ = player(state, "decline\n")  # by its word, too
    assert human.choose(view) == Move("answer", choice="decline")


def test_after_the_answer_the_table_and_the_hints_come_for_your_move(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    out = io.StringIO()
    typed = ["1", "n", "decline"] * 30  # the event; pass; decline any question (at the moves: an unknown move)
    play_text(GENEVA, Options(side="us", difficulty="normal", seed=3), stdin=io.StringIO("\n".join(typed) + "\n"),
              stdout=out)
    text = out.getvalue()
    assert "How do you answer?" in text and "=== Debrief" in text
    after = text[text.index("How do you answer?"):]
    # the answer is said, then the table for the move that follows
    assert after.index("our position is known") < after.index("On the table") < after.index("Moves:")
    saved = next((tmp_path / "detente" / "games").glob("*.json")).read_text(encoding="utf-8")
    assert '"move": "answer decline"' in saved  # the transcript keeps the answer


def test_the_help_says_how_a_question_put_to_you_is_answered() -> None:
    from game.text.play import help_text

    assert "you choose how to answer" in flat(help_text(observe(new_game(GENEVA, 1), "us")))


# red lines: one warning, everywhere ------------------------------------------------------------------------
def us_facing(package: tuple[int, ...], by: str = "russia") -> State:
    state = new_game(GENEVA, 1)
    while state.phase != "move" or state.to_move != "us":
        state = apply(state, observe(state, state.to_move or "").moves[0])
    offer = Offer(by, package, state.turn)
    return state.evolve(offer=offer, offers=(offer,))


def ids(*names: str) -> tuple[int, ...]:
    return tuple(GENEVA.option_index[i][x] if x else -1 for i, x in enumerate(names))


@pytest.mark.parametrize("package, by, words", [
    (ids("written_ban", "rollback", "stay", "relief", "leaders_summit"), "russia", "The offer on the table crosses"),
    (ids("written_ban", "", "", "", ""), "russia", "The partial offer on the table already crosses"),
    (ids("written_ban", "status_quo", "verified_withdrawal", "in_reserve", "normandy_minsk"), "us",
     "Your own offer on the table crosses"),
])
def test_the_terminals_table_warns_of_an_offer_across_your_red_line_whoever_made_it(
        package: tuple[int, ...], by: str, words: str) -> None:
    view = observe(us_facing(package, by), "us")
    warning = offer_warning(view)
    assert warning is not None and warning.startswith(words) and "firm red line" in warning
    assert flat(f"(!) {warning}") in flat(render.table(view))


def test_an_offer_within_your_red_lines_gets_no_warning() -> None:
    view = observe(us_facing(ids("moratorium", "status_quo", "verified_withdrawal", "in_reserve",
                                 "normandy_minsk")), "us")
    assert offer_warning(view) is None and "(!)" not in render.table(view)


# the briefing's stakeholders -------------------------------------------------------------------------------
def test_the_briefing_lists_stakeholders_under_a_heading_only_when_there_are_some() -> None:
    russia = render.briefing(role_card(GENEVA.public, observe(new_game(GENEVA, 1), "russia").own))
    us = render.briefing(role_card(GENEVA.public, observe(new_game(GENEVA, 1), "us").own))
    for text in (russia, us):
        lines = text.splitlines()
        for n, line in enumerate(lines):  # every heading of stakeholders has one under it
            if line.endswith("stakeholders:"):
                assert lines[n + 1].startswith("  - "), text
    assert "Your stakeholders:" not in russia and "The other side's stakeholders:\n  - Ukraine" in russia
    assert "Your stakeholders:\n  - Ukraine" in us and "other side's stakeholders" not in us
    assert "\nStakeholders:" not in russia + us


# the last round's hint ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("name, seats", [
    ("dayton-1995", {"bosnia": HUMAN}), ("dayton-1995", {"croatia": HUMAN}),  # after the mediator, or last
    ("geneva-2022", {"us": HUMAN, "russia": HUMAN}),  # two people at one screen
])
def test_the_last_round_hint_comes_under_the_last_rounds_heading_whatever_the_order_of_seats(
        name: str, seats: dict[str, object], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    sc = load_scenario(scenario_path(name))
    out = io.StringIO()
    typed = ["1", "n", ""] * 200  # an event's first choice, or an honest answer; pass; Enter (at a hand-over)
    play_text(sc, Options(named=seats, difficulty="easy", seed=42),  # type: ignore[arg-type]
              stdin=io.StringIO("\n".join(typed) + "\n"), stdout=out)
    heading, seen = "", []
    for line in out.getvalue().splitlines():
        if line.startswith("--- Turn "):
            heading = line.split(":")[0]
        if "Hint: This is the last round" in line:
            seen.append(heading)
    assert seen and set(seen) == {f"--- Turn {sc.deadline} of {sc.deadline}"}
