"""``eerstelijn serve`` starts on an empty folder: migrates, seeds the demo, prints the logins, serves."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.mark.slow
def test_serve_prints_the_logins_and_answers_in_dutch(tmp_path: Path) -> None:
    port = free_port()
    env = {**os.environ, "EERSTELIJN_DATA": str(tmp_path), "PYTHONPATH": str(REPO)}
    env.pop("DATABASE_URL", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "simulator.cli.main", "serve", "--port", str(port)],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        lines = []
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            line = process.stdout.readline()
            if not line:
                break
            lines.append(line)
            if line.startswith("open http://"):
                break
        output = "".join(lines)
        assert f"open http://127.0.0.1:{port}/" in output, output + process.stderr.read()
        assert "Demo VDAB Gent" in output
        assert "instructeur@demo.local" in output and "demo-instructeur" in output
        assert "cursist1@demo.local" in output and "admin@demo.local" in output
        page = ""
        for _ in range(50):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/aanmelden", timeout=2) as response:
                    page = response.read().decode()
                break
            except OSError:
                time.sleep(0.1)
        assert '<html lang="nl">' in page and "Aanmelden" in page
        assert (tmp_path / "eerstelijn.sqlite3").is_file()
    finally:
        process.terminate()
        process.wait(timeout=10)
        process.stdout.close()
        process.stderr.close()


def test_serve_refuses_a_bad_port(capsys) -> None:
    from simulator.cli.main import main

    assert main(["serve", "--port", "70000"]) == 2
    assert "kies een poort tussen 1 en 65535" in capsys.readouterr().err
