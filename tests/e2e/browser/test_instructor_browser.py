"""The instructor opens a trainee's call in Chromium, overrides one verdict with a reason and exports xAPI.

The call is the strong printer script replayed through the engine and stored for a demo trainee.
Set ``EERSTELIJN_SCREENSHOTS=1`` to refresh docs/screenshots/instructor-*.png from this run.
"""

from __future__ import annotations

import json
import os
import re
import threading
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from werkzeug.security import generate_password_hash
from werkzeug.serving import make_server

from simulator.adapters.db.base import utcnow
from simulator.adapters.db.models import Assignment, Cohort, Mode, Role, User, VerdictOverride
from tests.e2e.web.instructor_data import first_judged, store_call
from webapp import create_app
from webapp.db import database

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[3]
SCREENSHOTS = ROOT / "docs" / "screenshots"
PASSWORD = "geheim-wachtwoord"
INSTRUCTOR = "ilse@example.org"


def shoot(page: Any, name: str, full_page: bool = False) -> None:
    """Save a screenshot for the README when asked to."""
    if os.environ.get("EERSTELIJN_SCREENSHOTS") == "1":
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=full_page)


@pytest.fixture
def classroom_server(database_url: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[dict[str, Any]]:
    """Serve the app with an instructor, a cohort of three trainees and their replayed calls."""
    monkeypatch.setenv("EERSTELIJN_ENV", "testing")
    app = create_app({"DATABASE_URL": database_url, "USER_EXERCISES_DIR": str(tmp_path / "oefeningen")})
    hashed = generate_password_hash(PASSWORD)
    with database(app).sessions() as db:
        instructor = User(email=INSTRUCTOR, display_name="Ilse Instructeur", role=Role.INSTRUCTOR, password_hash=hashed)
        trainees = [
            User(
                email=f"{name.split()[0].lower()}@example.org",
                display_name=name,
                role=Role.TRAINEE,
                password_hash=hashed,
            )
            for name in ("Sam Peeters", "Noor El Amrani", "Jens Claes")
        ]
        cohort = Cohort(name="VDAB Gent — voorjaar", instructors=[instructor], trainees=trainees)
        db.add(cohort)
        db.commit()
        call = store_call(db, trainees[0])
        store_call(db, trainees[1], "printer-offline-angry-nl-weak")
        store_call(db, trainees[1], "printer-offline-angry-nl-weak")
        store_call(db, trainees[2], "password-reset-novice-nl-strong")
        soon = utcnow() + timedelta(days=1)
        cohort.assignments.append(Assignment(exercise_id="printer-offline-angry-nl", mode=Mode.PRACTICE, deadline=soon))
        cohort.assignments.append(Assignment(exercise_id="password-reset-novice-nl", mode=Mode.EXAM, deadline=soon))
        db.commit()
        ids = {"call": call.id, "cohort": cohort.id, "activity": first_judged(call.report)[1]}
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield {"url": f"http://127.0.0.1:{server.server_port}", "app": app, **ids}
    finally:
        server.shutdown()
        thread.join(timeout=5)
        server.server_close()
        database(app).engine.dispose()


def test_instructor_reviews_overrides_and_exports(classroom_server: dict[str, Any], browser_page: Any) -> None:
    page, base = browser_page, classroom_server["url"]
    page.goto(f"{base}/aanmelden")
    page.get_by_label("E-mailadres").fill(INSTRUCTOR)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Aanmelden").click()
    page.goto(f"{base}/instructeur/groepen/{classroom_server['cohort']}")
    assert page.locator("table.heatmap td.level-3").count() > 0
    assert page.get_by_role("heading", name="Wie zit vast?").is_visible()
    shoot(page, "instructor-dashboard", full_page=True)

    page.get_by_role("link", name=re.compile(r"Bekijken\W+Sam Peeters")).first.click()
    page.wait_for_url(f"**/instructeur/sessies/{classroom_server['call']}")
    shoot(page, "instructor-review")
    activity = classroom_server["activity"]
    in_row = f'[id="activiteit-{activity}"]'
    evidence = page.locator(f"{in_row} .evidence a").first
    evidence.click()
    target = evidence.get_attribute("href")
    assert page.evaluate("location.hash") == target
    assert page.locator(f"{target}").is_visible()

    row = page.locator(in_row)
    row.locator("summary").click()
    row.get_by_label("Nieuw oordeel").select_option("partly")
    row.get_by_role("button", name="Oordeel bewaren").click()  # no reason yet: the browser stays, the server refuses
    assert page.locator("#fout").is_visible() or row.locator("textarea:invalid").count() == 1
    row = page.locator(in_row)
    if not row.locator("details[open]").count():
        row.locator("summary").click()
    row.get_by_label("Nieuw oordeel").select_option("partly")
    row.get_by_label("Reden (verplicht)").fill("De groet noemde de afdeling niet.")
    row.get_by_role("button", name="Oordeel bewaren").click()
    page.wait_for_url(f"**#activiteit-{activity}")
    assert "is aangepast" in page.locator(".flash-success").inner_text()
    audit = page.locator("table.audit")
    assert "De groet noemde de afdeling niet." in audit.inner_text() and "Ilse Instructeur" in audit.inner_text()
    shoot(page, "instructor-override", full_page=False)

    with page.expect_download() as download_info:
        page.get_by_role("link", name="xAPI-statements (JSON)").first.click()
    download = download_info.value
    assert download.suggested_filename.endswith(".json")
    statements = json.loads(Path(download.path()).read_text(encoding="utf-8"))
    assert statements[0]["verb"]["id"].endswith("completed")
    with database(classroom_server["app"]).sessions() as db:
        stored = db.query(VerdictOverride).one()
        assert (stored.activity_id, stored.verdict.value) == (activity, "partly")

    page.goto(f"{base}/instructeur/oefeningen/printer-offline-angry-nl")
    assert page.locator("figure.diagram img").count() == 1
    shoot(page, "instructor-exercise", full_page=True)
