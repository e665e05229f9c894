"""A proposal made in a web call reaches the instructors' review queue; once approved it is found and
shared in a later call. The frequent problems report counts the cohort's tickets and article use."""

from __future__ import annotations

import csv
import io
from typing import Any

from flask import Flask
from sqlalchemy.orm import Session

from simulator.adapters.db.models import Role, User
from tests.e2e.web.conftest import csrf_token, login_as
from tests.e2e.web.test_world_desk import TICKET, api_client, start, step
from tests.e2e.web.test_world_desk import app as app  # noqa: F401  (the app fixture on both lanes)


def acted(answer: dict[str, Any], kind: str) -> dict[str, Any]:
    """Return the data of the step's own event in a step's answer."""
    data: dict[str, Any] = next(e["data"] for e in answer["events"] if e["type"] == kind)
    return data


PROPOSAL = {
    "title": "Labelprinter Zebra drukt lege etiketten",
    "symptoms": "De Zebra-labelprinter schuift etiketten door maar drukt niets af.",
    "cause": "Het lint is op of verkeerd geplaatst.",
    "solution": "1. Open de klep.\n2. Plaats een nieuw lint met de inktzijde naar buiten.\n3. Kalibreer met de knop.",
}


def test_a_proposal_goes_through_review_and_is_found_in_a_later_call(
    app: Flask, db: Session, make_user: Any, make_cohort: Any
) -> None:
    trainee = make_user(role=Role.TRAINEE, display_name="Sam Cursist")
    teacher, stranger = make_user(role=Role.INSTRUCTOR), make_user(role=Role.INSTRUCTOR)
    make_cohort(instructors=[teacher], trainees=[trainee])
    make_cohort(instructors=[stranger])
    api = api_client(app, db, trainee)
    call_id = start(api)
    step(api, call_id, "answer")
    proposed = acted(step(api, call_id, "kb.propose", PROPOSAL), "kb.propose")
    assert proposed["status"] == "review"
    before = acted(step(api, call_id, "kb.search", {"query": "zebra labelprinter lint"}), "kb.search")
    assert all(r["title"] != PROPOSAL["title"] for r in before["results"])  # not published yet

    other = login_as(app.test_client(), stranger).get("/instructeur/kennisbank").get_data(as_text=True)
    assert PROPOSAL["title"] not in other and "Sam Cursist" not in other  # another cohort's instructor
    reviewer = login_as(app.test_client(), teacher)
    queue = reviewer.get("/instructeur/kennisbank").get_data(as_text=True)
    assert PROPOSAL["title"] in queue and "Sam Cursist" in queue
    article_id = queue.split("/instructeur/kennisbank/KB-")[1][:4]
    article_id = f"KB-{article_id}"
    token = csrf_token(reviewer, f"/instructeur/kennisbank/{article_id}")
    approved = reviewer.post(f"/instructeur/kennisbank/{article_id}/goedkeuren", data={"csrf_token": token})
    assert approved.status_code == 302

    later = start(api, seed=8)
    step(api, later, "answer")
    query = {"query": "zebra labelprinter drukt lege etiketten"}
    found = acted(step(api, later, "kb.search", query), "kb.search")
    assert found["results"][0]["id"] == article_id
    shared = acted(step(api, later, "kb.share", {"article": article_id}), "kb.share")
    assert shared["article"] == article_id and not shared.get("refused")
    # a proposal is stored once, whatever the replays: the queue has nothing else waiting
    assert reviewer.get("/instructeur/kennisbank").get_data(as_text=True).count(PROPOSAL["title"]) == 0


def work_a_call(app: Flask, db: Session, trainee: User, category: str, *, share: str | None = None) -> None:
    """Make one call that opens a ticket in ``category``, opens KB-0001 and maybe shares an article."""
    api = api_client(app, db, trainee)
    call_id = start(api)
    step(api, call_id, "answer")
    step(api, call_id, "ticket.create", TICKET | {"category": category})
    step(api, call_id, "kb.open", {"article": "KB-0001"})
    if share:
        step(api, call_id, "kb.share", {"article": share})


def test_frequent_problems_count_tickets_and_article_use_per_cohort(
    app: Flask, db: Session, make_user: Any, make_cohort: Any
) -> None:
    anna, bert, other = (make_user(role=Role.TRAINEE) for _ in range(3))
    instructor = make_user(role=Role.INSTRUCTOR)
    cohort = make_cohort(instructors=[instructor], trainees=[anna, bert])
    make_cohort(instructors=[make_user(role=Role.INSTRUCTOR)], trainees=[other])
    work_a_call(app, db, anna, "printer", share="KB-0002")
    work_a_call(app, db, bert, "printer")
    work_a_call(app, db, bert, "email")
    work_a_call(app, db, other, "network")  # another cohort: not counted

    client = login_as(app.test_client(), instructor)
    text = client.get(f"/instructeur/frequente-problemen?groep={cohort.id}").get_data(as_text=True)
    assert "Frequente problemen" in text and "KB-0001" in text
    download = client.get(f"/instructeur/frequente-problemen.csv?groep={cohort.id}")
    assert download.status_code == 200 and download.mimetype == "text/csv"
    rows = {r["category"]: r for r in csv.DictReader(io.StringIO(download.get_data(as_text=True)))}
    assert set(rows) == {"printer", "email"}
    assert (rows["printer"]["tickets"], rows["printer"]["kb_views"], rows["printer"]["kb_shares"]) == ("2", "3", "1")
    assert rows["email"]["tickets"] == "1" and list(rows) == ["printer", "email"]  # heaviest first
    assert rows["printer"]["top_articles"] == "KB-0002 KB-0001"  # shared before opened only
    assert client.get("/instructeur/frequente-problemen?groep=999999").status_code == 404
