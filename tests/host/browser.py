"""Real browsers for the class pages: Debian's Chromium driven by Selenium through Debian's chromedriver, and
the class server on a thread of its own, bound to 127.0.0.1.

Where Chromium is missing the browser tests are skipped, unless DETENTE_REQUIRE_BROWSER is set (CI sets it, and
installs Chromium first): there a missing browser fails the run instead of hiding the tests.
"""

from __future__ import annotations

import asyncio
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from game.host.room import Room

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
DRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"


def need_browser() -> None:
    if Path(CHROMIUM).exists() and Path(DRIVER).exists():
        return
    if os.environ.get("DETENTE_REQUIRE_BROWSER"):
        pytest.fail("Chromium and chromedriver are needed for the browser tests (apt install chromium "
                    "chromium-driver)")
    pytest.skip("Chromium is not installed (apt install chromium chromium-driver)")


class ServerThread:
    """The class server on its own event loop and thread, on a free port of 127.0.0.1."""

    def __init__(self, room: Room) -> None:
        self.room = room
        self.loop = asyncio.new_event_loop()
        self.ready = threading.Event()
        self.port = 0
        self.readers: list[asyncio.Future[None]] = []
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        from aiohttp import web

        from game.host.server import make_app

        asyncio.set_event_loop(self.loop)
        self.app = make_app(self.room)
        runner = web.AppRunner(self.app)
        self.loop.run_until_complete(runner.setup())
        site = web.TCPSite(runner, "127.0.0.1", 0)
        self.loop.run_until_complete(site.start())
        self.port = runner.addresses[0][1]
        self.runner = runner
        self.ready.set()
        self.loop.run_forever()
        self.loop.run_until_complete(runner.cleanup())

    def __enter__(self) -> ServerThread:
        self.thread.start()
        assert self.ready.wait(10), "the server did not start"
        return self

    def __exit__(self, *exc: object) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(10)

    def url(self, path: str = "/") -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def command(self, data: dict) -> None:
        """An instructor's command, as the dashboard sends it (every page is told what changed)."""
        from game.host.server import HUB, command

        asyncio.run_coroutine_threadsafe(command(self.app[HUB], self.room, data), self.loop).result(10)

    def student(self, name: str) -> None:
        """A student who joins from a page of their own (a socket kept open and read, as a browser would)."""
        import json

        import aiohttp

        async def join() -> None:
            session = aiohttp.ClientSession()
            ws = await session.ws_connect(self.url("/ws"))
            await ws.send_str(json.dumps({"type": "join", "room": self.room.code, "name": name}))

            async def read() -> None:
                async for _msg in ws:
                    pass
                await session.close()

            self.readers.append(asyncio.ensure_future(read()))

        asyncio.run_coroutine_threadsafe(join(), self.loop).result(10)

    def call(self, fn, *args):  # noqa: ANN001, ANN201
        """Run `fn(*args)` on the server's loop (the room is the server's to change) and return its result."""
        async def job():  # noqa: ANN202
            return fn(*args)
        return asyncio.run_coroutine_threadsafe(job(), self.loop).result(10)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class HostProcess:
    """`detente host` as the instructor runs it, in a process of its own on 127.0.0.1 (so it can be killed)."""

    def __init__(self, *args: str, port: int | None = None) -> None:
        self.port = port or free_port()
        self.args = ["--bind", "127.0.0.1", "--port", str(self.port), *args]
        self.process: subprocess.Popen[str] | None = None
        self.code = ""
        self.dashboard = ""
        self.output: list[str] = []

    def __enter__(self) -> HostProcess:
        self.process = subprocess.Popen([sys.executable, "-m", "game", "host", *self.args], stdout=subprocess.PIPE,
                                        stderr=subprocess.STDOUT, text=True, encoding="utf-8")
        assert self.process.stdout is not None
        deadline = time.monotonic() + 30
        while not self.dashboard:
            line = self.process.stdout.readline()
            assert line and time.monotonic() < deadline, "detente host did not start:\n" + "".join(self.output)
            self.output.append(line)
            code = re.search(r"room code ([A-Z]+)", line)
            if code:
                self.code = code.group(1)
            if "/dashboard?key=" in line:
                self.dashboard = line.split(": ", 1)[1].strip()
        threading.Thread(target=self._drain, daemon=True).start()
        return self

    def _drain(self) -> None:
        assert self.process is not None and self.process.stdout is not None
        for line in self.process.stdout:
            self.output.append(line)

    def url(self, path: str = "/") -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def kill(self) -> None:
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(10)

    def __exit__(self, *exc: object) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.kill()


@contextmanager
def browser(width: int = 1366, height: int = 768) -> Iterator[object]:
    """A headless Chromium with a profile of its own (its own storage: another student's device)."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="detente-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-extensions", f"--user-data-dir={profile}", f"--window-size={width},{height}"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    driver.implicitly_wait(0)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)
