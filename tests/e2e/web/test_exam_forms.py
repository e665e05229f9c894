"""An exam assignment may fix one parallel form for the whole cohort; else each call's seed picks it."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import select

from simulator.adapters.db.models import CallSession, Cohort, Mode, User
from simulator.conversation.forms import pick_form
from simulator.conversation.loader import load_exercise
from tests.e2e.web.conftest import csrf_token, login_as
from tests.e2e.web.test_exam_assignments import bearer, start

EXCEL = "excel-crash-novice-en"


@pytest.fixture
def cohort(make_user: Callable[..., User], make_cohort: Callable[..., Cohort]) -> Cohort:
    return make_cohort(trainees=[make_user(), make_user(), make_user()])


def test_a_fixed_form_is_played_by_every_trainee_whatever_their_seed(app, db, cohort, make_assignment) -> None:
    exam = make_assignment(cohort, exercise_id=EXCEL, mode=Mode.EXAM, seed_per_trainee=True, form="timesheet")
    for trainee in cohort.trainees:
        assert start(bearer(app, db, trainee), assignment=exam.id).status_code == 201
    calls = db.scalars(select(CallSession)).all()
    assert len({c.seed for c in calls}) == 3
    assert [c.form for c in calls] == ["timesheet"] * 3


def test_without_a_fixed_form_the_stored_form_is_the_one_the_seed_picks(app, db, cohort, make_assignment) -> None:
    exam = make_assignment(cohort, exercise_id=EXCEL, mode=Mode.EXAM, seed_per_trainee=True)
    for trainee in cohort.trainees:
        start(bearer(app, db, trainee), assignment=exam.id)
    exercise = load_exercise(EXCEL)
    assert all(c.form == pick_form(exercise, c.seed) for c in db.scalars(select(CallSession)))


def test_an_instructor_cannot_fix_a_form_the_exercise_lacks(client, db, make_user, make_cohort) -> None:
    instructor = make_user(role="instructor")
    group = make_cohort(instructors=[instructor])
    login_as(client, instructor)
    path = f"/instructeur/groepen/{group.id}/opdrachten/nieuw"
    data = {
        "exercise_id": EXCEL,
        "mode": "exam",
        "seed_scope": "cohort",
        "variant": "spooler",
        "csrf_token": csrf_token(client, path),
    }
    page = client.post(path, data=data).get_data(as_text=True)
    assert "geen variant" in page and "invoicelink, pdfmaker, timesheet" in page
    data["variant"] = "pdfmaker"
    assert client.post(path, data=data).status_code == 302
    assert group.assignments[0].form == "pdfmaker"
