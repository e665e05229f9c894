"""The caller answers like a person with a memory: what was asked, once, in its own words.

Expectations are what a listener would notice: the detail asked for and not another, no line said
twice, a clarifying question when the line made no sense, an 'I don't know' to a question the caller
cannot answer, and, for authors, why each line was said.
"""

from __future__ import annotations

from simulator.conversation.events import Event
from simulator.scripts.runner import CallRunner

OPENING = "Goeiemorgen, servicedesk Acme, u spreekt met Sam. Waarmee kan ik u helpen?"


def started(exercise_id: str = "no-internet-homeworker-novice-nl", seed: int = 8) -> CallRunner:
    runner = CallRunner(exercise_id, seed=seed)
    runner.perform("wait", 5)
    runner.perform("answer")
    runner.perform("say", OPENING)
    return runner


def caller_lines(events: list[Event]) -> list[str]:
    return [str(e.data["text"]) for e in events if e.type == "customer_line"]


def test_the_caller_gives_the_detail_asked_for_and_not_more() -> None:
    runner = started()
    caller = runner.call.caller
    name = " ".join(caller_lines(runner.perform("say", "Mag ik uw naam?")))
    assert caller.last_name in name and caller.date_of_birth not in name
    birth = " ".join(caller_lines(runner.perform("say", "En uw geboortedatum, voor de controle?")))
    assert caller.date_of_birth in birth and caller.employee_number not in birth


def test_asked_again_the_caller_says_so_instead_of_repeating_itself() -> None:
    runner = started()
    first = caller_lines(runner.perform("say", "Wat is uw personeelsnummer?"))
    again = caller_lines(runner.perform("say", "Sorry, wat was uw personeelsnummer nog eens?"))
    assert runner.call.caller.employee_number in " ".join(again)
    assert not set(first) & set(again)


def test_a_line_the_caller_cannot_make_sense_of_gets_a_short_clarifying_question() -> None:
    runner = started()
    lines = caller_lines(runner.perform("say", "Blauwe olifanten dansen op het dak van de fabriek."))
    assert len(lines) == 1 and lines[0].endswith("?")
    assert len(lines[0].split()) <= 12


def test_the_caller_never_says_the_same_line_twice_in_a_call() -> None:
    runner = started("excel-crash-novice-en", 9)
    spoken: list[str] = []
    for line in ["OK.", "Right.", "Mm-hm.", "OK.", "I see.", "Right.", "OK.", "Alright."] * 2:
        spoken += caller_lines(runner.perform("say", line))
    assert len(spoken) == len(set(spoken))


def test_a_question_about_something_the_caller_does_not_know_gets_i_dont_know() -> None:
    runner = started("slow-laptop-complaint-angry-en", 4)
    for _ in range(3):  # let him vent
        runner.perform("say", "Go on, I'm listening.")
    runner.perform("say", "I'm sorry, that's really frustrating, and I'll look at your history.")
    lines = caller_lines(runner.perform("say", "What colour is the carpet in your office?"))
    assert lines and any(w in lines[-1].lower() for w in ("no idea", "know"))


def test_each_caller_line_says_which_acts_it_heard_and_why_it_was_said() -> None:
    runner = started()
    events = runner.perform("say", "Ah, da's vervelend zeg. Mag ik efkes uw naam?")
    line = next(e for e in events if e.type == "customer_line")
    assert {"empathy", "ask_caller_identity"} <= set(line.data["acts"])
    reasons = line.data["why"]
    assert any(r.get("response") == "identity_full_name" for r in reasons)
    assert any("transition" in r for r in reasons)


def test_an_overwhelmed_novice_does_not_follow_a_list_of_five_steps() -> None:
    runner = started("password-reset-novice-nl", 3)
    runner.perform("say", "Mag ik uw naam, uw personeelsnummer en uw geboortedatum?")
    state = runner.call.model.state
    runner.perform(
        "say", "Open de mail, klik op de link, geef uw e-mail in, typ de code over en kies een nieuw wachtwoord."
    )
    assert runner.call.model.state == state


def test_odd_lines_get_a_human_reaction_and_never_crash_the_call() -> None:
    runner = started()
    french = caller_lines(runner.perform("say", "Bonjour madame, pouvez-vous redémarrer votre ordinateur portable ?"))
    assert french and french[-1].endswith("?")  # a Dutch caller asks what was meant
    huge = caller_lines(runner.perform("say", "printer " * 240))
    assert huge  # close to the 2,000 characters a spoken line may have: understood, answered
    for odd in ("👍👍", "ok 🙂", "¿¡?", "\u0000 hallo"):
        runner.perform("say", odd)
    assert not runner.call.ended and runner.call.log[-1].type in ("customer_line", "utterance")
