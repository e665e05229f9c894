"""The assessment as typed data: verdicts with evidence per activity, levels per competency.

The web app and the exports work on these dataclasses; the replay report gets them as plain data
through :meth:`Assessment.to_dict`, in the shape the session-script contract fixes.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any


class Verdict(enum.StrEnum):
    """How well one activity was shown in a call."""

    MET = "met"
    PARTLY = "partly"
    NOT_MET = "not_met"
    NOT_OBSERVED = "not_observed"

    @property
    def points(self) -> float | None:
        """Return the share of the activity's weight this verdict earns (None: does not count)."""
        return _POINTS[self]


_POINTS: dict[Verdict, float | None] = {
    Verdict.MET: 1.0,
    Verdict.PARTLY: 0.5,
    Verdict.NOT_MET: 0.0,
    Verdict.NOT_OBSERVED: None,
}

LEVEL_NAMES = {0: "niet getoond", 1: "onvoldoende", 2: "voldoende", 3: "sterk"}


@dataclass(frozen=True)
class Evidence:
    """A moment of the call that supports a verdict: event index, time, what was said or done, and why it is cited.

    ``act`` is what the detector claims the moment shows: an act of the trainee's line (``blame_or_rude``),
    ``topic:<topic>`` (a question on that topic), ``interrupt``, the type of a world or caller event
    (``ticket.assign``, ``mood``), ``due`` (the moment the behaviour was due and did not come) or
    ``missing`` (the end of a call in which it never came). A test checks every claim over the reference calls.
    """

    t: float
    event: int
    quote: str
    #: it stands for something that never happened (it points at the end of the call)
    absence: bool = False
    act: str = ""

    def to_dict(self) -> dict[str, Any]:
        """Return the evidence as the report writes it."""
        out: dict[str, Any] = {"t": round(self.t, 2), "event": self.event, "quote": self.quote}
        if self.act:
            out["act"] = self.act
        if self.absence:
            out["absence"] = True
        return out


@dataclass(frozen=True)
class Reason:
    """Why a detector gave its verdict, as a code with parameters (``identity.partial``, ``{"missing": [...]}``).

    The core never words a reason: the report, the web pages and the exports render it in the
    reader's language from ``explanations.yaml`` (see :mod:`simulator.assessment.explain`).
    Parameter values are numbers, codes (a topic, a group, a term of the catalogue), lists of those,
    or a mapping with a ``term`` and its own values.
    """

    code: str
    params: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """Return the reason as plain data."""
        return {"code": self.code, "params": dict(self.params)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Reason:
        """Rebuild a reason from plain data."""
        return cls(str(data["code"]), dict(data.get("params") or {}))


@dataclass(frozen=True)
class Finding:
    """What one detector concludes about one activity, and why (a :class:`Reason`)."""

    verdict: Verdict
    evidence: tuple[Evidence, ...] = ()
    reasons: tuple[Reason, ...] = ()

    def __post_init__(self) -> None:
        if self.verdict is not Verdict.NOT_OBSERVED and not self.evidence:
            raise ValueError(f"a {self.verdict.value} finding needs evidence")

    @property
    def codes(self) -> tuple[str, ...]:
        """Return the codes of the reasons, in order."""
        return tuple(r.code for r in self.reasons)


@dataclass(frozen=True)
class ActivityResult:
    """The verdict on one BKD activity in one call."""

    id: str
    verdict: Verdict
    evidence: tuple[Evidence, ...] = ()
    detector: str | None = None
    reasons: tuple[Reason, ...] = ()
    text: str = ""
    observation: bool = False

    def to_dict(self) -> dict[str, Any]:
        """Return the activity result as plain data (contract keys first)."""
        return {
            "id": self.id,
            "verdict": self.verdict.value,
            "evidence": [e.to_dict() for e in self.evidence],
            "detector": self.detector,
            "reasons": [r.to_dict() for r in self.reasons],
            "text": self.text,
            "observation": self.observation,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ActivityResult:
        """Rebuild an activity result from plain data (a saved report)."""
        return cls(
            id=str(data["id"]),
            verdict=Verdict(data["verdict"]),
            evidence=tuple(
                Evidence(
                    float(e["t"]),
                    int(e["event"]),
                    str(e["quote"]),
                    absence=bool(e.get("absence", False)),
                    act=str(e.get("act", "")),
                )
                for e in data.get("evidence", [])
            ),
            detector=data.get("detector"),
            reasons=tuple(Reason.from_dict(r) for r in data.get("reasons") or ()),
            text=str(data.get("text") or ""),
            observation=bool(data.get("observation", False)),
        )


@dataclass(frozen=True)
class CompetencyResult:
    """The level of one competency in one call, with its activities."""

    id: str
    title: str
    level: int | None
    activities: tuple[ActivityResult, ...] = ()
    score: float | None = None

    def to_dict(self) -> dict[str, Any]:
        """Return the competency result as plain data."""
        return {
            "id": self.id,
            "title": self.title,
            "level": self.level,
            "level_name": LEVEL_NAMES.get(self.level) if self.level is not None else None,
            "score": None if self.score is None else round(self.score, 3),
            "activities": [a.to_dict() for a in self.activities],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CompetencyResult:
        """Rebuild a competency result from plain data."""
        return cls(
            id=str(data["id"]),
            title=str(data.get("title", "")),
            level=data.get("level"),
            activities=tuple(ActivityResult.from_dict(a) for a in data.get("activities", [])),
            score=data.get("score"),
        )


@dataclass(frozen=True)
class Assessment:
    """Every competency of the qualification, judged on one call."""

    qualification: str
    exercise: str
    mode: str
    competencies: tuple[CompetencyResult, ...] = field(default_factory=tuple)
    rubric_version: int = 1

    def to_dict(self) -> dict[str, Any]:
        """Return the assessment in the shape of the replay report's ``assessment`` part."""
        return {
            "competencies": [c.to_dict() for c in self.competencies],
            "qualification": self.qualification,
            "exercise": self.exercise,
            "mode": self.mode,
            "rubric_version": self.rubric_version,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any], exercise: str = "", mode: str = "practice") -> Assessment:
        """Rebuild an assessment from the ``assessment`` part of a report."""
        return cls(
            qualification=str(data.get("qualification", "bkd-2023")),
            exercise=str(data.get("exercise", exercise)),
            mode=str(data.get("mode", mode)),
            competencies=tuple(CompetencyResult.from_dict(c) for c in data.get("competencies", [])),
            rubric_version=int(data.get("rubric_version", 1)),
        )

    def activity(self, aid: str) -> ActivityResult:
        """Return the result of one activity; KeyError if the assessment does not hold it."""
        for comp in self.competencies:
            for act in comp.activities:
                if act.id == aid:
                    return act
        raise KeyError(aid)

    def verdicts(self) -> dict[str, Verdict]:
        """Return activity id → verdict for every activity."""
        return {a.id: a.verdict for c in self.competencies for a in c.activities}
