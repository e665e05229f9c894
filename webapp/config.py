"""Configuration classes; ``EERSTELIJN_ENV`` picks one (production, development, testing)."""

from __future__ import annotations

import os
import secrets
from datetime import timedelta
from pathlib import Path

from flask import Flask


class Config:
    """Safe defaults for every environment."""

    DATABASE_URL: str | None = None  # None: DATABASE_URL from the environment, else the SQLite file
    SECRET_KEY: str | None = os.environ.get("EERSTELIJN_SECRET_KEY")
    PERMANENT_SESSION_LIFETIME = timedelta(hours=8)
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = os.environ.get("EERSTELIJN_SECURE_COOKIES") == "1"
    SESSION_COOKIE_NAME = "eerstelijn_session"
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    MAX_CONTENT_LENGTH = 2 * 1024 * 1024
    WTF_CSRF_CHECK_DEFAULT = False  # webapp.extensions checks CSRF itself, skipping bearer-token API calls
    WTF_CSRF_TIME_LIMIT: int | None = None  # the token dies with the session, which expires
    BABEL_DEFAULT_LOCALE = "nl"
    BABEL_DEFAULT_TIMEZONE = "Europe/Brussels"
    LANGUAGES = ("nl", "fr", "en")
    LOGIN_MAX_FAILURES = 5  # per account and window
    LOGIN_MAX_FAILURES_PER_ADDRESS = 10  # per client address and window, over all accounts
    LOGIN_FAILURE_WINDOW = timedelta(minutes=5)
    #: reverse proxies in front of the app that set X-Forwarded-For/-Proto/-Host (0: none, clients connect directly)
    PROXY_HOPS: int | str = os.environ.get("EERSTELIJN_PROXY_HOPS", "0")
    SELF_REGISTRATION = True
    #: load the NLU models and the shipped content in ``create_app``, before the first request
    PRELOAD = True
    # Voice: Redis for the ASR queue (unset: recognition in the web worker), the caller's TTS engine
    # (auto: Piper where a voice fits, else espeak-ng), and the telephone-line sound.
    VOICE_REDIS_URL: str | None = os.environ.get("EERSTELIJN_REDIS_URL") or None
    VOICE_TTS_ENGINE = os.environ.get("EERSTELIJN_TTS", "auto")
    VOICE_TELEPHONE = os.environ.get("EERSTELIJN_TELEPHONE") == "1"
    #: item analysis: two forms of an exercise are flagged when their mean levels (0–3) or resolution rates
    #: (0–1) differ by more than these margins, once each was played ITEM_MIN_CALLS times
    ITEM_LEVEL_MARGIN = float(os.environ.get("EERSTELIJN_ITEM_LEVEL_MARGIN", "0.5"))
    ITEM_RATE_MARGIN = float(os.environ.get("EERSTELIJN_ITEM_RATE_MARGIN", "0.25"))
    ITEM_MIN_CALLS = int(os.environ.get("EERSTELIJN_ITEM_MIN_CALLS", "5"))
    #: base of the IRIs in xAPI exports (e.g. https://leren.school.be/eerstelijn); empty: this server's address + /xapi
    XAPI_BASE_URL: str = os.environ.get("EERSTELIJN_XAPI_BASE", "")


class ProductionConfig(Config):
    """Run behind gunicorn; set EERSTELIJN_SECURE_COOKIES=1 when served over HTTPS."""


class DevelopmentConfig(Config):
    """The local demo (``eerstelijn serve``)."""

    TEMPLATES_AUTO_RELOAD = True


class TestingConfig(Config):
    """Tests: a fixed secret, CSRF and rate limiting still on so tests prove them."""

    TESTING = True
    SECRET_KEY = "test-secret-key"  # noqa: S105  (tests only)
    PRELOAD = False  # each test loads what it uses; the preload has its own test
    VOICE_REDIS_URL = None  # a test that wants the queue says so


ENVIRONMENTS: dict[str, type[Config]] = {
    "production": ProductionConfig,
    "development": DevelopmentConfig,
    "testing": TestingConfig,
}


def for_environment(name: str | None = None) -> type[Config]:
    """Return the configuration class for ``name`` (default: ``EERSTELIJN_ENV`` or production)."""
    chosen = name or os.environ.get("EERSTELIJN_ENV", "production")
    if chosen not in ENVIRONMENTS:
        raise ValueError(f"EERSTELIJN_ENV={chosen!r}: choose one of {', '.join(ENVIRONMENTS)}")
    return ENVIRONMENTS[chosen]


def ensure_secret_key(app: Flask) -> None:
    """Give the app a secret key: configured, else one kept in the instance folder for all workers."""
    if app.config.get("SECRET_KEY"):
        return
    folder = Path(app.instance_path)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "secret_key"
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        pass
    else:
        with os.fdopen(descriptor, "w") as handle:
            handle.write(secrets.token_urlsafe(48))
    app.config["SECRET_KEY"] = path.read_text().strip()


def trust_proxies(app: Flask) -> None:
    """Read the client's address from ``PROXY_HOPS`` reverse proxies' X-Forwarded-* headers (none by default).

    Behind one proxy every request comes from the proxy's address; without this, the login throttle
    would count all clients as one. Trusting more hops than there are proxies lets clients forge it.
    """
    raw = app.config.get("PROXY_HOPS", 0)
    try:
        hops = int(raw)
    except (TypeError, ValueError):
        hops = -1
    if hops < 0:
        raise ValueError(f"EERSTELIJN_PROXY_HOPS={raw!r}: give the number of reverse proxies (0, 1, 2, …)")
    if hops:
        from werkzeug.middleware.proxy_fix import ProxyFix

        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)  # type: ignore[method-assign]
