"""Routes of the auth blueprint."""

from __future__ import annotations

import secrets
from functools import lru_cache
from urllib.parse import urlsplit

from flask import abort, current_app, flash, redirect, render_template, request, session, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user, login_required, login_user, logout_user
from sqlalchemy.exc import IntegrityError
from werkzeug.security import check_password_hash, generate_password_hash

from simulator.adapters.db.models import Role, User
from webapp.auth import bp, throttle
from webapp.auth.forms import LanguageForm, LoginForm, RegisterForm
from webapp.babel_marks import _
from webapp.db import get_session
from webapp.queries import user_by_email

HOME_BY_ROLE = {
    Role.TRAINEE: "trainee.dashboard",
    Role.INSTRUCTOR: "instructor.cohorts",
    Role.ADMIN: "admin.users",
}


def home_url() -> str:
    """Return the start page of the logged-in user's role."""
    return url_for(HOME_BY_ROLE[current_user.role])


def _safe_next(target: str | None) -> str | None:
    if not target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    return target


@bp.get("/")
def index() -> ResponseReturnValue:
    """Send visitors to their start page, or to the login page."""
    if current_user.is_authenticated:
        return redirect(home_url())
    return redirect(url_for("auth.login"))


@bp.route("/aanmelden", methods=["GET", "POST"])
def login() -> ResponseReturnValue:
    """Log in with e-mail and password; refuse for a while after repeated failures (per account and address)."""
    if current_user.is_authenticated:
        return redirect(home_url())
    form = LoginForm()
    if form.validate_on_submit():
        email = form.email.data.strip().lower()
        config = current_app.config
        window = config["LOGIN_FAILURE_WINDOW"]
        budgets = throttle.keys_for(
            email, request.remote_addr or "?", config["LOGIN_MAX_FAILURES"], config["LOGIN_MAX_FAILURES_PER_ADDRESS"]
        )
        db = get_session()
        if not throttle.reserve(db, budgets, window):
            minutes = int(window.total_seconds() // 60)
            message = _(
                "Te veel mislukte aanmeldpogingen. Probeer het over %(minutes)d minuten opnieuw.",
                minutes=minutes,
            )
            page = render_template("auth/login.html", form=form, error=message)
            return page, 429, {"Retry-After": str(int(window.total_seconds()))}
        user = user_by_email(email)
        if not password_matches(user, form.password.data) or user is None or not user.active:
            form.password.errors.append(_("Onbekend e-mailadres of verkeerd wachtwoord."))
            return render_template("auth/login.html", form=form)
        throttle.release(db, budgets)
        session.clear()
        session.permanent = True
        login_user(user)
        return redirect(_safe_next(request.args.get("next")) or home_url())
    return render_template("auth/login.html", form=form)


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    return generate_password_hash(secrets.token_urlsafe(16))


def password_matches(user: User | None, password: str) -> bool:
    """Check ``password`` against the account's hash, or against a dummy one so an unknown address costs the same."""
    if user is None:
        check_password_hash(_dummy_hash(), password)
        return False
    return user.check_password(password)


@bp.post("/afmelden")
@login_required
def logout() -> ResponseReturnValue:
    """Log out and end the account's sessions: a copied cookie no longer works after this."""
    db = get_session()
    account = db.get(User, current_user.id)
    if account is not None:
        account.end_sessions()
        db.commit()
    logout_user()
    session.clear()
    flash(_("Je bent afgemeld."), "info")
    return redirect(url_for("auth.login"))


@bp.route("/registreren", methods=["GET", "POST"])
def register() -> ResponseReturnValue:
    """Create a self-study trainee account (when the centre allows it), without telling whether the address is taken.

    A new address and a taken one get the same answer and the same work (one password hash), so the
    form cannot be used to find out who has an account; the new account then logs in as usual.
    """
    if not current_app.config["SELF_REGISTRATION"]:
        abort(404)
    if current_user.is_authenticated:
        return redirect(home_url())
    form = RegisterForm()
    if form.validate_on_submit():
        email = form.email.data.strip().lower()
        name, locale = form.display_name.data.strip(), form.locale.data
        user = User(email=email, display_name=name, role=Role.TRAINEE, locale=locale)
        user.set_password(form.password.data)
        if user_by_email(email) is None:
            db = get_session()
            db.add(user)
            try:
                db.commit()
            except IntegrityError:  # registered by a parallel request a moment ago: same answer
                db.rollback()
        flash(
            _("Als dit e-mailadres nog geen account had, is het nu aangemaakt. Meld je aan met je wachtwoord."),
            "success",
        )
        return redirect(url_for("auth.login"))
    return render_template("auth/register.html", form=form)


@bp.post("/taal")
def set_language() -> ResponseReturnValue:
    """Switch the interface language, for this visit and (when logged in) for the account."""
    form = LanguageForm()
    if not form.validate_on_submit():
        abort(400)
    session["locale"] = form.locale.data
    if current_user.is_authenticated:
        current_user.locale = form.locale.data
        get_session().commit()
    return redirect(_safe_next(request.form.get("next")) or url_for("auth.index"))
