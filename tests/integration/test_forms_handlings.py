"""Every parallel form can be handled well: a competent handling per form ends well, on that form.

The expected endings in ``CASES`` were written before the scripts were first run. A handling written
for one form, played on another, must not end well: the forms really differ in their root cause.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator.conversation.forms import with_form
from simulator.conversation.loader import load_exercise
from simulator.scripts.replay import run_script
from simulator.scripts.script import load_script

FORMS = Path(__file__).resolve().parents[1] / "scripts" / "forms"

#: (exercise, form): the competent handling of ``tests/scripts/forms/<exercise>-<form>.yaml`` ends well
#: with its ticket closed, or, where first line escalates, with the ticket still open at that group
ESCALATED = {
    "mailbox-full-sysadmin-nl": "messaging",
    "vpn-drops-sysadmin-en": "network",
    "scan-to-mail-angry-nl": "workplace",
    "phishing-click-novice-fr": "security",
    "slow-laptop-complaint-angry-en": "workplace",
    "callback-open-ticket-angry-nl": "workplace",
    "manager-data-request-angry-nl": "security",
}
#: exercises whose competent ending logs a ticket that stays open for a follow-up by someone else
#: (a complaint: the team leader calls back), neither closed nor assigned by first line
LOGGED_OPEN = {"servicedesk-complaint-angry-nl"}
CASES = [
    ("excel-crash-novice-en", "invoicelink"),
    ("excel-crash-novice-en", "pdfmaker"),
    ("excel-crash-novice-en", "timesheet"),
    ("new-employee-setup-novice-nl", "verkoop"),
    ("new-employee-setup-novice-nl", "boekhouding"),
    ("new-employee-setup-novice-nl", "hr"),
    ("software-request-sysadmin-fr", "powerbi"),
    ("software-request-sysadmin-fr", "zoom"),
    ("software-request-sysadmin-fr", "gimp"),
    ("mailbox-full-sysadmin-nl", "bijlagen"),
    ("mailbox-full-sysadmin-nl", "monitoring"),
    ("mailbox-full-sysadmin-nl", "jaren"),
    ("password-reset-novice-nl", "verlof"),
    ("password-reset-novice-nl", "verlopen"),
    ("password-reset-novice-nl", "vergeten"),
    ("printer-offline-angry-nl", "contract"),
    ("printer-offline-angry-nl", "offerte"),
    ("printer-offline-angry-nl", "loonlijsten"),
    ("vpn-drops-sysadmin-en", "homeworkers"),
    ("vpn-drops-sysadmin-en", "sales"),
    ("vpn-drops-sysadmin-en", "branch"),
    ("bitlocker-recovery-novice-nl", "bios"),
    ("bitlocker-recovery-novice-nl", "dock"),
    ("bitlocker-recovery-novice-nl", "herstelling"),
    ("mfa-new-phone-elderly-nl", "geschenk"),
    ("mfa-new-phone-elderly-nl", "verloren"),
    ("mfa-new-phone-elderly-nl", "kapot"),
    ("account-expired-chatty-nl", "toscane"),
    ("account-expired-chatty-nl", "ski"),
    ("account-expired-chatty-nl", "bevalling"),
    ("wifi-home-elderly-nl", "eerste_dag"),
    ("wifi-home-elderly-nl", "onweer"),
    ("wifi-home-elderly-nl", "werken"),
    ("scan-to-mail-angry-nl", "contracten"),
    ("scan-to-mail-angry-nl", "btw"),
    ("scan-to-mail-angry-nl", "attesten"),
    ("file-restore-chatty-nl", "persplanning"),
    ("file-restore-chatty-nl", "budget"),
    ("file-restore-chatty-nl", "jaarverslag"),
    ("phishing-click-novice-fr", "bureau"),
    ("phishing-click-novice-fr", "transfert"),
    ("phishing-click-novice-fr", "maison"),
    ("no-internet-homeworker-novice-nl", "overleg"),
    ("no-internet-homeworker-novice-nl", "buren"),
    ("no-internet-homeworker-novice-nl", "lonen"),
    ("slow-laptop-complaint-angry-en", "teams"),
    ("slow-laptop-complaint-angry-en", "excel"),
    ("slow-laptop-complaint-angry-en", "crm"),
    ("callback-open-ticket-angry-nl", "dock"),
    ("callback-open-ticket-angry-nl", "headset"),
    ("callback-open-ticket-angry-nl", "scherm"),
    ("manager-data-request-angry-nl", "ziekenhuis"),
    ("manager-data-request-angry-nl", "reis"),
    ("manager-data-request-angry-nl", "vertrokken"),
    ("servicedesk-complaint-angry-nl", "scherm"),
    ("servicedesk-complaint-angry-nl", "afspraak"),
    ("servicedesk-complaint-angry-nl", "toegang"),
    ("new-laptop-vip-en", "teams-vpn"),
    ("new-laptop-vip-en", "office"),
    ("new-laptop-vip-en", "vpn-zip"),
]


#: competent handlings the engine does not yet end well: kept visible (strict xfail) rather than reworded
KNOWN = {
    ("callback-open-ticket-angry-nl", "scherm"): "'Weet ge nog wanneer ge gebeld hebt, of hebt ge het ticketnummer?'"
    " after 'Merci' is read as thanks and a satisfaction check, not as asking for the earlier ticket, so the"
    " caller never gives its number and the status given afterwards does not count (stays 'understood')",
}


def _case(exercise: str, form: str) -> object:
    marks = [pytest.mark.xfail(reason=KNOWN[exercise, form], strict=True)] if (exercise, form) in KNOWN else []
    return pytest.param(exercise, form, id=f"{exercise}:{form}", marks=marks)


@pytest.mark.parametrize(("exercise", "form"), [_case(e, f) for e, f in CASES])
def test_competent_handling_of_each_form_ends_well(exercise: str, form: str) -> None:
    report = run_script(load_script(FORMS / f"{exercise}-{form}.yaml"))
    assert report["form"] == form
    assert report["outcome"]["resolved"] is True
    if exercise in ESCALATED:
        assert report["ticket"]["group"] == ESCALATED[exercise]
        assert report["ticket"]["status"] != "closed"
    elif exercise in LOGGED_OPEN:
        assert report["ticket"]["status"] not in ("closed", "resolved")
    else:
        assert report["ticket"]["status"] == "closed"


#: (script written for a form, the form it is played on instead)
MISMATCHES = [
    ("excel-crash-novice-en-pdfmaker.yaml", "timesheet"),
    ("new-employee-setup-novice-nl-verkoop.yaml", "hr"),
    ("software-request-sysadmin-fr-zoom.yaml", "gimp"),
    ("new-laptop-vip-en-office.yaml", "vpn-zip"),
]


@pytest.mark.parametrize(("script", "other"), MISMATCHES)
def test_a_handling_of_one_form_does_not_fix_another(script: str, other: str) -> None:
    played = load_script(FORMS / script)
    report = run_script(type(played)(played.exercise, played.seed, played.mode, played.steps, played.file, other))
    assert report["form"] == other
    assert report["outcome"]["resolved"] is False


def test_the_report_names_the_form_played_in_the_reader_s_language() -> None:
    from simulator.assessment.exports import export
    from simulator.assessment.report import render_text, session_report

    report = run_script(load_script(FORMS / "excel-crash-novice-en-pdfmaker.yaml"))
    assert session_report(report, "nl")["form_title"] == "PDF-invoegtoepassing na een update (PdfMakerX)"
    french = session_report(report, "fr")
    assert "Variante: Complément PDF après une mise à jour (PdfMakerX)" in render_text(french)
    assert "Complément PDF après une mise à jour (PdfMakerX)" in export("html", [report], lang="fr").decode()
    steps = [s["do"] for s in french["model_answer"]]
    assert steps == [e.do for e in with_form(load_exercise("excel-crash-novice-en"), "pdfmaker").expected]
