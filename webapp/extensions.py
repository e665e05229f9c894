"""Flask extensions and the checks that run before every request: who is calling, CSRF, language."""

from __future__ import annotations

from flask import Flask, abort, current_app, flash, g, redirect, request, session, url_for
from flask.typing import ResponseReturnValue
from flask_babel import Babel, get_locale
from flask_login import LoginManager, current_user
from flask_wtf.csrf import CSRFProtect
from sqlalchemy import select

from simulator.adapters.db.base import utcnow
from simulator.adapters.db.models import ApiToken, User
from simulator.adapters.db.models.accounts import hash_token
from webapp.babel_marks import lazy_gettext as _l
from webapp.db import get_session

login_manager = LoginManager()
csrf = CSRFProtect()
babel = Babel()


def init_app(app: Flask) -> None:
    """Attach login, CSRF protection and translations to ``app``."""
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("Meld je aan om deze pagina te openen.")
    login_manager.login_message_category = "info"
    login_manager.session_protection = "basic"
    csrf.init_app(app)
    babel.init_app(app, locale_selector=select_locale)
    app.before_request(authenticate_bearer_or_check_csrf)
    app.context_processor(lambda: {"current_locale": str(get_locale() or "nl")})


@login_manager.user_loader
def load_user(user_id: str) -> User | None:
    """Return the logged-in account of a session cookie (``<id>.<session token>``) if the token is still current.

    Logging out or changing the password rotates the token, so older cookies, copied or not, stop working.
    """
    number, _, token = user_id.partition(".")
    if not number.isdigit() or not token:
        return None
    user = get_session().get(User, int(number))
    if user is None or not user.active or not user.matches_session(token):
        return None
    return user


@login_manager.unauthorized_handler
def unauthorized() -> ResponseReturnValue:
    """Answer anonymous API calls with 401 JSON; send anonymous page visitors to the login page."""
    if request.path.startswith("/api/"):
        abort(401, description=_l("Aanmelden vereist (sessie of API-token)."))
    flash(str(login_manager.login_message), login_manager.login_message_category)
    return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))


def bearer_token() -> str | None:
    """Return the token of an ``Authorization: Bearer`` header on an API request, if any."""
    auth = request.authorization
    if request.path.startswith("/api/") and auth is not None and auth.type == "bearer":
        return auth.token or ""
    return None


def authenticate_bearer_or_check_csrf() -> None:
    """Authenticate API calls by bearer token (no CSRF: no cookie is involved); check CSRF on the rest."""
    token = bearer_token()
    if token is None:
        csrf.protect()
        return
    db = get_session()
    row = db.scalar(select(ApiToken).where(ApiToken.token_hash == hash_token(token)))
    if row is None or not row.user.active:
        abort(401, description=_l("Ongeldig of ingetrokken API-token."))
    row.last_used_at = utcnow()
    db.commit()
    g._login_user = row.user  # Flask-Login's per-request user; the session cookie is ignored


def select_locale() -> str:
    """Pick the interface language: the account's, else the visitor's choice, else Dutch."""
    languages = current_app.config["LANGUAGES"]
    if current_user.is_authenticated and current_user.locale in languages:
        return str(current_user.locale)
    chosen = session.get("locale")
    if chosen in languages:
        return str(chosen)
    return str(current_app.config["BABEL_DEFAULT_LOCALE"])
