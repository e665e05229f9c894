"""Error answers: JSON ``{"error": …, "field": …}`` for the API, a friendly page for people."""

from __future__ import annotations

from typing import Any

from flask import Flask, Response, jsonify, render_template
from flask.typing import ResponseReturnValue
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from webapp.babel_marks import _
from webapp.babel_marks import lazy_gettext as _l
from webapp.security import wants_json

TITLES = {
    400: _l("Ongeldig verzoek"),
    401: _l("Aanmelden vereist"),
    403: _l("Geen toegang"),
    404: _l("Niet gevonden"),
    405: _l("Methode niet toegestaan"),
    413: _l("Te groot"),
    429: _l("Te veel pogingen"),
    500: _l("Er ging iets mis"),
}


class ApiError(Exception):
    """A 4xx answer for bad input to the API, naming the field that is wrong."""

    def __init__(self, message: str, field: str | None = None, status: int = 400) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.status = status


def init_app(app: Flask) -> None:
    """Register the error handlers."""
    app.register_error_handler(CSRFError, handle_csrf)
    app.register_error_handler(HTTPException, handle_http)
    app.register_error_handler(ApiError, handle_api_error)


def _title(code: int) -> str:
    return str(TITLES.get(code, TITLES[500]))


def _json(message: str, code: int, field: str | None = None) -> tuple[Response, int]:
    body: dict[str, Any] = {"error": message}
    if field:
        body["field"] = field
    return jsonify(body), code


def handle_http(exc: HTTPException) -> ResponseReturnValue:
    """Answer an HTTP error in the caller's format, keeping its headers (e.g. Retry-After)."""
    code = exc.code or 500
    default = exc.description == type(exc).description
    message = _title(code) if default or not exc.description else str(exc.description)
    headers = dict(exc.get_headers()) if code in (405, 429) else {}
    headers.pop("Content-Type", None)
    if wants_json():
        body, status = _json(message, code)
        return body, status, headers
    return render_template("errors/error.html", code=code, title=_title(code), message=message), code, headers


def handle_csrf(exc: CSRFError) -> ResponseReturnValue:
    """Explain a missing or stale CSRF token."""
    message = _("Het formulier is verlopen of ongeldig. Laad de pagina opnieuw en probeer nog eens.")
    if wants_json():
        return _json(message, 400, "csrf_token")
    return render_template("errors/error.html", code=400, title=_title(400), message=message), 400


def handle_api_error(exc: ApiError) -> ResponseReturnValue:
    """Turn an :class:`ApiError` into its JSON answer."""
    return _json(exc.message, exc.status, exc.field)
