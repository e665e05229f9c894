"""``/api/v1/openapi.json``: the API's OpenAPI 3.1 description, kept as YAML next to the code.

The arguments of each session-script step are not repeated in the YAML: they are generated from the
step models the engine validates with (``simulator/scripts/steps.py``), so the document's limits
(``maxLength``, enums, ranges) are the ones the server enforces.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml
from flask import jsonify
from flask.typing import ResponseReturnValue

from simulator.scripts.steps import STEPS
from webapp.api import bp

SPEC = Path(__file__).with_name("openapi.yaml")
STEP_PATH = "/sessions/{session_id}/steps"


def step_request_schema(schemas: dict[str, Any]) -> dict[str, Any]:
    """Return the body of ``POST …/steps``: one variant per step, its ``args`` from the step's model."""
    variants = []
    for name, (model, main) in STEPS.items():
        schemas.setdefault(model.__name__, model.model_json_schema())
        args: dict[str, Any] = {"$ref": f"#/components/schemas/{model.__name__}"}
        if main is not None:  # a bare value fills the step's main field, e.g. {"step": "say", "args": "Hallo"}
            args = {"anyOf": [args, schemas[model.__name__]["properties"][main]]}
        variants.append(
            {
                "type": "object",
                "title": name,
                "required": ["step"],
                "properties": {
                    "step": {"type": "string", "const": name},
                    "args": args,
                    "live": {"type": "boolean", "default": False},
                    "version": {"type": "integer"},
                },
                "additionalProperties": False,
            }
        )
    return {"oneOf": variants}


@cache
def document() -> dict[str, Any]:
    """Return the OpenAPI document (built once per process)."""
    loaded: dict[str, Any] = yaml.safe_load(SPEC.read_text(encoding="utf-8"))
    schemas = loaded.setdefault("components", {}).setdefault("schemas", {})
    body = loaded["paths"][STEP_PATH]["post"]["requestBody"]["content"]["application/json"]
    body["schema"] = {**body.get("schema", {}), **step_request_schema(schemas)}
    return loaded


@bp.get("/openapi.json")
def openapi() -> ResponseReturnValue:
    """Serve the OpenAPI document; it is public so tools can read it before logging in."""
    return jsonify(document())
