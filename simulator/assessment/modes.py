"""Practice and exam modes: hints and model answers in practice, nothing of the expected handling in exams."""

from __future__ import annotations

from typing import Any

from simulator.assessment.model import Verdict
from simulator.conversation.exercise import Exercise
from simulator.conversation.record import CallRecord


def model_answer(exercise: Exercise, mode: str) -> list[dict[str, Any]]:
    """Return the exercise's expected handling as steps, or nothing in exam mode."""
    if mode == "exam":
        return []
    return [step.model_dump(exclude_none=True) for step in exercise.expected]


def next_hint(record: CallRecord) -> dict[str, Any] | None:
    """Return the first expected step not yet shown in the call (practice only; None in exams or when all done)."""
    if record.mode == "exam":
        return None
    from simulator.assessment.scoring import assess

    verdicts = assess(record).verdicts()
    for step in record.exercise.expected:
        if verdicts.get(step.activity) is not Verdict.MET:
            return step.model_dump(exclude_none=True)
    return None
