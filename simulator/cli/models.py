"""``eerstelijn models``: list, fetch, import and verify the speech-recognition models.

Exit codes: 0 done, 1 the download or model failed (no internet, wrong hash, incomplete model),
2 bad input. Failures are one line on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register the models command and its actions."""
    parser = subparsers.add_parser("models", help="spraakmodellen beheren (list, fetch, import, verify)")
    actions = parser.add_subparsers(dest="action", metavar="ACTIE", required=True)
    actions.add_parser("list", help="toon bekende en geïnstalleerde modellen")
    fetch = actions.add_parser("fetch", help="download het kleine vosk-model voor een taal")
    fetch.add_argument("lang", help="nl, fr of en")
    fetch.add_argument("--url", help="download van een spiegel in plaats van alphacephei.com (zelfde bestand)")
    fetch.add_argument("--timeout", type=float, default=30.0, help="seconden wachten op de server")
    imp = actions.add_parser("import", help="installeer een model uit een zip of map")
    imp.add_argument("source", type=Path, metavar="ZIP_OF_MAP")
    imp.add_argument("--lang", help="taal van het model (af te leiden uit de naam van een bekend model)")
    verify = actions.add_parser("verify", help="controleer modelmappen en noem wat ontbreekt")
    verify.add_argument("path", nargs="?", type=Path, help="een modelmap (standaard: alle geïnstalleerde)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Carry out one models action."""
    from simulator.voice.ports import VoiceError

    try:
        if args.action == "list":
            return _list()
        if args.action == "fetch":
            return _fetch(args)
        if args.action == "import":
            return _import(args)
        return _verify(args.path)
    except VoiceError as exc:
        print(f"eerstelijn models: {exc}", file=sys.stderr)
        return 1


def _list() -> int:
    from simulator.adapters.voice import models as m

    root = m.models_dir()
    print(f"Modelmap: {root}")
    installed = m.installed_models()
    for lang, entry in m.catalogue().items():
        here = [i for i in installed if i.lang == lang]
        status = ", ".join(f"{i.name} ({'volledig' if not i.missing else 'onvolledig'})" for i in here)
        size = f"{entry.size / 1e6:.0f} MB"
        print(f"  {lang:3} {entry.name:30} {size:>7}  {status or 'niet geïnstalleerd'}")
    for extra in (i for i in installed if i.lang not in m.catalogue()):
        print(f"  {extra.lang:3} {extra.name:30} {'':>7}  geïmporteerd")
    return 0


def _fetch(args: argparse.Namespace) -> int:
    from simulator.adapters.voice import models as m
    from simulator.cli.main import UsageError

    if args.lang not in m.catalogue():
        raise UsageError(f"onbekende taal '{args.lang}' voor models fetch (kies uit {', '.join(m.catalogue())})")
    path, downloaded = m.fetch(args.lang, url=args.url, timeout_s=args.timeout)
    print(f"{'Geïnstalleerd' if downloaded else 'Al aanwezig'}: {path}")
    return 0


def _import(args: argparse.Namespace) -> int:
    from simulator.adapters.voice import models as m
    from simulator.cli.main import UsageError

    lang = args.lang or next((k for k, e in m.catalogue().items() if e.name in args.source.name), None)
    if not lang:
        raise UsageError(f"kan de taal van {args.source} niet afleiden; geef --lang nl|fr|en")
    print(f"Geïnstalleerd: {m.import_model(args.source, lang)}")
    return 0


def _verify(path: Path | None) -> int:
    from simulator.adapters.voice import models as m

    targets = (
        [(str(path), m.missing_files(path))] if path else [(str(i.path), list(i.missing)) for i in m.installed_models()]
    )
    if not targets:
        print(f"Geen modellen geïnstalleerd in {m.models_dir()} (eerstelijn models fetch nl)")
        return 1
    bad = 0
    for where, missing in targets:
        if missing:
            bad += 1
            print(f"{where}: onvolledig — ontbreekt: {', '.join(missing)}")
        else:
            print(f"{where}: in orde")
    return 1 if bad else 0
