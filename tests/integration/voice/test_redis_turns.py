"""A call's turn-taking in the real Redis at 127.0.0.1:6379: every web worker sees the same turns and clock."""

from __future__ import annotations

import signal
import subprocess
import threading
import uuid
from collections.abc import Iterator

import pytest

from simulator.adapters.voice.redis_turns import RedisTurns
from simulator.voice.ports import VoiceUnavailable

URL = "redis://127.0.0.1:6379/0"


@pytest.fixture
def two_workers() -> tuple[RedisTurns, RedisTurns]:
    """Two stores with their own connections, as two gunicorn workers have."""
    from simulator.adapters.voice.asr_queue import connect

    try:
        connect(URL)
    except VoiceUnavailable as exc:
        pytest.skip(f"no Redis server at 127.0.0.1:6379 ({exc})")
    return RedisTurns.from_url(URL), RedisTurns.from_url(URL)


@pytest.fixture
def call_id(two_workers: tuple[RedisTurns, RedisTurns]) -> Iterator[str]:
    """A call key no other test run uses; its turns are dropped afterwards."""
    found = f"test-{uuid.uuid4().hex}"
    yield found
    two_workers[0].drop(found)


def test_an_interruption_noted_by_one_worker_is_decided_by_another(two_workers, call_id) -> None:
    a, b = two_workers
    now = a.now()
    with a.turns(call_id, 6.0) as turns:
        turns.tracker.customer_started(now - 1.0, 4.0, line_index=5)  # the caller's line plays for 4 s
    with b.turns(call_id) as turns:
        decision = turns.decide("u1", b.now())
    assert decision.interrupt is True and decision.stop_customer_audio is True
    with a.turns(call_id) as turns:  # the next chunk, on the first worker, answers with the same decision
        assert turns.decide("u1", a.now()) == decision
        assert turns.tracker.interruptions == [5] and turns.tracker.silence_timeout_s == 6.0


def test_the_silence_after_an_utterance_is_dead_air_whichever_worker_hears_the_next(two_workers, call_id) -> None:
    a, b = two_workers
    start = a.now()
    with a.turns(call_id) as turns:
        turns.decide("u1", start)
        _decision, spoken = turns.finish_utterance("u1", start + 2.0)
    assert spoken == pytest.approx(2.0)
    with b.turns(call_id) as turns:
        decision = turns.decide("u2", start + 5.5)
    assert decision.gap_s == pytest.approx(3.5)
    assert b.existing(call_id).tracker.dead_air_s == pytest.approx(3.5)


def test_updates_from_many_workers_at_once_are_none_of_them_lost(two_workers, call_id) -> None:
    stores = [RedisTurns.from_url(URL) for _ in range(6)]

    def note(store: RedisTurns, n: int) -> None:
        for i in range(10):
            with store.turns(call_id) as turns:
                turns.tracker.gaps.append(float(n * 100 + i))

    threads = [threading.Thread(target=note, args=(s, n)) for n, s in enumerate(stores)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert sorted(two_workers[0].existing(call_id).tracker.gaps) == sorted(
        float(n * 100 + i) for n in range(6) for i in range(10)
    )


def test_the_workers_share_one_clock(two_workers) -> None:
    a, b = two_workers
    first = a.now()
    second = b.now()
    assert 0 <= second - first < 1.0


def test_redis_going_away_is_a_clear_message(own_redis: tuple[str, subprocess.Popen[bytes]]) -> None:
    url, server = own_redis
    store = RedisTurns.from_url(url)
    with store.turns("7-test", 6.0) as turns:
        turns.decide("u1", store.now())
    server.send_signal(signal.SIGKILL)
    server.wait(timeout=10)
    with pytest.raises(VoiceUnavailable, match="Redis is weggevallen"):
        with store.turns("7-test") as turns:
            pass
    with pytest.raises(VoiceUnavailable, match="Redis is weggevallen"):
        store.now()
