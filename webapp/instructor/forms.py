"""Forms of the instructor pages."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from flask import current_app
from flask_wtf import FlaskForm
from wtforms import DateTimeLocalField, HiddenField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, ValidationError

from simulator.adapters.db.models.assignments import MAX_SEED
from webapp.babel_marks import lazy_gettext as _l

MODE_CHOICES = [SelectChoice("practice", _l("Oefenen")), SelectChoice("exam", _l("Examen"))]
FORM_CHOICES = [
    SelectChoice("cohort", _l("Dezelfde beller voor de hele groep")),
    SelectChoice("trainee", _l("Een andere beller per cursist")),
]


class AssignmentForm(FlaskForm):
    """Assign an exercise to a cohort with a deadline, a mode, the exam's caller and the number of attempts."""

    exercise_id = SelectField(_l("Oefening"), validators=[DataRequired()])
    deadline = DateTimeLocalField(_l("Deadline"), format="%Y-%m-%dT%H:%M", validators=[Optional()])
    mode = SelectField(_l("Modus"), choices=MODE_CHOICES, default="practice")
    seed_scope = SelectField(_l("Beller in een examen"), choices=FORM_CHOICES, default="cohort")
    seed = IntegerField(
        _l("Nummer van de beller (seed)"),
        validators=[
            Optional(),
            NumberRange(0, MAX_SEED, message=_l("Kies een nummer van 0 tot %(max)d.", max=MAX_SEED)),
        ],
    )
    variant = StringField(_l("Variant van de oefening"), validators=[Optional(), Length(max=64)])
    max_attempts = IntegerField(
        _l("Aantal pogingen"),
        validators=[Optional(), NumberRange(0, 100, message=_l("Kies 0 (onbeperkt) tot 100 pogingen."))],
    )

    def validate_deadline(self, field: DateTimeLocalField) -> None:
        """Refuse a deadline in the past."""
        zone = ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])
        if field.data is not None and field.data.replace(tzinfo=zone) < datetime.now(zone):
            raise ValidationError(_l("De deadline ligt in het verleden."))


VERDICT_CHOICES = [
    SelectChoice("met", _l("behaald")),
    SelectChoice("partly", _l("deels")),
    SelectChoice("not_met", _l("niet behaald")),
    SelectChoice("not_observed", _l("niet waargenomen")),
]
LEVEL_CHOICES = [SelectChoice("", _l("niveau niet wijzigen"))] + [
    SelectChoice(str(n), label)
    for n, label in enumerate((_l("0 — niet getoond"), _l("1 — onvoldoende"), _l("2 — voldoende"), _l("3 — sterk")))
]


class OverrideForm(FlaskForm):
    """Replace the automatic verdict on one activity (and optionally its competency's level), with a reason."""

    activity_id = HiddenField(validators=[DataRequired(_l("Kies de activiteit die je wilt aanpassen."))])
    verdict = SelectField(_l("Nieuw oordeel"), choices=VERDICT_CHOICES)
    level = SelectField(_l("Niveau van de competentie"), choices=LEVEL_CHOICES, default="")
    reason = TextAreaField(
        _l("Reden"),
        validators=[
            InputRequired(_l("Geef een reden: een aanpassing zonder reden wordt niet bewaard.")),
            Length(max=2000, message=_l("Houd de reden korter dan 2000 tekens.")),
        ],
        filters=[lambda value: value.strip() if isinstance(value, str) else value],
    )

    def validate_reason(self, field: TextAreaField) -> None:
        """Refuse a reason that is only spaces."""
        if not (field.data or "").strip():
            raise ValidationError(_l("Geef een reden: een aanpassing zonder reden wordt niet bewaard."))
