"""Judging a recogniser with your own speakers: WAV + text pairs in, word error rate and latency out.

A training centre records a few lines of its own trainees (``nl/001.wav`` with ``nl/001.txt`` holding
what was said) and runs ``eerstelijn voice evaluate FOLDER``: every installed engine recognises every
line, and this module finds the pairs and sums up per engine and language. It only counts: which engine
to use stays the admin's decision (``eerstelijn models use``).
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from simulator.voice.quality import word_errors

LANGUAGES = ("nl", "fr", "en")


@dataclass(frozen=True)
class Sample:
    """One recorded line: its audio file, the language, and what was said."""

    lang: str
    wav: Path
    reference: str


@dataclass(frozen=True)
class Problem:
    """A file that cannot be used, with a reason code (``no_text``, ``empty_text``, ``no_language``)."""

    path: Path
    code: str


@dataclass(frozen=True)
class Outcome:
    """One line recognised by one engine: what it heard and how long it took."""

    engine: str
    sample: Sample
    hypothesis: str
    seconds: float
    audio_seconds: float


@dataclass(frozen=True)
class Row:
    """The summary of one engine on one language."""

    engine: str
    lang: str
    lines: int
    wer: float
    median_ms: float
    p95_ms: float
    rtf: float


def find_samples(folder: Path, lang: str | None = None) -> tuple[list[Sample], list[Problem]]:
    """Return the WAV + text pairs under ``folder`` (language from ``lang`` or the sub-folder name)."""
    samples, problems = [], []
    for wav in sorted(folder.rglob("*.wav")):
        rel = wav.relative_to(folder)
        language = lang or (rel.parts[0] if len(rel.parts) > 1 else "")
        text_file = wav.with_suffix(".txt")
        if language not in LANGUAGES:
            problems.append(Problem(wav, "no_language"))
        elif not text_file.is_file():
            problems.append(Problem(wav, "no_text"))
        else:
            reference = " ".join(text_file.read_text(encoding="utf-8").split())
            if reference:
                samples.append(Sample(language, wav, reference))
            else:
                problems.append(Problem(text_file, "empty_text"))
    return samples, problems


def percentile(values: Sequence[float], q: float) -> float:
    """Return the ``q`` percentile (0–1) by nearest rank."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def summarise(outcomes: Iterable[Outcome]) -> list[Row]:
    """Return one row per engine and language: corpus WER, median and p95 latency, real-time factor."""
    groups: dict[tuple[str, str], list[Outcome]] = {}
    for outcome in outcomes:
        groups.setdefault((outcome.engine, outcome.sample.lang), []).append(outcome)
    rows = []
    for (engine, lang), found in sorted(groups.items()):
        errors = words = 0
        for o in found:
            e, n = word_errors(o.sample.reference, o.hypothesis)
            errors, words = errors + e, words + n
        ms = [o.seconds * 1000 for o in found]
        rtf = sum(o.seconds for o in found) / max(1e-9, sum(o.audio_seconds for o in found))
        rows.append(
            Row(
                engine,
                lang,
                len(found),
                errors / words if words else 0.0,
                statistics.median(ms),
                percentile(ms, 0.95),
                rtf,
            )
        )
    return rows
