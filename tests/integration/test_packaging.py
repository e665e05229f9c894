"""``pip install .`` (not only editable) gives a package that finds its exercises and rubrics."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_installed_wheel_finds_exercises_and_rubrics(tmp_path):
    built = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
            str(ROOT),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert built.returncode == 0, built.stderr[-2000:]
    (wheel,) = tmp_path.glob("eerstelijn-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "simulator/_data/exercises/printer-offline-angry-nl.yaml" in names
    assert "simulator/_data/rubrics/qualifications/bkd-2023.yaml" in names
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(target), str(wheel)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("EERSTELIJN_")}
    env["PYTHONPATH"] = str(target)
    probe = (
        "import simulator.content.paths as p, sys;"
        "from simulator.conversation.loader import list_exercises;"
        "assert str(p.exercises_dir()).startswith(sys.argv[1]), p.exercises_dir();"
        "print(len(list_exercises()))"
    )
    shown = subprocess.run(
        [sys.executable, "-c", probe, str(target)], capture_output=True, text=True, env=env, cwd=tmp_path, timeout=300
    )
    assert shown.returncode == 0, shown.stderr[-2000:]
    assert int(shown.stdout) >= 1
