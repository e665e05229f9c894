"""The learning path and how dependable a level is, as a trainee and an instructor see them."""

from __future__ import annotations

from simulator.adapters.db.models import Role
from simulator.assessment.path import load_path
from tests.e2e.web.conftest import login_as
from tests.e2e.web.instructor_data import store_call


def _first_module_size() -> int:
    """The number of steps of the shipped path's first module (content grows; the rule does not)."""
    return len(load_path().modules[0].steps)


def _levels(db, call, levels):  # type: ignore[no-untyped-def]
    call.summary = levels
    db.commit()


def test_a_new_trainee_is_told_where_to_start(client, make_user) -> None:
    login_as(client, make_user(role=Role.TRAINEE))
    page = client.get("/oefenen/zelfstudie/traject").get_data(as_text=True)
    assert "Mijn leertraject" in page
    assert "Het gesprek voeren" in page and "Privacy en cyberveiligheid" in page
    assert "Voorgestelde volgende oefening" in page
    # nothing done yet: the first guided step of the first module is suggested
    suggestion = page.split("Voorgestelde volgende oefening", 1)[1].split("</section>", 1)[0]
    assert 'value="password-reset-novice-nl"' in suggestion
    assert "gedaan" not in page.split("<ol", 1)[1]


def test_a_practice_call_at_level_two_completes_its_step(client, db, make_user) -> None:
    me = make_user(role=Role.TRAINEE)
    call = store_call(db, me, "password-reset-novice-nl-strong")
    _levels(db, call, {"5": 3, "8": 2, "9": 2, "10": 3})
    login_as(client, me)
    page = client.get("/oefenen/zelfstudie/traject").get_data(as_text=True)
    first = page.split('id="module-het-gesprek"', 1)[1].split("</section>", 1)[0]
    assert f"2 van {_first_module_size()} stappen" in first  # guided and practice of the password reset
    suggestion = page.split("Voorgestelde volgende oefening", 1)[1].split("</section>", 1)[0]
    assert 'value="password-reset-novice-nl"' not in suggestion


def test_the_instructor_sees_each_trainee_on_the_path_and_how_many_calls_a_level_needs(
    client, db, make_user, make_cohort
) -> None:
    teacher = make_user(role=Role.INSTRUCTOR)
    a, b, c = (make_user(role=Role.TRAINEE, display_name=n) for n in ("Anna", "Bert", "Cas"))
    group = make_cohort(instructors=[teacher], trainees=[a, b, c])
    _levels(db, store_call(db, a, "password-reset-novice-nl-strong"), {"5": 3, "8": 3, "9": 3})
    _levels(db, store_call(db, b, "password-reset-novice-nl-weak"), {"5": 1, "8": 2, "9": 1})
    login_as(client, teacher)
    page = client.get(f"/instructeur/groepen/{group.id}/traject").get_data(as_text=True)
    rows = {name: page.split(f">{name}<", 1)[1].split("</tr>", 1)[0] for name in ("Anna", "Bert", "Cas")}
    n = _first_module_size()
    assert f"2 van {n}" in rows["Anna"] and f"1 van {n}" in rows["Bert"] and f"0 van {n}" in rows["Cas"]
    assert "Nog te weinig gesprekken" in page  # one call each: no estimate yet
    # a second call each, trainees far apart and steady: competency 5 becomes estimable and needs few calls
    _levels(db, store_call(db, a, "password-reset-novice-nl-strong"), {"5": 3})
    _levels(db, store_call(db, b, "password-reset-novice-nl-weak"), {"5": 1})
    _levels(db, store_call(db, c, "password-reset-novice-nl-weak"), {"5": 2})
    _levels(db, store_call(db, c, "password-reset-novice-nl-weak"), {"5": 2})
    page = client.get(f"/instructeur/groepen/{group.id}/traject").get_data(as_text=True)
    row = page.split("Gesprekken nodig", 1)[1].split("</tr>", 2)[1]
    assert ">5. " in row and "<td>1</td>" in row  # levels 3,3 / 1,1 / 2,2: one call tells a trainee apart


def test_another_instructor_cannot_see_the_path_of_a_cohort(client, make_user, make_cohort) -> None:
    group = make_cohort(instructors=[make_user(role=Role.INSTRUCTOR)])
    login_as(client, make_user(role=Role.INSTRUCTOR))
    assert client.get(f"/instructeur/groepen/{group.id}/traject").status_code == 404


def test_the_portfolio_says_how_sure_each_level_is(client, db, make_user) -> None:
    me = make_user(role=Role.TRAINEE)
    _levels(db, store_call(db, me, "password-reset-novice-nl-strong"), {"5": 3})
    login_as(client, me)
    page = client.get("/oefenen/zelfstudie/portfolio").get_data(as_text=True)
    assert "Hoe zeker?" in page
    assert "nog niet betrouwbaar" in page  # one call is never dependable
