"""``eerstelijn nlu``: show what the understanding layer makes of a sentence, or evaluate it."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

LANGS = ("nl", "fr", "en")


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register the ``nlu`` subcommand."""
    parser = subparsers.add_parser(
        "nlu",
        help="toon intenties, onderwerpen en slots van een zin, of evalueer het taalbegrip",
        description="Toon wat eerstelijn begrijpt van een zin van een cursist, of evalueer op de testset.",
    )
    parser.add_argument("text", nargs="?", help="de zin van de cursist")
    parser.add_argument("--lang", default=None, help="taal: nl, fr of en (standaard nl; bij --evaluate alle)")
    parser.add_argument(
        "--evaluate", action="store_true", help="precisie/recall/F1 op de achtergehouden zinnen en de uitdagingsset"
    )
    parser.add_argument(
        "--build",
        action="store_true",
        help="train de modellen (of laad ze) en bewaar ze in de cache, zodat de server meteen klaar is",
    )
    parser.add_argument("--json", action="store_true", help="uitvoer als JSON")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Understand one sentence or print the evaluation report; exit 2 on bad input."""
    from simulator.cli.main import UsageError

    if args.lang is not None and args.lang not in LANGS:
        raise UsageError(f"onbekende taal {args.lang!r} voor --lang (kies uit {', '.join(LANGS)})")
    if args.build:
        return _build([args.lang] if args.lang else list(LANGS))
    if args.evaluate:
        return _evaluate([args.lang] if args.lang else list(LANGS), args.json)
    if args.text is None:
        raise UsageError("geef een zin, of gebruik --evaluate")
    from simulator.nlu import Understander

    u = Understander.default().understand(args.text, args.lang or "nl")
    if args.json:
        data = {
            "text": u.text,
            "lang": u.lang,
            "intents": list(u.intents),
            "scores": dict(u.scores),
            "topics": list(u.topics),
            "slots": dict(u.slots),
            "jargon": list(u.jargon),
        }
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0
    print(f"intenties: {', '.join(f'{i} ({u.scores[i]:.2f})' for i in u.intents) or '-'}")
    others = [f"{i} ({s:.2f})" for i, s in u.scores.items() if i not in u.intents]
    if others:
        print(f"  twijfel: {', '.join(others)}")
    print(f"onderwerpen: {', '.join(u.topics) or '-'}")
    print(f"slots: {', '.join(f'{k}={v}' for k, v in u.slots.items()) or '-'}")
    print(f"jargon: {', '.join(u.jargon) or '-'}")
    return 0


def _build(langs: list[str]) -> int:
    """Fill the model cache (``EERSTELIJN_CACHE``) for ``langs``; run at install, before the server starts."""
    import time

    from simulator.nlu import cache
    from simulator.nlu.model import load_or_train

    for lang in langs:
        begin = time.perf_counter()
        load_or_train(lang)
        print(f"{lang}: klaar in {time.perf_counter() - begin:.1f} s")
    print(f"modellen in {cache.cache_dir()}")
    return 0


def _evaluate(langs: list[str], as_json: bool) -> int:
    from dataclasses import asdict

    from simulator.nlu.challenge import evaluate_challenge
    from simulator.nlu.evaluation import HELD_BACK, rotate

    rotations = [rotate(lang) for lang in langs]
    reports = [(rot.evaluations[HELD_BACK], evaluate_challenge(rot.lang)) for rot in rotations]
    if as_json:
        out: list[dict[str, Any]] = [
            {**asdict(r), "challenge": asdict(c), "rotating": {"folds": list(rot.folds), "mean": rot.mean}}
            for (r, c), rot in zip(reports, rotations, strict=True)
        ]
        print(json.dumps(out, ensure_ascii=False, indent=2))
        return 0
    for (r, c), rot in zip(reports, rotations, strict=True):
        print(f"{r.lang}: macro-F1 {r.macro_f1:.3f}  (getraind op {r.train_size}, getest op {r.test_size})")
        folds = ", ".join(f"{f:.3f}" for f in rot.folds)
        print(f"  gemiddelde over {len(rot.folds)} roterende testsplitsingen: {rot.mean:.3f}  ({folds})")
        print(f"  {'intentie':<22} {'prec':>6} {'recall':>6} {'F1':>6} {'n':>4}")
        for s in r.intents:
            print(f"  {s.intent:<22} {s.precision:>6.2f} {s.recall:>6.2f} {s.f1:>6.2f} {s.support:>4}")
        print(
            f"  uitdagingsset: {c.correct}/{c.size} juist ({c.accuracy:.1%}), overtredingen: "
            f"precisie {c.violation_precision:.2f}, recall {c.violation_recall:.2f}"
        )
        for m in c.misreadings:
            wrong = [f"mist {', '.join(m.missing)}"] * bool(m.missing) + [f"extra {', '.join(m.extra)}"] * bool(m.extra)
            print(f"    - {m.text}  [{'; '.join(wrong)}]")
        sys.stdout.flush()
    return 0
