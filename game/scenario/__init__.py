"""Scenario files: the format, the safe reader, the validator and the compiled model."""

from game.scenario.loader import ScenarioError, inspect_scenario_bytes, load_scenario, load_scenario_bytes
from game.scenario.model import OPEN, Package, Scenario
from game.scenario.yamlsafe import Problem

__all__ = ["OPEN", "Package", "Problem", "Scenario", "ScenarioError", "inspect_scenario_bytes",
           "load_scenario", "load_scenario_bytes"]
