"""Every response carries the security headers: CSP, no framing, no type sniffing, a strict referrer policy."""

from __future__ import annotations

import pytest
from flask import Flask

from simulator.adapters.db.models import Role
from tests.e2e.web.conftest import login_as


def assert_secure(headers) -> None:
    csp = headers.get("Content-Security-Policy", "")
    directives = {part.strip().split(" ")[0]: part.strip() for part in csp.split(";") if part.strip()}
    assert directives.get("frame-ancestors") == "frame-ancestors 'none'"
    assert directives.get("default-src") == "default-src 'self'"
    assert directives.get("script-src") == "script-src 'self'"  # no inline script, no eval
    assert directives.get("object-src") == "object-src 'none'"
    assert headers.get("X-Frame-Options") == "DENY"
    assert headers.get("X-Content-Type-Options") == "nosniff"
    assert headers.get("Referrer-Policy") == "same-origin"


@pytest.mark.parametrize(
    ("role", "path", "status"),
    [
        (None, "/aanmelden", 200),
        (None, "/static/css/app.css", 200),
        (None, "/api/v1/openapi.json", 200),
        (None, "/api/v1/me", 401),
        (None, "/bestaat-niet", 404),
        (Role.INSTRUCTOR, "/instructeur/", 200),
        (Role.TRAINEE, "/oefenen/", 200),
        (Role.TRAINEE, "/api/v1/sessions", 200),
        (Role.TRAINEE, "/instructeur/", 403),
        (Role.ADMIN, "/beheer/gebruikers", 200),
    ],
)
def test_every_kind_of_response_carries_the_headers(app: Flask, make_user, role, path: str, status: int) -> None:
    client = login_as(app.test_client(), make_user(role=role) if role else None)
    response = client.get(path)
    response.close()
    assert response.status_code == status
    assert_secure(response.headers)


def test_a_refused_post_carries_the_headers_too(client) -> None:
    response = client.post("/aanmelden", data={"email": "x"})  # no CSRF token
    assert response.status_code == 400
    assert_secure(response.headers)


def test_the_pages_have_no_inline_script_or_style_the_policy_would_block(app: Flask, make_user) -> None:
    client = login_as(app.test_client(), make_user(role=Role.INSTRUCTOR))
    for path in ("/instructeur/", "/instructeur/oefeningen/printer-offline-angry-nl", "/instructeur/werkafspraken"):
        page = client.get(path).get_data(as_text=True)
        assert "<style" not in page and " style=" not in page and " onclick=" not in page, path
        for script in page.split("<script")[1:]:
            assert ' src="' in script.split(">")[0] or 'type="application/json"' in script.split(">")[0], path
