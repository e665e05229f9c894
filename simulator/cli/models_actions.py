"""What each ``eerstelijn models`` action does (the parser lives in ``models.py``)."""

from __future__ import annotations

import argparse
from pathlib import Path

from simulator.adapters.voice import asr_choice, whisper_models
from simulator.adapters.voice import models as vosk_models
from simulator.cli import models_voices as voices
from simulator.cli.main import UsageError


def list_all(args: argparse.Namespace) -> int:
    """Print the model folder, every known model with its state, and each language's engines."""
    root = vosk_models.models_dir()
    print(f"Modelmap: {root}")
    print("Vosk (per taal, met tussenresultaten):")
    installed = vosk_models.installed_models()
    for lang, entry in vosk_models.catalogue().items():
        here = [i for i in installed if i.lang == lang]
        status = ", ".join(f"{i.name} ({'volledig' if not i.missing else 'onvolledig'})" for i in here)
        print(f"  {lang:14} {entry.name:30} {entry.size / 1e6:>5.0f} MB  {status or 'niet geïnstalleerd'}")
    for extra in (i for i in installed if i.lang not in vosk_models.catalogue()):
        print(f"  {extra.lang:14} {extra.name:30} {'':>8}  geïmporteerd")
    print("Whisper (één model voor nl, fr en en; herkent aan het einde van de beurt):")
    found = {m.size: m for m in whisper_models.installed()}
    for size, pinned in whisper_models.catalogue().items():
        m = found.get(size)
        status = "niet geïnstalleerd" if m is None else ("volledig" if not m.problems else "onvolledig")
        name = f"whisper-{size}"
        print(f"  {name:14} {pinned.repo:30} {pinned.size_bytes / 1e6:>5.0f} MB  {status} ({pinned.licence})")
    voices.list_voices()
    print("Per taal (kies met: eerstelijn models use TAAL KEUZE):")
    chosen = asr_choice.settings()
    for lang in asr_choice.LANGUAGES:
        choice = asr_choice.current_choice(lang)
        setting = chosen.get(lang, "auto")
        used = choice.label if choice.engine else f"geen — {asr_choice.reason_text(choice)}"
        print(f"  {lang}: herkenning {used} (keuze: {setting}); stem {voices.voice_summary(lang)}")
    return 0


def fetch(args: argparse.Namespace) -> int:
    """Download a pinned model: a language's vosk model, a whisper size or a Piper voice."""
    target: str = args.target
    if target.startswith("whisper-"):
        size = target.removeprefix("whisper-")
        if size not in whisper_models.catalogue():
            raise UsageError(f"onbekend whisper-model '{size}' (kies uit {', '.join(whisper_models.catalogue())})")
        path, downloaded = whisper_models.fetch(size, base_url=args.url, timeout_s=args.timeout)
    elif target.startswith("piper-"):
        path, downloaded = voices.fetch_voice(target.removeprefix("piper-"), args.url, args.timeout)
    else:
        if target not in vosk_models.catalogue():
            known = [*vosk_models.catalogue(), *(f"whisper-{s}" for s in whisper_models.catalogue()), "piper-STEM"]
            raise UsageError(f"onbekend doel '{target}' voor models fetch (kies uit {', '.join(known)})")
        path, downloaded = vosk_models.fetch(target, url=args.url, timeout_s=args.timeout)
    print(f"{'Geïnstalleerd' if downloaded else 'Al aanwezig'}: {path}")
    return 0


def import_any(args: argparse.Namespace) -> int:
    """Install a model from a zip or folder: whisper (model.bin), Piper (*.onnx) or vosk."""
    source: Path = args.source
    if not source.exists():
        raise UsageError(f"{source} bestaat niet")
    if source.is_dir() and (source / "model.bin").is_file():
        size, path = whisper_models.import_model(source)
        print(f"Geïnstalleerd (whisper-{size}): {path}")
        return 0
    if source.is_dir() and any(source.glob("*.onnx")):
        return voices.import_voice(source)
    lang = args.lang or next((k for k, e in vosk_models.catalogue().items() if e.name in source.name), None)
    if not lang:
        raise UsageError(f"kan de taal van {source} niet afleiden; geef --lang nl|fr|en")
    print(f"Geïnstalleerd: {vosk_models.import_model(source, lang)}")
    return 0


def verify(args: argparse.Namespace) -> int:
    """Check one folder, or every installed model, and name what is missing or altered."""
    path: Path | None = args.path
    if path is not None:
        targets = [(str(path), _problems(path))]
    else:
        targets = [(str(i.path), list(i.missing)) for i in vosk_models.installed_models()]
        targets += [(str(m.path), whisper_models.verify(m.path)[1]) for m in whisper_models.installed()]
        targets += voices.all_voice_problems()
    if not targets:
        print(f"Geen modellen geïnstalleerd in {vosk_models.models_dir()} (eerstelijn models fetch whisper-base)")
        return 1
    bad = 0
    for where, problems in targets:
        if problems:
            bad += 1
            print(f"{where}: niet in orde — {'; '.join(problems)}")
        else:
            print(f"{where}: in orde")
    return 1 if bad else 0


def _problems(path: Path) -> list[str]:
    if (path / "model.bin").is_file() or path.parent.name == whisper_models.FOLDER:
        return whisper_models.verify(path)[1]
    if path.is_dir() and any(path.glob("*.onnx")):
        return voices.voice_problems(path)
    return vosk_models.missing_files(path)


def use(args: argparse.Namespace) -> int:
    """Store the recogniser setting of a language and say what it now uses."""
    path = asr_choice.save_setting(args.lang, args.setting)
    choice = asr_choice.current_choice(args.lang)
    used = choice.label if choice.engine else f"nog geen — {asr_choice.reason_text(choice)}"
    print(f"{args.lang}: {args.setting} (opgeslagen in {path}); nu gebruikt: {used}")
    return 0
