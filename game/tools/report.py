"""`detente report`: the class's results from handed-in transcripts.

Every transcript is proven (``game.proof``: every AI and bot move re-derived, every recorded
field checked) against its scenario before it counts; one that cannot be read, does not match
its replay or was played on another scenario is listed as rejected with the reason. The proven
games are grouped by scenario, and each seat played by a person (or a bot) becomes a row of the
gradebook with a short feedback paragraph computed from the game.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np

from game.analysis.debrief import Debrief, debrief
from game.analysis.frontier import distance_to_frontier
from game.analysis.landscape import Landscape, landscape
from game.engine.transcript import RecordMismatch, Transcript, TranscriptError
from game.proof import Proven, prove
from game.resources import scenario_path
from game.saves import find_scenario, load
from game.scenario import ScenarioError, load_scenario
from game.scenario.model import Package, Scenario
from game.seats import made_for_person
from game.tools.cards import package_text

MAX_FILES = 20_000


@dataclass(frozen=True)
class Player:
    """One seat of one proven game, played by a person (or a bot): a row of the gradebook."""

    name: str
    file: str
    scenario: str
    seat: str
    side: str  # the actor's name
    played_by: str  # human, bot:NAME
    difficulty: str  # the level of the AI seats ("mixed" when they differ, "none" without AI)
    mode: str  # practice (the AI's reasons shown) or graded
    game: str  # the game's id: the same for two copies of one game, whatever names they carry
    seed: int
    outcome: str
    utility: float
    reservation: float
    score: float
    turns: int
    feedback: tuple[str, ...]


@dataclass
class Game:
    file: str
    proven: Proven
    debrief: Debrief


@dataclass(frozen=True)
class Rejected:
    file: str
    reason: str
    name: str = ""  # the people who played it, when the file could be read that far

    def __post_init__(self) -> None:  # text from a student's file, printed and written: made harmless
        object.__setattr__(self, "file", clean(self.file, 300))
        object.__setattr__(self, "reason", clean(self.reason, 400))
        object.__setattr__(self, "name", clean(self.name, 200))


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def clean(text: str, limit: int) -> str:
    """Text from a file as one printable line of at most `limit` characters (no terminal escapes)."""
    text = _CONTROL.sub("?", text)
    return text if len(text) <= limit else text[:limit - 1] + "…"


@dataclass
class Group:
    """The proven games of one scenario (one version of its file)."""

    scenario: Scenario
    landscape: Landscape
    games: list[Game] = field(default_factory=list)
    players: list[Player] = field(default_factory=list)

    def packages(self, limit: int = 5) -> list[tuple[Package, int]]:
        deals = Counter(g.debrief.package for g in self.games if g.debrief.package is not None)
        return [(package, n) for package, n in deals.most_common(limit) if package is not None]


@dataclass
class Report:
    groups: list[Group]
    rejected: list[Rejected]

    @property
    def counted(self) -> int:
        return sum(len(g.games) for g in self.groups)


def without_names(report: Report) -> Report:
    """The same report with each player named by their game ("table-001"; the side is beside it), for a page
    projected in front of the class; rejected files keep no name either."""
    groups = []
    for group in report.groups:
        players = [replace(p, name=Path(p.file).stem) for p in group.players]
        groups.append(replace(group, players=players))
    return Report(groups, [replace(r, name="") for r in report.rejected])


def gather(paths: Iterable[str]) -> tuple[list[str], list[Rejected]]:
    """The transcript files under `paths` (files as given; folders searched for *.json, links not followed)."""
    files: list[str] = []
    problems: list[Rejected] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():  # a folder named on the command line is read, link or not; links inside it are not
            for root, dirs, names in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                files += [os.path.join(root, n) for n in sorted(names) if n.endswith(".json") and not n.startswith(".")
                          and not os.path.islink(os.path.join(root, n))]
        elif path.exists() or path.is_symlink():
            files.append(given)
        else:
            problems.append(Rejected(given, "no such file or folder"))
    return files, problems


def read(files: list[str], scenario_file: str | None = None,
         progress: Callable[[int, int], None] | None = None) -> Report:
    """Prove every transcript and group the proven ones by scenario. Nothing but a scenario given with
    `scenario_file` that cannot be read stops it (ScenarioError)."""
    given = load_scenario(scenario_path(scenario_file)) if scenario_file else None
    scenarios: dict[str, Scenario] = {} if given is None else {given.digest: given}
    groups: dict[str, Group] = {}
    rejected: list[Rejected] = []
    seen: dict[str, str] = {}  # game id -> the file it was first counted from
    if len(files) > MAX_FILES:
        rejected += [Rejected(f, f"more than {MAX_FILES:,} files: not read") for f in files[MAX_FILES:]]
        files = files[:MAX_FILES]
    for n, file in enumerate(files):
        if progress is not None:
            progress(n, len(files))
        transcript: Transcript | None = None
        try:
            transcript = load(file)
            transcript.refuse_old_rules()
            scenario = scenarios.get(transcript.scenario_sha256)
            if scenario is None:
                if given is not None:
                    raise TranscriptError(f"played on another scenario ('{transcript.scenario_id[:60]}', or another "
                                          f"version of '{given.id}') than the one given with --scenario")
                # only a shipped scenario: the file a transcript names is the student's own choice
                scenario = scenarios[transcript.scenario_sha256] = find_scenario(transcript, recorded=False)
            proven = prove(transcript, scenario)
        except RecordMismatch as exc:
            rejected.append(Rejected(file, f"does not match its replay: {_tail(exc, file)}", _names(transcript)))
            continue
        except (TranscriptError, ScenarioError) as exc:
            rejected.append(Rejected(file, _tail(exc, file), _names(transcript)))
            continue
        except Exception as exc:  # noqa: BLE001 - one file must never stop the class's report
            rejected.append(Rejected(file, f"could not be read ({type(exc).__name__}); please report this file",
                                     _names(transcript)))
            continue
        if not proven.state.over:
            rejected.append(Rejected(file, f"the game is not finished (turn {proven.state.turn})",
                                     _names(transcript)))
            continue
        game_id = game_id_of(transcript)
        if game_id in seen:
            rejected.append(Rejected(file, f"the same game as {seen[game_id]} (handed in twice, or copied)",
                                     _names(transcript)))
            continue
        seen[game_id] = file
        group = groups.get(scenario.digest)
        if group is None:
            group = groups[scenario.digest] = Group(scenario, landscape(scenario))
        game = Game(file, proven, debrief(proven.state))
        group.games.append(game)
        group.players += players(game)
    return Report(list(groups.values()), rejected)


def game_id_of(transcript: Transcript) -> str:
    """What makes a game this game, names aside: its scenario, seed, players and moves."""
    body = json.dumps([transcript.scenario_sha256, transcript.seed, transcript.seats, transcript.practice,
                       [entry.get("move") for entry in transcript.moves]], sort_keys=True)
    return hashlib.sha256(body.encode("utf-8", "surrogatepass")).hexdigest()[:12]


def _names(transcript: Transcript | None) -> str:
    return "; ".join(transcript.names.values()) if transcript is not None else ""


def _tail(exc: Exception, file: str) -> str:
    text = str(exc)
    return text[len(file) + 2:] if text.startswith(f"{file}: ") else text


def _difficulty(transcript: Transcript, sc: Scenario) -> str:
    levels = {who.partition(":")[2] or sc.spec.ai.default_difficulty
              for who in transcript.seats.values() if who == "ai" or who.startswith("ai:")}
    return levels.pop() if len(levels) == 1 else "mixed" if levels else "none"


def players(game: Game) -> list[Player]:
    """The rows of a game: each negotiator seat played by a person or a bot (the mediator has no score)."""
    proven, d = game.proven, game.debrief
    transcript, sc, state = proven.transcript, proven.scenario, proven.state
    rows = []
    for seat in sc.negotiators:
        who = transcript.seats[seat]
        if who == "ai" or who.startswith("ai:"):
            continue
        side = d.side(seat)
        name = transcript.names.get(seat) or ("(no name)" if who == "human" else who)
        rows.append(Player(clean(name, 80), game.file, sc.title, seat, sc.actors[seat].name, who,
                           _difficulty(transcript, sc), "practice" if transcript.practice else "graded",
                           game_id_of(transcript), transcript.seed, d.outcome, side.utility, side.reservation,
                           side.score, state.turn, feedback(game, seat)))
    return rows


def feedback(game: Game, seat: str) -> tuple[str, ...]:
    """What this seat's game teaches, in a few sentences computed from the record."""
    proven, d = game.proven, game.debrief
    sc = proven.scenario
    own = d.negotiators.index(seat)
    notes: list[str] = []
    moves = [m for m in proven.transcript.moves if m.get("actor") == seat]
    for_them = sum(1 for m in moves if made_for_person(m.get("reason")))
    if for_them:
        notes.append(f"The AI made {for_them} of this seat's {len(moves)} moves for the student (the time ran out, or "
                     "the instructor handed it the seat): what follows reads the whole game.")
    mine = [o for o in d.offers if o.by == seat]
    if mine:
        opening = mine[0].utilities
        gap = distance_to_frontier(d.frontier, opening)
        notes.append("Your opening offer was on the Pareto frontier." if gap < 0.02 else
                     f"Your opening offer was {gap:.2f} from the Pareto frontier: a package existed that was "
                     "better for every side.")
        drops = [(later.turn, earlier.utilities[own], later.utilities[own]) for earlier, later in zip(mine, mine[1:])
                 if later.utilities[own] < earlier.utilities[own] - 1e-9]
        if drops:
            turn, before, after = max(drops, key=lambda x: x[1] - x[2])
            notes.append(f"You conceded most in round {turn} (from {before:.2f} to {after:.2f} for you).")
        else:
            notes.append("You never lowered your own asking value across your offers.")
    else:
        notes.append("You never made a full proposal of your own.")
    kinds = Counter(m["move"].split(" ", 1)[0] for m in moves)
    if not kinds.get("question"):
        notes.append("You never asked a question.")
    if sc.consultable(seat) and not kinds.get("consult"):
        notes.append("You never consulted a stakeholder.")
    side = d.side(seat)
    if d.package is not None:
        if d.nash is not None:
            nash = d.nash.utilities[own]
            diff = side.utility - nash
            notes.append(f"You agreed at {side.utility:.2f}, {abs(diff):.2f} {'below' if diff < 0 else 'above'} your "
                         f"side's value at the Nash point ({nash:.2f})." if abs(diff) >= 0.01 else
                         f"You agreed at {side.utility:.2f}, at your side's value at the Nash point.")
        better = _better_for_all(d, sc)
        if better is not None:
            package, gains = better
            notes.append(f"A package better for every side was left on the table ({package}; you +{gains[own]:.2f}).")
    elif d.outcome == "ratification_failed":
        refused = [r.why for r in d.ratifications if not r.approves]
        notes.append("Every side accepted, but the deal failed at home: " + ("; ".join(refused) if refused else
                                                                             "a principal or stakeholder refused it")
                     + ".")
    else:
        notes.append(f"No deal: you got your walk-away value ({side.reservation:.2f}).")
    return tuple(notes)


def _better_for_all(d: Debrief, sc: Scenario) -> tuple[str, np.ndarray] | None:
    """The package that most improves the worst-off side's gain over the deal, if every side gains."""
    if d.space is None or d.package is None:
        return None
    deal = np.array([s.utility for s in d.sides])
    gains = d.space - deal
    ok = (gains >= -1e-9).all(axis=1) & (gains > 0.01).any(axis=1)
    if d.blocked is not None and len(d.blocked) == len(ok):
        ok &= ~d.blocked  # a package across a firm red line is no deal, whatever it is worth
    if not ok.any():
        return None
    rows = np.flatnonzero(ok)
    best = rows[int(np.argmax(gains[rows].min(axis=1)))]
    package = tuple(int(x) for x in sc.outcome_space()[best])
    return package_text(sc, package), gains[best]


def outcome_counts(group: Group) -> list[tuple[str, dict[str, int]]]:
    """Outcomes by the side the player held and the AI's level: one row each."""
    rows: dict[tuple[str, str], Counter[str]] = {}
    for p in group.players:
        rows.setdefault((p.side, p.difficulty), Counter())[p.outcome] += 1
    return [(f"{side}, {level}", dict(counts)) for (side, level), counts in sorted(rows.items())]
