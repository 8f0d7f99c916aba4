"""What the instructor's dashboard flags at a table, from the whole state (hidden values included)."""

from __future__ import annotations

from game.analysis.watch import watch
from game.engine import Move, apply, new_game
from game.resources import scenario_path
from game.scenario import load_scenario

GENEVA = load_scenario(scenario_path(None))


def started(seed: int = 4):  # noqa: ANN201
    state = new_game(GENEVA, seed, voiced=["russia"])
    event = GENEVA.event(state.pending[0]).spec
    return apply(state, Move("choose", target=event.id, choice=event.choices[0].id))


def test_the_offer_is_valued_for_every_side_with_its_hidden_values() -> None:
    state = started()
    package = tuple(len(options) - 1 for options in GENEVA.options)
    state = apply(state, Move("propose", package=package))
    seen = watch(state)
    assert [s.seat for s in seen.sides] == list(GENEVA.negotiators)
    for side in seen.sides:
        assert side.offer_worth == state.valuations[side.seat].utility(package)
        assert side.reservation == state.hidden.reservations[side.seat]
    assert seen.offer == GENEVA.public.describe(package) and seen.offer_by == state.offers[-1].by


def test_a_firm_red_line_crossed_by_the_offer_is_flagged_and_a_bluff_is_not() -> None:
    for seed in range(40):
        state = started(seed)
        lines = [line for val in state.valuations.values() for line in val.red_lines]
        firm = [line for line in lines if line.key in state.hidden.firm and state.red_line_active(line.key)]
        bluff = [line for line in lines if line.key not in state.hidden.firm]
        if firm and bluff:
            break
    else:
        raise AssertionError("no game with both a firm line and a bluff")
    line = firm[0]
    package = [0] * len(GENEVA.issues)
    package[line.issue] = min(line.forbid)
    crossed = apply(state, Move("propose", package=tuple(package)))
    owner = next(s for s in watch(crossed).sides if s.seat == line.owner)
    assert GENEVA.spec.issues[line.issue].title in owner.crossed
    for other in bluff:
        safe = [x for x in range(len(GENEVA.options[other.issue])) if x not in other.forbid]
        if not safe:
            continue
        across = [0] * len(GENEVA.issues)
        across[other.issue] = min(other.forbid)
        flagged = watch(apply(state, Move("propose", package=tuple(across))))
        side = next(s for s in flagged.sides if s.seat == other.owner)
        firm_here = {GENEVA.spec.issues[x.issue].title for x in firm if x.owner == other.owner
                     and across[x.issue] in x.forbid}
        assert set(side.crossed) == firm_here  # a bluff is not flagged as crossed


def test_a_meter_near_escalation_and_a_walkout_due_are_flagged() -> None:
    state = started()
    tension = GENEVA.meter_index["tension"]
    trust = GENEVA.meter_index["trust"]
    calm = watch(state, {"russia": "hard"})
    assert calm.near_escalation == () and calm.walkout_due == ()
    meters = list(state.meters)
    meters[tension], meters[trust] = 0.95, 0.1
    hot = state.evolve(meters=tuple(meters))
    seen = watch(hot, {"russia": "hard"})
    assert seen.near_escalation == (GENEVA.spec.meters["tension"].label,)
    assert seen.walkout_due == ("russia",)
    assert watch(hot, {}).walkout_due == ()  # a person's seat has no walkout rule
