"""Who may do what: the role decorator and the visibility rules for cohorts and call sessions.

Roles fail with 403; objects outside your scope (another trainee's session, another instructor's
cohort) answer 404 so their existence is not revealed. Admins pass every check.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import ParamSpec, TypeVar

from flask import abort, request
from flask_login import current_user, login_required

from simulator.adapters.db.models import CallSession, Cohort, Role, User
from webapp.queries import cohorts_of_trainee

P = ParamSpec("P")
R = TypeVar("R")


def wants_json() -> bool:
    """Return whether this request should be answered in JSON (the API)."""
    return request.path.startswith("/api/")


def role_required(*roles: Role) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Let only logged-in users with one of ``roles`` (or admins) through; others get 401/redirect or 403."""
    allowed = {Role(role) for role in roles} | {Role.ADMIN}

    def decorate(view: Callable[P, R]) -> Callable[P, R]:
        @wraps(view)
        def wrapped(*args: P.args, **kwargs: P.kwargs) -> R:
            if current_user.role not in allowed:
                abort(403)
            return view(*args, **kwargs)

        guarded: Callable[P, R] = login_required(wrapped)
        return guarded

    return decorate


def can_see_cohort(user: User, cohort: Cohort) -> bool:
    """Return whether ``user`` may see ``cohort``: its instructors and admins may."""
    if user.role is Role.ADMIN:
        return True
    return user.role is Role.INSTRUCTOR and any(i.id == user.id for i in cohort.instructors)


def can_see_session(user: User, call: CallSession) -> bool:
    """Return whether ``user`` may see a call: the trainee who made it, their cohort's instructors, admins."""
    if user.role is Role.ADMIN or call.trainee_id == user.id:
        return True
    if user.role is not Role.INSTRUCTOR:
        return False
    return any(can_see_cohort(user, cohort) for cohort in cohorts_of_trainee(call.trainee_id))


def visible_session_or_404(call: CallSession | None) -> CallSession:
    """Return ``call`` if the current user may see it, else stop with 404."""
    if call is None or not can_see_session(current_user, call):
        abort(404)
    return call
