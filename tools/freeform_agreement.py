"""Replay the free-form scripts and measure how far the scorer agrees with the independent expectations.

    python tools/freeform_agreement.py              # the development scripts (never the held-back ones)
    python tools/freeform_agreement.py --heldback   # only the held-back scripts (measure, never tune)
    python tools/freeform_agreement.py --list       # also print every disagreement

Expectations: ``tests/freeform/expected/<exercise>.yaml`` (written before the scorer ran on them);
scripts: ``tests/freeform/scripts/<exercise>/<session>.yaml``. Cohen's κ is computed over the four
verdicts (met, partly, not_met, not_observed): a ``not_observed`` where the expectation saw an
occasion counts as a disagreement, as does a verdict where the expectation saw none. κ "both judged"
leaves out the pairs where either side said ``not_observed``.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import yaml

from simulator.assessment.explain import codes_of, render_reasons
from simulator.assessment.overrides import cohen_kappa
from simulator.scripts.replay import run_script
from simulator.scripts.script import load_script

ROOT = Path(__file__).resolve().parents[1]
FREEFORM = ROOT / "tests" / "freeform"
HELDBACK = "heldback-"


@dataclass(frozen=True)
class Pair:
    """One activity of one session: what the scorer said and what the expectation says."""

    exercise: str
    session: str
    activity: str
    got: str
    expected: str
    why: str
    explanation: str = ""


def sessions(heldback: bool) -> list[tuple[str, str, dict[str, str], dict[str, str]]]:
    """Return (exercise, session, expected verdicts, reasons) for the chosen set of sessions."""
    out = []
    for path in sorted((FREEFORM / "expected").glob("*.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        for name, spec in doc["sessions"].items():
            if name.startswith(HELDBACK) != heldback:
                continue
            if not (FREEFORM / "scripts" / doc["exercise"] / f"{name}.yaml").exists():
                continue
            verdicts = {str(k): str(v) for k, v in spec["verdicts"].items()}
            why = {str(k): str(v) for k, v in (spec.get("why") or {}).items()}
            out.append((doc["exercise"], name, verdicts, why))
    return out


def judge(exercise: str, session: str) -> dict[str, tuple[str, str]]:
    """Replay one script and return activity id → (the scorer's verdict, its reasons in Dutch with their codes)."""
    report = run_script(load_script(FREEFORM / "scripts" / exercise / f"{session}.yaml"))
    return {
        a["id"]: (a["verdict"], f"{render_reasons(a, 'nl', exercise)} [{', '.join(codes_of(a['reasons']))}]")
        for c in report["assessment"]["competencies"]
        for a in c["activities"]
    }


def measure(heldback: bool = False) -> list[Pair]:
    """Return every (scorer, expectation) pair of the chosen sessions."""
    pairs = []
    for exercise, session, expected, why in sessions(heldback):
        got = judge(exercise, session)
        for aid, verdict in expected.items():
            found, explanation = got.get(aid, ("not_observed", ""))
            pairs.append(Pair(exercise, session, aid, found, verdict, why.get(aid, ""), explanation))
    return pairs


def summary(pairs: list[Pair]) -> dict[str, object]:
    """Return κ overall, κ on the pairs both judged, agreement and κ per activity."""
    both = [(p.got, p.expected) for p in pairs if "not_observed" not in (p.got, p.expected)]
    per: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for p in pairs:
        per[p.activity].append((p.got, p.expected))
    return {
        "n": len(pairs),
        "agree": sum(p.got == p.expected for p in pairs),
        "kappa": cohen_kappa([(p.got, p.expected) for p in pairs]),
        "kappa_both_judged": cohen_kappa(both),
        "n_both_judged": len(both),
        "per_activity": {a: (cohen_kappa(v), sum(x == y for x, y in v), len(v)) for a, v in per.items()},
    }


def _order(aid: str) -> tuple[int, int]:
    major, minor = aid.split(".")
    return int(major), int(minor)


def main(argv: list[str] | None = None) -> int:
    """Print the agreement of the scorer with the free-form expectations."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--heldback", action="store_true", help="measure the held-back scripts instead")
    parser.add_argument("--list", action="store_true", help="print every disagreement")
    args = parser.parse_args(argv)
    pairs = measure(args.heldback)
    if not pairs:
        print("no scripts with expectations found", file=sys.stderr)
        return 2
    s = summary(pairs)
    label = "held-back" if args.heldback else "dev"
    print(f"{label}: {s['agree']}/{s['n']} agree, kappa {s['kappa']:.3f}; both judged kappa ", end="")
    kb = s["kappa_both_judged"]
    print(f"{kb:.3f} over {s['n_both_judged']}" if isinstance(kb, float) else "n/a")
    per = s["per_activity"]
    if not isinstance(per, dict):
        return 2
    for aid in sorted(per, key=_order):
        kappa, agree, n = per[aid]
        shown = "  n/a" if kappa is None else f"{kappa:5.2f}"
        print(f"  {aid:>5}  kappa {shown}  {agree}/{n}")
    if args.list and not args.heldback:
        for p in pairs:
            if p.got != p.expected:
                print(f"{p.exercise}/{p.session} {p.activity}: scorer {p.got}, expected {p.expected}  {p.why}")
                print(f"    scorer: {p.explanation}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
