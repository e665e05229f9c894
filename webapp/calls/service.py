"""The web app's calls service: the core's :class:`~simulator.service.CallService`, one per app.

``init_app`` wires it (the composition root's part for calls): runners built from the app's content
and the call's world in the database, a per-app cache of live runners (gunicorn forks the preloaded
app, so each worker has its own), and the database desk (:mod:`webapp.calls.world`). Each request's
SQLAlchemy session is the unit of work. The service raises domain errors; ``webapp.errors`` words
them and picks their HTTP status in one handler.
"""

from __future__ import annotations

from typing import Any

from flask import Flask, current_app
from sqlalchemy.orm import Session

from simulator.adapters.db.call_store import SqlCallStore
from simulator.adapters.db.models import Assignment, CallSession, Mode, User
from simulator.scripts.runner import CallRunner
from simulator.service.calls import CallService, StepOutcome, View
from simulator.service.runners import RunnerCache
from webapp.calls import world
from webapp.calls.runners import new_runner

_KEY = "eerstelijn.calls"


def init_app(app: Flask) -> None:
    """Give the app its calls service."""
    app.extensions[_KEY] = CallService(RunnerCache(new_runner), world)


def calls(app: Flask | None = None) -> CallService:
    """Return the app's calls service."""
    found: CallService = (app or current_app).extensions[_KEY]
    return found


def start_session(
    db: Session,
    trainee: User,
    exercise_id: str,
    *,
    seed: int = 0,
    mode: Mode = Mode.PRACTICE,
    assignment: Assignment | None = None,
) -> CallSession:
    """Create a ringing call for ``trainee`` (an assignment decides exercise, mode and an exam's seed)."""
    call: CallSession = calls().start(
        SqlCallStore(db), trainee.id, exercise_id, seed=seed, mode=mode, assignment=assignment
    )
    return call


def perform_step(
    db: Session,
    session_id: int,
    step: str,
    args: Any,
    *,
    live: bool = False,
    version: int | None = None,
    view: View[Any] | None = None,
) -> StepOutcome:
    """Perform one step of a call; ``live`` maps the real time since the last action onto the clock."""
    return calls().perform(SqlCallStore(db), session_id, step, args, live=live, version=version, view=view)


def end_session(db: Session, session_id: int, *, version: int | None = None) -> CallSession:
    """Hang up if the call is still open, store the report and close the session."""
    call: CallSession = calls().end(SqlCallStore(db), session_id, version=version)
    return call


def inspect(call: CallSession, view: View[Any]) -> Any:
    """Return ``view`` of a running call from its runner."""
    return calls().inspect(call, view)


def runner_for(call: CallSession) -> CallRunner:
    """Return the call's live runner at its stored version (replayed when this worker has none)."""
    return calls().runners.runner_for(call)


def rebuild(call: CallSession) -> CallRunner:
    """Return a fresh replay of the call's stored steps."""
    return calls().runners.rebuild(call)


def attempts_used(db: Session, assignment: Assignment, trainee_id: int) -> int:
    """Return how many calls ``trainee_id`` started for ``assignment``."""
    return SqlCallStore(db).attempts_used(assignment.id, trainee_id)
