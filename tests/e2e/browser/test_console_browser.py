"""A trainee takes the angry printer call to a good ending in Chromium and reads the report.

Set ``EERSTELIJN_SCREENSHOTS=1`` to refresh the screenshots in docs/screenshots/ from this run.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.e2e.browser.conftest import LiveServer

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[3]
SCREENSHOTS = ROOT / "docs" / "screenshots"
STRONG = ROOT / "tests" / "scripts" / "printer-offline-angry-nl-strong.yaml"


def strong_lines() -> list[str]:
    """Return what the strong script says, in order."""
    steps = yaml.safe_load(STRONG.read_text(encoding="utf-8"))["steps"]
    return [step["say"] for step in steps if "say" in step and isinstance(step["say"], str)]


def shoot(page: Any, name: str) -> None:
    """Save a screenshot of the page for the README when asked to."""
    if os.environ.get("EERSTELIJN_SCREENSHOTS") == "1":
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.evaluate("window.scrollTo(0, 0)")
        page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=False)


def say(page: Any, text: str) -> None:
    """Type a line and press Enter; wait until it is in the transcript."""
    before = page.locator("#transcript li.trainee").count()
    page.fill("#say-text", text)
    page.press("#say-text", "Enter")
    page.wait_for_function("n => document.querySelectorAll('#transcript li.trainee').length > n", arg=before)


def settle(page: Any) -> None:
    """Wait until the console has no request under way."""
    page.wait_for_load_state("networkidle")


def test_a_trainee_handles_the_angry_printer_call_in_the_browser(live_server: LiveServer, browser_page: Any) -> None:
    page = browser_page
    lines = strong_lines()
    page.goto(live_server.url + "/aanmelden")
    page.get_by_label("E-mailadres").fill(live_server.email)
    page.get_by_label("Wachtwoord").fill(live_server.password)
    page.get_by_role("button", name="Aanmelden").click()
    page.wait_for_url(re.compile(r"/oefenen/$"))
    shoot(page, "dashboard")

    card = page.locator("li.card", has_text="Printer offline")
    card.get_by_role("button", name=re.compile("Start oefening")).click()
    page.wait_for_url(re.compile(r"/oefenen/gesprek/\d+$"))
    answer = page.get_by_role("button", name="Opnemen")
    answer.wait_for()
    assert answer.is_visible() and page.locator("#ringing.is-ringing").count() == 1
    assert page.evaluate("document.activeElement.id") == "answer"  # the keyboard lands on the phone
    shoot(page, "console-ringing")
    page.keyboard.press("Enter")
    page.locator("#transcript li", has_text="Opgenomen").wait_for()
    assert page.locator("#ringing").is_hidden()

    for text in lines[:8]:
        say(page, text)
    settle(page)
    assert page.locator("#transcript li.customer").count() >= 6
    assert page.locator("#announcer p").count() > 0  # customer lines reach screen readers

    page.get_by_role("tab", name="Ticket").click()
    page.get_by_label("Korte omschrijving").fill("Printer offline - afdrukken blijven in wachtrij")
    page.get_by_label("Beschrijving").fill("Enkel bij deze gebruiker; collega's printen wel.")
    page.get_by_label("Categorie", exact=True).select_option("printer")
    page.get_by_label("Impact").select_option("low")
    page.get_by_label("Urgentie").select_option("high")
    page.get_by_role("button", name="Ticket aanmaken").click()
    page.locator("#ticket-head .ticket-number").wait_for()
    assert page.locator("#ticket-head .prio").inner_text().startswith("P")

    page.get_by_role("tab", name="Op afstand").click()
    connect = page.get_by_role("button", name="Verbinden met de pc van de beller")
    assert connect.is_disabled() and page.locator("#remote-status.locked").count() == 1
    say(page, lines[8])  # asks consent
    page.locator("#transcript li.good", has_text="toestemming").wait_for()
    settle(page)
    assert connect.is_enabled()
    connect.click()
    command = page.get_by_label("Opdracht")
    command.wait_for()
    page.wait_for_function("() => !document.getElementById('remote-command').disabled")
    for line in ("Get-Service Spooler", "Restart-Service Spooler"):
        command.fill(line)
        command.press("Enter")
        page.locator("#terminal", has_text=line).wait_for()
    page.locator("#transcript li.customer", has_text="print weer").wait_for()
    assert "Spooler" in page.locator("#terminal").inner_text()
    shoot(page, "console-call")

    say(page, lines[9])  # checks the caller is satisfied
    page.get_by_role("button", name="Verbinding verbreken").click()
    page.get_by_role("tab", name="Ticket").click()
    resolution = "Printspooler hing; herstart via Restart-Service Spooler, testafdruk OK."
    page.get_by_label("Oplossing", exact=True).fill(resolution)
    page.get_by_role("button", name="Oplossen").click()
    page.locator("#ticket-head", has_text="opgelost").wait_for()
    page.get_by_role("button", name="Ticket sluiten").click()
    page.locator("#ticket-head", has_text="gesloten").wait_for()
    say(page, lines[10])
    page.get_by_role("button", name="Ophangen").click()
    finish = page.get_by_role("button", name="Afronden en verslag bekijken")
    finish.wait_for()
    finish.click()

    page.wait_for_url(re.compile(r"/oefenen/gesprek/\d+/verslag$"))
    assert page.get_by_role("heading", name="Beoordeling per competentie").is_visible()
    resolved = page.locator(".stat", has_text="Opgelost").locator("dd").inner_text()
    assert resolved == "ja"
    evidence = page.locator("a.evidence-link").first
    target = evidence.get_attribute("href")
    assert target and target.startswith("#event-")
    evidence.click()
    assert page.locator(target).is_visible()
    assert page.locator(".verdict-met").count() >= 3
    shoot(page, "report")


def test_the_shift_console_shows_the_queue_with_running_sla_clocks(live_server: LiveServer, browser_page: Any) -> None:
    page = browser_page
    page.goto(live_server.url + "/aanmelden")
    page.get_by_label("E-mailadres").fill(live_server.email)
    page.get_by_label("Wachtwoord").fill(live_server.password)
    page.get_by_role("button", name="Aanmelden").click()
    page.locator("li.card", has_text="Ochtendshift").get_by_role("button", name=re.compile("Start oefening")).click()
    page.wait_for_url(re.compile(r"/oefenen/gesprek/\d+$"))
    assert page.get_by_role("tab", name="Wachtrij").get_attribute("aria-selected") == "true"
    rows = page.locator("#queue-rows tr")
    rows.first.wait_for()
    assert rows.count() >= 5
    assert rows.first.locator(".prio").inner_text() == "P1"  # the most urgent first
    before = rows.first.locator("td.sla").inner_text()
    page.wait_for_timeout(2200)
    assert rows.first.locator("td.sla").inner_text() != before  # the SLA clock counts down on the client
    shoot(page, "console-shift")
    page.get_by_role("button", name="Opnemen").click()
    page.locator("#transcript li", has_text="Opgenomen").wait_for()
    rows.first.get_by_role("button", name="Openen").click()
    page.locator("#ticket-head .ticket-number").wait_for()
    assert page.get_by_role("tab", name="Ticket").get_attribute("aria-selected") == "true"


def test_the_shift_queue_is_worked_ticket_by_ticket_in_the_browser(live_server: LiveServer, browser_page: Any) -> None:
    page = browser_page
    page.goto(live_server.url + "/aanmelden")
    page.get_by_label("E-mailadres").fill(live_server.email)
    page.get_by_label("Wachtwoord").fill(live_server.password)
    page.get_by_role("button", name="Aanmelden").click()
    page.locator("li.card", has_text="Ochtendshift").get_by_role("button", name=re.compile("Start oefening")).click()
    page.wait_for_url(re.compile(r"/oefenen/gesprek/\d+$"))
    page.get_by_role("button", name="Opnemen").click()
    page.locator("#transcript li", has_text="Opgenomen").wait_for()
    rows = page.locator("#queue-rows tr")
    rows.first.wait_for()
    rows.first.get_by_role("button", name="Openen").click()  # the P1 at the top of the queue
    page.locator("#transcript li", has_text="geopend (prioriteit P1)").wait_for()
    number = page.locator("#ticket-head .ticket-number").inner_text()
    page.locator("#t-group").select_option("network")
    page.get_by_role("button", name="Toewijzen", exact=True).click()
    page.locator("#transcript li", has_text=f"Ticket {number} toegewezen").wait_for()
    page.get_by_role("tab", name="Wachtrij").click()
    low = page.locator("#queue-rows tr", has_text="roze")
    low.get_by_role("button", name="Openen").click()
    page.locator("#transcript li", has_text="geopend (prioriteit P5)").wait_for()
    page.locator("#t-urgency").select_option("medium")
    page.locator("#ticket-save").click()
    page.locator("#transcript li", has_text="opnieuw ingeschat").wait_for()
