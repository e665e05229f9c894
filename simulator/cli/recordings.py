"""``eerstelijn recordings purge``: delete trainee recordings past their cohort's retention period.

Also run when ``eerstelijn serve`` starts. A cohort that switched recording off loses its stored
audio at the next purge; rows and files go together.
"""

from __future__ import annotations

import argparse

from simulator.cli.main import EXIT_OK


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``recordings``."""
    parser = subparsers.add_parser(
        "recordings",
        help="opnames van cursisten beheren (verwijderen na de bewaartermijn)",
        description="Verwijder opnames waarvan de bewaartermijn van de groep voorbij is.",
    )
    parser.add_argument("action", choices=["purge"], help="purge: verlopen opnames verwijderen")
    parser.add_argument("--folder", help="map met de opnames (standaard: de instance-map van de webtoepassing)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Delete the expired recordings and say how many."""
    deleted = purge(args.folder)
    print(f"{deleted} verlopen opname(s) verwijderd")
    return EXIT_OK


def purge(folder: str | None = None) -> int:
    """Delete expired recordings in the configured database; return how many were deleted."""
    from simulator.adapters.db import database_url
    from simulator.adapters.db.base import utcnow
    from webapp import create_app
    from webapp.db import database
    from webapp.voice import recording

    app = create_app({"DATABASE_URL": database_url(), "PRELOAD": False})
    try:
        with app.app_context(), database(app).sessions() as db:
            return recording.purge(db, recording.folder(folder), utcnow())
    finally:
        database(app).engine.dispose()
