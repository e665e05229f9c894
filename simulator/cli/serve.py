"""``eerstelijn serve``: migrate the database, add the demo cohort and accounts, and serve the web app."""

from __future__ import annotations

import argparse

from simulator.cli.main import EXIT_OK


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``serve``."""
    parser = subparsers.add_parser(
        "serve",
        help="start de webtoepassing (met demogroep)",
        description=(
            "Start eerstelijn in de browser op SQLite (of DATABASE_URL). Voor productie: "
            "eerstelijn db upgrade && gunicorn -c python:webapp.gunicorn_conf -w 4 'webapp:create_app()'."
        ),
    )
    parser.add_argument("--host", default="127.0.0.1", help="adres (standaard 127.0.0.1)")
    parser.add_argument("--port", type=int, default=5000, help="poort (standaard 5000)")
    parser.add_argument("--no-demo", action="store_true", help="geen demogroep en demo-accounts aanmaken")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Migrate, seed the demo (unless ``--no-demo``), print the URL and logins, then serve."""
    import os

    from sqlalchemy.engine import make_url

    from simulator.adapters.db import database_url, migrate
    from simulator.adapters.db.base import utcnow
    from simulator.adapters.db.demo import DEMO_COHORT, DEMO_LOGINS, seed_demo
    from simulator.cli.main import UsageError
    from simulator.conversation.loader import list_exercises

    if not 0 < args.port < 65536:
        raise UsageError(f"serve --port {args.port}: kies een poort tussen 1 en 65535")
    os.environ.setdefault("EERSTELIJN_ENV", "development")
    from webapp import create_app
    from webapp.db import database

    url = database_url()
    migrate.upgrade(url)
    print("taalmodellen laden (de eerste keer worden ze getraind; dat duurt even)…", flush=True)
    app = create_app({"DATABASE_URL": url})
    print(f"databank: {make_url(url).render_as_string(hide_password=True)}")
    from webapp.voice import recording

    with app.app_context(), database(app).sessions() as db:
        purged = recording.purge(db, recording.folder(), utcnow())
    if purged:
        print(f"{purged} verlopen opname(s) verwijderd")
    if not args.no_demo:
        with database(app).sessions() as db:
            seed_demo(db, [exercise.id for exercise in list_exercises()])
        print(f"demogroep: {DEMO_COHORT}")
        for login in DEMO_LOGINS:
            print(f"  {login.role.value:<10} {login.email:<26} wachtwoord: {login.password}")
    print(f"open http://{args.host}:{args.port}/ in je browser (Ctrl+C stopt de server)", flush=True)
    app.run(host=args.host, port=args.port, debug=False, use_reloader=False)
    return EXIT_OK
