"""Writing the class report: one self-contained HTML page that prints well, the same in Markdown with its charts
as SVG files beside it, and a CSV for the gradebook. Every text from a scenario or a student is escaped."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import numpy as np

from game import __version__
from game.files import write_folder
from game.tools.cards import package_text
from game.tools.charts import OUTCOME_WORDS, Deal, frontier_chart, game_chart, histogram, outcome_bars
from game.tools.report import Group, Player, Report, outcome_counts
from game.tools.text import esc, md, mdb

CSV_FIELDS = ("name", "file", "scenario", "scenario_sha256", "side", "played_by", "difficulty", "mode", "seed",
              "game", "outcome", "utility", "reservation", "score", "turns", "verified", "reason")

STYLE = """
body { font-family: Helvetica, Arial, sans-serif; color: #222; max-width: 60rem; margin: 2rem auto; padding: 0 1rem;
       line-height: 1.45; }
h1 { font-size: 1.7rem; } h2 { font-size: 1.35rem; border-bottom: 2px solid #0072B2; padding-bottom: .2rem;
     margin-top: 2.4rem; } h3 { font-size: 1.1rem; margin-top: 1.6rem; }
table { border-collapse: collapse; margin: .6rem 0 1rem; font-size: .92rem; }
th, td { border: 1px solid #bbb; padding: .25rem .5rem; text-align: left; vertical-align: top; }
th { background: #eef3f8; } td.n { text-align: right; font-variant-numeric: tabular-nums; }
figure { margin: 1rem 0; } figcaption { font-size: .85rem; color: #555; }
svg { max-width: 100%; height: auto; } .muted { color: #666; } .bad { color: #a33; }
@media print { body { margin: 0; max-width: none; } h2 { page-break-before: always; }
               figure, tr { page-break-inside: avoid; } }
"""


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40] or "scenario"


def _charts(group: Group, prefix: str) -> list[tuple[str, str, str]]:
    """(file name, caption, svg) for every chart of a group."""
    sc = group.scenario
    charts = []
    for a, b in group.landscape.pairs():
        deals = []
        for game in group.games:
            d = game.debrief
            names = ", ".join(f"{p.name} ({p.side})" for p in group.players if p.file == game.file) or "AI only"
            x, y = d.side(a).utility, d.side(b).utility
            deals.append(Deal(x, y, d.outcome, f"{names}: {OUTCOME_WORDS.get(d.outcome, d.outcome)}, "
                                               f"{sc.actors[a].name} {x:.2f}, {sc.actors[b].name} {y:.2f}"))
        name = f"{prefix}-frontier-{a}-{b}.svg"
        caption = (f"Every game's result for {sc.actors[a].name} and {sc.actors[b].name} (one mark per game, its "
                   "shape and colour by outcome; a game without a deal sits at the two sides' reservations of that "
                   "game) against the frontier of possible deals.")
        charts.append((name, caption, frontier_chart(group.landscape, (a, b), deals)))
    rows = outcome_counts(group)
    charts.append((f"{prefix}-outcomes.svg", "Outcomes by the side the student held and the AI's level.",
                   outcome_bars(f"{sc.title}: outcomes by side and level", rows)))
    scores = [p.score for p in group.players]
    if scores:
        charts.append((f"{prefix}-scores.svg", "Scores: 0 is no better than no deal, 1 the side's best case.",
                       histogram(f"{sc.title}: the distribution of scores",
                                 "score (0 = no better than no deal, 1 = the best case)", scores,
                                 low=min(-0.25, min(scores)), high=max(1.0, max(scores)))))
    return charts


def _summary(group: Group) -> list[str]:
    games = group.games
    turns = [g.proven.state.turn for g in games]
    deals = sum(1 for g in games if g.debrief.package is not None)
    players = group.players
    lines = [f"{len(games)} game{'s' * (len(games) != 1)}, {len(players)} player{'s' * (len(players) != 1)}; "
             f"{deals} ended in an agreement that stood ({deals / len(games):.0%})."]
    if turns:
        lines.append(f"Turns used: {min(turns)} to {max(turns)}, median {float(np.median(turns)):g} "
                     f"(of {group.scenario.deadline}).")
    if players:
        scores = np.array([p.score for p in players])
        lines.append(f"Scores: mean {scores.mean():.2f}, median {float(np.median(scores)):.2f}, "
                     f"from {scores.min():.2f} to {scores.max():.2f}.")
    return lines


def _player_cells(p: Player) -> list[str]:
    who = p.name if p.played_by == "human" else f"{p.name} ({p.played_by})"
    return [who, p.side, p.difficulty, p.mode, OUTCOME_WORDS.get(p.outcome, p.outcome), f"{p.utility:.2f}",
            f"{p.reservation:.2f}", f"{p.score:+.2f}", str(p.turns)]


PLAYER_HEADER = ["Name", "Side", "AI level", "Mode", "Outcome", "Utility", "Reservation", "Score", "Turns"]


def _heading(report: Report, group: Group) -> str:
    """The scenario's title, with its version when two versions of it are in the report."""
    same = [g for g in report.groups if g.scenario.title == group.scenario.title]
    return group.scenario.title + (f" (file version {group.scenario.digest[:8]})" if len(same) > 1 else "")


def html(report: Report, command: str) -> str:
    out = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">',
           "<title>Détente: class report</title>", f"<style>{STYLE}</style></head><body>",
           "<h1>Détente: class report</h1>",
           f'<p>{report.counted} game{"s" * (report.counted != 1)} counted, each replayed and proven (every move of '
           f"the AI and the bots re-derived, every recorded field checked); {len(report.rejected)} transcript"
           f'{"s" * (len(report.rejected) != 1)} rejected. <span class="muted">Made by Détente {esc(__version__)}: '
           f"<code>{esc(command)}</code></span></p>"]
    for n, group in enumerate(report.groups):
        sc = group.scenario
        out += [f"<h2>{esc(_heading(report, group))}</h2>", *(f"<p>{esc(line)}</p>" for line in _summary(group))]
        for _name, caption, svg in _charts(group, f"s{n}"):
            out.append(f"<figure>{svg}<figcaption>{esc(caption)}</figcaption></figure>")
        out.append("<h3>Outcomes by side and level</h3>")
        kinds = list(OUTCOME_WORDS)
        out.append(_html_table(["Side, AI level", *(OUTCOME_WORDS[k] for k in kinds), "games"],
                               [[label, *(str(c.get(k, 0)) for k in kinds), str(sum(c.values()))]
                                for label, c in outcome_counts(group)], numeric_from=1))
        packages = group.packages()
        if packages:
            out.append("<h3>The most common deals</h3>")
            out.append(_html_table(["Package", "games"], [[package_text(sc, p), str(k)] for p, k in packages],
                                   numeric_from=1))
        out.append("<h3>Each player</h3>")
        out.append(_html_table(PLAYER_HEADER + ["What the game shows"],
                               [[*_player_cells(p), " ".join(p.feedback)] for p in group.players], numeric_from=5,
                               numeric_to=9))
        out += _trails(group)
        if group.games:
            out += ["<h3>What happened in history</h3>", f"<p>{esc(group.games[0].debrief.history)}</p>"]
    if report.rejected:
        out.append("<h2>Rejected transcripts (not counted)</h2>")
        out.append(_html_table(["File", "Why"], [[r.file, r.reason] for r in report.rejected]))
    out.append("</body></html>")
    return "\n".join(out) + "\n"


MAX_TRAILS = 200  # games whose trail of offers the page draws (each is a small chart)


def _trails(group: Group) -> list[str]:
    """Each game's trail of offers on that game's own values, one chart per pair of sides, opened on a click."""
    if not group.games:
        return []
    sc = group.scenario
    out = ["<h3>Each game's trail of offers</h3>",
           "<p>Click a game to see the offers its sides made, in order, on the values drawn for that game.</p>"]
    if len(group.games) > MAX_TRAILS:
        out.append(f"<p>(The first {MAX_TRAILS} games of {len(group.games)}.)</p>")
    for game in group.games[:MAX_TRAILS]:
        d = game.debrief
        who = ", ".join(f"{p.name} ({p.side})" for p in group.players if p.file == game.file) or "AI only"
        label = f"{Path(game.file).stem}: {who}: {OUTCOME_WORDS.get(d.outcome, d.outcome)}"
        charts = "".join(f"<figure>{game_chart(sc, d.pair(a, b), cloud=False)}</figure>"
                         for a, b in group.landscape.pairs())
        out.append(f"<details><summary>{esc(label)}</summary>{charts}</details>")
    return out


def _html_table(header: list[str], rows: list[list[str]], numeric_from: int | None = None,
                numeric_to: int | None = None) -> str:
    def cell(n: int, text: str) -> str:
        numeric = numeric_from is not None and n >= numeric_from and (numeric_to is None or n < numeric_to)
        return f'<td class="n">{esc(text)}</td>' if numeric else f"<td>{esc(text)}</td>"

    head = "".join(f"<th>{esc(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(cell(n, c) for n, c in enumerate(row)) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def markdown(report: Report, command: str, chart_names: dict[int, list[tuple[str, str]]]) -> str:
    out = ["# Détente: class report", "",
           f"{report.counted} games counted, each replayed and proven; {len(report.rejected)} transcripts rejected. "
           f"Made by Détente {md(__version__)}: `{command.replace('`', '')}`", ""]
    for n, group in enumerate(report.groups):
        sc = group.scenario
        out += [f"## {mdb(_heading(report, group))}", "", *(mdb(line) + "  " for line in _summary(group)), ""]
        for name, caption in chart_names.get(n, []):
            out += [f"![{md(caption)}]({name})", ""]
        kinds = list(OUTCOME_WORDS)
        out += _md_table(["Side, AI level", *(OUTCOME_WORDS[k] for k in kinds), "games"],
                         [[label, *(str(c.get(k, 0)) for k in kinds), str(sum(c.values()))]
                          for label, c in outcome_counts(group)])
        packages = group.packages()
        if packages:
            out += ["### The most common deals", ""]
            out += _md_table(["Package", "games"], [[package_text(sc, p), str(k)] for p, k in packages])
        out += ["### Each player", ""]
        out += _md_table(PLAYER_HEADER, [_player_cells(p) for p in group.players])
        for p in group.players:
            out += [f"- **{md(p.name)}** ({md(p.side)}): {md(' '.join(p.feedback))}"]
        out.append("")
    if report.rejected:
        out += ["## Rejected transcripts (not counted)", ""]
        out += [f"- {md(r.file)}: {md(r.reason)}" for r in report.rejected]
    return "\n".join(out) + "\n"


def _md_table(header: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(mdb(h) for h in header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(mdb(c) for c in row) + " |" for row in rows]
    return [*lines, ""]


def csv_cell(value: object) -> str:
    """A cell a spreadsheet shows as text: a student's name starting with = + - @ is not run as a formula."""
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") and not _is_number(text) else text


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def gradebook(report: Report) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_FIELDS)
    for group in report.groups:
        for p in group.players:
            writer.writerow([csv_cell(x) for x in (
                p.name, p.file, group.scenario.id, group.scenario.digest, p.seat, p.played_by, p.difficulty, p.mode,
                p.seed, p.game, p.outcome, f"{p.utility:.4f}", f"{p.reservation:.4f}", f"{p.score:.4f}", p.turns,
                "yes", "")])
    for r in report.rejected:
        writer.writerow([csv_cell(x) for x in (r.name, r.file, *[""] * (len(CSV_FIELDS) - 4), "no", r.reason)])
    return buffer.getvalue()


def write(report: Report, out: Path, command: str, *, force: bool = False) -> list[Path]:
    """Write report.html, report.md with its SVG charts, and grades.csv into `out`; the paths written. A file in
    `out` that an earlier report did not write is overwritten only with `force` (FileProblem otherwise)."""
    contents: dict[str, str | bytes] = {}
    names: dict[int, list[tuple[str, str]]] = {}
    for n, group in enumerate(report.groups):
        prefix = f"{_slug(group.scenario.id)}-{n + 1}"
        names[n] = []
        for name, caption, svg in _charts(group, prefix):
            contents[name] = svg
            names[n].append((name, caption))
    contents["report.html"] = html(report, command)
    contents["report.md"] = markdown(report, command, names)
    contents["grades.csv"] = gradebook(report)
    return write_folder(out, contents, force=force, manifest=".detente-report", what="report")
