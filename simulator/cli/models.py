"""``eerstelijn models``: list, fetch, import, verify and choose the speech models.

Targets: a language (``nl``, ``fr``, ``en``: its small vosk model), ``whisper-tiny|base|small`` (the
multilingual faster-whisper model) and ``piper-VOICE`` (a Piper voice for the caller). ``use LANG SETTING``
picks the recogniser of a language. Exit codes: 0 done, 1 the download or model failed (no internet,
wrong hash, incomplete model), 2 bad input. Failures are one line on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register the models command and its actions."""
    parser = subparsers.add_parser("models", help="spraakmodellen en stemmen beheren")
    actions = parser.add_subparsers(dest="action", metavar="ACTIE", required=True)
    actions.add_parser("list", help="toon bekende en geïnstalleerde modellen en wat elke taal gebruikt")
    fetch = actions.add_parser("fetch", help="download een vastgelegd model (nl|fr|en, whisper-SIZE, piper-STEM)")
    fetch.add_argument("target", metavar="DOEL", help="nl, fr, en, whisper-tiny|base|small of piper-STEM")
    fetch.add_argument("--url", help="download van een spiegel (zelfde bestanden, zelfde hashes)")
    fetch.add_argument("--timeout", type=float, default=30.0, help="seconden wachten op de server")
    imp = actions.add_parser("import", help="installeer een model uit een zip of map (vosk, whisper of Piper)")
    imp.add_argument("source", type=Path, metavar="ZIP_OF_MAP")
    imp.add_argument("--lang", help="taal van een vosk-model (af te leiden uit de naam van een bekend model)")
    verify = actions.add_parser("verify", help="controleer modelmappen (ook de hashes) en noem wat ontbreekt")
    verify.add_argument("path", nargs="?", type=Path, help="een modelmap (standaard: alle geïnstalleerde)")
    use = actions.add_parser("use", help="kies de spraakherkenning van een taal")
    use.add_argument("lang", choices=["nl", "fr", "en"])
    use.add_argument("setting", metavar="KEUZE", help="auto, vosk, whisper, whisper-tiny|base|small")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Carry out one models action."""
    from simulator.cli import models_actions as act
    from simulator.voice.ports import VoiceError

    handlers = {"list": act.list_all, "fetch": act.fetch, "import": act.import_any, "verify": act.verify}
    try:
        if args.action == "use":
            return act.use(args)
        return handlers[args.action](args)
    except VoiceError as exc:
        print(f"eerstelijn models: {exc}", file=sys.stderr)
        return 1
