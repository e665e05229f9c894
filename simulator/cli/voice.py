"""``eerstelijn voice``: the voice pieces on their own — speak a line as a caller, transcribe a WAV.

``voice evaluate FOLDER`` compares the installed recognisers on WAV + text pairs;
``voice say --lang nl --persona angry [--gender female] "tekst" -o out.wav`` writes the caller's line;
``voice transcribe FILE.wav --lang nl [--json]`` (or ``--model PATH``) prints what vosk heard, with word
timestamps in JSON. Without a model for the language it says which command installs one (exit 2).
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register the voice command and its actions."""
    parser = subparsers.add_parser("voice", help="spraak: een klantzin uitspreken of een WAV uitschrijven")
    actions = parser.add_subparsers(dest="action", metavar="ACTIE", required=True)
    say = actions.add_parser("say", help="spreek een zin uit met de stem van een persona")
    say.add_argument("text", help="de zin")
    say.add_argument("-o", "--output", type=Path, required=True, help="het WAV-bestand om te schrijven")
    say.add_argument("--lang", choices=["nl", "fr", "en"], default="nl")
    say.add_argument("--persona", default="novice", help="angry, novice, sysadmin, …")
    say.add_argument("--gender", choices=["female", "male"], help="standaard: wat de persona-stem aangeeft")
    say.add_argument(
        "--engine",
        choices=["auto", "espeak", "piper", "pyttsx3"],
        default="auto",
        help="auto: Piper waar een stem past, anders espeak-ng",
    )
    say.add_argument("--telephone", action="store_true", help="zoals over een telefoonlijn (300-3400 Hz, μ-law)")
    say.add_argument("--no-cache", action="store_true", help="niet uit of naar de WAV-cache")
    tr = actions.add_parser("transcribe", help="schrijf een WAV-bestand (16-bit PCM mono) uit")
    tr.add_argument("file", type=Path, metavar="FILE.wav")
    source = tr.add_mutually_exclusive_group()
    source.add_argument("--lang", choices=["nl", "fr", "en"], default=None)
    source.add_argument("--model", type=Path, help="een vosk-modelmap in plaats van het model van de taal")
    tr.add_argument("--phrases", help="komma-gescheiden woordenlijst: alleen deze mogen herkend worden")
    tr.add_argument("--json", action="store_true", help="resultaten met woordtijden als JSON")
    ev = actions.add_parser("evaluate", help="woordfoutratio en latentie per herkenner op eigen opnames")
    from simulator.cli import voice_evaluate

    voice_evaluate.add_arguments(ev)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Carry out one voice action."""
    from simulator.cli.main import UsageError
    from simulator.voice.ports import VoiceError, VoiceUnavailable

    try:
        if args.action == "evaluate":
            from simulator.cli import voice_evaluate

            return voice_evaluate.run(args)
        return _say(args) if args.action == "say" else _transcribe(args)
    except VoiceUnavailable as exc:
        print(f"eerstelijn voice: {exc}", file=sys.stderr)
        return 2
    except VoiceError as exc:
        raise UsageError(str(exc)) from None


def _say(args: argparse.Namespace) -> int:
    from simulator.adapters.voice import caller_profile, make_synthesizer
    from simulator.cli.main import UsageError
    from simulator.conversation.loader import load_persona
    from simulator.voice.profiles import default_gender, voice_profile

    try:
        persona = load_persona(args.persona)
    except KeyError as exc:
        raise UsageError(str(exc.args[0])) from None
    settings = persona.params.voice
    gender = args.gender or default_gender(settings)
    if args.engine in ("auto", "piper"):
        profile = caller_profile(persona.id, settings, args.lang, gender)
        if args.engine == "piper" and not profile.neural:
            raise UsageError(f"geen Piper-stem geïnstalleerd voor {args.lang}/{gender} (eerstelijn models list)")
    else:
        profile = voice_profile(persona.id, settings, args.lang, gender)
    synth = make_synthesizer(args.engine, cache=not args.no_cache, telephone=args.telephone)
    result = synth.synthesize(args.text, profile)
    try:
        args.output.write_bytes(result.wav_bytes)
    except OSError as exc:
        raise UsageError(f"kan {args.output} niet schrijven: {exc.strerror}") from None
    spoken_by = f"Piper {profile.neural}" if profile.neural else f"espeak-ng {profile.espeak_name}"
    print(f"{args.output}: {result.duration_s:.2f} s, {result.sample_rate} Hz, stem {spoken_by}")
    return 0


def _transcribe(args: argparse.Namespace) -> int:
    from simulator.adapters.voice import make_recognizer
    from simulator.cli.main import UsageError
    from simulator.voice.audio import validate_wav
    from simulator.voice.ports import Final

    if args.model is None and args.lang is None:
        raise UsageError("geef --lang nl|fr|en of --model PAD")
    try:
        data = args.file.read_bytes()
    except OSError as exc:
        raise UsageError(f"kan {args.file} niet lezen: {exc.strerror}") from None
    audio = validate_wav(data, source=str(args.file))
    recognizer = make_recognizer(args.lang, args.model)
    phrases = [p.strip() for p in (args.phrases or "").split(",") if p.strip()]
    stream = recognizer.open_stream(audio.sample_rate, phrases, closed=bool(phrases))
    finals = []
    chunk = audio.sample_rate // 5 * 2  # 200 ms, as a live stream would deliver it
    for i in range(0, len(audio.pcm), chunk):
        result = stream.accept(audio.pcm[i : i + chunk])
        if isinstance(result, Final):
            finals.append(result)
    finals.append(stream.finish())
    utterances = [f for f in finals if f.text]
    if args.json:
        body: dict[str, Any] = {
            "file": str(args.file),
            "duration_s": round(audio.duration_s, 3),
            "text": " ".join(f.text for f in utterances),
            "utterances": [{"text": f.text, "words": [asdict(w) for w in f.words]} for f in utterances],
        }
        print(json.dumps(body, ensure_ascii=False, indent=1))
    else:
        print(" ".join(f.text for f in utterances) or "(niets herkend)")
    return 0
