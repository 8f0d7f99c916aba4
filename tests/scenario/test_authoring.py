"""Validating what authors could write only lately (drifts, per-seat walkouts, turn labels, per-side debriefs),
and messages that say what to write instead (a misspelt role, a bad item of `backs`, an unknown name in a
condition)."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.scenario import inspect_scenario_bytes, load_scenario

DATA = Path(__file__).resolve().parents[1] / "data"
SUMMIT = (DATA / "summit-authoring.yaml").read_text(encoding="utf-8")
RIVER = (DATA / "river.yaml").read_text(encoding="utf-8")


def errors(text: str) -> list[str]:
    _, problems = inspect_scenario_bytes(text.encode(), "test.yaml")
    return [p.render("test.yaml") for p in problems if p.severity == "error"]


def edit(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


def test_the_summit_validates_and_compiles_its_new_parts() -> None:
    sc = load_scenario(DATA / "summit-authoring.yaml")
    assert len(sc.drift_rules) == 2 and sc.drift_rules[1].spec.text == "The host's patience wears thin."
    rules = sc.walkout_rules("east")
    assert [note for _, note in rules["normal"]] == ["Ora orders the cars brought round."]
    assert [note for _, note in sc.walkout_rules("west")["normal"]] == ["walks out: tension >= 0.5"]
    assert sc.walkout_rules("west")["hard"] == ()
    assert sc.actors["neighbours"].plural and sc.public.turn_labels[-1] == "Day 4: Sunday"


@pytest.mark.parametrize(("old", "new", "phrase"), [
    ("effects: {pressure: 0.1}", "effects: {presure: 0.1}", "unknown meter 'presure' (did you mean 'pressure'?)"),
    ('when: "turn >= 2"', 'when: "turn >= 2 and zzz"',
     "unknown name 'zzz' (names you can use: offers, pressure, tension"),
    ("{actor: east, when:", "{actor: eastt, when:", "unknown seat 'eastt' (did you mean 'east'?)"),
    ("note: Ora orders", "levels: [hrad], note: Ora orders", "unknown difficulty 'hrad' (did you mean 'hard'?)"),
    ('"Day 4: Sunday"]', '"Day 4: Sunday", "Day 5: Monday"]', "5 turn labels for 4 turns"),
    ("by_side: {east: ", "by_side: {easst: ", "unknown seat 'easst' (did you mean 'east'?)"),
    ("    west: {questions:", "    wset: {questions:", "unknown seat 'wset' (did you mean 'west'?)"),
])
def test_mistakes_in_the_new_parts_are_errors_with_their_place(old: str, new: str, phrase: str) -> None:
    found = errors(edit(SUMMIT, old, new))
    assert any(phrase in e and "test.yaml:" in e for e in found), found


def test_fewer_turn_labels_than_turns_is_a_warning() -> None:
    _, problems = inspect_scenario_bytes(edit(SUMMIT, ', "Day 4: Sunday"]', "]").encode(), "t.yaml")
    assert any(p.severity == "warning" and "3 turn labels for 4 turns: turn 4 shows the deadline's label"
               in p.message for p in problems)


def test_a_refused_turns_value_is_not_counted_against_the_labels() -> None:
    found = errors(edit(SUMMIT, "turns: 4", "turns: 0"))
    assert found and not any("turn labels" in e for e in found), found


def test_the_mediator_cannot_have_a_walkout_rule() -> None:
    text = edit(RIVER, "  - id: farmers\n    name: Downstream farmers\n    role: stakeholder\n",
                "  - id: envoy\n    name: An envoy\n    role: mediator\n  - id: farmers\n"
                "    name: Downstream farmers\n    role: stakeholder\n")
    text = edit(text, "  farmers:\n    red_lines:", "  envoy:\n    weights: {flow: 1}\n    values: {flow: {half: 1}}\n"
                "  farmers:\n    red_lines:")
    text = edit(text, "  tactics:\n", "  walkouts:\n    - {actor: envoy, when: \"tension > 0.5\", note: leaves}\n"
                "  tactics:\n")
    assert any("'envoy' is the mediator, which never walks out" in e for e in errors(text)), errors(text)


@pytest.mark.parametrize(("role", "hint"), [("mediater", "did you mean 'mediator'?"),
                                            ("negociator", "did you mean 'negotiator'?"),
                                            ("Stakeholder", "did you mean 'stakeholder'?")])
def test_a_misspelt_role_suggests_the_right_one(role: str, hint: str) -> None:
    found = errors(edit(RIVER, "role: stakeholder", f"role: {role}"))
    assert any(f"'role' must be one of negotiator, stakeholder, mediator, not '{role}' ({hint})" in e
               for e in found), found


def test_a_stakeholder_written_as_the_mediator_is_told_what_stakeholders_are() -> None:
    found = errors(edit(RIVER, "role: stakeholder", "role: mediator"))
    assert any("'farmers' is a mediator; backs, must_ratify and requires_consultation are for stakeholders" in e
               for e in found), found


@pytest.mark.parametrize(("backs", "phrase"), [
    ("[downstream, 3]", "item 2 of 'backs' must be text, not 3 (quote it to make it text)"),
    ("[downstream, Upstream]", "item 2 of 'backs' is not a valid id: 'Upstream'"),
    ("[downstream, upstreem]", "unknown seat 'upstreem' (did you mean 'upstream'?)"),
    ("[downstream, farmers]", "unknown seat 'farmers' (known: upstream, downstream)"),
])
def test_a_bad_item_of_backs_says_what_is_wrong_with_it(backs: str, phrase: str) -> None:
    found = errors(edit(RIVER, "backs: downstream", f"backs: {backs}"))
    assert any(phrase in e for e in found), found
    assert not any(e.endswith("must be text") for e in found)


def test_an_unknown_name_in_a_condition_lists_the_names_that_can_be_used() -> None:
    found = errors(edit(RIVER, '"turn >= 3 and tension > 0.45"', '"turn >= 3 and zzz > 0.45"'))
    [message] = [e for e in found if "unknown name 'zzz'" in e]
    assert "names you can use: offers, tension, trust, turn, turns_left, unity, consulted.farmers" in message
    assert "and 23 more, listed under 'Names' in docs/scenario-format.md" in message
