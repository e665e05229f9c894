"""Detectors on hand-built event logs: each verdict, its evidence and the activities it may judge."""

from __future__ import annotations

import pytest

from simulator.assessment import Verdict, assess
from simulator.assessment.context import CallView
from simulator.assessment.detectors import all_detectors, get_detector
from simulator.assessment.detectors.greeting import gives_own_name, script_form
from simulator.assessment.rubric import load_rubric

GREETING = "Goeiemorgen, servicedesk Acme, u spreekt met Sam. Waarmee kan ik u helpen?"


def judge(record, detector: str, activity: str):
    """Run one detector on one activity of a record, with the aspect the shipped rubric asks for."""
    uses = [u for u in load_rubric().activity_rules()[activity].detectors if u.name == detector]
    assert uses, f"the rubric does not judge {activity} with {detector}"
    return get_detector(detector)(CallView(record), uses[0].aspect or "")


def test_interruptions_while_venting_fail_6_1(make_record, ev):
    calm = make_record([ev.hears("Mijn printer!", venting=True), ev.say("Ik luister.")])
    once = make_record([ev.act("interruption", line=2), ev.say("Herstart eens.", "instruct_step", interrupt=True)])
    twice = make_record(
        [
            ev.act("interruption", line=2),
            ev.say("Herstart eens.", interrupt=True),
            ev.act("interruption", line=4),
            ev.say("Klik op start.", interrupt=True),
        ]
    )
    assert judge(calm, "lets_caller_finish", "6.1").verdict is Verdict.MET
    found = judge(once, "lets_caller_finish", "6.1")
    assert found.verdict is Verdict.PARTLY
    assert found.evidence[0].quote == "Herstart eens."
    assert judge(twice, "lets_caller_finish", "6.1").verdict is Verdict.NOT_MET


def test_paraphrase_must_be_compact_for_6_2_but_not_for_8_3(make_record, ev):
    long_text = "Als ik het goed begrijp " + "en dan nog iets " * 12
    record = make_record([ev.say(long_text, "paraphrase")])
    assert judge(record, "paraphrases", "6.2").verdict is Verdict.PARTLY
    assert judge(record, "paraphrases", "8.3").verdict is Verdict.MET
    none = judge(make_record([ev.say("Ok.")]), "paraphrases", "6.2")
    assert none.verdict is Verdict.NOT_MET
    assert none.evidence[0].event == len(make_record([ev.say("Ok.")]).events) - 1


@pytest.mark.parametrize(
    ("events", "end_mood", "ended_by", "calm_63", "polite_94"),
    [
        ("recovered", 60, "trainee", Verdict.MET, Verdict.MET),
        ("rude", 60, "trainee", Verdict.NOT_MET, Verdict.NOT_MET),
        ("hangup", 0, "customer", Verdict.NOT_MET, Verdict.PARTLY),
        ("flat", 25, "trainee", Verdict.PARTLY, Verdict.MET),
    ],
)
def test_calm_under_pressure(make_record, ev, events, end_mood, ended_by, calm_63, polite_94):
    logs = {
        "recovered": [ev.say("Ik begrijp het.", "empathy"), ev.mood(60, 35, "empathy")],
        "rude": [ev.say("Dat is uw eigen fout.", "blame_or_rude")],
        "hangup": [ev.say("Tja."), ev.hears("Laat maar!", kind="hangup")],
        "flat": [ev.say("Goed.")],
    }
    record = make_record(logs[events], end_mood=end_mood, ended_by=ended_by)
    assert judge(record, "stays_calm", "6.3").verdict is calm_63
    assert judge(record, "stays_calm", "9.4").verdict is polite_94


def test_empathy_counts_only_when_it_brings_the_mood_back(make_record, ev):
    lifted = make_record([ev.say("Dat is vervelend.", "empathy"), ev.mood(35, 10, "empathy")])
    flat = make_record([ev.say("Dat is vervelend.", "empathy")])
    assert judge(lifted, "empathy_restores_mood", "6.4").verdict is Verdict.MET
    assert [e.event for e in judge(lifted, "empathy_restores_mood", "6.4").evidence] == [2, 3]
    assert judge(flat, "empathy_restores_mood", "6.4").verdict is Verdict.PARTLY
    assert judge(make_record([]), "empathy_restores_mood", "6.4").verdict is Verdict.NOT_MET


def test_satisfaction_checked_after_the_fix(make_record, ev):
    after = make_record([ev.act("state_change", dest="fixed"), ev.say("Werkt het nu?", "check_satisfaction")])
    before = make_record([ev.say("Werkt het nu?", "check_satisfaction")])
    assert judge(after, "checks_satisfaction", "6.5").verdict is Verdict.MET
    assert judge(before, "checks_satisfaction", "6.5").verdict is Verdict.PARTLY


@pytest.mark.parametrize(
    ("first", "slots", "closing", "verdict", "missing"),
    [
        (GREETING, {"own_name": "Sam", "company": "Acme"}, True, Verdict.MET, []),
        (GREETING, {"own_name": "Sam", "company": "Acme"}, False, Verdict.PARTLY, ["closing"]),
        ("Goeiemorgen, waarmee kan ik helpen?", {}, True, Verdict.NOT_MET, ["company_name", "own_name"]),
        ("Servicedesk Acme, goeiemorgen.", {}, True, Verdict.PARTLY, ["own_name"]),
        ("Ja?", {}, False, Verdict.NOT_MET, ["greeting"]),
    ],
)
def test_greeting_and_closing_per_company_script(make_record, ev, first, slots, closing, verdict, missing):
    intents = ("greeting",) if first != "Ja?" else ()
    events = [ev.say(first, *intents, slots=slots), ev.hears("Mijn printer.")]
    if closing:
        events.append(ev.say("Kan ik nog iets voor u doen? Nog een fijne dag!", "check_satisfaction", "closing"))
    found = judge(make_record(events), "greets_and_closes", "5.1")
    assert found.verdict is verdict
    assert set(missing) <= set(found.reasons[0].params.get("missing", []))


@pytest.mark.parametrize(
    ("text", "lang", "named"),
    [
        ("Service desk Acme, bonjour, Sam à l'appareil.", "fr", True),
        ("Bonjour, service desk Acme, Amandine à l'appareil. Que puis-je faire pour vous ?", "fr", True),
        ("Afternoon, Acme service desk, Alex speaking. What can I do for you?", "en", True),
        ("Good afternoon, Acme service desk, Kevin here, how can I help?", "en", True),
        ("Acme service desk, Wout, good afternoon.", "en", True),
        ("Goeiemorgen, servicedesk Acme, u spreekt met Sam. Waarmee kan ik u helpen?", "nl", True),
        ("Servicedesk Acme, met Lotte, goeiemorgen.", "nl", True),
        ("Good morning, Acme service desk, how can I help you?", "en", False),
        ("Bonjour, service desk Acme, que puis-je faire pour vous ?", "fr", False),
        ("Goeiemorgen, waarmee kan ik helpen?", "nl", False),
    ],
)
def test_own_name_is_heard_in_any_natural_form(text, lang, named):
    assert gives_own_name(text, lang, "Acme") is named


def test_the_company_greeting_read_verbatim_gives_the_own_name():
    script = "Bonjour, service desk Acme, {agent} à l'appareil. Que puis-je faire pour vous ?"
    assert script_form(script) == "{name} à\\ l'appareil"
    assert gives_own_name(script.replace("{agent}", "Zoé"), "fr", "Acme", script)


def test_language_fits_the_caller(make_record, ev):
    said = ev.say("Herstart de spooler via services.msc.", jargon=["spooler", "services.msc"])
    jargon = [said, ev.mood(40, -5, "jargon_used")] * 2 + [said]
    novice = make_record(jargon, persona="novice")
    understood = make_record([said, said], persona="novice")
    assert judge(understood, "adapts_language", "5.3").verdict is Verdict.PARTLY
    plain = make_record([ev.say("Klik op de knop linksonder.", "instruct_step")], persona="novice")
    peer = make_record(
        [ev.say("Check je split tunnel config.", jargon=["split tunnel"]), ev.mood(49, 4, "peer_talk")],
        persona="sysadmin",
    )
    basics = make_record([ev.say("Hebt u al herstart?"), ev.mood(35, -10, "basics_repeated")], persona="sysadmin")
    assert judge(novice, "adapts_language", "5.3").verdict is Verdict.NOT_MET
    assert judge(plain, "adapts_language", "5.3").verdict is Verdict.MET
    assert judge(peer, "adapts_language", "17.3").verdict is Verdict.MET
    assert judge(basics, "adapts_language", "9.1").verdict is Verdict.PARTLY
    assert judge(peer, "deviates_when_needed", "17.5").verdict is Verdict.MET
    assert judge(basics, "deviates_when_needed", "17.5").verdict is Verdict.NOT_MET


@pytest.mark.parametrize(
    ("facts", "verdict"),
    [
        (["printer_name", "error_message", "others_affected", "since_when"], Verdict.MET),
        (["printer_name", "error_message"], Verdict.PARTLY),
        (["deadline"], Verdict.NOT_MET),
    ],
)
def test_essential_hidden_facts(make_record, ev, facts, verdict):
    record = make_record([ev.act("fact_revealed", fact=f, essential=f != "deadline") for f in facts])
    found = judge(record, "uncovers_facts", "7.4")
    assert found.verdict is verdict
    assert all(e.event < len(record.events) for e in found.evidence)


def test_identity_before_account_change_and_never_a_password(make_record, ev):
    unlock = ev.act("remote.run", step="remote.run", command="Unlock-ADAccount -Identity jdoe")
    number = ev.say("Mag ik uw naam en personeelsnummer?", "ask_caller_identity", "verify_identity")
    check = ev.say("En uw geboortedatum, ter controle?", "verify_identity", topics=["date_of_birth"])
    verified = make_record([number, check, unlock])
    only_number = make_record([number, unlock])
    careless = make_record([unlock, number, check])
    password = make_record([ev.say("Wat is uw wachtwoord?", "ask_for_password")])
    assert judge(verified, "identity_and_password", "7.6").verdict is Verdict.MET
    assert judge(only_number, "identity_and_password", "7.6").verdict is Verdict.PARTLY
    assert judge(careless, "identity_and_password", "7.6").verdict is Verdict.NOT_MET
    assert judge(password, "identity_and_password", "10.6").verdict is Verdict.NOT_MET
    assert judge(make_record([ev.say("Dag.")]), "identity_and_password", "7.6").verdict is Verdict.NOT_OBSERVED


def test_identity_the_caller_volunteered_is_not_a_check(make_record, ev):
    volunteered = make_record(
        [
            ev.say("Met wie spreek ik?", "ask_caller_identity"),
            ev.hears("Jan Peeters, personeelsnummer 1234, geboren op 3 mei 1980."),
            ev.say("Wat is er aan de hand?", "open_question"),
            ev.say("Ik ontgrendel uw account.", "explain_steps"),
            ev.act("remote.run", step="remote.run", command="Unlock-ADAccount -Identity jpeeters"),
        ]
    )
    found = judge(volunteered, "identity_and_password", "10.6")
    # Only the name was asked: the scenario book wants the number asked and compared before the
    # account is changed, so a volunteered number nobody checked leaves the account unprotected.
    assert found.verdict is Verdict.NOT_MET
    assert found.codes == ("identity.name_only_before_change",)
    assert [e.quote for e in found.evidence][0] == "Met wie spreek ik?"


@pytest.mark.parametrize("act", ["comply_forbidden", "disclose_personal_data", "ask_for_password"])
def test_a_forbidden_act_outweighs_a_correct_identity_check(make_record, ev, act):
    record = make_record(
        [
            ev.say("Mag ik uw naam en personeelsnummer?", "ask_caller_identity", "verify_identity"),
            ev.say("En uw geboortedatum?", "verify_identity", topics=["date_of_birth"]),
            ev.say("Geen probleem, ik reset het wachtwoord van uw collega.", act),
        ]
    )
    for activity in ("10.6", "7.6"):
        found = judge(record, "identity_and_password", activity)
        assert found.verdict is Verdict.NOT_MET
        assert found.evidence[0].event == 4
    assert judge(record, "security_risk", "10.1").verdict is Verdict.NOT_MET


def test_blame_anywhere_fails_politeness_whatever_else_was_said(make_record, ev):
    record = make_record(
        [
            ev.say(GREETING, "greeting"),
            ev.say("Dat is echt vervelend voor u.", "empathy"),
            ev.say("Had u maar niet op die link geklikt.", "blame_or_rude"),
            ev.say("Kan ik nog iets voor u doen?", "check_satisfaction"),
        ]
    )
    found = judge(record, "stays_calm", "9.4")
    assert found.verdict is Verdict.NOT_MET
    assert [e.quote for e in found.evidence] == ["Had u maar niet op die link geklikt."]


def test_consent_before_remote_takeover(make_record, ev):
    ask = ev.say("Mag ik meekijken?", "ask_remote_consent")
    connect = ev.act("remote.connect", step="remote.connect")
    assert (
        judge(make_record([ask, ev.act("consent", given=True), connect]), "consent_before_remote", "9.3").verdict
        is Verdict.MET
    )
    assert judge(make_record([connect]), "consent_before_remote", "9.3").verdict is Verdict.NOT_MET
    assert judge(make_record([]), "consent_before_remote", "9.3").verdict is Verdict.NOT_OBSERVED


def test_diagnose_before_repair_and_verify_after(make_record, ev):
    run = lambda c: ev.act("remote.run", step="remote.run", command=c)  # noqa: E731
    good = make_record(
        [run("Get-Service Spooler"), run("Restart-Service Spooler"), ev.act("state_change", dest="fixed")]
    )
    blind = make_record([run("Restart-Service Spooler")])
    assert judge(good, "diagnose_then_repair", "13.3").verdict is Verdict.MET
    assert judge(good, "diagnose_then_repair", "13.5").verdict is Verdict.MET
    assert judge(good, "diagnose_then_repair", "11.6").verdict is Verdict.MET
    assert judge(blind, "diagnose_then_repair", "13.3").verdict is Verdict.PARTLY
    assert judge(blind, "diagnose_then_repair", "13.5").verdict is Verdict.PARTLY
    assert judge(blind, "diagnose_then_repair", "11.6").verdict is Verdict.PARTLY


def test_installs_and_rights_are_checked(make_record, ev):
    run = lambda c, **d: ev.act("remote.run", step="remote.run", command=c, **d)  # noqa: E731
    checked = make_record([run("winget install Adobe.Acrobat.Reader"), run("Get-Package Adobe*")])
    failed = make_record([run("Add-ADGroupMember Finance jdoe", ok=False)])
    assert judge(checked, "installs_and_grants", "11.4").verdict is Verdict.MET
    assert judge(failed, "installs_and_grants", "11.5").verdict is Verdict.PARTLY
    assert judge(checked, "installs_and_grants", "11.5").verdict is Verdict.NOT_MET


def test_ticket_priority_and_sla(make_record, ev):
    create = ev.act("ticket.create", step="ticket.create", number="INC-1", impact="low", urgency="high", priority="P3")
    wrong = ev.act("ticket.create", step="ticket.create", number="INC-1", impact="high", urgency="low")
    assert judge(make_record([create]), "ticket_during_call", "14.1").verdict is Verdict.MET
    assert judge(make_record([]), "ticket_during_call", "14.1").verdict is Verdict.NOT_MET
    assert judge(make_record([create]), "priority_and_sla", "17.1").verdict is Verdict.MET
    assert judge(make_record([wrong]), "priority_and_sla", "17.1").verdict is Verdict.NOT_MET
    breach = make_record([create, ev.act("sla.breach", ticket="INC-1", target="response")])
    assert judge(breach, "priority_and_sla", "17.1").verdict is Verdict.NOT_MET


def test_resolution_and_work_log(make_record, ev):
    resolve = ev.act("ticket.resolve", step="ticket.resolve", resolution="Spooler herstart, testpagina OK")
    close = ev.act("ticket.close", step="ticket.close")
    note = ev.act("ticket.note", step="ticket.note", note="Spooler hing")
    assert judge(make_record([resolve, close]), "resolves_ticket", "14.4").verdict is Verdict.MET
    assert judge(make_record([resolve]), "resolves_ticket", "14.4").verdict is Verdict.PARTLY
    assert judge(make_record([note]), "logs_work", "15.3").verdict is Verdict.MET


def test_knowledge_base_share_and_new_article(make_record, ev):
    share = ev.act("kb.share", step="kb.share", article="KB-0012")
    guide = ev.say("Open het artikel en volg stap 1.", "instruct_step")
    full = ev.act(
        "kb.propose",
        step="kb.propose",
        symptoms="Outlook start niet op",
        cause="Kapotte invoegtoepassing PdfMakerX",
        solution="Start Outlook in veilige modus en schakel de invoegtoepassing uit",
    )
    thin = ev.act("kb.propose", step="kb.propose", symptoms="Outlook kapot", solution="Fixen")
    assert judge(make_record([share, guide]), "uses_kb", "16.4").verdict is Verdict.MET
    assert judge(make_record([share]), "uses_kb", "16.4").verdict is Verdict.PARTLY
    assert judge(make_record([share]), "uses_kb", "16.3").verdict is Verdict.MET
    assert judge(make_record([full]), "proposes_article", "16.8").verdict is Verdict.MET
    assert judge(make_record([thin]), "proposes_article", "16.8").verdict is Verdict.PARTLY


def test_security_risk_escalated_to_security(make_record, ev):
    explain = ev.say("Door op die link te klikken kan iemand uw wachtwoord gestolen hebben.", "explain_risk")
    assign = ev.act("ticket.assign", step="ticket.assign", group="security")
    record = make_record([explain, ev.say("Wijzig nu uw wachtwoord via de portal.", "propose_solution"), assign])
    for activity in ("10.1", "10.2", "10.3", "10.4", "10.5"):
        assert judge(record, "security_risk", activity).verdict is Verdict.MET, activity
    assert judge(make_record([]), "security_risk", "10.5").verdict is Verdict.NOT_MET


def test_call_norms(make_record, ev):
    assert judge(make_record([ev.say("Dag.")], wait=4.0), "call_norms", "8.6").verdict is Verdict.MET
    late_and_long = make_record([ev.say("Dag.")], wait=40.0, duration=900.0)
    assert judge(late_and_long, "call_norms", "8.6").verdict is Verdict.NOT_MET


def test_always_observed_behaviour_is_judged_in_a_call_that_does_not_list_it(make_record, ev):
    record = make_record(
        [ev.say(GREETING, "greeting"), ev.hears("Mijn printer!"), ev.say("Had u maar beter opgelet.", "blame_or_rude")],
        activities=["5.1"],
    )
    result = assess(record)
    assert result.activity("9.4").verdict is Verdict.NOT_MET  # politeness: judged though not listed
    assert result.activity("6.2").verdict is Verdict.NOT_OBSERVED  # a focus activity of other exercises
    assert [r.code for r in result.activity("6.2").reasons] == ["activity.not_in_exercise"]


def test_a_call_that_ends_before_the_occasion_is_not_observed_and_says_so(make_record, ev):
    record = make_record([ev.say(GREETING, "greeting"), ev.hears("Laat maar!", kind="hangup")])
    found = judge(record, "checks_satisfaction", "6.5")
    assert found.verdict is Verdict.NOT_OBSERVED
    assert found.codes == ("satisfaction.call_ended_first",)


def test_no_satisfaction_check_after_the_fix_is_not_met(make_record, ev):
    record = make_record([ev.act("state_change", dest="fixed"), ev.say("Het is opgelost. Dag.", "closing")])
    found = judge(record, "checks_satisfaction", "6.5")
    assert found.verdict is Verdict.NOT_MET
    assert found.evidence[0].event == 2  # the fix: the moment the check was due


@pytest.mark.parametrize("name", sorted(all_detectors()))
def test_every_verdict_points_at_real_events(make_record, ev, name):
    logs = [
        [],
        [
            ev.say(GREETING, "greeting", "empathy", "paraphrase"),
            ev.mood(40, 15, "empathy"),
            ev.act("consent", given=True),
        ],
        [ev.act("interruption", line=1), ev.say("Fout!", "blame_or_rude", interrupt=True)],
    ]
    for events in logs:
        record = make_record(events)
        for aspect in get_detector(name).aspects or ("",):
            found = get_detector(name)(CallView(record), aspect)
            assert found.reasons
            if found.verdict is not Verdict.NOT_OBSERVED:
                assert found.evidence, (name, aspect)
                assert all(0 <= e.event < len(record.events) for e in found.evidence)


def test_team_work_on_a_shift_call(make_record, ev):
    handover = (
        "Kort: de kassa's liggen bij netwerk, Outlook hangt aan het gekende probleem, Boekhouding is de volgende."
    )
    good = make_record(
        [
            ev.say("Wat ligt er in de wachtrij?", "open_question"),
            ev.say("Moogt ge efkes in de wacht?", "announce_hold"),
            ev.act("hold", step="hold", seconds=40, announced=True),
            ev.say(handover, "explain_steps"),
        ]
    )
    silent = make_record([ev.say("Ja."), ev.act("hold", step="hold", seconds=150, announced=False)])
    blaming = make_record([ev.say("Uw planning klopt weer niet, hé.", "blame_or_rude")])
    assert judge(good, "works_with_colleagues", "1.1").verdict is Verdict.MET
    assert judge(good, "works_with_colleagues", "15.4").verdict is Verdict.MET
    assert judge(good, "works_with_colleagues", "8.4").verdict is Verdict.MET
    assert judge(silent, "works_with_colleagues", "1.1").verdict is Verdict.PARTLY
    assert judge(silent, "works_with_colleagues", "15.4").verdict is Verdict.NOT_MET
    found = judge(blaming, "works_with_colleagues", "5.2")
    assert found.verdict is Verdict.NOT_MET and found.evidence[0].act == "blame_or_rude"
