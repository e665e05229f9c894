"""Polish of the web app: Dutch names instead of raw ids, the trainee's menu, the console's forms,
and the dashboard reading each call's stored level summary (overrides included)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from simulator.adapters.db.models import CallSession, Role
from tests.e2e.web.conftest import csrf_token, login_as
from tests.e2e.web.instructor_data import first_judged, store_call


@pytest.fixture
def classroom(db, make_user, make_cohort):
    """An instructor with one trainee who made a real (replayed) call."""
    trainee = make_user(role=Role.TRAINEE, display_name="Sam Cursist")
    instructor = make_user(role=Role.INSTRUCTOR, display_name="Ilse Instructeur")
    cohort = make_cohort(instructors=[instructor], trainees=[trainee])
    call = store_call(db, trainee)
    return {"trainee": trainee, "instructor": instructor, "cohort": cohort, "call": call}


def _section(page: str, start: str, end: str) -> str:
    at = page.index(start)
    return page[at : page.index(end, at)]


def test_the_reviews_ticket_history_names_status_and_group_in_dutch(client, classroom) -> None:
    login_as(client, classroom["instructor"])
    page = client.get(f"/instructeur/sessies/{classroom['call'].id}").get_data(as_text=True)
    side = _section(page, 'id="ticket-titel"', "</aside>")
    assert "gesloten" in side and "Eerste lijn" in side and "P3 · normaal" in side
    for raw in ("closed", "first_line", "resolved"):
        assert raw not in side, f"raw id {raw!r} shown in the ticket history"


@pytest.mark.parametrize(
    ("locale", "status", "group"),
    [("fr", "clôturé", "Première ligne"), ("en", "closed", "First line")],
)
def test_ticket_history_labels_follow_the_interface_language(client, classroom, locale, status, group) -> None:
    login_as(client, classroom["instructor"])
    token = csrf_token(client, "/instructeur/")
    client.post("/taal", data={"locale": locale, "csrf_token": token})
    page = client.get(f"/instructeur/sessies/{classroom['call'].id}").get_data(as_text=True)
    side = _section(page, 'id="ticket-titel"', "</aside>")
    assert status in side and group in side and "first_line" not in side


def test_explanations_are_translated_on_the_trainees_report(client, classroom) -> None:
    login_as(client, classroom["trainee"])
    token = csrf_token(client, "/oefenen/")
    client.post("/taal", data={"locale": "en", "csrf_token": token})
    page = client.get(f"/oefenen/gesprek/{classroom['call'].id}/verslag").get_data(as_text=True)
    assert "You opened and closed the call following the company" in page
    assert "U nam op en sloot af volgens het script" not in page


def test_trainees_menu_leads_to_self_study_and_portfolio_and_marks_the_current_page(client, classroom) -> None:
    login_as(client, classroom["trainee"])
    page = client.get("/oefenen/zelfstudie/").get_data(as_text=True)
    menu = _section(page, 'class="nav"', "</ul>")
    assert 'href="/oefenen/zelfstudie/"' in menu and "Mijn portfolio" in menu
    current = _section(menu, 'aria-current="page"', "</a>")
    assert "Zelfstudie" in current
    portfolio = client.get("/oefenen/zelfstudie/portfolio").get_data(as_text=True)
    assert "Mijn portfolio</a>" in _section(portfolio, 'aria-current="page"', "</li>")


def test_the_console_offers_status_reply_subcategory_and_kb_proposal(client, classroom) -> None:
    login_as(client, classroom["trainee"])
    token = csrf_token(client, "/oefenen/")
    answer = client.post("/oefenen/start", data={"exercise": "printer-offline-angry-nl", "csrf_token": token})
    page = client.get(answer.location).get_data(as_text=True)
    for control in ('id="t-status"', 'id="t-note-reply"', 'id="t-subcategory"', 'id="propose-form"', 'id="p-audience"'):
        assert control in page
    assert '<option value="waiting_on_customer">wacht op klant</option>' in page
    assert '"printer": [["offline", "Offline"], ["paper_jam", "Papierstoring"]' in page  # named per category
    assert 'type="module"' in page and "js/console/main.js" in page


def test_a_customer_reply_and_a_status_change_reach_the_ticket(client, classroom) -> None:
    login_as(client, classroom["trainee"])
    token = csrf_token(client, "/oefenen/")
    answer = client.post("/oefenen/start", data={"exercise": "printer-offline-angry-nl", "csrf_token": token})
    call_id = int(answer.location.rstrip("/").split("/")[-1])
    steps = f"/api/v1/sessions/{call_id}/steps"
    headers = {"X-CSRFToken": token}
    client.post(steps, json={"step": "answer", "args": {}}, headers=headers)
    ticket = {"summary": "Printer offline", "category": "printer", "subcategory": "offline"}
    made = client.post(
        steps, json={"step": "ticket.create", "args": ticket | {"impact": "low", "urgency": "high"}}, headers=headers
    )
    assert made.status_code == 200, made.get_json()
    reply = client.post(steps, json={"step": "ticket.update", "args": {"reply": "We kijken ernaar."}}, headers=headers)
    waiting = client.post(
        steps, json={"step": "ticket.update", "args": {"status": "waiting_on_customer"}}, headers=headers
    )
    assert reply.status_code == waiting.status_code == 200
    state = waiting.get_json()["state"]["ticket"]
    assert (state["status"], state["subcategory"]) == ("waiting_on_customer", "offline")
    proposal = {"title": "Printer offline na update", "symptoms": "Offline", "solution": "1. Herstart de spooler"}
    proposed = client.post(
        steps, json={"step": "kb.propose", "args": proposal | {"audience": "end_user"}}, headers=headers
    )
    assert proposed.status_code == 200
    assert "kb.propose" in [e["type"] for e in proposed.get_json()["events"]]


def test_a_call_stores_its_level_summary_and_an_override_updates_it(client, db, classroom) -> None:
    call = classroom["call"]
    levels = {c["id"]: c["level"] for c in call.report["assessment"]["competencies"] if c["level"] is not None}
    assert call.summary == levels and levels
    competency, activity = first_judged(call.report)
    login_as(client, classroom["instructor"])
    token = csrf_token(client, f"/instructeur/sessies/{call.id}")
    data = {"activity_id": activity, "verdict": "not_met", "level": "0", "reason": "Te kort.", "csrf_token": token}
    assert client.post(f"/instructeur/sessies/{call.id}/oordelen", data=data).status_code == 302
    db.expire_all()
    stored = db.scalars(select(CallSession).where(CallSession.id == call.id)).one()
    assert stored.summary[competency] == 0
    page = client.get(f"/instructeur/groepen/{classroom['cohort'].id}").get_data(as_text=True)
    heatmap = _section(page, 'class="table heatmap"', "</table>")
    assert 'class="level level-0"' in heatmap  # the dashboard shows the instructor's level


def test_the_dashboard_fills_a_missing_summary_from_the_report(client, db, classroom) -> None:
    call = classroom["call"]
    db.execute(CallSession.__table__.update().where(CallSession.id == call.id).values(summary=None))
    db.commit()
    login_as(client, classroom["instructor"])
    page = client.get(f"/instructeur/groepen/{classroom['cohort'].id}").get_data(as_text=True)
    assert 'class="level level-3"' in _section(page, 'class="table heatmap"', "</table>")
    db.expire_all()
    assert db.get(CallSession, call.id).summary
