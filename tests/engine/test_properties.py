"""Engine and AI invariants over generated scenarios (two to four negotiators, with or without a mediator)."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.ai import BOTS, RandomBot, ScenarioAI, make_bot, play_out
from game.ai.policy import Policy
from game.analysis.landscape import copied
from game.engine import Move, State, View, apply, new_game, observe
from game.engine.transcript import Transcript
from game.proof import prove
from game.scenario.model import Scenario
from game.seats import Controller
from tests.strategies import build, many_party_scenarios, scenario_specs


class TemptingBot:
    """Offers an AI seat what it likes best, but across one of its red lines: the AI must refuse it.
    (A test adversary: it is given that seat's preferences, which no real player has.)"""

    def __init__(self, seed: int, sc: Scenario, victim: str):
        self.random = RandomBot(seed)
        self.package = [max(range(len(row)), key=row.__getitem__) for row in sc.valuations[victim].table]
        for line in sc.valuations[victim].red_lines:
            self.package[line.issue] = min(line.forbid)
            break

    def choose(self, view: View) -> Move:
        if view.phase in ("choice", "answer") or view.turn % 2 == 0:
            return self.random.choose(view)
        return Move("propose", package=tuple(self.package))


SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
Steps = list[tuple[State, Move, State]]


def _game(sc: Scenario, seed: int, pick: int, bot_seed: int) -> tuple[State, Steps, str]:
    """The bot plays seat number `pick` (mod the seats); the AI plays every other seat."""
    steps: Steps = []
    player = sc.seats[pick % len(sc.seats)]
    ai_seats = [s for s in sc.seats if s != player]
    victim = next(s for s in ai_seats if s in sc.negotiators) if any(s in sc.negotiators for s in ai_seats) \
        else ai_seats[0]
    bot: Policy = TemptingBot(bot_seed, sc, victim) if bot_seed % 2 and victim in sc.negotiators \
        else RandomBot(bot_seed)
    policies: dict[str, Policy] = {s: ScenarioAI(s) for s in ai_seats}
    policies[player] = bot
    final = play_out(new_game(sc, seed, voiced=ai_seats), policies,
                     on_move=lambda before, move, after: steps.append((before, move, after)))
    return final, steps, player


@SETTINGS
@given(many_party_scenarios, st.integers(0, 2**32), st.integers(0, 4), st.integers(0, 1000))
def test_the_ai_never_accepts_below_reservation_or_across_a_binding_red_line(sc, seed, pick, bot_seed):
    _, steps, player = _game(sc, seed, pick, bot_seed)
    for before, move, _after in steps:
        ai = before.to_move
        if ai != player and move.kind == "accept":
            assert before.offer is not None
            package = before.offer.package
            assert before.valuations[ai].utility(package) >= before.hidden.reservations[ai] - 1e-9  # as drawn
            for line in sc.valuations[ai].red_lines:
                assert not (before.red_line_active(line.key) and line.crossed_by(package))


@SETTINGS
@given(many_party_scenarios, st.integers(0, 2**32), st.integers(0, 4), st.integers(0, 1000))
def test_every_game_ends_within_the_turn_limit_with_the_seats_in_the_scenarios_order(sc, seed, pick, bot_seed):
    final, steps, _ = _game(sc, seed, pick, bot_seed)
    assert final.over and final.result is not None
    assert final.result.turn <= sc.deadline
    asides = ("choose", "answer")  # an event's choice and a question's answer are not a seat's move of the round
    choices = sum(1 for _, move, _ in steps if move.kind in asides)
    assert len(steps) - choices <= len(sc.seats) * sc.deadline
    for turn in range(1, final.result.turn + 1):
        movers = [before.to_move for before, move, _ in steps if before.turn == turn and move.kind not in asides]
        assert movers == list(sc.seats[:len(movers)])
    for (before, move, after), nxt in zip(steps, [*steps[1:], None]):  # a question is answered at once, by the
        if move.kind == "question" and not after.over:  # seat it was put to
            assert nxt is not None and nxt[1].kind == "answer" and nxt[0].to_move == (move.seat or sc.others(
                before.to_move or "")[0])


@SETTINGS
@given(many_party_scenarios, st.integers(0, 2**32), st.integers(0, 4), st.integers(0, 1000))
def test_a_deal_closes_only_when_every_negotiator_has_accepted_the_same_full_package(sc, seed, pick, bot_seed):
    final, steps, _ = _game(sc, seed, pick, bot_seed)
    result = final.result
    assert result is not None
    accepted: set[str] = set()  # an oracle of the acceptances, kept apart from the engine's own
    for before, move, after in steps:
        seat = before.to_move or ""
        if move.kind == "propose":
            same = before.offer is not None and before.offer.package == move.package
            accepted = (accepted if same else set()) | ({seat} if seat in sc.negotiators and
                                                        after.offers[-1].full else set())
        elif move.kind == "accept":
            accepted.add(seat)
        elif move.kind == "reject":
            accepted = set()
        if after.offer is not None and after.offer is not before.offer and move.kind != "propose":
            accepted = set()  # an event tabled a package at the start of a round
        if after.over and after.result is not None and after.result.kind in ("agreement", "ratification_failed"):
            # the last side accepts, or proposes the package every other side has accepted
            assert move.kind in ("accept", "propose") and accepted >= set(sc.negotiators)
            assert after.result.package == before.offer.package if before.offer else False
        elif move.kind in ("accept", "propose"):
            assert not accepted >= set(sc.negotiators)


@SETTINGS
@given(many_party_scenarios, st.integers(0, 2**32), st.integers(0, 1000))
def test_utilities_and_meters_stay_in_the_unit_interval(sc, seed, bot_seed):
    final, steps, _ = _game(sc, seed, 0, bot_seed)
    for val in (*sc.valuations.values(), *final.valuations.values()):
        assert 0.0 <= val.best <= 1.0 + 1e-9
        for offer in final.offers:
            assert -1e-9 <= val.utility(offer.package) <= 1.0 + 1e-9
    for _before, _move, after in steps:
        assert all(0.0 <= m <= 1.0 for m in after.meters)


@SETTINGS
@given(many_party_scenarios, st.integers(0, 2**32), st.integers(0, 4), st.integers(0, 1000))
def test_replaying_the_transcript_reproduces_the_final_state(sc, seed, pick, bot_seed):
    player = sc.seats[pick % len(sc.seats)]
    ai_seats = [s for s in sc.seats if s != player]
    state = new_game(sc, seed, voiced=ai_seats)
    transcript = Transcript.start(state, {s: "ai" if s in ai_seats else "bot:random" for s in sc.seats})
    policies: dict[str, Policy] = {s: ScenarioAI(s) for s in ai_seats}
    policies[player] = Controller("bot", "random").policy(player, seed)
    final = play_out(state, policies, on_move=transcript.record)
    # the record read back from its JSON re-derives every move of the AI and the bot and proves itself
    proven = prove(Transcript.from_dict(json.loads(json.dumps(transcript.to_dict()))), sc)
    assert proven.state.fingerprint() == final.fingerprint()
    assert proven.state.log == final.log


@SETTINGS
@given(many_party_scenarios, st.integers(0, 2**32))
def test_the_ai_always_has_a_legal_move_in_every_seat(sc, seed):
    state = new_game(sc, seed, voiced=sc.seats)
    policies = {s: ScenarioAI(s) for s in sc.seats}
    while not state.over:
        seat = state.to_move or ""
        state = apply(state, policies[seat].choose(observe(state, seat)))  # IllegalMoveError on an illegal move
    assert state.result is not None


DISABLEABLE = ("accept", "reject", "threaten", "promise", "reassure", "statement", "question", "consult", "walkout",
               "pass", "press")


@SETTINGS
@given(scenario_specs(parties=(2, 4), mediator=None), st.sampled_from(DISABLEABLE), st.integers(0, 2**32))
def test_every_bot_plays_only_legal_moves_whatever_move_kind_is_disabled(data, kind, seed):
    """A scenario that validates plays: no bot and no AI ever chooses a move its scenario disables."""
    data.setdefault("moves", {}).setdefault(kind, {})["enabled"] = False
    sc = build(data)
    for n, name in enumerate(BOTS):
        side = sc.seats[n % len(sc.seats)]
        others = [s for s in sc.seats if s != side]
        policies: dict[str, Policy] = {s: ScenarioAI(s) for s in others}
        policies[side] = make_bot(name, side, seed, copied=copied(sc) if name == "copycat" else None)
        kinds: list[str] = []
        final = play_out(new_game(sc, seed, voiced=others), policies,  # apply() refuses an illegal move
                         on_move=lambda _b, m, _a, kinds=kinds: kinds.append(m.kind))
        assert final.over and kind not in kinds


@SETTINGS
@given(scenario_specs(parties=(2, 3), mediator=None), st.integers(0, 2**32))
def test_drawn_priorities_stay_in_their_ranges_and_the_seed_decides_them(data, seed):
    sc = build(data)
    one, again = new_game(sc, seed), new_game(sc, seed)
    for actor, val in one.valuations.items():
        assert val.table == again.valuations[actor].table  # the same seed, the same priorities
        prefs = data["preferences"][actor]
        raw = {issue: (w if isinstance(w, list) else [w, w]) for issue, w in prefs["weights"].items()}
        for i, issue in enumerate(sc.issues):
            for k, option in enumerate(sc.options[i]):
                low, high = (lambda v: v if isinstance(v, list) else [v, v])(prefs["values"][issue][option])
                value = val.table[i][k] / val.weights[i] if val.weights[i] else low
                assert low - 1e-9 <= value <= high + 1e-9
        assert abs(sum(val.weights) - 1.0) < 1e-9 and all(w >= 0 for w in val.weights)
        assert raw  # (weights are normalised after drawing: each is checked through the values above)
        if actor not in sc.varies:
            assert val is sc.valuations[actor]  # nothing drawn, nothing changed
