"""Forms of the admin pages."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    EmailField,
    IntegerField,
    PasswordField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from webapp.auth.forms import EMAIL, LANGUAGE_CHOICES, PASSWORD_LENGTH
from webapp.babel_marks import lazy_gettext as _l

ROLE_CHOICES = [
    SelectChoice("trainee", _l("Cursist")),
    SelectChoice("instructor", _l("Instructeur")),
    SelectChoice("admin", _l("Beheerder")),
]


class UserForm(FlaskForm):
    """Create or edit an account; the password is required only for a new account."""

    display_name = StringField(_l("Naam"), validators=[DataRequired(), Length(max=120)])
    email = EmailField(_l("E-mailadres"), validators=[DataRequired(), EMAIL, Length(max=254)])
    role = SelectField(_l("Rol"), choices=ROLE_CHOICES, default="trainee")
    locale = SelectField(_l("Taal"), choices=LANGUAGE_CHOICES, default="nl")
    active = BooleanField(_l("Actief"), default=True)
    password = PasswordField(_l("Nieuw wachtwoord"), validators=[Optional(), PASSWORD_LENGTH])


class CohortForm(FlaskForm):
    """Create or edit a cohort with its members."""

    name = StringField(_l("Naam"), validators=[DataRequired(), Length(max=120)])
    description = TextAreaField(_l("Beschrijving"), validators=[Optional(), Length(max=500)])
    record_audio = BooleanField(_l("Gesprekken opnemen (audio)"))
    audio_retention_days = IntegerField(
        _l("Opnames bewaren (dagen)"), default=30, validators=[DataRequired(), NumberRange(min=1, max=3650)]
    )
    instructors = SelectMultipleField(_l("Instructeurs"), coerce=int)
    trainees = SelectMultipleField(_l("Cursisten"), coerce=int)
