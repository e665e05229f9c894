"""Routes of the auth blueprint."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import abort, current_app, flash, redirect, render_template, request, session, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user, login_required, login_user, logout_user

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
    """Log in with e-mail and password; refuse for a while after repeated failures."""
    if current_user.is_authenticated:
        return redirect(home_url())
    form = LoginForm()
    if form.validate_on_submit():
        email = form.email.data.strip().lower()
        address = request.remote_addr or "?"
        limit = current_app.config["LOGIN_MAX_FAILURES"]
        window = current_app.config["LOGIN_FAILURE_WINDOW"]
        db = get_session()
        if throttle.is_locked(db, email, address, limit, window):
            minutes = int(window.total_seconds() // 60)
            message = _(
                "Te veel mislukte aanmeldpogingen. Probeer het over %(minutes)d minuten opnieuw.",
                minutes=minutes,
            )
            page = render_template("auth/login.html", form=form, error=message)
            return page, 429, {"Retry-After": str(int(window.total_seconds()))}
        user = user_by_email(email)
        if user is None or not user.active or not user.check_password(form.password.data):
            throttle.record_failure(db, email, address, window)
            form.password.errors.append(_("Onbekend e-mailadres of verkeerd wachtwoord."))
            return render_template("auth/login.html", form=form)
        throttle.clear_failures(db, email, address)
        session.clear()
        session.permanent = True
        login_user(user)
        return redirect(_safe_next(request.args.get("next")) or home_url())
    return render_template("auth/login.html", form=form)


@bp.post("/afmelden")
@login_required
def logout() -> ResponseReturnValue:
    """Log out and forget the session."""
    logout_user()
    session.clear()
    flash(_("Je bent afgemeld."), "info")
    return redirect(url_for("auth.login"))


@bp.route("/registreren", methods=["GET", "POST"])
def register() -> ResponseReturnValue:
    """Create a self-study trainee account (when the centre allows it)."""
    if not current_app.config["SELF_REGISTRATION"]:
        abort(404)
    if current_user.is_authenticated:
        return redirect(home_url())
    form = RegisterForm()
    if form.validate_on_submit():
        email = form.email.data.strip().lower()
        if user_by_email(email) is not None:
            form.email.errors.append(_("Er bestaat al een account met dit e-mailadres."))
        else:
            user = User(
                email=email,
                display_name=form.display_name.data.strip(),
                role=Role.TRAINEE,
                locale=form.locale.data,
            )
            user.set_password(form.password.data)
            db = get_session()
            db.add(user)
            db.commit()
            session.clear()
            session.permanent = True
            login_user(user)
            flash(_("Welkom! Kies hieronder een oefening."), "success")
            return redirect(url_for("trainee.dashboard"))
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
