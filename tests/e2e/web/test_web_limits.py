"""Every text the API takes has a maximum length, declared in its OpenAPI document and enforced with 422."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

import simulator.scripts.runner as runner_module
from simulator.adapters.db.models import CallSession, Role
from simulator.scripts.steps import TEXT_CHARS
from tests.e2e.web.test_web_bad_input import logged_in
from webapp.api.openapi import document
from webapp.db import database


def _resolve(node: Any, spec: dict[str, Any]) -> Any:
    while isinstance(node, dict) and "$ref" in node:
        target: Any = spec
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        node = target
    return node


def _bounded_pattern(pattern: str | None) -> bool:
    """Return whether a regular expression only matches strings up to some length (anchored, no * or +)."""
    return bool(pattern) and pattern.startswith("^") and pattern.endswith("$") and not {"*", "+"} & set(pattern)


def unbounded_strings(node: Any, spec: dict[str, Any], where: str, seen: set[int]) -> list[str]:
    """Return the places in a schema where a string of any length would be accepted."""
    node = _resolve(node, spec)
    if not isinstance(node, dict) or id(node) in seen:
        return []
    seen.add(id(node))
    found = []
    kinds = node.get("type")
    is_string = kinds == "string" or (isinstance(kinds, list) and "string" in kinds)
    bounded = {"maxLength", "enum", "const"} & node.keys() or _bounded_pattern(node.get("pattern"))
    if is_string and node.get("format") != "binary" and not bounded:
        found.append(where)
    for key in ("properties",):
        for name, child in node.get(key, {}).items():
            found += unbounded_strings(child, spec, f"{where}.{name}", seen)
    for key in ("items", "additionalProperties"):
        if isinstance(node.get(key), dict):
            found += unbounded_strings(node[key], spec, f"{where}[]", seen)
    for key in ("oneOf", "anyOf", "allOf"):
        for i, child in enumerate(node.get(key, [])):
            title = _resolve(child, spec).get("title", i) if isinstance(child, dict) else i
            found += unbounded_strings(child, spec, f"{where}<{title}>", seen)
    return found


def test_every_string_the_api_accepts_declares_a_maximum_length() -> None:
    spec = document()
    unbounded = []
    for path, item in spec["paths"].items():
        shared = item.get("parameters", [])
        for method, operation in item.items():
            if method == "parameters":
                continue
            for parameter in shared + operation.get("parameters", []):
                parameter = _resolve(parameter, spec)
                schema = parameter.get("schema", {})
                unbounded += unbounded_strings(schema, spec, f"{method} {path} {parameter['name']}", set())
            for media, content in operation.get("requestBody", {}).get("content", {}).items():
                unbounded += unbounded_strings(content.get("schema", {}), spec, f"{method} {path} ({media})", set())
    assert not unbounded


def test_the_step_schema_lists_every_step_with_its_limits() -> None:
    spec = document()
    body = spec["paths"]["/sessions/{session_id}/steps"]["post"]["requestBody"]["content"]["application/json"]
    variants = {v["properties"]["step"]["const"]: v for v in body["schema"]["oneOf"]}
    assert {"say", "ticket.create", "kb.propose", "remote.run"} <= variants.keys()
    create = spec["components"]["schemas"]["TicketCreateArgs"]["properties"]
    assert create["description"]["maxLength"] == TEXT_CHARS and create["summary"]["maxLength"] == 200


@pytest.fixture
def call(app: Flask) -> tuple[FlaskClient, int]:
    """A trainee with an answered call."""
    trainee = logged_in(app, Role.TRAINEE)
    started = trainee.post("/api/v1/sessions", json={"exercise": "printer-offline-angry-nl", "seed": 7}).get_json()
    trainee.post(f"/api/v1/sessions/{started['id']}/steps", json={"step": "answer"})
    return trainee, started["id"]


HUGE = "x" * 1_900_000


@pytest.mark.parametrize(
    ("step", "args", "field"),
    [
        ("ticket.create", {"summary": "Printer", "description": HUGE, "category": "printer", "impact": "low",
                           "urgency": "high"}, "description"),
        ("say", {"text": "x" * 2_001}, "text"),
        ("ticket.note", {"text": "x" * (TEXT_CHARS + 1)}, "text"),
        ("kb.propose", {"title": "Printer", "symptoms": HUGE, "solution": "Herstart"}, "symptoms"),
        ("crm.lookup", {"query": "x" * 201}, "query"),
        ("ticket.assign", {"group": "x" * 101}, "group"),
    ],
    ids=["description", "say", "note", "kb-proposal", "crm-query", "group"],
)  # fmt: skip
def test_a_text_over_its_limit_is_a_422_naming_the_field(
    app: Flask, call: tuple[FlaskClient, int], step: str, args: dict[str, Any], field: str
) -> None:
    client, call_id = call
    answer = client.post(f"/api/v1/sessions/{call_id}/steps", json={"step": step, "args": args})
    assert answer.status_code == 422
    assert answer.get_json()["field"] == field and "at most" in answer.get_json()["error"]
    with database(app).sessions() as db:
        stored = db.get(CallSession, call_id)
        assert stored is not None and len(stored.steps) == 1  # only the answer: nothing of the refused step


def test_a_call_takes_a_bounded_number_of_steps(call: tuple[FlaskClient, int], monkeypatch: pytest.MonkeyPatch) -> None:
    client, call_id = call
    monkeypatch.setattr(runner_module, "MAX_CALL_STEPS", 3)
    for _ in range(2):
        assert client.post(f"/api/v1/sessions/{call_id}/steps", json={"step": "wait", "args": 1}).status_code == 200
    refused = client.post(f"/api/v1/sessions/{call_id}/steps", json={"step": "wait", "args": 1})
    assert refused.status_code == 422 and "at most 3 steps" in refused.get_json()["error"]
    assert client.post(f"/api/v1/sessions/{call_id}/end").status_code == 200
