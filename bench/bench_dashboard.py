"""Benchmark the instructor's cohort dashboard: 30 trainees × 50 ended calls, over real HTTP.

Fills a fresh database (SQLite, and a throw-away schema of the local PostgreSQL) with a cohort of
30 trainees who each made 50 calls (stored reports of the strong and weak printer and password
scripts, a few overridden by the instructor), serves the app with gunicorn on 127.0.0.1 and times
``GET /instructeur/groepen/<id>`` as the logged-in instructor. Target (issue #6): page p95 ≤ 100 ms.
The heatmap reads each call's stored ``summary`` (written when the call ends), not its report.

Run: ``python bench/bench_dashboard.py [--lanes sqlite,postgresql] [--trainees 30] [--calls 50]``.
Exits 1 when the target is missed.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_web import PAGE_BUDGET_MS, PASSWORD, ROOT, database, logged_in, percentile, serve  # noqa: E402

SCRIPTS = ("printer-offline-angry-nl-strong", "printer-offline-angry-nl-weak", "password-reset-novice-nl-strong")
OVERRIDDEN_EVERY = 97  # about 15 of 1,500 calls carry an instructor's override


def reports() -> list[dict[str, Any]]:
    """Return the replay reports the stored calls carry (one per script)."""
    from simulator.scripts.replay import run_script
    from simulator.scripts.script import load_script

    return [run_script(load_script(ROOT / "tests" / "scripts" / f"{name}.yaml")) for name in SCRIPTS]


def seed_cohort(url: str, trainees: int, calls: int) -> tuple[str, int]:
    """Create an instructor, a cohort of trainees and their ended calls; return (instructor e-mail, cohort id)."""
    from werkzeug.security import generate_password_hash

    from simulator.adapters.db import make_engine, make_sessionmaker
    from simulator.adapters.db.base import utcnow
    from simulator.adapters.db.models import (
        Assignment,
        CallSession,
        Cohort,
        Mode,
        Role,
        SessionStatus,
        User,
        Verdict,
        VerdictOverride,
    )

    engine = make_engine(url)
    password_hash = generate_password_hash(PASSWORD)
    stored = reports()
    start = utcnow() - timedelta(days=60)
    with make_sessionmaker(engine)() as db:
        instructor = User(
            email="ilse@example.org",
            display_name="Ilse",
            role=Role.INSTRUCTOR,
            locale="nl",
            password_hash=password_hash,
        )
        members = [
            User(
                email=f"dash{n}@example.org",
                display_name=f"Cursist {n:02d}",
                role=Role.TRAINEE,
                locale="nl",
                password_hash=password_hash,
            )
            for n in range(trainees)
        ]
        cohort = Cohort(name="Bench", instructors=[instructor], trainees=members)
        db.add(cohort)
        db.add(Assignment(cohort=cohort, exercise_id="printer-offline-angry-nl", mode=Mode.PRACTICE))
        db.flush()
        n = 0
        for trainee in members:
            for k in range(calls):
                report = stored[(n + k) % len(stored)]
                at = start + timedelta(minutes=n * 7 + k)
                call = CallSession(
                    trainee=trainee,
                    exercise_id=report["exercise"],
                    seed=report["seed"],
                    status=SessionStatus.ENDED,
                    steps=[],
                    events=report["events"],
                    report=report,
                    started_at=at,
                    ended_at=at,
                    last_activity_at=at,
                )
                db.add(call)
                n += 1
                if n % OVERRIDDEN_EVERY == 0:
                    db.add(
                        VerdictOverride(
                            session=call,
                            activity_id="6.1",
                            automatic_verdict=Verdict.MET,
                            verdict=Verdict.NOT_MET,
                            reason="Onderbrak de klant op 0:40.",
                            instructor=instructor,
                        )
                    )
            db.commit()
        cohort_id = cohort.id
    engine.dispose()
    return "ilse@example.org", cohort_id


def run_lane(lane: str, args: argparse.Namespace) -> bool:
    """Benchmark the dashboard on one database lane; print its figures and return whether it met the target."""
    folder = Path(tempfile.mkdtemp(prefix=f"bench-dashboard-{lane}-"))
    try:
        with database(lane, folder) as url:
            began = time.perf_counter()
            email, cohort_id = seed_cohort(url, args.trainees, args.calls)
            seeded = time.perf_counter() - began
            with serve(url, folder, args.workers, args.threads) as base:
                browser = logged_in(base, email)
                path = f"{base}/instructeur/groepen/{cohort_id}"
                for _ in range(args.workers * 3):  # warm every worker
                    browser.get(path, timeout=60).raise_for_status()
                times = []
                for _ in range(args.rounds):
                    started = time.perf_counter()
                    answer = browser.get(path, timeout=60)
                    times.append((time.perf_counter() - started) * 1000)
                    assert answer.status_code == 200 and "heatmap" in answer.text
    finally:
        if os.environ.get("BENCH_KEEP") != "1":
            shutil.rmtree(folder, ignore_errors=True)
    p95 = percentile(times, 0.95)
    ok = p95 <= PAGE_BUDGET_MS
    print(f"\n== {lane}: {args.trainees} trainees × {args.calls} calls (seeded in {seeded:.0f} s) ==")
    print(f"page cohort dashboard n={len(times):4d}  p50 {statistics.median(times):6.1f} ms  p95 {p95:6.1f} ms")
    print(f"target: page p95 ≤ {PAGE_BUDGET_MS:.0f} ms → {'met' if ok else 'MISSED'}")
    return ok


def main() -> int:
    """Run the benchmark on each lane asked for."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lanes", default="sqlite,postgresql")
    parser.add_argument("--trainees", type=int, default=30)
    parser.add_argument("--calls", type=int, default=50)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--rounds", type=int, default=60)
    args = parser.parse_args()
    results = [run_lane(lane.strip(), args) for lane in args.lanes.split(",") if lane.strip()]
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
