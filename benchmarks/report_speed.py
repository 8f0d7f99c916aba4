"""Class report speed: `detente report` on a folder of handed-in Geneva transcripts, one core.

Run: python benchmarks/report_speed.py [--games 1000]
Target (issue: `detente report`): 1,000 Geneva transcripts reported in at most 10 s on one core. Every
transcript is proven (each AI move re-derived) before it counts. Timings are measured here, never in tests.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from game.tools.report import gather, read  # noqa: E402
from game.tools.report_write import write  # noqa: E402
from tests.classroom import hand_in  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--games", type=int, default=1000)
    args = parser.parse_args()
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"machine: {platform.processor() or platform.machine()}, Python {platform.python_version()}, "
          f"load {load:.2f}")
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        made = time.perf_counter()
        hand_in(root / "in", args.games)
        print(f"wrote {args.games} transcripts in {time.perf_counter() - made:.1f} s (not part of the measure)")
        start = time.perf_counter()
        files, _ = gather([str(root / "in")])
        report = read(files)
        proven = time.perf_counter()
        written = write(report, root / "out", "benchmark")
        done = time.perf_counter()
        print(f"{report.counted} counted, {len(report.rejected)} rejected: read and proven in {proven - start:.2f} s, "
              f"written ({len(written)} files) in {done - proven:.2f} s; total {done - start:.2f} s "
              f"(target: at most 10 s)")


if __name__ == "__main__":
    main()
