"""The class server: one aiohttp application serving the pages, their scripts and the WebSockets on one port.

Students talk to ``/ws``; the instructor's dashboard to ``/ws/dashboard`` with its token. Every message is
one JSON object with a ``type``; anything else (too big, not JSON, unknown, too many too fast, for a seat or
a table that is not the sender's) is refused with an ``error`` message and nothing is applied.
"""

from __future__ import annotations

import asyncio
import contextlib
import io
import json
import logging
import time
import zipfile
from collections.abc import AsyncIterator
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from aiohttp import WSMsgType, web

from game.host.grades import gradebook
from game.host.hub import Hub
from game.host.present import parse_package, proposal, verdict
from game.host.room import Room, RoomError, Student
from game.host.table import TableError

MAX_MESSAGE = 16 * 1024  # bytes: a move or a package is a few hundred
RATE = 8.0  # messages a second a connection may send on average ...
BURST = 30.0  # ... and at once; beyond that they are refused
CUT_OFF = 200  # refused messages after which the connection is closed
TICK = 1.0  # seconds between looks at the clocks of the tables
JOIN_WITHIN = 60.0  # seconds a socket may stay open without joining the room
MAX_PAGES = 6  # pages one student may have open at once (tabs, devices)


def static_folder() -> Path:
    return Path(str(resources.files("game.host") / "static"))


class Bucket:
    """A token bucket: how many messages a connection may still send now."""

    def __init__(self) -> None:
        self.level = BURST
        self.at = time.monotonic()
        self.refused = 0

    def take(self) -> bool:
        now = time.monotonic()
        self.level = min(BURST, self.level + (now - self.at) * RATE)
        self.at = now
        if self.level < 1.0:
            self.refused += 1
            return False
        self.level -= 1.0
        return True


ROOM = web.AppKey("room", Room)
HUB = web.AppKey("hub", Hub)


# the student's socket ------------------------------------------------------------------------------
def same_origin(request: web.Request) -> None:
    """A page of another site may not open a socket here (a classmate's page spamming joins): a browser always
    says where the page came from."""
    origin = request.headers.get("Origin")
    if origin is not None and urlsplit(origin).netloc != request.host:
        raise web.HTTPForbidden(text="This server talks only to its own pages.")


def readable(text: str) -> str:
    """An error's text as the page can show it (an echo of a lone surrogate cannot be sent as UTF-8)."""
    return text.encode("utf-8", "replace").decode("utf-8")[:400]


async def student_socket(request: web.Request) -> web.WebSocketResponse:
    same_origin(request)
    room, hub = request.app[ROOM], request.app[HUB]
    ws = web.WebSocketResponse(max_msg_size=MAX_MESSAGE, heartbeat=20.0)
    await ws.prepare(request)
    bucket = Bucket()
    student: Student | None = None
    try:
        while not ws.closed:
            try:  # a socket must join within a while: one left open does not hold a place for ever
                msg = await ws.receive(timeout=None if student is not None else JOIN_WITHIN)
            except TimeoutError:
                await ws.close(code=1008, message=b"join the room within a minute of opening the page")
                break
            if msg.type in (WSMsgType.CLOSE, WSMsgType.CLOSING, WSMsgType.CLOSED, WSMsgType.ERROR):
                break
            if not bucket.take():  # every frame counts, whatever it holds
                if bucket.refused >= CUT_OFF:
                    await ws.close(code=1008, message=b"too many messages")
                    break
                await hub.send(ws, {"type": "error", "message": "too many messages: slow down"})
                continue
            if msg.type != WSMsgType.TEXT:
                await hub.send(ws, {"type": "error", "message": "messages are JSON text"})
                continue
            try:
                data = json.loads(msg.data)
                if not isinstance(data, dict):
                    raise ValueError
            except (ValueError, RecursionError):
                await hub.send(ws, {"type": "error", "message": "not a message: send one JSON object"})
                continue
            try:
                student = await handle_student(hub, room, ws, student, data)
            except (RoomError, TableError, ValueError) as exc:
                await hub.send(ws, {"type": "error", "message": readable(str(exc))})
            except Exception:  # noqa: BLE001 - one message must never cost the others their server
                logging.getLogger("detente.host").exception("a student's message could not be handled")
                await hub.send(ws, {"type": "error", "message": "the server could not do that (it noted why)"})
    finally:
        if student is not None:
            hub.students[student.id].discard(ws)
            hub.presence_changed(student)
    return ws


async def handle_student(hub: Hub, room: Room, ws: web.WebSocketResponse, student: Student | None,
                         data: dict[str, Any]) -> Student | None:
    kind = data.get("type")
    if kind in ("join", "hello"):
        if student is not None:
            raise RoomError("you are already in the room")
        if kind == "join":
            student, token = room.join(data.get("room"), data.get("name"))
            welcome = {"type": "welcome", "token": token, "id": student.id, "name": student.name, "room": room.code}
        else:
            student = room.student_by_token(data.get("token"))
            if len(hub.students[student.id]) >= MAX_PAGES:
                raise RoomError(f"you have {MAX_PAGES} pages of this game open already: close one first")
            welcome = {"type": "welcome", "id": student.id, "name": student.name, "room": room.code}
        hub.students[student.id].add(ws)
        await hub.send(ws, {**welcome, "scenario": hub.info})
        await hub.send(ws, hub.page(student))
        if kind == "join":
            hub.dashboard_changed()  # the lobby grew
        else:
            hub.presence_changed(student)
        return student
    if student is None:
        raise RoomError("join the room first")
    for key, own in (("table", student.table), ("seat", student.seat)):
        if key in data and data[key] != own:
            raise RoomError("you can act only for your own seat at your own table")
    if kind == "move":
        table = room.play(student, data.get("move"), data.get("seen"))
        await hub.table_changed(table)
    elif kind == "value":
        if student.table is None or student.seat is None:
            raise RoomError("you are not at a table yet")
        view = room.tables[student.table].view(student.seat)
        package = parse_package(view, data.get("package"))
        answer = {"type": "value", "package": data.get("package"), "verdict": verdict(view, package)}
        if any(x >= 0 for x in package):
            answer["move"] = proposal(view, package)
        await hub.send(ws, answer)
    elif kind == "refresh":
        await hub.send(ws, hub.page(student))
    else:
        raise RoomError(f"unknown message type {str(kind)[:40]!r}")
    return student


# the instructor ----------------------------------------------------------------------------------------
def instructor(request: web.Request) -> None:
    if not request.app[ROOM].is_instructor(request.query.get("key")):
        raise web.HTTPForbidden(text="This page needs the instructor's key: open the dashboard address that "
                                     "`detente host` printed.")


async def dashboard_socket(request: web.Request) -> web.WebSocketResponse:
    instructor(request)
    same_origin(request)
    room, hub = request.app[ROOM], request.app[HUB]
    ws = web.WebSocketResponse(max_msg_size=MAX_MESSAGE, heartbeat=20.0)
    await ws.prepare(request)
    hub.dashboards.add(ws)
    bucket = Bucket()
    await hub.send(ws, hub.status())
    try:
        async for msg in ws:
            if msg.type != WSMsgType.TEXT:
                continue
            if not bucket.take():
                await hub.send(ws, {"type": "error", "message": "too many commands: slow down"})
                continue
            try:
                data = json.loads(msg.data)
                if not isinstance(data, dict):
                    raise ValueError("send one JSON object")
                said = await command(hub, room, data)
                if said:
                    await hub.send(ws, {"type": "notice", "message": said})
            except (RoomError, TableError, ValueError, RecursionError) as exc:
                await hub.send(ws, {"type": "error", "message": readable(str(exc)) or "not a command"})
    finally:
        hub.dashboards.discard(ws)
    return ws


def _tables(room: Room, raw: object) -> list[int] | None:
    if raw is None:
        return None
    if not isinstance(raw, list) or not all(isinstance(n, int) and not isinstance(n, bool) for n in raw):
        raise RoomError("tables are given as a list of table numbers")
    for n in raw:
        room.table(n)
    return list(raw)


async def command(hub: Hub, room: Room, data: dict[str, Any]) -> str | None:
    """Carry out an instructor's command; what it did, when there is something to say."""
    kind = data.get("type")
    said = None
    if kind == "start":
        room.start(hub.online())
    elif kind == "seat_lobby":
        room.seat_lobby(hub.online())
        room.save()
    elif kind == "remove":
        room.remove(data.get("student"))
    elif kind == "lock":
        room.lock(data.get("locked"))
    elif kind in ("pause", "resume"):
        room.pause(kind == "pause", _tables(room, data.get("tables")))
    elif kind == "end":
        room.end()
    elif kind == "limit":
        room.set_limit(data.get("seconds"), data.get("on_expiry", "pass"))
    elif kind == "extend":
        room.extend(data.get("seconds"), _tables(room, data.get("tables")))
    elif kind == "hand_over":
        room.hand_over(data.get("table"), data.get("seat"), data.get("to_ai"))
    elif kind == "inject":
        fired, refused = room.inject(data.get("event"), _tables(room, data.get("tables")))
        title = room.scenario.event(str(data["event"])).spec.title
        said = (f"\u201c{title}\u201d happens at the start of the next round at "
                + (f"table{'s' * (len(fired) > 1)} {', '.join(map(str, fired))}" if fired else "no table"))
        if refused:
            said += "; not at " + "; ".join(f"table {n} ({why})" for n, why in refused.items())
    else:
        raise RoomError(f"unknown command {str(kind)[:40]!r}")
    await hub.everyone()
    return said


# pages and downloads -----------------------------------------------------------------------------------
async def student_page(request: web.Request) -> web.FileResponse:
    return web.FileResponse(static_folder() / "student.html")


async def icon(request: web.Request) -> web.FileResponse:
    return web.FileResponse(static_folder() / "icon.svg")


async def class_debrief(request: web.Request) -> web.Response:
    """The class debrief to project: the class report (``detente report``) of the tables that have finished,
    every transcript proven again as it is read."""
    instructor(request)
    room = request.app[ROOM]
    from game.tools.report import read, without_names
    from game.tools.report_write import html

    files = [str(room.table_path(n)) for n, table in room.tables.items() if table.over]
    if not files:
        return web.Response(text=WAITING, content_type="text/html")
    report = await asyncio.get_running_loop().run_in_executor(None, read, files, room.scenario.filename)
    if request.query.get("names") == "hidden":  # to project: tables and sides, no student's name
        report = without_names(report)
    return web.Response(text=html(report, f"detente host: room {room.code}"), content_type="text/html")


WAITING = ("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Détente: class debrief</title>"
           "<link rel='stylesheet' href='/static/style.css'></head><body><main><p class='panel'>No table has finished "
           "yet: the class debrief shows the games that have ended. Reload this page later.</p></main></body></html>")


async def dashboard_page(request: web.Request) -> web.FileResponse:
    instructor(request)
    return web.FileResponse(static_folder() / "dashboard.html")


async def gradebook_csv(request: web.Request) -> web.Response:
    instructor(request)
    room = request.app[ROOM]
    return web.Response(text=gradebook(room), content_type="text/csv", headers={
        "Content-Disposition": f'attachment; filename="{room.scenario.id}-class-{room.code}.csv"'})


async def transcripts_zip(request: web.Request) -> web.Response:
    instructor(request)
    room = request.app[ROOM]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for number in room.tables:
            path = room.table_path(number)
            if path.is_file():
                archive.write(path, path.name)
    return web.Response(body=buffer.getvalue(), content_type="application/zip", headers={
        "Content-Disposition": f'attachment; filename="{room.scenario.id}-transcripts-{room.code}.zip"'})


@web.middleware
async def no_cache(request: web.Request, handler: Any) -> web.StreamResponse:
    response = await handler(request)
    response.headers.setdefault("Cache-Control", "no-store")
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "no-referrer")  # the dashboard's key stays in its address
    return response


async def clock(app: web.Application) -> AsyncIterator[None]:
    """Once a second: let the time for a move run out where it has (the pages count the clocks down themselves)."""
    room, hub = app[ROOM], app[HUB]

    async def tick() -> None:
        while True:
            await asyncio.sleep(TICK)
            try:
                for table in room.expired():
                    await hub.table_changed(table)
            except Exception:  # noqa: BLE001 - the clock must outlive one table's problem
                logging.getLogger("detente.host").exception("the clock of the session failed once")

    task = asyncio.create_task(tick())
    yield
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task


def make_app(room: Room) -> web.Application:
    app = web.Application(middlewares=[no_cache], client_max_size=64 * 1024)
    app[ROOM] = room
    app[HUB] = Hub(room)
    app.cleanup_ctx.append(clock)
    app.router.add_get("/", student_page)
    app.router.add_get("/dashboard", dashboard_page)
    app.router.add_get("/favicon.ico", icon)
    app.router.add_get("/debrief", class_debrief)
    app.router.add_get("/ws", student_socket)
    app.router.add_get("/ws/dashboard", dashboard_socket)
    app.router.add_get("/class.csv", gradebook_csv)
    app.router.add_get("/transcripts.zip", transcripts_zip)
    app.router.add_static("/static/", static_folder(), follow_symlinks=False)
    return app
