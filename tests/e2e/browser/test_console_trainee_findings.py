"""What trainees ran into in the console, checked in Chromium: an earlier ticket looked up by number stays
an earlier ticket, the customer card speaks the interface language and shows the history the caller
mentions, a mistyped command gets a short message that gives nothing away, and hints leave once acted on.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.e2e.browser.conftest import LiveServer

pytestmark = pytest.mark.browser

STRONG = Path(__file__).resolve().parents[2] / "scripts" / "printer-offline-angry-nl-strong.yaml"


def strong_lines() -> list[str]:
    """Return what the strong printer script says, in order."""
    steps = yaml.safe_load(STRONG.read_text(encoding="utf-8"))["steps"]
    return [step["say"] for step in steps if "say" in step and isinstance(step["say"], str)]


def start_call(page: Any, server: LiveServer, exercise: str) -> None:
    """Log the trainee in, start ``exercise`` from the dashboard and answer the phone."""
    page.goto(server.url + "/aanmelden")
    page.get_by_label("E-mailadres").fill(server.email)
    page.get_by_label("Wachtwoord").fill(server.password)
    page.get_by_role("button", name="Aanmelden").click()
    page.wait_for_url(re.compile(r"/oefenen/$"))
    page.locator(f'form.start-form:has(input[value="{exercise}"]) button').first.click()
    page.wait_for_url(re.compile(r"/oefenen/gesprek/\d+$"))
    page.get_by_role("button", name="Opnemen").click()
    page.locator("#transcript li", has_text="Opgenomen").wait_for()


def say(page: Any, text: str) -> None:
    """Type a line and press Enter; wait until it is in the transcript and the console is idle."""
    before = page.locator("#transcript li.trainee").count()
    page.fill("#say-text", text)
    page.press("#say-text", "Enter")
    page.wait_for_function("n => document.querySelectorAll('#transcript li.trainee').length > n", arg=before)
    page.wait_for_load_state("networkidle")


def hint(page: Any) -> str:
    """Return the hint shown now ("" when none)."""
    page.wait_for_load_state("networkidle")
    box = page.locator("#hint")
    return "" if box.is_hidden() else page.locator("#hint-text").inner_text()


def look_up(page: Any, query: str) -> None:
    """Search the customer pane and wait for the answer."""
    page.get_by_role("tab", name="Klant").click()
    page.get_by_label(re.compile("Zoek klant")).fill(query)
    page.get_by_role("button", name="Zoeken").click()
    page.locator("#transcript li", has_text=f"‘{query}’").wait_for()


def caller_last_name(page: Any) -> str:
    """Return the caller's last name as the console shows it."""
    return str(page.locator("#console").get_attribute("data-caller")).split()[-1]


def test_a_mistyped_command_gets_a_short_translated_message_and_hints_leave(
    live_server: LiveServer, browser_page: Any
) -> None:
    page = browser_page
    lines = strong_lines()
    start_call(page, live_server, "printer-offline-angry-nl")
    assert "begroeting" in hint(page)
    say(page, "Dag, met Sam.")  # a greeting without the company: it cannot be said again
    assert "begroeting" not in hint(page)

    for text in lines[1:8]:
        say(page, text)
    page.get_by_role("tab", name="Ticket").click()
    page.get_by_label("Korte omschrijving").fill("Printer offline")
    page.get_by_label("Categorie", exact=True).select_option("printer")
    page.get_by_label("Impact").select_option("low")
    page.get_by_label("Urgentie").select_option("high")
    page.get_by_role("button", name="Ticket aanmaken").click()
    page.locator("#ticket-head .ticket-number").wait_for()
    say(page, lines[8])  # asks consent
    page.get_by_role("tab", name="Op afstand").click()
    page.get_by_role("button", name="Verbinden met de pc van de beller").click()
    page.wait_for_function("() => !document.getElementById('remote-command').disabled")
    assert "Get-Service Spooler" in hint(page)  # the diagnosis and repair are next

    command = page.get_by_label("Opdracht")
    command.fill("Restart-Servic Spooler")
    command.press("Enter")
    error = page.locator("#console-error")
    error.wait_for()
    message = error.inner_text()
    assert message == "Onbekende opdracht ‘Restart-Servic Spooler’. Controleer de schrijfwijze.", message
    assert "Get-" not in message and "known" not in message  # no list of the commands that exist

    command.fill("Restart-Service Spooler")
    command.press("Enter")
    page.locator("#terminal", has_text="Restart-Service Spooler").wait_for()
    assert page.locator("#console-error").is_hidden()
    assert "Spooler" not in hint(page)  # the command ran: its hint is gone


def test_the_customer_card_is_in_dutch_and_shows_the_history_the_caller_mentions(
    live_server: LiveServer, browser_page: Any
) -> None:
    page = browser_page
    start_call(page, live_server, "printer-offline-angry-nl")
    look_up(page, caller_last_name(page))
    card = page.locator("#crm-results .person").first
    labels = card.locator("dt").all_inner_texts()
    assert "Organisatie" in labels and "Afdeling" in labels and "organisation" not in labels
    assert card.get_by_role("heading", name="Eerdere contacten").is_visible()
    assert "Printer drukte niet af" in card.locator(".earlier-contacts").inner_text()  # "vorige maand…"

    page.get_by_role("tab", name="Ticket").click()
    page.get_by_label("Categorie", exact=True).select_option("printer")
    options = page.locator("#t-subcategory option").all_inner_texts()
    assert "Papierstoring" in options and "paper jam" not in options
    page.get_by_label("Impact").select_option("low")
    page.get_by_label("Urgentie").select_option("high")
    page.get_by_role("button", name="Ticket aanmaken").click()  # no summary
    error = page.locator("#console-error")
    error.wait_for()
    assert error.inner_text() == "Vul ‘Korte omschrijving’ in."


def test_an_earlier_ticket_looked_up_by_number_leaves_the_calls_ticket_to_create(
    live_server: LiveServer, browser_page: Any
) -> None:
    page = browser_page
    start_call(page, live_server, "slow-laptop-complaint-angry-en")
    look_up(page, caller_last_name(page))
    earlier = page.locator("#crm-results .earlier-tickets li").all_inner_texts()
    assert len(earlier) == 2, earlier  # "third call about the same slow laptop"
    number = re.match(r"INC-\d+", earlier[-1]).group(0)  # type: ignore[union-attr]
    look_up(page, number)
    assert number in page.locator("#crm-results .ticket-card").inner_text()

    page.get_by_role("tab", name="Ticket").click()
    assert page.locator("#ticket-head").inner_text() == "Nieuw ticket"
    page.get_by_label("Korte omschrijving").fill("Laptop slow again: disk failing")
    page.get_by_label("Categorie", exact=True).select_option("hardware")
    page.get_by_label("Impact").select_option("medium")
    page.get_by_label("Urgentie").select_option("medium")
    page.get_by_role("button", name="Ticket aanmaken").click()
    own = page.locator("#ticket-head .ticket-number")
    own.wait_for()
    assert own.inner_text() != number and own.inner_text() not in " ".join(earlier)
    page.get_by_label("Toewijzen aan").select_option("workplace")
    page.locator("#assign-form button[type=submit]").click()
    page.locator("#transcript li", has_text=f"Ticket {own.inner_text()} toegewezen").wait_for()
