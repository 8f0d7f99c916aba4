"""The instructor's controls over the pace of the class: a time for each move (the seat passes, or the AI moves
for it, when it runs out), more time, a seat handed to the AI and back; each recorded so the game still proves."""

from __future__ import annotations

import asyncio
import csv
import io
import json
from pathlib import Path

import pytest

from game.host.room import Room, RoomError
from game.host.table import STAND_IN, TIMED_OUT, TableError
from game.proof import prove
from game.resources import scenario_path
from game.saves import load
from game.scenario import load_scenario
from tests.host.helpers import Clock, Student, seated_pair, served


def seated_room(folder: Path, clock: Clock, **options) -> Room:  # noqa: ANN003
    room, _token = Room.create(load_scenario(scenario_path(None)), folder, now=clock, seed=5, **options)
    room.join(room.code, "Ana")
    room.join(room.code, "Ben")
    room.start()
    return room


def test_when_the_time_runs_out_the_seat_passes_and_the_record_says_so(tmp_path: Path) -> None:
    clock = Clock()
    room = seated_room(tmp_path / "c", clock)
    room.set_limit(60, "pass")
    table = room.tables[1]
    seat = table.waiting_for
    assert seat is not None and room.time_left(table) == 60
    clock.now += 59
    assert room.expired() == [] and table.moves == 0
    room.extend(30, [1])
    clock.now += 30
    assert room.expired() == [] and room.time_left(table) == pytest.approx(1)
    clock.now += 1
    assert room.expired() == [table]
    first = table.transcript.moves[0]
    # the first move of Geneva answers an event: passing is not allowed there, so the AI chose for the student
    assert first["actor"] == seat and first["reason"].startswith(TIMED_OUT)
    assert table.changed_at == clock.now and table.extra == 0  # the next move's clock starts now
    clock.now += 61
    moved = room.expired()
    assert moved == [table]
    last = table.transcript.moves[-1]
    assert last["reason"].startswith(TIMED_OUT) and (last["move"] == "pass" or "AI moved" in last["reason"])
    assert prove(load(room.table_path(1)), room.scenario).state.fingerprint() == table.state.fingerprint()


def test_when_the_time_runs_out_the_ai_can_move_for_the_seat(tmp_path: Path) -> None:
    clock = Clock()
    room = seated_room(tmp_path / "c", clock)
    room.set_limit(30, "ai")
    table = room.tables[1]
    for _ in range(4):
        clock.now += 31
        room.expired()
    moves = table.transcript.moves
    assert len(moves) >= 4 and all(m["reason"].startswith(TIMED_OUT + "the AI moved for the student") for m in moves)
    assert any(m["move"] != "pass" for m in moves)


def test_paused_tables_and_no_limit_never_time_out(tmp_path: Path) -> None:
    clock = Clock()
    room = seated_room(tmp_path / "c", clock)
    clock.now += 10_000
    assert room.expired() == []
    room.set_limit(60, "pass")
    room.pause(True)
    clock.now += 10_000
    assert room.expired() == [] and room.tables[1].moves == 0


@pytest.mark.parametrize("seconds, on_expiry", [(5, "pass"), (7200, "pass"), ("60", "pass"), (True, "pass"),
                                                (60, "skip"), (float("nan"), "pass")])
def test_a_bad_time_limit_is_refused(tmp_path: Path, seconds: object, on_expiry: object) -> None:
    room = seated_room(tmp_path / "c", Clock())
    with pytest.raises(RoomError):
        room.set_limit(seconds, on_expiry)
    assert room.turn_limit is None


def test_a_seat_handed_to_the_ai_is_played_by_it_until_given_back(tmp_path: Path) -> None:
    clock = Clock()
    room = seated_room(tmp_path / "c", clock)
    table = room.tables[1]
    seat = table.waiting_for
    ana = next(s for s in room.students.values() if s.seat == seat)
    room.hand_over(1, seat, True)
    assert table.moves >= 1 and table.transcript.moves[0]["reason"].startswith(STAND_IN)
    assert table.waiting_for != seat
    # the other student moves; the AI answers for the first at once
    other = next(s for s in room.students.values() if s.seat != seat)
    if table.waiting_for == other.seat:
        before = table.moves
        room.play(other, "pass", table.moves)
        assert table.moves >= before + 2 or table.over
    with pytest.raises(TableError, match="handed your seat to the AI|not your move"):
        room.play(ana, "pass", table.moves)
    room.hand_over(1, seat, False)
    assert not table.stand_ins
    # the record still proves, and a resumed session keeps who plays for whom
    assert prove(load(room.table_path(1)), room.scenario).state.fingerprint() == table.state.fingerprint()
    room.hand_over(1, seat, True)
    again, _ = Room.resume(room.folder, room.scenario, now=clock)
    assert again.tables[1].stand_ins == {seat: ""}
    with pytest.raises(TableError, match="not a seat a student plays"):
        room.hand_over(1, "ukraine", True)
    with pytest.raises(RoomError, match="no table 9"):
        room.hand_over(9, seat, True)


def test_the_dashboard_sets_the_clock_and_hands_seats_over(tmp_path: Path) -> None:
    async def go() -> None:
        async with served(tmp_path / "c", seed=5) as (client, room, token):
            ana = await Student.join(client, room, "Ana")
            await Student.join(client, room, "Ben")
            dash = await client.ws_connect(f"/ws/dashboard?key={token}")
            for command in ({"type": "start"}, {"type": "limit", "seconds": 120, "on_expiry": "ai"},
                            {"type": "limit", "seconds": 1, "on_expiry": "ai"},
                            {"type": "extend", "seconds": 60, "tables": [1]},
                            {"type": "hand_over", "table": 1, "seat": "nobody", "to_ai": True}):
                await dash.send_str(json.dumps(command))
            statuses, errors = [], []
            while True:
                try:
                    data = json.loads((await dash.receive(timeout=0.5)).data)
                except TimeoutError:
                    break
                if data["type"] == "status":
                    statuses.append(data)
                elif data["type"] == "error":
                    errors.append(data)
            assert room.turn_limit == 120 and room.on_expiry == "ai"
            assert [e["message"] for e in errors] == ["the time for a move is from 10 seconds to an hour",
                                                      "'nobody' is not a seat a student plays at table 1"]
            last = statuses[-1]
            table = last["tables"][0]
            assert table["deadline_at"] - last["now"] == 180  # 120 s, then a minute more
            page = (await ana.expect("page"))["view"]
            assert page["time_left"] is None or page["time_left"] > 0
    asyncio.run(go())


def test_an_inject_reaches_the_chosen_tables_at_their_next_round(tmp_path: Path) -> None:
    async def go() -> None:
        async with served(tmp_path / "c", seed=5) as (client, room, token):
            students = [await Student.join(client, room, name) for name in ("Ana", "Ben", "Cleo", "Dan")]
            dash = await client.ws_connect(f"/ws/dashboard?key={token}")
            await dash.send_str(json.dumps({"type": "start"}))
            for student in students:
                await student.expect("page")
            await dash.send_str(json.dumps({"type": "inject", "event": "troop_reports", "tables": [2]}))
            await dash.send_str(json.dumps({"type": "inject", "event": "minor_intrusion"}))
            await dash.send_str(json.dumps({"type": "inject", "event": "nonsense"}))
            notices, errors = [], []
            while True:
                try:
                    data = json.loads((await dash.receive(timeout=0.5)).data)
                except TimeoutError:
                    break
                if data["type"] == "notice":
                    notices.append(data["message"])
                elif data["type"] == "error":
                    errors.append(data["message"])
            titles = {e.spec.id: e.spec.title for e in room.scenario.events}
            assert notices[0] == (f"\u201c{titles['troop_reports']}\u201d happens at the start of the next round "
                                  "at table 2")
            assert notices[1].startswith(f"\u201c{titles['minor_intrusion']}\u201d happens at the start of the next "
                                         "round at no table; not at table 1 (the event 'minor_intrusion' has "
                                         "already happened")
            assert errors == ["there is no event 'nonsense' in geneva_2022"]
            assert room.tables[2].state.injected == ("troop_reports",) and room.tables[1].state.injected == ()
            # table 2 plays its round out: the event opens its next round
            table = room.tables[2]
            ana, ben = students[2], students[3]
            while table.state.turn == 1:
                for s in (ana, ben):
                    await s.settle()
                mover = ana if ana.page["kinds"] else ben
                page = mover.page
                if page.get("event"):
                    await mover.move(f"choose {page['event']['id']} {page['event']['choices'][0]['id']}")
                elif "answer" in page["kinds"]:
                    await mover.move("answer decline")
                else:
                    await mover.move("pass")
                await mover.expect("page")
            await ben.settle()
            assert "troop_reports" in table.state.fired
            assert any(e["kind"] == "event" and e["turn"] == 2 for e in ben.page["log"])
            assert prove(load(room.table_path(2)), room.scenario).state.fingerprint() == table.state.fingerprint()
    asyncio.run(go())


def test_the_gradebook_says_which_moves_were_the_students_and_which_the_ais(tmp_path: Path) -> None:
    from game.host.grades import COLUMNS, gradebook

    clock = Clock()
    room, _ = Room.create(load_scenario(scenario_path(None)), tmp_path / "c", now=clock, seed=5, team_size=2)
    for name in ("Ana", "Ben", "=HYPERLINK(1)", "Dan"):
        room.join(room.code, name)
    room.start()
    table = room.tables[1]
    seat = table.waiting_for
    mover = next(s for s in room.students.values() if s.seat == seat)
    event = table.view(seat).choice
    room.play(mover, f"choose {event.id} {event.choices[0].id}", table.moves)
    room.set_limit(30, "ai")
    clock.now += 31
    room.expired()
    rows = list(csv.DictReader(io.StringIO(gradebook(room))))
    assert list(rows[0]) == COLUMNS
    by_name = {r["name"]: r for r in rows}
    assert "'=HYPERLINK(1)" in by_name  # a name is never a spreadsheet formula
    assert by_name[mover.name]["moves_made"] == "1"
    timed_out = table.transcript.moves[-1]["actor"] if table.transcript.moves[-1]["actor"] != "instructor" else None
    for row in rows:
        if row["seat"] == timed_out:
            assert int(row["moves_by_the_ai"]) >= 1
        assert row["side"] in ("United States", "Russian Federation") and row["outcome"] == "in progress"


def test_a_students_page_shows_the_moves_the_ai_made_for_them(tmp_path: Path) -> None:
    async def go() -> None:
        async with served(tmp_path / "c", seed=5) as (client, room, token):
            ana, ben, dash = await seated_pair(client, room, token)
            mover = ana if ana.page["kinds"] else ben
            await dash.send_str(json.dumps({"type": "hand_over", "table": 1, "seat": mover.page["seat"],
                                            "to_ai": True}))
            await dash.send_str(json.dumps({"type": "end"}))
            await mover.settle()
            mine = [e for e in mover.page["log"] if e["actor"] == mover.page["seat"]]
            assert mine and all(e["by_ai"] for e in mine) and mover.page["ended"]
    asyncio.run(go())


def test_the_class_report_says_which_moves_the_ai_made_for_a_student(tmp_path: Path) -> None:
    from game.tools.report import read

    room = seated_room(tmp_path / "c", Clock())
    for seat in ("us", "russia"):
        room.hand_over(1, seat, True)  # the AI plays both seats to the end
    table = room.tables[1]
    assert table.over
    report = read([str(room.table_path(1))], room.scenario.filename)
    (group,) = report.groups
    for player in group.players:
        assert player.feedback[0].startswith("The AI made ")
        assert f"of this seat's {sum(1 for m in table.transcript.moves if m['actor'] == player.seat)} moves" \
            in player.feedback[0]
    if table.state.result.kind == "ratification_failed":
        assert any("failed at home: " in note and "rejects" in note or "refuses" in note
                   for p in group.players for note in p.feedback)
