"""Automated accessibility check with axe-core (vendored from npm in tests/e2e/browser/vendor/).

Chromium loads the login page, the trainee's dashboard, the call console (ringing and in a call)
and a call report, the instructor's cohort dashboard and session review; axe-core runs on each and
no serious or critical violation may remain (WCAG 2.1 A/AA rules).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from simulator.adapters.db import make_engine, make_sessionmaker
from simulator.adapters.db.models import Cohort, Role, User
from tests.e2e.browser.conftest import PASSWORD, LiveServer
from tests.e2e.web.instructor_data import store_call

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
SEVERE = ("serious", "critical")


def violations(page: Any) -> list[str]:
    """Run axe-core on the page and return its serious and critical violations, one line each."""
    page.evaluate(AXE.read_text(encoding="utf-8"))  # evaluated by the driver: the page's CSP allows no inline script
    result = page.evaluate(
        "() => axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes'][:3]]}"
        for v in result["violations"]
        if v["impact"] in SEVERE
    ]


def login(page: Any, base: str, email: str) -> None:
    """Log in through the form."""
    page.goto(base + "/aanmelden")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Aanmelden").click()
    page.wait_for_load_state()


def test_trainee_pages_have_no_serious_accessibility_violations(live_server: LiveServer, browser_page: Any) -> None:
    page = browser_page
    page.goto(live_server.url + "/aanmelden")
    found = {"login": violations(page)}
    login(page, live_server.url, live_server.email)
    found["dashboard"] = violations(page)
    page.locator("li.card", has_text="Printer offline").get_by_role("button", name=re.compile("Start oefening")).click()
    page.wait_for_selector("#answer:visible")
    found["console ringing"] = violations(page)
    page.get_by_role("button", name="Opnemen").click()
    page.locator("#transcript li", has_text="Opgenomen").wait_for()
    for tab in ("Ticket", "Kennisbank", "Op afstand"):
        page.get_by_role("tab", name=tab).click()
        found[f"console {tab}"] = violations(page)
    page.get_by_role("button", name="Ophangen").click()
    page.get_by_role("button", name="Afronden en verslag bekijken").click()
    page.wait_for_url("**/verslag")
    found["report"] = violations(page)
    assert {name: v for name, v in found.items() if v} == {}


def test_instructor_pages_have_no_serious_accessibility_violations(
    live_server: LiveServer, database_url: str, browser_page: Any
) -> None:
    engine = make_engine(database_url)
    with make_sessionmaker(engine)() as db:
        trainee = db.scalars(select(User).where(User.email == live_server.email)).one()
        instructor = User(
            email="ilse@example.org", display_name="Ilse", role=Role.INSTRUCTOR, password_hash=trainee.password_hash
        )
        cohort = Cohort(name="Groep A", instructors=[instructor], trainees=[trainee])
        db.add(cohort)
        db.commit()
        call = store_call(db, trainee)
        cohort_id, call_id = cohort.id, call.id
    engine.dispose()
    page = browser_page
    login(page, live_server.url, "ilse@example.org")
    page.goto(f"{live_server.url}/instructeur/groepen/{cohort_id}")
    found = {"cohort dashboard": violations(page)}
    page.goto(f"{live_server.url}/instructeur/sessies/{call_id}")
    found["session review"] = violations(page)
    assert {name: v for name, v in found.items() if v} == {}
