"""``eerstelijn replay SCRIPT.yaml [--json]``: run a session script and print its report."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register the replay command."""
    parser = subparsers.add_parser("replay", help="speel een sessiescript af en toon het rapport")
    parser.add_argument("script", type=Path, help="het sessiescript (YAML)")
    parser.add_argument("--json", action="store_true", help="het volledige rapport als JSON")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Replay the script; exit 2 on a broken script or an unknown exercise."""
    from simulator.cli.main import UsageError
    from simulator.scripts.replay import run_script
    from simulator.scripts.script import load_script
    from simulator.scripts.steps import StepError

    script = load_script(args.script)
    try:
        report = run_script(script)
    except StepError as exc:
        raise UsageError(f"{args.script}: {exc}") from None
    except KeyError as exc:
        raise UsageError(f"{args.script}: {exc.args[0]}") from None
    if args.json:
        json.dump(report, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        print_summary(report)
    return 0


def print_summary(report: dict[str, Any], lang: str = "nl") -> None:
    """Print the transcript with event numbers, the outcome and the assessment for a person to read."""
    from simulator.assessment.report import render_text, session_report

    for event in report["events"]:
        data = event.get("data", {})
        if event["type"] not in ("utterance", "customer_line") or data.get("refused"):
            continue
        who = "U " if event["type"] == "utterance" else "Klant"
        print(f"#{event['i']:<3} [{event['t']:7.1f}s] {who:5} {data['text']}")
    outcome = report["outcome"]
    print()
    print(
        f"Einde: {outcome['ended_by']} · opgelost: {'ja' if outcome['resolved'] else 'nee'} · "
        f"stemming klant: {outcome['customer_mood']} · duur: {outcome['duration_s']:.0f}s"
    )
    ticket = report.get("ticket")
    if ticket:
        print(f"Ticket: {ticket['number']} {ticket['priority']} {ticket['status']}")
    if report.get("assessment", {}).get("competencies"):
        print()
        print(render_text(session_report(report, lang)))
