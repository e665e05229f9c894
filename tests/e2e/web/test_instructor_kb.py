"""The knowledge-base review queue: a trainee's proposal is previewed safely, then published or sent back."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import sessionmaker

from simulator.adapters.db.models import Role
from simulator.adapters.db.world_repository import WorldRepository
from tests.e2e.web.conftest import csrf_token, login_as


@pytest.fixture
def repository(db) -> WorldRepository:
    return WorldRepository(sessionmaker(bind=db.get_bind()))


@pytest.fixture
def cohort(make_user, make_cohort):
    """Ilse's cohort, with Sam in it."""
    teacher = make_user(role=Role.INSTRUCTOR, display_name="Ilse Instructeur")
    return make_cohort(instructors=[teacher], trainees=[make_user(display_name="Sam Cursist")])


@pytest.fixture
def proposal(repository, cohort) -> str:
    """A trainee's proposal in Ilse's cohort, with a script tag hidden in its Markdown."""
    fields = {
        "title": "Printer toont offline",
        "language": "nl",
        "audience": "end_user",
        "symptoms": "De printer staat op **offline**.<script>alert('x')</script>",
        "solution": "1. Herstart de spooler.\n2. Druk een testpagina af.\n\n[klik](javascript:alert(1))",
    }
    return repository.propose_article(fields, "Sam Cursist", cohort_id=cohort.id)


@pytest.fixture
def reviewer(client, cohort):
    login_as(client, cohort.instructors[0])
    return client


def test_another_cohorts_instructor_neither_sees_nor_reviews_a_proposal(app, make_user, make_cohort, proposal) -> None:
    stranger = make_user(role=Role.INSTRUCTOR, display_name="Bert Buur")
    make_cohort(instructors=[stranger])
    browser = login_as(app.test_client(), stranger)
    queue = browser.get("/instructeur/kennisbank").get_data(as_text=True)
    assert proposal not in queue and "Sam Cursist" not in queue
    assert browser.get(f"/instructeur/kennisbank/{proposal}").status_code == 404
    token = csrf_token(browser, "/instructeur/kennisbank")
    assert browser.post(f"/instructeur/kennisbank/{proposal}/goedkeuren", data={"csrf_token": token}).status_code == 404
    data = {"csrf_token": token, "comment": "niet goed"}
    assert browser.post(f"/instructeur/kennisbank/{proposal}/terugsturen", data=data).status_code == 404
    admin = login_as(app.test_client(), make_user(role=Role.ADMIN))
    assert proposal in admin.get("/instructeur/kennisbank").get_data(as_text=True)


def test_the_queue_lists_proposals_and_the_preview_is_sanitised(reviewer, proposal) -> None:
    queue = reviewer.get("/instructeur/kennisbank").get_data(as_text=True)
    assert proposal in queue and "Printer toont offline" in queue and "Sam Cursist" in queue
    page = reviewer.get(f"/instructeur/kennisbank/{proposal}").get_data(as_text=True)
    assert "<strong>offline</strong>" in page and "<ol>" in page
    assert "<script>alert" not in page and "&lt;script&gt;" in page  # shown as text, never run
    assert 'href="javascript' not in page


def test_approving_publishes_the_article(reviewer, repository, proposal) -> None:
    token = csrf_token(reviewer, f"/instructeur/kennisbank/{proposal}")
    response = reviewer.post(f"/instructeur/kennisbank/{proposal}/goedkeuren", data={"csrf_token": token})
    assert response.status_code == 302
    assert repository.article(proposal)["status"] == "published"
    assert proposal in [hit["id"] for hit in repository.search("printer offline spooler")]
    queue = reviewer.get("/instructeur/kennisbank").get_data(as_text=True)
    assert f"/instructeur/kennisbank/{proposal}" not in queue


def test_sending_back_needs_a_comment_and_keeps_it(reviewer, repository, proposal) -> None:
    token = csrf_token(reviewer, f"/instructeur/kennisbank/{proposal}")
    refused = reviewer.post(
        f"/instructeur/kennisbank/{proposal}/terugsturen", data={"csrf_token": token, "comment": " "}
    )
    assert refused.status_code == 400 and "Schrijf een opmerking" in refused.get_data(as_text=True)
    assert repository.article(proposal)["status"] == "review"
    data = {"csrf_token": token, "comment": "Voeg de foutmelding toe."}
    assert reviewer.post(f"/instructeur/kennisbank/{proposal}/terugsturen", data=data).status_code == 302
    article = repository.article(proposal)
    assert article["status"] == "draft"
    assert "Voeg de foutmelding toe." in article["revisions"][-1]["note"]


def test_an_unknown_article_is_not_found(reviewer) -> None:
    assert reviewer.get("/instructeur/kennisbank/KB-9999").status_code == 404
    assert reviewer.get("/instructeur/kennisbank/..%2Fetc").status_code == 404
