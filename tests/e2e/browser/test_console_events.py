"""The console's event interface in Chromium: what other scripts on the page (the voice block) rely on.

The console dispatches ``eerstelijn:events`` on ``document`` after every view the server sends back,
``eerstelijn:ended`` once when the call ends, and a cancelable ``eerstelijn:say`` before a typed line is
sent; ``window.eerstelijn.say`` sends a line with the speech fields (what was recognised, corrected, how long).
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.e2e.browser.conftest import LiveServer

pytestmark = pytest.mark.browser

LISTEN = """
window.heard = [];
window.ended = [];
document.addEventListener("eerstelijn:events", (e) => window.heard.push(e.detail));
document.addEventListener("eerstelijn:ended", (e) => window.ended.push(e.detail));
"""

TAKE_OVER_SAY = """
document.addEventListener("eerstelijn:say", (e) => {
  e.preventDefault();
  window.eerstelijn.say({ text: e.detail.text, asr_text: "goeiemorgen helpdesk", corrected: true, duration: 2.5 });
});
"""


def open_call(page: Any, server: LiveServer) -> None:
    """Log in, start the angry printer call with the listeners in place, and answer it."""
    page.add_init_script(LISTEN)
    page.goto(server.url + "/aanmelden")
    page.get_by_label("E-mailadres").fill(server.email)
    page.get_by_label("Wachtwoord").fill(server.password)
    page.get_by_role("button", name="Aanmelden").click()
    page.wait_for_url(re.compile(r"/oefenen/$"))
    page.locator("li.card", has_text="Printer offline").get_by_role("button", name=re.compile("Start oefening")).click()
    page.wait_for_url(re.compile(r"/oefenen/gesprek/\d+$"))
    page.get_by_role("button", name="Opnemen").click()
    page.locator("#transcript li", has_text="Opgenomen").wait_for()


def say(page: Any, text: str) -> None:
    """Type a line in the console's say box and press Enter."""
    page.fill("#say-text", text)
    page.press("#say-text", "Enter")


def live_events(page: Any, kind: str) -> list[dict[str, Any]]:
    """Return the events of ``kind`` that step answers brought, in order."""
    found: list[dict[str, Any]] = page.evaluate(
        "kind => window.heard.filter(d => d.live).flatMap(d => d.events).filter(e => e.type === kind)", kind
    )
    return found


def test_the_console_tells_the_page_about_new_events_and_the_end(live_server: LiveServer, browser_page: Any) -> None:
    page = browser_page
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    open_call(page, live_server)
    first = page.evaluate("window.heard[0]")
    assert first["live"] is False and first["state"]["phase"] == "ringing"  # the reload at start: not new
    assert [e["type"] for e in live_events(page, "answer")] == ["answer"]

    say(page, "Goeiemorgen, servicedesk Acme, u spreekt met Sam. Waarmee kan ik u helpen?")
    page.wait_for_function("() => window.heard.some(d => d.live && d.events.some(e => e.type === 'customer_line'))")
    line = live_events(page, "customer_line")[0]
    page.locator(f"#event-{line['i']}.customer", has_text=line["data"]["text"]).wait_for()  # same line drawn
    assert page.evaluate("window.ended") == []

    page.get_by_role("button", name="Ophangen").click()
    page.get_by_role("button", name="Afronden en verslag bekijken").wait_for()
    assert page.evaluate("window.ended") == [{"ended_by": "trainee"}]
    assert page.evaluate("window.heard.at(-1).state.ended") is True
    assert errors == []  # with or without a speech model (then the voice block only shows its notice)


def test_a_script_can_take_over_a_typed_line_and_send_it_with_speech_fields(
    live_server: LiveServer, browser_page: Any
) -> None:
    page = browser_page
    open_call(page, live_server)
    page.evaluate(TAKE_OVER_SAY)
    text = "Goeiemorgen, helpdesk, u spreekt met Sam."
    say(page, text)
    page.locator("#transcript li.trainee", has_text=text).wait_for()
    page.wait_for_load_state("networkidle")
    said = live_events(page, "utterance")
    assert len(said) == 1  # taken over: the console did not send the line a second time
    assert said[0]["data"]["text"] == text
    assert said[0]["data"]["asr_text"] == "goeiemorgen helpdesk" and said[0]["data"]["corrected"] is True
    assert said[0]["data"]["duration"] == 2.5  # the spoken time, not an estimate from the word count
    assert page.locator("#transcript li.trainee").count() == 1
    assert page.input_value("#say-text") == ""


def test_the_voice_block_plays_the_callers_new_lines_and_hold_music(live_server: LiveServer, browser_page: Any) -> None:
    page = browser_page
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url))
    open_call(page, live_server)
    if page.locator("#voice-speaker").is_disabled():
        pytest.skip("espeak-ng is not installed: the caller has no voice")
    with page.expect_request(lambda request: "/lines/" in request.url) as first_played:
        say(page, "Goeiemorgen, servicedesk Acme, u spreekt met Sam. Waarmee kan ik u helpen?")
    page.wait_for_function("() => window.heard.some(d => d.live && d.events.some(e => e.type === 'customer_line'))")
    first = live_events(page, "customer_line")[0]["i"]
    assert first_played.value.url.endswith(f"/lines/{first}/audio")  # the caller's new line is spoken

    with page.expect_request(lambda request: "hold-music" in request.url):
        page.get_by_role("button", name="In de wacht").click()  # 30 s on hold
    page.wait_for_function("() => document.getElementById('voice').dataset.hold === '1'")
    page.get_by_role("button", name="Ophangen").click()
    page.get_by_role("button", name="Afronden en verslag bekijken").wait_for()
    assert page.evaluate("document.getElementById('voice').dataset.hold") is None  # the end stops the music
    assert page.evaluate("document.getElementById('voice').dataset.speaking") is None
    played = [int(m.group(1)) for url in asked if (m := re.search(r"/lines/(\d+)/audio", url))]
    spoken = [e["i"] for e in live_events(page, "customer_line")]
    assert played == sorted(played) and set(played) <= set(spoken)  # only the caller's lines, in order
