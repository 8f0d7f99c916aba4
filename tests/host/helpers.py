"""A class server in the test's own event loop, bound to 127.0.0.1, and students who talk to it as pages do."""

from __future__ import annotations

import contextlib
import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

from aiohttp import ClientWebSocketResponse, WSMsgType
from aiohttp.test_utils import TestClient, TestServer

from game.host.room import Room
from game.host.server import make_app
from game.resources import scenario_path
from game.scenario import load_scenario


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@contextlib.asynccontextmanager
async def served(folder: Path, scenario: str | None = None,
                 **options: Any) -> AsyncIterator[tuple[TestClient, Room, str]]:
    clock = options.pop("clock", Clock())
    room, token = Room.create(load_scenario(scenario_path(scenario)), folder, now=clock, **options)
    client = TestClient(TestServer(make_app(room), host="127.0.0.1"))
    await client.start_server()
    try:
        yield client, room, token
    finally:
        await client.close()


class Student:
    """One browser tab: a socket, and what it was last sent."""

    def __init__(self, ws: ClientWebSocketResponse) -> None:
        self.ws = ws
        self.page: dict[str, Any] | None = None
        self.token: str | None = None

    @classmethod
    async def join(cls, client: TestClient, room: Room, name: str) -> Student:
        student = cls(await client.ws_connect("/ws"))
        await student.send({"type": "join", "room": room.code, "name": name})
        welcome = await student.expect("welcome")
        student.token = welcome["token"]
        return student

    @classmethod
    async def back(cls, client: TestClient, token: str) -> Student:
        student = cls(await client.ws_connect("/ws"))
        student.token = token
        await student.send({"type": "hello", "token": token})
        await student.expect("welcome")
        return student

    async def send(self, data: Any) -> None:
        await self.ws.send_str(data if isinstance(data, str) else json.dumps(data))

    async def receive(self, timeout: float = 5.0) -> dict[str, Any]:
        msg = await self.ws.receive(timeout=timeout)
        if msg.type != WSMsgType.TEXT:
            return {"type": "closed", "code": self.ws.close_code, "msg": msg.type.name}
        data = json.loads(msg.data)
        if data.get("type") == "page":
            self.page = data["view"]
        return data

    async def expect(self, kind: str, timeout: float = 5.0) -> dict[str, Any]:
        """The next message of `kind`, skipping the others."""
        while True:
            data = await self.receive(timeout)
            if data["type"] == kind:
                return data
            if data["type"] in ("closed",):
                raise AssertionError(f"the socket closed while waiting for {kind}: {data}")

    async def settle(self) -> dict[str, Any] | None:
        """Read every message already sent (the latest page is kept)."""
        last = None
        while True:
            try:
                last = await self.receive(timeout=0.2)
            except TimeoutError:
                return last

    async def move(self, text: str) -> None:
        assert self.page is not None
        await self.send({"type": "move", "move": text, "seen": self.page["moves_seen"]})


async def seated_pair(client: TestClient, room: Room, token: str) -> tuple[Student, Student, Any]:
    """Ana and Ben join, the instructor starts the session from the dashboard: both are at table 1 with their
    first page read. The dashboard's socket comes back too."""
    ana = await Student.join(client, room, "Ana")
    ben = await Student.join(client, room, "Ben")
    dash = await client.ws_connect(f"/ws/dashboard?key={token}")
    await dash.send_str(json.dumps({"type": "start"}))
    await ana.expect("page")
    await ben.expect("page")
    return ana, ben, dash
