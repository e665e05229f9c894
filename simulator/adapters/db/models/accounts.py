"""Accounts: who may log in, with which role and language; API tokens; the login throttle's counters."""

from __future__ import annotations

import enum
import hashlib
import hmac
import secrets
import uuid
from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from simulator.adapters.db.base import Base, utcnow
from simulator.adapters.db.models._types import enum_column

LOCALES = ("nl", "fr", "en")


def new_session_token() -> str:
    """Return a fresh random session token (rotated at logout and at a password change)."""
    return secrets.token_hex(16)


class Role(enum.StrEnum):
    """What an account may do: take calls, assess a cohort, or manage everything."""

    TRAINEE = "trainee"
    INSTRUCTOR = "instructor"
    ADMIN = "admin"


class User(Base):
    """A person who logs in. Offers the attributes Flask-Login expects without importing it."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    display_name: Mapped[str] = mapped_column(String(120))
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[Role] = mapped_column(enum_column(Role, "role"), default=Role.TRAINEE)
    locale: Mapped[str] = mapped_column(String(5), default="nl")
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    #: part of the id in every login cookie: rotating it ends every session of the account at once
    session_token: Mapped[str] = mapped_column(String(32), default=new_session_token)
    #: a random id that stands for the person in exports (xAPI), never their name or e-mail address
    pseudonym: Mapped[str] = mapped_column(String(36), unique=True, default=lambda: str(uuid.uuid4()))

    tokens: Mapped[list[ApiToken]] = relationship(back_populates="user", cascade="all, delete-orphan")

    def set_password(self, password: str) -> None:
        """Store a salted hash of ``password``; the password itself is never kept."""
        self.password_hash = generate_password_hash(password)

    def check_password(self, password: str) -> bool:
        """Return whether ``password`` matches the stored hash."""
        return check_password_hash(self.password_hash, password)

    def change_password(self, password: str) -> None:
        """Set a new password and end what the old one opened: every login session and every API token."""
        self.set_password(password)
        self.end_sessions()
        self.tokens.clear()

    def end_sessions(self) -> None:
        """Invalidate every login cookie of the account (logout, password change)."""
        self.session_token = new_session_token()

    def matches_session(self, token: str) -> bool:
        """Return whether a login cookie's token is the account's current one."""
        return bool(self.session_token) and hmac.compare_digest(self.session_token, token)

    @property
    def is_authenticated(self) -> bool:
        """Tell Flask-Login a loaded user is logged in."""
        return True

    @property
    def is_active(self) -> bool:
        """Tell Flask-Login whether the account may log in."""
        return self.active

    @property
    def is_anonymous(self) -> bool:
        """Tell Flask-Login this is a real account."""
        return False

    def get_id(self) -> str:
        """Return the id Flask-Login keeps in the session cookie: the account and its session token.

        Flask-Login's "alternative id": a cookie copied before a logout or a password change names
        an old token and no longer loads the account.
        """
        return f"{self.id}.{self.session_token}"

    def __repr__(self) -> str:
        return f"<User {self.id} {self.email} {self.role.value}>"


def hash_token(token: str) -> str:
    """Return the digest under which an API token is stored (tokens are random, so SHA-256 suffices)."""
    return hashlib.sha256(token.encode()).hexdigest()


class ApiToken(Base):
    """A bearer token with which a script or LMS calls the JSON API as one user."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    label: Mapped[str] = mapped_column(String(120), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_used_at: Mapped[datetime | None] = mapped_column(default=None)

    user: Mapped[User] = relationship(back_populates="tokens")

    @classmethod
    def issue(cls, user: User, label: str = "") -> tuple[ApiToken, str]:
        """Create a token for ``user``; return the row and the secret, which is shown only once."""
        secret = secrets.token_urlsafe(32)
        return cls(user=user, token_hash=hash_token(secret), label=label), secret


class LoginThrottle(Base):
    """Login attempts counted against one key (an account or a client address) in a fixed window.

    ``attempts`` counts failures plus attempts still being checked; it is changed only by single
    atomic UPDATE statements (``webapp.auth.throttle``), so parallel requests cannot overshoot it.
    """

    __tablename__ = "login_throttle"

    key: Mapped[str] = mapped_column(String(300), primary_key=True)
    attempts: Mapped[int] = mapped_column(default=0)
    window_start: Mapped[datetime] = mapped_column(default=utcnow)
