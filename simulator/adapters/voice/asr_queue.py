"""Speech that scales: utterance audio and state in Redis, recognition in ``eerstelijn asr-worker`` processes.

A web worker appends each chunk the browser sends to the utterance's key in Redis (``APPEND``), so the
next chunk may reach any web worker: no sticky routing. At the end of the utterance it enqueues one RQ
job on the ``asr`` queue and waits for its result; any ``asr-worker`` on any machine takes the job, reads
the audio from Redis and recognises it with the engine the admin chose for the language. Capacity grows
with the number of workers. A worker that dies mid-job loses nothing: the audio is still in Redis, and a
job that stays started past ``started_limit_s`` is enqueued again at the front (at most ``attempts`` in
all); when every attempt fails the trainee is asked to say it again (:class:`RecognitionLost`). A worker
proves it is alive with a key it renews every second (RQ's own heartbeat is minutes apart), so a killed
worker's job is retried within seconds while a slow but living one is left to finish.
Without Redis configured, the web app recognises in-process as before.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from simulator.voice.audio import PcmGuard, check_rate
from simulator.voice.ports import Final, Partial, SpeechRecognizer, VoiceError, VoiceUnavailable, Word

PREFIX = "eerstelijn:asr"
QUEUE = "asr"
DEFAULT_URL = "redis://127.0.0.1:6379/0"
JOB = "simulator.adapters.voice.asr_queue.recognise_job"


class RecognitionLost(VoiceUnavailable):
    """Every attempt to recognise an utterance failed or timed out: the trainee should say it again."""


@dataclass(frozen=True)
class QueueSettings:
    """How long a web worker waits, when it retries, and how long audio is kept."""

    queue: str = QUEUE
    wait_s: float = 25.0
    #: A started job whose worker is alive is still given up after this long (a hung engine).
    started_limit_s: float = 120.0
    attempts: int = 2
    audio_ttl_s: int = 300


def redis_url() -> str:
    """Return ``EERSTELIJN_REDIS_URL`` or the local default."""
    return os.environ.get("EERSTELIJN_REDIS_URL") or DEFAULT_URL


def connect(url: str) -> Any:
    """Return a Redis connection that answered a PING, else raise :class:`VoiceUnavailable`."""
    try:
        import redis
    except ImportError:
        raise VoiceUnavailable("de Redis-client is niet geïnstalleerd: pip install 'eerstelijn[scale]'") from None
    connection = redis.Redis.from_url(url, socket_timeout=5, socket_connect_timeout=2)
    try:
        connection.ping()
    except redis.RedisError as exc:
        raise VoiceUnavailable(f"Redis op {url} is niet bereikbaar ({exc})") from None
    return connection


def worker_connection(url: str) -> Any:
    """Return a connection for an ASR worker: no socket timeout, since RQ blocks on it while idle."""
    import redis

    return redis.Redis.from_url(url, socket_connect_timeout=2, health_check_interval=30)


def _redis_errors() -> tuple[type[BaseException], ...]:
    import redis

    return (redis.RedisError, OSError)


class RemoteRecognizer:
    """The :class:`SpeechRecognizer` port for one language, served by the ASR workers through Redis."""

    def __init__(self, connection: Any, lang: str, settings: QueueSettings | None = None) -> None:
        from rq import Queue

        self.connection = connection
        self.lang = lang
        self.settings = settings or QueueSettings()
        self.queue = Queue(self.settings.queue, connection=connection)

    def open_stream(
        self, sample_rate: int = 16000, phrases: Sequence[str] = (), *, closed: bool = False
    ) -> RemoteStream:
        """Open a stream under a fresh key."""
        return self.open_keyed(f"anon:{os.urandom(8).hex()}", sample_rate, phrases)

    def open_keyed(self, key: str, sample_rate: int, phrases: Sequence[str] = ()) -> RemoteStream:
        """Open (or restart) the stream ``key``: any web worker can resume it by that key."""
        check_rate(sample_rate, "stream")
        stream = RemoteStream(self, key, sample_rate, tuple(phrases), 0)
        stream.reset()
        return stream

    def resume(self, key: str) -> RemoteStream | None:
        """Return the open stream ``key`` as another web worker left it, or None."""
        try:
            meta = self.connection.hgetall(meta_key(key))
        except _redis_errors() as exc:
            raise VoiceUnavailable(f"Redis is niet bereikbaar ({exc}); typ je antwoord zolang") from None
        if not meta or meta.get(b"lang", b"").decode() != self.lang:
            return None
        phrases = tuple(p for p in meta.get(b"phrases", b"").decode().split("\n") if p)
        received = int(meta.get(b"received", b"0"))
        return RemoteStream(self, key, int(meta[b"rate"]), phrases, received)


def audio_key(key: str) -> str:
    """Return the Redis key of an utterance's audio."""
    return f"{PREFIX}:audio:{key}"


def meta_key(key: str) -> str:
    """Return the Redis key of an utterance's state (language, rate, bytes received)."""
    return f"{PREFIX}:meta:{key}"


class RemoteStream:
    """One utterance whose audio lives in Redis; ``finish`` has it recognised by a worker."""

    def __init__(
        self, owner: RemoteRecognizer, key: str, sample_rate: int, phrases: tuple[str, ...], received: int
    ) -> None:
        self.owner = owner
        self.key = key
        self.sample_rate = sample_rate
        self.phrases = phrases
        self.guard = PcmGuard(sample_rate)
        self.guard.received = received
        self.attempts_used = 0

    def reset(self) -> None:
        """Start the utterance afresh in Redis."""
        ttl = self.owner.settings.audio_ttl_s
        meta = {"lang": self.owner.lang, "rate": self.sample_rate, "phrases": "\n".join(self.phrases), "received": 0}
        self._redis(
            lambda p: (
                p.delete(audio_key(self.key)).hset(meta_key(self.key), mapping=meta).expire(meta_key(self.key), ttl)
            )
        )

    def accept(self, pcm: bytes) -> Partial | Final | None:
        """Append a chunk to the utterance in Redis (no partial results in this mode)."""
        self.guard.check(pcm)
        if pcm:
            ttl = self.owner.settings.audio_ttl_s
            self._redis(
                lambda p: (
                    p.append(audio_key(self.key), pcm)
                    .expire(audio_key(self.key), ttl)
                    .hincrby(meta_key(self.key), "received", len(pcm))
                    .expire(meta_key(self.key), ttl)
                )
            )
        return None

    def audio(self) -> bytes:
        """Return the utterance's audio so far."""
        found = self._redis(lambda p: p.get(audio_key(self.key)))[0]
        return bytes(found or b"")

    def finish(self) -> Final:
        """Have a worker recognise the utterance and return its result; clean up the keys afterwards."""
        try:
            return wait_for_result(self)
        finally:
            try:
                self._redis(lambda p: p.delete(audio_key(self.key), meta_key(self.key)))
            except VoiceUnavailable:
                pass  # the keys expire by themselves

    def discard(self) -> None:
        """Drop the utterance's audio and state (the trainee cancelled it), for every web worker."""
        self._redis(lambda p: p.delete(audio_key(self.key), meta_key(self.key)))

    def _redis(self, build: Any) -> list[Any]:
        try:
            with self.owner.connection.pipeline() as pipe:
                build(pipe)
                return list(pipe.execute())
        except _redis_errors() as exc:
            raise VoiceUnavailable(
                f"Redis is weggevallen tijdens de beurt ({exc.__class__.__name__}); typ je antwoord of probeer opnieuw"
            ) from None


def wait_for_result(stream: RemoteStream) -> Final:
    """Enqueue the utterance, retry a job whose worker vanished, and return the first result."""
    from rq.job import JobStatus

    owner, settings = stream.owner, stream.owner.settings
    args = (stream.key, owner.lang, stream.sample_rate, list(stream.phrases))
    jobs: list[Any] = []
    deadline = time.monotonic() + settings.wait_s
    try:
        while True:
            for job in jobs:
                job.refresh()
            statuses = [job.get_status(refresh=False) for job in jobs]
            for job, status in zip(jobs, statuses, strict=True):
                if status == JobStatus.FINISHED:
                    return _final(job.return_value())
            if not jobs or statuses[-1] == JobStatus.FAILED or _abandoned(jobs[-1], settings):
                if len(jobs) < settings.attempts:
                    jobs.append(
                        owner.queue.enqueue_call(
                            JOB, args=args, timeout=120, result_ttl=60, failure_ttl=300, at_front=bool(jobs)
                        )
                    )
                    stream.attempts_used = len(jobs)
                elif all(status == JobStatus.FAILED for status in statuses):
                    break
            if time.monotonic() > deadline:
                break
            time.sleep(0.02)
    except _redis_errors() as exc:
        raise VoiceUnavailable(f"Redis is weggevallen tijdens de herkenning ({exc.__class__.__name__})") from None
    raise RecognitionLost("de beurt kon niet herkend worden (geen spraakherkenner beschikbaar); zeg het nog eens")


def _abandoned(job: Any, settings: QueueSettings) -> bool:
    """Return True when a started job's worker stopped proving it is alive, or the job hangs."""
    from rq.job import JobStatus

    if job.get_status(refresh=False) != JobStatus.STARTED or job.started_at is None:
        return False
    started = job.started_at if job.started_at.tzinfo else job.started_at.replace(tzinfo=UTC)
    running = (datetime.now(UTC) - started).total_seconds()
    if running > settings.started_limit_s:
        return True
    return bool(running > ALIVE_TTL_S and job.worker_name and not job.connection.exists(alive_key(job.worker_name)))


ALIVE_TTL_S = 3


def alive_key(worker_name: str) -> str:
    """Return the key an ASR worker renews while it lives."""
    return f"{PREFIX}:alive:{worker_name}"


def keep_alive(connection: Any, worker_name: str, stop: threading.Event) -> threading.Thread:
    """Start a thread that renews the worker's alive key every second until ``stop`` is set."""

    def beat() -> None:
        while not stop.is_set():
            try:
                connection.set(alive_key(worker_name), "1", ex=ALIVE_TTL_S)
            except _redis_errors():
                pass  # Redis away for a moment: the web side then retries the job, which is safe
            stop.wait(1.0)

    thread = threading.Thread(target=beat, name="asr-alive", daemon=True)
    thread.start()
    return thread


def _final(result: Any) -> Final:
    if not isinstance(result, dict):
        raise VoiceError("de spraakherkenner gaf een onleesbaar resultaat")
    words = tuple(Word(str(w[0]), float(w[1]), float(w[2]), float(w[3])) for w in result.get("words", []))
    return Final(str(result.get("text", "")), words)


_worker_recognizers: dict[str, SpeechRecognizer] = {}
_worker_lock = threading.Lock()


def preload(lang: str) -> SpeechRecognizer:
    """Load (once per worker process) the recogniser the admin chose for ``lang``."""
    from simulator.adapters.voice import make_recognizer

    with _worker_lock:
        if lang not in _worker_recognizers:
            _worker_recognizers[lang] = make_recognizer(lang)
        return _worker_recognizers[lang]


def recognise_job(key: str, lang: str, sample_rate: int, phrases: list[str]) -> dict[str, Any]:
    """The job an ``asr-worker`` runs: read the utterance from Redis and recognise it."""
    from rq import get_current_job

    job = get_current_job()
    if job is None:  # pragma: no cover - only ever run by a worker
        raise VoiceError("recognise_job draait buiten een RQ-worker")
    pcm = job.connection.get(audio_key(key))
    if not isinstance(pcm, bytes):  # an earlier attempt already answered and the web side cleaned up
        return {"text": "", "words": [], "gone": True}
    recognizer = preload(lang)
    stream = recognizer.open_stream(sample_rate, phrases, closed=bool(phrases) and _can_close(recognizer))
    stream.accept(pcm)
    final = stream.finish()
    return {"text": final.text, "words": [(w.word, w.start, w.end, w.conf) for w in final.words]}


def _can_close(recognizer: SpeechRecognizer) -> bool:
    return bool(getattr(recognizer, "grammar", False))
