"""The instructor's item analysis of a cohort: a synthetic cohort's exercise and forms on the page and in CSV."""

from __future__ import annotations

from pathlib import Path

from simulator.adapters.db.cohort_sim import store_cohort
from simulator.scripts.cohort import read_handlings, simulate
from tests.e2e.web.conftest import login_as

SCRIPTS = Path(__file__).resolve().parents[2] / "scripts"


def test_instructor_sees_each_form_of_a_simulated_cohort_and_downloads_it(client, db, make_user) -> None:
    calls = list(simulate(read_handlings(SCRIPTS), 4, seed=5, exercises=["excel-crash-novice-en"]))
    cohort, stored = store_cohort(db, "Simulatie", calls)
    instructor = make_user(role="instructor")
    cohort.instructors.append(instructor)
    db.commit()
    login_as(client, instructor)
    page = client.get(f"/instructeur/groepen/{cohort.id}/itemanalyse").get_data(as_text=True)
    assert "excel-crash-novice-en" in page
    played = {c.form for c in calls}
    assert all(f"<td>{form}</td>" in page for form in played)
    response = client.get(f"/instructeur/groepen/{cohort.id}/itemanalyse.csv")
    lines = response.get_data(as_text=True).splitlines()
    assert lines[0].startswith("exercise,form,calls,trainees,mean_level,resolution_rate,discrimination")
    assert lines[1].startswith(f"excel-crash-novice-en,,{stored},4,")
    assert {line.split(",")[1] for line in lines[2:]} == played


def test_a_trainee_cannot_see_the_item_analysis(client, make_user, make_cohort) -> None:
    trainee = make_user()
    cohort = make_cohort(trainees=[trainee])
    login_as(client, trainee)
    assert client.get(f"/instructeur/groepen/{cohort.id}/itemanalyse.csv").status_code in (302, 403)
