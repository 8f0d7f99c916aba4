"""Seats at the window: people sharing the screen (hot seat), more than two sides and a mediator, and the
debrief of many sides. Games are played through real clicks and key presses under SDL's dummy driver."""

from __future__ import annotations

from pathlib import Path

import pygame
import pytest

from game.analysis.card import RoleCard, role_card
from game.resources import scenario_path
from game.ui.app import MIN_SIZE
from game.ui.demo import Demo, run_demo
from game.ui.session import EVERYONE, Session
from game.ui.text import esc
from tests.ui.test_layout import clipped_buttons

DAYTON = scenario_path("dayton-1995")
needs_dayton = pytest.mark.skipif(not Path(DAYTON).is_file(), reason="the Dayton scenario is not there")


def secrets(card: RoleCard) -> set[str]:
    """What only this seat may read, in the words the window uses: weights, option values, reservation,
    whether its red lines are firm, its private briefing."""
    out = {f"{esc(p.issue)}</b> (weight {p.weight:.2f})" for p in card.priorities}
    out |= {", ".join(f"{esc(label)} {value:.2f}" for label, value in p.options) for p in card.priorities}
    if card.reservation is not None:
        out |= {f"reservation {card.reservation:.2f}", f"reservation value: {card.reservation:.2f}"}
    out |= {f"{esc(line.stated or line.text)} <i>({esc(line.firmness)})</i>" for line in card.red_lines}
    if card.briefing:
        out.add(esc(card.briefing))
    return out


def cards(session: Session) -> dict[str, RoleCard]:
    return {seat: role_card(session.view(seat).scenario, session.view(seat).own) for seat in session.people}


def test_a_hot_seat_game_hides_each_persons_view_from_the_other(app):
    """Two people at one window: a hand-over screen between their moves; each screen shows only the view of
    the person who has it; events go to the chooser's person; everyone sees the debrief."""
    seen: list[tuple[str, str | None]] = []
    leaks: list[str] = []
    checked = {"us": 0, "russia": 0}

    def watch(screen) -> None:  # type: ignore[no-untyped-def]
        session: Session = screen.session
        private = cards(session)
        mine = {seat: secrets(card) for seat, card in private.items()}
        seat = getattr(screen, "seat", None)
        seen.append((screen.name, seat))
        text = screen.shown_text()
        for other, words in mine.items():
            if screen.name == "debrief":
                continue  # after the game everything is revealed
            hidden = words - mine.get(seat or "", set())  # what the other knows and this person does not
            if other == seat:
                continue
            leaks.extend(f"{screen.name} of {seat}: {w!r} of {other}" for w in hidden if w in text)
        if screen.name in ("briefing", "table"):  # the check can see: each person's own secrets are on show
            assert any(w in text for w in mine[seat]), f"{seat}'s own values are not on its {screen.name}"
        if screen.name == "table":
            checked[seat] += 1
            assert session.viewer == seat
            if screen.dialog is not None and screen.view.choice is not None:
                assert session.state.to_move == seat  # the choice is put to the chooser's person

    session = run_demo(seed=2, app=app, players={"us": "you", "russia": "person"}, watch=watch)
    assert session.transcript.seats == {"us": "human", "russia": "human"}
    assert leaks == []
    assert checked["us"] and checked["russia"]
    # the briefings and the tables of the two people alternate, a hand-over between them
    tables = [seat for name, seat in seen if name == "table"]
    changes = [n for n in range(1, len(seen)) if seen[n][0] == "table" and seen[n - 1][0] == "table"
               and seen[n][1] != seen[n - 1][1]]
    assert changes == [], "one person's table followed another's without a hand-over"
    assert set(tables) == {"us", "russia"}
    handovers = [seat for name, seat in seen if name == "handover"]
    assert handovers[-1] == EVERYONE and seen[-1][0] == "debrief"
    assert session.over


def test_the_hand_over_screen_waits_for_enter_and_shows_nothing_of_either_side(app):
    app.click("play")
    app.click("scenario_geneva_2022")
    Demo(app).setup({"us": "you", "russia": "person"}, seed=5, practice=True)
    assert app.screen.widgets["start"].text.startswith("Start")
    app.click("start")
    assert app.screen.name == "handover"
    session: Session = app.screen.session
    text = app.screen.shown_text()
    assert "Pass to Antony Blinken (United States)" in text and "only they can see the screen" in text
    for words in (secrets(card) for card in cards(session).values()):
        assert not any(w in text for w in words)
    app.press(pygame.K_RETURN)
    assert app.screen.name == "briefing" and app.screen.seat == "us"


@needs_dayton
def test_a_three_party_table_with_a_mediator_through_the_window(app):
    """Bosnia's person at Dayton: who has accepted the offer on the table and who is awaited; a threat asks
    which side; the mediator can be consulted; the game plays to its end; the debrief shows each pair."""
    app.click("play")
    app.click("scenario_dayton_1995")
    Demo(app).setup({"bosnia": "you"}, seed=3, practice=True)
    app.click("start")
    app.click("to_table")
    screen = app.screen
    session: Session = screen.session
    assert screen.name == "table" and screen.seat == "bosnia"
    assert "press" not in screen.widgets and "accept" in screen.widgets and "pass" in screen.widgets
    while screen.dialog is not None:
        app.click("dialog_0")
    view = screen.view
    if view.offer is not None and view.offer.full:
        shown = screen.texts["on_table"]
        assert "awaiting" in shown and "Accepted by" in shown
    app.click("threaten")  # two sides to aim at: a dialog asks which
    assert screen.dialog is not None and len(screen.dialog[2]) == 3  # two sides, and Cancel
    assert screen.dialog[2][-1][0].startswith("Cancel")
    assert "Serbia" in screen.dialog[2][1][0] or "Croatia" in screen.dialog[2][1][0]
    app.click("dialog_1")
    mine = [m["move"] for m in session.transcript.moves if m["actor"] == "bosnia"]
    assert mine[-1] in ("threaten serbia", "threaten croatia")
    app.pump(4)
    while screen.dialog is not None:
        app.click("dialog_0")
    app.click("consult")
    labels = [label for label, _ in screen.dialog[2]]
    assert any("mediator" in label for label in labels)
    app.click(f"dialog_{next(n for n, label in enumerate(labels) if 'mediator' in label)}")
    assert any(m["actor"] == "bosnia" and m["move"] == "consult us" for m in session.transcript.moves)
    app.pump(4)
    while screen.dialog is not None:
        app.click("dialog_0")
    app.press(pygame.K_q, unicode="q")  # a question: which side, then which issue
    assert screen.dialog is not None and "Which side" in screen.dialog[1]
    app.click("dialog_0")
    assert screen.dialog is not None and "Which issue" in screen.dialog[1] and "Serbia" in screen.dialog[1]
    app.click("dialog_1")
    mine = [m["move"] for m in session.transcript.moves if m["actor"] == "bosnia"]
    assert mine[-1] == f"question serbia {session.scenario.issues[1]}"
    Demo(app).play("agreement", 400)
    assert app.screen.name == "debrief" and session.over
    # the outcome chart shows one pair of sides at a time; the button goes round the three pairs
    debrief = app.screen
    pictures = [debrief.widgets["outcome"].image.copy()]
    labels = [debrief.widgets["pair"].text]
    for _ in range(3):
        app.click("pair_next")
        pictures.append(debrief.widgets["outcome"].image.copy())
        labels.append(debrief.widgets["pair"].text)
    assert labels[0].endswith("(1 of 3)") and labels[1].endswith("(2 of 3)") and labels[3] == labels[0]
    assert debrief.pairs[0] in {("bosnia", "serbia"), ("bosnia", "croatia")}  # yours first
    assert pygame.image.tobytes(pictures[0], "RGB") != pygame.image.tobytes(pictures[1], "RGB")
    assert pygame.image.tobytes(pictures[0], "RGB") == pygame.image.tobytes(pictures[3], "RGB")
    app.press(pygame.K_n, unicode="n")  # N does the same
    assert debrief.widgets["pair"].text == labels[1]


@needs_dayton
def test_the_mediator_presses_a_chosen_side(app):
    app.click("play")
    app.click("scenario_dayton_1995")
    Demo(app).setup({"us": "you"}, seed=4, practice=True)
    app.click("start")
    app.click("to_table")
    screen = app.screen
    assert screen.seat == "us"
    assert "accept" not in screen.widgets and "walkout" not in screen.widgets and "press" in screen.widgets
    while screen.dialog is not None:
        app.click("dialog_0")
    app.press(pygame.K_e, unicode="e")
    assert screen.dialog is not None and screen.dialog[0] == "Press which side?"
    assert len(screen.dialog[2]) == 4  # three sides, and Cancel
    app.click("dialog_2")
    mine = [m["move"] for m in screen.session.transcript.moves if m["actor"] == "us"]
    assert mine[-1] == "press croatia"


def test_a_two_party_debrief_has_no_pair_switch_but_a_bar_per_side(app):
    run_demo(seed=1, strategy="walkout", app=app)
    assert "pair_next" not in app.screen.widgets and len(app.screen.pairs) == 1


@needs_dayton
def test_the_setup_screen_gives_each_seat_to_you_a_person_or_the_ai(app):
    app.click("play")
    app.click("scenario_dayton_1995")
    screen = app.screen
    assert set(screen.players) == {"us", "bosnia", "serbia", "croatia"}
    assert screen.players["bosnia"] == "you" and screen.players["us"] == "ai:normal"
    app.click("seat_croatia_you")  # taking another seat gives your old one to the AI
    assert screen.players["croatia"] == "you" and screen.players["bosnia"] == "ai:normal"
    app.click("seat_serbia_person")
    assert "Hot seat" in screen.texts["about"]
    app.click("seat_us_ai")  # the AI's next level
    assert screen.players["us"] == "ai:hard"
    screen.set_focus("seat_us_ai")
    app.press(pygame.K_LEFT)
    assert screen.players["us"] == "ai:normal"
    app.click("seat_croatia_ai")
    app.click("seat_serbia_ai")
    app.click("start")  # nobody left to play: it says so
    assert app.screen.name == "setup" and "at least one seat" in app.screen.widgets["note"].text


FOUR = Path(__file__).with_name("four-sides.yaml")


@pytest.mark.parametrize("scale", [1.0, 1.3], ids=["text-100", "text-130"])
def test_four_sides_and_a_mediator_in_hot_seat_at_the_minimum_size(app, scale):
    """Four negotiators and a mediator, two of them people, in the smallest window: every screen of the game
    lays out without clipped text, the table says who is awaited, and the game reaches the debrief."""
    problems: list[str] = []
    awaited: list[str] = []

    def watch(screen) -> None:  # type: ignore[no-untyped-def]
        problems.extend(p for p in clipped_buttons(app) if p not in problems)
        if screen.name == "table" and "awaiting" in screen.texts.get("on_table", ""):
            awaited.append(screen.texts["on_table"])

    app.set_text_scale(scale)
    app.resize(MIN_SIZE)
    session = run_demo(str(FOUR), seed=1, app=app, watch=watch,
                       players={"north": "you", "west": "person", "envoy": "ai:easy"})
    assert set(session.scenario.negotiators) == {"north", "south", "east", "west"}
    assert session.transcript.seats["west"] == "human" and session.transcript.seats["south"] == "ai:normal"
    assert session.over and app.screen.name == "debrief"
    assert len(app.screen.pairs) == 6
    assert awaited, "a full offer on the table says whose acceptance it awaits"
    assert problems == [], problems
