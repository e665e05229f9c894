"""Data the instructor tests share: a real call replayed through the engine and stored for a trainee."""

from __future__ import annotations

import copy
from functools import lru_cache
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from simulator.adapters.db.base import utcnow
from simulator.adapters.db.models import CallSession, SessionStatus, User
from simulator.scripts.replay import run_script
from simulator.scripts.script import load_script

SCRIPTS = Path(__file__).resolve().parents[2] / "scripts"


@lru_cache(maxsize=8)
def _replayed(name: str) -> dict[str, Any]:
    return run_script(load_script(SCRIPTS / f"{name}.yaml"))


def replayed_report(name: str = "printer-offline-angry-nl-strong") -> dict[str, Any]:
    """Return the replay report of a reference script (a fresh copy each time)."""
    return copy.deepcopy(_replayed(name))


def store_call(
    db: Session, trainee: User, script: str = "printer-offline-angry-nl-strong", **overrides: Any
) -> CallSession:
    """Store an ended call of ``trainee`` with the events and report of a replayed reference script."""
    report = replayed_report(script)
    fields: dict[str, Any] = {
        "exercise_id": report["exercise"],
        "seed": report["seed"],
        "status": SessionStatus.ENDED,
        "events": report["events"],
        "report": report,
        "ended_at": utcnow(),
    }
    fields.update(overrides)
    call = CallSession(trainee=trainee, **fields)
    db.add(call)
    db.commit()
    return call


def first_judged(report: dict[str, Any], verdict: str = "met") -> tuple[str, str]:
    """Return (competency id, activity id) of the first activity with this automatic verdict."""
    for comp in report["assessment"]["competencies"]:
        for act in comp["activities"]:
            if act["verdict"] == verdict and act.get("detector"):
                return comp["id"], act["id"]
    raise LookupError(verdict)
