"""The desktop front end (pygame-ce + pygame_gui). pygame is imported only in this package."""

import os

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")  # before pygame is first imported

from game.ui.window import NO_DISPLAY, run_demo, run_window  # noqa: E402

__all__ = ["NO_DISPLAY", "run_demo", "run_window"]
