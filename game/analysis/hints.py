"""Practice-mode hints: short advice drawn from the state, for the player's side only.

They use only what that player knows: their own preferences, the public record of the
talks and the meters. They never reveal the other side's hidden values.
"""

from __future__ import annotations

from game.engine.state import State


def hints(state: State, actor: str) -> list[str]:
    sc = state.scenario
    val = sc.valuations[actor]
    reservation = state.hidden.reservations[actor]
    out: list[str] = []
    offer = state.offer
    if offer is not None and offer.by != actor and offer.full:
        worth = val.utility(offer.package)
        crossed = [sc.spec.issues[line.issue].title for line in val.red_lines
                   if line.key in state.hidden.firm and line.crossed_by(offer.package)]
        if crossed:
            out.append(f"The offer on the table crosses your firm red line on {crossed[0]}: "
                       "your principal would refuse it.")
        elif worth >= reservation:
            out.append(f"The offer on the table is worth {worth:.2f} to you, more than no deal "
                       f"({reservation:.2f}). Accepting is a deal; proposing may win more, or lose it.")
        else:
            out.append(f"The offer on the table is worth {worth:.2f} to you, less than no deal "
                       f"({reservation:.2f}).")
    waiting = [sc.actors[s].name for s in sc.backers(actor)
               if sc.actors[s].requires_consultation and s not in state.consulted]
    if waiting:
        out.append(f"{waiting[0]} expects to be consulted: a deal made without it will fail ratification.")
    for name, spec in sc.spec.meters.items():
        value = state.meter(name)
        if spec.escalate_at is not None and value >= spec.escalate_at - 0.12:
            out.append(f"{spec.label} is at {value:.2f}, close to {spec.escalate_at:.2f} where the talks "
                       "break down: threats push it up, reassurance brings it down.")
    unity = sc.actors[actor].unity
    if unity and state.meter(unity) < 0.45:
        out.append(f"Your {sc.spec.meters[unity].label.lower()} is low: your threats carry less weight "
                   "until you consult your allies.")
    if state.turns_left <= 1:
        out.append("This is the last round: no deal means everyone gets their reservation value.")
    elif not state.offers:
        out.append("Trades across issues are how deals are found: give way where you care less, "
                   "ask where you care more. A question reveals how much an issue matters to them.")
    return out
