"""Saved sessions: a played call kept as its steps and report, so it can be reported on later.

Steps are enough to rebuild the call exactly (the engine is deterministic); the report is kept too
so that a later change to the content does not silently change an old result.
"""

from __future__ import annotations

import json
import os
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from simulator.content.errors import ContentError, Problem
from simulator.content.private import private_folder, write_private


def sessions_dir() -> Path:
    """Return where terminal sessions are saved (``EERSTELIJN_DATA`` or the user's data folder)."""
    base = os.environ.get("EERSTELIJN_DATA") or os.path.join(
        os.environ.get("XDG_DATA_HOME") or os.path.expanduser("~/.local/share"), "eerstelijn"
    )
    return Path(base) / "sessions"


def local_learner(folder: Path | None = None) -> str:
    """Return this machine user's learner pseudonym (a random id made once), which exports use instead of a name."""
    path = (folder or sessions_dir()).parent / "learner-id"
    try:
        found = path.read_text(encoding="utf-8").strip()
    except OSError:
        found = ""
    if found:
        return found
    path.parent.mkdir(parents=True, exist_ok=True)
    found = str(uuid.uuid4())
    path.write_text(found + "\n", encoding="utf-8")
    return found


def save_session(report: dict[str, Any], steps: list[tuple[str, Any]], folder: Path | None = None) -> Path:
    """Write a session file and return its path; the report gets its start time and learner if it has none."""
    folder = folder or sessions_dir()
    if "started_at" not in report:
        seconds = float(report.get("outcome", {}).get("duration_s", 0.0))
        began = datetime.now(UTC).replace(microsecond=0) - timedelta(seconds=round(seconds))
        report = {**report, "started_at": began.isoformat()}
    if "learner" not in report:
        report = {**report, "learner": local_learner(folder)}
    private_folder(folder)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    path = folder / f"{report['exercise']}-{stamp}.json"
    n = 1
    while path.exists():
        n += 1
        path = folder / f"{report['exercise']}-{stamp}-{n}.json"
    body = {"format": "eerstelijn-session/1", "steps": [[name, args] for name, args in steps], "report": report}
    return write_private(path, json.dumps(body, ensure_ascii=False, indent=1).encode("utf-8"))


def load_session(path: Path) -> dict[str, Any]:
    """Read a session file written by ``save_session`` (or a ``replay --json`` report)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ContentError([Problem(str(path), None, "", f"cannot read file: {exc.strerror}")]) from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ContentError([Problem(str(path), None, "", f"not a session file (invalid JSON: {exc})")]) from None
    if isinstance(data, dict) and "report" in data:
        data = data["report"]
    if not isinstance(data, dict) or "transcript" not in data or "events" not in data:
        raise ContentError([Problem(str(path), None, "", "not a session file: no transcript and events")])
    return data


def started_at(report: dict[str, Any], path: Path) -> str:
    """Return when the session began: as saved, else when its file was written (stable across exports)."""
    found = report.get("started_at")
    if isinstance(found, str) and found:
        return found
    return datetime.fromtimestamp(int(path.stat().st_mtime), UTC).isoformat()
