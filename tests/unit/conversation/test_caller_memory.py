"""The caller remembers how far the call got: no goodbye before anything is solved, no "which team?"
once told, no annoyance at a trainee who acknowledges the basics, and no old complaint told again in
answer to a request to try something.
"""

from __future__ import annotations

from simulator.conversation.events import Event
from simulator.scripts.runner import CallRunner


def _lines(events: list[Event]) -> str:
    return " ".join(str(e.data["text"]) for e in events if e.type == "customer_line")


def _started(exercise: str, seed: int, opening: str) -> CallRunner:
    runner = CallRunner(exercise, seed=seed)
    runner.perform("answer")
    runner.perform("say", opening)
    return runner


def test_a_goodbye_before_anything_is_solved_is_not_answered_with_a_goodbye() -> None:
    runner = _started("no-internet-homeworker-novice-nl", 8, "Goeiemorgen, servicedesk Acme, met Sam.")
    said = _lines(runner.perform("say", "Oké, nog een fijne dag, dag!"))
    assert "fijne dag" not in said and "?" in said  # she asks whether it is solved


def test_a_goodbye_after_the_problem_is_solved_is_answered_with_a_goodbye() -> None:
    runner = _started("printer-offline-angry-nl", 1, "Goeiemorgen, servicedesk Acme, met Sam.")
    runner.perform("say", "Moogt ik op afstand meekijken op uw pc?")
    runner.perform("remote.connect", {})
    runner.perform("remote.run", {"command": "Restart-Service Spooler"})
    assert runner.call.resolved()
    assert _lines(runner.perform("say", "Oké, nog een fijne dag, dag!")) in {"Ja, dag.", ""}


def test_a_sysadmin_told_the_team_does_not_ask_which_team() -> None:
    runner = _started("mailbox-full-sysadmin-nl", 4, "Goeiemorgen, servicedesk Acme, met Sam.")
    runner.perform("ticket.create", {"summary": "Mailbox vol", "category": "email", "impact": "low", "urgency": "high"})
    runner.perform("ticket.assign", {"group": "messaging"})
    said = _lines(runner.perform("say", "Ik heb uw ticket doorgezet naar het e-mailteam, zij nemen het over."))
    assert "Welke groep" not in said


def test_acknowledging_the_basics_does_not_annoy_a_sysadmin_but_asking_them_again_does() -> None:
    runner = _started("mailbox-full-sysadmin-nl", 4, "Goeiemorgen, servicedesk Acme, met Sam.")
    acknowledged = runner.perform("say", "Ge hebt de basis al gedaan, herstart en opgeruimd, dus dat sla ik over.")
    assert not [e for e in acknowledged if e.type == "mood" and "basics_repeated" in e.data["causes"]]
    asked = runner.perform("say", "Hebt ge Outlook al ne keer herstart?")
    assert [e for e in asked if e.type == "mood" and "basics_repeated" in e.data["causes"]]
