"""``/api/v1/tokens``: issue a bearer token for scripts and learning platforms."""

from __future__ import annotations

from flask import jsonify, request
from flask.typing import ResponseReturnValue
from flask_login import current_user, login_required

from simulator.adapters.db.models import ApiToken
from webapp.api import bp
from webapp.db import get_session
from webapp.errors import ApiError


@bp.post("/tokens")
@login_required
def issue_token() -> ResponseReturnValue:
    """Create a token for the caller; the secret is in this answer only (send ``{"label": "…"}``)."""
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        raise ApiError('send a JSON object such as {"label": "LMS"}', field="label")
    label = body.get("label", "")
    if not isinstance(label, str) or not label.strip() or len(label) > 120:
        raise ApiError("label must be a text of 1 to 120 characters", field="label")
    db = get_session()
    token, secret = ApiToken.issue(db.merge(current_user), label=label.strip())
    db.add(token)
    db.commit()
    return jsonify({"id": token.id, "label": token.label, "token": secret}), 201
