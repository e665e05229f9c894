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
``--soak MINUTES`` the crowd runs that long and the RSS of gunicorn's workers is read at its start
and end (flat: grown by at most ``--rss-margin`` per cent). Exits 1 when a target is missed.

Run: ``python bench/bench_web.py [--lanes sqlite,postgresql] [--trainees 30] [--seconds 60] [--soak 10]``.
"""

from __future__ import annotations

import argparse
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import requests
import yaml

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "tests" / "scripts" / "printer-offline-angry-nl-strong.yaml"
EXERCISE = "printer-offline-angry-nl"
POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
PASSWORD = "bench-wachtwoord"
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


@contextmanager
def database(lane: str, folder: Path) -> Iterator[str]:
    """Yield the URL of a fresh migrated database on ``lane``; drop it afterwards."""
    from sqlalchemy import text

    from simulator.adapters.db import make_engine, upgrade

    if lane == "sqlite":
        url = f"sqlite:///{folder / 'bench.sqlite3'}"
        upgrade(url)
        yield url
        return
    schema = f"bench_{uuid.uuid4().hex[:10]}"
    admin = make_engine(POSTGRES, connect_args={"connect_timeout": 3})
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = f"{POSTGRES}?options=-csearch_path%3D{schema}"
    try:
        upgrade(url)
        yield url
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        admin.dispose()


def seed_users(url: str, trainees: int) -> list[tuple[str, str]]:
    """Create the trainees with a bearer token each; return (e-mail, token)."""
    from werkzeug.security import generate_password_hash

    from simulator.adapters.db import make_engine, make_sessionmaker
    from simulator.adapters.db.models import ApiToken, Role, User

    engine = make_engine(url)
    password_hash = generate_password_hash(PASSWORD)
    made: list[tuple[str, str]] = []
    with make_sessionmaker(engine)() as db:
        for n in range(trainees):
            user = User(
                email=f"bench{n}@example.org",
                display_name=f"Trainee {n}",
                role=Role.TRAINEE,
                locale="nl",
                password_hash=password_hash,
            )
            token, secret = ApiToken.issue(user, label="bench")
            db.add_all([user, token])
            made.append((user.email, secret))
        db.commit()
    engine.dispose()
    return made


def free_port() -> int:
    """Return a free TCP port on the loopback interface."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def served_app() -> Any:
    """Return the app as gunicorn serves it here: eerstelijn, with a bare Flask "hello" mounted at ``/hello``.

    The bare app has no middleware, login, headers or database: its time is the HTTP floor of this
    gunicorn on this machine, measured in the same run as the turns.
    """
    from flask import Flask
    from werkzeug.middleware.dispatcher import DispatcherMiddleware

    from webapp import create_app

    bare = Flask("hello")
    bare.add_url_rule("/", "hello", lambda: "hello")
    app = create_app()
    app.wsgi_app = DispatcherMiddleware(app.wsgi_app, {"/hello": bare})  # type: ignore[method-assign]
    return app


@dataclass
class Server:
    """A running gunicorn: its base URL, master pid and how long it took to accept the first request."""

    base: str
    pid: int
    ready_s: float


@contextmanager
def serve(url: str, folder: Path, workers: int, threads: int) -> Iterator[Server]:
    """Run gunicorn (production settings, empty model cache) on the app against ``url``."""
    port = free_port()
    gunicorn = shutil.which("gunicorn", path=str(Path(sys.executable).parent)) or "gunicorn"
    cache = folder / "cache"
    env = os.environ | {
        "DATABASE_URL": url,
        "EERSTELIJN_ENV": "production",
        "EERSTELIJN_SECRET_KEY": secrets.token_urlsafe(32),
        "EERSTELIJN_CACHE": str(cache),  # empty: the master trains the models before accepting
        "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "bench")]),
    }
    command = [
        gunicorn,
        *("-c", "python:webapp.gunicorn_conf"),
        *("--bind", f"127.0.0.1:{port}", "--workers", str(workers), "--threads", str(threads)),
        *("--log-level", "warning"),
        "bench_web:served_app()",
    ]
    log = (folder / "gunicorn.log").open("w")
    began = time.monotonic()
    process = subprocess.Popen(command, cwd=folder, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 900  # training three models on a busy 2-core machine takes a while
        while True:
            try:
                if requests.get(base + "/aanmelden", timeout=5).status_code == 200:
                    break
            except requests.RequestException:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"gunicorn did not start; see {folder / 'gunicorn.log'}")
            time.sleep(0.2)
        ready = time.monotonic() - began
        if not list((cache / "nlu").glob("*")):
            raise SystemExit("gunicorn accepted requests before the model cache was filled")
        yield Server(base, process.pid, ready)
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()


def worker_rss_mb(master: int) -> list[float]:
    """Return the resident memory (MB) of each of gunicorn's workers (the master's children), from /proc."""
    sizes = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(line.split(":", 1) for line in status.read_text().splitlines() if ":" in line)
        except OSError:
            continue
        if fields.get("PPid", "").strip() == str(master) and "VmRSS" in fields:
            sizes.append(int(fields["VmRSS"].split()[0]) / 1024)
    return sorted(sizes)


def machine_load() -> str:
    """Return the machine's load average (1, 5, 15 min) and core count, to print beside the figures."""
    one, five, fifteen = os.getloadavg()
    return f"load {one:.2f} {five:.2f} {fifteen:.2f} on {os.cpu_count()} cores"


def logged_in(base: str, email: str) -> requests.Session:
    """Return a browser-like session logged in through the real form."""
    browser = requests.Session()
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
    api = requests.Session()
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
            except (RuntimeError, requests.RequestException) as exc:
                tally.error(str(exc))
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
    session = requests.Session()
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
    """Run the crowd for ``seconds`` while sampling the bare hello; return (tally, hello times)."""
    tally = Tally()
    stop = threading.Event()
    hello: list[float] = []
    sampler = threading.Thread(target=lambda: hello.extend(sample_hello(server.base, stop, 0.1)), daemon=True)
    sampler.start()
    try:
        crowd(server.base, users, args.think, seconds, tally)
    finally:
        stop.set()
        sampler.join(timeout=60)
    return tally, hello


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
                tally, hello = measured_crowd(server, users[1:], args, seconds)
                rss_end = worker_rss_mb(server.pid)
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
    print(f"errors: {len(errors)}" + (f" — e.g. {errors[0]}" if errors else ""))
    print(f"slowest turn of a trainee's first call: {cold_max:.1f} ms (a model trained in a request takes seconds)")
    if rss_start and rss_end:
        grown = (sum(rss_end) - sum(rss_start)) / sum(rss_start) * 100
        flat = grown <= args.rss_margin
        ok &= flat or not args.soak
        print(
            "worker RSS MB at start " + " ".join(f"{m:.0f}" for m in rss_start)
            + " → at end " + " ".join(f"{m:.0f}" for m in rss_end)
            + f" ({grown:+.1f} %, {'flat' if flat else 'GREW'} within {args.rss_margin:.0f} %)"
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
