"""Routes of the admin blueprint."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user, login_user
from sqlalchemy import select
from wtforms.fields.choices import SelectChoice

from simulator.adapters.db.models import Cohort, Role, User
from webapp.admin import bp
from webapp.admin.forms import CohortForm, UserForm
from webapp.babel_marks import _
from webapp.db import get_session
from webapp.queries import user_by_email
from webapp.security import role_required


@bp.get("/gebruikers")
@role_required(Role.ADMIN)
def users() -> ResponseReturnValue:
    """List every account."""
    accounts = get_session().scalars(select(User).order_by(User.role, User.display_name)).all()
    return render_template("admin/users.html", users=accounts)


@bp.route("/gebruikers/nieuw", methods=["GET", "POST"])
@bp.route("/gebruikers/<int:user_id>", methods=["GET", "POST"])
@role_required(Role.ADMIN)
def edit_user(user_id: int | None = None) -> ResponseReturnValue:
    """Create an account or change one (role, language, active, password)."""
    db = get_session()
    user = db.get(User, user_id) if user_id is not None else None
    if user_id is not None and user is None:
        abort(404)
    form = UserForm(obj=user)
    if form.validate_on_submit():
        email = form.email.data.strip().lower()
        other = user_by_email(email)
        if other is not None and other is not user:
            form.email.errors.append(_("Er bestaat al een account met dit e-mailadres."))
        elif user is None and not form.password.data:
            form.password.errors.append(_("Geef een wachtwoord voor het nieuwe account."))
        else:
            if user is None:
                user = User()
                db.add(user)
            user.display_name = form.display_name.data.strip()
            user.email = email
            user.role = Role(form.role.data)
            user.locale = form.locale.data
            user.active = form.active.data
            if form.password.data:
                user.change_password(form.password.data)  # ends the account's sessions and API tokens
            db.commit()
            if user.id == current_user.id:
                login_user(user)  # an admin who changed their own password stays logged in here
            flash(_("Het account is bewaard."), "success")
            return redirect(url_for("admin.users"))
    return render_template("admin/user_form.html", form=form, user=user)


@bp.get("/groepen")
@role_required(Role.ADMIN)
def cohorts() -> ResponseReturnValue:
    """List every cohort."""
    groups = get_session().scalars(select(Cohort).order_by(Cohort.name)).all()
    return render_template("admin/cohorts.html", cohorts=groups)


@bp.route("/groepen/nieuw", methods=["GET", "POST"])
@bp.route("/groepen/<int:cohort_id>", methods=["GET", "POST"])
@role_required(Role.ADMIN)
def edit_cohort(cohort_id: int | None = None) -> ResponseReturnValue:
    """Create a cohort or change one, including who teaches it and who is in it."""
    db = get_session()
    cohort = db.get(Cohort, cohort_id) if cohort_id is not None else None
    if cohort_id is not None and cohort is None:
        abort(404)
    form = CohortForm(obj=cohort)
    people = db.scalars(select(User).where(User.active).order_by(User.display_name)).all()
    form.instructors.choices = [SelectChoice(u.id, u.display_name) for u in people if u.role is not Role.TRAINEE]
    form.trainees.choices = [SelectChoice(u.id, u.display_name) for u in people if u.role is Role.TRAINEE]
    if cohort is not None and not form.is_submitted():
        form.instructors.data = [u.id for u in cohort.instructors]
        form.trainees.data = [u.id for u in cohort.trainees]
    if form.validate_on_submit():
        name = form.name.data.strip()
        clash = db.scalar(select(Cohort).where(Cohort.name == name))
        if clash is not None and clash is not cohort:
            form.name.errors.append(_("Er bestaat al een groep met deze naam."))
        else:
            if cohort is None:
                cohort = Cohort()
                db.add(cohort)
            cohort.name = name
            cohort.description = (form.description.data or "").strip()
            cohort.record_audio = form.record_audio.data
            cohort.audio_retention_days = form.audio_retention_days.data
            by_id = {u.id: u for u in people}
            cohort.instructors = [by_id[i] for i in form.instructors.data or []]
            cohort.trainees = [by_id[i] for i in form.trainees.data or []]
            db.commit()
            flash(_("De groep is bewaard."), "success")
            return redirect(url_for("admin.cohorts"))
    return render_template("admin/cohort_form.html", form=form, cohort=cohort)
