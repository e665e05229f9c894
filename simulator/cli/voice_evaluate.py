"""``eerstelijn voice evaluate FOLDER``: every installed recogniser on your own recordings, side by side."""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import asdict
from pathlib import Path
from typing import Any

from simulator.voice.evaluation import LANGUAGES, Outcome, Sample, find_samples, summarise

PROBLEMS = {
    "no_text": "geen .txt-bestand met wat er gezegd werd ernaast",
    "empty_text": "leeg tekstbestand",
    "no_language": "taal onbekend: zet de bestanden in een map nl/, fr/ of en/, of geef --lang",
}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the evaluate action's arguments."""
    parser.add_argument("folder", type=Path, metavar="MAP", help="WAV-bestanden met elk een .txt ernaast")
    parser.add_argument("--lang", choices=LANGUAGES, help="taal van alle bestanden (standaard: de naam van de submap)")
    parser.add_argument(
        "--engine",
        action="append",
        metavar="MOTOR",
        help="vosk, whisper-tiny|base|small (standaard: alle geïnstalleerde)",
    )
    parser.add_argument("--json", action="store_true", help="resultaten per regel en per motor als JSON")


def engines_for(lang: str, wanted: list[str] | None) -> list[str]:
    """Return the engines to try on ``lang``: those asked for, else every one installed."""
    from simulator.adapters.voice.asr_choice import available

    here = available()
    found = (["vosk"] if lang in here.vosk_languages and here.vosk_library else []) + (
        [f"whisper-{s}" for s in here.whisper_sizes] if here.whisper_library else []
    )
    return [e for e in found if wanted is None or e in wanted]


def recognise(engine: str, sample: Sample, cache: dict[tuple[str, str], Any]) -> Outcome:
    """Recognise one line with one engine, timing end of audio → final text."""
    from simulator.adapters.voice import make_engine
    from simulator.voice.audio import validate_wav

    audio = validate_wav(sample.wav.read_bytes(), source=str(sample.wav))
    key = (engine, sample.lang)
    if key not in cache:
        kind, _, size = engine.partition("-")
        cache[key] = make_engine(kind, sample.lang, size)
    stream = cache[key].open_stream(audio.sample_rate)
    step = audio.sample_rate // 4 * 2
    elapsed = 0.0
    for i in range(0, len(audio.pcm), step):
        start = time.perf_counter()
        stream.accept(audio.pcm[i : i + step])
        elapsed += time.perf_counter() - start  # live audio arrives in real time: only the last wait counts
    start = time.perf_counter()
    text = stream.finish().text
    latency = time.perf_counter() - start
    return Outcome(engine, sample, text, latency + max(0.0, elapsed - audio.duration_s), audio.duration_s)


def run(args: argparse.Namespace) -> int:
    """Evaluate and print the table (or JSON); exit 2 when nothing can be evaluated."""
    from simulator.cli.main import UsageError
    from simulator.voice.ports import VoiceError

    if not args.folder.is_dir():
        raise UsageError(f"{args.folder} is geen map")
    samples, problems = find_samples(args.folder, args.lang)
    for problem in problems:
        print(f"overgeslagen: {problem.path}: {PROBLEMS[problem.code]}", file=sys.stderr)
    if not samples:
        raise UsageError(f"{args.folder}: geen bruikbare paren WAV + .txt gevonden")
    outcomes, cache, skipped = [], {}, set()  # type: ignore[var-annotated]
    for sample in samples:
        engines = engines_for(sample.lang, args.engine)
        if not engines and sample.lang not in skipped:
            skipped.add(sample.lang)
            print(
                f"overgeslagen: {sample.lang}: geen herkenner geïnstalleerd (eerstelijn models list)", file=sys.stderr
            )
        for engine in engines:
            try:
                outcomes.append(recognise(engine, sample, cache))
            except VoiceError as exc:
                print(f"overgeslagen: {sample.wav} ({engine}): {exc}", file=sys.stderr)
    rows = summarise(outcomes)
    if args.json:
        lines = [{"engine": o.engine, "lang": o.sample.lang, "file": str(o.sample.wav), "reference": o.sample.reference,
                  "heard": o.hypothesis, "seconds": round(o.seconds, 3)} for o in outcomes]  # fmt: skip
        print(json.dumps({"summary": [asdict(r) for r in rows], "lines": lines}, ensure_ascii=False, indent=1))
        return 0 if rows else 1
    print(f"{'motor':14} {'taal':4} {'regels':>6} {'WER':>7} {'mediaan':>9} {'p95':>9} {'RTF':>6}")
    for r in rows:
        timing = f"{r.median_ms:>7.0f}ms {r.p95_ms:>7.0f}ms {r.rtf:>6.2f}"
        print(f"{r.engine:14} {r.lang:4} {r.lines:>6} {r.wer:>7.1%} {timing}")
    print("Latentie: einde van de opname → tekst. Eigen opnames zeggen meer dan synthetische: zie de README.")
    return 0 if rows else 1
