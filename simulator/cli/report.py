"""``eerstelijn report SESSION``: print the report of a saved session (or a replay --json file)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register the report command."""
    parser = subparsers.add_parser("report", help="toon het rapport van een bewaarde sessie")
    parser.add_argument("session", type=Path, help="sessiebestand (van 'play') of rapport (van 'replay --json')")
    parser.add_argument("--json", action="store_true")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Print the session's report."""
    from simulator.cli.replay import print_summary
    from simulator.scripts.sessions import load_session

    report = load_session(args.session)
    if args.json:
        json.dump(report, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        print_summary(report)
    return 0
