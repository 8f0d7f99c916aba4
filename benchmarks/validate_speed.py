"""Validation speed on big scenarios: many events whose conditions can never hold.

Run: python benchmarks/validate_speed.py [--sizes 70000,940000] [--write FILE --bytes N]
Target (issue 8, "Scenarios that validate must play"): validating any file within the limits (1 MiB) takes at most
2 s, and the design check's cost grows gently with the number of events. It prints, for each size, the time of
`detente validate` in this process (read, shape, cross-references, compile, design check) and of the design check
alone. `--write` only writes a generated file (tests/data/never-events.yaml was made so).
Timings are measured here, never asserted in tests.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from game.scenario.lint import lint  # noqa: E402
from game.scenario.loader import inspect_scenario_bytes  # noqa: E402
from game.tools.new import starter_text  # noqa: E402

# Names a condition can use in the starter scenario (its meters are tension and trust, its seats north and south,
# its stakeholder guild); every generated condition asks for tension both above and below a number, so it never
# holds, and uses enough other names that the grid of values to try is large.
_EVENT = """\
  - id: ghost_{n}
    title: Rumour {n}
    text: >-
      A rumour runs along the quays: the guild's boats are said to be ready to sail
      out together. It is never confirmed, and this event is never meant to fire.
    when: "tension > {high} and tension < {low} and trust >= {trust} and offer.fees.cut and
      not offer.fishing.half and last.north.patrols.joint and not consulted.guild and
      last.south.fees.keep and turn >= {turn}"
    effects: {{trust: 0.01}}
    source: invented
"""


# The hard case for the search: a sum of many yes-or-no tests compared with a number it can never equal, which
# ranges of values cannot rule out until nearly every name is fixed (the search gives up within its budget, and the
# event gets no warning).
_OFFERS = [f"{kind}.{issue}.{option}" for kind in ("offer", "last.north", "last.south")
           for issue, options in (("fees", ("keep", "cut", "scrap")), ("fishing", ("quarter", "third", "half")),
                                  ("patrols", ("north_only", "joint", "observers"))) for option in options]
_HARD = """\
  - id: knot_{n}
    title: Knot {n}
    text: Never meant to fire.
    when: "{sum} == {target}"
    source: invented
"""


def never_events_scenario(size: int, hard: bool = False) -> str:
    """The `detente new` starter with events whose conditions never hold, added until the file has about
    `size` bytes (at least one event); `hard`: conditions no range of values rules out."""
    base = starter_text("never-events")
    head, tail = base.split("\n# The AI negotiator", 1)
    events: list[str] = []
    total = len(base.encode("utf-8"))
    n = 0
    while not events or total < size:
        high = 0.6 + (n % 97) / 1000
        if hard:
            names = [_OFFERS[(n + 5 * k) % len(_OFFERS)] for k in range(16)]
            text = _HARD.format(n=n, sum=" + ".join(f"({a} != {b})" for a, b in zip(names[::2], names[1::2])),
                                target=f"{n % 8}.5{n:06d}")
        else:
            text = _EVENT.format(n=n, high=f"{high:.3f}", low=f"{high - 0.05:.3f}",
                                 trust=f"{0.1 + (n % 7) / 20:.2f}", turn=1 + n % 6)
        if total + len(text) > size and events:
            break
        events.append(text)
        total += len(text)
        n += 1
    kind = "never hold, in a way ranges of values cannot show" if hard else "never hold"
    note = (f"# Made by benchmarks/validate_speed.py: the `detente new` starter with {len(events):,} events whose\n"
            f"# conditions {kind} (a stress test of the design check).\n")
    return note + head + "".join(events) + "\n# The AI negotiator" + tail


def time_validate(text: str, folder: Path) -> tuple[float, float, int, int]:
    """Seconds for the whole check and for the design check alone, the number of events and of warnings."""
    raw = text.encode("utf-8")
    path = folder / f"never-events-{len(raw)}.yaml"
    path.write_bytes(raw)
    start = time.perf_counter()
    scenario, problems = inspect_scenario_bytes(path.read_bytes(), str(path))
    whole = time.perf_counter() - start
    assert scenario is not None, [p.render(str(path)) for p in problems if p.severity == "error"][:3]
    start = time.perf_counter()
    lint(scenario.spec, scenario)
    design = time.perf_counter() - start
    path.unlink()
    return whole, design, len(scenario.spec.events), len(problems)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="70000,940000", help="file sizes in bytes, comma-separated")
    parser.add_argument("--write", type=Path, help="only write one generated file here")
    parser.add_argument("--bytes", type=int, default=70_000, help="its size, with --write")
    args = parser.parse_args()
    if args.write:
        args.write.write_text(never_events_scenario(args.bytes), encoding="utf-8")
        return
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"machine: {platform.processor() or platform.machine()}, Python {platform.python_version()}; "
          f"load average before the runs {load:.2f}")
    import tempfile
    with tempfile.TemporaryDirectory() as tmp:
        for hard in (False, True):
            for size in (int(s) for s in args.sizes.split(",")):
                text = never_events_scenario(size, hard)
                whole, design, events, found = time_validate(text, Path(tmp))
                kind = "conditions no range rules out" if hard else "conditions that never hold"
                print(f"{len(text.encode('utf-8')) / 1000:,.0f} KB, {events:,} events with {kind}: validate "
                      f"{whole:.2f} s (design check {design:.2f} s, {design / events * 1000:.2f} ms per event), "
                      f"{found:,} warnings")


if __name__ == "__main__":
    main()
