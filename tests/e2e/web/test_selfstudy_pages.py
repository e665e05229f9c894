"""Self-study: a learner trains one activity and sees their own portfolio, never someone else's."""

from __future__ import annotations

from simulator.adapters.db.models import Role
from tests.e2e.web.conftest import login_as
from tests.e2e.web.instructor_data import store_call


def test_a_learner_picks_exercises_by_activity(client, make_user) -> None:
    login_as(client, make_user(role=Role.TRAINEE))
    overview = client.get("/oefenen/zelfstudie/").get_data(as_text=True)
    assert "9. " in overview and "?activiteit=9.3" in overview
    page = client.get("/oefenen/zelfstudie/?activiteit=9.3").get_data(as_text=True)
    assert "Train 9.3:" in page
    assert "Printer" in page or "printer" in page  # the printer exercise asks consent before remote help
    assert 'action="/oefenen/start"' in page


def test_an_unknown_activity_says_so(client, make_user) -> None:
    login_as(client, make_user(role=Role.TRAINEE))
    assert "Onbekende activiteit: 99.9" in client.get("/oefenen/zelfstudie/?activiteit=99.9").get_data(as_text=True)


def test_the_portfolio_shows_only_the_learners_own_calls(client, db, make_user) -> None:
    me = make_user(role=Role.TRAINEE)
    other = make_user(role=Role.TRAINEE)
    store_call(db, other, "printer-offline-angry-nl-weak")
    login_as(client, me)
    empty = client.get("/oefenen/zelfstudie/portfolio").get_data(as_text=True)
    assert "nog geen gesprek afgerond" in empty
    store_call(db, me)
    store_call(db, me, "printer-offline-angry-nl-weak")
    page = client.get("/oefenen/zelfstudie/portfolio").get_data(as_text=True)
    assert "Afgeronde gesprekken: 2." in page
    assert "Behandelt deskundig klachten" in page
    assert "Probeer:" in page  # activities never observed come with suggested exercises
