"""Settings: text size and fullscreen. The palette is colour-blind safe always."""

from __future__ import annotations

from functools import partial

from game.ui import nav
from game.ui.app import App, Screen
from game.ui.settings import TEXT_SCALES


@nav.screen("settings")
class SettingsScreen(Screen):
    name = "settings"

    def __init__(self, app: App, back: Screen | None = None):
        super().__init__(app)
        self.back = back

    def build(self) -> None:
        w, h = self.size
        s = self.app.settings.text_scale
        m, row = 24, round(44 * s)
        bw = min(w - 80, round(440 * s))
        x = (w - bw) // 2
        y = h // 2 - 200
        self.label((x, y, bw, round(40 * s)), "Settings", "#heading")
        y += round(50 * s)
        self.label((x, y, bw, round(24 * s)), "Text size", "#issue")
        y += round(28 * s)
        for scale in TEXT_SCALES:
            chosen = abs(scale - s) < 1e-6
            self.button(f"scale_{round(scale * 100)}", (x, y, bw, row),
                        ("[x] " if chosen else "[  ] ") + f"{round(scale * 100)}%",
                        partial(self.app.set_text_scale, scale), object_id="#primary" if chosen else None)
            y += row + 6
        y += 10
        full = self.app.settings.fullscreen
        self.button("fullscreen", (x, y, bw, row), ("[x] " if full else "[  ] ") + "Fullscreen (F11)",
                    self.app.toggle_fullscreen)
        y += row + 16
        self.label((x, y, bw, round(24 * s)), "Colours are chosen to read well with colour blindness.", "#muted")
        self.button("done", (x, h - m - row, bw, row), "Done", self.on_escape, object_id="#primary")

    def on_escape(self) -> None:
        if self.back is not None:
            self.app.go(self.back)
            return
        nav.title(self.app)
