"""Class load: `detente host` with 200 students (100 tables) playing whole Geneva games over loopback, and a dashboard.

Run: python benchmarks/class_load.py [--students 200] [--pause 0.5 3.0]
Goals (issue: a class session on one laptop): move round trip (sent to the seat's new view received) p99 <= 50 ms;
dashboard update after a move p99 <= 250 ms; server peak memory <= 300 MB; no move lost or applied twice.

The server is the real command in a process of its own (its peak memory is read from /proc); the students are
WebSocket clients in this process, each moving like a person: a random pause, then a move chosen from what its
page shows (answer an event, accept an offer better than no deal, or propose, conceding as the turns pass).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import random
import re
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import aiohttp
import numpy as np


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def peak_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


class Stats:
    def __init__(self) -> None:
        self.round_trips: list[float] = []
        self.dashboard: list[float] = []
        self.sent: dict[int, dict[int, float]] = {}  # table -> move count after the move -> when it was sent
        self.acknowledged = 0
        self.refused: list[str] = []


def choose(page: dict, rng: random.Random) -> str:
    """A person's move from the page: the event, a good offer, or a proposal that concedes as turns pass."""
    if page.get("event"):
        return f"choose {page['event']['id']} {rng.choice(page['event']['choices'])['id']}"
    kinds = page["kinds"]
    if "answer" in kinds:  # a question put to this seat: any way of answering it
        return rng.choice([m for m in page["moves"] if m.startswith("answer ")])
    verdict = page.get("offer_verdict")
    if verdict and "accept" in kinds and page["offer"]["by"] != page["seat"] and verdict["tone"] == "good":
        return "accept"
    if "propose" not in kinds:
        return "pass" if "pass" in kinds else kinds[0]
    share = page["turn"] / 9.0
    words = []
    for issue, values in zip(page["scenario_issues"], page["own"]["values"]):
        floor = max(values) * (1.0 - 0.8 * share)
        allowed = [n for n, v in enumerate(values) if v >= floor]
        words.append(f"{issue['id']}={issue['options'][rng.choice(allowed)]['id']}")
    return "propose " + " ".join(words)


async def student(n: int, url: str, code: str, stats: Stats, pauses: tuple[float, float], started: asyncio.Event,
                  joined: list[int], issues: list) -> None:
    rng = random.Random(n)
    async with aiohttp.ClientSession() as session, session.ws_connect(url + "/ws", max_msg_size=0) as ws:
        await ws.send_str(json.dumps({"type": "join", "room": code, "name": f"Student {n:03d}"}))
        joined.append(n)
        pending: tuple[int, float] | None = None  # the move count we sent at, and when
        async for msg in ws:
            data = json.loads(msg.data)
            if data["type"] == "error":
                stats.refused.append(data["message"])
                pending = None
                continue
            if data["type"] != "page":
                continue
            page = data["view"]
            if pending is not None and page["moves_seen"] > pending[0]:
                stats.round_trips.append(time.perf_counter() - pending[1])
                stats.acknowledged += 1
                pending = None
            if page["phase"] == "over":
                return
            if not page["kinds"] or pending is not None or page["paused"]:
                continue
            await asyncio.sleep(rng.uniform(*pauses))
            page["scenario_issues"] = issues
            move = choose(page, rng)
            sent = time.perf_counter()
            pending = (page["moves_seen"], sent)
            stats.sent.setdefault(page["table"], {})[page["moves_seen"] + 1] = sent
            await ws.send_str(json.dumps({"type": "move", "move": move, "seen": page["moves_seen"]}))


async def dashboard(url: str, key: str, stats: Stats, students: int, joined: list[int], started: asyncio.Event,
                    done: asyncio.Event) -> dict:
    last: dict = {}
    async with aiohttp.ClientSession() as session, \
            session.ws_connect(f"{url}/ws/dashboard?key={key}", max_msg_size=0) as ws:
        while len(joined) < students:
            await asyncio.sleep(0.05)
        await asyncio.sleep(0.5)
        await ws.send_str(json.dumps({"type": "start"}))
        started.set()
        seen: dict[int, int] = {}
        while not done.is_set():
            try:
                msg = await ws.receive(timeout=0.5)
            except TimeoutError:
                continue
            if msg.type != aiohttp.WSMsgType.TEXT:
                break
            data = json.loads(msg.data)
            if data["type"] not in ("status", "tables"):
                continue
            now = time.perf_counter()
            if data["type"] == "status":
                last = data
            else:  # the cards of the tables that changed
                changed = {t["number"]: t for t in data["tables"]}
                last["tables"] = [changed.pop(t["number"], t) for t in last.get("tables", [])] + list(changed.values())
            for table in data["tables"]:
                number, moves = table["number"], table["moves"]
                for count in range(seen.get(number, 0) + 1, moves + 1):
                    sent = stats.sent.get(number, {}).get(count)
                    if sent is not None:
                        stats.dashboard.append(now - sent)
                seen[number] = moves
    return last


async def run(args: argparse.Namespace, url: str, code: str, key: str) -> tuple[Stats, dict, float]:
    stats = Stats()
    started, done = asyncio.Event(), asyncio.Event()
    joined: list[int] = []
    from game.resources import scenario_path
    from game.scenario import load_scenario

    sc = load_scenario(scenario_path(None))
    issues = [{"id": i.id, "options": [{"id": o.id} for o in i.options]} for i in sc.spec.issues]
    board = asyncio.create_task(dashboard(url, key, stats, args.students, joined, started, done))
    began = time.perf_counter()
    await asyncio.gather(*(student(n, url, code, stats, tuple(args.pause), started, joined, issues)
                           for n in range(1, args.students + 1)))
    elapsed = time.perf_counter() - began
    await asyncio.sleep(1.0)  # the last dashboard updates
    done.set()
    return stats, await board, elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--students", type=int, default=200)
    parser.add_argument("--pause", type=float, nargs=2, default=(0.5, 3.0), metavar=("LOW", "HIGH"),
                        help="seconds a student thinks before a move (uniform)")
    args = parser.parse_args()
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}, load {load:.2f}")
    port = free_port()
    with tempfile.TemporaryDirectory() as folder:
        server = subprocess.Popen([sys.executable, "-m", "game", "host", "--bind", "127.0.0.1", "--port", str(port),
                                   "--out", str(Path(folder) / "class"), "--seed", "1"],
                                  stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        assert server.stdout is not None
        code = key = ""
        while not key:
            line = server.stdout.readline()
            if not line:
                raise SystemExit("detente host did not start")
            found = re.search(r"room code ([A-Z]+)", line)
            code = found.group(1) if found else code
            if "dashboard?key=" in line:
                key = line.rsplit("key=", 1)[1].strip()
        try:
            stats, last, elapsed = asyncio.run(run(args, f"http://127.0.0.1:{port}", code, key))
            peak = peak_kib(server.pid) / 1024
        finally:
            server.terminate()
            server.wait(10)
        tables = last.get("tables", [])
        recorded = 0
        for table in tables:
            transcript = json.loads((Path(folder) / "class" / "tables" / f"table-{table['number']:03d}.json")
                                    .read_text())
            recorded += sum(1 for m in transcript["moves"] if transcript["seats"].get(m["actor"]) == "human")
    trips, board = np.array(stats.round_trips) * 1000, np.array(stats.dashboard) * 1000
    print(f"{args.students} students, {len(tables)} tables, {sum(1 for t in tables if t['watch']['outcome'])} "
          f"finished, in {elapsed:.1f} s")
    print(f"moves: {stats.acknowledged} acknowledged by a new view, {recorded} in the transcripts "
          f"({'none lost or doubled' if recorded == stats.acknowledged else 'MISMATCH'}); "
          f"{len(stats.refused)} refused")
    print(f"move round trip: p50 {np.percentile(trips, 50):.1f} ms, p99 {np.percentile(trips, 99):.1f} ms, "
          f"max {trips.max():.1f} ms (goal: p99 <= 50 ms)")
    print(f"dashboard update after a move: p50 {np.percentile(board, 50):.1f} ms, p99 {np.percentile(board, 99):.1f} "
          f"ms (goal: p99 <= 250 ms)")
    print(f"server peak memory: {peak:.0f} MB (goal: <= 300 MB)")


if __name__ == "__main__":
    main()
