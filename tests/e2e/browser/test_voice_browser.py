"""Push-to-talk in Chromium: a fake microphone plays Korean speech, the packaged Korean model hears it.

Chromium's fake capture device plays a WAV file as the microphone; the console captures it with the
Web Audio API, sends 16 kHz PCM chunks to the speech endpoint, shows the partial and final text, and
the trainee corrects the line before sending it. No Dutch model can be installed here, so the call's
language is pointed at the Korean model (``VOICE_MODEL_PATHS``) with a fixed word list.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from werkzeug.security import generate_password_hash
from werkzeug.serving import make_server

from simulator.adapters.db.models import CallSession, Role, User
from tests.e2e.browser.conftest import CHROMIUM_ARGS, PASSWORD
from tests.e2e.web.test_voice_speech import WORDS, ko_model
from webapp import create_app
from webapp.db import database

pytestmark = pytest.mark.browser

SPOKEN = "안녕하세요 컴퓨터"


@pytest.fixture
def microphone_wav(tmp_path: Path) -> Path:
    """Return a WAV for the fake microphone: a second of silence, the Korean words, then silence."""
    espeak, sox = shutil.which("espeak-ng"), shutil.which("sox")
    if not espeak or not sox:
        pytest.skip("espeak-ng and sox are needed (apt-get install espeak-ng sox)")
    speech = tmp_path / "speech.wav"
    subprocess.run([espeak, "-v", "ko", "-w", str(speech), SPOKEN], check=True)
    target = tmp_path / "microphone.wav"
    subprocess.run([sox, str(speech), "-r", "48000", "-b", "16", "-c", "1", str(target), "pad", "1.5", "6"], check=True)
    return target


@pytest.fixture
def voice_server(database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[str, Any]]:
    """Serve the app with the Korean model standing in for Dutch; yield its URL and the app."""
    monkeypatch.setenv("EERSTELIJN_ENV", "testing")
    app = create_app({
        "DATABASE_URL": database_url, "CALL_SEED": 7, "VOICE_MODEL_PATHS": {"nl": str(ko_model())},
        "VOICE_GRAMMARS": {"nl": WORDS}, "VOICE_CACHE_FOLDER": str(tmp_path / "tts"),
        "RECORDINGS_FOLDER": str(tmp_path / "recordings"),
    })  # fmt: skip
    with database(app).sessions() as db:
        db.add(User(email="sam@example.org", display_name="Sam Peeters", role=Role.TRAINEE, locale="nl",
                    password_hash=generate_password_hash(PASSWORD)))  # fmt: skip
        db.commit()
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}", app
    finally:
        server.shutdown()
        thread.join(timeout=5)
        server.server_close()
        database(app).engine.dispose()


@pytest.fixture
def mic_page(microphone_wav: Path) -> Iterator[Any]:
    """A Chromium page whose microphone plays ``microphone_wav``."""
    executable = shutil.which("chromium")
    if executable is None:
        pytest.skip("chromium is not installed (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    args = [*CHROMIUM_ARGS, "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
            f"--use-file-for-fake-audio-capture={microphone_wav}",
            "--autoplay-policy=no-user-gesture-required"]  # fmt: skip
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=args)
        context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="nl-BE")
        context.grant_permissions(["microphone"])
        page = context.new_page()
        page.set_default_timeout(20_000)
        try:
            yield page
        finally:
            context.close()
            browser.close()


def test_push_to_talk_recognises_the_line_and_the_corrected_line_is_sent(voice_server, mic_page) -> None:
    url, app = voice_server
    page = mic_page
    page.goto(url + "/aanmelden")
    page.get_by_label("E-mailadres").fill("sam@example.org")
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Aanmelden").click()
    page.wait_for_url(re.compile(r"/oefenen/$"))
    page.locator("li.card", has_text="Printer offline").get_by_role("button", name=re.compile("Start oefening")).click()
    page.wait_for_url(re.compile(r"/oefenen/gesprek/\d+$"))
    assert page.locator("#voice-notice").count() == 0  # a model is configured: no text-only notice
    page.get_by_role("button", name="Opnemen").click()
    page.locator("#transcript li", has_text="Opgenomen").wait_for()

    page.get_by_role("checkbox", name="Microfoon").check()
    page.locator("#voice-status", has_text="spatiebalk").wait_for()
    talk = page.get_by_role("button", name="Ingedrukt houden om te spreken")
    talk.hover()
    page.mouse.down()  # hold the button while the fake microphone speaks
    page.wait_for_function("() => document.getElementById('voice-partial').textContent.length > 0", timeout=20_000)
    partial = page.locator("#voice-partial").text_content()
    page.wait_for_timeout(3500)
    page.mouse.up()
    page.locator("#voice-final").wait_for(state="visible")
    heard = page.locator("#voice-heard").text_content()
    assert partial and heard == SPOKEN
    assert page.input_value("#say-text") == SPOKEN  # the recognised line waits in the say box

    corrected = "Goeiemorgen, helpdesk, u spreekt met Sam."
    page.fill("#say-text", corrected)
    page.press("#say-text", "Enter")
    page.locator("#transcript li.trainee", has_text=corrected).wait_for()
    page.wait_for_load_state("networkidle")
    with database(app).sessions() as db:
        call = db.query(CallSession).one()
        said = [e for e in call.events if e["type"] == "utterance"][-1]["data"]
    assert said["text"] == corrected and said["asr_text"] == SPOKEN and said["corrected"] is True
    assert said["duration"] > 0.5  # how long the trainee really spoke, not a typing estimate
