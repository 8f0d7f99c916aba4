"""Hypothesis strategies: random but valid scenarios, for engine and AI invariants."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from game.scenario.model import Scenario, compile_scenario
from game.scenario.schema import ScenarioSpec

unit = st.floats(min_value=0.0, max_value=1.0, allow_nan=False).map(lambda x: round(x, 3))


@st.composite
def scenario_specs(draw: st.DrawFn, parties: tuple[int, int] = (2, 2), mediator: bool | None = False) -> dict[str, Any]:
    """A valid scenario with `parties` (low, high) negotiators and, when `mediator` is None, a mediator or not."""
    n_negotiators = draw(st.integers(*parties))
    negotiators = ["a", "b", "c", "d"][:n_negotiators]
    with_mediator = draw(st.booleans()) if mediator is None else mediator
    n_issues = draw(st.integers(1, 4))
    issues = []
    for i in range(n_issues):
        k = draw(st.integers(2, 4))
        issues.append({"id": f"i{i}", "title": f"Issue {i}",
                       "options": [{"id": f"o{j}", "label": f"Option {j}"} for j in range(k)]})
    prefs: dict[str, Any] = {}
    ranged = draw(st.booleans())  # priorities drawn for each game from [low, high] ranges, or fixed

    def maybe_range(x: float, top: float) -> float | list[float]:
        if not ranged or not draw(st.booleans()):
            return x
        return [round(x, 3), round(min(top, x + draw(st.floats(0.0, 0.3))), 3)]

    for actor in (*negotiators, *(["m"] if with_mediator else [])):
        weights = {f"i{i}": maybe_range(draw(st.floats(0.05, 1.0)), 1.0) for i in range(n_issues)}
        values = {issue["id"]: {o["id"]: maybe_range(draw(unit), 1.0) for o in issue["options"]} for issue in issues}
        low = draw(st.floats(0.0, 0.6))
        red_lines = []
        for issue in issues:
            if draw(st.booleans()) and draw(st.booleans()):
                forbid = [issue["options"][draw(st.integers(0, len(issue["options"]) - 1))]["id"]]
                firm = draw(st.sampled_from([True, False, 0.5]))
                red_lines.append({"issue": issue["id"], "forbid": forbid, "firm": firm,
                                  "softens_when": "trust >= 0.5 or turns_left <= 1", "source": "s"})
        prefs[actor] = {"weights": weights, "values": values, "red_lines": red_lines,
                        "reservation": [round(low, 3), round(low + draw(st.floats(0.0, 0.2)), 3)]}
    if with_mediator:
        prefs["m"] = {"weights": prefs["m"]["weights"], "values": prefs["m"]["values"]}
    turns = draw(st.integers(2, 8))
    events = [{"id": "e1", "title": "Something", "text": "It happens.", "at_turn": draw(st.integers(1, turns)),
               "chooser": draw(st.sampled_from(negotiators[1:] + (["m"] if with_mediator else []))),
               "choices": [{"id": "c1", "label": "One", "effects": {"tension": 0.05}},
                                           {"id": "c2", "label": "Two", "effects": {"trust": 0.05}}],
               "source": "s"},
              {"id": "e2", "title": "Later", "text": "Pressure.", "when": "tension > 0.5", "source": "s",
               "effects": {"tension": draw(st.floats(-0.2, 0.2))}}]
    level = {"label": "L", "concession": draw(st.sampled_from(["boulware", "linear", "conceder", 0.7])),
             "opponent_model": draw(st.booleans()), "start": draw(st.floats(0.5, 1.0)),
             "walkout_when": "tension >= 0.95"}
    return {
        "format": "detente/1", "id": "generated", "title": "Generated", "summary": "A generated scenario.",
        "simulated": "All of it.", "sources": [{"id": "s", "cite": "generated"}],
        "actors": [*([{"id": "m", "name": "M", "role": "mediator", "negotiator": "Envoy M",
                       "consult": {"line": "Think again.", "effects": {"trust": 0.05}}}] if with_mediator else []),
                   {"id": "a", "name": "A", "role": "negotiator", "unity": "unity"},
                   *({"id": x, "name": x.upper(), "role": "negotiator"} for x in negotiators[1:]),
                   {"id": "s1", "name": "S1", "role": "stakeholder",
                    "backs": draw(st.lists(st.sampled_from(negotiators[1:]), min_size=1, max_size=2, unique=True)),
                    "must_ratify": draw(st.booleans()), "requires_consultation": draw(st.booleans())}],
        "issues": issues, "preferences": prefs,
        "meters": {"tension": {"label": "Tension", "start": draw(unit), "drift": draw(st.floats(-0.1, 0.1)),
                               "escalate_at": 1.0},
                   "trust": {"label": "Trust", "start": draw(unit)},
                   "unity": {"label": "Unity", "start": [0.2, 0.8]}},
        "moves": {"threaten": {"effects": {"tension": 0.1}, "pressure": 0.1},
                  "press": {"effects": {"tension": 0.05}, "pressure": 0.1},
                  "question": {"honesty": "trust"}, "promise": {"effects": {"trust": 0.1}}},
        "events": events,
        "ai": {"default_difficulty": "only", "difficulties": {"only": level},
               "modifiers": [{"actor": "a", "when": "unity < 0.4", "speed": 0.5, "note": "hardens"}],
               "reactions": [{"actor": "a", "trigger": "threaten", "speaker": "A", "line": "No.",
                              "effects": {"tension": 0.05}}],
               "tactics": [{"actor": "a", "when": "turn == 2", "move": "threaten", "note": "presses"}]},
        "deadline": {"turns": turns, "label": "End"},
        "outcomes": {k: {"title": k, "debrief": k} for k in
                     ("agreement", "ratification_failed", "walkout", "escalation", "deadline")},
        "history": {"summary": "None."},
    }


def build(data: dict[str, Any]) -> Scenario:
    return compile_scenario(ScenarioSpec.model_validate(data), "<generated>", "0" * 64)


scenarios = scenario_specs().map(build)
many_party_scenarios = scenario_specs(parties=(2, 4), mediator=None).map(build)
