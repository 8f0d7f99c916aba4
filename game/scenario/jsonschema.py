"""The JSON Schema (draft 7) of the scenario format, for editors' YAML completion."""

from __future__ import annotations

import json
from typing import Any

from game.scenario.schema import ScenarioSpec

DRAFT7 = "http://json-schema.org/draft-07/schema#"


def scenario_json_schema() -> dict[str, Any]:
    schema = ScenarioSpec.model_json_schema(ref_template="#/definitions/{model}")
    text = json.dumps(schema).replace('"$defs"', '"definitions"')
    out: dict[str, Any] = json.loads(text)
    out["$schema"] = DRAFT7
    out["title"] = "Détente scenario (format detente/1)"
    return out
