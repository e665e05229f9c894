"""Short constructors for findings, so detectors read as the verdicts they give."""

from __future__ import annotations

from simulator.assessment.model import Evidence, Finding, Verdict


def met(why: str, *evidence: Evidence) -> Finding:
    """Return a ``met`` finding."""
    return Finding(Verdict.MET, tuple(evidence), why)


def partly(why: str, *evidence: Evidence) -> Finding:
    """Return a ``partly`` finding."""
    return Finding(Verdict.PARTLY, tuple(evidence), why)


def not_met(why: str, *evidence: Evidence) -> Finding:
    """Return a ``not_met`` finding."""
    return Finding(Verdict.NOT_MET, tuple(evidence), why)


def unobserved(why: str) -> Finding:
    """Return a ``not_observed`` finding: the call gave no occasion to judge the activity."""
    return Finding(Verdict.NOT_OBSERVED, (), why)


def words(text: str) -> int:
    """Return the number of words in ``text``."""
    return len(text.split())
