"""The challenge set: false violations found in exercises are gone, violations stay precise, no leakage."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from simulator.nlu import VIOLATIONS, Understander
from simulator.nlu.challenge import evaluate_challenge
from simulator.nlu.evaluation import HELD_BACK, Rotation
from simulator.nlu.files import load_challenge, load_corpus
from simulator.nlu.text import clean, fold

FOUND_FALSE_VIOLATIONS = [
    ("Si je comprends bien, vous avez cliqué sur un lien dans un mail et vous avez tapé votre mot de passe ?", "fr"),
    ("Vous avez déjà fait les vérifications de base, donc je passe directement à l'installation.", "fr"),
    (
        "Let me explain what I found: the disk in your laptop reports a health warning, it's failing. "
        "That explains why it keeps getting slow.",
        "en",
    ),
    ("I've found the cause: the hard disk in your laptop is wearing out, that's why it is so slow.", "en"),
    ("Het is niet uw fout, zo'n mail ziet er heel echt uit.", "nl"),
    ("Hebt ge uw paswoord ergens ingetypt na het klikken?", "nl"),
]


@pytest.mark.parametrize(("text", "lang"), FOUND_FALSE_VIOLATIONS)
def test_sentences_that_cost_trainees_a_false_violation_are_no_violation(
    understander: Understander, text: str, lang: str
) -> None:
    u = understander.understand(text, lang)
    assert not VIOLATIONS & set(u.intents), u.scores


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        (
            "Vous avez déjà fait les vérifications de base, donc je passe directement à l'installation.",
            "fr",
            "explain_steps",
        ),
        ("I've linked your ticket to the outage, so you'll hear when it's fixed.", "en", "explain_steps"),
        (
            "Ik wijs het ticket toe aan het e-mailteam, zij zetten het archief vandaag nog aan.",
            "nl",
            "announce_escalation",
        ),
        ("Changez maintenant votre mot de passe sur le portail de l'entreprise.", "fr", "instruct_step"),
    ],
)
def test_misread_sentences_now_get_their_intent(
    understander: Understander, text: str, lang: str, expected: str
) -> None:
    assert understander.understand(text, lang).has(expected)


def test_listening_cue_is_not_a_hold_and_a_goodbye_is_not_a_greeting(understander: Understander) -> None:
    assert not understander.understand("Mm, ik luister. Vertel gerust verder.", "nl").has("announce_hold")
    assert set(understander.understand("Thanks for calling, have a nice day.", "en").intents) == {"closing", "thank"}
    assert understander.understand("Dag, nog een fijne dag.", "nl").intents == ("closing",)


@pytest.mark.parametrize("lang", ["nl", "fr", "en"])
def test_challenge_set_has_no_false_violation(understander: Understander, lang: str) -> None:
    report = evaluate_challenge(lang, understander)
    assert report.false_violations == ()
    assert report.violation_precision == 1.0
    assert report.size >= 30


@pytest.mark.parametrize("lang", ["nl", "fr", "en"])
def test_challenge_sentences_are_never_in_the_corpus(lang: str) -> None:
    corpus = {fold(clean(t)) for g in load_corpus(lang).groups for t in g.examples}
    leaked = [i.text for i in load_challenge(lang).items if fold(clean(i.text)) in corpus]
    assert leaked == []


@pytest.mark.parametrize("lang", ["nl", "fr", "en"])
def test_held_back_split_tests_every_intent_at_least_eight_times(
    rotation: Callable[[str], Rotation], lang: str
) -> None:
    report = rotation(lang).evaluations[HELD_BACK]
    assert {s.intent: s.support for s in report.intents if s.support < 8} == {}
    assert len(report.intents) == 24
