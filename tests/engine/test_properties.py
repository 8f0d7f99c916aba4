"""Engine and AI invariants over generated scenarios and move sequences."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.ai import RandomBot, ScenarioAI, play_out
from game.engine import Move, State, apply, new_game
from game.engine.transcript import Transcript
from tests.strategies import scenarios


class TemptingBot:
    """Offers what the AI likes best, but across one of its red lines: the AI must refuse it."""

    def __init__(self, seed: int):
        self.random = RandomBot(seed)

    def choose(self, state: State) -> Move:
        sc = state.scenario
        if state.phase == "choice" or state.turn % 2 == 0:
            return self.random.choose(state)
        ai = sc.other(state.to_move or "")
        val = sc.valuations[ai]
        package = [max(range(len(row)), key=row.__getitem__) for row in val.table]
        for line in val.red_lines:
            package[line.issue] = min(line.forbid)
            break
        return Move("propose", package=tuple(package))


SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _game(sc, seed: int, player: str, bot_seed: int) -> tuple[State, list[tuple[State, Move, State]]]:
    steps: list[tuple[State, Move, State]] = []
    state = new_game(sc, seed, player)
    bot = TemptingBot(bot_seed) if bot_seed % 2 else RandomBot(bot_seed)
    final = play_out(state, {player: bot, sc.other(player): ScenarioAI(sc.other(player))},
                     on_move=lambda before, move, after: steps.append((before, move, after)))
    return final, steps


@SETTINGS
@given(scenarios, st.integers(0, 2**32), st.sampled_from(["a", "b"]), st.integers(0, 1000))
def test_the_ai_never_accepts_below_reservation_or_across_a_binding_red_line(sc, seed, player, bot_seed):
    _, steps = _game(sc, seed, player, bot_seed)
    ai = sc.other(player)
    for before, move, _after in steps:
        if before.to_move == ai and move.kind == "accept":
            assert before.offer is not None
            package = before.offer.package
            assert sc.valuations[ai].utility(package) >= before.hidden.reservations[ai] - 1e-9
            for line in sc.valuations[ai].red_lines:
                assert not (before.red_line_active(line.key) and line.crossed_by(package))


@SETTINGS
@given(scenarios, st.integers(0, 2**32), st.sampled_from(["a", "b"]), st.integers(0, 1000))
def test_every_game_ends_within_the_turn_limit(sc, seed, player, bot_seed):
    final, steps = _game(sc, seed, player, bot_seed)
    assert final.over and final.result is not None
    assert final.result.turn <= sc.deadline
    assert len(steps) <= 2 * sc.deadline + len(sc.events)


@SETTINGS
@given(scenarios, st.integers(0, 2**32), st.integers(0, 1000))
def test_utilities_and_meters_stay_in_the_unit_interval(sc, seed, bot_seed):
    final, steps = _game(sc, seed, "a", bot_seed)
    for val in sc.valuations.values():
        assert 0.0 <= val.best <= 1.0 + 1e-9
        for offer in final.offers:
            assert -1e-9 <= val.utility(offer.package) <= 1.0 + 1e-9
    for _before, _move, after in steps:
        assert all(0.0 <= m <= 1.0 for m in after.meters)


@SETTINGS
@given(scenarios, st.integers(0, 2**32), st.sampled_from(["a", "b"]), st.integers(0, 1000))
def test_replaying_the_transcript_reproduces_the_final_state(sc, seed, player, bot_seed):
    state = new_game(sc, seed, player)
    transcript = Transcript.start(state)
    final = play_out(state, {player: RandomBot(bot_seed), sc.other(player): ScenarioAI(sc.other(player))},
                     on_move=transcript.record)
    replayed = transcript.replay(sc)
    assert replayed.fingerprint() == final.fingerprint()
    assert replayed.log == final.log
    assert transcript.matches(replayed)


@SETTINGS
@given(scenarios, st.integers(0, 2**32))
def test_the_ai_always_has_a_legal_move(sc, seed):
    state = new_game(sc, seed, "b")
    ai = ScenarioAI("a")
    bot = RandomBot(seed % 1000)
    while not state.over:
        move = (ai if state.to_move == "a" else bot).choose(state)
        state = apply(state, move)  # apply raises IllegalMoveError on an illegal move
