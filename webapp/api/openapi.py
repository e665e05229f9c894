"""``/api/v1/openapi.json``: the API's OpenAPI 3.1 description, kept as YAML next to the code."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml
from flask import jsonify
from flask.typing import ResponseReturnValue

from webapp.api import bp

SPEC = Path(__file__).with_name("openapi.yaml")


@cache
def document() -> dict[str, Any]:
    """Return the OpenAPI document (read once per process)."""
    loaded: dict[str, Any] = yaml.safe_load(SPEC.read_text(encoding="utf-8"))
    return loaded


@bp.get("/openapi.json")
def openapi() -> ResponseReturnValue:
    """Serve the OpenAPI document; it is public so tools can read it before logging in."""
    return jsonify(document())
