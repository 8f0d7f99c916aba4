"""No one where they don't belong: every message that is not the sender's to send is refused with a clear
error, nothing is applied, and the server goes on serving everyone else."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

from aiohttp import WSServerHandshakeError

from tests.host.helpers import Student, seated_pair, served


def run(coro):  # noqa: ANN001, ANN201
    return asyncio.run(coro)


def choice(student: Student) -> str:
    event = student.page["event"]
    return f"choose {event['id']} {event['choices'][0]['id']}"


async def still_serving(client, room) -> None:  # noqa: ANN001
    """Another student can still join: the server is alive."""
    other = await Student.join(client, room, "Zoe")
    assert (await other.expect("lobby"))["name"] == "Zoe"


def test_a_student_cannot_move_for_another_seat_or_table(tmp_path: Path) -> None:
    async def go() -> None:
        async with served(tmp_path / "c", seed=5) as (client, room, token):
            ana, ben, _dash = await seated_pair(client, room, token)
            mover, other = (ana, ben) if ana.page["kinds"] else (ben, ana)
            # the other seat sends the mover's move: not its turn
            await other.send({"type": "move", "move": choice(mover), "seen": 0})
            assert "not your move" in (await other.expect("error"))["message"]
            # naming the mover's seat or another table does not help
            await other.send({"type": "move", "move": choice(mover), "seen": 0, "seat": mover.page["seat"]})
            assert "own seat" in (await other.expect("error"))["message"]
            await mover.send({"type": "move", "move": choice(mover), "seen": 0, "table": 2})
            assert "own seat" in (await mover.expect("error"))["message"]
            assert room.tables[1].moves == 0
            await still_serving(client, room)
    run(go())


def test_forged_and_reused_tokens_are_refused(tmp_path: Path) -> None:
    async def go() -> None:
        async with served(tmp_path / "c", seed=5) as (client, room, token):
            ana, _ben, _dash = await seated_pair(client, room, token)
            forged = Student(await client.ws_connect("/ws"))
            for bad in ("x" * 24, "", None, 12, "a" * 10_000, ana.token[:-1] + "A"):
                await forged.send({"type": "hello", "token": bad})
                assert "not known" in (await forged.expect("error"))["message"]
            await forged.send({"type": "move", "move": "accept", "seen": 0})
            assert "join the room first" in (await forged.expect("error"))["message"]
            # a socket that is in may not take another student's seat on top
            await ana.send({"type": "hello", "token": ana.token})
            assert "already" in (await ana.expect("error"))["message"]
            # the instructor's key is not a seat token, and a seat token opens no dashboard
            await forged.send({"type": "hello", "token": token})
            assert "not known" in (await forged.expect("error"))["message"]
            for key in (ana.token, "", "wrong"):
                try:
                    await client.ws_connect(f"/ws/dashboard?key={key}")
                    raise AssertionError("the dashboard's socket opened without its key")
                except WSServerHandshakeError as exc:
                    assert exc.status == 403
            assert room.tables[1].moves == 0
    run(go())


def test_the_dashboard_and_its_downloads_need_the_key(tmp_path: Path) -> None:
    async def go() -> None:
        async with served(tmp_path / "c", seed=5) as (client, room, token):
            for path in ("/dashboard", "/class.csv", "/transcripts.zip", "/debrief"):
                for query in ("", "?key=", "?key=nope"):
                    response = await client.get(path + query)
                    assert response.status == 403, path + query
                    assert "instructor's key" in await response.text()
                assert (await client.get(f"{path}?key={token}")).status == 200
    run(go())


def test_a_wrong_room_code_or_name_is_refused(tmp_path: Path) -> None:
    async def go() -> None:
        async with served(tmp_path / "c", seed=5) as (client, room, _token):
            s = Student(await client.ws_connect("/ws"))
            for code, name, words in ((room.code[::-1] + "Q", "Ana", "room's code"), (None, "Ana", "room's code"),
                                      (room.code, "", "your name"), (room.code, "\u202e\x00 ", "your name"),
                                      (room.code, "x" * 41, "at most 40"), (room.code, ["Ana"], "your name")):
                await s.send({"type": "join", "room": code, "name": name})
                assert words in (await s.expect("error"))["message"]
            assert not room.students
            await s.send({"type": "join", "room": room.code.lower(), "name": "  Ana \t Lopez "})
            assert (await s.expect("welcome"))["name"] == "Ana Lopez"
    run(go())


def test_malformed_messages_get_an_error_and_change_nothing(tmp_path: Path) -> None:
    async def go() -> None:
        async with served(tmp_path / "c", seed=5) as (client, room, token):
            ana, ben, _dash = await seated_pair(client, room, token)
            mover = ana if ana.page["kinds"] else ben
            for raw in ("not json", "[1, 2]", "null", '"text"', "{\"type\": 3}", json.dumps({"type": "fly"}),
                        json.dumps({"type": "move"}), json.dumps({"type": "move", "move": "accept", "seen": "0"}),
                        json.dumps({"type": "move", "move": "accept", "seen": True}),
                        json.dumps({"type": "move", "move": "propose nato=never", "seen": 0}),
                        json.dumps({"type": "move", "move": "choose x y", "seen": 0}),
                        json.dumps({"type": "value", "package": "all"}),
                        json.dumps({"type": "value", "package": [None] * 99}),
                        json.dumps({"type": "value", "package": [["x"]] * len(room.scenario.issues)})):
                await mover.send(raw)
                error = await mover.expect("error")
                assert error["message"] and "Traceback" not in error["message"]
            await mover.ws.send_bytes(b"\x00\x01")
            assert "JSON text" in (await mover.expect("error"))["message"]
            assert room.tables[1].moves == 0
            await mover.move(choice(mover))  # the connection still works
            await mover.expect("page")
            assert room.tables[1].moves >= 1
    run(go())


def test_an_oversized_message_closes_that_socket_only(tmp_path: Path) -> None:
    async def go() -> None:
        async with served(tmp_path / "c", seed=5) as (client, room, token):
            ana, ben, _dash = await seated_pair(client, room, token)
            await ana.send(json.dumps({"type": "move", "move": "x" * 100_000, "seen": 0}))
            closed = await ana.receive()
            assert closed["type"] == "closed" and ana.ws.close_code == 1009  # "message too big"
            assert room.tables[1].moves == 0
            await ben.send({"type": "refresh"})
            assert (await ben.expect("page"))["view"]["table"] == 1
            await still_serving(client, room)
    run(go())


def test_a_flood_is_refused_and_the_server_keeps_serving(tmp_path: Path) -> None:
    async def go() -> None:
        async with served(tmp_path / "c", seed=5) as (client, room, token):
            ana, ben, _dash = await seated_pair(client, room, token)
            mover = ana if ana.page["kinds"] else ben
            text = choice(mover)
            for _ in range(120):
                await mover.send({"type": "move", "move": text, "seen": 0})
            replies = []
            while True:
                try:
                    data = await mover.receive(timeout=0.5)
                except TimeoutError:
                    break
                replies.append(data)
                if data["type"] == "closed":
                    break
            errors = [r["message"] for r in replies if r["type"] == "error"]
            assert any("too many messages" in e for e in errors)
            assert [m["move"] for m in room.tables[1].transcript.moves].count(text) == 1  # applied once
            await still_serving(client, room)
    run(go())
