"""`detente cards FILE --out DIR`: printable role cards and the instructor sheet, as HTML and Markdown.

Each playable side gets a card: the public briefing, then its confidential instructions
(priorities, reservation, red lines). The instructor sheet shows both sides' hidden
preferences, the zone of agreement, the Pareto frontier chart and the Nash point, which
red lines are bluffs, discussion questions and the historical outcome.

Documents are built as a list of blocks and rendered by one HTML and one Markdown writer,
which escape every text: scenario files are untrusted, so a title of
``<script>alert(1)</script>`` prints as text.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from game.analysis.card import RoleCard
from game.analysis.card import role_card as make_role_card
from game.analysis.landscape import landscape
from game.analysis.payoff import STAKEHOLDER_PENALTY, zone_mask
from game.analysis.wording import condition_words
from game.engine.view import own_side
from game.files import write_folder
from game.scenario.model import RedLineRule, Scenario
from game.tools.charts import frontier_chart
from game.tools.text import esc, md, mdb

CHART = "frontier.svg"


# ------------------------------------------------------------------------------------------------
# Documents as blocks
# ------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Block:
    kind: str  # h1, h2, h3, p, note, list, table, image
    text: str = ""
    items: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()  # a table's first row is its header


def h1(text: str) -> Block:
    return Block("h1", text)


def h2(text: str) -> Block:
    return Block("h2", text)


def h3(text: str) -> Block:
    return Block("h3", text)


def p(text: str) -> Block:
    return Block("p", text)


def note(text: str) -> Block:
    return Block("note", text)


def bullets(items: list[str]) -> Block:
    return Block("list", items=tuple(items))


def table(header: list[str], rows: list[list[str]]) -> Block:
    return Block("table", rows=(tuple(header), *(tuple(r) for r in rows)))


def image(src: str, alt: str) -> Block:
    return Block("image", src, items=(alt,))


# what starts a Markdown block at the start of a line: a heading, a list item, a thematic break, a quote, a
# setext underline, a fenced block (backticks and tildes are escaped inline by `md`)
def to_markdown(blocks: list[Block]) -> str:
    out: list[str] = []
    for b in blocks:
        if b.kind in ("h1", "h2", "h3"):
            out.append("#" * int(b.kind[1]) + " " + mdb(b.text))
        elif b.kind == "p":
            out.append(mdb(b.text))
        elif b.kind == "note":
            out.append("> " + mdb(b.text))
        elif b.kind == "list":
            out.append("\n".join(f"- {mdb(item)}" for item in b.items))
        elif b.kind == "table":
            header, *rows = b.rows
            out.append("\n".join(["| " + " | ".join(mdb(c) for c in header) + " |",
                                  "|" + "---|" * len(header),
                                  *("| " + " | ".join(mdb(c) for c in row) + " |" for row in rows)]))
        elif b.kind == "image":
            out.append(f"![{md(b.items[0])}]({b.text})")
    return "\n\n".join(out) + "\n"


def to_html_body(blocks: list[Block]) -> str:
    out: list[str] = []
    for b in blocks:
        if b.kind in ("h1", "h2", "h3"):
            out.append(f"<{b.kind}>{esc(b.text)}</{b.kind}>")
        elif b.kind == "p":
            out.append(f"<p>{esc(b.text)}</p>")
        elif b.kind == "note":
            out.append(f'<p class="note">{esc(b.text)}</p>')
        elif b.kind == "list":
            out.append("<ul>" + "".join(f"<li>{esc(item)}</li>" for item in b.items) + "</ul>")
        elif b.kind == "table":
            header, *rows = b.rows
            out.append("<table><thead><tr>" + "".join(f"<th>{esc(c)}</th>" for c in header) + "</tr></thead><tbody>"
                       + "".join("<tr>" + "".join(f"<td>{esc(c)}</td>" for c in row) + "</tr>" for row in rows)
                       + "</tbody></table>")
        elif b.kind == "image":
            out.append(f'<img src="{esc(b.text)}" alt="{esc(b.items[0])}">')
    return "\n".join(out)


STYLE = """
body { font-family: Georgia, 'Times New Roman', serif; font-size: 11pt; line-height: 1.4; margin: 0; color: #111; }
.card { padding: 1.5cm 1.8cm; page-break-after: always; break-after: page; }
.card:last-child { page-break-after: auto; break-after: auto; }
h1 { font-size: 18pt; margin: 0 0 0.3em; } h2 { font-size: 13pt; margin: 1.1em 0 0.3em;
  border-bottom: 1px solid #999; } h3 { font-size: 11pt; margin: 0.9em 0 0.2em; }
table { border-collapse: collapse; margin: 0.4em 0; } th, td { border: 1px solid #aaa; padding: 2px 6px;
  text-align: left; vertical-align: top; } th { background: #eee; }
.note { border-left: 4px solid #b00; padding-left: 0.6em; font-style: italic; }
img { max-width: 11cm; border: 1px solid #ccc; }
@page { size: A4; margin: 0; }
"""


def to_html(title: str, cards: list[list[Block]]) -> str:
    body = "\n".join(f'<section class="card">\n{to_html_body(blocks)}\n</section>' for blocks in cards)
    return (f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>{esc(title)}</title>\n'
            f"<style>{STYLE}</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n")


# ------------------------------------------------------------------------------------------------
# What goes on the cards
# ------------------------------------------------------------------------------------------------

def _option_label(sc: Scenario, issue: int, option: int) -> str:
    return sc.spec.issues[issue].options[option].label


def package_text(sc: Scenario, package: tuple[int, ...]) -> str:
    return "; ".join(f"{sc.spec.issues[i].title}: {_option_label(sc, i, x)}" for i, x in enumerate(package))


def _value(value: float | list[float]) -> str:
    """An option's value, or its range when each game draws it."""
    return f"{value[0]:.2f}–{value[1]:.2f}" if isinstance(value, list) else f"{value:.2f}"


def _reservation(sc: Scenario, actor: str) -> str:
    res = sc.valuations[actor].reservation
    if res is None:
        return "none"
    return f"{res[0]:.2f}" if res[0] == res[1] else f"between {res[0]:.2f} and {res[1]:.2f} (drawn for each game)"


def firmness(sc: Scenario, line: RedLineRule) -> str:
    if line.firm_chance >= 1.0:
        return "firm"
    base = "a bluff" if line.firm_chance <= 0.0 else f"firm in {line.firm_chance:.0%} of games, otherwise a bluff"
    return base + (f" that gives way when {condition_words(line.softens_when, sc.public)}" if line.softens_when
                   else " that never gives way")


def _red_line_text(sc: Scenario, line: RedLineRule) -> str:
    issue = sc.spec.issues[line.issue]
    forbid = ", ".join(_option_label(sc, line.issue, x) for x in sorted(line.forbid))
    return f"{issue.title}: never {forbid}"


def card_blocks(card: RoleCard, issues: list[tuple[str, str]]) -> list[Block]:
    """The printed rendering of a seat's role card (the terminal and the window render the same card).
    `issues`: every issue's title and its options' labels, for the table of what is negotiated."""
    blocks = [h1(f"{card.title}: {card.side}"), p(f"Role card for {card.you}"
                                                  + (f", answering to {card.principal}" if card.principal else "")
                                                  + (f". {card.setting}." if card.setting else "."))]
    blocks += [h2("The situation"), p(card.summary)]
    if card.briefing:
        blocks += [h2("Your role"), p(card.briefing)]
    if card.role == "mediator":
        blocks.append(p("You are the mediator: you table texts, press the sides and can be consulted; a deal needs "
                        "only the negotiators' acceptance, not yours."))
    blocks += [h2("What is on the table"), table(["Issue", "Options"], [list(row) for row in issues])]
    for other in card.others:
        heading = ("The mediator: " if other.role == "mediator" else
                   "A side at the table: " if card.role == "mediator" else "The other side: ")
        blocks.append(h2(heading + other.name))
        principal = f", for {other.principal}." if other.principal else "."
        blocks.append(p(f"At the table: {other.speaker}{principal}"))
        if other.public_position:
            blocks.append(p(other.public_position))
        if other.demands:
            blocks += [h3("What they ask for in public"), bullets(list(other.demands))]
        if other.stated_lines:
            blocks += [h3("Their stated red lines"), bullets(list(other.stated_lines))]
    yours = [s for s in card.stakeholders if s.yours]
    if yours:
        items = []
        for s in yours:
            needs = [s.verdict, *(["expects to be consulted before you agree"] if s.requires_consultation else [])]
            items.append(s.name + (f" ({s.leader})" if s.leader else "") + f": {'; '.join(needs)}"
                         + (f". {s.public_position}" if s.public_position else ""))
        blocks += [h2("Who backs you"), bullets(items)]
    if card.meters:
        blocks += [h2("What to watch"), bullets([label + (f": {text}" if text else "") for label, text in card.meters])]
    blocks += [p(f"Time: {card.deadline} rounds ({card.deadline_label}). {card.order}")]
    if card.turn_labels:
        blocks.append(bullets([f"Round {n}: {label}" for n, label in enumerate(card.turn_labels, 1)]))
    blocks += [h3("What is simulated"), p(card.simulated)]
    if card.sources:
        blocks += [h3("Sources"), bullets(list(card.sources))]
    blocks += [h2(f"Confidential: for {card.side} only"), note("Do not show this part to the other sides.")]
    rows = [[x.issue, f"{x.weight:.2f}", ", ".join(f"{label} {value:.2f}" for label, value in x.options)]
            for x in card.priorities]
    blocks += [h3("Your priorities"),
               p("How much each issue matters to you, and what each option is worth (0 = worst, 1 = best). "
                 "A deal's value is the weighted sum." + (f" {card.priorities_note}" if card.priorities_note else "")),
               table(["Issue", "Weight", "Options: value"], rows)]
    if card.role == "negotiator":
        blocks += [h3("Your walk-away point"),
                   p(f"No deal is worth {card.reservation_text} to you: a deal worth less is worse than none. "
                     + (f"{card.reservation_note} " if card.reservation_note else "")
                     + f"The best possible deal is worth {card.best:.2f}.")]
    if card.red_lines:
        blocks += [h3("Your red lines"),
                   bullets([f"{x.text}. {x.firmness[:1].upper()}{x.firmness[1:]}."
                            + (f" In public: {x.stated}" if x.stated else "")
                            for x in card.red_lines])]
    if card.own_demands:
        blocks += [h3("Your public positions"), bullets(list(card.own_demands))]
    return blocks


def role_card(sc: Scenario, actor_id: str) -> list[Block]:
    """A seat's printed card before any game: its reservation as the scenario's range, its bluffs as chances."""
    issues = [(i.title, "; ".join(o.label for o in i.options)) for i in sc.spec.issues]
    return card_blocks(make_role_card(sc.public, own_side(sc, actor_id)), issues)


@dataclass(frozen=True)
class Zone:
    size: int | None  # packages in the zone (None: too many to count)
    total: int
    best: list[tuple[tuple[int, ...], tuple[float, ...]]]  # a few packages in the zone, best Nash product first


def zone_of_agreement(sc: Scenario, masks: list[np.ndarray], lows: dict[str, float]) -> Zone:
    inside = zone_mask(sc, lows, masks)
    if inside is None:
        return Zone(None, sc.package_count, [])
    space = sc.outcome_space()
    utilities = np.column_stack([sc.utilities(a, space) for a in sc.negotiators])
    rows = np.flatnonzero(inside)
    product = np.prod(utilities[rows] - np.array([lows[a] for a in sc.negotiators]), axis=1)
    top = rows[np.argsort(-product, kind="stable")[:5]]
    return Zone(int(inside.sum()), sc.package_count,
                [(tuple(int(x) for x in space[k]), tuple(float(u) for u in utilities[k])) for k in top])


def chart_name(sc: Scenario, a: str, b: str) -> str:
    return CHART if len(sc.negotiators) == 2 else f"frontier-{a}-{b}.svg"


def instructor_sheet(sc: Scenario) -> tuple[list[Block], dict[str, str]]:
    spec = sc.spec
    sides = sc.negotiators
    judged = [x for x in (*sc.seats, *sc.stakeholders) if x in sc.valuations and any(sc.valuations[x].weights)]
    names = {x: sc.actors[x].name for x in sc.actors}
    blocks = [h1(f"{spec.title}: instructor sheet"), note("For the instructor only: every side's hidden preferences."),
              p(spec.summary), p(f"What is simulated: {spec.simulated}")]
    blocks += [h2("Hidden preferences")]
    header = ["Issue", *(f"{names[x]}: weight" for x in judged), *(f"{names[x]}: option values" for x in judged)]
    rows = []
    for i, issue in enumerate(spec.issues):
        cells = [issue.title]
        for x in judged:
            raw = (spec.preferences[x].weights or {}).get(issue.id)
            drawn = f" (drawn from {raw[0]:g}–{raw[1]:g} of the raw weights)" if isinstance(raw, list) else ""
            cells.append(f"{sc.valuations[x].weights[i]:.2f}{drawn}")
        for x in judged:
            values = (spec.preferences[x].values or {}).get(issue.id, {})
            cells.append(", ".join(f"{o.label} {_value(values.get(o.id, 0.0))}" for o in issue.options))
        rows.append(cells)
    blocks += [table(header, rows),
               bullets([f"{names[x]}: reservation {_reservation(sc, x)}; best case {sc.valuations[x].best:.2f}"
                        for x in sides])]
    lines = [(x, line) for x in sc.valuations for line in sc.valuations[x].red_lines]
    if lines:
        blocks += [h2("Red lines: which are real"),
                   table(["Whose", "Red line", "Really", "Said in public"],
                         [[names[x], _red_line_text(sc, line), firmness(sc, line), line.stated or "(not stated)"]
                          for x, line in lines])]
        bluffs = [f"{names[x]}: {_red_line_text(sc, line)} ({firmness(sc, line)})" for x, line in lines
                  if line.firm_chance < 1.0]
        blocks += [h3("The bluffs"), bullets(bluffs) if bluffs else p("None: every red line is firm.")]
    land = landscape(sc)
    lows, nash = land.lows, land.nash
    zone = zone_of_agreement(sc, land.masks, lows)
    at_lowest = ", ".join(f"{names[x]} {lows[x]:.2f}" for x in sides)
    blocks += [h2("The zone of agreement"),
               p(f"With every reservation at its lowest ({at_lowest}) and the firm red lines respected, " + (
                   f"{zone.size} of the {zone.total} possible packages leave every side better off than no deal."
                   if zone.size is not None else f"the {zone.total:,} packages are too many to count.")
                 + (" The zone is empty: no deal can be better than none for all." if zone.size == 0 else ""))]
    if zone.best:
        blocks.append(table(["Package", *(f"Value to {names[x]}" for x in sides)],
                            [[package_text(sc, pk), *(f"{u:.2f}" for u in us)] for pk, us in zone.best]))
    charts: dict[str, str] = {}
    blocks.append(h2("The Pareto frontier and the Nash point"))
    for a, b in land.pairs():
        name = chart_name(sc, a, b)
        charts[name] = frontier_chart(land, (a, b))
        others = [names[x] for x in sides if x not in (a, b)]
        among = f" among those {' and '.join(others)} accept" if others else ""
        blocks += [image(name, f"Pareto frontier chart: {names[a]} and {names[b]}"),
                   p(f"Each package of the talks is a dot, placed by its value to {names[a]} (across) and to "
                     f"{names[b]} (up). The Pareto frontier is the line no package is better than for both{among}; "
                     "the dashed lines are the two reservations, the shaded area between them and the frontier "
                     "is the zone of agreement, and the star is the Nash point. The legend under the chart names "
                     "every mark.")]
    if nash is not None:
        worth = ", ".join(f"{u:.2f} to {names[x]}" for x, u in zip(sides, nash.utilities))
        blocks.append(p(f"Nash bargaining point (the package maximising the product of every side's gain over "
                        f"no deal): {package_text(sc, nash.package)}, worth {worth}."))
    else:
        blocks.append(p("There is no Nash point: no package is better than no deal for every side."))
    if sc.stakeholders:
        items = []
        for s in sc.stakeholders:
            st = sc.actors[s]
            needs = [w for w, on in (("must ratify", st.must_ratify),
                                     (f"need not ratify, but a rejection costs each side it backs "
                                      f"{STAKEHOLDER_PENALTY:.2f} of its score", not st.must_ratify),
                                     ("must be consulted", st.requires_consultation)) if on]
            items.append(f"{st.name}, backing {' and '.join(names[b] for b in sc.backs(s))}"
                         + (f" ({'; '.join(needs)})" if needs else "")
                         + (f"; reservation {_reservation(sc, s)}" if s in sc.valuations and
                            sc.valuations[s].reservation else ""))
        blocks += [h2("Stakeholders (the second level)"), bullets(items)]
    if spec.events:
        blocks += [h2("Events"), table(["Event", "When", "What happens"],
                                       [[rule.spec.title, " and ".join(x for x in (
                                           f"turn {rule.spec.at_turn}" if rule.spec.at_turn else "",
                                           condition_words(rule.when, sc.public) if rule.when else "") if x),
                                         rule.spec.text] for rule in sc.events])]
    if sc.drift_rules:
        blocks += [h2("Drifts: at the end of every round while a condition holds"),
                   table(["While", "Meters", "Note in the record"],
                         [[condition_words(rule.when, sc.public) if rule.when else "always",
                           ", ".join(f"{spec.meters[m].label} {d:+.2f}" for m, d in rule.spec.effects.items()),
                           rule.spec.text or "(none: the meters change silently)"] for rule in sc.drift_rules])]
    levels = []
    for k, d in spec.ai.difficulties.items():
        walkout = sc.walkout_when[k]
        levels.append(f"{d.label}: {d.description or d.concession}"
                      + (f"; walks out when {condition_words(walkout, sc.public)}" if walkout is not None else ""))
    blocks += [h2("AI difficulty levels"), bullets(levels)]
    if sc.walkouts:
        blocks.append(bullets([f"{names[rule.actor]} walks out when {condition_words(rule.when, sc.public)}"
                               + (f" (at {', '.join(spec.ai.difficulties[x].label for x in rule.spec.levels)})"
                                  if rule.spec.levels else "") + f": {rule.spec.note}"
                               for rule in sc.walkouts if rule.when is not None]))
    top = {x: spec.issues[max(range(len(sc.issues)), key=lambda i: sc.valuations[x].weights[i])].title for x in sides}
    questions = [
        "What was each side's best alternative to a deal, and how did it shape what you were ready to accept?",
        "Where could the sides trade across issues? " + ", ".join(f"{names[x]} cares most about {top[x]}"
                                                                  for x in sides) + ". Did your offers use that?",
        "Which of the other sides' red lines did you test? Which were bluffs, and how could you have told?",
        "How far was your deal from the Pareto frontier, and from the Nash point? Who left value on the table?",
    ]
    if sc.mediator:
        questions.append(f"What did {names[sc.mediator]}'s single negotiating text change? When did pressure from "
                         "the mediator help, and when did it harden a side?")
    if sc.stakeholders:
        questions.append("How did the stakeholders at home shape what each negotiator could accept (the two-level "
                         "game)? Did consulting them help?")
    questions.append("Compare your outcome with what happened. What would have had to be different for a deal?")
    authored = spec.debrief
    by_side = authored.by_side if authored else {}
    if authored and authored.questions:
        blocks += [h2("Discussion questions"), bullets(list(authored.questions)),
                   h3("More questions, from the game's analysis"), bullets(questions)]
    else:
        blocks += [h2("Discussion questions"), bullets(questions)]
    for seat, side in by_side.items():
        if side.questions:
            blocks += [h3(f"For {names[seat]}"), bullets(list(side.questions))]
    blocks += [h2("What really happened"), p(spec.history.summary)]
    cited = [s.cite for s in spec.sources if s.id in spec.history.sources]
    if cited:
        blocks.append(bullets(cited))
    kinds = ("agreement", "ratification_failed", "walkout", "escalation", "deadline")
    blocks += [h2("Debrief texts"), table(["Outcome", "Debrief"], [[getattr(spec.outcomes, k).title,
                                                                    getattr(spec.outcomes, k).debrief]
                                                                   for k in kinds])]
    own = [[names[seat], getattr(spec.outcomes, k).title, text] for k in kinds
           for seat, text in getattr(spec.outcomes, k).by_side.items()]
    own += [[names[seat], "every outcome", side.text] for seat, side in by_side.items() if side.text]
    if own:
        blocks += [h3("For one side only"), table(["Side", "After", "Debrief"], own)]
    return blocks, charts


def write_cards(sc: Scenario, out: Path, *, force: bool = False) -> list[Path]:
    """Write every file into `out` (created if needed); return them. Files already there that an earlier run of
    `cards` did not write are overwritten only with `force`; nothing is written through a symbolic link.
    FileProblem says what stands in the way, before anything is written."""
    cards = [role_card(sc, actor) for actor in sc.seats]
    sheet, charts = instructor_sheet(sc)
    contents: dict[str, str | bytes] = {f"card-{actor}.md": to_markdown(blocks)
                                        for actor, blocks in zip(sc.seats, cards)}
    contents["instructor.md"] = to_markdown(sheet)
    contents.update(charts)
    contents["cards.html"] = to_html(f"{sc.title}: role cards", cards)
    contents["instructor.html"] = to_html(f"{sc.title}: instructor sheet", [sheet])
    return write_folder(out, contents, force=force, manifest=".detente-cards", what="cards")
