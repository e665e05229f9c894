"""What instructors, admins and trainees do on their pages, through the real forms."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select

from simulator.adapters.db.models import Assignment, Cohort, Mode, Role, User
from tests.e2e.web.conftest import csrf_token, login_as

BRUSSELS = ZoneInfo("Europe/Brussels")


def test_an_instructor_assigns_an_exam_that_the_trainee_then_sees(app, db, make_user, make_cohort) -> None:
    instructor, trainee = make_user(role=Role.INSTRUCTOR), make_user(role=Role.TRAINEE)
    cohort = make_cohort(instructors=[instructor], trainees=[trainee])
    teacher = login_as(app.test_client(), instructor)
    form_page = teacher.get(f"/instructeur/groepen/{cohort.id}/opdrachten/nieuw").get_data(as_text=True)
    assert 'value="printer-offline-angry-nl"' in form_page
    deadline = (datetime.now(BRUSSELS) + timedelta(days=3)).replace(hour=17, minute=0, second=0, microsecond=0)
    response = teacher.post(
        f"/instructeur/groepen/{cohort.id}/opdrachten/nieuw",
        data={
            "exercise_id": "printer-offline-angry-nl",
            "deadline": deadline.strftime("%Y-%m-%dT%H:%M"),
            "mode": "exam",
            "csrf_token": csrf_token(teacher),
        },
        follow_redirects=True,
    )
    assert "De opdracht is toegevoegd." in response.get_data(as_text=True)
    stored = db.scalars(select(Assignment)).one()
    assert (stored.exercise_id, stored.mode, stored.created_by_id) == (
        "printer-offline-angry-nl",
        Mode.EXAM,
        instructor.id,
    )
    assert stored.deadline == deadline
    learner = login_as(app.test_client(), trainee)
    dashboard = learner.get("/oefenen/").get_data(as_text=True)
    assert "Printer offline" in dashboard and "Examen" in dashboard
    assert deadline.strftime("%d-%m-%Y, %H:%M") in dashboard


def test_a_deadline_in_the_past_or_an_unknown_exercise_is_refused(app, db, make_user, make_cohort) -> None:
    instructor = make_user(role=Role.INSTRUCTOR)
    cohort = make_cohort(instructors=[instructor])
    client = login_as(app.test_client(), instructor)
    url = f"/instructeur/groepen/{cohort.id}/opdrachten/nieuw"
    past = client.post(
        url,
        data={
            "exercise_id": "printer-offline-angry-nl",
            "deadline": "2020-01-01T09:00",
            "mode": "practice",
            "csrf_token": csrf_token(client),
        },
    )
    assert "De deadline ligt in het verleden." in past.get_data(as_text=True)
    unknown = client.post(
        url, data={"exercise_id": "bestaat-niet", "mode": "practice", "csrf_token": csrf_token(client)}
    )
    assert unknown.status_code == 200
    assert 'aria-invalid="true"' in unknown.get_data(as_text=True)
    assert db.scalars(select(Assignment)).all() == []


def test_an_instructor_withdraws_an_assignment(app, db, make_user, make_cohort, make_assignment) -> None:
    instructor = make_user(role=Role.INSTRUCTOR)
    cohort = make_cohort(instructors=[instructor])
    assignment = make_assignment(cohort)
    client = login_as(app.test_client(), instructor)
    response = client.post(
        f"/instructeur/groepen/{cohort.id}/opdrachten/{assignment.id}/verwijderen",
        data={"csrf_token": csrf_token(client)},
    )
    assert response.status_code == 302
    db.expire_all()
    assert db.scalars(select(Assignment)).all() == []


def test_the_cohort_page_lists_trainees_with_their_number_of_calls(app, make_user, make_cohort, make_call) -> None:
    instructor = make_user(role=Role.INSTRUCTOR)
    busy, quiet = make_user(display_name="Bea Bezig"), make_user(display_name="Stijn Stil")
    cohort = make_cohort(instructors=[instructor], trainees=[busy, quiet], record_audio=True, audio_retention_days=14)
    make_call(busy)
    make_call(busy, seed=8)
    page = login_as(app.test_client(), instructor).get(f"/instructeur/groepen/{cohort.id}").get_data(as_text=True)
    assert "<td>Bea Bezig</td>" in page and "<td>Stijn Stil</td>" in page
    assert f"<td>{busy.email}</td><td>2</td>" in page
    assert f"<td>{quiet.email}</td><td>0</td>" in page
    assert "14 dagen bewaard" in page


def test_an_admin_creates_an_instructor_account(app, db, make_user) -> None:
    client = login_as(app.test_client(), make_user(role=Role.ADMIN))
    data = {
        "display_name": "Ines Instructeur",
        "email": "Ines@Centrum.be",
        "role": "instructor",
        "locale": "fr",
        "active": "y",
        "password": "een-goed-wachtwoord",
        "csrf_token": csrf_token(client),
    }
    response = client.post("/beheer/gebruikers/nieuw", data=data, follow_redirects=True)
    assert "Het account is bewaard." in response.get_data(as_text=True)
    user = db.scalars(select(User).where(User.email == "ines@centrum.be")).one()
    assert (user.role, user.locale, user.active) == (Role.INSTRUCTOR, "fr", True)
    assert user.check_password("een-goed-wachtwoord")


def test_a_new_account_needs_a_password_and_a_free_address(app, db, make_user) -> None:
    admin = make_user(role=Role.ADMIN, email="admin@centrum.be")
    client = login_as(app.test_client(), admin)
    base = {"display_name": "X", "role": "trainee", "locale": "nl", "csrf_token": csrf_token(client)}
    no_password = client.post("/beheer/gebruikers/nieuw", data={**base, "email": "x@centrum.be"})
    assert "Geef een wachtwoord voor het nieuwe account." in no_password.get_data(as_text=True)
    taken = client.post(
        "/beheer/gebruikers/nieuw", data={**base, "email": "admin@centrum.be", "password": "lang-genoeg-1"}
    )
    assert "Er bestaat al een account met dit e-mailadres." in taken.get_data(as_text=True)
    assert db.scalars(select(User.email)).all() == ["admin@centrum.be"]


def test_an_admin_blocks_an_account_and_it_can_no_longer_log_in(app, db, make_user) -> None:
    trainee = make_user(email="weg@centrum.be", display_name="Weg")
    admin = login_as(app.test_client(), make_user(role=Role.ADMIN))
    learner = login_as(app.test_client(), trainee)
    assert learner.get("/oefenen/").status_code == 200
    data = {
        "display_name": "Weg",
        "email": "weg@centrum.be",
        "role": "trainee",
        "locale": "nl",
        "csrf_token": csrf_token(admin),
    }  # an unticked checkbox is simply absent
    assert admin.post(f"/beheer/gebruikers/{trainee.id}", data=data).status_code == 302
    assert learner.get("/oefenen/").status_code == 302


def test_an_admin_creates_a_cohort_with_its_members(app, db, make_user) -> None:
    admin = make_user(role=Role.ADMIN)
    instructor = make_user(role=Role.INSTRUCTOR, display_name="Ilse")
    trainees = [make_user(display_name=f"Cursist {i}") for i in range(3)]
    client = login_as(app.test_client(), admin)
    page = client.get("/beheer/groepen/nieuw").get_data(as_text=True)
    assert f'value="{instructor.id}"' in page
    data = {
        "name": "VDAB Antwerpen voorjaar",
        "description": "Avondgroep",
        "record_audio": "y",
        "audio_retention_days": "60",
        "instructors": [str(instructor.id)],
        "trainees": [str(t.id) for t in trainees[:2]],
        "csrf_token": csrf_token(client),
    }
    response = client.post("/beheer/groepen/nieuw", data=data, follow_redirects=True)
    assert "De groep is bewaard." in response.get_data(as_text=True)
    cohort = db.scalars(select(Cohort)).one()
    assert [u.id for u in cohort.instructors] == [instructor.id]
    assert sorted(u.id for u in cohort.trainees) == sorted(t.id for t in trainees[:2])
    assert (cohort.record_audio, cohort.audio_retention_days) == (True, 60)
    teacher_page = login_as(app.test_client(), instructor).get("/instructeur/").get_data(as_text=True)
    assert "VDAB Antwerpen voorjaar" in teacher_page


def test_a_trainee_filters_self_study_exercises_by_activity(client, make_user) -> None:
    login_as(client, make_user())
    consent = client.get("/oefenen/?activiteit=9.3").get_data(as_text=True)
    assert "Printer offline" in consent
    assert '<option value="9.3" selected>' in consent
    nothing = client.get("/oefenen/?activiteit=99.9").get_data(as_text=True)
    assert "Geen oefeningen gevonden." in nothing


def test_every_page_has_a_skip_link_and_labelled_inputs(app, make_user, make_cohort) -> None:
    import re

    admin = make_user(role=Role.ADMIN)
    cohort = make_cohort(instructors=[admin])
    client = login_as(app.test_client(), admin)
    for path in (
        "/beheer/gebruikers/nieuw",
        "/beheer/groepen/nieuw",
        f"/instructeur/groepen/{cohort.id}/opdrachten/nieuw",
    ):
        page = client.get(path).get_data(as_text=True)
        assert 'class="skip-link" href="#inhoud"' in page and 'id="inhoud"' in page
        labelled = set(re.findall(r'<label for="([^"]+)"', page))
        inputs = re.findall(r'<(?:input|select|textarea)\b(?![^>]*type="hidden")[^>]*\bid="([^"]+)"', page)
        assert inputs and set(inputs) <= labelled, f"{path}: unlabelled {set(inputs) - labelled}"
