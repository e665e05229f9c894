"""Short constructors for findings, so detectors read as the verdicts they give.

A detector names its reason by a code and gives the values the sentence needs as keyword
parameters (``partly("identity.partial", evidence, missing=["date_of_birth"])``); the words are in
``explanations.yaml``, rendered at the edge.
"""

from __future__ import annotations

from typing import Any

from simulator.assessment.model import Evidence, Finding, Reason, Verdict


def met(code: str, *evidence: Evidence, **params: Any) -> Finding:
    """Return a ``met`` finding."""
    return Finding(Verdict.MET, tuple(evidence), (Reason(code, params),))


def partly(code: str, *evidence: Evidence, **params: Any) -> Finding:
    """Return a ``partly`` finding."""
    return Finding(Verdict.PARTLY, tuple(evidence), (Reason(code, params),))


def not_met(code: str, *evidence: Evidence, **params: Any) -> Finding:
    """Return a ``not_met`` finding."""
    return Finding(Verdict.NOT_MET, tuple(evidence), (Reason(code, params),))


def unobserved(code: str, **params: Any) -> Finding:
    """Return a ``not_observed`` finding: the call gave no occasion to judge the activity."""
    return Finding(Verdict.NOT_OBSERVED, (), (Reason(code, params),))


def words(text: str) -> int:
    """Return the number of words in ``text``."""
    return len(text.split())
