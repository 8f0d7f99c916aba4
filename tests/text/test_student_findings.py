"""What a student found wrong in the terminal and the debrief (issue 10, section 5), each pinned by a test.

The game the student played is rebuilt move by move through the engine (`--side us --difficulty easy --seed 42`:
the event answered with option 2, one proposal, Russia's counter, accepted), so the tests do not depend on what
the AI would choose."""

from __future__ import annotations

import io
import re

import pytest

from game.analysis.card import role_card
from game.analysis.debrief import debrief, meter_columns
from game.engine import LogEntry, Move, State, apply, new_game, observe
from game.resources import scenario_path
from game.scenario import load_scenario
from game.scenario.model import Scenario
from game.seats import HUMAN
from game.text import render
from game.text.play import Console, HumanPlayer, Options, Seen, TextGame
from tests.students import OURS, RUSSIAS, package

SHIPPED = sorted(scenario_path(None).parent.glob("*.yaml"))


@pytest.fixture(scope="module")
def geneva() -> Scenario:
    return load_scenario(scenario_path("geneva-2022"))


def students_game(sc: Scenario, accept: bool = True) -> State:
    """Up to Russia's counter (and the US accepting it, with `accept`)."""
    state = new_game(sc, 42, voiced=["russia"])
    state = apply(state, Move("choose", target="minor_intrusion", choice="let_stand"))  # option 2
    state = apply(state, Move("propose", package=package(sc, OURS)))
    state = apply(state, Move("propose", package=package(sc, RUSSIAS)))  # Russia never moves off rollback
    return apply(state, Move("accept")) if accept else state


def player(sc: Scenario, state: State, answers: str) -> tuple[HumanPlayer, io.StringIO]:
    out = io.StringIO()
    game = TextGame(sc, Console(io.StringIO(answers), out), Options(side="us"))
    game.state, game.seats, game.seen = state, {"us": HUMAN, "russia": HUMAN}, {"us": Seen()}
    return HumanPlayer(game), out


def flat(text: str) -> str:
    return " ".join(text.split())


# the meters over the game ------------------------------------------------------------------------------
def test_the_debriefs_meter_columns_say_when_each_figure_was_taken(geneva: Scenario) -> None:
    state = students_game(geneva)
    shown = observe(new_game(geneva, 42, voiced=["russia"]), "us").meters  # what turn 1's table showed
    assert state.timeline[0] != shown  # the turn's event moved a meter before the table showed it
    text = render.debrief(geneva.public, debrief(state), "us")
    head = next(line for line in text.splitlines() if line.split()[:2] == ["turn", "0"])
    assert head.split()[1:] == ["0", *list(meter_columns(len(state.timeline)))[1:]] == ["0", "1", "end"]
    assert "Column 0: at the start, before turn 1's events" in flat(text)
    assert "The table showed each turn's meters after that turn's events" in flat(text)
    assert meter_columns(1) == ("start",) and meter_columns(4) == ("start", "1", "2", "end")


# red lines ------------------------------------------------------------------------------------------------
def test_a_bluff_whose_condition_was_met_is_not_said_to_have_given_way(geneva: Scenario) -> None:
    state = students_game(geneva)
    line = next(x for x in debrief(state).red_lines if x.owner == "russia" and not x.firm)
    assert line.softened and not line.gave_way  # its condition was met; Russia never left rollback
    text = flat(render.debrief(geneva.public, debrief(state), "us"))
    assert "gave way" not in text
    assert "a bluff: its condition was met" in text and "never offered or accepted a package across it" in text


def test_a_bluff_gives_way_only_when_its_owner_crosses_it(geneva: Scenario) -> None:
    state = students_game(geneva, accept=False)
    state = apply(state, Move("pass"))  # the US
    counter = package(geneva, ("written_ban", "status_quo", "partial_pullback", "relief", "leaders_summit"))
    state = apply(state, Move("propose", package=counter))  # Russia itself leaves rollback for the status quo
    line = next(x for x in debrief(state).red_lines if x.owner == "russia" and not x.firm)
    assert line.gave_way and line.verdict("Russia").startswith("a bluff that gave way")


def test_a_bluff_nobody_crossed_was_never_tested(geneva: Scenario) -> None:
    state = apply(new_game(geneva, 42), Move("choose", target="minor_intrusion", choice="let_stand"))
    line = next(x for x in debrief(apply(state, Move("walkout"))).red_lines if not x.firm)
    assert not line.crossed and not line.gave_way
    assert "never tested" in line.verdict("Russia")


# accepting across your own firm red line --------------------------------------------------------------
def test_accepting_across_your_firm_red_line_asks_first_and_no_is_the_default(geneva: Scenario) -> None:
    state = students_game(geneva, accept=False)
    view = observe(state, "us")
    human, out = player(geneva, state, "a\n\nn\n")  # accept, Enter at the question, then pass
    assert human.choose(view) == Move("pass")
    said = flat(out.getvalue())
    assert "crosses your firm red line" in said and "Ukraine and NATO membership" in said
    assert "NATO's door stays open" in said and "President Joe Biden will refuse" in said
    assert "Accept it anyway? [1]" in said  # 1) no
    human, out = player(geneva, state, "a\nyes\n")
    assert human.choose(view) == Move("accept")


def test_accepting_an_offer_within_your_red_lines_asks_nothing(geneva: Scenario) -> None:
    state = new_game(geneva, 42, voiced=["russia"])
    state = apply(state, Move("choose", target="minor_intrusion", choice="let_stand"))
    state = apply(state, Move("pass"))
    state = apply(state, Move("propose", package=package(geneva, OURS)))  # Russia offers what the US could take
    view = observe(state, "us")
    assert render.accept_warning(view) is None
    human, _ = player(geneva, state, "a\n")
    assert human.choose(view) == Move("accept")


# the offer builder ---------------------------------------------------------------------------------------
def test_enter_in_the_builder_keeps_your_own_last_offer_not_the_other_sides(geneva: Scenario) -> None:
    state = students_game(geneva, accept=False)
    view = observe(state, "us")
    human, out = player(geneva, state, "\n" * 6)  # Enter at each issue, then at "Propose it?"
    move = human.compose(view)
    assert move is not None and move.package == package(geneva, OURS)
    assert "1) (leave open)" in out.getvalue()


def test_enter_in_the_builder_with_no_offer_of_yours_leaves_every_issue_open(geneva: Scenario) -> None:
    state = new_game(geneva, 42, voiced=["russia"])
    state = apply(state, Move("choose", target="minor_intrusion", choice="let_stand"))
    state = apply(state, Move("pass"))
    state = apply(state, Move("propose", package=package(geneva, RUSSIAS)))
    human, out = player(geneva, state, "\n" * 5)
    assert human.compose(observe(state, "us")) is None
    assert "A proposal must settle at least one issue" in out.getvalue()


# two decimals --------------------------------------------------------------------------------------------
def test_the_briefing_and_the_debrief_show_priorities_with_two_decimals(geneva: Scenario) -> None:
    state = students_game(geneva)
    view = observe(state, "us")
    card = role_card(view.scenario, view.own)
    text = flat(render.briefing(card))
    for priority in card.priorities:
        assert f"{priority.issue} (weight {priority.weight:.2f})" in text
        for label, value in priority.options:
            assert f"{label} {value:.2f}" in text
    assert "Long moratorium 0.35" in text  # not 0.3
    report = flat(render.debrief(geneva.public, debrief(state), "us"))
    weights = dict(zip(geneva.issues, state.valuations["us"].weights))
    assert f"Ukraine and NATO membership (weight {weights['ukraine_nato']:.2f})" in report
    assert not re.search(r"\d%", report.split("Priorities in this game")[1].split("The chart")[0])


# the chart ---------------------------------------------------------------------------------------------
def test_the_terminal_debrief_draws_the_chart_it_talks_about(geneva: Scenario) -> None:
    state = students_game(geneva)
    text = render.debrief(geneva.public, debrief(state), "us")
    assert "The chart: every package by its worth to United States (you)" in flat(text)
    rows = [line for line in text.splitlines() if re.match(r"^  [ \d.]{5} \|", line)]
    assert len(rows) == render.CHART_H
    body = "".join(rows)
    for mark in ("*", "N", "o", "+", "x", "."):
        assert mark in body
    assert "x a package across a firm red line" in flat(text)
    assert all(len(line) <= render.WIDTH for line in text.splitlines() if "|" in line)


# the score -----------------------------------------------------------------------------------------------
def test_the_terminal_debrief_says_what_the_score_is(geneva: Scenario) -> None:
    text = flat(render.debrief(geneva.public, debrief(students_game(geneva)), "us"))
    assert "score: 0 = no better than no deal, 1 = your best case" in text


# events --------------------------------------------------------------------------------------------------
def test_an_event_names_its_source_after_its_title_not_as_the_speaker_of_its_end(geneva: Scenario) -> None:
    item = LogEntry(4, "Antony Blinken", None, "event",
                    "The allies' line from Berlin: Blinken said afterwards that this \"unity gives us strength\".")
    line = flat(render.entry(item, False))
    assert line.startswith("** The allies' line from Berlin (source: Antony Blinken): Blinken said")
    assert not line.endswith("(Antony Blinken)")
    assert render.event_line("No title here", "Reporters") == "(source: Reporters) No title here"
    assert render.event_line("Title: text", "") == "Title: text"


# the scenarios' texts --------------------------------------------------------------------------------------
def shared_texts(sc: Scenario) -> list[str]:
    """The debrief texts and questions every seat reads."""
    spec = sc.spec
    texts = [getattr(spec.outcomes, k).debrief for k in
             ("agreement", "ratification_failed", "walkout", "escalation", "deadline")]
    return texts + (list(spec.debrief.questions) if spec.debrief else [])


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_shared_debrief_texts_ask_no_side_about_a_consultation_it_could_not_make(path) -> None:  # type: ignore[no-untyped-def]
    sc = load_scenario(path)
    unable = [s for s in sc.seats if not sc.public.consultable(s)]
    for text in shared_texts(sc):
        for sentence in re.findall(r"[^.?!]*[.?!]", text):
            asked = sentence.strip().endswith("?") and re.search(r"\byou", sentence, re.I)
            if asked and re.search(r"\bconsult", sentence, re.I):
                assert not unable, f"{path.name}: '{sentence.strip()}' cannot be asked of {unable}"


def test_the_cuba_debrief_does_not_ask_the_us_whether_it_consulted_havana() -> None:
    sc = load_scenario(scenario_path("cuba-1962"))
    state = apply(new_game(sc, 1), Move("walkout"))
    notes = [*debrief(state).notes("us").texts, *debrief(state).notes("us").questions, *shared_texts(sc)]
    assert not any("Did you consult Havana" in text for text in notes)
    assert "Was Havana consulted?" in sc.spec.outcomes.agreement.debrief


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_each_levels_description_says_how_the_ai_opens(path) -> None:  # type: ignore[no-untyped-def]
    """The AI's first target is its reservation plus `start` of the way to its best case (game/ai/opponent.py,
    stance): a level that starts above half-way does not open "close to a compromise"."""
    sc = load_scenario(path)
    for name, level in sc.spec.ai.difficulties.items():
        words = " ".join((level.description or "").split()).lower()
        if level.start > 0.5:
            assert "close to a compromise" not in words, f"{path.name} {name}: {words}"
        if level.start >= 0.8:
            assert any(w in words for w in ("best case", "demands", "holds")), f"{path.name} {name}: {words}"
