"""The `detente` command."""

from __future__ import annotations

import argparse
import json
import os
import secrets
import sys
import textwrap
import time
from pathlib import Path
from typing import TYPE_CHECKING

from game import __version__
from game.engine.transcript import RecordMismatch, Transcript, TranscriptError
from game.files import FileProblem, check_writable, output_folder, write_atomic, written_by_us
from game.resources import scenario_path, shipped_scenarios
from game.saves import data_dir, find_scenario, is_shipped, load
from game.scenario import ScenarioError, inspect_scenario_bytes, load_scenario
from game.scenario.loader import read_scenario_file
from game.scenario.model import Scenario

if TYPE_CHECKING:
    from game.proof import Proven

BAD_INPUT = 2
MAX_GAMES = 1_000_000  # simulate: games per bot and level
BOT_NAMES = ("random", "greedy", "tough", "mirror", "copycat")  # game.ai.bots.BOTS, without importing the AI


def _fail(message: str, code: int = BAD_INPUT) -> int:
    print(f"detente: {message}", file=sys.stderr)
    return code


def _load(name: str | None) -> Scenario:
    return load_scenario(scenario_path(name))


def cmd_validate(args: argparse.Namespace) -> int:
    worst = 0
    for name in args.files:
        try:
            raw = read_scenario_file(name)
        except ScenarioError as exc:
            print(exc.render())
            worst = BAD_INPUT
            continue
        scenario, problems = inspect_scenario_bytes(raw, name)
        errors = [p for p in problems if p.severity == "error" or args.strict]
        for problem in sorted(problems, key=lambda p: (p.line, p.col)):
            print(problem.render(name))
        if errors or scenario is None:
            worst = BAD_INPUT
        else:
            warned = f" ({len(problems)} warning{'s' * (len(problems) != 1)})" if problems else ""
            print(f"{name}: ok: '{scenario.title}', {len(scenario.issues)} issues, "
                  f"{scenario.package_count:,} packages, {scenario.deadline} turns{warned}")
    return worst


def cmd_schema(args: argparse.Namespace) -> int:
    from game.scenario.jsonschema import scenario_json_schema

    text = json.dumps(scenario_json_schema(), indent=2) + "\n"
    if args.out:
        try:
            mine = written_by_us(args.out, b'"title": "D\\u00e9tente scenario')  # one written before: rewritten
            write_atomic(check_writable(args.out, force=args.force or mine, what="schema file"), text, sync=False)
        except FileProblem as exc:
            return _fail(f"{args.out[:300]}: {exc}")
        except OSError as exc:
            return _fail(f"{args.out[:300]}: the schema could not be written ({exc.strerror or exc})")
        print(f"wrote {args.out}")
    else:
        sys.stdout.write(text)
    return 0


def _prove(file: str, scenario_name: str | None, transcript: Transcript | None = None) -> Proven:
    """The saved game in `file`, replayed and checked (RecordMismatch when it is not what was played)."""
    from game.proof import prove

    transcript = transcript or load(file)
    transcript.refuse_old_rules()
    scenario = find_scenario(transcript, scenario_name)
    try:
        return prove(transcript, scenario)
    except TranscriptError as exc:
        raise type(exc)(f"{file}: {exc}") from None


def _show_recorded(transcript: Transcript) -> None:
    """A transcript made under older rules, listed as it was recorded (it cannot be replayed)."""
    print(f"{transcript.scenario_id}, seed {transcript.seed}, seats: "
          + ", ".join(f"{seat} {who}" for seat, who in transcript.seats.items()))
    for entry in transcript.moves:
        reason = f"  [why: {entry['reason']}]" if isinstance(entry.get("reason"), str) else ""
        print(f"  turn {entry.get('turn')}: {entry.get('actor')}: {entry['move']}{reason}")
    outcome = (transcript.final or {}).get("outcome") if isinstance(transcript.final, dict) else None
    print(f"  recorded outcome: {outcome or 'unfinished'}")


def cmd_replay(args: argparse.Namespace) -> int:
    from game.analysis.debrief import debrief
    from game.text import render

    transcript = load(args.file)
    if args.show and not transcript.replayable:
        _show_recorded(transcript)
    try:
        proven = _prove(args.file, args.scenario, transcript)
    except RecordMismatch as exc:
        print(f"{exc}\n{args.file}: the record does NOT match the game its rules and players give")
        return 1
    state = proven.state
    if args.show:
        for item in state.log:
            print(render.entry(item, True))
        if state.over:
            print(render.debrief(proven.scenario.public, debrief(state)))
    outcome = state.result.kind if state.result else "unfinished"
    print(f"{args.file}: replayed {len(transcript.moves)} moves of '{proven.scenario.title}': the record matches "
          f"({outcome}; every move of the AI and the bots re-derived, every effect, the result and the seal checked)")
    if not is_shipped(proven.scenario):
        print(f"note: it was proven against {proven.scenario.filename}, not a shipped scenario: the record matches "
              "that file, which whoever handed it in could have written")
    return 0


def cmd_play(args: argparse.Namespace) -> int:
    if not args.text and not args.player_bot:
        from game.ui import run_window

        return run_window(args.scenario, args.resume)
    from game.seats import SeatError, parse_seats
    from game.text.play import Options, play_text

    if args.resume:
        given = [flag for flag, value in (("--seat", args.seat), ("--side", args.side), ("--seed", args.seed),
                                          ("--difficulty", args.difficulty), ("--name", args.name))
                 if value is not None]
        if given:
            return _fail(f"{', '.join(given)}: a saved game keeps the seats, the seed and the levels it was "
                         "started with; continue it without them")
        proven = _prove(args.resume, args.scenario)
        if proven.state.over:
            return _fail(f"{args.resume}: this game is already over; see it with `detente replay --show`", 1)
        play_text(proven.scenario, Options(seed=proven.transcript.seed, bot=args.player_bot),
                  resume=(proven, Path(args.resume)))
        return 0
    scenario = _load(args.scenario)
    try:
        named = parse_seats(args.seat or [], scenario)
    except SeatError as exc:
        return _fail(str(exc))
    people = [seat for seat, who in named.items() if who.kind == "human"]
    if args.player_bot and (people or (args.side and args.side in named)):
        taken = args.side if args.side in named else people[0]
        return _fail(f"--player-bot plays your side, but --seat {taken}={named[taken]} says who plays it; "
                     "give a bot with --seat SEAT=bot:NAME instead")
    if args.side is not None and args.side not in scenario.seats:
        return _fail(f"unknown side '{args.side}' (sides: {', '.join(scenario.seats)})")
    if args.difficulty is not None and args.difficulty not in scenario.spec.ai.difficulties:
        return _fail(f"unknown difficulty '{args.difficulty}' "
                     f"(levels: {', '.join(scenario.spec.ai.difficulties)})")
    unattended = args.player_bot or any(c.kind == "bot" for c in named.values())
    if args.scenario is None and not unattended and not any(data_dir().glob("*.json")):
        print("New to Détente? `detente play --text --scenario tutorial` teaches the moves in ten minutes.")
    seed = args.seed if args.seed is not None else secrets.randbelow(1_000_000)
    if args.seed is None:
        print(f"Seed {seed} (play the same game again with --seed {seed})")
    try:
        play_text(scenario, Options(named, args.side, args.difficulty, args.player_bot, seed,
                                    args.mode == "practice", args.name or []))
    except SeatError as exc:
        return _fail(str(exc))
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    if args.screenshots is not None:
        folder = Path(args.screenshots)
        if not args.screenshots.strip():
            return _fail("--screenshots is empty: name the folder to save the screenshots in")
        if folder.exists() and not folder.is_dir() or folder.is_symlink():
            return _fail(f"{args.screenshots}: not a folder; --screenshots names the folder to save them in")
        if not folder.exists() and not folder.parent.is_dir():
            return _fail(f"{args.screenshots}: {folder.parent} is not a folder (create it first)")
    from game.ui import run_demo

    return run_demo(args.scenario, args.seed, args.screenshots)


def cmd_list(args: argparse.Namespace) -> int:
    for path in shipped_scenarios():
        try:
            sc = load_scenario(path)
        except ScenarioError as exc:
            print(f"{path.stem}: broken ({exc.problems[0].message})")
            continue
        length = f", about {sc.spec.minutes} minutes" if sc.spec.minutes else ""
        print(f"{path.stem}: {sc.title} ({sc.deadline} turns{length})")
        print(textwrap.fill(sc.spec.summary, 78, initial_indent="  ", subsequent_indent="  "))
    return 0


def cmd_new(args: argparse.Namespace) -> int:
    from game.tools.new import NewError, write_new

    try:
        written = write_new(args.name, Path.cwd(), force=args.force)
    except NewError as exc:
        return _fail(str(exc))
    for path in written:
        print(f"wrote {path.name}")
    print(f"next: edit {written[0].name}, then `detente validate {written[0].name}`")
    return 0


def cmd_simulate(args: argparse.Namespace) -> int:
    from game.analysis.simulate import SIM_BOTS
    from game.tools.simulate_cmd import console_progress, run_simulation, summary_lines, write_report

    path = scenario_path(args.file)
    scenario = load_scenario(path)
    levels = list(scenario.spec.ai.difficulties)
    if args.difficulty != "all" and args.difficulty not in levels:
        return _fail(f"unknown difficulty '{args.difficulty}' (levels: {', '.join(levels)}, or all)")
    if args.side not in ("both", "all") and args.side not in scenario.seats:
        return _fail(f"unknown side '{args.side}' (sides: {', '.join(scenario.seats)}, or all)")
    if args.games < 1 or args.jobs < 0:
        return _fail("--games must be at least 1 and --jobs at least 0")
    if args.games > MAX_GAMES:
        return _fail(f"--games is at most {MAX_GAMES:,} per bot and level (a million games already measure a rate "
                     "to within 0.1 point)")
    cores = os.cpu_count() or 1
    if args.jobs > cores:
        return _fail(f"--jobs {args.jobs}: this machine has {cores} core{'s' * (cores > 1)}; give at most {cores} "
                     "(or 0 for every core)")
    bots = list(SIM_BOTS) if args.bot == "all" else [args.bot]
    levels = levels if args.difficulty == "all" else [args.difficulty]
    sides = list(scenario.seats) if args.side in ("both", "all") else [args.side]
    out = Path(args.out) if args.out else Path(f"{path.stem}-balance.md")
    if out.suffix.lower() in (".yaml", ".yml", ".json", ".svg"):
        return _fail(f"{out}: --out names the Markdown report to write (NAME.md), not a {out.suffix} file")
    for target, marker in ((out, b"# Balance check:"), (out.with_suffix(".svg"), b"outcomes by difficulty")):
        try:  # say so before the games, not after them; an earlier report of its own is rewritten
            check_writable(target, force=args.force or written_by_us(target, marker), what="report")
        except FileProblem as exc:
            return _fail(f"{target}: {exc}")
    command = (f"detente simulate {path.name} --games {args.games} --bot {args.bot} "
               f"--difficulty {args.difficulty} --side {args.side} --seed {args.seed}")
    started = time.perf_counter()
    sim = run_simulation(read_scenario_file(path), str(path), games=args.games, bots=bots, difficulties=levels,
                         sides=sides, seed=args.seed, jobs=args.jobs,
                         progress=None if args.quiet else console_progress(), scenario=scenario)
    elapsed = time.perf_counter() - started
    try:
        report, chart = write_report(sim, out, command)
    except OSError as exc:
        return _fail(f"{out}: the report could not be written ({exc.strerror or exc})")
    total = args.games * len(bots) * len(levels)
    print("\n".join(summary_lines(sim)))
    print(f"{total:,} games in {elapsed:.1f} s; wrote {report} and {chart}")
    return 0


def cmd_cards(args: argparse.Namespace) -> int:
    from game.tools.cards import write_cards

    if not args.out.strip():
        return _fail("--out is empty: name the folder to write the cards to")
    scenario = load_scenario(scenario_path(args.file))
    out = Path(args.out)
    try:
        written = write_cards(scenario, out, force=args.force)
    except FileProblem as exc:
        return _fail(f"{args.out or '--out'}: {exc}")
    except OSError as exc:
        return _fail(f"{args.out}: the cards could not be written ({exc.strerror or exc})")
    for path in written:
        print(f"wrote {path}")
    print(f"print {out / 'cards.html'} (one role card per page) and {out / 'instructor.html'} from a browser")
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from game.tools.report import gather, read
    from game.tools.report_write import write

    out = Path(args.out)
    try:
        output_folder(out, "report")  # before the work, not after it
    except FileProblem as exc:
        return _fail(f"{args.out or '--out'}: {exc}")
    files, missing = gather(args.paths)
    started = time.perf_counter()
    report = read(files, args.scenario)
    report.rejected[:0] = missing
    if report.counted == 0:
        for item in report.rejected[:20]:
            print(f"rejected {item.file}: {item.reason}", file=sys.stderr)
        return _fail(f"no transcript could be counted ({len(files)} file{'s' * (len(files) != 1)} read); "
                     "nothing was written")
    command = "detente report " + " ".join(args.paths) + (f" --scenario {args.scenario}" if args.scenario else "")
    try:
        written = write(report, out, command, force=args.force)
    except FileProblem as exc:
        return _fail(f"{args.out}: {exc}")
    except OSError as exc:
        return _fail(f"{args.out}: the report could not be written ({exc.strerror or exc})")
    elapsed = time.perf_counter() - started
    for item in report.rejected:
        print(f"rejected {item.file}: {item.reason}")
    print(f"{report.counted} game{'s' * (report.counted != 1)} counted and {len(report.rejected)} rejected "
          f"in {elapsed:.1f} s; wrote {out / 'report.html'}, {out / 'report.md'} and {out / 'grades.csv'} "
          f"(and {len(written) - 3} charts)")
    return 0


def cmd_host(args: argparse.Namespace) -> int:
    from game.host.room import RoomError
    from game.host.run import HostProblem, host

    if not 1 <= args.team <= 4:
        return _fail("--team is the number of students sharing a seat: 1 to 4")
    if not 0 <= args.port <= 65535:
        return _fail("--port is a number from 1 to 65535 (0: any free port)")
    try:
        return host(args.scenario, port=args.port, bind=args.bind, resume=args.resume, out=args.out,
                    seed=args.seed, team=args.team, difficulty=args.difficulty, graded=args.mode == "graded",
                    ai_seats=tuple(args.ai_seat or ()))
    except (HostProblem, RoomError) as exc:
        return _fail(str(exc))
    except BrokenPipeError:  # the terminal's output was closed (`detente host | head`): not a disk problem
        return 1
    except OSError as exc:
        return _fail(f"the session's files could not be written ({exc.strerror or exc})")


def _seed(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
    if not 0 <= value < 2**63:
        raise argparse.ArgumentTypeError("a seed is a whole number from 0 to 2^63-1")
    return value


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="detente", description="Détente: a diplomatic negotiation game.")
    top.add_argument("--version", action="version", version=f"detente {__version__}")
    sub = top.add_subparsers(dest="command", metavar="COMMAND", title="commands")

    play = sub.add_parser("play", help="play a scenario (Geneva 2022 unless --scenario is given)")
    play.add_argument("--text", action="store_true", help="play in the terminal")
    play.add_argument("--scenario", help="a scenario file, or the name of a shipped one")
    play.add_argument("--side", help="the seat you play (e.g. us or russia)")
    play.add_argument("--seat", action="append", metavar="SEAT=PLAYER",
                      help="who plays a seat: human, ai, ai:LEVEL or bot:NAME (repeat for each seat; e.g. "
                           "--seat us=human --seat russia=human for two people at one screen)")
    play.add_argument("--difficulty", help="easy, normal or hard (as the scenario defines)")
    play.add_argument("--seed", type=_seed, help="the game's seed: the same seed gives the same game")
    play.add_argument("--mode", choices=["practice", "graded"], default="practice",
                      help="practice shows the AI's reasons; graded does not")
    play.add_argument("--player-bot", choices=list(BOT_NAMES),
                      help="let a bot play your side to the end")
    play.add_argument("--name", action="append", metavar="NAME",
                      help="your name, saved in the transcript for the class report (with several people at the "
                           "table: --name SEAT=NAME for each)")
    play.add_argument("--resume", metavar="FILE", help="continue a saved game")
    play.set_defaults(run=cmd_play)

    validate = sub.add_parser("validate", help="check scenario files; FILE:LINE:COL for every problem")
    validate.add_argument("files", nargs="+", metavar="FILE")
    validate.add_argument("--strict", action="store_true", help="treat warnings as errors")
    validate.set_defaults(run=cmd_validate)

    replay = sub.add_parser("replay", help="replay a transcript and check that it reproduces the game")
    replay.add_argument("file", metavar="FILE")
    replay.add_argument("--scenario", help="the scenario file, if it has moved")
    replay.add_argument("--show", action="store_true", help="print the game's record and debrief")
    replay.set_defaults(run=cmd_replay)

    schema = sub.add_parser("schema", help="write the JSON Schema of the scenario format (for editors)")
    schema.add_argument("--out", metavar="FILE")
    schema.add_argument("--force", action="store_true", help="overwrite FILE even if it is not a schema")
    schema.set_defaults(run=cmd_schema)

    simulate = sub.add_parser("simulate", help="pre-class balance check: bots play a scenario many times; a report")
    simulate.add_argument("file", metavar="FILE", help="a scenario file, or the name of a shipped one")
    simulate.add_argument("--games", type=int, default=1000, help="games per difficulty and bot (default 1000)")
    simulate.add_argument("--bot", choices=[*BOT_NAMES, "all"], default="all",
                          help="the bot that plays against the AI (default: all of them)")
    simulate.add_argument("--difficulty", default="all", metavar="LEVEL|all", help="default: all")
    simulate.add_argument("--side", default="all", metavar="SIDE|all",
                          help="the seat the bot plays (default: all, in turn)")
    simulate.add_argument("--seed", type=_seed, default=1, help="the same seed gives the same report")
    simulate.add_argument("--jobs", type=int, default=0, help="processes to use (default: every core)")
    simulate.add_argument("--out", metavar="FILE.md", help="the report (default: NAME-balance.md here); "
                                                           "the chart goes beside it as .svg")
    simulate.add_argument("--quiet", action="store_true", help="no progress display")
    simulate.add_argument("--force", action="store_true", help="overwrite the report's files even if another "
                                                               "program wrote them")
    simulate.set_defaults(run=cmd_simulate)

    cards = sub.add_parser("cards", help="printable role cards and an instructor sheet (HTML, Markdown)")
    cards.add_argument("file", metavar="FILE", help="a scenario file, or the name of a shipped one")
    cards.add_argument("--out", metavar="DIR", required=True, help="the folder to write them to")
    cards.add_argument("--force", action="store_true",
                       help="overwrite files in DIR that an earlier `detente cards` did not write")
    cards.set_defaults(run=cmd_cards)

    new = sub.add_parser("new", help="write NAME.yaml, a commented starter scenario that plays as it is")
    new.add_argument("name", metavar="NAME")
    new.add_argument("--force", action="store_true", help="overwrite NAME.yaml if it exists")
    new.set_defaults(run=cmd_new)

    demo = sub.add_parser("demo", help="watch the window play a whole game by itself (headless too)")
    demo.add_argument("--scenario", metavar="FILE", help="a scenario file (default: Geneva 2022)")
    demo.add_argument("--seed", type=_seed, default=1, help="the game's seed")
    demo.add_argument("--screenshots", metavar="DIR", help="save a PNG of every screen in DIR")
    demo.set_defaults(run=cmd_demo)

    report = sub.add_parser("report", help="the class's results from handed-in transcripts: HTML, Markdown, CSV")
    report.add_argument("paths", nargs="+", metavar="FILE_OR_FOLDER",
                        help="transcripts, or folders searched for *.json")
    report.add_argument("--out", metavar="DIR", default="report", help="the folder to write to (default: report)")
    report.add_argument("--scenario", metavar="FILE", help="the scenario the games were played on, if not shipped")
    report.add_argument("--force", action="store_true",
                        help="overwrite files in DIR that an earlier `detente report` did not write")
    report.set_defaults(run=cmd_report)

    host = sub.add_parser("host", help="a class session: students play from a browser, you watch every table")
    host.add_argument("scenario", nargs="?", metavar="SCENARIO",
                      help="a scenario file, or the name of a shipped one (default: Geneva 2022)")
    host.add_argument("--port", type=int, default=8765, help="the port to serve on (default 8765)")
    host.add_argument("--bind", default="0.0.0.0", metavar="ADDRESS",
                      help="the address to listen on (default: every network of this machine)")
    host.add_argument("--out", metavar="DIR", help="the session's folder (default: detente-class-NAME-TIME here)")
    host.add_argument("--resume", metavar="DIR", help="bring back a session that stopped, every table where it was")
    host.add_argument("--team", type=int, default=1, help="students sharing one seat (1 to 4; default 1)")
    host.add_argument("--difficulty", help="the AI's level where it takes a seat")
    host.add_argument("--ai-seat", action="append", metavar="SIDE",
                      help="a side the AI plays at every table (repeat for several): students play the others")
    host.add_argument("--seed", type=_seed, help="table N plays the game of SEED+N (default: drawn)")
    host.add_argument("--mode", choices=["practice", "graded"], default="practice",
                      help="practice shows hints and the AI's reasons; graded does not")
    host.set_defaults(run=cmd_host)

    listing = sub.add_parser("list", help="list the scenarios that ship with the game")
    listing.set_defaults(run=cmd_list)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if args.command is None:
        args = parser().parse_args(["play", *(argv or sys.argv[1:])])
    try:
        return int(args.run(args))
    except ScenarioError as exc:
        print(exc.render(), file=sys.stderr)
        return BAD_INPUT
    except RecordMismatch as exc:
        return _fail(f"{exc}; the record does not match the game its rules and players give, so it is refused", 1)
    except TranscriptError as exc:
        return _fail(str(exc))
    except KeyboardInterrupt:
        print("\nInterrupted. The game was saved after the last complete move.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 1


if __name__ == "__main__":
    sys.exit(main())
