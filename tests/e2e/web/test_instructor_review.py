"""Session review: an instructor sees only their cohorts' calls, overrides need a reason, the trail stays."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from simulator.adapters.db.models import Cohort, Role, Verdict, VerdictOverride
from tests.e2e.web.conftest import csrf_token, login_as
from tests.e2e.web.instructor_data import first_judged, store_call


@pytest.fixture
def classroom(db, make_user, make_cohort):
    """An instructor with one trainee who made a real (replayed) call, and an outsider instructor."""
    trainee = make_user(role=Role.TRAINEE, display_name="Sam Cursist")
    instructor = make_user(role=Role.INSTRUCTOR, display_name="Ilse Instructeur")
    other = make_user(role=Role.INSTRUCTOR)
    make_cohort(instructors=[instructor], trainees=[trainee])
    call = store_call(db, trainee)
    return {"trainee": trainee, "instructor": instructor, "other": other, "call": call}


def test_the_review_shows_transcript_timeline_ticket_and_evidence_links(client, classroom) -> None:
    login_as(client, classroom["instructor"])
    call = classroom["call"]
    page = client.get(f"/instructeur/sessies/{call.id}").get_data(as_text=True)
    for event in call.events:
        assert f'id="event-{event["i"]}"' in page
    first_trainee_line = next(e for e in call.events if e["type"] == "utterance")["data"]["text"]
    assert first_trainee_line.split()[0] in page
    assert "INC-000001" in page  # ticket history
    assert "Overname van" in page  # a world action in the timeline
    cited = {
        e["event"] for c in call.report["assessment"]["competencies"] for a in c["activities"] for e in a["evidence"]
    }
    links = {int(n) for n in re.findall(r'href="#event-(\d+)"', page)}
    assert cited and cited <= links
    assert "geen opname" in page  # the audio slot says why there is nothing to play


def test_an_instructor_sees_only_their_cohorts_sessions(client, classroom) -> None:
    login_as(client, classroom["other"])
    assert client.get(f"/instructeur/sessies/{classroom['call'].id}").status_code == 404
    assert client.get(f"/instructeur/sessies/{classroom['call'].id}/export/csv").status_code == 404


def test_a_trainee_cannot_open_the_review_of_their_own_call(client, classroom) -> None:
    login_as(client, classroom["trainee"])
    assert client.get(f"/instructeur/sessies/{classroom['call'].id}").status_code == 403


@pytest.mark.parametrize("reason", ["", "   "])
def test_an_override_without_reason_is_refused(client, db, classroom, reason) -> None:
    login_as(client, classroom["instructor"])
    call = classroom["call"]
    _, activity = first_judged(call.report)
    data = {"activity_id": activity, "verdict": "not_met", "level": "", "reason": reason}
    response = client.post(
        f"/instructeur/sessies/{call.id}/oordelen",
        data={**data, "csrf_token": csrf_token(client, f"/instructeur/sessies/{call.id}")},
    )
    assert response.status_code == 400
    assert "Geef een reden" in response.get_data(as_text=True)
    assert db.scalars(select(VerdictOverride)).all() == []


def test_an_override_is_stored_with_the_automatic_verdict_and_shown_in_the_audit_trail(client, db, classroom) -> None:
    login_as(client, classroom["instructor"])
    call = classroom["call"]
    competency, activity = first_judged(call.report)
    token = csrf_token(client, f"/instructeur/sessies/{call.id}")
    data = {
        "activity_id": activity,
        "verdict": "partly",
        "level": "1",
        "reason": "Groet was te kortaf.",
        "csrf_token": token,
    }
    response = client.post(f"/instructeur/sessies/{call.id}/oordelen", data=data)
    assert response.status_code == 302 and f"#activiteit-{activity}" in response.location
    stored = db.scalars(select(VerdictOverride)).one()
    assert (stored.activity_id, stored.automatic_verdict, stored.verdict, stored.level) == (
        activity,
        Verdict.MET,
        Verdict.PARTLY,
        1,
    )
    assert stored.instructor_id == classroom["instructor"].id
    page = client.get(f"/instructeur/sessies/{call.id}").get_data(as_text=True)
    assert "Groet was te kortaf." in page and "Ilse Instructeur" in page
    assert "automatisch:" in page  # the automatic verdict stays visible beside the new one
    row = page[page.index(f'id="activiteit-{activity}"') :]
    assert "verdict-partly" in row[: row.index("</tr>")]
    heading = page[page.index(f'id="competentie-{competency}"') :]
    assert "niveau 1" in heading[: heading.index("</h3>")]


def test_an_override_of_an_activity_not_in_the_report_is_refused(client, db, classroom) -> None:
    login_as(client, classroom["instructor"])
    call = classroom["call"]
    token = csrf_token(client, f"/instructeur/sessies/{call.id}")
    data = {"activity_id": "99.9", "verdict": "met", "reason": "zomaar", "csrf_token": token}
    assert client.post(f"/instructeur/sessies/{call.id}/oordelen", data=data).status_code == 400
    assert db.scalars(select(VerdictOverride)).all() == []


def test_rubric_quality_reports_kappa_from_overrides(client, db, classroom) -> None:
    login_as(client, classroom["instructor"])
    call = classroom["call"]
    _, activity = first_judged(call.report)
    token = csrf_token(client, f"/instructeur/sessies/{call.id}")
    client.post(
        f"/instructeur/sessies/{call.id}/oordelen",
        data={"activity_id": activity, "verdict": "not_met", "reason": "Niet gedaan.", "csrf_token": token},
    )
    cohort_id = db.scalars(select(Cohort)).one().id
    page = client.get(f"/instructeur/groepen/{cohort_id}/kwaliteit").get_data(as_text=True)
    overall = re.search(r'id="kappa-overall">([^<]+)<', page)
    assert overall is not None and overall.group(1) not in ("—", "1.00")  # one disagreement lowers κ below 1
    assert f">{activity}</th>" in page
