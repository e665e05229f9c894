"""A call behaves the way a trainee would experience it on the phone."""

from __future__ import annotations

import pytest

VENT_LISTEN = "Mm, ik luister. Vertel gerust verder."


def lines(events):
    return [e.data["text"] for e in events if e.type == "customer_line"]


def test_trainee_cannot_talk_before_answering(make_call):
    call = make_call(answer=False)
    (event,) = call.say("Hallo?")
    assert event.data["refused"] is True
    assert "nog niet opgenomen" in event.data["reason"]
    assert event.data["step"] == "say"


def test_waiting_before_answering_counts_and_annoys_the_angry_caller(make_call):
    call = make_call(answer=False)
    call.wait(40)
    call.answer()
    events = call.say("Goeiemorgen, servicedesk Acme, u spreekt met Sam.")
    assert call.outcome().wait_before_answer_s == 40
    assert lines(events)[0].startswith("Eindelijk!")
    assert call.model.mood < call.params.mood


def test_the_angry_caller_vents_before_listening(make_call):
    call = make_call()
    call.say("Goeiemorgen, servicedesk Acme, u spreekt met Sam.")
    too_soon = call.say("Ik begrijp dat dit heel vervelend is.")
    assert call.model.state == "venting", "empathy before she is heard out does not move the scenario"
    assert lines(too_soon)
    call.say(VENT_LISTEN)
    call.say("Ik begrijp dat dit heel vervelend is.")
    assert call.model.state == "acknowledged"


def test_interrupting_costs_mood_and_is_logged(make_call):
    call = make_call()
    call.say("Goeiemorgen, servicedesk Acme.")
    before = call.model.mood
    events = call.say("Hebt ge de printer al herstart?", interrupt=True)
    assert any(e.type == "interruption" for e in events)
    mood = [e for e in events if e.type == "mood"][0]
    assert "interrupted" in mood.data["causes"]
    assert call.model.mood < before


def test_pushed_past_patience_the_angry_caller_hangs_up(make_call):
    call = make_call()
    call.say("Ja?")
    for text in ("Herstart gewoon uw pc.", "Dat is uw eigen fout.", "Ge moet gewoon luisteren naar mij."):
        call.say(text, interrupt=True)
        if call.ended:
            break
    assert call.ended
    assert call.outcome().ended_by == "customer"
    assert not call.outcome().resolved


def test_hidden_facts_are_told_only_when_asked(make_call):
    call = make_call()
    for text in ("Goeiemorgen, servicedesk Acme.", VENT_LISTEN, VENT_LISTEN, "Ik begrijp dat dit vervelend is."):
        call.say(text)
    assert "others_affected" not in call.model.revealed
    events = call.say("Kunnen uw collega's wel printen?")
    revealed = [e.data["fact"] for e in events if e.type == "fact_revealed"]
    assert revealed == ["others_affected"]
    assert "collega's kunnen wel printen" in " ".join(lines(events))


def test_asking_consent_is_recorded(make_call):
    call = make_call()
    call.say("Goeiemorgen, servicedesk Acme.")
    events = call.say("Mag ik even op afstand meekijken op uw pc?")
    assert any(e.type == "consent" for e in events)
    assert call.model.consent_given()


def test_a_world_signal_moves_the_story(make_call):
    call = make_call()
    call.say("Goeiemorgen, servicedesk Acme.")
    events = call.signal("fixed")
    assert call.model.state == "fixed"
    assert "print weer" in lines(events)[0]
    assert call.outcome().resolved


def test_unannounced_hold_annoys(make_call):
    call = make_call()
    call.say("Goeiemorgen, servicedesk Acme.")
    events = call.hold(30)
    assert [e.type for e in events][:2] == ["hold", "resume"]
    assert events[0].data["announced"] is False
    assert "wacht" in lines(events)[0]


def test_silence_makes_the_caller_ask_if_anyone_is_there(make_call):
    call = make_call()
    call.say("Goeiemorgen, servicedesk Acme.")
    events = call.wait(30)
    assert any("Hallo" in text for text in lines(events))


def test_after_the_end_every_step_is_refused(make_call):
    call = make_call()
    call.end_call()
    for events in (call.say("Nog iets?"), call.hold(5), call.wait(1), call.end_call(), call.answer()):
        assert events[-1].data.get("refused") is True
    assert call.log[-1].data["reason"] == "Het gesprek is al beëindigd."


@pytest.mark.parametrize("text", ["", "   ", "x" * 10_000, "🙂🙂🙂", "\x00\x07 hallo"])
def test_odd_utterances_are_handled(make_call, text):
    call = make_call()
    events = call.say(text)
    utterance = events[0]
    assert utterance.type == "utterance"
    assert len(utterance.data["text"]) <= 2000


def test_same_seed_and_input_give_the_same_call(make_call):
    def run():
        call = make_call(seed=3)
        for text in ("Goeiemorgen, servicedesk Acme.", VENT_LISTEN, "Welke printer is het?"):
            call.say(text)
        call.hold(10)
        return [e.to_dict() for e in call.log]

    assert run() == run()


def test_different_seeds_give_different_callers(make_call):
    assert make_call(seed=1).caller != make_call(seed=2).caller


def test_say_lasts_four_tenths_of_a_second_per_word(make_call):
    call = make_call()
    events = call.say("een twee drie vier vijf")
    assert events[0].data["duration"] == 2.0
    assert make_call().say("kort", duration=3.5)[0].data["duration"] == 3.5


def test_an_announced_pause_is_tolerated_but_dead_air_is_not(make_call):
    quiet = make_call()
    quiet.say("Goeiemorgen, servicedesk Acme.")
    assert any("Hallo" in t for t in lines(quiet.wait(20)))

    told = make_call()
    told.say("Goeiemorgen, servicedesk Acme.")
    told.say("Een momentje, ik maak een ticket voor u aan.")
    assert not any("Hallo" in t for t in lines(told.wait(20)))


def test_a_novice_follows_one_instruction_at_a_time(make_call):
    one = make_call("no-internet-homeworker-novice-nl")
    one.say("Goeiemorgen, servicedesk Acme, u spreekt met Sam.")
    one.say("Goed. Kijk eens naar de lichtjes op uw router.")
    assert "too_many_steps" not in one.model.rules_fired

    many = make_call("no-internet-homeworker-novice-nl")
    many.say("Goeiemorgen, servicedesk Acme, u spreekt met Sam.")
    many.say("Trek de stekker van de router uit. Wacht dertig seconden. Steek hem er weer in. Herstart dan uw laptop.")
    assert "too_many_steps" in many.model.rules_fired
