"""The replay report (``eerstelijn replay --json``), exactly as the contract describes it."""

from __future__ import annotations

import importlib
from typing import Any

from simulator.conversation.record import CallRecord


def assessment_of(record: CallRecord) -> dict[str, Any]:
    """Return the assessment part of the report, or an empty one while no assessment is installed."""
    try:
        module = importlib.import_module("simulator.assessment")
    except ModuleNotFoundError as exc:
        if exc.name and exc.name.startswith("simulator.assessment"):
            return {"competencies": []}
        raise
    assess = getattr(module, "assess_record", None)
    if not callable(assess):
        return {"competencies": []}
    result = assess(record)
    return dict(result)


def build_report(record: CallRecord) -> dict[str, Any]:
    """Return the whole report of a call as plain JSON-ready data."""
    return {
        "exercise": record.exercise.id,
        "seed": record.seed,
        "form": record.exercise.form,
        "mode": record.mode,
        "qualification": record.exercise.qualification,
        "transcript": record.transcript(),
        "events": [e.to_dict() for e in record.events],
        "outcome": record.outcome.to_dict(),
        "ticket": record.ticket,
        "assessment": assessment_of(record),
    }
