"""How fast the window is: frame time during play, command to first frame, peak memory.

    SDL_VIDEODRIVER=dummy python benchmarks/ui_speed.py

Targets (issue 8, "the window, measured and tried"): every screen change <= 100 ms; frame time
during play at 1280x720 p99 <= 6 ms; peak memory (max RSS) during a whole game <= 130 MB; nothing
printed on a normal launch; command to first interactive frame <= 1.5 s. A measurement, not a test:
numbers depend on the machine. The saves and the picker's cache of scenario cards start empty (a
first launch: the picker waits for the cards the title screen began to make).

"During play" is every frame of a whole demo game except the few that open a new screen (title,
picker, setup, briefing, table, debrief): those build a screen of widgets once and are printed
apart, each with its time, and folded into an "all frames" line too, so nothing is hidden.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
os.environ["XDG_DATA_HOME"] = tempfile.mkdtemp(prefix="detente-bench-")
os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="detente-bench-cache-")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

FIRST_FRAME = """
import os, time
from game.ui.app import App
app = App()
app.step()
print("ready", flush=True)
"""


def startup() -> tuple[float, str]:
    """The best of three launches, and whatever a launch printed besides "ready" (warnings shown)."""
    best = []
    printed = ""
    env = {k: v for k, v in os.environ.items() if k != "PYGAME_HIDE_SUPPORT_PROMPT"}
    for _ in range(3):
        start = time.perf_counter()
        proc = subprocess.run([sys.executable, "-W", "default", "-c", FIRST_FRAME], capture_output=True, text=True,
                              env=env, check=True, cwd=ROOT)
        assert "ready" in proc.stdout
        best.append(time.perf_counter() - start)
        printed += proc.stdout.replace("ready\n", "", 1) + proc.stderr
    return min(best), printed


def frames() -> dict[str, list[tuple[float, float, str, bool]]]:
    """Every frame of a whole demo game (then idle frames at the debrief), sorted into two kinds:

    - "play": frames on a screen that stays the same screen: moves, dialogs, the offer builder,
      the AI's answers, idle frames. This is the frame time during play.
    - "change": frames that open another screen (title -> picker -> ... -> table -> debrief) or
      rebuild one for a new window size or text size. Those build a whole screen of widgets once
      (pygame_gui lays out all their text); they are reported apart, each with its time.
    - "after": the frame after a change, where pygame_gui renders the new widgets' text on their
      first update; also reported apart, each with its time.

    Each frame: wall time, the main thread's CPU time (what the frame itself cost, without the
    time the OS gave to other processes), the screen, and whether the frame did work (handled
    a click or a key, or the AI moved) rather than only redraw.
    """
    from game.ui import app as app_module
    from game.ui.demo import run_demo
    from game.ui.session import Session

    kinds: dict[str, list[tuple[float, float, str, bool]]] = {"play": [], "change": [], "after": []}
    step, rebuild, handle, ai_step = (app_module.App.step, app_module.App.rebuild, app_module.App.handle,
                                      Session.ai_step)
    flags = {"rebuilt": False, "work": False, "after": True, "resize": False}  # App() has built the title

    def counted(self) -> None:  # type: ignore[no-untyped-def]
        flags["rebuilt"] = True
        rebuild(self)

    def handled(self, event) -> None:  # type: ignore[no-untyped-def]
        if event.type != pygame.MOUSEMOTION:
            flags["work"] = True
        handle(self, event)

    def answered(self) -> bool:  # type: ignore[no-untyped-def]
        moved = ai_step(self)
        flags["work"] = flags["work"] or moved
        return moved

    def timed(self, dt: float = 1 / 60) -> None:  # type: ignore[no-untyped-def]
        flags["rebuilt"] = False
        flags["work"] = bool(getattr(self.screen, "pending", None))  # queued widget updates to do
        start, cpu = time.perf_counter(), time.thread_time()
        step(self, dt)
        took, used = time.perf_counter() - start, time.thread_time() - cpu
        name = self.screen.name if self.screen is not None else "-"
        if flags.get("resize") and flags["rebuilt"]:
            name, flags["resize"] = f"{name} resized to {self.size[0]}x{self.size[1]}", False
        # pygame_gui finishes a new screen's widgets (their text) on their first update: the frame
        # after a screen change belongs to the change
        kind = "change" if flags["rebuilt"] else "after" if flags["after"] else "play"
        kinds[kind].append((took, used, name, flags["work"]))
        flags["after"] = flags["rebuilt"]

    import pygame

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        app = app_module.App()
        app_module.App.step = timed  # type: ignore[method-assign]
        app_module.App.rebuild = counted  # type: ignore[method-assign]
        app_module.App.handle = handled  # type: ignore[method-assign]
        Session.ai_step = answered  # type: ignore[method-assign]
        try:
            run_demo(seed=1, strategy="agreement", app=app)
            # idle frames at the debrief: what a player sees between clicks
            for _ in range(100):
                app.step()
            # the player resizes the window to its minimum size and back: each rebuilds the screen once
            for size in ((1024, 600), (1280, 720)):
                flags["resize"] = True
                pygame.event.post(pygame.event.Event(pygame.VIDEORESIZE, w=size[0], h=size[1], size=size))
                app.pump(3)
        finally:
            app_module.App.step, app_module.App.rebuild, app_module.App.handle = step, rebuild, handle  # type: ignore[method-assign]
            Session.ai_step = ai_step  # type: ignore[method-assign]
    return kinds


def stats(times: list[float]) -> str:
    times = sorted(times)
    if not times:
        return "none"
    p50 = times[len(times) // 2] * 1000
    p99 = times[min(len(times) - 1, int(len(times) * 0.99))] * 1000
    return f"p50 {p50:.2f} ms, p99 {p99:.2f} ms, max {times[-1] * 1000:.1f} ms"


def main() -> None:
    first, printed = startup()
    kinds = frames()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    play = kinds["play"]
    work = [f for f in play if f[3]]
    changes = kinds["change"]
    print(f"command to first interactive frame: {first:.2f} s (target <= 1.5 s)")
    print("printed on launch: " + (repr(printed[:300]) if printed else "nothing") + " (target: nothing)")
    print(f"frame time during play at 1280x720, the {len(work)} frames with something to do (a click, a key, "
          f"the AI's move, queued widget updates): {stats([f[0] for f in work])} (target p99 <= 6 ms)")
    print(f"  main-thread CPU time of those frames: {stats([f[1] for f in work])}")
    print(f"  with the idle frames too (the demo waits for the AI, the autosave and the export), "
          f"{len(play)} frames: {stats([f[0] for f in play])}")
    after = kinds["after"]
    slowest = max((t for t, *_ in changes), default=0.0) * 1000
    print(f"screen changes (a whole screen built once), {len(changes)} frames, slowest {slowest:.0f} ms "
          "(target <= 100 ms): " + ", ".join(f"{name} {t * 1000:.0f} ms" for t, _cpu, name, _work in changes))
    print("  and the frame after each (pygame_gui draws the new widgets' text on their first update): "
          + ", ".join(f"{name} {t * 1000:.1f} ms" for t, _cpu, name, _work in after))
    every = play + changes + after
    print(f"all frames together, {len(every)}: {stats([f[0] for f in every])}")
    print(f"peak memory (max RSS) during a whole game: {peak:.0f} MB (target <= 130 MB)")


if __name__ == "__main__":
    main()
