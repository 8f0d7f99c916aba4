"""Who is connected to the class server, and what each is sent: a student's page (its seat's view) and the
instructor's dashboard (every table, hidden values included), sent again when something changes."""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections import defaultdict
from dataclasses import asdict
from typing import Any

from aiohttp import web

from game.analysis.debrief import debrief
from game.analysis.watch import watch
from game.host.present import scenario_info, seat_debrief, seat_page
from game.host.room import Room, Student
from game.host.table import Table

DASHBOARD_DELAY = 0.05  # seconds: changes that come together reach the dashboard in one update
STALLED = 180.0  # seconds without a move at a table waiting for a person: the dashboard flags it


class Hub:
    """Who is connected: each student's sockets, the dashboards'; and sending them what changed."""

    def __init__(self, room: Room) -> None:
        self.room = room
        self.students: dict[str, set[web.WebSocketResponse]] = defaultdict(set)
        self.dashboards: set[web.WebSocketResponse] = set()
        self.dashboard_due: asyncio.TimerHandle | None = None
        self.cards: dict[int, dict[str, Any]] = {}  # each table's card for the dashboard, until it changes
        self.dirty: set[int] = set()  # the tables whose cards the next update carries
        self.whole = False  # the next update is the whole class
        self.info = scenario_info(room.scenario.public)

    def online(self) -> set[str]:
        """The students with a page open now."""
        return {i for i, sockets in self.students.items() if sockets}

    # what each one is sent -----------------------------------------------------------------------
    def page(self, student: Student) -> dict[str, Any]:
        room = self.room
        if student.table is None or student.seat is None:
            return {"type": "lobby", "name": student.name, "started": room.started, "ended": room.ended,
                    "title": room.scenario.title}
        table = room.tables[student.table]
        view = table.view(student.seat)
        names = {seat: " & ".join(room.students[i].name for i in ids) for seat, ids in table.members.items()}
        data = seat_page(view, table=table.number, moves=table.moves, paused=table.paused, names=names,
                         practice=table.transcript.practice, ended=room.ended)
        data["time_left"] = room.time_left(table)  # for the move awaited (the page counts it down)
        data["team"] = [room.students[i].name for i in table.members.get(student.seat, []) if i != student.id]
        data["stand_in"] = student.seat in table.stand_ins
        if table.over:
            data["debrief"] = seat_debrief(view, debrief(table.state))
        return {"type": "page", "view": data}

    async def send(self, ws: web.WebSocketResponse, message: dict[str, Any]) -> None:
        if not ws.closed:
            # the socket may close meanwhile: the student gets the page again when they reconnect
            with contextlib.suppress(ConnectionError, RuntimeError, UnicodeEncodeError):
                await ws.send_str(json.dumps(message, ensure_ascii=False))

    async def table_changed(self, table: Table) -> None:
        for ids in table.members.values():
            for i in ids:
                await self.to_student(self.room.students[i])
        self.dashboard_changed(table.number)

    async def to_student(self, student: Student) -> None:
        sockets = list(self.students.get(student.id, ()))
        if sockets:
            page = self.page(student)
            for ws in sockets:
                await self.send(ws, page)

    async def everyone(self) -> None:
        for student in self.room.students.values():
            await self.to_student(student)
        self.dashboard_changed()

    def presence_changed(self, student: Student) -> None:
        """A student connected or left: their table's card (or the lobby) shows it."""
        self.dashboard_changed(student.table)

    def dashboard_changed(self, table: int | None = None) -> None:
        """Update the dashboards soon: the changes of one moment go out together. `table`: only that table's card
        changed (the update carries the changed cards); None: the whole class (the lobby, the settings)."""
        if table is None:
            self.whole = True
            self.cards.clear()
        else:
            self.cards.pop(table, None)
            self.dirty.add(table)
        if self.dashboard_due is None and self.dashboards:
            loop = asyncio.get_running_loop()
            self.dashboard_due = loop.call_later(DASHBOARD_DELAY, lambda: asyncio.ensure_future(self._dashboards()))

    async def _dashboards(self) -> None:
        self.dashboard_due = None
        if self.whole:
            message = self.status()
        else:
            message = {"type": "tables", "now": self.room.now(),
                       "tables": [self.card(self.room.tables[n]) for n in sorted(self.dirty)]}
        self.whole, self.dirty = False, set()
        text = json.dumps(message, ensure_ascii=False)
        for ws in list(self.dashboards):
            if not ws.closed:
                with contextlib.suppress(ConnectionError, RuntimeError):
                    await ws.send_str(text)

    def card(self, table: Table) -> dict[str, Any]:
        """One table as the instructor sees it (kept until the table changes). Times are the server's clock:
        the page counts them down itself."""
        found = self.cards.get(table.number)
        if found is not None:
            return found
        room = self.room
        seen = watch(table.state, {seat: c.name for seat, c in table.seats.items() if c.kind == "ai"}
                     | {seat: level or None for seat, level in table.stand_ins.items()})
        people = table.waiting_for
        seats = []
        for seat, controller in table.seats.items():
            ids = table.members.get(seat, [])
            seats.append({"seat": seat, "player": str(controller),
                          "students": [{"id": i, "name": room.students[i].name,
                                        "online": bool(self.students.get(i))} for i in ids]})
        sc = room.scenario
        named = {seat: sc.actors[seat].name for seat in sc.seats}
        flags = []
        if seen.near_escalation:
            flags.append("near escalation: " + ", ".join(seen.near_escalation))
        crossed = [s for s in seen.sides if s.crossed]
        if crossed:
            flags.append("red line crossed: " + ", ".join(f"{named[s.seat]} ({', '.join(s.crossed)})" for s in crossed))
        if seen.walkout_due:
            flags.append("near a walkout: " + ", ".join(f"the AI of {named[s]} would leave at its next move"
                                                       for s in seen.walkout_due))
        if seen.phase in ("choice", "answer") and people is not None:
            flags.append(f"waiting for {named[people]} to {'choose' if seen.phase == 'choice' else 'answer'}")
        left = room.time_left(table)
        card = self.cards[table.number] = {
            "number": table.number, "paused": table.paused, "moves": table.moves, "seats": seats,
            "watch": asdict(seen), "flags": flags, "stand_ins": table.stand_ins, "waiting_for": people,
            "waiting_since": table.changed_at if people is not None and not table.paused else None,
            "deadline_at": None if left is None else room.now() + left}
        return card

    def status(self) -> dict[str, Any]:
        """The whole class as the instructor sees it."""
        room = self.room
        return {"type": "status", "now": room.now(), "code": room.code, "started": room.started, "ended": room.ended,
                "scenario": self.info, "lobby": [{"id": s.id, "name": s.name, "online": bool(self.students.get(s.id))}
                                                 for s in room.lobby],
                "team_size": room.team_size, "locked": room.locked, "turn_limit": room.turn_limit,
                "on_expiry": room.on_expiry,
                "stalled_after": STALLED,
                "events": [{"id": e.spec.id, "title": e.spec.title} for e in room.scenario.events],
                "tables": [self.card(table) for table in room.tables.values()]}
