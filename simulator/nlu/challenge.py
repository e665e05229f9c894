"""Score the shipped understanding on the challenge set: hand-written sentences never trained on.

An item is read correctly when every expected intent is found and nothing outside the expected and
allowed intents is. Violations get their own precision, since a false violation costs a trainee
mood and score: a reported violation that the item neither expects nor allows is a false one.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from simulator.nlu.catalogue import VIOLATIONS
from simulator.nlu.files import load_challenge
from simulator.nlu.understander import Understander


@dataclass(frozen=True)
class Misreading:
    """One challenge sentence read wrongly: what was expected, what was found, what is missing or extra."""

    text: str
    expected: tuple[str, ...]
    predicted: tuple[str, ...]
    missing: tuple[str, ...]
    extra: tuple[str, ...]


@dataclass(frozen=True)
class ChallengeReport:
    """Accuracy over the challenge set of one language, and how precise the violations are."""

    lang: str
    size: int
    correct: int
    accuracy: float
    violation_precision: float
    violation_recall: float
    false_violations: tuple[str, ...]
    misreadings: tuple[Misreading, ...]


def _ratio(a: int, b: int, empty: float) -> float:
    return round(a / b, 3) if b else empty


def evaluate_challenge(
    lang: str, understander: Understander | None = None, data: Path | None = None
) -> ChallengeReport:
    """Read every challenge sentence of a language with the shipped model and score the result."""
    items = load_challenge(lang, data).items
    understander = understander or Understander.default()
    misreadings: list[Misreading] = []
    false_violations: list[str] = []
    true_violations = expected_violations = 0
    for item in items:
        predicted = understander.understand(item.text, lang).intents
        expected, allowed = set(item.intents), set(item.intents) | set(item.allowed)
        missing = tuple(i for i in item.intents if i not in predicted)
        extra = tuple(i for i in predicted if i not in allowed)
        if missing or extra:
            misreadings.append(Misreading(item.text, tuple(item.intents), predicted, missing, extra))
        found = VIOLATIONS & set(predicted)
        true_violations += len(found & expected)
        expected_violations += len(VIOLATIONS & expected)
        false_violations += [item.text] if found - allowed else []
    reported = true_violations + len(false_violations)
    return ChallengeReport(
        lang=lang,
        size=len(items),
        correct=len(items) - len(misreadings),
        accuracy=_ratio(len(items) - len(misreadings), len(items), 0.0),
        violation_precision=_ratio(true_violations, reported, 1.0),
        violation_recall=_ratio(true_violations, expected_violations, 1.0),
        false_violations=tuple(false_violations),
        misreadings=tuple(misreadings),
    )
