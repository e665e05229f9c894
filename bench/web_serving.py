"""The served side of bench_web.py: a fresh database per lane, gunicorn as in production, its workers' memory.

gunicorn imports :func:`served_app` from here (``--pythonpath bench``), so this module stays free of
the load generator's imports.
"""

from __future__ import annotations

import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import requests

ROOT = Path(__file__).resolve().parents[1]
POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
PASSWORD = "bench-wachtwoord"


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
    cache: Path
    cached: dict[str, float]  # the model cache's files (name → mtime) when the first request was answered

    def trained_since_ready(self) -> list[str]:
        """Return the model files written after gunicorn was ready: a request that trained would write one."""
        return sorted(name for name, mtime in cache_files(self.cache).items() if self.cached.get(name) != mtime)


def cache_files(cache: Path) -> dict[str, float]:
    """Return every file of the model cache with its modification time."""
    return {str(p.relative_to(cache)): p.stat().st_mtime for p in cache.rglob("*") if p.is_file()}


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
        "web_serving:served_app()",
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
        cached = cache_files(cache)
        if not cached:
            raise SystemExit("gunicorn accepted requests before the model cache was filled")
        yield Server(base, process.pid, ready, cache, cached)
    finally:
        process.terminate()
        try:
            process.wait(timeout=60)  # gunicorn lets busy workers finish (graceful timeout 30 s)
        except subprocess.TimeoutExpired:
            process.kill()
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
