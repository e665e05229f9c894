"""Human in charge of exam results: levels stay provisional until an instructor signs them off."""

from __future__ import annotations

import csv
import io

import pytest
from sqlalchemy import select

from simulator.adapters.db.models import Mode, ResultSignOff, Role
from tests.e2e.web.conftest import csrf_token, login_as
from tests.e2e.web.instructor_data import store_call


@pytest.fixture
def exam(db, make_user, make_cohort):
    """An instructor's trainee with an ended exam call (the strong printer script)."""
    instructor = make_user(role=Role.INSTRUCTOR, display_name="Ilse Instructeur")
    trainee = make_user(role=Role.TRAINEE, display_name="Sam Cursist")
    make_cohort(instructors=[instructor], trainees=[trainee])
    call = store_call(db, trainee, mode=Mode.EXAM)
    call.report = {**call.report, "mode": "exam"}
    db.commit()
    return {"instructor": instructor, "trainee": trainee, "call": call}


def sign(client, call_id: int, activity: str = "") -> int:
    """Post the sign-off form (all results, or one activity) and return the status code."""
    page = f"/instructeur/sessies/{call_id}"
    data = {"activity_id": activity, "csrf_token": csrf_token(client, page)}
    return client.post(f"{page}/aftekenen", data=data).status_code


def test_the_trainee_sees_provisional_levels_until_the_instructor_signs_off(client, db, exam) -> None:
    call = exam["call"]
    login_as(client, exam["trainee"])
    before = client.get(f"/oefenen/gesprek/{call.id}/verslag").get_data(as_text=True)
    assert "voorlopig" in before
    login_as(client, exam["instructor"])
    review = client.get(f"/instructeur/sessies/{call.id}").get_data(as_text=True)
    assert "Alle resultaten aftekenen" in review and "voorlopig" in review
    assert sign(client, call.id) == 302
    stored = db.scalars(select(ResultSignOff)).one()
    assert stored.instructor_id == exam["instructor"].id and stored.activity_id is None and stored.at is not None
    login_as(client, exam["trainee"])
    after = client.get(f"/oefenen/gesprek/{call.id}/verslag").get_data(as_text=True)
    assert "voorlopig" not in after


def test_signing_off_verdict_by_verdict(client, db, exam) -> None:
    call = exam["call"]
    judged = [a["id"] for c in call.report["assessment"]["competencies"] for a in c["activities"] if a.get("detector")]
    login_as(client, exam["instructor"])
    for activity in judged[:-1]:
        assert sign(client, call.id, activity) == 302
    assert "voorlopig" in client.get(f"/instructeur/sessies/{call.id}").get_data(as_text=True)
    assert sign(client, call.id, judged[-1]) == 302
    page = client.get(f"/instructeur/sessies/{call.id}").get_data(as_text=True)
    assert "Alle resultaten zijn afgetekend." in page and "afgetekend door Ilse Instructeur" in page
    assert len(db.scalars(select(ResultSignOff)).all()) == len(judged)


def test_the_sign_off_is_exported_with_who_and_when(client, exam) -> None:
    call = exam["call"]
    login_as(client, exam["instructor"])
    rows = list(
        csv.DictReader(io.StringIO(client.get(f"/instructeur/sessies/{call.id}/export/csv").data.decode("utf-8-sig")))
    )
    assert {r["provisional"] for r in rows if r["level"]} == {"yes"} and not any(r["signed_off_by"] for r in rows)
    statements = client.get(f"/instructeur/sessies/{call.id}/export/xapi").get_json()
    assert not [s for s in statements if s["verb"]["id"].endswith("scored")]  # provisional levels are not sent
    assert sign(client, call.id) == 302
    rows = list(
        csv.DictReader(io.StringIO(client.get(f"/instructeur/sessies/{call.id}/export/csv").data.decode("utf-8-sig")))
    )
    judged = [r for r in rows if r["level"]]
    assert {r["provisional"] for r in judged} == {"no"} and {r["signed_off_by"] for r in judged} == {"Ilse Instructeur"}
    assert all(r["signed_off_at"].startswith(str(call.started_at.year)) for r in judged)
    statements = client.get(f"/instructeur/sessies/{call.id}/export/xapi").get_json()
    scored = [s for s in statements if s["verb"]["id"].endswith("scored")]
    assert scored and all("signed-off-at" in next(iter(s["result"]["extensions"])) for s in scored)


def test_practice_calls_and_unknown_activities_cannot_be_signed_off(client, db, exam) -> None:
    login_as(client, exam["instructor"])
    assert sign(client, exam["call"].id, "99.9") == 400
    practice = store_call(db, exam["trainee"])
    assert sign(client, practice.id) == 400
    assert "aftekenen" not in client.get(f"/instructeur/sessies/{practice.id}").get_data(as_text=True).lower()
