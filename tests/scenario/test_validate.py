"""`detente validate` on bad scenario files: every problem, at its line and column, and never a traceback.

Most bad files are made here from tests/data/river.yaml by one targeted replacement. In the replacement
text, the marker ⟦ stands where the main problem must be reported: it is removed before the file is
written, and its place gives the expected line and column. Byte-level cases are committed files under
tests/data/bad/ with their locations written out.
"""

from __future__ import annotations

import copy
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.cli import main
from game.scenario import Problem, Scenario, ScenarioError, inspect_scenario_bytes, load_scenario, load_scenario_bytes

DATA = Path(__file__).resolve().parents[1] / "data"
RIVER_FILE = DATA / "river.yaml"
RIVER = RIVER_FILE.read_text(encoding="utf-8")
BAD = DATA / "bad"
MARK = "⟦"
LINE = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): (?P<message>.+)$")

Edit = tuple[str, str] | Callable[[str], str]


def make(*edits: Edit) -> tuple[str, tuple[int, int]]:
    """River with each (old, new) replaced once (old must be there exactly once), or a function applied;
    returns the text and where the ⟦ marker was (line, col), 1-based."""
    text = RIVER
    for edit in edits:
        if callable(edit):
            text = edit(text)
            continue
        old, new = edit
        assert text.count(old) == 1, f"river.yaml no longer holds {old!r} exactly once"
        text = text.replace(old, new)
    assert text.count(MARK) == 1, "mark the expected place with one ⟦"
    index = text.index(MARK)
    line = text.count("\n", 0, index) + 1
    col = index - (text.rfind("\n", 0, index) + 1) + 1
    return text.replace(MARK, ""), (line, col)


def validate(capsys: pytest.CaptureFixture[str], *paths: Path) -> tuple[int, str]:
    code = main(["validate", *map(str, paths)])
    out, err = capsys.readouterr()
    return code, out + err


def assert_reported(output: str, path: Path, where: tuple[int, int], phrase: str) -> None:
    line, col = where
    prefix = f"{path}:{line}:{col}: "
    hits = [row for row in output.splitlines() if row.startswith(prefix)]
    assert any(phrase in row for row in hits), f"expected {prefix}...{phrase}... in:\n{output}"


def assert_clean_output(output: str, path: Path) -> None:
    """No traceback, and every line is FILE:LINE:COL: message."""
    assert "Traceback" not in output
    assert "internal error" not in output
    for row in output.splitlines():
        match = LINE.match(row)
        assert match and match["file"] == str(path), f"not FILE:LINE:COL: message: {row!r}"
        assert int(match["line"]) >= 1 and int(match["col"]) >= 1


def check_bad(capsys: pytest.CaptureFixture[str], path: Path, where: tuple[int, int], phrase: str) -> str:
    code, output = validate(capsys, path)
    assert code == 2, output
    assert_clean_output(output, path)
    assert_reported(output, path, where, phrase)
    return output


# --------------------------------------------------------------------------
# The good file
# --------------------------------------------------------------------------


def test_good_file_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    code, output = validate(capsys, RIVER_FILE)
    assert code == 0, output
    assert f"{RIVER_FILE}: ok:" in output
    assert "Traceback" not in output


def test_good_file_loads() -> None:
    scenario = load_scenario_bytes(RIVER.encode(), "river.yaml")
    assert isinstance(scenario, Scenario)
    assert scenario.negotiators == ("upstream", "downstream")


# --------------------------------------------------------------------------
# Variants of river.yaml with one defect each
# --------------------------------------------------------------------------

NOT_5000 = '"' + "not " * 5000 + 'trust"'
NOT_40 = "not " * 32 + MARK + "not " * 8 + "trust"


def _drop_downstream_preferences(text: str) -> str:
    start = text.index("  downstream:\n    weights:")
    end = text.index("  farmers:\n    red_lines:")
    return text[:start] + text[end:]


VARIANTS: list[tuple[str, list[Edit], str]] = [
    # YAML features a scenario must not use
    ("anchor", [("minutes: 10", f"minutes: {MARK}&m 10")], "anchors (&m) are not allowed"),
    ("alias", [("minutes: 10", f"minutes: {MARK}*m")], "aliases (*m) are not allowed"),
    ("python_object_tag", [("minutes: 10", f"minutes: {MARK}!!python/object/apply:os.system ['echo pwned']")],
     "tags (!!python/object/apply:os.system) are not allowed"),
    ("python_name_tag", [("  tension: {label", f"  tension: {MARK}!!python/name:os.system {{label")],
     "tags (!!python/name:os.system) are not allowed"),
    ("merge_key", [("minutes: 10", f"{MARK}<<: {{minutes: 10}}")], "merge keys (<<) are not allowed"),
    ("deep_nesting", [("minutes: 10", "minutes: " + "[" * 23 + MARK + "[" * 7 + "]" * 30)],
     "nesting deeper than 24 levels"),
    # YAML 1.1 surprises
    ("no_means_false", [("    role: stakeholder", f"    role: {MARK}NO")], "'NO' means false in YAML 1.1"),
    ("yes_means_true", [("must_ratify: true", f"must_ratify: {MARK}yes")], "'yes' means true in YAML 1.1"),
    ("octal", [("minutes: 10", f"minutes: {MARK}010")], "'010' is an octal number in YAML 1.1: it means 8"),
    ("base_60", [("minutes: 10", f"minutes: {MARK}1:20")], "'1:20' is a base-60 number in YAML 1.1: it means 80"),
    ("date_as_text", [("summary: Nothing happened; this river is invented.", f"summary: {MARK}2022-02-24")],
     "'2022-02-24' is a date in YAML 1.1, not text"),
    ("exponent_is_text", [("start: 0.3}", f"start: {MARK}1e3}}")], "'1e3' is text in YAML 1.1, not a number"),
    # numbers
    ("nan", [("start: 0.3}", f"start: {MARK}.nan}}")], "'.nan' is not a finite number"),
    ("infinity", [("drift: 0.02", f"drift: {MARK}-.inf")], "'-.inf' is not a finite number"),
    ("float_overflow", [("start: 0.3}", f"start: {MARK}1.0e+400}}")], "too large to be a number"),
    ("out_of_range", [("start: 0.3}", f"start: {MARK}1.5}}")],
     "'start' is out of range: it must be between 0 and 1, not 1.5"),
    ("delta_out_of_range", [("drift: 0.02", f"drift: {MARK}-5")],
     "'drift' is out of range: it must be between -1 and 1, not -5"),
    ("huge_integer", [("minutes: 10", f"minutes: {MARK}" + "9" * 5000)], "5,000 digits; it is far too large"),
    ("integer_out_of_range", [("minutes: 10", f"minutes: {MARK}99999999999")],
     "'minutes' is out of range: it must be between 1 and 600, not 99999999999"),
    ("string_for_number", [("reservation: 0.4", f"reservation: {MARK}high")],
     "'reservation' must be a number or a [low, high] pair, not 'high'"),
    ("quoted_number", [("reservation: 0.4", f"reservation: {MARK}'0.4'")], "write the number without quotes"),
    ("float_for_whole_number", [("at_turn: 2", f"at_turn: {MARK}2.5")], "'at_turn' must be a whole number, not 2.5"),
    ("bool_for_number", [("minutes: 10", f"minutes: {MARK}true")], "'minutes' must be a whole number, not true"),
    ("number_for_text", [("title: The River Treaty", f"title: {MARK}1984")], "'title' must be text, not 1984"),
    ("word_for_bool_or_number", [("firm: 0.5", f"firm: {MARK}maybe")],
     "'firm' must be true or false or a number, not 'maybe'"),
    ("range_of_three", [("reservation: [0.35, 0.45]", f"reservation: {MARK}[0.35, 0.4, 0.45]")],
     "'reservation' must have exactly 2 items, not 3"),
    ("reservation_reversed", [("reservation: [0.35, 0.45]", f"reservation: {MARK}[0.45, 0.35]")],
     "the range's low end is above its high end"),
    ("meter_start_reversed", [("start: [0.5, 0.7]", f"start: {MARK}[0.7, 0.5]")],
     "the range's low end is above its high end"),
    # the format's keys
    ("wrong_format_version", [("format: detente/1", f"format: {MARK}detente/2")], "unknown format 'detente/2'"),
    ("format_not_detente", [("format: detente/1", f"format: {MARK}1")], "unknown format 1"),
    ("missing_format", [("format: detente/1\n", ""), ("id: river-treaty", f"{MARK}id: river-treaty")],
     "missing 'format' key"),
    ("missing_required_key", [("title: The River Treaty\n", ""), ("format: detente/1", f"{MARK}format: detente/1")],
     "missing key 'title'"),
    ("missing_nested_key", [("deadline: {turns: 6, label: The summit closes}", f"{MARK}deadline: {{turns: 6}}")],
     "missing key 'label' in 'deadline'"),
    ("unknown_key", [("minutes: 10", f"{MARK}minuts: 10")], "unknown key 'minuts' (did you mean 'minutes'?)"),
    ("unknown_nested_key", [("    unity: unity\n", f"    {MARK}unty: unity\n")],
     "unknown key 'unty' (did you mean 'unity'?)"),
    ("unknown_move_kind", [("  reassure: {effects", f"  {MARK}reasure: {{effects")],
     "unknown key 'reasure' in 'moves' (did you mean 'reassure'?)"),
    ("empty_text", [("title: The River Treaty", f"title: {MARK}''")], "'title' is empty"),
    ("no_value", [("deadline: {turns: 6, label: The summit closes}", f"deadline:{MARK}")],
     "'deadline' has no value; it must be a mapping of keys"),
    ("bad_id", [("{id: half, label: Half}", f"{{id: {MARK}Half, label: Half}}")], "'id' is not a valid id: 'Half'"),
    ("too_few_options", [("options: [{id: absent, label: No fund}, {id: present, label: A fund}]",
                          f"options: {MARK}[{{id: absent, label: No fund}}]")], "'options' needs at least 2 items"),
    ("escape_writes_control_char", [("title: The River Treaty", f'title: {MARK}"The \\e[31mRiver"')],
     "contains the character U+001B"),
    ("escape_writes_lone_surrogate", [("minutes: 10", f'{MARK}"\\ud800": 10')], "contains the character U+D800"),
    # YAML syntax
    ("tab_indentation", [("    name: Upstream Republic", f"{MARK}\tname: Upstream Republic")],
     "a tab character where YAML needs spaces"),
    ("unquoted_colon", [("title: The River Treaty", f"title: The River{MARK}: Treaty")],
     "a ':' where YAML does not expect one"),
    ("unclosed_bracket", [("minutes: 10", "minutes: [10"), ("simulated:", f"simulated{MARK}:")],
     "inside the '[' opened at line 7, column 10"),
    # cross-references, reported where the unknown id is used
    ("unknown_meter_in_effect", [("reassure: {effects: {tension: -0.05}}",
                                  f"reassure: {{effects: {{{MARK}tensoin: -0.05}}}}")],
     "unknown meter 'tensoin' (did you mean 'tension'?)"),
    ("unknown_meter_in_choice", [("{id: blame, label: Blame upstream, effects: {tension: 0.1}}",
                                  f"{{id: blame, label: Blame upstream, effects: {{{MARK}anger: 0.1}}}}")],
     "unknown meter 'anger'"),
    ("unknown_option_in_red_line", [("forbid: [low]", f"forbid: [{MARK}lowest]")],
     "unknown option 'lowest' for issue 'dam' (did you mean 'low'?)"),
    ("unknown_issue_in_red_line", [("{issue: dam, forbid: [low]", f"{{issue: {MARK}dams, forbid: [low]")],
     "unknown issue 'dams' (did you mean 'dam'?)"),
    ("red_line_forbids_every_option", [("forbid: [low]", f"forbid: {MARK}[low, mid, high]")],
     "this red line forbids every option of the issue"),
    ("unknown_event_in_trigger", [('trigger: "event:drought"', f'trigger: "event:{MARK}drout"')],
     "unknown event 'drout' in trigger 'event:drout' (did you mean 'event:drought'?)"),
    ("unknown_trigger", [("trigger: threaten, speaker: Minister Cy", f"trigger: {MARK}threat, speaker: Minister Cy")],
     "unknown trigger 'threat'"),
    ("unknown_issue_in_demand", [("{issue: dam, wants: high", f"{{issue: {MARK}dams, wants: high")],
     "unknown issue 'dams'"),
    ("unknown_option_in_values", [("dam: {low: 0.0, mid: 0.6, high: 1.0}", f"dam: {{low: 0.0, {MARK}middle: 0.6, "
                                   "high: 1.0}")], "unknown option 'middle' for issue 'dam' (did you mean 'mid'?)"),
    ("unknown_issue_in_weights", [("weights: {flow: 0.3,", f"weights: {{{MARK}flo: 0.3,")],
     "unknown issue 'flo' (did you mean 'flow'?)"),
    ("unknown_actor_in_preferences", [("  farmers:\n    red_lines", f"  {MARK}farmer:\n    red_lines")],
     "unknown actor 'farmer' (did you mean 'farmers'?)"),
    ("unknown_chooser", [("chooser: downstream", f"chooser: {MARK}downstrem")],
     "unknown seat 'downstrem' (did you mean 'downstream'?)"),
    ("unknown_source", [("text: \"Upstream wants a high dam.\", source: src1",
                         f"text: \"Upstream wants a high dam.\", source: {MARK}src2")], "unknown source 'src2'"),
    ("unknown_default_difficulty", [("default_difficulty: normal", f"default_difficulty: {MARK}medium")],
     "unknown difficulty 'medium'"),
    ("two_mediators", [("    role: stakeholder\n", f"    role: {MARK}mediator\n"),
                       ("Upstream Republic\n    role: negotiator", "Upstream Republic\n    role: mediator")],
     "'farmers' is a second mediator"),
    ("one_negotiator", [("Downstream Kingdom\n    role: negotiator\n",
                         "Downstream Kingdom\n    role: stakeholder\n    backs: upstream\n"),
                        ("actors:\n  - id: upstream", f"actors:\n  {MARK}- id: upstream")],
     "a scenario needs at least two negotiators, found 1"),
    ("backs_an_unknown_seat", [("backs: downstream", f"backs: [upstream, {MARK}dowstream]")],
     "unknown seat 'dowstream' (did you mean 'downstream'?)"),
    ("tables_without_a_mediator", [("    chooser: downstream\n", f"    tables: {MARK}{{flow: full}}\n"
                                                                 "    chooser: downstream\n")],
     "tables a package, but there is no mediator"),
    ("negotiator_without_preferences",
     [_drop_downstream_preferences, ("  - id: downstream", f"  - id: {MARK}downstream")],
     "negotiator 'downstream' has no preferences"),
    ("meter_named_like_a_builtin", [("  trust: {label: Trust, start: 0.3}", "  trust: {label: Trust, start: 0.3}\n"
                                     f"  {MARK}turn: {{label: Turn, start: 0.1}}")],
     "a meter cannot be called 'turn'"),
    ("duplicate_option_id", [("{id: mid, label: Middle}", f"{{id: {MARK}low, label: Middle}}")],
     "option id 'low' is used twice"),
    # conditions
    ("condition_import", [('"trust >= 0.6"', f"\"{MARK}__import__('os')\"")], "name '__import__' is not allowed"),
    ("condition_dunder_attribute", [('"trust >= 0.6"', f'"trust.{MARK}__class__ > 0"')],
     "name 'trust.__class__' is not allowed"),
    ("condition_class_of_tuple", [('"trust >= 0.6"', f'"{MARK}().__class__"')], "empty parentheses"),
    ("condition_power_tower", [('"trust >= 0.6"', f'"9{MARK}**9**9**9"')], "'**' (power) is not supported"),
    ("condition_not_5000", [('softens_when: "trust >= 0.6"', f"softens_when: {MARK}{NOT_5000}")],
     "'softens_when' is too long: 20,005 characters, at most 1,000"),
    ("condition_not_40", [('"trust >= 0.6"', f'"{NOT_40}"')], "condition is nested too deeply"),
    ("condition_call", [('"trust >= 0.6"', f'"abs{MARK}(trust) > 0.6"')], "function calls are not supported"),
    ("condition_string", [('"trust >= 0.6"', f"\"trust == {MARK}'high'\"")], "strings are not supported"),
    ("condition_unknown_name", [('"trust >= 0.6"', f'"{MARK}trst >= 0.6"')],
     "bad condition in 'softens_when': unknown name 'trst' (did you mean 'trust'?)"),
    ("condition_unknown_event", [('"tension >= 0.9"', f'"tension >= 0.9 or {MARK}event.flod"')],
     "unknown name 'event.flod' (did you mean 'event.flood'?)"),
    ("condition_in_folded_block", [('when: "turn >= 3 and tension > 0.45"',
                                    f"when: >-\n      turn >= 3 and\n      {MARK}tensoin > 0.45")],
     "unknown name 'tensoin'"),
    ("condition_not_text", [('softens_when: "trust >= 0.6"', f"softens_when: {MARK}true")],
     "'softens_when' must be text, not true"),
    ("condition_end", [('"trust >= 0.6"', f'"trust >={MARK}"')], "expected an operand after '>='"),
]


@pytest.mark.parametrize(("edits", "phrase"), [pytest.param(e, p, id=i) for i, e, p in VARIANTS])
def test_bad_variant(tmp_path: Path, capsys: pytest.CaptureFixture[str], edits: list[Edit], phrase: str) -> None:
    text, where = make(*edits)
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    check_bad(capsys, path, where, phrase)


@pytest.mark.parametrize("name", ["condition_in_folded_block", "condition_unknown_name", "unknown_meter_in_effect"])
def test_windows_line_endings_keep_locations(tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str) -> None:
    edits, phrase = next((e, p) for i, e, p in VARIANTS if i == name)
    text, where = make(*edits)
    path = tmp_path / "crlf.yaml"
    path.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    check_bad(capsys, path, where, phrase)


def test_at_least_twenty_bad_cases() -> None:
    assert len(VARIANTS) + len(COMMITTED) >= 20


# --------------------------------------------------------------------------
# Committed byte-level files, and generated ones too big to commit
# --------------------------------------------------------------------------

COMMITTED = [
    ("empty.yaml", (1, 1), "the file is empty"),
    ("comments_only.yaml", (1, 1), "the file holds no scenario"),
    ("bom.yaml", (1, 1), "byte-order mark"),
    ("latin1.yaml", (2, 11), "byte 0xe9 is not valid UTF-8"),
    ("utf16.yaml", (1, 1), "UTF-16"),
    ("binary.png", (3, 1), "binary file"),
    ("several_documents.yaml", (3, 1), "several YAML documents"),
    ("top_level_list.yaml", (1, 1), "the top level is a list"),
    ("alias_bomb.yaml", (1, 4), "anchors (&a) are not allowed"),
    ("control_char.yaml", (2, 12), "control character U+0007"),
]


@pytest.mark.parametrize(("name", "where", "phrase"), COMMITTED)
def test_bad_committed_file(capsys: pytest.CaptureFixture[str], name: str, where: tuple[int, int],
                            phrase: str) -> None:
    check_bad(capsys, BAD / name, where, phrase)


def test_two_megabyte_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "huge.yaml"
    path.write_text(RIVER + ("# padding " + "x" * 90 + "\n") * 21_000, encoding="utf-8")
    assert path.stat().st_size > 2_000_000
    check_bad(capsys, path, (1, 1), "the limit is 1,048,576 (1 MiB)")


def test_load_scenario_reads_no_more_than_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    path.write_bytes(b"# " + b"x" * 2_500_000 + b"\n")
    with pytest.raises(ScenarioError) as info:
        load_scenario(path)
    assert [(p.line, p.col) for p in info.value.problems] == [(1, 1)]
    assert "the file is 2,500,003 bytes; the limit is 1,048,576 (1 MiB)" in str(info.value)


def test_too_many_values(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "many.yaml"
    path.write_text("format: detente/1\nnumbers: [" + "1, " * 60_000 + "1]\n", encoding="utf-8")
    # 7 events come before the first item (stream, document, mapping, two keys, a value, the list);
    # the 50,001st event is item 49,994, and each item takes 3 columns after "numbers: [".
    output = check_bad(capsys, path, (2, 11 + 3 * (50_001 - 7 - 1)), "more than 50,000 YAML values")
    assert output.count("\n") == 1


def test_top_level_scalar(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "scalar.yaml"
    path.write_text("# notes\nJust some text about a river.\n", encoding="utf-8")
    check_bad(capsys, path, (2, 1), "the top level is a single value")


def test_several_documents_after_river(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text, where = make(lambda t: t + MARK + "---\nformat: detente/1\n")
    path = tmp_path / "two.yaml"
    path.write_text(text, encoding="utf-8")
    check_bad(capsys, path, where, "several YAML documents")


def test_trailing_separator_is_fine(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "ok.yaml"
    path.write_text("---\n" + RIVER + "...\n---\n# the end\n", encoding="utf-8")
    code, output = validate(capsys, path)
    assert code == 0, output


def test_duplicate_key_reported_at_both_lines(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text, first = make(("    backs: downstream\n", f"    {MARK}backs: downstream\n    backs: upstream\n"))
    path = tmp_path / "dup.yaml"
    path.write_text(text, encoding="utf-8")
    output = check_bad(capsys, path, first, f"duplicate key 'backs': defined again at line {first[0] + 1}")
    assert_reported(output, path, (first[0] + 1, first[1]), f"duplicate key 'backs': first defined at line {first[0]}")


def test_unreadable_paths(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, output = validate(capsys, tmp_path / "missing.yaml", tmp_path)
    assert code == 2
    assert "Traceback" not in output
    assert f"{tmp_path / 'missing.yaml'}:1:1: no such file" in output
    assert f"{tmp_path}:1:1: this is a folder, not a scenario file" in output


# --------------------------------------------------------------------------
# Several problems in one run
# --------------------------------------------------------------------------


def test_reports_every_problem_at_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edits = [
        ("minutes: 10", f"{MARK}minuts: 10"),                                    # unknown key
        ("must_ratify: true", "must_ratify: yes"),                               # YAML 1.1 boolean
        ("    backs: downstream\n", "    backs: downstream\n    backs: upstream\n"),  # duplicate key
        ("start: 0.3}", "start: 1.3}"),                                          # out of range (required)
        ("title: The River Treaty", "title: 2020-01-01"),                        # date (required text)
        ("forbid: [low]", "forbid: [lowest]"),                                   # unknown option
        ("reassure: {effects: {tension: -0.05}}", "reassure: {effects: {tensoin: -0.05}}"),  # unknown meter
        ('"trust >= 0.6"', '"trust >= 0.6 and turn() > 1"'),                     # bad condition
    ]
    text, where = make(*edits)
    path = tmp_path / "many.yaml"
    path.write_text(text, encoding="utf-8")
    output = check_bad(capsys, path, where, "unknown key 'minuts'")
    for phrase in ("'yes' means true", "duplicate key 'backs': defined again", "duplicate key 'backs': first",
                   "'start' is out of range", "'2020-01-01' is a date", "unknown option 'lowest'",
                   "unknown meter 'tensoin'", "function calls are not supported"):
        assert phrase in output, f"{phrase!r} missing from:\n{output}"
    rows = output.splitlines()
    assert len(rows) == 9, output
    assert rows == sorted(rows, key=lambda row: tuple(int(n) for n in row.split(":")[1:3]))


def test_several_files_in_one_run(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad, _ = make(("minutes: 10", f"{MARK}minuts: 10"))
    path = tmp_path / "bad.yaml"
    path.write_text(bad, encoding="utf-8")
    code, output = validate(capsys, RIVER_FILE, path, BAD / "bom.yaml")
    assert code == 2
    assert f"{RIVER_FILE}: ok:" in output
    assert f"{path}:7:1: unknown key 'minuts'" in output
    assert f"{BAD / 'bom.yaml'}:1:1: the file starts with a byte-order mark" in output


def test_warnings_alone_exit_0_unless_strict(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text, where = make(("weights: {flow: 0.3,", f"weights: {MARK}{{flow: 0.4,"))
    path = tmp_path / "warn.yaml"
    path.write_text(text, encoding="utf-8")
    code, output = validate(capsys, path)
    assert code == 0, output
    assert_reported(output, path, where, "warning: the weights add up to 1.1, not 1")
    assert main(["validate", "--strict", str(path)]) == 2


# --------------------------------------------------------------------------
# The real command, in a process of its own
# --------------------------------------------------------------------------


def test_command_line_process(tmp_path: Path) -> None:
    text, _ = make(('"trust >= 0.6"', f"\"{MARK}__import__('os').system('echo pwned')\""))
    path = tmp_path / "evil.yaml"
    path.write_text(text, encoding="utf-8")
    root = Path(__file__).resolve().parents[2]
    for target, expected in ((RIVER_FILE, 0), (path, 2), (BAD / "binary.png", 2), (BAD / "alias_bomb.yaml", 2)):
        done = subprocess.run([sys.executable, "-m", "game", "validate", str(target)], cwd=root,
                              capture_output=True, text=True, timeout=120)
        assert done.returncode == expected, done.stdout + done.stderr
        assert "Traceback" not in done.stdout + done.stderr
        assert "pwned" not in done.stdout.replace(str(target), "").replace("'echo pwned'", "")


# --------------------------------------------------------------------------
# Fuzzing: nothing but ScenarioError, whatever the bytes
# --------------------------------------------------------------------------


def _load_or_error(raw: bytes) -> None:
    try:
        load_scenario_bytes(raw, "fuzz.yaml")
    except ScenarioError as exc:
        assert exc.problems, "a ScenarioError lists its problems"
        text = raw.decode("utf-8", errors="replace")
        lines = sum(text.count(brk) for brk in ("\n", "\r", "\x85", "\u2028", "\u2029")) + 2  # YAML's breaks
        for problem in exc.problems:
            assert isinstance(problem, Problem)
            assert 1 <= problem.line <= lines and problem.col >= 1, problem
            assert problem.message and "internal error" not in problem.message, problem
        exc.render().encode("utf-8")  # printable: no lone surrogates
    _, problems = inspect_scenario_bytes(raw, "fuzz.yaml")
    for problem in problems:
        assert "internal error" not in problem.message, problem


FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(st.binary(max_size=3000))
def test_fuzz_random_bytes(raw: bytes) -> None:
    _load_or_error(raw)


@FUZZ
@given(st.text(alphabet=st.sampled_from(list("ab:- \n\t[]{},'\"&*!|>#%@`?~0123456789.e+_\\xu")), max_size=400))
def test_fuzz_yamlish_text(text: str) -> None:
    _load_or_error(text.encode("utf-8"))


TOKENS = ["&a ", "*a", "!!python/object:os.system ", "!!python/object/apply:os.system ['ls'] ", "!!str ",
          "<<: ", "- ", ": ", "[", "]", "{", "}", '"', "'", "\t", "# ", "NO", "yes", "010", "0x1F", "1:20",
          ".nan", "-.inf", "1e3", "9" * 50, "2022-02-24", "---\n", "...\n", "\x00", "\x07", "\\ud800", "\\e",
          "é", "\ufeff", "?", "|", ">", "%YAML 1.1\n", "\r", "__import__('os')", "().__class__", "9**9**9",
          "not not ", "event:", " and ", "offer.flow.none", "null", "~", "", "\n  "]


@st.composite
def river_mutants(draw: st.DrawFn) -> bytes:
    lines = RIVER.split("\n")
    for _ in range(draw(st.integers(1, 4))):
        op = draw(st.sampled_from(["delete", "duplicate", "swap", "insert", "indent", "replace_word"]))
        i = draw(st.integers(0, len(lines) - 1))
        if op == "delete" and len(lines) > 1:
            del lines[i]
        elif op == "duplicate":
            lines.insert(i, lines[i])
        elif op == "swap" and len(lines[i]) > 1:
            j = draw(st.integers(0, len(lines[i]) - 2))
            line = lines[i]
            lines[i] = line[:j] + line[j + 1] + line[j] + line[j + 2:]
        elif op == "insert":
            j = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:j] + draw(st.sampled_from(TOKENS)) + lines[i][j:]
        elif op == "indent":
            lines[i] = draw(st.sampled_from([" ", "  ", "\t", ""])) + lines[i].lstrip(" ")
        elif op == "replace_word":
            words = re.findall(r"[A-Za-z_][A-Za-z0-9_]*|[0-9.]+", lines[i])
            if words:
                word = draw(st.sampled_from(words))
                lines[i] = lines[i].replace(word, draw(st.sampled_from(TOKENS + words + ["x", "0", "-1", "2"])), 1)
    return "\n".join(lines).encode("utf-8", errors="surrogatepass")


@FUZZ
@given(river_mutants())
def test_fuzz_river_mutations(raw: bytes) -> None:
    _load_or_error(raw)


JUNK = st.one_of(st.none(), st.booleans(), st.integers(), st.integers(min_value=10**20),
                 st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=30),
                 st.sampled_from(["upstream", "flow", "dam", "tension", "src1", "drought", "x", "", "turn >= 2",
                                  "not", "event:flood", "negotiator", "stakeholder", "boulware"]),
                 st.lists(st.integers(0, 3), max_size=3), st.dictionaries(st.sampled_from(["id", "x", "label"]),
                                                                           st.integers(0, 2), max_size=2))


RIVER_DATA = yaml.safe_load(RIVER)


@st.composite
def river_data_mutants(draw: st.DrawFn) -> bytes:
    data = copy.deepcopy(RIVER_DATA)
    for _ in range(draw(st.integers(1, 3))):
        node, parent, key = data, None, None
        for _ in range(draw(st.integers(1, 6))):
            if isinstance(node, dict) and node:
                parent, key = node, draw(st.sampled_from(sorted(node)))
            elif isinstance(node, list) and node:
                parent, key = node, draw(st.integers(0, len(node) - 1))
            else:
                break
            node = parent[key]
        if parent is None:
            continue
        action = draw(st.sampled_from(["replace", "delete", "rename"]))
        if action == "delete":
            del parent[key]
        elif action == "rename" and isinstance(parent, dict):
            parent[draw(st.sampled_from(["x", "id", "on", "trigger", "firm", key + "s"]))] = parent.pop(key)
        else:
            parent[key] = draw(JUNK)
    return yaml.safe_dump(data, allow_unicode=True).encode("utf-8", errors="surrogatepass")


@FUZZ
@given(river_data_mutants())
def test_fuzz_river_data(raw: bytes) -> None:
    _load_or_error(raw)
