"""A bilingual caller: the trainee may speak either language of the call, and the caller switches when the
scenario says so; a call with one language still reads a line in another as not understood."""

from __future__ import annotations

import pytest

from simulator.content.errors import ContentError
from simulator.conversation.loader import read_exercise

EXERCISE = "payslip-transfer-bilingual-fr"


def _trainee_lines(call):  # type: ignore[no-untyped-def]
    return [e for e in call.log if e.type == "utterance"]


def _caller_lines(call):  # type: ignore[no-untyped-def]
    return [e.data["text"] for e in call.log if e.type == "customer_line"]


def test_a_dutch_question_in_a_french_call_of_a_bilingual_caller_is_understood(make_call):
    call = make_call(EXERCISE, seed=2)
    call.say("Bonjour, service desk Acme, Lotte à l'appareil.")
    call.say("Mag ik uw naam en uw personeelsnummer?")
    heard = _trainee_lines(call)[-1].data
    assert "verify_identity" in heard["intents"]
    assert "foreign" not in heard


def test_the_same_dutch_line_in_a_french_only_call_is_not_understood(make_call):
    call = make_call("phishing-click-novice-fr", seed=2)
    call.say("Bonjour, service desk Acme, Lotte à l'appareil.")
    call.say("Mag ik uw naam en uw personeelsnummer, dan noteer ik uw oproep?")
    heard = _trainee_lines(call)[-1].data
    assert "verify_identity" not in heard["intents"]


def test_after_the_switch_the_callers_own_words_are_dutch(make_call):
    call = make_call(EXERCISE, seed=2)
    call.say("Bonjour, service desk Acme, Lotte à l'appareil.")
    call.say("Qu'est-ce qui manque exactement sur votre fiche de paie ?")
    assert call.model.state == "switched"
    call.say("Oké. Mag ik uw naam en uw personeelsnummer?")
    answer = _caller_lines(call)[-1]
    assert "personeelsnummer" in answer.lower()
    assert "matricule" not in answer.lower()


def test_french_lines_are_still_understood_after_the_trainee_spoke_dutch(make_call):
    call = make_call(EXERCISE, seed=5)
    call.say("Bonjour, service desk Acme, Nadia à l'appareil.")
    call.say("Geen probleem, we kunnen gerust in het Nederlands verder doen.")
    call.say("Est-ce que c'est clair pour vous ?")
    assert "check_satisfaction" in _trainee_lines(call)[-1].data["intents"]


def test_a_state_may_only_speak_a_language_of_the_call(make_exercise_file):
    path = make_exercise_file(
        states=[{"name": "explaining", "lines": ["Mijn printer doet niets meer."], "speaks": "fr"}, {"name": "fixed"}]
    )
    with pytest.raises(ContentError) as caught:
        read_exercise(path)
    assert "speaks" in str(caught.value) and "'fr'" in str(caught.value)


def test_a_question_the_caller_answered_from_its_facts_gets_no_what_do_you_mean(make_call):
    call = make_call("suspicious-attachment-novice-en", seed=5)
    call.say("Hiya, Acme service desk, Dev speaking, what can I do for you?")
    call.say("Honestly, don't apologise, I'm glad you rang. Can I take your name and employee number?")
    call.say("Cheers Fiona. What department are you in, just so I know it's you?")
    call.say("Great. So who's the e-mail from and what's attached to it?")
    reply = [e for e in call.log if e.type == "customer_line"][-1]
    assert "Invoice_20931.zip" in reply.data["text"]
    assert "clarify" not in [part.get("response") for part in reply.data["why"]]
