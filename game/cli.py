"""The `detente` command."""

from __future__ import annotations

import argparse
import json
import secrets
import sys
from pathlib import Path

from game import __version__
from game.engine.state import State
from game.engine.transcript import Transcript, TranscriptError
from game.resources import scenario_path, shipped_scenarios
from game.saves import load
from game.scenario import ScenarioError, inspect_scenario_bytes, load_scenario
from game.scenario.model import Scenario

BAD_INPUT = 2


def _fail(message: str, code: int = BAD_INPUT) -> int:
    print(f"detente: {message}", file=sys.stderr)
    return code


def _load(name: str | None) -> Scenario:
    return load_scenario(scenario_path(name))


def cmd_validate(args: argparse.Namespace) -> int:
    worst = 0
    for name in args.files:
        path = Path(name)
        try:
            raw = path.read_bytes()
        except OSError as exc:
            print(f"{name}:1:1: cannot read the file ({exc.strerror or exc})")
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
        Path(args.out).write_text(text, encoding="utf-8")
        print(f"wrote {args.out}")
    else:
        sys.stdout.write(text)
    return 0


def _resume(file: str, scenario_name: str | None) -> tuple[Scenario, Transcript, State, Path]:

    transcript = load(file)
    candidates = [scenario_name] if scenario_name else [transcript.scenario_file, transcript.scenario_id]
    last_error: Exception | None = None
    for candidate in candidates:
        if not candidate:
            continue
        try:
            scenario = _load(candidate)
        except ScenarioError as exc:
            last_error = exc
            continue
        if scenario.digest == transcript.scenario_sha256 or scenario_name:
            return scenario, transcript, transcript.replay(scenario), Path(file)
    if isinstance(last_error, ScenarioError):
        raise last_error
    raise TranscriptError(f"{file}: cannot find the scenario '{transcript.scenario_id}' it was played with "
                          "(give it with --scenario FILE)")


def cmd_replay(args: argparse.Namespace) -> int:
    from game.analysis.debrief import debrief
    from game.text import render

    scenario, transcript, state, _ = _resume(args.file, args.scenario)
    if args.show:
        for item in state.log:
            print(render.entry(item, True))
        if state.over:
            print(render.debrief(scenario, debrief(state), state))
    moves = len(transcript.moves)
    if transcript.matches(state):
        outcome = state.result.kind if state.result else "unfinished"
        print(f"{args.file}: replayed {moves} moves of '{scenario.title}': the final state matches ({outcome})")
        return 0
    print(f"{args.file}: replayed {moves} moves: the final state does NOT match the recorded one")
    return 1


def cmd_play(args: argparse.Namespace) -> int:
    from game.text.play import play_text

    if args.resume:
        scenario, transcript, state, path = _resume(args.resume, args.scenario)
        if state.over:
            return _fail(f"{args.resume}: this game is already over; see it with `detente replay --show`", 1)
        play_text(scenario, side=None, difficulty=None, seed=transcript.seed,
                  practice=True, bot=args.player_bot, resume=(transcript, state, path))
        return 0
    scenario = _load(args.scenario)
    if args.side and args.side not in scenario.negotiators:
        return _fail(f"unknown side '{args.side}' (sides: {', '.join(scenario.negotiators)})")
    if args.difficulty and args.difficulty not in scenario.spec.ai.difficulties:
        return _fail(f"unknown difficulty '{args.difficulty}' "
                     f"(levels: {', '.join(scenario.spec.ai.difficulties)})")
    seed = args.seed if args.seed is not None else secrets.randbelow(1_000_000)
    if args.seed is None:
        print(f"Seed {seed} (play the same game again with --seed {seed})")
    play_text(scenario, side=args.side, difficulty=args.difficulty, seed=seed, practice=args.mode == "practice",
              bot=args.player_bot)
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    for path in shipped_scenarios():
        try:
            sc = load_scenario(path)
        except ScenarioError as exc:
            print(f"{path.stem}: broken ({exc.problems[0].message})")
            continue
        length = f", about {sc.spec.minutes} minutes" if sc.spec.minutes else ""
        print(f"{path.stem}: {sc.title} ({sc.deadline} turns{length})\n  {sc.spec.summary}")
    return 0


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
    play.add_argument("--side", help="the negotiator you play (e.g. us or russia)")
    play.add_argument("--difficulty", help="easy, normal or hard (as the scenario defines)")
    play.add_argument("--seed", type=_seed, help="the game's seed: the same seed gives the same game")
    play.add_argument("--mode", choices=["practice", "graded"], default="practice",
                      help="practice shows the AI's reasons; graded does not")
    play.add_argument("--player-bot", choices=["random", "greedy", "tough"],
                      help="let a bot play your side to the end")
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
    schema.set_defaults(run=cmd_schema)

    listing = sub.add_parser("scenarios", help="list the scenarios that ship with the game")
    listing.set_defaults(run=cmd_list)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if args.command is None:
        args = parser().parse_args(["play", "--text", *(argv or sys.argv[1:])])
    try:
        return int(args.run(args))
    except ScenarioError as exc:
        print(exc.render(), file=sys.stderr)
        return BAD_INPUT
    except TranscriptError as exc:
        return _fail(str(exc))
    except KeyboardInterrupt:
        print("\nInterrupted. The game was saved after the last complete move.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 1


if __name__ == "__main__":
    sys.exit(main())
