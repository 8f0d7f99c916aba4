"""A class's handed-in games for report tests and the report benchmark: each "student" seat is played by a
bot's logic (greedy, random or the AI's own) but recorded as a person with a name, as the terminal does."""

from __future__ import annotations

import json
from pathlib import Path

from game.ai.bots import GreedyBot, RandomBot
from game.ai.opponent import ScenarioAI
from game.ai.policy import Policy, play_out
from game.engine import new_game
from game.engine.transcript import Transcript
from game.resources import scenario_path
from game.scenario import load_scenario
from game.scenario.model import Scenario
from game.seats import Controller, describe, seating


def student_game(sc: Scenario, n: int) -> dict:
    """The n-th student's game, as the JSON data of its transcript."""
    side = sc.negotiators[n % len(sc.negotiators)]
    levels = list(sc.spec.ai.difficulties)
    level = levels[(n // len(sc.negotiators)) % len(levels)]
    seats = seating(sc, {side: Controller("human")}, level)
    seed = 1000 + n
    style = n % 3
    student: Policy = GreedyBot() if style == 0 else RandomBot(seed) if style == 1 else ScenarioAI(side, level)
    state = new_game(sc, seed, voiced=[s for s, c in seats.items() if c.kind == "ai"])
    transcript = Transcript.start(state, describe(seats), practice=False, names={side: f"Student {n + 1:03d}"})
    policies = {s: (student if s == side else c.policy(s, seed)) for s, c in seats.items()}
    play_out(state, policies, on_move=transcript.record)
    return json.loads(json.dumps(transcript.to_dict()))


def hand_in(folder: Path, count: int, scenario: str = "geneva-2022") -> list[Path]:
    """Write `count` students' transcripts into `folder`."""
    sc = load_scenario(scenario_path(scenario))
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(count):
        path = folder / f"student-{n + 1:03d}.json"
        path.write_text(json.dumps(student_game(sc, n), indent=1, ensure_ascii=False), encoding="utf-8")
        paths.append(path)
    return paths
