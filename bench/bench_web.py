"""Benchmark the web app over real HTTP: page times, and trainee turns while 30 trainees call at once.

Serves the app as the README's production section does (gunicorn with ``webapp.gunicorn_conf``,
several workers and threads) on 127.0.0.1, against SQLite and against the local PostgreSQL (a
throw-away schema in the ``test`` database), from an EMPTY model cache (``EERSTELIJN_CACHE`` in a
temporary folder): the models are trained once in gunicorn's master before it accepts a connection,
so no request may wait on training — the first call of every trainee is timed too. Beside the app,
the same gunicorn serves a bare Flask "hello" (``/hello/``), sampled during the same crowd, so each
turn figure comes with its ratio to the HTTP floor of this machine at that moment.

Each simulated trainee plays the strong printer script through the API, call after call, with a
think time between turns (default 1 s: a fast typist). Every answer that is not the expected status
counts as an error. Targets (issue #11): 0 errors; turn p95 ≤ 50 ms; page p95 ≤ 100 ms. With
``--soak MINUTES`` the crowd runs that long and the RSS of gunicorn's workers is read along the way
(flat: the second half of the run adds at most ``--rss-margin`` per cent; the first half fills the
workers' bounded caches). Exits 1 when a target is missed.

Run: ``python bench/bench_web.py [--lanes sqlite,postgresql] [--trainees 30] [--seconds 60] [--soak 10]``.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import requests
import yaml
from web_serving import PASSWORD, Server, database, machine_load, seed_users, serve, worker_rss_mb  # beside this file

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "tests" / "scripts" / "printer-offline-angry-nl-strong.yaml"
EXERCISE = "printer-offline-angry-nl"
PAGE_BUDGET_MS = 100.0
TURN_BUDGET_MS = 50.0


def script_steps() -> list[tuple[str, Any]]:
    """Return the strong printer script's steps as (name, args)."""
    steps = yaml.safe_load(SCRIPT.read_text(encoding="utf-8"))["steps"]
    return [next(iter(step.items())) for step in steps]


def percentile(values: list[float], share: float) -> float:
    """Return the ``share`` percentile (nearest rank) of ``values``."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def client() -> requests.Session:
    """Return an HTTP client that opens a connection per request, as the README's reverse proxy does upstream.

    nginx speaks to gunicorn with one connection per request unless told otherwise; a client that
    keeps connections open instead races gunicorn's 2-second keep-alive on a busy machine (the
    server closes an idle connection just as the next request is sent: "connection reset").
    """
    session = requests.Session()
    session.headers["Connection"] = "close"
    return session


def logged_in(base: str, email: str) -> requests.Session:
    """Return a browser-like session logged in through the real form."""
    browser = client()
    page = browser.get(base + "/aanmelden", timeout=10).text
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page)
    assert token, "no CSRF token on the login page"
    answer = browser.post(
        base + "/aanmelden", timeout=10, data={"email": email, "password": PASSWORD, "csrf_token": token.group(1)}
    )
    assert answer.ok and "/aanmelden" not in answer.url, "login failed"
    return browser


@dataclass
class Tally:
    """What the crowd did: turn times, errors (with a few examples), calls completed."""

    turns: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    calls: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def error(self, what: str) -> None:
        """Count an error."""
        with self.lock:
            self.errors.append(what)


def play(
    base: str,
    token: str,
    steps: list[tuple[str, Any]],
    think: float,
    deadline: float,
    seed: int,
    record: Callable[[float], None] = lambda spent: None,
) -> int:
    """Play the script through the API (bearer token); ``record`` each turn's time; return the call's id.

    Raises RuntimeError on an answer that is not the expected status.
    """
    api = client()
    api.headers["Authorization"] = f"Bearer {token}"
    started = api.post(base + "/api/v1/sessions", json={"exercise": EXERCISE, "seed": seed}, timeout=60)
    if started.status_code != 201:
        raise RuntimeError(f"start answered {started.status_code}: {started.text[:200]}")
    call = started.json()
    for name, args in steps:
        if time.monotonic() > deadline:
            break
        time.sleep(think)
        began = time.perf_counter()
        answer = api.post(f"{base}/api/v1/sessions/{call['id']}/steps", json={"step": name, "args": args}, timeout=60)
        spent = (time.perf_counter() - began) * 1000
        if answer.status_code != 200:
            raise RuntimeError(f"step {name} answered {answer.status_code}: {answer.text[:200]}")
        record(spent)
    ended = api.post(f"{base}/api/v1/sessions/{call['id']}/end", timeout=60)
    if ended.status_code != 200:
        raise RuntimeError(f"end answered {ended.status_code}: {ended.text[:200]}")
    return int(call["id"])


def crowd(
    base: str, users: list[tuple[str, str]], think: float, seconds: float, tally: Tally, *, once: bool = False
) -> None:
    """Let every trainee call at once (one thread each), call after call until the deadline (``once``: one call)."""
    steps = script_steps()
    deadline = time.monotonic() + seconds

    def trainee(index: int, token: str) -> None:
        round_ = 0
        while time.monotonic() < deadline and not (once and round_):
            mine: list[float] = []
            try:
                play(base, token, steps, think, deadline, index * 1000 + round_ + (500 if once else 0), mine.append)
                completed = 1
            except Exception as exc:  # any failure of a simulated trainee is an error of the run, counted
                tally.error(f"{type(exc).__name__}: {exc}")
                completed = 0
            with tally.lock:
                tally.turns.extend(mine)
                tally.calls += completed
            round_ += 1

    threads = [threading.Thread(target=trainee, args=(i, token), daemon=True) for i, (_, token) in enumerate(users)]
    for thread in threads:
        thread.start()
        time.sleep(think / max(1, len(threads)))  # trainees do not all press Enter in the same millisecond
    for thread in threads:
        thread.join(timeout=seconds + 300)


def sample_hello(base: str, stop: threading.Event, every: float) -> list[float]:
    """Time ``GET /hello/`` (the bare Flask app) every ``every`` seconds until ``stop``; return the times."""
    times: list[float] = []
    session = client()
    while not stop.wait(every):
        began = time.perf_counter()
        answer = session.get(base + "/hello/", timeout=30)
        if answer.status_code == 200 and answer.text == "hello":
            times.append((time.perf_counter() - began) * 1000)
    return times


def page_times(base: str, email: str, token: str, rounds: int) -> dict[str, list[float]]:
    """Time the main pages of one logged-in trainee: dashboard, console, report, login."""
    steps = script_steps()
    ended = play(base, token, steps, 0.0, time.monotonic() + 120, seed=1)
    running = requests.post(
        base + "/api/v1/sessions", json={"exercise": EXERCISE}, headers={"Authorization": f"Bearer {token}"}, timeout=30
    ).json()["id"]
    browser = logged_in(base, email)
    pages = {
        "dashboard": "/oefenen/",
        "console": f"/oefenen/gesprek/{running}",
        "report": f"/oefenen/gesprek/{ended}/verslag",
        "call (API GET)": f"/api/v1/sessions/{running}",
    }
    times: dict[str, list[float]] = {name: [] for name in pages}
    for _ in range(rounds):
        for name, path in pages.items():
            began = time.perf_counter()
            answer = browser.get(base + path, timeout=30)
            times[name].append((time.perf_counter() - began) * 1000)
            assert answer.status_code == 200, (path, answer.status_code)
    return times


def summary(values: list[float]) -> str:
    """Return ``n, p50, p95, p99, max`` of times in ms."""
    if not values:
        return "n=   0"
    p50, p95, p99 = (percentile(values, q) for q in (0.5, 0.95, 0.99))
    return f"n={len(values):5d}  p50 {p50:6.1f}  p95 {p95:6.1f}  p99 {p99:6.1f}  max {max(values):7.1f} ms"


def measured_crowd(server: Server, users: list[tuple[str, str]], args: argparse.Namespace, seconds: float) -> Any:
    """Run the crowd for ``seconds`` while sampling the bare hello and the workers' RSS.

    Returns (tally, hello times, RSS samples as (minute, total MB of the workers)).
    """
    tally = Tally()
    stop = threading.Event()
    hello: list[float] = []
    memory: list[tuple[float, float]] = []
    began = time.monotonic()

    def sample_memory() -> None:
        while True:
            memory.append(((time.monotonic() - began) / 60, sum(worker_rss_mb(server.pid))))
            if stop.wait(max(5.0, seconds / 10)):
                break

    samplers = [
        threading.Thread(target=lambda: hello.extend(sample_hello(server.base, stop, 0.1)), daemon=True),
        threading.Thread(target=sample_memory, daemon=True),
    ]
    for sampler in samplers:
        sampler.start()
    try:
        crowd(server.base, users, args.think, seconds, tally)
    finally:
        memory.append(((time.monotonic() - began) / 60, sum(worker_rss_mb(server.pid))))
        stop.set()
        for sampler in samplers:
            sampler.join(timeout=60)
    return tally, hello, memory


def ratio(turns: list[float], hello: list[float], share: float) -> str:
    """Return the turn/hello ratio at one percentile."""
    if not turns or not hello:
        return "n/a"
    return f"{percentile(turns, share) / percentile(hello, share):.1f}×"


def run_lane(lane: str, args: argparse.Namespace) -> bool:
    """Benchmark one database lane; print its figures and return whether it met the targets."""
    folder = Path(tempfile.mkdtemp(prefix=f"bench-web-{lane}-"))
    print(f"\n== {lane}: gunicorn {args.workers} workers × {args.threads} threads, 127.0.0.1, empty model cache ==")
    print(f"machine at start: {machine_load()}  ({time.strftime('%Y-%m-%d %H:%M %Z')})")
    ok = True
    try:
        with database(lane, folder) as url:
            users = seed_users(url, args.trainees + 1)
            with serve(url, folder, args.workers, args.threads) as server:
                print(f"gunicorn ready (models trained in the master) after {server.ready_s:.1f} s")
                first = Tally()
                crowd(server.base, users[1:], args.think, 600, first, once=True)  # every trainee's first call
                print(f"first calls      {summary(first.turns)}  errors {len(first.errors)}")
                pages = page_times(server.base, users[0][0], users[0][1], args.page_rounds)
                rss_start = worker_rss_mb(server.pid)
                seconds = args.soak * 60 if args.soak else args.seconds
                tally, hello, memory = measured_crowd(server, users[1:], args, seconds)
                rss_end = worker_rss_mb(server.pid)
                trained = server.trained_since_ready()
    finally:
        if os.environ.get("BENCH_KEEP") != "1":
            shutil.rmtree(folder, ignore_errors=True)
    for name, values in pages.items():
        p95 = percentile(values, 0.95)
        ok &= p95 <= PAGE_BUDGET_MS
        print(f"page {name:<16} {summary(values)}")
    errors = first.errors + tally.errors
    turn_p95 = percentile(tally.turns, 0.95) if tally.turns else float("inf")
    ok &= turn_p95 <= TURN_BUDGET_MS and not errors
    cold_max = max(first.turns) if first.turns else 0.0
    print(
        f"turn POST …/steps {summary(tally.turns)}  ({args.trainees} trainees at once, think {args.think:.1f} s,"
        f" {seconds / 60:.1f} min, {tally.calls} calls completed)"
    )
    print(f"bare Flask hello  {summary(hello)}  (same gunicorn, same crowd)")
    print(f"turn / hello: p50 {ratio(tally.turns, hello, 0.5)}, p95 {ratio(tally.turns, hello, 0.95)}")
    kinds = Counter(error[:70] for error in errors).most_common(3)
    print(f"errors: {len(errors)}" + "".join(f"; {n}× {kind}" for kind, n in kinds))
    ok &= not trained
    print(
        f"models trained by a request: {', '.join(trained) or 'none'} (the cache was filled before gunicorn answered;"
        f" {len(server.cached)} files); slowest turn of a trainee's first call {cold_max:.1f} ms"
    )
    if rss_start and rss_end and memory:
        # the per-worker caches (128 live calls, 8,192 understood lines) fill during the first part of a
        # run: memory is flat when the second half of the run adds no more than the margin
        middle = min(memory, key=lambda m: abs(m[0] - memory[-1][0] / 2))[1]
        grown = (memory[-1][1] - middle) / middle * 100
        flat = grown <= args.rss_margin
        ok &= flat or not args.soak
        print(
            "worker RSS MB at start " + " ".join(f"{m:.0f}" for m in rss_start)
            + " → at end " + " ".join(f"{m:.0f}" for m in rss_end)
            + "; all workers over the run: " + ", ".join(f"{t:.1f} min {mb:.0f}" for t, mb in memory)
            + f"; second half {grown:+.1f} % ({'flat' if flat else 'GREW'}, margin {args.rss_margin:.0f} %)"
        )  # fmt: skip
    print(f"machine at end: {machine_load()}")
    verdict = "met" if ok else "MISSED"
    print(f"targets: 0 errors, page p95 ≤ {PAGE_BUDGET_MS:.0f} ms, turn p95 ≤ {TURN_BUDGET_MS:.0f} ms → {verdict}")
    return ok


def main() -> int:
    """Run the benchmark on each lane asked for."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lanes", default="sqlite,postgresql")
    parser.add_argument("--trainees", type=int, default=30)
    parser.add_argument("--seconds", type=float, default=60.0, help="length of the measured crowd phase")
    parser.add_argument("--soak", type=float, default=0.0, metavar="MINUTES", help="run the crowd this long instead")
    parser.add_argument("--rss-margin", type=float, default=10.0, help="per cent the workers' RSS may grow in a soak")
    parser.add_argument("--think", type=float, default=1.0, help="seconds a trainee takes between turns")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--page-rounds", type=int, default=60)
    args = parser.parse_args()
    results = [run_lane(lane.strip(), args) for lane in args.lanes.split(",") if lane.strip()]
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
