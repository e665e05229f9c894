"""A voice call's turn-taking state in Redis, so any web worker serves any request of the call.

The state (:class:`~simulator.voice.turns.CallTurns`: when the caller's line started, the silences
left, the open utterance's decision) is one JSON value per call, read and written under a short Redis
lock so two workers answering two chunks at once cannot lose an update. The clock is Redis's own
``TIME``: web workers on different machines then agree on how long the line was quiet. When Redis
goes away the request fails with :class:`VoiceUnavailable` (the trainee is told to type), and nothing
else of the call depends on it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from simulator.voice.ports import VoiceUnavailable
from simulator.voice.turn_store import DEFAULT_SILENCE_S
from simulator.voice.turns import CallTurns, TurnTracker

PREFIX = "eerstelijn:turns"
#: A call's turns are forgotten this long after its last request (a call lasts minutes).
TTL_S = 4 * 3600
LOCK_S = 10.0
LOCK_WAIT_S = 5.0


def turns_key(call: str) -> str:
    """Return the Redis key of a call's turns."""
    return f"{PREFIX}:{call}"


class RedisTurns:
    """The :class:`~simulator.voice.turn_store.TurnStore` port on Redis."""

    def __init__(self, connection: Any, ttl_s: int = TTL_S) -> None:
        self.connection = connection
        self.ttl_s = ttl_s

    @classmethod
    def from_url(cls, url: str) -> RedisTurns:
        """Return a store on the Redis at ``url`` (connected on first use, so a Redis down now is no error yet)."""
        try:
            import redis
        except ImportError:
            raise VoiceUnavailable("de Redis-client is niet geïnstalleerd: pip install 'eerstelijn[scale]'") from None
        return cls(redis.Redis.from_url(url, socket_timeout=5, socket_connect_timeout=2))

    def now(self) -> float:
        """Return Redis's clock (seconds), the one clock of every web worker."""
        seconds, micros = self._call(self.connection.time)
        return float(seconds) + float(micros) / 1_000_000

    @contextmanager
    def turns(self, call: str, silence_timeout_s: float = DEFAULT_SILENCE_S) -> Iterator[CallTurns]:
        """Lend the call's turns under a Redis lock and store what the block changed."""
        key = turns_key(call)
        lock = self.connection.lock(f"{key}:lock", timeout=LOCK_S, blocking_timeout=LOCK_WAIT_S)
        if not self._call(lock.acquire):
            raise VoiceUnavailable("de beurt van dit gesprek wordt elders nog verwerkt; probeer het opnieuw")
        try:
            raw = self._call(lambda: self.connection.get(key))
            found = CallTurns.from_dict(json.loads(raw)) if raw else CallTurns(TurnTracker(silence_timeout_s))
            yield found
            self._call(lambda: self.connection.set(key, json.dumps(found.to_dict()), ex=self.ttl_s))
        finally:
            try:
                lock.release()
            except Exception:  # noqa: BLE001, S110 - an expired lock or Redis gone: the lock times out by itself
                pass

    def existing(self, call: str) -> CallTurns | None:
        """Return the call's turns if any web worker stored them."""
        raw = self._call(lambda: self.connection.get(turns_key(call)))
        return CallTurns.from_dict(json.loads(raw)) if raw else None

    def drop(self, call: str) -> None:
        """Forget a call's turns."""
        self._call(lambda: self.connection.delete(turns_key(call)))

    def _call(self, fn: Any) -> Any:
        import redis

        try:
            return fn()
        except (redis.RedisError, OSError) as exc:
            raise VoiceUnavailable(
                f"Redis is weggevallen ({exc.__class__.__name__}); het gesprek loopt door, typ je antwoord"
            ) from None
