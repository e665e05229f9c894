"""Understand one trainee utterance: every act in it with scores, question topics, slots and jargon.

Rules from the lexicon and a per-language classifier trained on the corpus are combined: an intent
is present when either is confident. The line is read as a whole and sentence by sentence, clause by
clause (:mod:`simulator.nlu.segments`), so an empathic remark followed by a question is both; small
typos are corrected and colloquial forms rewritten first (:mod:`simulator.nlu.normalise`).
Everything is loaded once per language and then reused.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any, ClassVar, Protocol

from simulator.nlu import segments
from simulator.nlu.catalogue import JARGON_INTENT, LANGUAGES, RULE_ONLY, VIOLATIONS
from simulator.nlu.files import load_lexicon
from simulator.nlu.normalise import Normaliser
from simulator.nlu.rules import RuleBook
from simulator.nlu.text import clean, fold

#: An intent is judged present from this score on.
PRESENT = 0.5
#: The highest score the classifier alone may give a rule-only intent.
DOUBT = 0.45
#: The classifier alone must be this sure before it reports a violation: a false one costs the trainee.
VIOLATION_PRESENT = 0.8
#: A clause on its own is short and the classifier was trained on whole lines: it must be surer there.
SEGMENT_PRESENT = 0.8
#: A line this long whose small words are at least this many of another language's is in that language.
FOREIGN_MIN_WORDS = 4
_WORDS = re.compile(r"\w+")
FOREIGN_MIN_HITS = 3
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
class Segment:
    """One sentence or clause of a line and the acts it does on its own."""

    text: str
    intents: tuple[str, ...]


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
    #: The sentences and clauses of the line with the acts found in each (one piece: the whole line).
    segments: tuple[Segment, ...] = ()
    #: The language the line was said in when it is clearly not the call's (then no act is read into it).
    foreign: str | None = None

    def has(self, intent: str) -> bool:
        """Return whether the intent was judged present."""
        return intent in self.intents


class IntentModel(Protocol):
    """A statistical model that scores every intent for a folded utterance."""

    def scores(self, folded: str) -> dict[str, float]: ...

    @property
    def blocks(self) -> tuple[Any, ...]: ...


def normalise_lang(lang: str) -> str:
    """Return 'nl', 'fr' or 'en' for a language tag such as 'nl-BE'; raise ValueError otherwise."""
    code = str(lang).strip().lower().replace("_", "-").split("-")[0]
    if code not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r} (known: {', '.join(LANGUAGES)})")
    return code


@dataclass(frozen=True)
class _Parts:
    """What understanding one language needs, loaded together."""

    rules: RuleBook
    model: IntentModel | None
    normaliser: Normaliser


class Understander:
    """Turns utterances into Understandings; loads rules and models lazily, once per language."""

    _default: ClassVar[Understander | None] = None
    _default_lock: ClassVar[threading.Lock] = threading.Lock()

    def __init__(self, data: Path | None = None, *, use_model: bool = True) -> None:
        self._data = data
        self._use_model = use_model
        self._parts: dict[str, _Parts] = {}
        self._marks: dict[str, frozenset[str]] | None = None
        self._lock = threading.Lock()

    @classmethod
    def default(cls) -> Understander:
        """Return the process-wide instance so the models are trained or loaded only once."""
        with cls._default_lock:
            if cls._default is None:
                cls._default = cls()
            return cls._default

    @classmethod
    def with_parts(
        cls, lang: str, rules: RuleBook, model: IntentModel | None, normaliser: Normaliser | None = None
    ) -> Understander:
        """Build an understander for one language from given rules and model (for evaluation)."""
        understander = cls(use_model=model is not None)
        code = normalise_lang(lang)
        understander._parts[code] = _Parts(rules, model, normaliser or Normaliser())
        return understander

    def load(self, lang: str) -> None:
        """Load rules and model for a language now rather than at the first utterance."""
        code = normalise_lang(lang)
        with self._lock:
            if code not in self._parts:
                lexicon = load_lexicon(code, self._data)
                model = self._build_model(code) if self._use_model else None
                normaliser = Normaliser.from_lexicon(lexicon, model_words(model))
                # Assigned last and whole: other threads test ``_parts`` without the lock.
                self._parts[code] = _Parts(RuleBook.compile(lexicon), model, normaliser)

    def loaded(self, lang: str) -> bool:
        """Return whether rules and model of a language are loaded."""
        return normalise_lang(lang) in self._parts

    def _build_model(self, lang: str) -> IntentModel | None:
        from simulator.nlu.model import load_or_train

        return load_or_train(lang, self._data)

    def understand(self, text: str, lang: str) -> Understanding:
        """Return what the utterance does; never raises on odd text (empty, huge, emoji, binary)."""
        code = normalise_lang(lang)
        if code not in self._parts:
            self.load(code)
        parts = self._parts[code]
        cleaned = clean(text)
        if not cleaned:
            return Understanding(text=cleaned, lang=code)
        foreign = self._other_language(cleaned, code)
        if foreign:
            return Understanding(text=cleaned, lang=code, foreign=foreign)
        prepared = parts.normaliser(fold(cleaned))
        pieces = segments.split(cleaned)
        scores = self._score(parts, prepared, cleaned.count("?"), segment=None if len(pieces) > 1 else False)
        found: list[Segment] = []
        if len(pieces) > 1:
            for piece in pieces:
                piece_scores = self._score(parts, parts.normaliser(fold(piece)), piece.count("?"), segment=True)
                found.append(Segment(piece, tuple(sorted(n for n, s in piece_scores.items() if s >= PRESENT))))
                for name, score in piece_scores.items():
                    if name in QUESTION_KINDS and "?" not in piece and "?" in cleaned:
                        continue  # the question is elsewhere in the line
                    if score >= PRESENT and parts.rules.vetoed(name, prepared):
                        continue  # what rules it out is in another clause of the same line
                    scores[name] = max(scores.get(name, 0.0), score)
            if cleaned.count("?") <= 1:
                _one_act_per_question(scores)
        jargon = parts.rules.match_jargon(prepared)
        if jargon:
            scores[JARGON_INTENT] = max(scores.get(JARGON_INTENT, 0.0), min(0.99, 0.8 + 0.05 * len(jargon)))
        ranked = sorted(((s, n) for n, s in scores.items() if s >= REPORTED), key=lambda p: (-p[0], p[1]))
        intents = tuple(n for s, n in ranked if s >= PRESENT)
        return Understanding(
            text=cleaned,
            lang=code,
            intents=intents,
            scores=MappingProxyType({n: round(s, 3) for s, n in ranked}),
            topics=parts.rules.match_topics(prepared),
            slots=MappingProxyType(parts.rules.match_slots(cleaned)),
            jargon=jargon,
            segments=tuple(found) or (Segment(cleaned, tuple(sorted(intents))),),
        )

    def _other_language(self, cleaned: str, lang: str) -> str | None:
        """Return the language a line of four words or more is clearly in, when that is not the call's."""
        words = _WORDS.findall(fold(cleaned))
        if len(words) < FOREIGN_MIN_WORDS:
            return None
        marks = self._function_words()
        hits = {code: sum(1 for w in words if w in found) for code, found in marks.items()}
        other = max((c for c in hits if c != lang), key=lambda c: hits[c])
        if hits[other] >= FOREIGN_MIN_HITS and hits[other] >= 2 * max(hits.get(lang, 0), 1):
            return other
        return None

    def _function_words(self) -> dict[str, frozenset[str]]:
        """Return each language's small words that no other language shares (read once)."""
        if self._marks is None:
            lists = {code: set(load_lexicon(code, self._data).function_words) for code in LANGUAGES}
            self._marks = {
                code: frozenset(w for w in words if not any(w in lists[o] for o in lists if o != code))
                for code, words in lists.items()
            }
        return self._marks

    @staticmethod
    def _score(parts: _Parts, prepared: str, questions: int, *, segment: bool | None = False) -> dict[str, float]:
        """Score every intent for one prepared piece of text: the model, capped where rules must lead.

        In a clause (``segment`` True) the model must be surer; neither in a clause nor in a line of
        several clauses (``segment`` None) may the model alone declare a violation: a false violation
        costs the trainee, a clause has too few words to be sure of one, and in a long line the words
        of one clause ('ce qu'il fallait faire') lend their weight to another.
        """
        model = parts.model
        scores = model.scores(prepared) if model is not None else {}
        for name in RULE_ONLY & scores.keys():
            scores[name] = min(scores[name], DOUBT)
        for name in VIOLATIONS & scores.keys():
            if segment is not False or scores[name] < VIOLATION_PRESENT:
                scores[name] = min(scores[name], DOUBT)
        if segment:
            for name, score in scores.items():
                if PRESENT <= score < SEGMENT_PRESENT:
                    scores[name] = DOUBT
        for name in list(scores):
            if parts.rules.vetoed(name, prepared):
                scores[name] = min(scores[name], DOUBT)  # 'it is not your fault' is never blame, whoever scored it
        for name, score in parts.rules.match_intents(prepared).items():
            scores[name] = max(scores.get(name, 0.0), score)
        if questions <= 1:
            _one_act_per_question(scores)
        return scores


def model_words(model: IntentModel | None) -> list[str]:
    """Return the single words a fitted model knows (its word n-gram block), for typo correction."""
    if model is None:
        return []
    words: list[str] = []
    for block in model.blocks:
        rarest = float(block.idf.max()) if len(block.idf) else 0.0
        # A word seen in one example only may be a typo the corpus keeps on purpose ('wachtwoort').
        words.extend(t for t, i in block.vocabulary.items() if t.isalpha() and block.idf[i] < rarest - 1e-9)
    return words


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
