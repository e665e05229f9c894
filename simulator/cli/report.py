"""``eerstelijn report SESSION``: print the report of a saved session (or a replay --json file)."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register the report command."""
    parser = subparsers.add_parser("report", help="toon het rapport van een bewaarde sessie")
    parser.add_argument("session", type=Path, help="sessiebestand (van 'play') of rapport (van 'replay --json')")
    parser.add_argument("--json", action="store_true", help="het rapport met de beoordeling als JSON")
    parser.add_argument("--lang", choices=("nl", "fr", "en"), default="nl", help="taal van het rapport")
    parser.add_argument(
        "--format", help="exporteer in dit formaat (csv, csv-semicolon, xapi, html, pdf, moodle) naar --output"
    )
    parser.add_argument("--output", type=Path, help="bestand voor --format")
    parser.add_argument(
        "--xapi-base",
        help="basis-URL van de xAPI-IRI's (standaard: EERSTELIJN_XAPI_BASE), bv. https://leren.school.be/eerstelijn",
    )
    parser.add_argument("--learner", help="pseudoniem van de cursist in xAPI (standaard: dat van de sessie)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Print the session's report."""
    from simulator.cli.replay import print_summary
    from simulator.scripts.sessions import load_session

    report = load_session(args.session)
    if args.format:
        return _export(report, args)
    if args.json:
        from simulator.assessment.report import session_report

        body = dict(report, session_report=session_report(report, args.lang))
        json.dump(body, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        print_summary(report, args.lang)
    return 0


def _export(report: dict[str, Any], args: argparse.Namespace) -> int:
    """Write the report in an export format to --output (or stdout for text formats)."""
    from simulator.assessment.exports import export, get_exporter
    from simulator.assessment.exports.xapi import MissingOption
    from simulator.cli.main import UsageError
    from simulator.scripts.sessions import local_learner, started_at

    try:
        exporter = get_exporter(args.format)
    except KeyError as exc:
        raise UsageError(str(exc.args[0])) from None
    report = dict(report, started_at=started_at(report, args.session))
    base = args.xapi_base or os.environ.get("EERSTELIJN_XAPI_BASE")
    if args.format == "xapi":  # only xAPI names the learner, by pseudonym
        if not base:
            raise UsageError(
                "xAPI export needs the base URL of this installation: --xapi-base URL or EERSTELIJN_XAPI_BASE"
            )
        report["learner"] = args.learner or report.get("learner") or local_learner()
    try:
        data = export(args.format, [report], lang=args.lang, base=base)
    except MissingOption as exc:
        raise UsageError(str(exc)) from None
    if args.output is None:
        if exporter.binary:
            raise UsageError(f"--format {args.format} needs --output FILE")
        sys.stdout.write(data.decode("utf-8"))
        return 0
    args.output.write_bytes(data)
    print(f"Geschreven: {args.output}")
    return 0
