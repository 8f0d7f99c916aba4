"""The window's tests run headless: SDL's dummy video and audio drivers, saves in a temporary folder."""

from __future__ import annotations

import os

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def data_home(tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    yield tmp_path / "data"


@pytest.fixture
def app():  # type: ignore[no-untyped-def]
    import warnings

    import pygame

    from game.ui.app import App

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        window = App()
        yield window
    pygame.display.quit()
