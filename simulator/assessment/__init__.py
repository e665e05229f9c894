"""Competency assessment: every call judged per BKD activity, with evidence, levels and reports.

``assess_record(record)`` gives the ``assessment`` part of the replay report as plain data;
``assess(record)`` gives the typed :class:`Assessment` for the web app.
"""

from __future__ import annotations

from typing import Any

from simulator.assessment.model import (
    LEVEL_NAMES,
    ActivityResult,
    Assessment,
    CompetencyResult,
    Evidence,
    Finding,
    Verdict,
)
from simulator.assessment.modes import model_answer, next_hint
from simulator.assessment.rubric import Rubric, load_rubric, read_rubric
from simulator.assessment.scoring import assess
from simulator.conversation.record import CallRecord


def assess_record(record: CallRecord) -> dict[str, Any]:
    """Return the assessment of a call as the replay report's ``assessment`` part."""
    return assess(record).to_dict()


__all__ = [
    "LEVEL_NAMES",
    "ActivityResult",
    "Assessment",
    "CompetencyResult",
    "Evidence",
    "Finding",
    "Rubric",
    "Verdict",
    "assess",
    "assess_record",
    "load_rubric",
    "model_answer",
    "next_hint",
    "read_rubric",
]
