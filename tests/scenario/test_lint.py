"""Design warnings (game.scenario.lint): each one is reported at the line that causes it."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.cli import main
from game.scenario import inspect_scenario_bytes, load_scenario
from game.scenario.lint import lint
from game.scenario.yamlsafe import Problem

RIVER = Path(__file__).resolve().parents[1] / "data" / "river.yaml"


def variant(*edits: tuple[str, str]) -> str:
    text = RIVER.read_text(encoding="utf-8")
    for old, new in edits:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


def line_of(text: str, fragment: str) -> int:
    lines = [n for n, line in enumerate(text.splitlines(), 1) if fragment in line]
    assert len(lines) == 1, fragment
    return lines[0]


def warnings_of(text: str) -> list[Problem]:
    scenario, problems = inspect_scenario_bytes(text.encode(), "test.yaml")
    assert scenario is not None, [p.render("test.yaml") for p in problems]
    assert all(p.severity == "warning" for p in problems)
    return problems


def the_warning(text: str, words: str) -> Problem:
    found = [p for p in warnings_of(text) if words in p.message]
    assert len(found) == 1, [p.message for p in warnings_of(text)]
    return found[0]


def test_the_river_and_shipped_scenarios_have_no_design_warnings() -> None:
    assert warnings_of(RIVER.read_text(encoding="utf-8")) == []
    for path in sorted((Path(__file__).resolve().parents[2] / "scenarios").glob("*.yaml")):
        scenario = load_scenario(path)
        assert [f.message for f in lint(scenario.spec, scenario)] == [], path.name


def test_an_empty_zone_of_agreement_is_reported_at_the_reservation() -> None:
    text = variant(("    reservation: 0.4\n", "    reservation: 0.95\n"))
    problem = the_warning(text, "the zone of agreement is empty")
    assert problem.line == line_of(text, "reservation: [0.35, 0.45]")
    assert "firm red line" in problem.message


def test_a_difficulty_whose_margin_empties_the_zone_is_reported_at_its_margin() -> None:
    text = variant(("normal: {label: Normal, concession: linear}",
                    "normal: {label: Normal, concession: linear,\n              reservation_margin: 0.5}"))
    problem = the_warning(text, "at 'normal' the AI's reservation rises by 0.5")
    assert problem.line == line_of(text, "reservation_margin: 0.5")


def test_a_dominated_option_is_reported_at_its_id() -> None:
    text = variant(("fund: {absent: 1.0, present: 0.3}", "fund: {absent: 1.0, present: 1.0}"))
    problem = the_warning(text, "is dominated")
    assert problem.message == "option 'absent' of 'fund' is dominated: no one prefers it to 'present'"
    assert problem.line == line_of(text, "{id: absent, label: No fund}")


def test_an_issue_no_one_weighs_is_reported_at_its_id() -> None:
    text = variant(("weights: {flow: 0.3, dam: 0.5, fund: 0.2}", "weights: {flow: 0.3, dam: 0.7}"),
                   ("weights: {flow: 0.6, dam: 0.2, fund: 0.2}", "weights: {flow: 0.7, dam: 0.3}"))
    problem = the_warning(text, "no one cares about issue 'fund'")
    assert problem.line == line_of(text, "- id: fund")


def test_an_event_that_can_never_fire_is_reported_at_its_condition() -> None:
    text = variant(('when: "turn >= 3 and tension > 0.45"', 'when: "turn > 6 and tension > 0.45"'))
    problem = the_warning(text, "event 'drought' can never fire")
    assert problem.line == line_of(text, 'when: "turn > 6')


def test_an_event_waiting_for_a_meter_that_cannot_get_there_is_reported() -> None:
    text = variant(('when: "turn >= 3 and tension > 0.45"', 'when: "unity < 0.4"'))  # starts 0.5-0.7, only rises
    assert the_warning(text, "can never fire").line == line_of(text, 'when: "unity < 0.4"')


def test_a_bluff_that_can_never_soften_is_reported_at_its_condition() -> None:
    text = variant(('softens_when: "trust >= 0.6"', 'softens_when: "turns_left > 6"'))
    problem = the_warning(text, "this bluff can never soften")
    assert problem.line == line_of(text, 'softens_when: "turns_left > 6"')


def test_a_meter_nothing_moves_is_reported_at_its_name() -> None:
    text = variant(("  trust: {label: Trust, start: 0.3}\n",
                    "  trust: {label: Trust, start: 0.3}\n  mood:\n    label: Mood\n    start: 0.5\n"))
    problem = the_warning(text, "nothing moves meter 'mood'")
    assert problem.line == line_of(text, "  mood:")


def test_an_unreachable_escalation_threshold_is_reported_at_it() -> None:
    text = variant(("  trust: {label: Trust, start: 0.3}\n",
                    "  trust: {label: Trust, start: 0.3}\n  anger:\n    label: Anger\n    start: 0.2\n"
                    "    drift: -0.01\n    escalate_at: 0.9\n"))
    problem = the_warning(text, "can never reach 0.9")
    assert problem.line == line_of(text, "escalate_at: 0.9")


def test_a_meter_starting_above_its_threshold_is_reported() -> None:
    text = variant(("  trust: {label: Trust, start: 0.3}\n",
                    "  trust: {label: Trust, start: 0.3}\n  anger:\n    label: Anger\n    start: 0.95\n"
                    "    drift: -0.01\n    escalate_at: 0.9\n"))
    assert the_warning(text, "every game ends in escalation").line == line_of(text, "escalate_at: 0.9")


def test_disabling_accept_is_reported_as_no_agreement_possible() -> None:
    text = variant(("  question: {honesty: trust}\n", "  question: {honesty: trust}\n  accept: {enabled: false}\n"))
    assert the_warning(text, "no agreement can ever be made").line == line_of(text, "accept: {enabled: false}")


def test_weights_that_do_not_add_up_to_one_say_what_they_became() -> None:
    text = variant(("weights: {flow: 0.3, dam: 0.5, fund: 0.2}", "weights: {flow: 0.6, dam: 1.0, fund: 0.4}"))
    problem = the_warning(text, "the weights add up to 2, not 1")
    assert "flow 0.30, dam 0.50, fund 0.20" in problem.message
    assert problem.line == line_of(text, "weights: {flow: 0.6, dam: 1.0")


def test_a_text_too_long_for_the_screen_is_reported_at_it() -> None:
    long = "The delta floods. " * 40
    text = variant(("text: A drought hits the delta.", f"text: {long.strip()}"))
    problem = the_warning(text, "too long for the screen")
    assert problem.line == line_of(text, "text: The delta floods.")
    assert "at most 500" in problem.message


def test_strict_turns_warnings_into_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "s.yaml"
    path.write_text(variant(("fund: {absent: 1.0, present: 0.3}", "fund: {absent: 1.0, present: 1.0}")),
                    encoding="utf-8")
    assert main(["validate", str(path)]) == 0
    assert "warning: option 'absent'" in capsys.readouterr().out
    assert main(["validate", "--strict", str(path)]) == 2


def test_warnings_are_only_given_when_there_are_no_errors() -> None:
    text = variant(("fund: {absent: 1.0, present: 0.3}", "fund: {absent: 1.0, present: 1.0}"),
                   ("deadline: {turns: 6,", "deadline: {turns: 0,"))
    scenario, problems = inspect_scenario_bytes(text.encode(), "t.yaml")
    assert scenario is None and not any("dominated" in p.message for p in problems)


def test_an_event_waiting_for_an_event_that_never_fires_never_fires_either() -> None:
    text = variant(('when: "turn >= 3 and tension > 0.45"', 'when: "turn > 6"'),
                   ("    at_turn: 2\n", '    when: "event.drought"\n'))
    found = [p.message for p in warnings_of(text) if "can never fire" in p.message]
    assert [m.split("'")[1] for m in found] == ["drought", "flood"]


def test_a_mediators_reservation_red_lines_and_modifiers_are_reported_as_unused() -> None:
    from game.scenario.loader import inspect_scenario_bytes

    text = (Path(__file__).resolve().parents[1] / "data" / "harbour3.yaml").read_text(encoding="utf-8")
    text = text.replace("      customs: {north: 0.5, east: 0.5}\n",
                        "      customs: {north: 0.5, east: 0.5}\n    reservation: 0.3\n"
                        "    red_lines: [{issue: fees, forbid: [high], source: s}]\n", 1)
    text = text.replace("  reactions:\n", "  modifiers:\n    - {actor: envoy, when: \"turn > 2\", note: hurries}\n"
                        "  reactions:\n", 1)
    _, problems = inspect_scenario_bytes(text.encode(), "h.yaml")
    messages = [p.message for p in problems]
    assert any("a mediator's reservation has no effect" in m for m in messages)
    assert any("a mediator's red lines bind nothing" in m for m in messages)
    assert any("the mediator has none, so this one is never used" in m for m in messages)
