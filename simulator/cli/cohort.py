"""``eerstelijn cohort simulate``: simulated trainees of graded skill play every exercise through the engine.

Their calls are stored like real ones (unless ``--no-store``), so the instructor's item analysis has
something to show on a fresh install; the analysis is printed as CSV at the end.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from simulator.cli.main import EXIT_OK

if TYPE_CHECKING:
    from simulator.scripts.cohort import SimulatedCall

#: The handlings shipped with the source: the reference sessions of the tests.
DEFAULT_HANDLINGS = Path(__file__).resolve().parents[2] / "tests" / "scripts"
MAX_TRAINEES = 200


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``cohort simulate``."""
    parser = subparsers.add_parser("cohort", help="gesimuleerde groep cursisten (voor de itemanalyse)")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    sim = actions.add_parser(
        "simulate", help="laat gesimuleerde cursisten elke oefening spelen en bewaar de gesprekken"
    )
    sim.add_argument("--trainees", type=int, default=30, help="aantal gesimuleerde cursisten (standaard 30)")
    sim.add_argument("--seed", type=int, default=1, help="zelfde seed, zelfde groep (standaard 1)")
    sim.add_argument("--exercise", action="append", help="enkel deze oefening (mag herhaald worden)")
    sim.add_argument(
        "--handlings", type=Path, default=DEFAULT_HANDLINGS, help="map met <oefening>-strong/-weak.yaml en forms/"
    )
    sim.add_argument("--cohort", help="naam van de groep (standaard: 'Gesimuleerde groep (seed N)')")
    sim.add_argument("--url", help="databank-URL (standaard: DATABASE_URL of instance/eerstelijn.sqlite3)")
    sim.add_argument("--no-store", action="store_true", help="niets bewaren, enkel de analyse tonen")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Simulate the cohort, store it and print its item analysis."""
    from simulator.adapters.db.demo import SIMULATED_PREFIX
    from simulator.assessment.items import analyse, to_csv
    from simulator.cli.main import UsageError
    from simulator.scripts.cohort import attempt_of, read_handlings, simulate

    if not 1 <= args.trainees <= MAX_TRAINEES:
        raise UsageError(f"cohort simulate: --trainees must be 1 to {MAX_TRAINEES}")
    if args.seed < 0:
        raise UsageError("cohort simulate: --seed must be a whole number ≥ 0")
    if not args.handlings.is_dir():
        raise UsageError(f"cohort simulate: no folder of handlings at {args.handlings} (give one with --handlings)")
    handlings = read_handlings(args.handlings)
    unknown = sorted(set(args.exercise or []) - set(handlings))
    if unknown:
        raise UsageError(f"cohort simulate: no handlings for {', '.join(unknown)}; known: {', '.join(handlings)}")
    name = args.cohort or f"{SIMULATED_PREFIX} (seed {args.seed})"
    if not args.no_store and _exists(args, name):
        raise UsageError(f"cohort simulate: de groep '{name}' bestaat al; kies een andere naam met --cohort")
    calls = list(simulate(handlings, args.trainees, args.seed, args.exercise))
    if not args.no_store:
        _store(args, name, calls)
    sys.stdout.write(to_csv(analyse(attempt_of(c) for c in calls)))
    return EXIT_OK


def _exists(args: argparse.Namespace, name: str) -> bool:
    """Whether a cohort of this name is stored already (a second run would mix two cohorts in one)."""
    from sqlalchemy import select
    from sqlalchemy.exc import OperationalError

    from simulator.adapters.db import engine
    from simulator.adapters.db.models import Cohort
    from simulator.cli.main import UsageError

    db_engine = engine.make_engine(engine.database_url(args.url))
    try:
        with engine.make_sessionmaker(db_engine)() as db:
            return db.scalar(select(Cohort.id).where(Cohort.name == name)) is not None
    except OperationalError as exc:
        raise UsageError(f"cohort simulate: databank onbereikbaar: {exc.orig} ('eerstelijn db upgrade'?)") from exc
    finally:
        db_engine.dispose()


def _store(args: argparse.Namespace, name: str, calls: list[SimulatedCall]) -> None:
    from sqlalchemy.exc import OperationalError

    from simulator.adapters.db import engine
    from simulator.adapters.db.cohort_sim import store_cohort
    from simulator.cli.main import UsageError

    url = engine.database_url(args.url)
    db_engine = engine.make_engine(url)
    try:
        with engine.make_sessionmaker(db_engine)() as db:
            cohort, stored = store_cohort(db, name, calls)
            print(f"{stored} gesprekken bewaard in groep '{cohort.name}'", file=sys.stderr)
    except OperationalError as exc:
        raise UsageError(
            f"cohort simulate: databank onbereikbaar: {exc.orig} (eerst 'eerstelijn db upgrade'?)"
        ) from exc
    finally:
        db_engine.dispose()
