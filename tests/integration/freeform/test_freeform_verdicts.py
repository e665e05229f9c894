"""The verdicts on the free-form handlings against the expectations written before the scorer ran.

Cohen's κ over met / partly / not_met / not_observed (a ``not_observed`` where the expectation saw an
occasion is a disagreement) on the development scripts only: ``heldback-*`` scripts are measured at
the end with ``tools/freeform_agreement.py --heldback`` and never tuned on. The floor keeps the
agreement from sliding back; the accepted disagreements are listed in tests/freeform/DISAGREEMENTS.md.
"""

from __future__ import annotations

import functools
import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
MIN_KAPPA = 0.55


@functools.cache
def _tool():
    """Load tools/freeform_agreement.py, the measuring tool the README documents."""
    spec = importlib.util.spec_from_file_location("freeform_agreement", ROOT / "tools" / "freeform_agreement.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def pairs():
    """Return every (scorer, expectation) pair of the development scripts."""
    return _tool().measure(heldback=False)


def test_no_held_back_script_is_measured_during_development(pairs):
    assert pairs
    assert not [p for p in pairs if p.session.startswith("heldback-")]


def test_kappa_against_the_independent_expectations(pairs):
    summary = _tool().summary(pairs)
    print(f"\nkappa {summary['kappa']:.3f} over {summary['n']} verdicts, {summary['agree']} agree")
    assert summary["kappa"] is not None and summary["kappa"] >= MIN_KAPPA


#: Harmful lines the understanding layer does not yet recognise (no act on the line, so nothing for the
#: assessment to weigh); listed with their cause in tests/freeform/DISAGREEMENTS.md. Any other credit fails.
UNRECOGNISED_HARM = {
    # "Dat had uw chef maar op tijd moeten aanvragen", "niet zo moeilijk": reproaches without a blaming act
    ("new-employee-setup-novice-nl", "flawed-3", "9.4"),
    # "Negen keer op tien ligt dat aan de gebruiker", "dat zal wel wat overdreven zijn", "da's toch niet zo
    # moeilijk … vraag het aan uw kleinkinderen": blame and condescension without a blaming act
    ("scan-to-mail-angry-nl", "flawed-3", "9.4"),
    ("servicedesk-complaint-angry-nl", "flawed-3", "9.4"),
    ("mfa-new-phone-elderly-nl", "flawed-3", "9.4"),
    # "Dat was waarschijnlijk Patrick … ik zal zorgen dat hij op zijn kop krijgt": a colleague named and a
    # sanction promised to a caller; no act for telling a third person's data in a complaint
    ("servicedesk-complaint-angry-nl", "flawed-2", "10.6"),
    # "ik zet uw wachtwoord op Toscane2026": the supporter sets a password he knows; not read as comply_forbidden
    ("account-expired-chatty-nl", "flawed-1", "10.6"),
    # "Had ge die update maar niet onderbroken", "als ge het portaal zou checken … da's toch niet zo moeilijk"
    ("bitlocker-recovery-novice-nl", "flawed-3", "9.4"),
    ("callback-open-ticket-angry-nl", "flawed-3", "9.4"),
    ("wifi-home-elderly-nl", "flawed-3", "9.4"),  # "als ge niet weet wat een router is, wordt het moeilijk, hé"
    # "wat is uw Windows-wachtwoord?": the compound hides the password from the rule (a doubt, not an act)
    ("bitlocker-recovery-novice-nl", "flawed-2", "7.6"),
    ("bitlocker-recovery-novice-nl", "flawed-2", "10.6"),
    # The course's new exercises (DISAGREEMENTS.md, section F): reproaches without a blaming word ("rules are
    # rules", "vous êtes un peu parano", "you're not more important than anyone else"), a salary asked from the
    # caller, and an identity check skipped where the exercise also has a request to refuse (7.6 then judges
    # only the refusal).
    ("gdpr-request-angry-fr", "flawed-2", "9.4"),
    ("new-laptop-vip-en", "flawed-2", "9.4"),
    ("shared-mailbox-vip-en", "flawed-3", "9.4"),
    ("payslip-transfer-bilingual-fr", "flawed-1", "10.6"),
    ("shared-mailbox-vip-en", "flawed-1", "7.6"),
    # course-gaps (DISAGREEMENTS.md, "course-gaps"): a dismissal and a sermon without a blaming word: "Fine, suit
    # yourself", "Honestly it's nothing, everybody gets those", "ge zijt niet belangrijker dan een ander … da's toch
    # logisch, zoek het zelf maar"
    ("phishing-sms-elderly-en", "flawed-1", "9.4"),
    ("phishing-sms-elderly-en", "flawed-2", "9.4"),
    ("new-phone-vip-nl", "flawed-2", "9.4"),
}


def test_no_credit_for_a_harmful_act_the_call_shows(pairs):
    credited = {
        (p.exercise, p.session, p.activity)
        for p in pairs
        if p.expected == "not_met" and p.got == "met" and p.activity in ("9.4", "10.6", "7.6")
    }
    assert credited <= UNRECOGNISED_HARM, sorted(credited - UNRECOGNISED_HARM)
