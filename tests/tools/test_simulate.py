"""`detente simulate`: deterministic for a seed whatever the number of processes; rates add up."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.analysis.simulate import OUTCOMES, SIM_BOTS, Cell, aggregate, play_games
from game.cli import main
from game.scenario import load_scenario
from game.tools.simulate_cmd import outcome_chart, report_markdown, run_simulation

DATA = Path(__file__).resolve().parents[1] / "data"
RIVER = DATA / "river.yaml"


def simulate(jobs: int, seed: int = 7, games: int = 40, path: Path = RIVER):  # type: ignore[no-untyped-def]
    scenario = load_scenario(path)
    return run_simulation(path.read_bytes(), str(path), games=games, bots=list(SIM_BOTS),
                          difficulties=list(scenario.spec.ai.difficulties), sides=list(scenario.seats),
                          seed=seed, jobs=jobs)


def test_the_same_seed_gives_the_same_report_whatever_the_number_of_jobs() -> None:
    one, two = simulate(jobs=1), simulate(jobs=2)
    assert one == two
    assert report_markdown(one, "c.png", "cmd") == report_markdown(two, "c.png", "cmd")
    assert outcome_chart(one) == outcome_chart(two)


def test_another_seed_gives_other_games() -> None:
    assert simulate(jobs=1, seed=7).cells != simulate(jobs=1, seed=8).cells


def test_the_rates_add_up_and_the_counts_match() -> None:
    sim = simulate(jobs=1)
    scenario = load_scenario(RIVER)
    levels = list(scenario.spec.ai.difficulties)
    overall = [s for s in sim.cells if s.bot_side is None]
    assert [(s.cell.difficulty, s.cell.bot) for s in overall] == [(d, b) for d in levels for b in SIM_BOTS]
    for stats in sim.cells:
        assert set(stats.rates) == set(OUTCOMES)
        assert sum(stats.rates.values()) == pytest.approx(1.0)
        assert all(0 <= v <= 1 for v in (*stats.events.values(), *stats.red_lines.values()))
        assert 1 <= stats.turns_min <= stats.turns_mean <= stats.turns_max <= scenario.deadline
        assert stats.ai_walkouts <= stats.rates["walkout"] + 1e-12
    for stats in overall:
        per_side = [s for s in sim.cells if s.cell == stats.cell and s.bot_side is not None]
        assert sorted(s.bot_side for s in per_side) == sorted(scenario.seats)
        assert sum(s.games for s in per_side) == stats.games == 40
        for kind in OUTCOMES:  # the whole is the average of its two halves
            assert stats.rates[kind] == pytest.approx(sum(s.rates[kind] * s.games for s in per_side) / 40)
    tough = next(s for s in overall if s.cell == Cell("hard", "tough"))
    assert tough.events["flood"] == 1.0  # at turn 2: two careful negotiators always get there


def test_a_game_depends_only_on_its_cell_index_and_seed() -> None:
    scenario = load_scenario(RIVER)
    cells = [Cell("normal", "random"), Cell("hard", "mirror")]
    together = play_games(scenario, cells, [(0, 3), (1, 3), (0, 4)], 5, scenario.negotiators)
    alone = play_games(scenario, cells, [(1, 3)], 5, scenario.negotiators)
    assert together[1] == alone[0]


def test_a_scenario_whose_ai_never_agrees_gets_a_plain_warning(tmp_path: Path) -> None:
    text = RIVER.read_text(encoding="utf-8").replace("    reservation: 0.4\n", "    reservation: 0.99\n") \
        .replace("reservation: [0.35, 0.45]", "reservation: 0.99")
    path = tmp_path / "stubborn.yaml"
    path.write_text(text, encoding="utf-8")
    sim = simulate(jobs=1, games=10, path=path)
    assert all(s.rates["agreement"] == 0 for s in sim.cells)
    assert any(w.startswith("the hard AI never agrees with any bot: check its reservation") for w in sim.warnings)


def test_the_command_writes_a_markdown_report_with_an_svg_chart(tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "river-balance.md"
    assert main(["simulate", str(RIVER), "--games", "20", "--seed", "3", "--jobs", "1", "--quiet",
                 "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "wrote" in printed and "agreement" in printed
    report = out.read_text(encoding="utf-8")
    assert "![Outcomes per difficulty and bot" in report and "(river-balance.svg)" in report
    assert "| hard | mirror | all | 20 |" in report
    chart = (tmp_path / "river-balance.svg").read_text(encoding="utf-8")
    assert chart.count("<rect") > 12 and "outcomes by difficulty and bot" in chart  # a bar per row, a title
    assert "share of games" in chart and ">agreement<" in chart  # the axis and the legend
    first = main(["simulate", str(RIVER), "--games", "20", "--seed", "3", "--jobs", "2", "--quiet",
                  "--out", str(tmp_path / "again.md")])
    assert first == 0
    assert (tmp_path / "again.md").read_text(encoding="utf-8") == report.replace("river-balance.svg", "again.svg")


def test_bad_options_are_one_line_errors(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["simulate", str(RIVER), "--difficulty", "impossible", "--quiet"]) == 2
    assert "unknown difficulty 'impossible'" in capsys.readouterr().err
    assert main(["simulate", str(RIVER), "--side", "nobody", "--quiet"]) == 2


def test_aggregate_of_no_games_is_empty_but_well_formed() -> None:
    scenario = load_scenario(RIVER)
    sim = aggregate(scenario, [Cell("easy", "greedy")], [[]], 1, 0)
    assert sim.cells[0].games == 0 and sum(sim.cells[0].rates.values()) == 0


def test_progress_is_shown_on_long_runs_even_without_a_terminal() -> None:
    import io

    from game.tools.simulate_cmd import console_progress

    stream = io.StringIO()
    show = console_progress(stream)
    for done in range(0, 10_001, 500):
        show(done, 10_000)
    lines = stream.getvalue().splitlines()
    assert 4 <= len(lines) <= 5 and lines[-1].startswith("simulating: 10,000/10,000 games (100%)")
    quiet = io.StringIO()
    console_progress(quiet)(10, 100)  # a short run in a pipe prints nothing
    assert quiet.getvalue() == ""


def test_a_three_party_scenario_with_a_mediator_is_simulated_with_the_bot_in_every_seat() -> None:
    sim = simulate(jobs=1, games=24, path=DATA / "harbour3.yaml")
    scenario = load_scenario(DATA / "harbour3.yaml")
    overall = [s for s in sim.cells if s.bot_side is None]
    for stats in overall:
        per_side = [s for s in sim.cells if s.cell == stats.cell and s.bot_side is not None]
        assert sorted(s.bot_side for s in per_side) == sorted(scenario.seats)
        assert set(stats.mean_utility) == set(scenario.negotiators)
    assert any(s.rates["agreement"] > 0 for s in overall)


def test_the_commands_list_of_bots_is_the_ais() -> None:
    from game.ai.bots import BOTS
    from game.cli import BOT_NAMES

    assert BOT_NAMES == BOTS == SIM_BOTS


def test_the_worker_processes_do_not_check_the_file_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import game.scenario.loader as loader

    log = tmp_path / "design-checks"
    design_check = loader.lint

    def counted(*args, **kwargs):  # type: ignore[no-untyped-def]
        with log.open("a") as f:  # a file: the workers are other processes
            f.write("checked\n")
        return design_check(*args, **kwargs)
    monkeypatch.setattr(loader, "lint", counted)
    one = run_simulation(RIVER.read_bytes(), str(RIVER), games=30, bots=["random"], difficulties=["easy", "hard"],
                         sides=["upstream", "downstream"], seed=2, jobs=2)
    assert log.read_text().splitlines() == ["checked"]  # once, in this process, not once more in each worker
    scenario = load_scenario(RIVER)
    log.unlink()
    again = run_simulation(RIVER.read_bytes(), str(RIVER), games=30, bots=["random"], difficulties=["easy", "hard"],
                           sides=["upstream", "downstream"], seed=2, jobs=2, scenario=scenario)
    assert not log.exists() and again == one


def warnings_for(text: str, tmp_path: Path, bots: list[str], games: int = 20, **kw):  # type: ignore[no-untyped-def]
    path = tmp_path / "s.yaml"
    path.write_text(text, encoding="utf-8")
    scenario = load_scenario(path)
    sim = run_simulation(path.read_bytes(), str(path), games=games, bots=bots,
                         difficulties=kw.get("levels", list(scenario.spec.ai.difficulties)),
                         sides=list(scenario.seats), seed=1, jobs=1, scenario=scenario)
    return sim.warnings


def test_a_failed_ratification_blames_the_side_whose_own_firm_line_was_crossed(tmp_path: Path) -> None:
    from game.resources import scenario_path

    found = warnings_for(scenario_path("geneva-2022").read_text(encoding="utf-8"), tmp_path, ["greedy"],
                         levels=["normal"])
    failed = [w for w in found if "fails at ratification" in w]
    assert len(failed) == 1, found
    assert "across a firm red line of 'us' itself, which President Joe Biden then refused" in failed[0]
    assert "the bot, playing 'us'," in failed[0] and "stakeholder" not in failed[0]


def test_a_failed_ratification_names_the_stakeholder_and_its_reason(tmp_path: Path) -> None:
    found = warnings_for(RIVER.read_text(encoding="utf-8"), tmp_path, ["greedy"])
    failed = [w for w in found if "fails at ratification" in w]
    assert len(failed) == 1, found
    assert "the stakeholder 'farmers' rejected the deal (it was not consulted)" in failed[0]


def test_a_walkout_warning_says_which_side_walked_out(tmp_path: Path) -> None:
    text = RIVER.read_text(encoding="utf-8").replace('walkout_when: "tension >= 0.9"', 'walkout_when: "turn >= 2"')
    found = warnings_for(text, tmp_path, ["greedy"], levels=["hard"])
    walkouts = [w for w in found if "end in a walkout" in w]
    assert len(walkouts) == 1, found
    assert "played by the AI, walked out" in walkouts[0] and "walkout rule" in walkouts[0]
    assert "'upstream'" in walkouts[0] or "'downstream'" in walkouts[0]


def test_careful_bots_that_play_the_same_game_every_time_are_a_warning(tmp_path: Path) -> None:
    import re

    from game.resources import scenario_path

    ranged = scenario_path("tutorial").read_text(encoding="utf-8")
    fixed = re.sub(r"\[([0-9.]+), ([0-9.]+)\]", lambda m: f"{(float(m[1]) + float(m[2])) / 2:g}", ranged)
    assert fixed != ranged  # the tutorial without its ranges: the same priorities in every game
    found = warnings_for(fixed, tmp_path, ["tough", "random"], games=12, levels=["easy"])
    assert any(w.startswith("against the tough bot every game at easy ends in the same agreement") for w in found)
    assert not any("random bot every game" in w for w in found)
    varied = warnings_for(RIVER.read_text(encoding="utf-8"), tmp_path, ["tough", "mirror"], games=12)
    assert not any(w.startswith("against the mirror bot every game") for w in varied)  # their turns differ
