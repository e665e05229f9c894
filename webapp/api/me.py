"""``/api/v1/me``: who the caller is."""

from __future__ import annotations

from flask import jsonify
from flask.typing import ResponseReturnValue
from flask_login import current_user, login_required

from webapp.api import bp
from webapp.queries import cohorts_for, cohorts_of_trainee


@bp.get("/me")
@login_required
def me() -> ResponseReturnValue:
    """Return the account of the caller and the cohorts they are in or teach."""
    user = current_user
    cohorts = cohorts_of_trainee(user.id) if user.role.value == "trainee" else cohorts_for(user)
    return jsonify(
        {
            "id": user.id,
            "email": user.email,
            "display_name": user.display_name,
            "role": user.role.value,
            "locale": user.locale,
            "cohorts": [{"id": c.id, "name": c.name} for c in cohorts],
        }
    )
