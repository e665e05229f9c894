"""Slow down password guessing: a budget of attempts per account and per client address, per window.

Each key (``account:<e-mail>``, ``address:<ip>``) has one row in ``login_throttle``. An attempt
*reserves* a unit of each key's budget before the password is checked, with one atomic UPDATE that
only succeeds while the budget lasts; a successful login gives its units back. So 30 parallel guesses
at one account get at most the budget evaluated, whatever the number of workers, and one address
spraying a password over many accounts runs out of its own budget. Every worker shares the counts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import case, delete, literal, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from simulator.adapters.db.base import utcnow
from simulator.adapters.db.models import LoginThrottle

#: rows whose window started longer ago than this are forgotten (a guessed address leaves one row per key)
FORGET_AFTER = timedelta(days=1)


@dataclass(frozen=True)
class Budget:
    """How many attempts one key may use per window."""

    key: str
    limit: int


def keys_for(email: str, address: str, account_limit: int, address_limit: int) -> tuple[Budget, ...]:
    """Return the budgets one login attempt draws on: the address's first, then the account's."""
    return (Budget(f"address:{address}", address_limit), Budget(f"account:{email}", account_limit))


def reserve(db: Session, budgets: tuple[Budget, ...], window: timedelta) -> bool:
    """Take one attempt from every budget, each atomically; when one is spent, give back the others and return False.

    A refused attempt checks no password, so it costs nothing: a class whose colleague's account is
    locked does not use up its shared address by retrying.
    """
    db.execute(delete(LoginThrottle).where(LoginThrottle.window_start < utcnow() - max(window, FORGET_AFTER)))
    for n, budget in enumerate(budgets):
        allowed = _take(db, budget, window)
        db.commit()
        if not allowed:
            release(db, budgets[:n])
            return False
    return True


def release(db: Session, budgets: tuple[Budget, ...]) -> None:
    """Give the attempt back after a successful login: only failures keep counting."""
    for budget in budgets:
        db.execute(
            update(LoginThrottle)
            .where(LoginThrottle.key == budget.key, LoginThrottle.attempts > 0)
            .values(attempts=LoginThrottle.attempts - 1)
        )
    db.commit()


def _take(db: Session, budget: Budget, window: timedelta) -> bool:
    """Count one attempt against ``budget`` in a single UPDATE; a window that ran out starts again at 1."""
    now = utcnow()
    _ensure_row(db, budget.key, now)
    expired = LoginThrottle.window_start <= now - window
    restart = literal(now, LoginThrottle.window_start.type)
    result = db.execute(
        update(LoginThrottle)
        .where(LoginThrottle.key == budget.key, expired | (LoginThrottle.attempts < budget.limit))
        .values(
            attempts=case((expired, 1), else_=LoginThrottle.attempts + 1),
            window_start=case((expired, restart), else_=LoginThrottle.window_start),
        )
        .execution_options(synchronize_session=False)
    )
    return bool(getattr(result, "rowcount", 0))


def _ensure_row(db: Session, key: str, now: datetime) -> None:
    """Create the key's row if it is missing; a row created by a parallel request is left as it is."""
    insert = pg_insert if db.get_bind().dialect.name == "postgresql" else sqlite_insert
    statement = insert(LoginThrottle).values(key=key, attempts=0, window_start=now)
    db.execute(statement.on_conflict_do_nothing(index_elements=["key"]))
