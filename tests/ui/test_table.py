"""The table screen keeps its widgets through a game and updates them in place."""

from __future__ import annotations

import pygame

from game.ui.session import Session


def to_table(app) -> None:  # type: ignore[no-untyped-def]
    app.click("play")
    app.click("scenario_geneva_2022")
    app.screen.widgets["seed"].set_text("1")  # the same game every time
    app.click("start")
    app.click("to_table")
    if app.screen.dialog is not None:
        app.click("dialog_0")


def test_moves_and_dialogs_update_the_table_in_place(app):
    to_table(app)
    screen = app.screen
    before = dict(screen.widgets)
    rebuilds = []
    original = type(app).rebuild
    type(app).rebuild = lambda self: (rebuilds.append(1), original(self))[1]  # type: ignore[method-assign]
    try:
        for name in ("promise", "reassure", "issue_0_next", "issue_1_next", "propose"):
            app.click(name)
            if screen.dialog is not None:
                app.click("dialog_0")
        app.press(pygame.K_ESCAPE)  # the menu opens over the table and closes again
        app.press(pygame.K_ESCAPE)
    finally:
        type(app).rebuild = original  # type: ignore[method-assign]
    assert app.screen is screen and rebuilds == []
    for name in ("log", "on_table", "meters", "propose", "promise", "issue_0", "turn", "worth"):
        assert screen.widgets[name] is before[name], name
    # the log holds one laid-out entry per line of the game
    assert screen.log_count == len(screen.view.log)
    assert len(screen.log_view.entries) == len(screen.view.log) + screen.headings  # (a round's heading alone)


def test_the_ai_answers_on_a_later_frame_than_the_players_move(app):
    to_table(app)
    screen = app.screen
    session: Session = screen.session
    moves = session.state.moves_made
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_m, mod=0, unicode="m", scancode=0))
    app.step()  # the player's promise, and nothing more
    assert session.state.moves_made == moves + 1
    assert session.ai_to_move
    app.pump(1)  # the AI answers on the next frames
    assert not session.ai_to_move and session.state.moves_made > moves + 1
    assert not screen.busy()
