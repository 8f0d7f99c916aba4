"""The window's autosave thread: writes in order, coalesces behind a slow disk, and reports failures."""

from __future__ import annotations

from pathlib import Path

from game.ui.session import Saver


def test_the_newest_save_wins_and_a_failure_is_reported_then_cleared(tmp_path: Path) -> None:
    saver = Saver()
    path = tmp_path / "game.json"
    for n in range(20):
        saver.put(path, f"move {n}")
    saver.flush()
    assert path.read_text() == "move 19" and saver.failure is None
    blocked = tmp_path / "a-file"
    blocked.write_text("")
    saver.put(blocked / "game.json", "cannot go under a file")
    saver.flush()
    assert saver.failure is not None and "could not be saved" in saver.failure
    saver.put(path, "move 20")
    saver.flush()
    assert saver.failure is None and path.read_text() == "move 20"
