"""The speech endpoint in queue mode: chunks through any web worker, recognition by an ``asr-worker`` via Redis."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask

from simulator.voice.audio import read_wav
from tests.e2e.web.test_voice_speech import L16, bearer_client
from webapp import create_app
from webapp.db import database
from webapp.voice.streams import UTTERANCES

URL = "redis://127.0.0.1:6379/0"


@pytest.fixture
def whisper_models(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import importlib.util

    if importlib.util.find_spec("faster_whisper") is None:
        pytest.skip("faster-whisper is not installed")
    from simulator.adapters.voice.dev_whisper import join_base

    root = tmp_path_factory.mktemp("models")
    join_base(root)
    return root


@pytest.fixture
def queue_app(
    database_url: str, tmp_path: Path, whisper_models: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Flask]:
    """The app in queue mode, with one ASR worker on its own queue."""
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
    app = create_app(
        {
            "DATABASE_URL": database_url,
            "VOICE_REDIS_URL": URL,
            "VOICE_ASR_QUEUE": queue,
            "RECORDINGS_FOLDER": str(tmp_path / "recordings"),
            "VOICE_CACHE_FOLDER": str(tmp_path / "tts"),
        }
    )
    yield app
    database(app).engine.dispose()
    worker.send_signal(signal.SIGKILL)
    worker.wait(timeout=10)
    worker.stdout.close()


def test_each_chunk_may_reach_another_web_worker_and_the_final_text_comes_from_the_asr_worker(
    queue_app: Flask,
) -> None:
    client, _user = bearer_client(queue_app)
    call = client.post("/api/v1/sessions", json={"exercise": "vpn-drops-sysadmin-en", "seed": 3}).get_json()
    assert client.post(f"/api/v1/sessions/{call['id']}/steps", json={"step": "answer"}).status_code == 200
    status = client.get(f"/api/v1/sessions/{call['id']}/voice").get_json()
    assert status["speech"] is True
    pcm = english_16k("Good morning, please restart your computer.")
    url = f"/api/v1/sessions/{call['id']}/speech/u1"
    for i in range(0, len(pcm), 8000):
        UTTERANCES._open.clear()  # as if this chunk reached a different web worker
        answer = client.post(url, data=pcm[i : i + 8000], content_type=L16)
        assert answer.status_code == 200, answer.get_json()
    UTTERANCES._open.clear()
    final = client.post(url, data=b"", content_type=L16, query_string={"final": "1"}).get_json()
    assert final["final"] is True and "restart your computer" in final["text"].lower()


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
    app = create_app({"DATABASE_URL": database_url, "VOICE_REDIS_URL": url, "VOICE_CACHE_FOLDER": str(tmp_path)})
    try:
        client, _user = bearer_client(app)
        call = client.post("/api/v1/sessions", json={"exercise": "vpn-drops-sysadmin-en", "seed": 3}).get_json()
        assert client.post(f"/api/v1/sessions/{call['id']}/steps", json={"step": "answer"}).status_code == 200
        speech = f"/api/v1/sessions/{call['id']}/speech/u1"
        assert client.post(speech, data=b"\x00\x01" * 4000, content_type=L16).status_code == 200
        server.send_signal(signal.SIGKILL)
        server.wait(timeout=10)
        UTTERANCES._open.clear()  # the next chunk reaches another web worker, which must ask Redis
        gone = client.post(speech, data=b"\x00\x01" * 4000, content_type=L16)
        assert gone.status_code == 503 and "Redis" in gone.get_json()["error"], gone.get_json()
        typed = {"step": "say", "args": {"text": "Good morning, service desk, how can I help you?"}}
        assert client.post(f"/api/v1/sessions/{call['id']}/steps", json=typed).status_code == 200
    finally:
        database(app).engine.dispose()
