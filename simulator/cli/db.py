"""``eerstelijn db``: bring the database schema up to date, show where it is, or add a migration."""

from __future__ import annotations

import argparse

from simulator.cli.main import EXIT_OK


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``db upgrade``, ``db current`` and ``db revision``."""
    parser = subparsers.add_parser(
        "db",
        help="databank bijwerken (migraties)",
        description="Beheer het databankschema (SQLite standaard, PostgreSQL via DATABASE_URL).",
    )
    parser.add_argument("--url", help="databank-URL (standaard: DATABASE_URL of instance/eerstelijn.sqlite3)")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    up = actions.add_parser("upgrade", help="migreer naar de nieuwste versie; bestaande gegevens blijven")
    up.add_argument("revision", nargs="?", default="head", help="doelversie (standaard: head)")
    actions.add_parser("current", help="toon de versie van de databank en de nieuwste versie")
    rev = actions.add_parser("revision", help="maak een nieuwe migratie (voor ontwikkelaars)")
    rev.add_argument("-m", "--message", required=True, help="korte beschrijving van de wijziging")
    rev.add_argument("--autogenerate", action="store_true", help="vergelijk de modellen met de databank")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Run the chosen database action and print its outcome."""
    from alembic import command
    from alembic.util.exc import CommandError
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError, OperationalError

    from simulator.adapters.db import engine, migrate
    from simulator.cli.main import UsageError

    try:
        url = engine.database_url(args.url)
        shown = make_url(url).render_as_string(hide_password=True)
        if args.action == "upgrade":
            print(f"databank: {shown}")
            print(f"versie: {migrate.upgrade(url, args.revision)} (nieuwste: {migrate.head_revision()})")
        elif args.action == "current":
            print(f"databank: {shown}")
            current = migrate.current_revision(url)
            print(f"versie: {current or 'leeg (nog niet gemigreerd)'} (nieuwste: {migrate.head_revision()})")
        else:
            db_engine = engine.make_engine(url)
            try:
                config = migrate.alembic_config(db_engine)
                command.revision(config, message=args.message, autogenerate=args.autogenerate)
            finally:
                db_engine.dispose()
    except (ArgumentError, CommandError) as exc:
        raise UsageError(f"db {args.action}: {exc}") from exc
    except OperationalError as exc:
        raise UsageError(f"db {args.action}: databank onbereikbaar ({shown}): {exc.orig}") from exc
    return EXIT_OK
