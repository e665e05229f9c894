"""A fresh deploy is ready before it accepts requests: the models are built at start, never inside a request.

Each test runs in a fresh process: the app factory's test with the machine's model cache (loading
is enough), gunicorn's with an empty ``EERSTELIJN_CACHE``, as a first deploy has.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import textwrap
import time
import urllib.request
from pathlib import Path

import pytest

from simulator.adapters.db import upgrade
from webapp.config import DevelopmentConfig, ProductionConfig

REPO = Path(__file__).resolve().parents[3]

FIRST_CALL = textwrap.dedent(
    """
    import json, sys
    from webapp import create_app
    app = create_app({"DATABASE_URL": sys.argv[1], "PRELOAD": True})

    import simulator.nlu.model as model
    def refuse(*args, **kwargs):
        raise AssertionError("a request loaded or trained a model")
    model.train = model.load_or_train = refuse

    from simulator.adapters.db.models import ApiToken, Role, User
    from webapp.db import database
    with database(app).sessions() as db:
        user = User(email="a@example.org", display_name="A", role=Role.TRAINEE, password_hash="x")
        token, secret = ApiToken.issue(user)
        db.add_all([user, token])
        db.commit()
    client = app.test_client()
    client.environ_base["HTTP_AUTHORIZATION"] = "Bearer " + secret
    statuses = []
    for exercise, text in (("printer-offline-angry-nl", "Goeiemorgen, met Sam."),
                           ("phishing-click-novice-fr", "Bonjour, Sam à l'appareil."),
                           ("vpn-drops-sysadmin-en", "Good morning, Sam speaking.")):
        call = client.post("/api/v1/sessions", json={"exercise": exercise}).get_json()["id"]
        client.post(f"/api/v1/sessions/{call}/steps", json={"step": "answer", "args": {}})
        said = client.post(f"/api/v1/sessions/{call}/steps", json={"step": "say", "args": {"text": text}})
        statuses.append(said.status_code)
    print(json.dumps({"say": statuses}))
    """
)


def fresh_env(tmp_path: Path) -> dict[str, str]:
    """Return the environment of a fresh process with the repository on the path."""
    env = {**os.environ, "PYTHONPATH": str(REPO), "EERSTELIJN_ENV": "testing", "EERSTELIJN_DATA": str(tmp_path)}
    env.pop("DATABASE_URL", None)
    return env


def test_production_and_the_local_server_preload() -> None:
    assert ProductionConfig.PRELOAD and DevelopmentConfig.PRELOAD


def test_the_app_factory_loads_every_model_so_the_first_calls_load_nothing(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    upgrade(url)
    done = subprocess.run(
        [sys.executable, "-c", FIRST_CALL, url],
        env=fresh_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert json.loads(done.stdout.strip().splitlines()[-1]) == {"say": [200, 200, 200]}


@pytest.mark.slow
def test_gunicorn_with_the_shipped_config_has_the_models_before_it_listens(tmp_path: Path) -> None:
    gunicorn = Path(sys.executable).parent / "gunicorn"
    if not gunicorn.exists():
        pytest.skip("gunicorn is not installed (pip install '.[server]')")
    url = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    upgrade(url)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = fresh_env(tmp_path) | {"DATABASE_URL": url, "EERSTELIJN_ENV": "production", "EERSTELIJN_SECRET_KEY": "x" * 32}
    env["EERSTELIJN_CACHE"] = str(tmp_path / "cache")  # empty: a first deploy
    command = [str(gunicorn), "-c", "python:webapp.gunicorn_conf", "-w", "2", "-b", f"127.0.0.1:{port}"]
    server = subprocess.Popen(
        [*command, "webapp:create_app()"], cwd=tmp_path, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    try:
        deadline = time.monotonic() + 600
        while time.monotonic() < deadline and server.poll() is None:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                    break
            except OSError:
                time.sleep(0.05)
        models = sorted(p.name.split("-")[1] for p in (tmp_path / "cache" / "nlu").glob("*.npz"))
        assert models == ["en", "fr", "nl"], "gunicorn listened before the models were built"
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/aanmelden", timeout=10) as response:
            assert response.status == 200
    finally:
        server.terminate()
        server.wait(timeout=30)
        stderr = server.stderr.read().decode() if server.stderr else ""
        server.stderr and server.stderr.close()
    assert "Traceback" not in stderr, stderr[-3000:]


def test_the_install_step_builds_the_model_cache(capsys: pytest.CaptureFixture[str]) -> None:
    from simulator.cli.main import main
    from simulator.nlu import cache

    assert main(["nlu", "--build", "--lang", "nl"]) == 0
    out = capsys.readouterr().out
    assert "nl: klaar in" in out and f"modellen in {cache.cache_dir()}" in out
    assert list(cache.cache_dir().glob("intents-nl-*.npz"))
    assert main(["nlu", "--build", "--lang", "xx"]) == 2
