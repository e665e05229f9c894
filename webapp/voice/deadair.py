"""Put the dead air measured on a voice call into its report (``outcome.dead_air_s``).

The report is built when the call ends (``simulator.service.calls.CallService.end``); the silences the
trainee left on the line are only known to the call's turn tracker (in this process, or in Redis).
A ``before_flush`` hook adds them to the report as it is stored, so the calls service needs to know
nothing about voice. Calls
taken by typing have no tracker and their report stays as it was.
"""

from __future__ import annotations

from typing import Any

from flask import current_app, has_app_context
from sqlalchemy import event
from sqlalchemy.orm import Session

from simulator.adapters.db.models import CallSession, SessionStatus
from simulator.voice.ports import VoiceUnavailable
from webapp.voice.streams import call_key, streams


def with_dead_air(report: dict[str, Any], dead_air_s: float) -> dict[str, Any]:
    """Return a copy of ``report`` whose outcome carries ``dead_air_s``."""
    outcome = dict(report.get("outcome") or {})
    outcome["dead_air_s"] = float(dead_air_s)
    return {**report, "outcome": outcome}


@event.listens_for(Session, "before_flush")
def add_dead_air(session: Session, _context: Any, _instances: Any) -> None:
    """Add the tracker's dead air to the report of a call being ended in this flush."""
    if not has_app_context():
        return
    for obj in list(session.dirty):
        if not isinstance(obj, CallSession) or obj.status is not SessionStatus.ENDED:
            continue
        report = obj.report
        if not isinstance(report, dict) or "dead_air_s" in (report.get("outcome") or {}):
            continue
        store = streams().turns
        try:
            turns = store.existing(call_key(obj))
            if turns is None:
                continue
            store.drop(call_key(obj))
        except VoiceUnavailable as exc:  # Redis away: the call still ends; only its dead air is not reported
            current_app.logger.warning("dead air of call %s not known: %s", obj.id, exc)
            continue
        obj.report = with_dead_air(report, turns.tracker.dead_air_s)
