"""What every seat the scenario's AI plays does alike: its scripted tactics, and waiting without
disturbing the table."""

from __future__ import annotations

from game.engine.moves import Move
from game.engine.state import Offer
from game.engine.view import View

WAITING_KINDS = ("pass", "statement", "reassure", "promise")  # moves that leave the offer on the table


def tactic(view: View) -> Move | None:
    """The first of the seat's scripted tactics whose condition holds: each `once` tactic at most once, and
    never the same one twice in a row."""
    mine = [entry for entry in view.log if entry.actor == view.seat and entry.kind == "move"]
    notes = {entry.reason for entry in mine}
    last = mine[-1].reason if mine else None
    for rule in view.own.script.tactics:
        spec = rule.spec
        if spec.move not in view.kinds or (spec.once and spec.note in notes) or spec.note == last:
            continue
        if rule.when is not None and rule.when(view.env):
            move = next((m for m in view.moves if m.kind == spec.move), None)
            if move is not None:
                return move.but(spec.note)
    return None


def wait(view: View, reason: str) -> Move | None:
    """A move that leaves the table as it is (a pass, or a statement where passing is not allowed)."""
    kind = next((k for k in WAITING_KINDS if k in view.kinds), None)
    return Move(kind, reason=reason) if kind else None


def unanswered(view: View, offer: Offer) -> tuple[str, ...]:
    """The negotiators, besides the one who made `offer`, who have not accepted it and have not had a move
    since it was made (seats move in the scenario's order, so this follows from the rounds and the seats).
    A package an event tabled counts as made before the round's first move."""
    sc = view.scenario
    now = sc.seat_index[view.seat]  # the seat asking is the one to move
    made_at = sc.seat_index[offer.by]
    if offer.turn == view.turn and made_at >= now:  # no later seat has moved yet this round: an event tabled it
        made_at = -1

    def moved(where: int) -> bool:
        if offer.turn < view.turn - 1:
            return True
        if offer.turn == view.turn - 1:
            return where > made_at or where < now
        return made_at < where < now

    return tuple(seat for seat in sc.negotiators
                 if seat != offer.by and seat not in view.accepted and not moved(sc.seat_index[seat]))
