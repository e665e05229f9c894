"""The speech endpoint in queue mode: chunks through any web worker, recognition by an ``asr-worker`` via Redis."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from simulator.voice.audio import read_wav
from tests.e2e.web.test_voice_speech import CHUNK, L16, bearer_client
from webapp import create_app
from webapp.db import database

URL = "redis://127.0.0.1:6379/0"
VOICE_SET = Path(__file__).resolve().parents[2] / "data" / "voice-set"


@pytest.fixture
def whisper_models(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import importlib.util

    if importlib.util.find_spec("faster_whisper") is None:
        pytest.skip("faster-whisper is not installed")
    from simulator.adapters.voice.dev_whisper import join_base

    root = tmp_path_factory.mktemp("models")
    join_base(root)
    return root


def make_app(database_url: str, redis_url: str, tmp_path: Path, queue: str = "asr") -> Flask:
    """Return one web worker: an app of its own (its own memory) on the shared database and Redis."""
    return create_app(
        {
            "DATABASE_URL": database_url,
            "VOICE_REDIS_URL": redis_url,
            "VOICE_ASR_QUEUE": queue,
            "RECORDINGS_FOLDER": str(tmp_path / "recordings"),
            "VOICE_CACHE_FOLDER": str(tmp_path / "tts"),
        }
    )


def same_trainee(app: Flask, client: FlaskClient) -> FlaskClient:
    """Return a client of ``app`` signed in with the same API token as ``client``."""
    other = app.test_client()
    other.environ_base.update(client.environ_base)
    return other


@pytest.fixture
def asr_queue(whisper_models: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """One ASR worker on a queue of this test alone; yields the queue's name."""
    from simulator.adapters.voice.asr_queue import connect
    from simulator.voice.ports import VoiceUnavailable

    try:
        connect(URL)
    except VoiceUnavailable as exc:
        pytest.skip(f"no Redis server at 127.0.0.1:6379 ({exc})")
    queue = f"asr-web-{uuid.uuid4().hex[:8]}"
    monkeypatch.setenv("EERSTELIJN_ENV", "testing")
    env = {**os.environ, "EERSTELIJN_MODELS": str(whisper_models), "EERSTELIJN_ASR_THREADS": "1"}
    env.pop("EERSTELIJN_ASR", None)
    worker = subprocess.Popen(
        [sys.executable, "-m", "simulator", "asr-worker", "--redis", URL, "--queue", queue, "--preload", "en"],
        env=env, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert worker.stdout is not None and "asr-worker" in worker.stdout.readline()
    yield queue
    worker.send_signal(signal.SIGKILL)
    worker.wait(timeout=10)
    worker.stdout.close()


@pytest.fixture
def web_workers(database_url: str, tmp_path: Path, asr_queue: str) -> Iterator[tuple[Flask, Flask]]:
    """Two web workers in queue mode, as two gunicorn workers with no sticky routing."""
    apps = (make_app(database_url, URL, tmp_path, asr_queue), make_app(database_url, URL, tmp_path, asr_queue))
    yield apps
    for app in apps:
        database(app).engine.dispose()


def speak(clients: list[FlaskClient], call_id: int, utterance: str, pcm: bytes) -> dict[str, Any]:
    """Send ``pcm`` in 0.25 s chunks, the i-th through ``clients[i % len(clients)]``; return the final answer."""
    url = f"/api/v1/sessions/{call_id}/speech/{utterance}"
    chunks = [pcm[i : i + CHUNK] for i in range(0, len(pcm), CHUNK)]
    for i, chunk in enumerate(chunks):
        answer = clients[i % len(clients)].post(url, data=chunk, content_type=L16)
        assert answer.status_code == 200, answer.get_json()
    last = clients[len(chunks) % len(clients)]
    final = last.post(url, data=b"", content_type=L16, query_string={"final": "1"})
    assert final.status_code == 200, final.get_json()
    return dict(final.get_json())


def test_two_web_workers_serving_alternate_chunks_hear_the_same_utterance_as_one(
    web_workers: tuple[Flask, Flask],
) -> None:
    first, second = web_workers
    a, _user = bearer_client(first)
    b = same_trainee(second, a)
    call = a.post("/api/v1/sessions", json={"exercise": "vpn-drops-sysadmin-en", "seed": 3}).get_json()
    assert b.post(f"/api/v1/sessions/{call['id']}/steps", json={"step": "answer"}).status_code == 200
    assert a.get(f"/api/v1/sessions/{call['id']}/voice").get_json()["speech"] is True
    pcm = voice_set_16k("en", "003")  # "Please restart your computer and try again."
    alone = speak([a], call["id"], "alone", pcm)
    time.sleep(1.2)  # the trainee leaves the line quiet before the next utterance
    quiet = b.post(f"/api/v1/sessions/{call['id']}/silence").get_json()
    assert quiet["check_in_s"] is not None  # the other worker knows when the line went quiet
    shared = speak([b, a], call["id"], "shared", pcm)
    assert "restart your computer" in alone["text"].lower()
    assert shared["text"] == alone["text"] and shared["words"] == alone["words"]
    assert alone["gap_s"] == 0.0 and shared["gap_s"] >= 1.2  # measured from the end of the first, heard by A
    assert shared["dead_air_s"] >= 1.2
    assert b.post(f"/api/v1/sessions/{call['id']}/end").status_code == 200  # the report is made by the other worker
    report = a.get(f"/api/v1/sessions/{call['id']}/report").get_json()
    assert report["outcome"]["dead_air_s"] == shared["dead_air_s"]


def voice_set_16k(lang: str, name: str) -> bytes:
    """Return a line of the shipped synthetic voice set as 16 kHz 16-bit mono PCM."""
    import numpy as np

    audio = read_wav((VOICE_SET / lang / f"{name}.wav").read_bytes())
    x = np.frombuffer(audio.pcm, dtype="<i2").astype(np.float64)
    y = np.interp(np.linspace(0, x.size - 1, round(x.size * 16000 / audio.sample_rate)), np.arange(x.size), x)
    return np.round(y).astype("<i2").tobytes()


def english_16k(text: str) -> bytes:
    """Return 16 kHz 16-bit mono PCM of espeak-ng saying ``text`` in English (skip without espeak-ng)."""
    import shutil

    import numpy as np

    if not shutil.which("espeak-ng"):
        pytest.skip("espeak-ng is not installed")
    wav = subprocess.run(["espeak-ng", "-v", "en-us", "--stdout", text], capture_output=True, check=True).stdout
    audio = read_wav(wav)
    x = np.frombuffer(audio.pcm, dtype="<i2").astype(np.float64)
    y = np.interp(np.linspace(0, x.size - 1, round(x.size * 16000 / audio.sample_rate)), np.arange(x.size), x)
    return np.round(y).astype("<i2").tobytes()


def test_redis_going_away_mid_stream_is_a_503_and_typing_still_works(
    database_url: str, tmp_path: Path, own_redis: tuple[str, subprocess.Popen[bytes]], monkeypatch: pytest.MonkeyPatch
) -> None:
    url, server = own_redis
    monkeypatch.setenv("EERSTELIJN_ENV", "testing")
    first, second = make_app(database_url, url, tmp_path), make_app(database_url, url, tmp_path)
    try:
        a, _user = bearer_client(first)
        b = same_trainee(second, a)
        call = a.post("/api/v1/sessions", json={"exercise": "vpn-drops-sysadmin-en", "seed": 3}).get_json()
        assert a.post(f"/api/v1/sessions/{call['id']}/steps", json={"step": "answer"}).status_code == 200
        speech = f"/api/v1/sessions/{call['id']}/speech/u1"
        assert a.post(speech, data=b"\x00\x01" * 4000, content_type=L16).status_code == 200
        server.send_signal(signal.SIGKILL)
        server.wait(timeout=10)
        for client in (a, b):  # the worker that had the stream, and one that must ask Redis for it
            gone = client.post(speech, data=b"\x00\x01" * 4000, content_type=L16)
            assert gone.status_code == 503 and "Redis" in gone.get_json()["error"], gone.get_json()
        quiet = b.post(f"/api/v1/sessions/{call['id']}/silence")
        assert quiet.status_code == 503 and "Redis" in quiet.get_json()["error"]
        typed = {"step": "say", "args": {"text": "Good morning, service desk, how can I help you?"}}
        assert b.post(f"/api/v1/sessions/{call['id']}/steps", json=typed).status_code == 200
        assert a.post(f"/api/v1/sessions/{call['id']}/end").status_code == 200  # ending needs no Redis
        ended = a.get(f"/api/v1/sessions/{call['id']}").get_json()
        assert [line["text"] for line in ended["transcript"] if line["speaker"] == "trainee"] == [typed["args"]["text"]]
        assert ended["report"] is not None and "dead_air_s" not in ended["report"]["outcome"]
    finally:
        for app in (first, second):
            database(app).engine.dispose()
