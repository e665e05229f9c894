"""Measure the understanding on a held-back part of the corpus: per-intent precision, recall and F1.

The split is deterministic: every 4th example of the corpus, counted over the whole file, is held
back and the rest trains the classifier, so small groups give test examples too. The whole pipeline
(rules + classifier) is scored, as used in calls. ``rotate`` repeats this for the 4 possible offsets
so every example is tested once, a steadier figure than one split of ~230 sentences. Nothing here is
used to tune: settings are chosen by cross-validation inside a training part. The challenge set
(``challenge.py``) is separate.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from simulator.nlu.catalogue import INTENTS
from simulator.nlu.files import load_corpus, load_lexicon
from simulator.nlu.model import train
from simulator.nlu.normalise import Normaliser
from simulator.nlu.rules import RuleBook
from simulator.nlu.schema import Corpus
from simulator.nlu.understander import Understander, model_words

HOLD_OUT_EVERY = 4
#: The split reported as "held back": examples 3, 7, 11, ... of the file.
HELD_BACK = HOLD_OUT_EVERY - 1

Example = tuple[str, tuple[str, ...]]


@dataclass(frozen=True)
class IntentScore:
    """Precision, recall and F1 of one intent on the held-back examples."""

    intent: str
    precision: float
    recall: float
    f1: float
    support: int


@dataclass(frozen=True)
class Evaluation:
    """The result for one language: per-intent scores and the macro average of F1."""

    lang: str
    train_size: int
    test_size: int
    intents: tuple[IntentScore, ...]
    macro_f1: float
    errors: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...]  # text, expected, predicted


@dataclass(frozen=True)
class Rotation:
    """Macro-F1 on each of the 4 rotating held-back splits of one language, and their mean."""

    lang: str
    folds: tuple[float, ...]
    mean: float
    worst: float
    evaluations: tuple[Evaluation, ...]


def split(corpus: Corpus, fold: int = HELD_BACK) -> tuple[list[Example], list[Example]]:
    """Return (train, test): every 4th example of the corpus (in file order, from ``fold``) is held back."""
    train_set: list[Example] = []
    test_set: list[Example] = []
    examples = [(text, tuple(group.intents)) for group in corpus.groups for text in group.examples]
    for i, example in enumerate(examples):
        (test_set if i % HOLD_OUT_EVERY == fold else train_set).append(example)
    return train_set, test_set


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def evaluate(lang: str, data: Path | None = None, fold: int = HELD_BACK) -> Evaluation:
    """Train on the training part of a language's corpus and score the held-back part."""
    main = load_corpus(lang, data, companions=False)
    train_set, test_set = split(main, fold)
    # The companions (free-form dev lines) always train: the held-back split stays the one the gate was set on.
    companions = load_corpus(lang, data).groups[len(main.groups) :]
    train_set += [(t, tuple(g.intents)) for g in companions for t in g.examples]
    lexicon = load_lexicon(lang, data)
    model = train(train_set, rewrite=Normaliser.from_lexicon(lexicon).rewrite)
    normaliser = Normaliser.from_lexicon(lexicon, model_words(model))
    understander = Understander.with_parts(lang, RuleBook.compile(lexicon), model, normaliser)
    predicted = [understander.understand(text, lang).intents for text, _ in test_set]
    scores, errors = [], []
    for (text, gold), pred in zip(test_set, predicted, strict=True):
        if set(gold) != set(pred):
            errors.append((text, gold, pred))
    for intent in INTENTS:
        tp = sum(1 for (_, g), p in zip(test_set, predicted, strict=True) if intent in g and intent in p)
        fp = sum(1 for (_, g), p in zip(test_set, predicted, strict=True) if intent not in g and intent in p)
        fn = sum(1 for (_, g), p in zip(test_set, predicted, strict=True) if intent in g and intent not in p)
        if tp + fn == 0:
            continue
        precision, recall = _ratio(tp, tp + fp), _ratio(tp, tp + fn)
        f1 = _ratio(2 * tp, 2 * tp + fp + fn)
        scores.append(IntentScore(intent, round(precision, 3), round(recall, 3), round(f1, 3), tp + fn))
    macro = sum(s.f1 for s in scores) / len(scores) if scores else 0.0
    return Evaluation(
        lang=lang,
        train_size=len(train_set),
        test_size=len(test_set),
        intents=tuple(scores),
        macro_f1=round(macro, 3),
        errors=tuple(errors),
    )


def rotate(lang: str, data: Path | None = None) -> Rotation:
    """Evaluate on each of the 4 rotating held-back splits; return their macro-F1s and mean."""
    evaluations = tuple(evaluate(lang, data, fold) for fold in range(HOLD_OUT_EVERY))
    folds = tuple(e.macro_f1 for e in evaluations)
    return Rotation(lang, folds, round(sum(folds) / len(folds), 3), min(folds), evaluations)
