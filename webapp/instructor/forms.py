"""Forms of the instructor pages."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from flask import current_app
from flask_wtf import FlaskForm
from wtforms import DateTimeLocalField, SelectField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Optional, ValidationError

from webapp.babel_marks import lazy_gettext as _l

MODE_CHOICES = [SelectChoice("practice", _l("Oefenen")), SelectChoice("exam", _l("Examen"))]


class AssignmentForm(FlaskForm):
    """Assign an exercise to a cohort with a deadline and a mode."""

    exercise_id = SelectField(_l("Oefening"), validators=[DataRequired()])
    deadline = DateTimeLocalField(_l("Deadline"), format="%Y-%m-%dT%H:%M", validators=[Optional()])
    mode = SelectField(_l("Modus"), choices=MODE_CHOICES, default="practice")

    def validate_deadline(self, field: DateTimeLocalField) -> None:
        """Refuse a deadline in the past."""
        zone = ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])
        if field.data is not None and field.data.replace(tzinfo=zone) < datetime.now(zone):
            raise ValidationError(_l("De deadline ligt in het verleden."))
