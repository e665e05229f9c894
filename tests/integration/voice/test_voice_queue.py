"""Speech that scales: utterances in the real Redis at 127.0.0.1:6379, recognised by ``eerstelijn asr-worker``s.

Each test uses its own queue name, so workers of other test runs sharing the Redis never take its jobs.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from simulator.voice.audio import PcmAudio
from simulator.voice.ports import VoiceUnavailable

URL = "redis://127.0.0.1:6379/0"
Say = Callable[..., PcmAudio]


@pytest.fixture(scope="module")
def redis_url() -> str:
    """Return the local Redis URL, or skip saying none runs."""
    from simulator.adapters.voice.asr_queue import connect

    try:
        connect(URL)
    except VoiceUnavailable as exc:
        pytest.skip(f"no Redis server at 127.0.0.1:6379 ({exc})")
    return URL


@pytest.fixture
def queue_name() -> str:
    return f"asr-test-{uuid.uuid4().hex[:8]}"


@pytest.fixture
def start_worker(whisper_root: Path, redis_url: str, queue_name: str) -> Iterator[Callable[[], subprocess.Popen[str]]]:
    """Start ``eerstelijn asr-worker`` processes on the test's queue (stopped, by pid, at the end)."""
    started: list[subprocess.Popen[str]] = []

    def start() -> subprocess.Popen[str]:
        env = {**os.environ, "EERSTELIJN_MODELS": str(whisper_root), "EERSTELIJN_ASR_THREADS": "1"}
        env.pop("EERSTELIJN_ASR", None)
        args = [sys.executable, "-m", "simulator", "asr-worker", "--redis", redis_url, "--queue", queue_name]
        proc = subprocess.Popen([*args, "--preload", "en"], env=env, stdout=subprocess.PIPE, text=True)
        assert proc.stdout is not None and "asr-worker" in proc.stdout.readline()  # ready: model loaded
        started.append(proc)
        return proc

    yield start
    for proc in started:
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
        if proc.stdout is not None:
            proc.stdout.close()


def recognizer(url: str, queue: str, **settings: Any) -> Any:
    from simulator.adapters.voice.asr_queue import QueueSettings, RemoteRecognizer, connect

    return RemoteRecognizer(connect(url), "en", QueueSettings(queue=queue, **settings))


def test_an_utterance_fed_through_two_web_workers_is_recognised_by_a_worker(
    redis_url: str, queue_name: str, start_worker: Any, say_espeak: Say
) -> None:
    start_worker()
    audio = say_espeak("Please restart the computer and try again.")
    first, second = recognizer(redis_url, queue_name), recognizer(redis_url, queue_name)  # two processes' views
    key = f"test:{uuid.uuid4().hex}"
    half = len(audio.pcm) // 4 * 2
    first.open_keyed(key, audio.sample_rate).accept(audio.pcm[:half])
    resumed = second.resume(key)
    assert resumed is not None and resumed.guard.received == half  # the state lives in Redis
    resumed.accept(audio.pcm[half:])
    assert "restart the computer" in resumed.finish().text.lower()
    assert second.resume(key) is None  # finished utterances leave nothing behind


def test_a_killed_worker_loses_no_utterance(
    redis_url: str, queue_name: str, start_worker: Any, say_espeak: Say
) -> None:
    from rq import Queue

    doomed = start_worker()
    line = "My laptop does not start since this morning, and I have a presentation at ten. " * 3
    audio = say_espeak(line)
    remote = recognizer(redis_url, queue_name, wait_s=60.0)
    stream = remote.open_keyed(f"test:{uuid.uuid4().hex}", audio.sample_rate)
    stream.accept(audio.pcm)
    result: dict[str, Any] = {}
    waiter = threading.Thread(target=lambda: result.update(final=stream.finish()))
    waiter.start()
    started = Queue(queue_name, connection=remote.connection).started_job_registry
    deadline = time.monotonic() + 30
    while not started.get_job_ids() and time.monotonic() < deadline:
        time.sleep(0.005)
    assert started.get_job_ids(), "the worker never started the job"
    doomed.send_signal(signal.SIGKILL)  # mid-recognition
    doomed.wait(timeout=10)
    start_worker()
    waiter.join(timeout=90)
    assert "laptop" in result["final"].text.lower()
    assert stream.attempts_used == 2  # the job was enqueued again (within seconds: the alive key expired)


def test_without_a_worker_the_trainee_is_asked_to_say_it_again(redis_url: str, queue_name: str) -> None:
    from simulator.adapters.voice.asr_queue import RecognitionLost

    stream = recognizer(redis_url, queue_name, wait_s=0.5).open_keyed(f"test:{uuid.uuid4().hex}", 16000)
    stream.accept(b"\x00\x01" * 16000)
    with pytest.raises(RecognitionLost, match="zeg het nog eens"):
        stream.finish()


def test_redis_going_away_mid_stream_is_a_clear_message(own_redis: tuple[str, subprocess.Popen[bytes]]) -> None:
    url, server = own_redis
    try:
        stream = recognizer(url, "asr").open_keyed("test:gone", 16000)
        stream.accept(b"\x00\x01" * 1600)
    finally:
        server.send_signal(signal.SIGKILL)
        server.wait(timeout=10)
    with pytest.raises(VoiceUnavailable, match="Redis is weggevallen"):
        stream.accept(b"\x00\x01" * 1600)


NOUNS = ["printer", "laptop", "password", "mailbox", "network", "keyboard", "monitor", "headset"]


def test_eight_trainees_at_once_on_two_workers_each_get_their_own_words(
    redis_url: str, queue_name: str, start_worker: Any, say_espeak: Say
) -> None:
    start_worker()
    start_worker()
    heard: dict[str, str] = {}

    def trainee(noun: str) -> None:
        audio = say_espeak(f"Hello, my {noun} is broken.")
        stream = recognizer(redis_url, queue_name, wait_s=120.0).open_keyed(f"test:{noun}:{uuid.uuid4().hex}", 22050)
        step = audio.sample_rate // 4 * 2
        for i in range(0, len(audio.pcm), step):
            stream.accept(audio.pcm[i : i + step])
            time.sleep(0.05)
        heard[noun] = stream.finish().text.lower()

    threads = [threading.Thread(target=trainee, args=(noun,)) for noun in NOUNS]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=180)
    assert sorted(heard) == sorted(NOUNS)  # no stream lost
    mixed = {noun: text for noun, text in heard.items() if any(other in text for other in NOUNS if other != noun)}
    assert not mixed, mixed  # nobody got someone else's words
    understood = sum(noun in text for noun, text in heard.items())
    assert understood >= 6, heard  # espeak-ng English is robotic: allow a miss or two, never a mix-up
