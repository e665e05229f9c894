"""Understand one trainee utterance: intents with scores, question topics, slots and jargon.

Rules from the lexicon and a per-language classifier trained on the corpus are combined: an intent
is present when either is confident. Everything is loaded once per language and then reused.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import ClassVar, Protocol

from simulator.nlu.catalogue import JARGON_INTENT, LANGUAGES, RULE_ONLY, VIOLATIONS
from simulator.nlu.files import load_lexicon
from simulator.nlu.rules import RuleBook
from simulator.nlu.text import clean, fold

#: An intent is judged present from this score on.
PRESENT = 0.5
#: The highest score the classifier alone may give a rule-only intent.
DOUBT = 0.45
#: The classifier alone must be this sure before it reports a violation: a false one costs the trainee.
VIOLATION_PRESENT = 0.8
#: Scores below this are left out of ``Understanding.scores``.
REPORTED = 0.1

#: A question that does one of these is not also an open or closed diagnostic question (a rude
#: 'how can you not know that?' is no question either).
SPECIFIC_QUESTIONS = frozenset(
    {"check_satisfaction", "ask_caller_identity", "verify_identity", "ask_remote_consent", *VIOLATIONS}
)
QUESTION_KINDS = ("open_question", "closed_question")

_EMPTY_SCORES: Mapping[str, float] = MappingProxyType({})
_EMPTY_SLOTS: Mapping[str, str] = MappingProxyType({})


@dataclass(frozen=True)
class Understanding:
    """What one trainee utterance does, asks about and names."""

    text: str
    lang: str
    intents: tuple[str, ...] = ()
    scores: Mapping[str, float] = field(default_factory=lambda: _EMPTY_SCORES)
    topics: tuple[str, ...] = ()
    slots: Mapping[str, str] = field(default_factory=lambda: _EMPTY_SLOTS)
    jargon: tuple[str, ...] = ()

    def has(self, intent: str) -> bool:
        """Return whether the intent was judged present."""
        return intent in self.intents


class IntentModel(Protocol):
    """A statistical model that scores every intent for a folded utterance."""

    def scores(self, folded: str) -> dict[str, float]: ...


def normalise_lang(lang: str) -> str:
    """Return 'nl', 'fr' or 'en' for a language tag such as 'nl-BE'; raise ValueError otherwise."""
    code = str(lang).strip().lower().replace("_", "-").split("-")[0]
    if code not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r} (known: {', '.join(LANGUAGES)})")
    return code


class Understander:
    """Turns utterances into Understandings; loads rules and models lazily, once per language."""

    _default: ClassVar[Understander | None] = None
    _default_lock: ClassVar[threading.Lock] = threading.Lock()

    def __init__(self, data: Path | None = None, *, use_model: bool = True) -> None:
        self._data = data
        self._use_model = use_model
        self._rules: dict[str, RuleBook] = {}
        self._models: dict[str, IntentModel | None] = {}
        self._lock = threading.Lock()

    @classmethod
    def default(cls) -> Understander:
        """Return the process-wide instance so the models are trained or loaded only once."""
        with cls._default_lock:
            if cls._default is None:
                cls._default = cls()
            return cls._default

    @classmethod
    def with_parts(cls, lang: str, rules: RuleBook, model: IntentModel | None) -> Understander:
        """Build an understander for one language from given rules and model (for evaluation)."""
        understander = cls(use_model=model is not None)
        code = normalise_lang(lang)
        understander._rules[code] = rules
        understander._models[code] = model
        return understander

    def load(self, lang: str) -> None:
        """Load rules and model for a language now rather than at the first utterance."""
        code = normalise_lang(lang)
        with self._lock:
            if code not in self._rules:
                rules = RuleBook.compile(load_lexicon(code, self._data))
                # The model goes in first: other threads test ``_rules`` without the lock.
                self._models[code] = self._build_model(code) if self._use_model else None
                self._rules[code] = rules

    def _build_model(self, lang: str) -> IntentModel | None:
        from simulator.nlu.model import load_or_train

        return load_or_train(lang, self._data)

    def understand(self, text: str, lang: str) -> Understanding:
        """Return what the utterance does; never raises on odd text (empty, huge, emoji, binary)."""
        code = normalise_lang(lang)
        if code not in self._rules:
            self.load(code)
        cleaned = clean(text)
        if not cleaned:
            return Understanding(text=cleaned, lang=code)
        folded = fold(cleaned)
        rules = self._rules[code]
        model = self._models[code]
        scores = model.scores(folded) if model is not None else {}
        for name in RULE_ONLY & scores.keys():
            scores[name] = min(scores[name], DOUBT)
        for name in VIOLATIONS & scores.keys():
            if scores[name] < VIOLATION_PRESENT:
                scores[name] = min(scores[name], DOUBT)
        for name, score in rules.match_intents(folded).items():
            scores[name] = max(scores.get(name, 0.0), score)
        if cleaned.count("?") <= 1:
            _one_act_per_question(scores)
        jargon = rules.match_jargon(folded)
        if jargon:
            scores[JARGON_INTENT] = max(scores.get(JARGON_INTENT, 0.0), min(0.99, 0.8 + 0.05 * len(jargon)))
        ranked = sorted(((s, n) for n, s in scores.items() if s >= REPORTED), key=lambda p: (-p[0], p[1]))
        return Understanding(
            text=cleaned,
            lang=code,
            intents=tuple(n for s, n in ranked if s >= PRESENT),
            scores=MappingProxyType({n: round(s, 3) for s, n in ranked}),
            topics=rules.match_topics(folded),
            slots=MappingProxyType(rules.match_slots(cleaned)),
            jargon=jargon,
        )


def _one_act_per_question(scores: dict[str, float]) -> None:
    """Let a single question be one kind: the likelier of open/closed, none if a more specific act is surer."""
    present = [k for k in QUESTION_KINDS if scores.get(k, 0.0) >= PRESENT]
    if not present:
        return
    specific = max((scores.get(k, 0.0) for k in SPECIFIC_QUESTIONS), default=0.0)
    keep = max(present, key=lambda k: scores[k])
    for kind in present:
        if kind != keep or specific >= scores[kind]:
            scores[kind] = min(scores[kind], DOUBT)
