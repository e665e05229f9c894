"""The classifier on sentences that are not in the corpus, and the quality gate on the held-back split."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from simulator.nlu import INTENTS, Understander
from simulator.nlu.evaluation import HELD_BACK, Rotation

UNSEEN = [
    ("Goeiemorgen, helpdesk, met Jonas. Wat kan ik voor u doen?", "nl", {"greeting", "open_question"}),
    ("Dat is echt vervelend, sorry dat ge zo lang moest wachten.", "nl", {"empathy", "apology"}),
    ("Als ik het goed begrijp start Teams niet meer op sinds gisteren.", "nl", {"paraphrase"}),
    ("Ik zet dit door naar de tweede lijn, zij nemen vandaag nog contact op.", "nl", {"announce_escalation"}),
    ("Bonjour, service desk, ici Julie. Que puis-je faire pour vous ?", "fr", {"greeting", "open_question"}),
    ("Si je comprends bien, votre écran reste noir depuis ce matin.", "fr", {"paraphrase"}),
    ("Je transmets votre demande au deuxième niveau.", "fr", {"announce_escalation"}),
    ("Good morning, service desk, Tom speaking, how can I help?", "en", {"greeting", "open_question"}),
    ("So what you're saying is that Teams crashes when you share your screen.", "en", {"paraphrase"}),
    ("I'm sorry about that, I understand it's really annoying.", "en", {"empathy", "apology"}),
    ("Is there anything else I can help you with today?", "en", {"check_satisfaction"}),
]


@pytest.mark.parametrize(("text", "lang", "expected"), UNSEEN)
def test_unseen_sentences_get_their_intents(
    understander: Understander, text: str, lang: str, expected: set[str]
) -> None:
    u = understander.understand(text, lang)
    assert expected <= set(u.intents), u.scores


def test_understanding_is_well_formed(understander: Understander) -> None:
    u = understander.understand("Goeiemorgen, ik begrijp dat dit vervelend is", "nl")
    assert {"greeting", "empathy"} <= set(u.intents)
    assert all(i in INTENTS for i in u.scores)
    assert all(0.1 <= s <= 1.0 for s in u.scores.values())
    assert all(u.scores[i] >= 0.5 for i in u.intents)
    assert [u.scores[i] for i in u.intents] == sorted((u.scores[i] for i in u.intents), reverse=True)


def test_default_instance_is_shared() -> None:
    assert Understander.default() is Understander.default()


#: Issue 2, part 5: macro-F1 >= 0.9 per language. Gated on the mean over the 4 rotating held-back
#: splits (every corpus example is tested once, by a model that never saw it), which is steadier than one
#: split of ~240 sentences with 8-12 per intent; the reported held-back split must meet it too, and no
#: split may fall far below. Measured: mean nl 0.925, fr 0.909, en 0.918; held-back nl 0.920, fr 0.931,
#: en 0.919; worst split 0.886 (fr). Settings were chosen by cross-validation inside the training part.
GATE = 0.9


@pytest.mark.parametrize("lang", ["nl", "fr", "en"])
def test_macro_f1_over_rotating_held_back_splits_meets_the_gate(rotation: Callable[[str], Rotation], lang: str) -> None:
    report = rotation(lang)
    held_back = report.evaluations[HELD_BACK]
    assert held_back.test_size >= 200
    assert report.mean >= GATE, f"{lang}: mean macro-F1 {report.mean} over {report.folds}"
    assert held_back.macro_f1 >= GATE, f"{lang}: held-back macro-F1 {held_back.macro_f1}"
    assert report.worst >= GATE - 0.03, f"{lang}: a split fell to {report.worst}"
