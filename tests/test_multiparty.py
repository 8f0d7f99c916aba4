"""Three negotiators and a mediator: unanimity, the single negotinating text, ratification per side, every outcome."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from game.ai import ScenarioAI, play_out
from game.ai.policy import Policy
from game.engine import IllegalMoveError, Move, State, apply, legal_kinds, new_game, observe
from game.scenario import load_scenario
from tests.players import ZoneFinder, zone

HARBOUR3 = load_scenario(Path(__file__).resolve().parent / "data" / "harbour3.yaml")
DEAL = (1, 1, 1, 1)  # fees=mid dredging=shared berths=split customs=east: the envoy's draft


def zone_of(state: State) -> np.ndarray:
    return zone(state)


def start(seed: int = 1, voiced: tuple[str, ...] = ()) -> State:
    return new_game(HARBOUR3, seed, voiced=voiced)


def play(state: State, *moves: str) -> State:
    for text in moves:
        state = apply(state, Move.parse(text, HARBOUR3))
    return state


def test_the_mediator_opens_each_round_and_the_towns_follow_in_the_files_order() -> None:
    state = start()
    assert HARBOUR3.seats == ("envoy", "north", "south", "east")
    movers = []
    for _ in range(4):
        movers.append(state.to_move)
        state = apply(state, Move("pass"))
    assert movers == ["envoy", "north", "south", "east"] and state.turn == 2


def test_a_mediator_proposes_presses_and_consults_but_never_accepts_or_walks_out() -> None:
    kinds = legal_kinds(start())
    assert {"propose", "press", "pass"} <= set(kinds)
    assert not {"accept", "reject", "walkout", "threaten"} & set(kinds)
    state = apply(start(), Move("press", seat="east"))
    assert state.pressure[HARBOUR3.seat_index["east"]] > 0
    with pytest.raises(IllegalMoveError, match="say which side"):
        apply(start(), Move("press"))


def test_a_deal_needs_every_negotiator_and_a_new_proposal_clears_the_acceptances() -> None:
    state = play(start(), "propose fees=mid dredging=shared berths=split customs=east")  # the envoy's text
    assert state.accepted == frozenset()  # the mediator's own acceptance is not needed, nor counted
    state = play(state, "accept", "accept")  # north, south
    assert state.accepted == {"north", "south"} and not state.over
    state = play(state, "propose fees=high dredging=shared berths=split customs=east")  # east counters
    assert state.accepted == {"east"} and state.offer is not None and state.offer.by == "east"
    state = play(state, "choose storm calm", "pass", "accept")  # turn 2: east answers the storm, the envoy
    # passes, north accepts east's package
    assert state.accepted == {"east", "north"} and not state.over
    state = play(state, "accept")  # south: every negotiator has now accepted the same package
    assert state.over and state.result is not None and state.result.package == (2, 1, 1, 1)
    assert state.result.kind == "agreement"  # the bank need not ratify, but it was never consulted: it rejects
    assert any(not r.approves and r.actor == "bank" for r in state.result.ratifications)
    from game.analysis.debrief import debrief

    assert debrief(state).side("east").rejected_by == ("bank",)


def test_a_negotiator_who_has_accepted_cannot_accept_again_and_may_consult_the_mediator() -> None:
    state = play(start(voiced=("envoy",)), "propose fees=mid dredging=shared berths=split customs=east", "accept")
    assert "accept" in legal_kinds(state)  # south has not accepted yet
    state = play(state, "consult envoy")  # south consults the mediator, whose line the AI speaks
    assert "envoy" in state.consulted and state.log[-1].audience == frozenset({"south", "envoy"})
    person = play(play(start(), "propose fees=mid dredging=shared berths=split customs=east", "accept"),
                  "consult envoy")  # a person plays the mediator: nobody puts words in their mouth
    assert person.log[-1].kind == "move" and person.log[-1].text == "consults The Regional Envoy"
    state = play(state, "consult bank")  # east consults its bank
    state = play(state, "choose storm calm", "pass")  # turn 2: the storm, then the envoy
    assert "accept" not in legal_kinds(state)  # north accepted this package already
    assert {"propose", "pass"} <= set(legal_kinds(state))


def test_an_event_tables_the_mediators_draft_and_clears_the_table() -> None:
    state = start()
    while state.turn < 3:
        state = apply(state, Move("pass") if state.phase == "move" else Move("choose", target="storm", choice="calm"))
    assert state.offer is not None
    assert state.offer.by == "envoy" and state.offer.package == DEAL and state.accepted == frozenset()
    assert state.log[-1].text.startswith("tables ")


def test_the_events_chooser_reads_the_question_and_the_others_read_the_public_line() -> None:
    state = start()
    for _ in range(4):
        state = apply(state, Move("pass"))
    assert state.phase == "choice" and state.to_move == "east"
    view = observe(state, "east")
    assert view.choice is not None and view.choice.ask == "Do you blame the others' delays in public?"
    assert observe(state, "north").choice is None
    state = apply(state, Move("choose", target="storm", choice="calm"))
    told = {seat: [e.text for e in observe(state, seat).log if e.kind == "choice"] for seat in HARBOUR3.seats}
    assert told["east"] == ["You tell the press that the towns are close to a deal."]
    assert told["north"] == told["south"] == told["envoy"] == ["Eastwick's mayor tells the press the towns are "
                                                               "close to a deal."]


def test_a_stakeholder_backing_two_sides_judges_the_deal_for_both() -> None:
    assert HARBOUR3.backers("north") == ("dockers",) and HARBOUR3.backers("south") == ("dockers",)
    assert HARBOUR3.consultable("east") == ("bank", "envoy") and HARBOUR3.consultable("envoy") == ()
    state = play(start(), "pass", "consult dockers", "consult dockers", "consult bank",
                 "choose storm calm", "pass", "propose fees=mid dredging=shared berths=private customs=east")
    state = play(state, "accept", "accept")
    assert state.result is not None and state.result.kind == "ratification_failed"
    verdict = next(r for r in state.result.ratifications if r.actor == "dockers")
    assert not verdict.approves and "Berths" in verdict.why


def test_a_walkout_escalation_and_deadline_end_a_three_party_game() -> None:
    walked = play(start(), "pass", "pass", "walkout")
    assert walked.result is not None and walked.result.kind == "walkout" and walked.result.by == "south"
    state = start()
    while not state.over:
        state = apply(state, Move("choose", target="storm", choice="blame") if state.phase == "choice" else
                      Move("press", seat="north") if state.to_move == "envoy" else Move("threaten", seat="east")
                      if state.to_move != "east" else Move("threaten", seat="north"))
    assert state.result is not None and state.result.kind == "escalation"
    state = start()
    while not state.over:
        state = apply(state, Move("pass") if state.phase == "move" else Move("choose", target="storm", choice="calm"))
    assert state.result is not None and state.result.kind == "deadline" and state.result.turn == HARBOUR3.deadline


@pytest.mark.parametrize("seed", range(4))
def test_players_who_find_the_zone_reach_a_ratified_three_party_agreement(seed: int) -> None:
    state = start(seed, voiced=("envoy",))
    policies: dict[str, Policy] = {seat: ZoneFinder(state) for seat in HARBOUR3.negotiators}
    policies["envoy"] = ScenarioAI("envoy")
    final = play_out(state, policies)
    assert final.result is not None and final.result.kind == "agreement", [e.text for e in final.log[-8:]]


@pytest.mark.parametrize("seed", range(6))
def test_the_ai_plays_every_seat_of_a_three_party_game_with_a_mediator_to_an_end(seed: int) -> None:
    state = start(seed, voiced=HARBOUR3.seats)
    final = play_out(state, {seat: ScenarioAI(seat, "easy") for seat in HARBOUR3.seats})
    assert final.result is not None
    proposals = [o for o in final.offers if o.by == "envoy"]
    assert proposals, "the AI mediator tables a text"
    text = proposals[0].package
    for line in HARBOUR3.public.stated_lines:  # its text respects every red line a side has stated
        assert text[line.issue] not in line.forbid


def test_a_question_or_a_press_is_answered_only_by_the_seat_it_is_aimed_at() -> None:
    state = start(voiced=HARBOUR3.seats)
    pressed = play(state, "press north")  # east's scripted reaction answers a press aimed at it, not at north
    assert not any(e.kind == "reaction" for e in pressed.log)
    pressed = play(state, "press east")
    assert [e.actor for e in pressed.log if e.kind == "reaction"] == ["east"]
    threatened = play(state, "pass", "threaten east")  # north threatens east: south's reaction stays silent
    assert not any(e.kind == "reaction" and e.actor == "south" for e in threatened.log)
    threatened = play(state, "pass", "threaten south")
    assert [e.actor for e in threatened.log if e.kind == "reaction"] == ["south"]


def test_the_ai_mediator_leaves_a_fair_package_to_the_sides_and_answers_a_partisan_one_with_its_text() -> None:
    def round_two(package: str) -> Move:
        state = play(start(voiced=("envoy",)), "pass", "pass", "pass", f"propose {package}",  # east, last in round 1
                     "choose storm calm")  # round 2: north and south have not moved since east's package
        return ScenarioAI("envoy").choose(observe(state, "envoy"))

    fair = round_two("fees=mid dredging=shared berths=split customs=east")
    assert fair.kind == "pass" and "fair" in (fair.reason or "")
    partisan = round_two("fees=high dredging=north_pays berths=private customs=east")
    assert partisan.kind == "propose" and partisan.package != (2, 0, 2, 1)


def test_the_mediators_text_stays_until_the_sides_have_answered_it() -> None:
    state = start(voiced=("envoy",))
    while state.turn < 3:  # at turn 3 an event tables the envoy's draft before anyone moves
        state = apply(state, Move("pass") if state.phase == "move" else Move("choose", target="storm", choice="calm"))
    move = ScenarioAI("envoy").choose(observe(state, "envoy"))
    assert move.kind == "pass" and "answers" in (move.reason or "")


def test_proposing_the_package_on_the_table_again_keeps_its_acceptances() -> None:
    text = "propose fees=mid dredging=shared berths=split customs=east"
    state = play(start(), text, "accept", text)  # north accepts the envoy's text; south proposes the same
    assert state.accepted == {"north", "south"}
    state = play(state, "propose fees=high dredging=shared berths=split customs=east")  # east: a new package
    assert state.accepted == {"east"}


def test_the_ai_keeps_conceding_while_its_own_offer_lies_on_the_table_unanswered() -> None:
    from game.resources import scenario_path

    geneva = load_scenario(scenario_path("geneva-2022"))
    offers: list[float] = []
    state = new_game(geneva, 3, voiced=["russia"])
    ai = ScenarioAI("russia", "normal")
    while not state.over:
        seat = state.to_move
        view = observe(state, seat or "")
        move = ai.choose(view) if seat == "russia" else (view.moves[0] if view.choice or view.question
                                                         else Move("pass"))  # (a question put to the US: honest)
        if seat == "russia" and move.kind == "propose" and move.package is not None:
            offers.append(geneva.valuations["russia"].utility(move.package))
        state = apply(state, move)
    assert len(offers) >= 3 and offers[-1] < offers[0]  # it goes on proposing, asking less as time runs out


def test_views_leave_out_the_other_seats_reasons_unless_asked_for_them() -> None:
    state = start(voiced=HARBOUR3.seats)
    state = apply(state, ScenarioAI("envoy").choose(observe(state, "envoy")))
    assert state.log[-1].reason  # the AI gave its reason
    plain = observe(state, "north")
    assert all(e.reason is None for e in plain.log if e.actor != "north")
    practice = observe(state, "north", reasons=True)
    assert practice.log[-1].reason == state.log[-1].reason
    assert observe(state, "envoy").log[-1].reason == state.log[-1].reason  # a seat keeps its own reasons
