"""`detente cards`: role cards and an instructor sheet; every text from the scenario is escaped."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from game.cli import main
from game.scenario import load_scenario_bytes
from game.tools.cards import write_cards

DATA = Path(__file__).resolve().parents[1] / "data"
RIVER = DATA / "river.yaml"
SCRIPT = "<script>alert(1)</script>"


def hostile_river() -> str:
    text = RIVER.read_text(encoding="utf-8")
    for old, new in (("title: The River Treaty", f"title: '{SCRIPT}'"),
                     ("name: Upstream Republic", "name: '<img src=x onerror=alert(2)>'"),
                     ("briefing: You want your dam built high.",
                      "briefing: '**bold** [click](javascript:alert(3)) </section><h1>fake</h1>'"),
                     ("{id: half, label: Half}", "{id: half, label: 'Half | <b>split</b>'}"),
                     ("summary: Nothing happened; this river is invented.", "summary: '\"><script>alert(4)</script>'")):
        assert text.count(old) == 1
        text = text.replace(old, new)
    return text


def test_the_cards_escape_hostile_text(tmp_path: Path) -> None:
    scenario = load_scenario_bytes(hostile_river().encode(), "hostile.yaml")
    write_cards(scenario, tmp_path)
    for name in ("cards.html", "instructor.html"):
        page = (tmp_path / name).read_text(encoding="utf-8")
        assert "<script" not in page.lower() and "<img src=x" not in page and "<b>" not in page
        assert "<h1>fake</h1>" not in page
        assert re.findall(r"<(\w+)", page) and set(re.findall(r"<(\w+)", page)) <= {
            "html", "head", "meta", "title", "style", "body", "section", "h1", "h2", "h3", "p", "ul", "li",
            "table", "thead", "tbody", "tr", "th", "td", "img"}
    cards = (tmp_path / "cards.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in cards  # the title appears, as text
    assert "&lt;img src=x onerror=alert(2)&gt;" in cards
    assert (tmp_path / "instructor.html").read_text(encoding="utf-8").count('<img src="frontier.svg"') == 1
    for name in ("card-upstream.md", "card-downstream.md", "instructor.md"):
        page = (tmp_path / name).read_text(encoding="utf-8")
        assert "<script" not in page.lower() and "<img" not in page and "<b>" not in page
        assert not re.search(r"(?<!\\)\]\(javascript:", page)  # no live link
    card = (tmp_path / "card-upstream.md").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in card and r"\*\*bold\*\* \[click\]" in card
    assert r"Half \| &lt;b&gt;split&lt;/b&gt;" in card  # a pipe cannot break a table


def test_each_side_gets_a_card_with_its_own_secrets_only(tmp_path: Path) -> None:
    scenario = load_scenario_bytes(RIVER.read_bytes(), "river.yaml")
    write_cards(scenario, tmp_path)
    up = (tmp_path / "card-upstream.md").read_text(encoding="utf-8")
    down = (tmp_path / "card-downstream.md").read_text(encoding="utf-8")
    assert "Confidential: for Upstream Republic only" in up and "Confidential: for Downstream Kingdom" not in up
    assert "between 0.35 and 0.45" in up and "between 0.35 and 0.45" not in down  # reservations stay private
    assert "Dam height: never Low. Firm" in up
    assert ("Summer flow: never None. Firm in 50% of games, otherwise a bluff you may drop (it gives way when "
            "Trust is at least 0.6)") in down
    html = (tmp_path / "cards.html").read_text(encoding="utf-8")
    assert html.count('<section class="card">') == 2 and "page-break-after: always" in html


def test_the_instructor_sheet_has_the_zone_the_frontier_the_bluffs_and_history(tmp_path: Path) -> None:
    scenario = load_scenario_bytes(RIVER.read_bytes(), "river.yaml")
    write_cards(scenario, tmp_path)
    sheet = (tmp_path / "instructor.md").read_text(encoding="utf-8")
    for part in ("## Hidden preferences", "## The zone of agreement", "## The Pareto frontier and the Nash point",
                 "### The bluffs", "## Discussion questions", "## What really happened", "Nash bargaining point"):
        assert part in sheet
    assert "Downstream Kingdom: Summer flow: never None (firm in 50% of games" in sheet
    assert "Nothing happened; this river is invented." in sheet
    chart = (tmp_path / "frontier.svg").read_text(encoding="utf-8")
    assert chart.startswith("<svg") and "Value to Upstream Republic" in chart and "Value to Downstream" in chart
    for mark in ("Nash point", "Pareto frontier", "reservation", "zone of agreement"):
        assert mark in chart  # in the legend, by name


def test_the_command_writes_the_cards_of_a_shipped_scenario(tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["cards", "geneva-2022", "--out", str(tmp_path / "cards")]) == 0
    assert "cards.html" in capsys.readouterr().out
    names = sorted(p.name for p in (tmp_path / "cards").iterdir() if p.name != ".detente-cards")
    assert names == ["card-russia.md", "card-us.md", "cards.html", "frontier.svg", "instructor.html",
                     "instructor.md"]
    (tmp_path / "file").write_text("x", encoding="utf-8")
    assert main(["cards", "geneva-2022", "--out", str(tmp_path / "file")]) == 2


def test_a_three_party_scenario_with_a_mediator_gets_a_card_per_seat_and_a_chart_per_pair(tmp_path: Path) -> None:
    scenario = load_scenario_bytes((DATA / "harbour3.yaml").read_bytes(), "harbour3.yaml")
    write_cards(scenario, tmp_path)
    assert sorted(p.name for p in tmp_path.glob("card-*.md")) == ["card-east.md", "card-envoy.md", "card-north.md",
                                                                  "card-south.md"]
    envoy = (tmp_path / "card-envoy.md").read_text(encoding="utf-8")
    assert "You are the mediator" in envoy and "walk-away point" not in envoy
    north = (tmp_path / "card-north.md").read_text(encoding="utf-8")
    assert "## The mediator: The Regional Envoy" in north and "## The other side: Eastwick" in north
    assert "between 0.35 and 0.45" in north and "between 0.3 and 0.4" not in north  # Eastwick's range stays hidden
    sheet = (tmp_path / "instructor.md").read_text(encoding="utf-8")
    for a, b in (("north", "south"), ("north", "east"), ("south", "east")):
        assert f"frontier-{a}-{b}.svg" in sheet and (tmp_path / f"frontier-{a}-{b}.svg").exists()
    assert "single negotiating text" in sheet


SUMMIT = DATA / "summit-authoring.yaml"
AUTHOR_BLOCK = re.compile(r"^(?:\d+[.)]\s|-{3,}\s*$|[-+] (?:\d+[.)]|[-+#>]|-{3,})(?:\s|$)|#{1,6} #)")


def summit_pages() -> dict[str, str]:
    from game.tools.cards import instructor_sheet, role_card, to_markdown

    scenario = load_scenario_bytes(SUMMIT.read_bytes(), "summit.yaml")
    pages = {f"card-{seat}.md": to_markdown(role_card(scenario, seat)) for seat in scenario.seats}
    pages["instructor.md"] = to_markdown(instructor_sheet(scenario)[0])
    return pages


def test_markdown_escapes_block_syntax_in_author_text() -> None:
    from game.tools.cards import mdb

    for text, escaped in (("1. x", r"1\. x"), ("12) y", r"12\) y"), ("---", r"\---"), ("# x", r"\# x"),
                          ("- x", r"\- x"), ("+ x", r"\+ x"), ("> x", "&gt; x"), ("| a | b |", r"\| a \| b \|"),
                          ("=== x", r"\=== x"), ("1.5 is fine", "1.5 is fine"), ("-5 degrees", "-5 degrees")):
        assert mdb(text) == escaped, text
    pages = summit_pages()
    card = pages["card-east.md"]
    assert "\n1\\. Two leaders meet" in card and "\n\\- You want the hills back." in card
    assert "\n\\---\n" in card  # the simulated note: text, not a rule
    assert "- \\# Invented for the tests" in card and "- &gt; A second invented source" in card
    for name, page in pages.items():
        # every line that starts a block is one the writer made: a heading, a list item, a table row, a quote
        for line in page.splitlines():
            assert not AUTHOR_BLOCK.match(line), f"{name}: {line!r}"
    assert "| Eastland | A framework at the lake | \\| Eastland got the hills \\| and more \\| |" in pages[
        "instructor.md"]


def test_the_cards_carry_the_simulated_note_sources_conditions_in_words_and_the_stakeholders_terms() -> None:
    pages = summit_pages()
    east = pages["card-east.md"]
    assert "### What is simulated" in east and "### Sources" in east and "(https://example.org/summit)" in east
    assert "it gives way when Pressure from the host is above 0.6" in east and "pressure &gt;" not in east
    assert ("The neighbouring states: need not ratify: if they reject a deal, the deal stands, but your score "
            "loses 0.25") in east
    assert "between 0.40 and 0.50 to you" in east and "Each game draws one value in this range" in east
    assert "- Round 3: Day 3: Saturday" in east
    west = pages["card-west.md"]
    assert "Westland's parliament: must ratify any deal: if it rejects it, the deal fails" in west
    sheet = pages["instructor.md"]
    for page in pages.values():
        assert " &gt; 0." not in page and "&gt;=" not in page  # no condition printed as an expression
    assert "Eastland walks out when Tension is at least 0.45 and Pressure from the host is at least 0.5" in sheet
    assert "Normal: linear; walks out when Tension is at least 0.5" in sheet
    assert "| the round is at least 2 | Pressure from the host +0.10 | (none: the meters change silently) |" in sheet
    assert "- Why did the host press both sides at once?" in sheet and "### For Eastland" in sheet
    assert "Was the hills line a bluff worth testing?" in sheet and "More questions, from the game's analysis" in sheet
