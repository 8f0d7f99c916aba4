"""What a hostile pass found, each kept out: a game stuck after a failed save or a kill between a person's move and
the AI's answer, frames that skipped the rate limit, sockets that never join, pages of other sites, messages that
crashed their own connection, controls that changed games after the end, and the AI's reasons for a person's seat
read by the other side."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest
from aiohttp import WSServerHandshakeError

import game.host.server as server
from game.host.room import Room, RoomError
from game.host.table import Table, TableError
from game.proof import prove
from game.resources import scenario_path
from game.saves import load
from game.scenario import load_scenario
from tests.host.helpers import Clock, Student, seated_pair, served


def against_the_ai(folder: Path, clock: Clock) -> Room:
    room, _ = Room.create(load_scenario(scenario_path(None)), folder, now=clock, seed=5, ai_seats=("russia",))
    room.join(room.code, "Ana")
    room.start()
    return room


def first_moves(room: Room) -> None:
    """Ana answers the opening event, then passes until the AI is due."""
    ana = next(iter(room.students.values()))
    table = room.tables[1]
    event = table.view("us").choice
    room.play(ana, f"choose {event.id} {event.choices[0].id}", table.moves)


def test_a_move_that_cannot_be_saved_changes_nothing_and_the_ai_answers_once_it_can(tmp_path: Path,
                                                                                  monkeypatch) -> None:  # noqa: ANN001
    clock = Clock()
    room = against_the_ai(tmp_path / "c", clock)
    first_moves(room)
    table = room.tables[1]
    ana = next(iter(room.students.values()))
    before, fingerprint = table.moves, table.state.fingerprint()

    def full_disk(_table: Table) -> None:
        raise OSError(28, "No space left on device")

    table.write = full_disk
    with pytest.raises(TableError, match="could not be saved .*No space left"):
        room.play(ana, "pass", table.moves)
    assert table.moves == before and table.state.fingerprint() == fingerprint  # the game is where its file is
    table.write = room.write_table  # the disk has room again: the move is made, the AI answers
    room.play(ana, "pass", table.moves)
    assert table.waiting_for == "us" and table.moves >= before + 2
    assert prove(load(room.table_path(1)), room.scenario).state.fingerprint() == table.state.fingerprint()


def test_the_ai_answers_after_a_save_failed_in_its_own_move(tmp_path: Path) -> None:
    clock = Clock()
    room = against_the_ai(tmp_path / "c", clock)
    first_moves(room)
    table = room.tables[1]
    ana = next(iter(room.students.values()))
    saves = []

    def second_fails(_table: Table) -> None:
        saves.append(1)
        if len(saves) == 2:  # Ana's move is saved; the AI's answer is not
            raise OSError(24, "Too many open files")
        room.write_table(_table)

    table.write = second_fails
    room.play(ana, "pass", table.moves)  # Ana's move stands; the AI could not answer
    assert table.unattended_due and table.state.to_move == "russia"
    clock.now += 1
    assert room.expired() == [table]  # the server's clock lets the AI answer
    assert table.waiting_for == "us"


def test_a_session_killed_before_the_ai_answered_comes_back_with_its_answer(tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    clock = Clock()
    room = against_the_ai(tmp_path / "c", clock)
    first_moves(room)
    ana = next(iter(room.students.values()))
    monkeypatch.setattr(Table, "run_unattended", lambda self, now=None: None)  # killed just after Ana's move
    room.play(ana, "pass", room.tables[1].moves)
    assert room.tables[1].state.to_move == "russia"
    monkeypatch.undo()
    again, _ = Room.resume(room.folder, room.scenario, now=clock)
    assert again.tables[1].waiting_for == "us" and again.tables[1].moves > room.tables[1].moves


def test_after_the_end_nothing_changes_a_game(tmp_path: Path) -> None:
    clock = Clock()
    room = against_the_ai(tmp_path / "c", clock)
    room.set_limit(30, "ai")
    room.join(room.code, "Late")
    room.end()
    for attempt in (lambda: room.seat_lobby(), lambda: room.pause(False), lambda: room.inject("troop_reports"),
                    lambda: room.hand_over(1, "us", True), lambda: room.set_limit(60, "pass"),
                    lambda: room.extend(60)):
        with pytest.raises(RoomError, match="ended"):
            attempt()
    moves = room.tables[1].moves
    clock.now += 1000
    assert room.expired() == [] and room.tables[1].moves == moves


def test_a_closed_room_takes_no_one_new(tmp_path: Path) -> None:
    room = against_the_ai(tmp_path / "c", Clock())
    room.lock(True)
    with pytest.raises(RoomError, match="closed to new students"):
        room.join(room.code, "Zoe")
    room.lock(False)
    room.join(room.code, "Zoe")


def test_frames_that_are_not_text_count_against_the_rate_and_a_flood_of_them_is_cut_off(tmp_path: Path) -> None:
    async def go() -> None:
        async with served(tmp_path / "c", seed=5) as (client, room, _token):
            ws = await client.ws_connect("/ws")
            for _ in range(server.CUT_OFF + int(server.BURST) + 50):
                if ws.closed:
                    break
                await ws.send_bytes(b"\x00")
            while not ws.closed:
                try:
                    await ws.receive(timeout=2)
                except TimeoutError:
                    break
            assert ws.close_code == 1008
            other = await Student.join(client, room, "Zoe")  # the server serves everyone else
            assert (await other.expect("lobby"))["name"] == "Zoe"
    asyncio.run(go())


def test_a_socket_that_never_joins_is_closed(tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setattr(server, "JOIN_WITHIN", 0.3)

    async def go() -> None:
        async with served(tmp_path / "c", seed=5) as (client, _room, _token):
            ws = await client.ws_connect("/ws")
            msg = await ws.receive(timeout=3)
            assert ws.closed and ws.close_code == 1008, msg
    asyncio.run(go())


def test_pages_of_other_sites_cannot_open_a_socket(tmp_path: Path) -> None:
    async def go() -> None:
        async with served(tmp_path / "c", seed=5) as (client, _room, token):
            for path in ("/ws", f"/ws/dashboard?key={token}"):
                with pytest.raises(WSServerHandshakeError) as refused:
                    await client.ws_connect(path, headers={"Origin": "http://evil.example"})
                assert refused.value.status == 403
            own = await client.ws_connect("/ws", headers={"Origin": str(client.make_url("/")).rstrip("/")})
            await own.close()
    asyncio.run(go())


def test_messages_that_crashed_their_connection_get_an_error(tmp_path: Path) -> None:
    async def go() -> None:
        async with served(tmp_path / "c", seed=5) as (client, room, _token):
            ana = await Student.join(client, room, "Ana")
            for raw in ("[" * 5000 + "]" * 5000, '{"type": "move", "move": "\\ud800", "seen": 0}',
                        '{"type": "join", "room": "\\ud800", "name": "x"}'):
                await ana.send(raw)
                error = await ana.expect("error")
                assert error["message"]
            await ana.send({"type": "refresh"})
            assert (await ana.expect("lobby"))["name"] == "Ana"  # the same connection goes on
    asyncio.run(go())


def test_one_student_cannot_open_pages_without_end(tmp_path: Path) -> None:
    async def go() -> None:
        async with served(tmp_path / "c", seed=5) as (client, room, _token):
            ana = await Student.join(client, room, "Ana")
            pages = [await Student.back(client, ana.token) for _ in range(server.MAX_PAGES - 1)]
            extra = Student(await client.ws_connect("/ws"))
            await extra.send({"type": "hello", "token": ana.token})
            assert "pages of this game open already" in (await extra.expect("error"))["message"]
            await pages[0].ws.close()
            await asyncio.sleep(0.1)
            await extra.send({"type": "hello", "token": ana.token})
            await extra.expect("welcome")
    asyncio.run(go())


def test_the_ais_reasons_for_a_persons_seat_are_not_read_by_the_other_side(tmp_path: Path) -> None:
    async def go() -> None:
        async with served(tmp_path / "c", seed=5) as (client, room, token):
            ana, ben, dash = await seated_pair(client, room, token)
            await dash.send_str(json.dumps({"type": "hand_over", "table": 1, "seat": "us", "to_ai": True}))
            await dash.send_str(json.dumps({"type": "hand_over", "table": 1, "seat": "russia", "to_ai": True}))
            await asyncio.sleep(0.5)
            await ana.settle()
            await ben.settle()
            us = next(s for s in (ana, ben) if s.page["seat"] == "us")
            other = next(s for s in (ana, ben) if s.page["seat"] == "russia")
            theirs = [e for e in other.page["log"] if e["actor"] == "us" and e["kind"] == "move"]
            mine = [e for e in us.page["log"] if e["actor"] == "us" and e["kind"] == "move"]
            assert theirs and all(e["reason"] == "the AI played for the student (the instructor handed it the seat)"
                                  for e in theirs)
            assert any(len(e["reason"]) > len(theirs[0]["reason"]) for e in mine)  # its own student reads why
    asyncio.run(go())
