"""A hint counts every firm red line of yours the offer on the table crosses, not only the first; every offer across
a red line that binds you (whoever made it: another side, the mediator, an event, you; full or partial; your own
line, firm or a bluff, or a stakeholder's) is warned of from one computation; an evasive answer is news only until
the side answers again."""

from __future__ import annotations

from pathlib import Path

from game.analysis.hints import accept_warning, hints, offer_warning
from game.engine import Move, State, apply, new_game, observe
from game.engine.state import Offer
from game.resources import scenario_path
from game.scenario import load_scenario


def test_the_hint_counts_every_firm_red_line_the_offer_crosses() -> None:
    sc = load_scenario(scenario_path("geneva-2022"))
    state = new_game(sc, 1)
    while state.phase != "move" or state.to_move != "us":
        state = apply(state, observe(state, state.to_move or "").moves[0])
    ids = ["written_ban", "rollback", "stay", "relief", "leaders_summit"]
    package = tuple(sc.option_index[i][o] for i, o in enumerate(ids))
    state = state.evolve(offer=Offer("russia", package, state.turn), offers=(Offer("russia", package, state.turn),))
    [said] = [h for h in hints(observe(state, "us")) if "red line" in h]
    assert "red line on Ukraine and NATO membership and 1 more" in said  # (two: the ban and the rollback)


# every offer across a red line is warned of, from one computation ------------------------------------------
HARBOUR3 = load_scenario(Path(__file__).resolve().parents[1] / "data" / "harbour3.yaml")


def north_facing(package: str, by: str, seed: int = 0) -> State:
    """The three harbours, at Northport's move, with `package` (notation words) on the table, made by `by`."""
    state = new_game(HARBOUR3, seed)
    while state.phase != "move" or state.to_move != "north":
        state = apply(state, observe(state, state.to_move or "").moves[0])
    offer = Offer(by, Move.parse(f"propose {package}", HARBOUR3).package or (), state.turn)
    return state.evolve(offer=offer, offers=(offer,))


def test_a_mediators_text_across_a_stakeholders_red_line_is_warned_of_and_accepting_it_asks_first() -> None:
    view = observe(north_facing("fees=mid dredging=shared berths=private customs=east", "envoy"), "north")
    warning = offer_warning(view)
    assert warning == ("The text on the table crosses The dockers' union's red line on Berths: The dockers' union "
                       "would reject it at home, and a deal on it fails ratification.")
    assert hints(view)[0] == offer_warning(view, short=True)
    asked = accept_warning(view)  # the deal would fail at home: the terminal and the window ask before accepting
    assert asked is not None and "The dockers' union's red line on Berths" in asked and "fails" in asked


def test_an_offer_across_a_bluff_is_named_as_one_and_accepting_it_asks_nothing() -> None:
    firm = observe(north_facing("fees=mid dredging=north_pays berths=split customs=east", "south", seed=0), "north")
    bluff = observe(north_facing("fees=mid dredging=north_pays berths=split customs=east", "south", seed=1), "north")
    assert "firm red line on Who pays for dredging" in (offer_warning(firm) or "")
    assert accept_warning(firm) is not None
    said = offer_warning(bluff)
    assert said is not None and "red line you stated on Who pays for dredging: a bluff" in said
    assert accept_warning(bluff) is None and hints(bluff)[0] == said  # then what it is worth, as for any offer
    assert any("worth" in h for h in hints(bluff)[1:])


def test_your_own_offer_or_a_partial_one_across_your_firm_red_line_is_warned_of() -> None:
    sc = load_scenario(scenario_path("geneva-2022"))
    state = new_game(sc, 1)
    while state.phase != "move" or state.to_move != "us":
        state = apply(state, observe(state, state.to_move or "").moves[0])
    ban = (sc.option_index[0]["written_ban"], -1, -1, -1, -1)
    for by, start in (("russia", "The partial offer on the table already crosses"),
                      ("us", "Your own offer on the table crosses")):  # no 'accept' in either case: still warned
        view = observe(state.evolve(offer=Offer(by, ban, state.turn)), "us")
        assert "accept" not in view.kinds
        assert hints(view)[0].startswith(start) and "firm red line on Ukraine and NATO membership" in hints(view)[0]


# an evasive answer is news only until the side answers again -----------------------------------------------
def test_the_evasive_answer_hint_goes_when_the_side_answers_again_or_the_news_is_old() -> None:
    sc = load_scenario(scenario_path("geneva-2022"))

    def to_us(state: State) -> State:  # through any event's choice, to the US's move
        while state.phase != "move" or state.to_move != "us":
            state = apply(state, observe(state, state.to_move or "").moves[0])
        return state

    def evasion_hinted(state: State) -> bool:
        return any("evaded your question on Russian troops" in h for h in hints(observe(state, "us")))

    package = tuple(len(o) // 2 for o in sc.options)
    state = to_us(new_game(sc, 3))
    state = apply(apply(state, Move("question", target="troops")), Move("answer", choice="decline"))
    state = to_us(apply(state, Move("propose", package=package)))  # Russia's move; the next round
    assert evasion_hinted(state)
    answered = apply(apply(state, Move("question", target="sanctions")), Move("answer", choice="vague"))
    answered = to_us(apply(answered, Move("pass")))
    assert not evasion_hinted(answered)  # Russia has answered since
    later = to_us(apply(apply(state, Move("pass")), Move("pass")))
    assert not evasion_hinted(later)  # a round on, it is no longer news
