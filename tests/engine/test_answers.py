"""A question waits for its answer: the seat asked chooses how to answer (honestly, vaguely, with a posture or not
at all) before the round goes on, without spending its own move; the seats the AI and the bots play answer by
the trust-based draw, deterministically, and every answer is recorded and proven."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.ai import ScenarioAI, make_bot, play_out
from game.ai.bots import BOTS
from game.analysis.landscape import copied
from game.engine import IllegalMoveError, Move, NotationError, apply, legal_kinds, new_game, observe
from game.engine.moves import MANNERS
from game.engine.state import State
from game.engine.talk import answer_by_chance, answer_options, level_of, manner_by_chance, read_fact
from game.engine.transcript import Transcript
from game.proof import prove
from game.resources import scenario_path
from game.scenario import load_scenario
from game.seats import Controller, describe

GENEVA = load_scenario(scenario_path("geneva-2022"))
RIVER = load_scenario(Path(__file__).resolve().parents[1] / "data" / "river.yaml")


def us_to_move(seed: int = 3) -> State:
    """Geneva at the US's first move (the opening event answered)."""
    state = new_game(GENEVA, seed)
    while state.phase != "move" or state.to_move != "us":
        state = apply(state, observe(state, state.to_move or "").moves[0])
    return state


def with_trust(state: State, value: float) -> State:
    meters = list(state.meters)
    meters[GENEVA.meter_index["trust"]] = value
    return state.evolve(meters=tuple(meters))


def test_a_question_waits_for_the_answer_of_the_seat_asked_before_the_round_goes_on() -> None:
    state = apply(us_to_move(), Move("question", target="sanctions"))
    assert (state.phase, state.to_move, state.asked) == ("answer", "russia", ("us", "russia", "sanctions"))
    assert legal_kinds(state) == ("answer",)
    assert [m.notation(GENEVA) for m in observe(state, "russia").moves] == [f"answer {m}" for m in MANNERS]
    with pytest.raises(IllegalMoveError, match="first answer the question"):
        apply(state, Move("pass"))
    with pytest.raises(IllegalMoveError, match="answer one of"):
        apply(state, Move("answer", choice="lie"))
    # the asker has no answer yet, and no question to answer; the seat asked has the question, with its own draw
    assert observe(state, "us").question is None and not observe(state, "us").learnt
    question = observe(state, "russia").question
    assert question is not None and (question.asker, question.issue) == ("us", "sanctions")
    assert 0.0 <= question.chance < 1.0
    assert observe(state, "russia").to_dict()["question"] == {"asker": "us", "issue": "sanctions"}  # no draw sent
    turn = state.turn
    after = apply(state, Move("answer", choice="honest"))
    # answering did not spend Russia's move: it is still Russia's move of the same round
    assert (after.phase, after.to_move, after.turn, after.asked) == ("move", "russia", turn, None)
    assert "propose" in legal_kinds(after)


def test_an_answer_to_the_last_seat_of_a_round_ends_the_round_and_the_asker_moves_next_round() -> None:
    state = apply(us_to_move(), Move("pass"))
    state = apply(state, Move("question", target="troops"))  # Russia, last in the round, asks the US
    assert (state.phase, state.to_move) == ("answer", "us")
    turn = state.turn
    after = apply(state, Move("answer", choice="decline"))
    assert after.turn == turn + 1 and after.to_move in ("us", None) and after.asked is None
    assert observe(after, "russia").learnt[-1] == ("us", "evasive:troops")


@pytest.mark.parametrize("manner", MANNERS)
def test_each_way_of_answering_tells_the_asker_what_it_says(manner: str) -> None:
    state = apply(us_to_move(), Move("question", target="sanctions"))
    weights = state.valuations["russia"].weights
    s = GENEVA.issue_index["sanctions"]
    options = {o.manner: o for o in answer_options(observe(state, "russia"))}
    after = apply(state, Move("answer", choice=manner))
    [(about, text)] = observe(after, "us").learnt
    fact = read_fact(text)
    assert about == "russia" and fact is not None and fact.issue == "sanctions"
    said = next(e for e in after.log if e.kind == "answer")
    assert said.text == options[manner].says and said.audience == {"us", "russia"}  # the preview is what is said
    if manner == "honest":
        assert (fact.kind, fact.level) == ("priority", level_of(weights, s))
    elif manner == "vague":  # a true comparison with another issue, from the drawn weights
        assert fact.kind == "compare" and fact.other != "sanctions"
        mine, other = weights[s], weights[GENEVA.issue_index[fact.other]]
        assert fact.level == ("same" if abs(mine - other) < 0.02 else "more" if mine > other else "less")
    elif manner == "posture":
        assert (fact.kind, fact.level) == ("priority", "top")
    else:
        assert fact.kind == "evasive"


def test_the_ways_of_answering_say_plainly_what_each_reveals() -> None:
    state = apply(us_to_move(), Move("question", target="sanctions"))
    options = answer_options(observe(state, "russia"))
    assert [o.manner for o in options] == list(MANNERS)
    assert [o.label for o in options] == ["Answer honestly", "Answer vaguely", "Claim it as a top priority",
                                          "Decline to answer"]
    assert "They learn where Sanctions stands for you" in options[0].reveals
    assert "only how Sanctions compares with" in options[1].reveals
    assert "learn nothing" in options[3].reveals
    assert answer_options(observe(state, "us")) == ()  # the asker has nothing to answer


def test_answer_notation_round_trips_and_bad_answers_are_refused() -> None:
    for manner in MANNERS:
        assert Move.parse(f"answer {manner}", GENEVA).notation(GENEVA) == f"answer {manner}"
    for bad in ("answer", "answer truthfully", "answer honest vague"):
        with pytest.raises(NotationError, match="how you answer"):
            Move.parse(bad, GENEVA)


def test_the_ai_answers_by_its_trust_based_draw_deterministically() -> None:
    asked = apply(us_to_move(), Move("question", target="sanctions"))
    ai = ScenarioAI("russia", "normal")
    assert ai.choose(observe(with_trust(asked, 1.0), "russia")) == Move("answer", choice="honest")
    chance = observe(asked, "russia").question.chance  # type: ignore[union-attr]
    for trust in (0.0, 0.3, 0.6):
        view = observe(with_trust(asked, trust), "russia")
        move = ai.choose(view)
        assert move == answer_by_chance(view) == ai.choose(view)
        assert move.choice == manner_by_chance(trust, chance) and move.reason


def test_more_trust_gives_more_honest_answers_from_the_ai() -> None:
    honest = {t: 0 for t in (0.2, 0.5, 0.8)}
    for seed in range(60):
        asked = apply(us_to_move(seed), Move("question", target="troops"))
        for t in honest:
            honest[t] += ScenarioAI("russia").choose(observe(with_trust(asked, t), "russia")).choice == "honest"
    assert honest[0.2] < honest[0.5] < honest[0.8]


@pytest.mark.parametrize("bot", BOTS)
def test_every_bot_answers_a_question_put_to_it(bot: str) -> None:
    answered = 0
    for seed in range(4):
        policy = make_bot(bot, "us", seed, "normal", copied=copied(GENEVA))
        state = new_game(GENEVA, seed, voiced=["russia"])
        moves: list[tuple[str | None, Move]] = []

        def note(before: State, move: Move, _after: State, moves: list[tuple[str | None, Move]] = moves) -> None:
            moves.append((before.to_move, move))

        end = play_out(state, {"us": policy, "russia": ScenarioAI("russia", "normal")},  # type: ignore[dict-item]
                       on_move=note)
        assert end.over
        answered += sum(1 for seat, move in moves if seat == "us" and move.kind == "answer")
    assert answered >= 1  # the AI asked the bot, and the bot answered


class Person:
    """A person at the US seat: asks Russia about sanctions once, answers questions as told, else plays greedy."""

    def __init__(self, answers: list[str]):
        self.answers = iter(answers)
        self.asked = False
        self.greedy = make_bot("greedy", "us")

    def choose(self, view):  # type: ignore[no-untyped-def]
        if view.question is not None:
            return Move("answer", choice=next(self.answers, "honest"))
        if not self.asked and "question" in view.kinds:
            self.asked = True
            return Move("question", target="sanctions")
        return self.greedy.choose(view)


def recorded_game(answers: list[str], seed: int = 3) -> tuple[State, Transcript]:
    seats = {"us": Controller("human"), "russia": Controller("ai", "normal")}
    start = new_game(GENEVA, seed, voiced=["russia"])
    transcript = Transcript.start(start, describe(seats))
    end = play_out(start, {"us": Person(answers), "russia": ScenarioAI("russia", "normal")},  # type: ignore[dict-item]
                   on_move=transcript.record)
    return end, transcript


def test_a_persons_answer_is_recorded_and_the_record_proves_itself() -> None:
    end, transcript = recorded_game(["vague", "posture", "decline"])
    mine = [m["move"] for m in transcript.moves if m["actor"] == "us" and m["move"].startswith("answer")]
    assert mine and mine[0] == "answer vague"  # the AI asked the US, and the record says how it answered
    assert any(m["actor"] == "russia" and m["move"].startswith("answer") for m in transcript.moves)
    proven = prove(Transcript.from_dict(transcript.to_dict()), GENEVA)
    assert proven.state.fingerprint() == end.fingerprint()


def test_an_ai_answer_that_is_not_its_own_draw_is_caught_by_the_proof() -> None:
    from game.proof import RecordMismatch

    _, transcript = recorded_game([])
    data = transcript.to_dict()
    index = next(n for n, m in enumerate(data["moves"]) if m["actor"] == "russia" and m["move"].startswith("answer"))
    data["moves"][index]["move"] = "answer honest" if data["moves"][index]["move"] != "answer honest" \
        else "answer decline"
    with pytest.raises(RecordMismatch, match="the AI"):
        prove(Transcript.from_dict(data), GENEVA)


def test_a_one_issue_scenario_has_no_vague_answer() -> None:
    from game.engine.talk import manners

    assert "vague" in manners(RIVER) and len(RIVER.issues) > 1
    single = type("One", (), {"issues": ("only",)})()
    assert manners(single) == ("honest", "posture", "decline")  # type: ignore[arg-type]
