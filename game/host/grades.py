"""The class's gradebook: one row per student, as a spreadsheet takes it."""

from __future__ import annotations

import csv
import io

from game.analysis.payoff import side_results
from game.host.room import Room
from game.seats import made_for_person
from game.tools.report_write import csv_cell

COLUMNS = ["name", "table", "seat", "side", "outcome", "utility", "reservation", "score", "turns", "moves_made",
           "moves_by_the_ai"]


def gradebook(room: Room) -> str:
    """Each student's result. `moves_made`: the moves the student sent themselves (a team's members each count
    their own; the record keeps who made each, ``by``); `moves_by_the_ai`: the moves of their seat the AI made
    for it (time ran out, or the instructor handed it the seat), which a grade should not credit to anyone."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    sc = room.scenario
    for student in room.students.values():
        if student.table is None or student.seat is None:
            writer.writerow([csv_cell(student.name), "", "", "", "not seated", "", "", "", "", "", ""])
            continue
        table = room.tables[student.table]
        state = table.state
        made = sum(1 for m in table.transcript.moves if m.get("by") == student.name)
        by_ai = sum(1 for m in table.transcript.moves if m.get("actor") == student.seat
                    and made_for_person(m.get("reason")))
        row = [csv_cell(student.name), table.number, student.seat, csv_cell(sc.actors[student.seat].name)]
        result = state.result
        side = next((s for s in side_results(state) if s.actor == student.seat), None) if result else None
        if result is None or side is None:
            writer.writerow([*row, "in progress" if result is None else result.kind, "", "", "",
                             state.turn, made, by_ai])
            continue
        writer.writerow([*row, result.kind, f"{side.utility:.3f}", f"{side.reservation:.3f}", f"{side.score:.3f}",
                         result.turn, made, by_ai])
    return out.getvalue()
