"""Who sits where: pairs for two sides, groups for more, teams sharing a seat, the AI where no one sits, late
arrivals seated when the instructor says; and what `detente host` prints and refuses."""

from __future__ import annotations

import asyncio
import io
import subprocess
import sys
from pathlib import Path

import pytest

from game.host.room import Room, RoomError
from game.host.run import announce, qr_lines
from game.resources import scenario_path
from game.scenario import load_scenario
from tests.host.helpers import Clock, Student, served


def room_with(folder: Path, names: list[str], scenario: str | None = None, **options) -> Room:  # noqa: ANN003
    room, _ = Room.create(load_scenario(scenario_path(scenario)), folder, now=Clock(), seed=3, **options)
    for name in names:
        room.join(room.code, name)
    return room


def seating(room: Room) -> dict[int, dict[str, str]]:
    return {n: {seat: str(c) if not t.members.get(seat) else
                " & ".join(room.students[i].name for i in t.members[seat]) for seat, c in t.seats.items()}
            for n, t in room.tables.items()}


def test_pairs_then_the_ai_for_an_odd_student(tmp_path: Path) -> None:
    room = room_with(tmp_path / "c", ["A", "B", "C", "D", "E"])
    room.start()
    assert seating(room) == {1: {"us": "A", "russia": "B"}, 2: {"us": "C", "russia": "D"},
                             3: {"us": "E", "russia": "ai"}}


def test_three_sides_sit_in_groups_of_three_and_the_mediator_is_the_ai(tmp_path: Path) -> None:
    names = [f"S{n}" for n in range(1, 6)]
    room = room_with(tmp_path / "c", names, "dayton-1995")
    room.start()
    sc = room.scenario
    assert len(sc.negotiators) == 3 and sc.mediator is not None
    first, second = room.tables[1], room.tables[2]
    assert [first.members.get(s) for s in sc.negotiators] == [["s1"], ["s2"], ["s3"]]
    assert str(first.seats[sc.mediator]) == "ai"
    assert [bool(second.members.get(s)) for s in sc.negotiators] == [True, True, False]


def test_teams_share_a_seat_and_any_of_them_may_move(tmp_path: Path) -> None:
    async def go() -> None:
        async with served(tmp_path / "c", seed=5, team_size=2) as (client, room, token):
            students = [await Student.join(client, room, name) for name in ("Ana", "Ben", "Cleo", "Dan")]
            dash = await client.ws_connect(f"/ws/dashboard?key={token}")
            await dash.send_str('{"type": "start"}')
            pages = [(await s.expect("page"))["view"] for s in students]
            assert len(room.tables) == 1
            assert [p["seat"] for p in pages] == ["us", "russia", "us", "russia"]
            assert room.tables[1].transcript.names == {"us": "Ana & Cleo", "russia": "Ben & Dan"}
            mover = next(n for n, p in enumerate(pages) if p["kinds"])
            mate = students[mover + 2]  # the other member of the same team moves for it
            event = pages[mover]["event"]
            await mate.move(f"choose {event['id']} {event['choices'][0]['id']}")
            after = await students[mover].expect("page")  # both members see the same view
            assert after["view"]["moves_seen"] == 1 == (await mate.expect("page"))["view"]["moves_seen"]
    asyncio.run(go())


def test_late_arrivals_wait_until_the_instructor_seats_them(tmp_path: Path) -> None:
    room = room_with(tmp_path / "c", ["A", "B"])
    room.start()
    room.join(room.code, "Late")
    assert [s.name for s in room.lobby] == ["Late"] and len(room.tables) == 1
    room.seat_lobby()
    assert seating(room)[2] == {"us": "Late", "russia": "ai"} and not room.lobby


def test_the_terminal_shows_the_address_the_code_a_qr_code_and_the_dashboard(tmp_path: Path) -> None:
    room, token = Room.create(load_scenario(scenario_path(None)), tmp_path / "c", now=Clock())
    out = io.StringIO()
    announce(room, token, "192.168.1.20", 8765, out)
    text = out.getvalue()
    url = f"http://192.168.1.20:8765/?room={room.code}"
    assert url in text and f"room code {room.code}" in text
    assert f"http://127.0.0.1:8765/dashboard?key={token}" in text
    qr = qr_lines(url)
    rows = qr.splitlines()
    assert qr in text and len(rows) >= 12 and len({len(r) for r in rows}) == 1 and set(qr) <= set(" ▄▀█\n")


def host(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "game", "host", "--bind", "127.0.0.1", *args],
                          capture_output=True, text=True, timeout=60)


def test_host_refuses_bad_input_in_one_line(tmp_path: Path) -> None:
    (tmp_path / "not-a-session").mkdir()
    for args, words in ((["--resume", str(tmp_path / "not-a-session")], "not a class session folder"),
                        (["--resume", str(tmp_path / "missing")], "not a class session folder"),
                        (["--team", "9"], "--team"), (["--port", "70000"], "--port"),
                        (["--ai-seat", "us", "--ai-seat", "russia", "--out", str(tmp_path / "x")], "every side"),
                        ([str(tmp_path / "nope.yaml")], "nope.yaml")):
        done = host(*args)
        assert done.returncode == 2, (args, done.stderr)
        assert words in done.stderr and "Traceback" not in done.stderr
        assert len(done.stderr.strip().splitlines()) == 1, done.stderr


def test_the_instructor_can_have_the_ai_play_one_side_everywhere(tmp_path: Path) -> None:
    room = room_with(tmp_path / "c", ["A", "B", "C"], ai_seats=("russia",), difficulty="hard")
    room.start()
    assert seating(room) == {n: {"us": name, "russia": "ai:hard"} for n, name in ((1, "A"), (2, "B"), (3, "C"))}
    again, _ = Room.resume(room.folder, room.scenario, now=Clock())
    assert again.ai_seats == ("russia",)


def test_impossible_seating_choices_are_refused(tmp_path: Path) -> None:
    for options, words in (({"ai_seats": ("ukraine",)}, "not a side"), ({"ai_seats": ("us", "russia")}, "every side"),
                           ({"difficulty": "brutal"}, "unknown difficulty")):
        with pytest.raises(RoomError, match=words):
            room_with(tmp_path / "c", [], **options)


def test_a_name_taken_is_refused_and_a_stray_one_can_be_removed(tmp_path: Path) -> None:
    room = room_with(tmp_path / "c", ["Ana López"])
    with pytest.raises(RoomError, match="already called Ana López"):
        room.join(room.code, "ana lópez")
    stray = next(iter(room.students))
    room.remove(stray)
    assert not room.students
    room.join(room.code, "Ana López")  # the name is free again
    room.start()
    with pytest.raises(RoomError, match="at table 1"):
        room.remove(next(iter(room.students)))
    with pytest.raises(RoomError, match="no student"):
        room.remove("s99")


def test_only_students_with_the_page_open_are_seated(tmp_path: Path) -> None:
    async def go() -> None:
        async with served(tmp_path / "c", seed=5) as (client, room, token):
            ana = await Student.join(client, room, "Ana")
            ghost = await Student.join(client, room, "Ghost")
            await Student.join(client, room, "Ben")
            await ghost.ws.close()  # joined, then closed the page
            dash = await client.ws_connect(f"/ws/dashboard?key={token}")
            await asyncio.sleep(0.2)
            await dash.send_str('{"type": "start"}')
            await ana.expect("page")
            assert [s.name for s in room.lobby] == ["Ghost"]
            assert {room.students[i].name for ids in room.tables[1].members.values() for i in ids} == {"Ana", "Ben"}
    asyncio.run(go())
