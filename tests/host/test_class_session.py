"""A class session over real sockets on 127.0.0.1: students join, are seated, play whole games; the instructor
watches, pauses and downloads; a kill loses nothing; a reload gets the seat back."""

from __future__ import annotations

import asyncio
import csv
import io
import json
import zipfile
from pathlib import Path

from game.host.room import Room
from game.proof import prove
from game.resources import scenario_path
from game.saves import load
from game.scenario import load_scenario
from tests.host.helpers import Clock, Student, seated_pair, served


def run(coro):  # noqa: ANN001, ANN201
    return asyncio.run(coro)


async def play_turn(student: Student, scenario: dict) -> bool:
    """One sensible move if it is this student's turn: answer an event, accept a full offer of the other side's,
    or propose the middle option of every issue. False when it is not their turn."""
    page = student.page
    assert page is not None
    kinds = page["kinds"]
    if not kinds:
        return False
    if "answer" in kinds:  # a question put to this seat: answered honestly
        await student.move("answer honest")
    elif "choose" in kinds:
        event = page["event"]
        await student.move(f"choose {event['id']} {event['choices'][0]['id']}")
    elif page["offer"] and page["offer"]["by"] != page["seat"] and "accept" in kinds:
        await student.move("accept")
    else:
        words = [f"{i['id']}={i['options'][len(i['options']) // 2]['id']}" for i in scenario["issues"]]
        await student.move("propose " + " ".join(words))
    return True


async def play_to_the_end(students: list[Student], scenario: dict, limit: int = 60) -> None:
    for _ in range(limit):
        for student in students:
            await student.settle()
        if all(s.page and s.page["phase"] == "over" for s in students):
            return
        mover = next((s for s in students if s.page and s.page["kinds"]), None)
        assert mover is not None, "no one may move, but the game is not over"
        await play_turn(mover, scenario)
    raise AssertionError("the game did not end")


async def last_status(dash) -> dict:  # noqa: ANN001
    status = None
    while True:
        try:
            msg = await dash.receive(timeout=0.3)
        except TimeoutError:
            assert status is not None
            return status
        data = json.loads(msg.data)
        if data["type"] == "status":
            status = data
        elif data["type"] == "tables" and status is not None:  # only the tables that changed: merged as the page does
            changed = {t["number"]: t for t in data["tables"]}
            status["tables"] = [changed.pop(t["number"], t) for t in status["tables"]] + list(changed.values())


def test_two_students_play_a_whole_game_and_the_dashboard_sees_it(tmp_path: Path) -> None:
    async def go() -> None:
        async with served(tmp_path / "class", seed=5) as (client, room, token):
            ana, ben, dash = await seated_pair(client, room, token)
            assert {ana.page["seat"], ben.page["seat"]} == {"us", "russia"}
            assert ana.page["table"] == ben.page["table"] == 1
            # each page holds its own seat's values and nobody else's
            assert ana.page["own"]["weights"] != [] and "valuations" not in json.dumps(ana.page)
            welcome_scenario = room.scenario.public
            info = {"issues": [{"id": i.id, "options": [{"id": o.id} for o in i.options]}
                               for i in welcome_scenario.issue_specs]}
            await play_to_the_end([ana, ben], info)
            for student in (ana, ben):
                debrief = student.page["debrief"]
                assert debrief["outcome"] == student.page["result"]["kind"]
                # who ratified at home, and why not
                assert {r["actor"] for r in debrief["ratifications"]} >= {"us", "russia"}
                assert all(r["why"] for r in debrief["ratifications"])
                assert {s["seat"] for s in debrief["sides"]} == {"us", "russia"}
            status = await last_status(dash)
            table = status["tables"][0]
            assert table["watch"]["outcome"] == ana.page["result"]["kind"]
            assert {s for s, _, _ in table["watch"]["scores"]} == {"us", "russia"}
            assert {s["students"][0]["name"] for s in table["seats"]} == {"Ana", "Ben"}
            # the transcript on disk is the whole game, and it proves itself
            transcript = load(room.table_path(1))
            proven = prove(transcript, room.scenario)
            assert proven.state.fingerprint() == room.tables[1].state.fingerprint()
            assert set(transcript.names.values()) == {"Ana", "Ben"}
    run(go())


def test_an_odd_student_plays_the_ai_which_moves_by_itself(tmp_path: Path) -> None:
    async def go() -> None:
        async with served(tmp_path / "class", seed=9) as (client, room, token):
            students = [await Student.join(client, room, name) for name in ("Ana", "Ben", "Cleo")]
            dash = await client.ws_connect(f"/ws/dashboard?key={token}")
            await dash.send_str(json.dumps({"type": "start"}))
            cleo = students[2]
            page = (await cleo.expect("page"))["view"]
            assert page["table"] == 2
            table = room.tables[2]
            assert [str(c) for c in table.seats.values()].count("human") == 1
            assert str(table.seats["russia"]).startswith("ai")
            info = {"issues": [{"id": i.id, "options": [{"id": o.id} for o in i.options]}
                               for i in room.scenario.public.issue_specs]}
            await play_to_the_end([cleo], info)
            moved_by_ai = [m for m in table.transcript.moves if m["actor"] == "russia"]
            assert moved_by_ai, "the AI made no move"
    run(go())


def test_a_reloaded_page_gets_its_seat_back_where_the_game_is(tmp_path: Path) -> None:
    async def go() -> None:
        async with served(tmp_path / "class", seed=5) as (client, room, token):
            ana, ben, _dash = await seated_pair(client, room, token)
            mover = ana if ana.page["kinds"] else ben
            info = {"issues": [{"id": i.id, "options": [{"id": o.id} for o in i.options]}
                               for i in room.scenario.public.issue_specs]}
            await play_turn(mover, info)
            await mover.settle()
            seen, seat = mover.page["moves_seen"], mover.page["seat"]
            await mover.ws.close()
            again = await Student.back(client, mover.token)
            page = (await again.expect("page"))["view"]
            assert (page["seat"], page["moves_seen"]) == (seat, seen)
            assert page["log"] == mover.page["log"]
    run(go())


def test_a_move_sent_twice_is_applied_once(tmp_path: Path) -> None:
    async def go() -> None:
        async with served(tmp_path / "class", seed=5) as (client, room, token):
            ana, ben, _dash = await seated_pair(client, room, token)
            mover = ana if ana.page["kinds"] else ben
            event = mover.page["event"]
            text = f"choose {event['id']} {event['choices'][0]['id']}"
            before = room.tables[1].moves
            await mover.move(text)
            await mover.move(text)  # the same page, the same count of moves seen: a double click
            errors = []
            while True:
                try:
                    data = await mover.receive(timeout=0.3)
                except TimeoutError:
                    break
                if data["type"] == "error":
                    errors.append(data["message"])
            assert room.tables[1].transcript.moves[before]["move"] == text
            assert [m["move"] for m in room.tables[1].transcript.moves].count(text) == 1
            assert any("moved on" in e for e in errors)
    run(go())


def test_pause_stops_moves_until_the_instructor_resumes(tmp_path: Path) -> None:
    async def go() -> None:
        async with served(tmp_path / "class", seed=5) as (client, room, token):
            ana, ben, dash = await seated_pair(client, room, token)
            await dash.send_str(json.dumps({"type": "pause", "tables": [1]}))
            await ana.expect("page")
            await ben.expect("page")
            assert ana.page["paused"] and ben.page["paused"]
            mover = ana if ana.page["kinds"] else ben
            event = mover.page["event"]
            await mover.move(f"choose {event['id']} {event['choices'][0]['id']}")
            error = await mover.expect("error")
            assert "paused" in error["message"] and room.tables[1].moves == 0
            await dash.send_str(json.dumps({"type": "resume"}))
            await mover.expect("page")
            await mover.move(f"choose {event['id']} {event['choices'][0]['id']}")
            await mover.expect("page")
            assert room.tables[1].moves >= 1
    run(go())


def test_a_killed_server_comes_back_with_every_table_and_seat(tmp_path: Path) -> None:
    folder = tmp_path / "class"
    tokens: dict[str, str] = {}
    seen: dict[str, tuple] = {}

    async def first() -> None:
        async with served(folder, seed=5) as (client, room, token):
            ana, ben, _dash = await seated_pair(client, room, token)
            info = {"issues": [{"id": i.id, "options": [{"id": o.id} for o in i.options]}
                               for i in room.scenario.public.issue_specs]}
            for _ in range(3):
                await ana.settle()
                await ben.settle()
                await play_turn(ana if ana.page["kinds"] else ben, info)
            await ana.settle()
            await ben.settle()
            tokens.update(ana=ana.token, ben=ben.token)
            seen.update(ana=(ana.page["seat"], ana.page["moves_seen"]), fingerprint=room.tables[1].state.fingerprint())
        # no clean shutdown is needed: the files were written after every move

    run(first())
    scenario = load_scenario(scenario_path(None))
    room, token = Room.resume(folder, scenario, now=Clock())
    assert room.tables[1].state.fingerprint() == seen["fingerprint"]
    assert room.is_instructor(token) and room.started

    async def second() -> None:
        from aiohttp.test_utils import TestClient, TestServer

        from game.host.server import make_app

        client = TestClient(TestServer(make_app(room), host="127.0.0.1"))
        await client.start_server()
        try:
            ana = await Student.back(client, tokens["ana"])
            page = (await ana.expect("page"))["view"]
            assert (page["seat"], page["moves_seen"]) == seen["ana"]
        finally:
            await client.close()

    run(second())


def test_the_gradebook_and_the_transcripts_download(tmp_path: Path) -> None:
    async def go() -> None:
        async with served(tmp_path / "class", seed=5) as (client, room, token):
            ana, ben, _dash = await seated_pair(client, room, token)
            info = {"issues": [{"id": i.id, "options": [{"id": o.id} for o in i.options]}
                               for i in room.scenario.public.issue_specs]}
            await play_to_the_end([ana, ben], info)
            response = await client.get(f"/class.csv?key={token}")
            assert response.status == 200
            rows = list(csv.DictReader(io.StringIO(await response.text())))
            assert [r["name"] for r in rows] == ["Ana", "Ben"]
            assert all(r["outcome"] == ana.page["result"]["kind"] and r["turns"] for r in rows)
            for row in rows:
                side = next(s for s in ana.page["debrief"]["sides"] if s["seat"] == row["seat"])
                assert abs(float(row["score"]) - side["score"]) < 0.001
            response = await client.get(f"/debrief?key={token}")  # the class debrief, to project
            page = await response.text()
            assert "1 game counted" in page and "Ana (United States)" in page and "What happened in history" in page
            assert page.count("<details>") == 1  # the table's trail of offers, opened on a click
            hidden = await (await client.get(f"/debrief?names=hidden&key={token}")).text()  # to project
            assert "Ana" not in hidden and "Ben" not in hidden and "table-001 (United States)" in hidden
            response = await client.get(f"/transcripts.zip?key={token}")
            with zipfile.ZipFile(io.BytesIO(await response.read())) as archive:
                assert archive.namelist() == ["table-001.json"]
    run(go())
