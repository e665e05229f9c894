"""Benchmark the web app over real HTTP: page times, and trainee turns while 30 trainees call at once.

Serves the app with gunicorn (several workers, threads) on 127.0.0.1 against SQLite and against the
local PostgreSQL (a throw-away schema in the ``test`` database), drives it with ``requests`` and
prints p50/p95 per lane. Targets (issue #6): page p95 ≤ 100 ms; a trainee turn (``POST …/steps``)
p95 ≤ 50 ms while 30 simulated trainees call at once. Each simulated trainee plays the strong
printer script with a think time between turns (default 1 s: a fast typist); loopback only, a
bounded number of threads and a deadline. Exits 1 when a target is missed.

Run: ``python bench/bench_web.py [--lanes sqlite,postgresql] [--trainees 30] [--seconds 40]``.
"""

from __future__ import annotations

import argparse
import os
import re
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
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


@contextmanager
def serve(url: str, folder: Path, workers: int, threads: int) -> Iterator[str]:
    """Run gunicorn on the app against ``url``; yield its base URL."""
    port = free_port()
    gunicorn = shutil.which("gunicorn", path=str(Path(sys.executable).parent)) or "gunicorn"
    env = os.environ | {
        "DATABASE_URL": url,
        "EERSTELIJN_ENV": "production",
        "EERSTELIJN_SECRET_KEY": secrets.token_urlsafe(32),
        "PYTHONPATH": str(ROOT),
    }
    command = [
        gunicorn,
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--threads",
        str(threads),
        "--worker-class",
        "gthread",
        "--preload",
        "--log-level",
        "warning",
        "webapp:create_app()",
    ]
    log = (folder / "gunicorn.log").open("w")
    process = subprocess.Popen(command, cwd=folder, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if requests.get(base + "/aanmelden", timeout=2).status_code == 200:
                    break
            except requests.ConnectionError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"gunicorn did not start; see {folder / 'gunicorn.log'}")
            time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=15)
        log.close()


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


def play(
    base: str,
    token: str,
    steps: list[tuple[str, Any]],
    think: float,
    times: list[float] | None,
    deadline: float,
    seed: int,
) -> int:
    """Play the script through the API (bearer token); record each turn's time in ``times``; return the call id."""
    api = requests.Session()
    api.headers["Authorization"] = f"Bearer {token}"
    started = api.post(base + "/api/v1/sessions", json={"exercise": EXERCISE, "seed": seed}, timeout=30)
    if started.status_code != 201:
        raise SystemExit(f"starting a call answered {started.status_code}: {started.text[:200]}")
    call = started.json()
    for name, args in steps:
        if time.monotonic() > deadline:
            break
        time.sleep(think)
        began = time.perf_counter()
        answer = api.post(f"{base}/api/v1/sessions/{call['id']}/steps", json={"step": name, "args": args}, timeout=30)
        spent = (time.perf_counter() - began) * 1000
        if answer.status_code != 200:
            raise SystemExit(f"step {name} answered {answer.status_code}: {answer.text[:200]}")
        if times is not None:
            times.append(spent)
    api.post(f"{base}/api/v1/sessions/{call['id']}/end", timeout=30)
    return int(call["id"])


def crowd(base: str, users: list[tuple[str, str]], think: float, seconds: float, measure: bool) -> list[float]:
    """Let every trainee call at once (one thread each) until the deadline; return the turn times."""
    steps = script_steps()
    times: list[float] = []
    lock = threading.Lock()
    deadline = time.monotonic() + seconds
    errors: list[BaseException] = []

    def trainee(index: int, token: str) -> None:
        mine: list[float] = []
        round_ = 0
        try:
            while time.monotonic() < deadline:
                play(base, token, steps, think, mine if measure else None, deadline, seed=index * 100 + round_)
                round_ += 1
                if not measure:
                    break
        except BaseException as exc:  # reported after the run
            errors.append(exc)
        with lock:
            times.extend(mine)

    threads = [threading.Thread(target=trainee, args=(i, token), daemon=True) for i, (_, token) in enumerate(users)]
    for thread in threads:
        thread.start()
        time.sleep(think / max(1, len(threads)))  # trainees do not all press Enter in the same millisecond
    for thread in threads:
        thread.join(timeout=seconds + 120)
    if errors:
        raise SystemExit(f"a simulated trainee failed: {errors[0]}")
    return times


def page_times(base: str, email: str, token: str, rounds: int) -> dict[str, list[float]]:
    """Time the main pages of one logged-in trainee: dashboard, console, report, login."""
    steps = script_steps()
    ended = play(base, token, steps, 0.0, None, time.monotonic() + 120, seed=1)
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


def run_lane(lane: str, args: argparse.Namespace) -> bool:
    """Benchmark one database lane; print its figures and return whether it met the targets."""
    folder = Path(tempfile.mkdtemp(prefix=f"bench-web-{lane}-"))
    try:
        with database(lane, folder) as url:
            users = seed_users(url, args.trainees + 1)
            with serve(url, folder, args.workers, args.threads) as base:
                crowd(base, users[1:], 0.05, 120, measure=False)  # warm every worker (NLU model, caches)
                pages = page_times(base, users[0][0], users[0][1], args.page_rounds)
                turns = crowd(base, users[1:], args.think, args.seconds, measure=True)
    finally:
        if os.environ.get("BENCH_KEEP") != "1":
            shutil.rmtree(folder, ignore_errors=True)
    print(f"\n== {lane}: gunicorn {args.workers} workers × {args.threads} threads, 127.0.0.1 ==")
    ok = True
    for name, values in pages.items():
        p95 = percentile(values, 0.95)
        ok &= p95 <= PAGE_BUDGET_MS
        print(f"page {name:<16} n={len(values):4d}  p50 {statistics.median(values):6.1f} ms  p95 {p95:6.1f} ms")
    p95 = percentile(turns, 0.95)
    ok &= p95 <= TURN_BUDGET_MS
    print(
        f"turn POST …/steps   n={len(turns):4d}  p50 {statistics.median(turns):6.1f} ms  p95 {p95:6.1f} ms"
        f"  ({args.trainees} trainees at once, think {args.think:.1f} s, max {max(turns):.1f} ms)"
    )
    verdict = "met" if ok else "MISSED"
    print(f"targets: page p95 ≤ {PAGE_BUDGET_MS:.0f} ms, turn p95 ≤ {TURN_BUDGET_MS:.0f} ms → {verdict}")
    return ok


def main() -> int:
    """Run the benchmark on each lane asked for."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lanes", default="sqlite,postgresql")
    parser.add_argument("--trainees", type=int, default=30)
    parser.add_argument("--seconds", type=float, default=40.0, help="length of the measured crowd phase")
    parser.add_argument("--think", type=float, default=1.0, help="seconds a trainee takes between turns")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--page-rounds", type=int, default=60)
    args = parser.parse_args()
    results = [run_lane(lane.strip(), args) for lane in args.lanes.split(",") if lane.strip()]
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
