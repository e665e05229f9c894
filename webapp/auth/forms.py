"""Forms of the login and registration pages."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, EqualTo, Length, Regexp

from webapp.babel_marks import lazy_gettext as _l

#: A plain check (something@domain.tld); no DNS lookups, the centre knows its learners' addresses.
EMAIL = Regexp(r"^[^@\s]+@[^@\s]+\.[^@\s]+$", message=_l("Geef een geldig e-mailadres."))

PASSWORD_LENGTH = Length(min=10, max=200, message=_l("Een wachtwoord heeft 10 tot 200 tekens."))

LANGUAGE_CHOICES = [SelectChoice("nl", "Nederlands"), SelectChoice("fr", "Français"), SelectChoice("en", "English")]


class LoginForm(FlaskForm):
    """E-mail address and password."""

    email = EmailField(_l("E-mailadres"), validators=[DataRequired(), Length(max=254)])
    password = PasswordField(_l("Wachtwoord"), validators=[DataRequired(), Length(max=200)])


class RegisterForm(FlaskForm):
    """A new self-study account."""

    display_name = StringField(_l("Naam"), validators=[DataRequired(), Length(max=120)])
    email = EmailField(_l("E-mailadres"), validators=[DataRequired(), EMAIL, Length(max=254)])
    password = PasswordField(_l("Wachtwoord"), validators=[DataRequired(), PASSWORD_LENGTH])
    confirm = PasswordField(
        _l("Herhaal het wachtwoord"),
        validators=[DataRequired(), EqualTo("password", message=_l("De wachtwoorden verschillen."))],
    )
    locale = SelectField(_l("Taal"), choices=LANGUAGE_CHOICES, default="nl")


class LanguageForm(FlaskForm):
    """The language switch in the page header."""

    locale = SelectField(_l("Taal"), choices=LANGUAGE_CHOICES)
