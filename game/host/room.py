"""A class session: the room code, the students, their tables, the instructor's controls, and its folder.

Everything a kill could lose is on disk: ``room.json`` (the students, their seats and the settings,
with hashes of their tokens, never the tokens) and one transcript per table under ``tables/``, each
rewritten atomically after every move. ``Room.resume(folder)`` brings every table back where it was.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from game.engine.transcript import TranscriptError
from game.files import write_atomic
from game.host.table import Table, TableError
from game.saves import load
from game.scenario.model import Scenario
from game.seats import HUMAN, Controller, parse_controller

CODE_LETTERS = "BCDFGHJKLMNPQRSTVWXZ"  # no vowels (no words), no I/O/U/Y (no look-alikes)
CODE_LENGTH = 4
MAX_NAME = 40
MAX_STUDENTS = 400
ROOM_FILE = "room.json"


class RoomError(TableError):
    """A request the room refuses: the text is shown to whoever sent it."""


def digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def clean_name(text: object) -> str:
    """A student's name as typed: printable, one line, at most MAX_NAME characters; RoomError if empty."""
    if not isinstance(text, str):
        raise RoomError("type your name")
    name = " ".join("".join(ch for ch in text if unicodedata.category(ch)[0] not in "CZ" or ch == " ").split())
    if not name:
        raise RoomError("type your name")
    if len(name) > MAX_NAME:
        raise RoomError(f"a name has at most {MAX_NAME} characters")
    return name


@dataclass
class Student:
    id: str  # short, public within the room (the dashboard names students by it)
    name: str
    token_hash: str
    table: int | None = None
    seat: str | None = None


@dataclass
class Room:
    scenario: Scenario
    folder: Path
    code: str
    instructor_hash: str
    team_size: int = 1  # students sharing one seat
    practice: bool = True
    difficulty: str | None = None  # the AI's level where it takes a seat
    seed: int = 0  # table N plays the game of seed + N: the instructor can give a class the same games
    started: bool = False
    ended: bool = False
    locked: bool = False  # the instructor closed the room to new students
    ai_seats: tuple[str, ...] = ()  # seats the AI plays at every table (the instructor's choice)
    turn_limit: float | None = None  # seconds a person has for a move (None: no limit)
    on_expiry: str = "pass"  # when it runs out: "pass" (the seat passes) or "ai" (the AI moves for it)
    students: dict[str, Student] = field(default_factory=dict)
    tables: dict[int, Table] = field(default_factory=dict)
    now: Callable[[], float] = field(default=lambda: 0.0, repr=False)

    # making and reopening ----------------------------------------------------------------------
    @classmethod
    def create(cls, scenario: Scenario, folder: Path, *, now: Callable[[], float], seed: int | None = None,
               team_size: int = 1, difficulty: str | None = None, practice: bool = True,
               ai_seats: tuple[str, ...] = ()) -> tuple[Room, str]:
        """A new room and its instructor's token (shown once; only its hash is kept)."""
        for seat in ai_seats:
            if seat not in scenario.negotiators:
                raise RoomError(f"'{seat}' is not a side of {scenario.id} (sides: {', '.join(scenario.negotiators)})")
        if set(scenario.negotiators) <= set(ai_seats):
            raise RoomError("the AI cannot take every side: leave at least one to the students")
        if difficulty is not None and difficulty not in scenario.spec.ai.difficulties:
            raise RoomError(f"unknown difficulty '{difficulty}' (levels: {', '.join(scenario.spec.ai.difficulties)})")
        token = secrets.token_urlsafe(18)
        code = "".join(secrets.choice(CODE_LETTERS) for _ in range(CODE_LENGTH))
        room = cls(scenario, folder, code, digest(token), team_size, practice, difficulty,
                   secrets.randbelow(2**31) if seed is None else seed, ai_seats=tuple(ai_seats), now=now)
        room.save()
        return room, token

    @classmethod
    def resume(cls, folder: Path, scenario: Scenario, *, now: Callable[[], float]) -> tuple[Room, str]:
        """The room saved in `folder`, every table proven and back where it was, with a new instructor token
        (the old one was never written down)."""
        try:
            data = json.loads((folder / ROOM_FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise RoomError(f"{folder / ROOM_FILE}: not a class session folder ({exc})") from None
        if data.get("scenario_sha256") != scenario.digest:
            raise RoomError(f"{folder / ROOM_FILE}: the session was played with another version of "
                            f"'{data.get('scenario_id')}'")
        token = secrets.token_urlsafe(18)
        room = cls(scenario, folder, data["code"], digest(token), int(data.get("team_size", 1)),
                   bool(data.get("practice", True)), data.get("difficulty"), int(data.get("seed", 0)),
                   started=bool(data.get("started")), ended=bool(data.get("ended")), locked=bool(data.get("locked")),
                   ai_seats=tuple(data.get("ai_seats", ())), turn_limit=data.get("turn_limit"),
                   on_expiry=data.get("on_expiry", "pass"), now=now)
        for item in data.get("students", []):
            student = Student(item["id"], item["name"], item["token_hash"], item.get("table"), item.get("seat"))
            room.students[student.id] = student
        for item in data.get("tables", []):
            number = int(item["number"])
            try:
                transcript = load(room.table_path(number))
            except TranscriptError as exc:
                raise RoomError(str(exc)) from None
            table = Table.reopen(number, transcript, scenario, {k: list(v) for k, v in item["members"].items()},
                                 now=now(), paused=bool(item.get("paused")), stand_ins=item.get("stand_ins"))
            table.write = room.write_table
            room.tables[number] = table
            if not room.ended:
                table.run_unattended(now=now())  # killed between a person's move and the AI's answer: it answers
        room.save()
        return room, token

    def table_path(self, number: int) -> Path:
        return self.folder / "tables" / f"table-{number:03d}.json"

    def to_dict(self) -> dict[str, Any]:
        return {"format": "detente-class", "scenario_id": self.scenario.id, "scenario_sha256": self.scenario.digest,
                "scenario_file": self.scenario.filename, "code": self.code, "team_size": self.team_size,
                "practice": self.practice, "difficulty": self.difficulty, "seed": self.seed,
                "started": self.started, "ended": self.ended, "locked": self.locked, "ai_seats": list(self.ai_seats),
                "turn_limit": self.turn_limit,
                "on_expiry": self.on_expiry,
                "students": [{"id": s.id, "name": s.name, "token_hash": s.token_hash, "table": s.table,
                              "seat": s.seat} for s in self.students.values()],
                "tables": [{"number": t.number, "members": t.members, "paused": t.paused, "stand_ins": t.stand_ins}
                           for t in self.tables.values()]}

    def save(self) -> None:
        write_atomic(self.folder / ROOM_FILE, json.dumps(self.to_dict(), ensure_ascii=False, indent=1) + "\n")

    def write_table(self, table: Table) -> None:
        write_atomic(self.table_path(table.number),
                     json.dumps(table.transcript.to_dict(), ensure_ascii=False, indent=1) + "\n")

    # who is who -----------------------------------------------------------------------------------
    def is_instructor(self, token: object) -> bool:
        return isinstance(token, str) and hmac.compare_digest(digest(token), self.instructor_hash)

    def join(self, code: object, name: object) -> tuple[Student, str]:
        """A student joining with the room code and their name: their record and their seat token."""
        if not isinstance(code, str) or not hmac.compare_digest(code.strip().upper().encode("utf-8", "replace"),
                                                                self.code.encode()):
            raise RoomError("that is not this room's code: check it on the board")
        if self.ended:
            raise RoomError("the session has ended")
        if self.locked:
            raise RoomError("the room is closed to new students: ask your instructor")
        if len(self.students) >= MAX_STUDENTS:
            raise RoomError("the room is full")
        student_name = clean_name(name)
        taken = next((s for s in self.students.values() if s.name.casefold() == student_name.casefold()), None)
        if taken is not None:
            raise RoomError(f"someone in the room is already called {taken.name}: add an initial, or ask your "
                            "instructor if that was you on another device")
        token = secrets.token_urlsafe(18)
        student = Student(f"s{len(self.students) + 1}", student_name, digest(token))
        self.students[student.id] = student
        self.save()
        return student, token

    def student_by_token(self, token: object) -> Student:
        if isinstance(token, str) and 0 < len(token) <= 64:
            hashed = digest(token)
            for student in self.students.values():
                if hmac.compare_digest(student.token_hash, hashed):
                    return student
        raise RoomError("this seat token is not known here: join the room again")

    @property
    def lobby(self) -> list[Student]:
        """The students not yet at a table, in the order they joined."""
        return [s for s in self.students.values() if s.table is None]

    # the instructor's controls -------------------------------------------------------------------
    def start(self, online: set[str] | None = None) -> list[Table]:
        """Start the session: seat the students in the lobby (again later for those who join after)."""
        if self.ended:
            raise RoomError("the session has ended")
        self.started = True
        tables = self.seat_lobby(online)
        self.save()
        return tables

    def seat_lobby(self, online: set[str] | None = None) -> list[Table]:
        """Seat the waiting students (with `online`, only those connected now: a page closed in the lobby is not a
        student at a table): each group of (people's seats x team size) students gets a table; the rest share one
        more table where the AI takes the seats no one fills."""
        self.still_open()
        waiting = [s for s in self.lobby if online is None or s.id in online]
        people_seats = [s for s in self.scenario.negotiators if s not in self.ai_seats]
        group = len(people_seats) * self.team_size
        made = []
        while waiting:
            chunk, waiting = waiting[:group], waiting[group:]
            made.append(self._open_table(chunk, people_seats))
        return made

    def _open_table(self, students: list[Student], people_seats: list[str]) -> Table:
        number = max(self.tables, default=0) + 1
        members: dict[str, list[str]] = {seat: [] for seat in people_seats}
        # one student per seat first, then the teams fill up: a short table has a person on as many seats as it can
        for n, student in enumerate(students):
            members[people_seats[n % len(people_seats)]].append(student.id)
        ai = parse_controller(f"ai:{self.difficulty}" if self.difficulty else "ai", self.scenario)
        seats: dict[str, Controller] = {s: HUMAN if members.get(s) else ai for s in self.scenario.seats}
        members = {s: ids for s, ids in members.items() if ids}
        names = {s: " & ".join(self.students[i].name for i in ids) for s, ids in members.items()}
        table = Table.start(number, self.scenario, seats, members, names, seed=self.seed + number,
                            practice=self.practice, now=self.now(), write=self.write_table)
        self.tables[number] = table
        for seat, ids in members.items():
            for i in ids:
                self.students[i].table, self.students[i].seat = number, seat
        return table

    def remove(self, student: object) -> None:
        """Take a student who is not at a table out of the room (a name typed twice, a page left open)."""
        found = self.students.get(student) if isinstance(student, str) else None
        if found is None:
            raise RoomError(f"there is no student {str(student)[:40]!r} in the room")
        if found.table is not None:
            raise RoomError(f"{found.name} is at table {found.table}: hand the seat to the AI instead")
        del self.students[found.id]
        self.save()

    def still_open(self) -> None:
        """RoomError once the session has ended: nothing changes a game after that."""
        if self.ended:
            raise RoomError("the session has ended: nothing more happens at the tables")

    def lock(self, locked: object) -> None:
        """Close the room to new students (or open it again)."""
        self.locked = bool(locked)
        self.save()

    def pause(self, paused: bool, tables: list[int] | None = None) -> None:
        if not paused:
            self.still_open()
        for number in tables if tables is not None else list(self.tables):
            table = self.table(number)
            table.paused = paused
            if not paused:
                table.run_unattended(now=self.now())
        self.save()

    def set_limit(self, seconds: object, on_expiry: object) -> None:
        """The time a person has for each move (None: no limit), and what happens when it runs out."""
        if seconds is not None and (not isinstance(seconds, int | float) or isinstance(seconds, bool)
                                    or not 10 <= seconds <= 3600):
            raise RoomError("the time for a move is from 10 seconds to an hour")
        if on_expiry not in ("pass", "ai"):
            raise RoomError("when the time runs out the seat passes ('pass') or the AI moves for it ('ai')")
        self.still_open()
        self.turn_limit = None if seconds is None else float(seconds)
        self.on_expiry = str(on_expiry)
        now = self.now()
        for table in self.tables.values():  # the clock of every move being waited for starts now
            table.changed_at, table.extra = now, 0.0
        self.save()

    def time_left(self, table: Table) -> float | None:
        """Seconds left for the move the table waits for (None: no limit, or no person's move awaited)."""
        if self.turn_limit is None or table.waiting_for is None or table.paused:
            return None
        return table.changed_at + self.turn_limit + table.extra - self.now()

    def extend(self, seconds: object, tables: list[int] | None = None) -> None:
        if not isinstance(seconds, int | float) or isinstance(seconds, bool) or not 0 < seconds <= 3600:
            raise RoomError("extend by 1 second to an hour")
        self.still_open()
        for number in tables if tables is not None else list(self.tables):
            self.table(number).extra += float(seconds)

    def expired(self) -> list[Table]:
        """Let the time run out where it has, and the AI move where it is due and has not (a save that failed):
        the tables that moved on."""
        moved: list[Table] = []
        if self.ended:
            return moved
        for table in self.tables.values():
            if table.unattended_due:
                before = table.moves
                table.run_unattended(now=self.now())
                if table.moves != before:
                    moved.append(table)
                    continue
            left = self.time_left(table)
            if left is not None and left <= 0 and table.time_out(self.on_expiry, now=self.now()) is not None:
                moved.append(table)
        return moved

    def inject(self, event: object, tables: list[int] | None = None) -> tuple[list[int], dict[int, str]]:
        """Fire a scenario event at some tables (None: all): the tables it will reach at their next round, and why
        it will not reach the others."""
        if not isinstance(event, str) or event not in {rule.spec.id for rule in self.scenario.events}:
            raise RoomError(f"there is no event {str(event)[:40]!r} in {self.scenario.id}")
        self.still_open()
        fired, refused = [], {}
        for number in tables if tables is not None else list(self.tables):
            try:
                self.table(number).inject(event, now=self.now())
                fired.append(number)
            except TableError as exc:
                refused[number] = str(exc)
        return fired, refused

    def hand_over(self, number: object, seat: object, to_ai: object) -> Table:
        self.still_open()
        table = self.table(number)
        if not isinstance(seat, str):
            raise RoomError("name the seat to hand over")
        table.hand_over(seat, (self.difficulty or "") if to_ai else None, now=self.now())
        self.save()
        return table

    def end(self) -> None:
        self.ended = True
        for table in self.tables.values():
            table.paused = True
        self.save()

    def table(self, number: object) -> Table:
        if not isinstance(number, int) or number not in self.tables:
            raise RoomError(f"there is no table {number!r}")
        return self.tables[number]

    # a student's move ------------------------------------------------------------------------------
    def play(self, student: Student, text: object, seen: object) -> Table:
        if not isinstance(text, str) or not isinstance(seen, int) or isinstance(seen, bool):
            raise RoomError("a move is sent as text with the number of moves seen")
        if student.table is None or student.seat is None:
            raise RoomError("you are not at a table yet")
        if self.ended:
            raise RoomError("the session has ended")
        table = self.tables[student.table]
        table.play(student.seat, text, seen, now=self.now(), by=student.name)
        return table
