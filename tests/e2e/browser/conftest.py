"""A real server for the browser tests: the app on a temp database, served by werkzeug in a thread."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from werkzeug.security import generate_password_hash
from werkzeug.serving import make_server

from simulator.adapters.db.models import Role, User
from webapp import create_app
from webapp.db import database

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PASSWORD = "geheim-wachtwoord"


@dataclass(frozen=True)
class LiveServer:
    """The served app's base URL and its trainee login."""

    url: str
    email: str
    password: str


@pytest.fixture
def live_server(database_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[LiveServer]:
    """Serve the app on 127.0.0.1 (a free port) against a fresh database with one trainee."""
    monkeypatch.setenv("EERSTELIJN_ENV", "testing")
    app = create_app({"DATABASE_URL": database_url, "CALL_SEED": 7})
    with database(app).sessions() as db:
        db.add(
            User(
                email="sam@example.org",
                display_name="Sam Peeters",
                role=Role.TRAINEE,
                locale="nl",
                password_hash=generate_password_hash(PASSWORD),
            )
        )
        db.commit()
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield LiveServer(f"http://127.0.0.1:{server.server_port}", "sam@example.org", PASSWORD)
    finally:
        server.shutdown()
        thread.join(timeout=5)
        server.server_close()
        database(app).engine.dispose()


@pytest.fixture
def browser_page() -> Iterator[Any]:
    """A Chromium page (Debian's chromium driven by Playwright); skips when chromium is missing.

    Every test that uses it also proves the Content-Security-Policy blocks none of the app's own
    scripts, styles, images or audio: a violation Chromium reports fails the test.
    """
    executable = shutil.which("chromium")
    if executable is None:
        pytest.skip("chromium is not installed (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="nl-BE")
        page = context.new_page()
        page.set_default_timeout(15_000)
        violations: list[str] = []
        page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
        try:
            yield page
        finally:
            context.close()
            browser.close()
        assert not violations, f"the Content-Security-Policy blocked the app's own resources: {violations}"
