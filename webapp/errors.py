"""Error answers: JSON ``{"error": …, "field": …}`` for the API, a friendly page for people.

The core's refusals (:class:`~simulator.service.errors.CallError` of the calls service, the
:class:`~simulator.scripts.steps.StepError` of a step not valid as written) carry codes and
parameters; this module is the one place that words them and picks their HTTP status.
"""

from __future__ import annotations

from typing import Any

from flask import Flask, Response, jsonify, render_template
from flask.typing import ResponseReturnValue
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from simulator.scripts.steps import StepError
from simulator.service.errors import AttemptsUsed, CallConflict, CallError, CallNotFound
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


#: The calls service's refusals: HTTP status per kind, the sentence per code.
CALL_STATUS: dict[type[CallError], int] = {CallNotFound: 404, CallConflict: 409, AttemptsUsed: 409}
CALL_MESSAGES = {
    "call_not_found": _l("Dit gesprek bestaat niet."),
    "busy": _l("Er wordt al een andere actie in dit gesprek verwerkt. Probeer opnieuw."),
    "ended": _l("Dit gesprek is al afgerond; bekijk het verslag."),
    "changed": _l("Het gesprek is intussen veranderd (in een ander venster?). Laad het opnieuw."),
    "overtaken": _l("Een andere actie in dit gesprek was je net voor. Laad het gesprek opnieuw."),
    "attempt_started_elsewhere": _l("Deze opdracht wordt al gestart in een ander venster."),
    "attempts_used": _l("Je hebt deze opdracht al %(used)d keer gestart; meer pogingen zijn er niet."),
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
    app.register_error_handler(CallError, handle_call_error)
    app.register_error_handler(StepError, handle_step_error)


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


def call_message(exc: CallError) -> str:
    """Return the sentence for a refusal of the calls service, in the interface language."""
    text = str(CALL_MESSAGES[exc.code])
    return text % exc.params if exc.params else text


def handle_call_error(exc: CallError) -> ResponseReturnValue:
    """Answer a refusal of the calls service: 404 for an unknown call, 409 for a conflict."""
    status = next((code for kind, code in CALL_STATUS.items() if isinstance(exc, kind)), 400)
    message = call_message(exc)
    if wants_json():
        return _json(message, status, exc.field)
    return render_template("errors/error.html", code=status, title=_title(status), message=message), status


def handle_step_error(exc: StepError) -> ResponseReturnValue:
    """Answer a step that is not valid as written with 422, naming the step, its number and the field."""
    from webapp.api.step_messages import step_message

    answer = {
        "error": exc.message,
        "field": exc.field or "args",
        "step": exc.step,
        "number": exc.number,
        "code": exc.code,
        "message": step_message(exc),
    }
    return jsonify(answer), 422
