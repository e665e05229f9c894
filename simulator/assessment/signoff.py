"""The human in charge of exam results: levels stay provisional until an instructor signs them off.

Automatic scoring that decides on a qualification is high-risk under the EU AI Act (Annex III,
education). In exam mode a verdict is *confirmed* when an instructor signed it off — the whole call
at once or verdict by verdict — or replaced it by their own (an override is a human judgement too).
A competency's level is final when every judged verdict under it is confirmed; until then it is
provisional. Practice calls decide nothing and need no sign-off.

:func:`reviewed` lays overrides and sign-offs over an automatic assessment; :func:`history` gives
every state the results were in, so an export can replace what it sent before (see ``exports/xapi``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from simulator.assessment.overrides import Override, apply_overrides


@dataclass(frozen=True)
class SignOff:
    """An instructor's confirmation of a call's exam results: one activity, or all (``activity`` None)."""

    session: str
    instructor: str
    at: datetime
    activity: str | None = None


def _iso(moment: datetime) -> str:
    """Return a moment as ISO 8601 in UTC (a database may give naive UTC datetimes back)."""
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone(UTC).isoformat()


def judged(activity: dict[str, Any]) -> bool:
    """Return whether an activity carries a verdict someone must stand behind (judged or overridden)."""
    return bool(activity.get("detector")) or "automatic_verdict" in activity


def reviewed(
    assessment: dict[str, Any],
    mode: str,
    overrides: Iterable[Override] = (),
    signoffs: Iterable[SignOff] = (),
) -> dict[str, Any]:
    """Return the assessment with the instructor's verdicts in force and, in exams, what is still provisional.

    Each judged activity of an exam gets ``confirmed`` (``{"by", "at", "how"}`` or None), each
    competency ``provisional`` and, once final, ``signed_off`` (the last confirmation under it); the
    whole assessment gets ``provisional`` while any level still is.
    """
    overrides = list(overrides)
    out = apply_overrides(assessment, overrides)
    exam = mode == "exam"
    out["provisional"] = False
    if not exam:
        return out
    whole = sorted((s for s in signoffs if s.activity is None), key=lambda s: _iso(s.at))
    single = {s.activity: s for s in sorted(signoffs, key=lambda s: _iso(s.at)) if s.activity is not None}
    changed = {o.activity: o for o in sorted(overrides, key=lambda o: _iso(o.at))}
    competencies = []
    for comp in out.get("competencies", []):
        activities = []
        confirmations: list[dict[str, Any]] = []
        for act in comp.get("activities", []):
            if not judged(act):
                activities.append(act)
                continue
            found = _confirmation(act["id"], whole, single.get(act["id"]), changed.get(act["id"]))
            activities.append({**act, "confirmed": found})
            confirmations.append(found or {})
        final = comp.get("level") is not None and bool(confirmations) and all(confirmations)
        last = max(confirmations, key=lambda c: c["at"]) if final else None
        competencies.append(
            {**comp, "activities": activities, "provisional": comp.get("level") is not None and not final}
            | {"signed_off": None if last is None else {"by": last["by"], "at": last["at"]}}
        )
    out["competencies"] = competencies
    out["provisional"] = any(c["provisional"] for c in competencies)
    return out


def _confirmation(
    activity: str, whole: Sequence[SignOff], own: SignOff | None, override: Override | None
) -> dict[str, Any] | None:
    """Return the latest human confirmation of one activity's verdict, or None while it is automatic."""
    found: list[dict[str, Any]] = []
    if whole:
        found.append({"by": whole[-1].instructor, "at": _iso(whole[-1].at), "how": "signed_off"})
    if own is not None:
        found.append({"by": own.instructor, "at": _iso(own.at), "how": "signed_off"})
    if override is not None:
        found.append({"by": override.instructor, "at": _iso(override.at), "how": "override"})
    return max(found, key=lambda c: c["at"]) if found else None


def history(
    assessment: dict[str, Any],
    mode: str,
    overrides: Sequence[Override] = (),
    signoffs: Sequence[SignOff] = (),
) -> list[dict[str, Any]]:
    """Return every state the results were in before the current one, oldest first.

    Each entry is ``{"until": ISO time, "assessment": ...}``: the results as they stood until an
    instructor's override or sign-off at ``until`` changed them. The current state is not included.
    """
    actions: list[tuple[str, int, Override | SignOff]] = [(_iso(o.at), 0, o) for o in overrides]
    actions += [(_iso(s.at), 1, s) for s in signoffs]
    actions.sort(key=lambda a: (a[0], a[1]))
    out = []
    for n, (at, _, _) in enumerate(actions):
        done = [a for _, _, a in actions[:n]]
        state = reviewed(
            assessment, mode, [a for a in done if isinstance(a, Override)], [a for a in done if isinstance(a, SignOff)]
        )
        out.append({"until": at, "assessment": state})
    return out
