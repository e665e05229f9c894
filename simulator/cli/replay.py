"""``eerstelijn replay SCRIPT.yaml [--json]``: run a session script and print its report."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from simulator.conversation.events import EventType


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register the replay command."""
    parser = subparsers.add_parser("replay", help="speel een sessiescript af en toon het rapport")
    parser.add_argument("script", type=Path, help="het sessiescript (YAML)")
    parser.add_argument("--json", action="store_true", help="het volledige rapport als JSON")
    parser.add_argument(
        "--explain", action="store_true", help="bij elke zin: wat de beller begreep en waarom hij dat antwoordde"
    )
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
    elif args.explain:
        print_explained(report)
    else:
        print_summary(report)
    return 0


#: How a reason for a caller's line is shown to an author (codes from the event log, named in Dutch).
_WHY = {
    "transition": "overgang {transition} (door {trigger})",
    "response": "antwoord op {response}",
    "rule": "regel {rule}",
    "fact": "feit {fact} verteld ({by})",
    "state": "zin van toestand {state}",
    "by": "{by}",
}


def _reason(why: dict[str, Any]) -> str:
    for key, template in _WHY.items():
        if key in why:
            try:
                return f"{why['part']}: " + template.format(**why)
            except KeyError:
                continue
    return str(why.get("part", "?"))


def print_explained(report: dict[str, Any]) -> None:
    """Print the call line by line with the acts heard, the caller's moves and why each line was said."""
    for event in report["events"]:
        data = event.get("data", {})
        kind = event["type"]
        if kind == EventType.UTTERANCE:
            print(f"#{event['i']:<3} U     {data['text']}")
            print(f"        begrepen: {', '.join(data.get('intents', [])) or '— (niets)'}")
        elif kind == EventType.CUSTOMER_LINE:
            print(f"#{event['i']:<3} Klant {data['text']}  [stemming {data.get('mood')}, toestand {data.get('state')}]")
            for why in data.get("why", []):
                print(f"        waarom: {_reason(why)}")
        elif kind in (
            EventType.STATE_CHANGE,
            EventType.FACT_REVEALED,
            EventType.GUIDED,
            EventType.IDENTITY_TOLD,
            EventType.END,
        ) or data.get("refused"):
            detail = ", ".join(f"{k}={v}" for k, v in data.items() if k not in ("text",))
            print(f"#{event['i']:<3} ·     {kind} {detail}")
    outcome = report["outcome"]
    print(f"Einde: {outcome['ended_by']} · opgelost: {'ja' if outcome['resolved'] else 'nee'}")


def print_summary(report: dict[str, Any], lang: str = "nl") -> None:
    """Print the transcript with event numbers, the outcome and the assessment for a person to read."""
    from simulator.assessment.report import render_text, session_report

    for event in report["events"]:
        data = event.get("data", {})
        if event["type"] not in (EventType.UTTERANCE, EventType.CUSTOMER_LINE) or data.get("refused"):
            continue
        who = "U " if event["type"] == EventType.UTTERANCE else "Klant"
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
