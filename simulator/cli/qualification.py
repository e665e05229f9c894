"""``eerstelijn qualification``: list the qualifications and show one, for people or as JSON."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from simulator.qualification import Competency, Qualification


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``qualification list`` and ``qualification show ID [--json]``."""
    parser = subparsers.add_parser(
        "qualification",
        help="toon de kwalificaties (BKD 2023, profiel 2018)",
        description="Toon de kwalificaties waartegen gesprekken beoordeeld worden.",
    )
    parser.set_defaults(handler=run, action=None)
    actions = parser.add_subparsers(dest="action", metavar="ACTIE")
    actions.add_parser("list", help="lijst van de kwalificaties")
    show = actions.add_parser("show", help="competenties, activiteiten en kennis van één kwalificatie")
    show.add_argument("id", metavar="ID", help="id van de kwalificatie, bv. bkd-2023")
    show.add_argument("--json", action="store_true", help="het volledige model als JSON")


def run(args: argparse.Namespace) -> int:
    """Run the chosen action; an unknown id is a usage error (exit code 2) naming the known ids."""
    from simulator.cli.main import UsageError
    from simulator.qualification import UnknownIdError, known_ids, list_qualifications, load_qualification

    if args.action == "list":
        _print_list(list_qualifications(), sys.stdout)
        return 0
    if args.action == "show":
        try:
            qualification = load_qualification(args.id)
        except UnknownIdError:
            known = ", ".join(known_ids()) or "(geen)"
            raise UsageError(f"onbekende kwalificatie {args.id!r}; gekend: {known}") from None
        if args.json:
            print(qualification.model_dump_json(indent=2))
        else:
            _print_qualification(qualification, sys.stdout)
        return 0
    raise UsageError("kies een actie: 'qualification list' of 'qualification show ID'")


def _print_list(qualifications: list[Qualification], out: TextIO) -> None:
    header = ("ID", "TITEL", "SOORT", "NIVEAU", "JAAR", "COMPETENTIES", "ACTIVITEITEN")
    rows = [header] + [
        (
            q.id,
            q.title,
            q.kind,
            str(q.level),
            str(q.year or "-"),
            str(len(q.competencies)),
            str(sum(1 for _ in q.activities())),
        )
        for q in qualifications
    ]
    widths = [max(len(row[c]) for row in rows) for c in range(len(header))]
    for row in rows:
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip(), file=out)


def _group(comp: Competency) -> str | None:
    return comp.role_group or comp.category


def _print_qualification(q: Qualification, out: TextIO) -> None:
    year = f", {q.year}" if q.year else ""
    total = sum(1 for _ in q.activities())
    print(f"{q.id}: {q.title} ({q.kind}, niveau {q.level}{year})", file=out)
    print(f"Bron: {q.source}", file=out)
    print(f"{len(q.competencies)} competenties, {total} activiteiten", file=out)
    if q.definition:
        print(f"\n{q.definition}", file=out)
    group: str | None = None
    for comp in q.competencies:
        if _group(comp) != group or comp is q.competencies[0]:
            group = _group(comp)
            if group:
                print(f"\n== {group} ==", file=out)
        code = f" ({comp.code})" if comp.code else ""
        print(f"\n{comp.id}. {comp.title}{code}", file=out)
        for act in comp.activities:
            skills = f"  [{', '.join(act.skills)}]" if act.skills else ""
            print(f"  {act.id:<6} {act.text}{skills}", file=out)
            if act.note:
                print(f"         * {act.note}", file=out)
        if comp.knowledge:
            print("  Kennis:", file=out)
            for item in comp.knowledge:
                print(f"    - {item}", file=out)
    if q.knowledge:
        print("\nKennis (voor de hele kwalificatie):", file=out)
        for item in q.knowledge:
            print(f"  - {item}", file=out)
