"""Slow down password guessing: after N failures in a window, refuse logins for that name and address.

Failures are stored in the database so every web worker sees the same count.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from simulator.adapters.db.base import utcnow
from simulator.adapters.db.models import LoginFailure


def is_locked(db: Session, username: str, remote_addr: str, limit: int, window: timedelta) -> bool:
    """Return whether ``username`` from ``remote_addr`` failed ``limit`` times within ``window``."""
    since = utcnow() - window
    count = db.scalar(
        select(func.count())
        .select_from(LoginFailure)
        .where(
            LoginFailure.username == username,
            LoginFailure.remote_addr == remote_addr,
            LoginFailure.at > since,
        )
    )
    return (count or 0) >= limit


def record_failure(db: Session, username: str, remote_addr: str, window: timedelta) -> None:
    """Remember one failed login and forget the ones that fell out of the window."""
    db.execute(delete(LoginFailure).where(LoginFailure.at <= utcnow() - window))
    db.add(LoginFailure(username=username, remote_addr=remote_addr))
    db.commit()


def clear_failures(db: Session, username: str, remote_addr: str) -> None:
    """Forget the failures of a name and address after a successful login."""
    db.execute(delete(LoginFailure).where(LoginFailure.username == username, LoginFailure.remote_addr == remote_addr))
    db.commit()
