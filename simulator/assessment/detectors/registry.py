"""Detectors registered by name: small functions over a call that judge one or more activities.

Detectors are named after the behaviour they look for, never after a BKD activity: the rubric maps
activities to detectors. A detector that looks at several sides of one behaviour declares them as
*aspects* (e.g. ``security_risk``: recognises, explains, remedies, calls_experts); the rubric names
the aspect it wants, and a rubric naming an aspect the detector does not know is refused on loading.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from simulator.assessment.context import CallView
from simulator.assessment.model import Finding

#: A detector judges a call for one aspect ("" when the detector has no aspects).
DetectorFn = Callable[[CallView, str], Finding]


@dataclass(frozen=True)
class Detector:
    """A named detector and the aspects of its behaviour it can judge (none: one behaviour)."""

    name: str
    aspects: tuple[str, ...]
    fn: DetectorFn
    summary: str

    def __call__(self, view: CallView, aspect: str = "") -> Finding:
        """Judge ``aspect`` of the behaviour in the call seen through ``view``."""
        return self.fn(view, aspect)


REGISTRY: dict[str, Detector] = {}


def detector(name: str, *aspects: str) -> Callable[[DetectorFn], DetectorFn]:
    """Register the decorated function as detector ``name`` with these aspects."""

    def register(fn: DetectorFn) -> DetectorFn:
        if name in REGISTRY:
            raise ValueError(f"detector {name!r} is registered twice")
        summary = (fn.__doc__ or name).strip().splitlines()[0]
        REGISTRY[name] = Detector(name, tuple(aspects), fn, summary)
        return fn

    return register


def get_detector(name: str) -> Detector:
    """Return the detector ``name``; KeyError lists the known names."""
    _load_all()
    try:
        return REGISTRY[name]
    except KeyError:
        raise KeyError(f"unknown detector {name!r}; known: {', '.join(sorted(REGISTRY))}") from None


def all_detectors() -> dict[str, Detector]:
    """Return every registered detector by name."""
    _load_all()
    return dict(REGISTRY)


def _load_all() -> None:
    """Import the detector modules so their decorators run."""
    from simulator.assessment.detectors import (  # noqa: F401
        conversation,
        greeting,
        helpdesk,
        inquiry,
        kb,
        procedures,
        security,
        teamwork,
        technical,
    )
