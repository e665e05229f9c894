"""Detectors registered by name: small functions over a call that judge one or more activities.

A rubric names detectors; the registry says which activities each may judge, so a rubric that
asks a detector about an activity it knows nothing of is refused when it is loaded.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from simulator.assessment.context import CallView
from simulator.assessment.model import Finding

DetectorFn = Callable[[CallView, str], Finding]


@dataclass(frozen=True)
class Detector:
    """A named detector and the activity ids it can judge."""

    name: str
    activities: tuple[str, ...]
    fn: DetectorFn
    summary: str

    def __call__(self, view: CallView, activity: str) -> Finding:
        """Judge ``activity`` in the call seen through ``view``."""
        return self.fn(view, activity)


REGISTRY: dict[str, Detector] = {}


def detector(name: str, *activities: str) -> Callable[[DetectorFn], DetectorFn]:
    """Register the decorated function as detector ``name`` for these activities."""

    def register(fn: DetectorFn) -> DetectorFn:
        if name in REGISTRY:
            raise ValueError(f"detector {name!r} is registered twice")
        summary = (fn.__doc__ or name).strip().splitlines()[0]
        REGISTRY[name] = Detector(name, tuple(activities), fn, summary)
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
        helpdesk,
        inquiry,
        kb,
        procedures,
        security,
        technical,
    )
