"""The statistical intent model: TF-IDF on character and word n-grams, one logistic regression per intent.

scikit-learn fits the model; scoring then runs on the exported vocabulary and weights in plain
Python and numpy, because sklearn's per-call validation alone would cost more than the 1 ms budget.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from simulator.nlu.files import corpus_files, load_corpus
from simulator.nlu.schema import Corpus
from simulator.nlu.text import clean, fold

#: Text beyond this many characters is not classified (the rules still see up to MAX_CHARS).
CLASSIFY_CHARS = 600
#: A label needs this many positive examples before a model is fitted for it.
MIN_POSITIVES = 3
RANDOM_STATE = 0
#: Inverse regularisation strength, chosen by 4-fold cross-validation inside the training part only
#: (10 → 30 gave +0.01 macro-F1; joined pairs of examples as extra training data cost 0.01, so none).
C = 30.0

Analyzer = Callable[[str], list[str]]


@dataclass(frozen=True)
class FeatureBlock:
    """One TF-IDF vectoriser exported for fast scoring: its analyzer, vocabulary, idf and weights."""

    analyzer: Analyzer
    vocabulary: dict[str, int]
    idf: NDArray[np.float64]
    weights: NDArray[np.float64]  # (n_features, n_labels)

    def contribution(self, text: str) -> NDArray[np.float64] | None:
        """Return this block's part of the decision values, or None when no n-gram is known."""
        counts = Counter(self.analyzer(text))
        index = [self.vocabulary[g] for g in counts if g in self.vocabulary]
        if not index:
            return None
        tf = np.fromiter((1.0 + math.log(counts[g]) for g in counts if g in self.vocabulary), float, len(index))
        values = tf * self.idf[index]
        values /= math.sqrt(float(values @ values))
        result: NDArray[np.float64] = values @ self.weights[index]
        return result


@dataclass(frozen=True)
class IntentClassifier:
    """A fitted multi-label intent model for one language."""

    labels: tuple[str, ...]
    blocks: tuple[FeatureBlock, ...]
    bias: NDArray[np.float64]

    def scores(self, folded: str) -> dict[str, float]:
        """Return a probability per intent for text that is already cleaned and folded."""
        decision = self.bias.copy()
        for block in self.blocks:
            part = block.contribution(folded[:CLASSIFY_CHARS])
            if part is not None:
                decision += part
        probs = 1.0 / (1.0 + np.exp(-decision))
        return dict(zip(self.labels, probs.tolist(), strict=True))


def corpus_examples(corpus: Corpus) -> list[tuple[str, tuple[str, ...]]]:
    """Return every (text, labels) pair of a corpus in file order."""
    return [(ex, tuple(g.intents)) for g in corpus.groups for ex in g.examples]


_SENTENCE = re.compile(r"(?<=[.?!])\s+|[;:]\s+")
_CLAUSE = re.compile(r",\s*")
_WORD = re.compile(r"\w+")
_TOKENS = r"(?u)\b\w+\b"


def shape_features(text: str) -> list[str]:
    """Return the words that open each sentence and clause, marked with whether it is a question.

    Bag-of-n-grams cannot see that 'hebt u' opens a yes/no question while 'wat' opens an open one.
    """
    features: list[str] = []
    for sentence in _SENTENCE.split(text):
        mark = "q" if sentence.rstrip().endswith("?") else "s"
        for i, clause in enumerate(_CLAUSE.split(sentence)):
            words = _WORD.findall(clause)
            if not words:
                continue
            where = "s" if i == 0 else "c"
            features.append(f"{where}{mark}:{words[0]}")
            if len(words) > 1:
                features.append(f"{where}{mark}:{words[0]}_{words[1]}")
        if mark == "q":
            features.append("?")
    return features


def _vectorizers() -> list[object]:
    from sklearn.feature_extraction.text import TfidfVectorizer

    common = {"lowercase": False, "sublinear_tf": True, "dtype": np.float64}
    return [
        TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), min_df=1, **common),
        TfidfVectorizer(analyzer="word", ngram_range=(1, 2), token_pattern=_TOKENS, **common),
        TfidfVectorizer(analyzer=shape_features, **common),
    ]


def train(
    examples: Sequence[tuple[str, Sequence[str]]], c: float = C, rewrite: Callable[[str], str] | None = None
) -> IntentClassifier:
    """Fit one logistic regression per intent on (text, labels) examples; deterministic.

    ``rewrite`` is the language's normaliser (colloquial → written forms): the model must see text
    exactly as the understander will hand it over.
    """
    import scipy.sparse as sp  # type: ignore[import-untyped]
    from sklearn.linear_model import LogisticRegression

    prepare = rewrite or (lambda text: text)
    texts = [prepare(fold(clean(t)))[:CLASSIFY_CHARS] for t, _ in examples]
    counts = Counter(label for _, labels in examples for label in labels)
    labels = tuple(sorted(label for label, n in counts.items() if n >= MIN_POSITIVES))
    vectorizers = _vectorizers()
    matrices = [v.fit_transform(texts) for v in vectorizers]  # type: ignore[attr-defined]
    features = sp.hstack(matrices).tocsr()
    weights = np.zeros((features.shape[1], len(labels)))
    bias = np.zeros(len(labels))
    for j, label in enumerate(labels):
        y = np.array([label in ls for _, ls in examples], dtype=int)
        model = LogisticRegression(
            C=c, class_weight="balanced", solver="liblinear", random_state=RANDOM_STATE, max_iter=1000
        )
        model.fit(features, y)
        weights[:, j] = model.coef_[0]
        bias[j] = model.intercept_[0]
    blocks, start = [], 0
    for v, m in zip(vectorizers, matrices, strict=True):
        width = m.shape[1]
        blocks.append(
            FeatureBlock(
                analyzer=v.build_analyzer(),  # type: ignore[attr-defined]
                vocabulary=dict(v.vocabulary_),  # type: ignore[attr-defined]
                idf=np.asarray(v.idf_, dtype=np.float64),  # type: ignore[attr-defined]
                weights=np.ascontiguousarray(weights[start : start + width]),
            )
        )
        start += width
    return IntentClassifier(labels=labels, blocks=tuple(blocks), bias=bias)


def load_or_train(lang: str, data: Path | None = None) -> IntentClassifier:
    """Return the model of one language from the cache, training and caching it when missing or stale."""
    from simulator.nlu import cache
    from simulator.nlu.files import load_lexicon
    from simulator.nlu.normalise import Normaliser

    lexicon = load_lexicon(lang, data)
    rewrite = Normaliser.from_lexicon(lexicon).rewrite
    rules = "\n".join(f"{r.pattern}\t{r.replace}" for r in lexicon.normalise).encode()
    key = cache.key_for(corpus_files(lang, data), rules)
    cached = cache.load(lang, key, [v.build_analyzer() for v in _vectorizers()])  # type: ignore[attr-defined]
    if cached is not None:
        return cached
    model = train(corpus_examples(load_corpus(lang, data)), rewrite=rewrite)
    cache.save(lang, key, model)
    return model
