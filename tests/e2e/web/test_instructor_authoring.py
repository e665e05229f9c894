"""Exercise authoring: problems shown at their line, size and safety limits, saving makes an exercise playable."""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import pytest

from simulator.adapters.db.models import Role
from simulator.content.paths import exercises_dir
from tests.e2e.web.conftest import csrf_token, login_as
from webapp import create_app
from webapp.db import database

SHIPPED = "printer-offline-angry-nl"


@pytest.fixture
def app(database_url, monkeypatch, tmp_path):
    """The app with its instructor exercises in a temporary folder."""
    monkeypatch.setenv("EERSTELIJN_ENV", "testing")
    monkeypatch.delenv("EERSTELIJN_USER_EXERCISES", raising=False)
    app = create_app({"DATABASE_URL": database_url, "USER_EXERCISES_DIR": str(tmp_path / "oefeningen")})
    yield app
    database(app).engine.dispose()


@pytest.fixture
def author(client, make_user):
    """The client logged in as an instructor."""
    login_as(client, make_user(role=Role.INSTRUCTOR))
    return client


def shipped_text() -> str:
    return (exercises_dir() / f"{SHIPPED}.yaml").read_text(encoding="utf-8")


def as_copy(text: str, new_id: str = "printer-kopie-nl") -> str:
    return re.sub(r"(?m)^id: .*$", f"id: {new_id}", text, count=1)


def post(client, text: str, action: str = "check", **extra):
    data = {"yaml": text, "action": action, "csrf_token": csrf_token(client, "/instructeur/oefeningen/nieuw"), **extra}
    return client.post("/instructeur/oefeningen/nieuw", data=data, content_type="multipart/form-data")


def problem_lines(page: str) -> dict[int, str]:
    """Return line number → problem text as the annotated editor shows them."""
    found = {}
    for number, body in re.findall(r'<li id="regel-(\d+)" class="has-problem"[^>]*>(.*?)</li>', page, re.S):
        found[int(number)] = " ".join(re.findall(r'<p class="line-problem"[^>]*>(.*?)</p>', body, re.S))
    return found


def line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), start=1) if needle in line)


def test_a_transition_to_a_missing_state_is_shown_at_its_line(author) -> None:
    text = as_copy(shipped_text())
    first_dest = re.search(r"dest: ([a-z_-]+)", text)
    assert first_dest is not None
    broken = text[: first_dest.start(1)] + "nergens" + text[first_dest.end(1) :]
    response = post(author, broken)
    assert response.status_code == 400
    problems = problem_lines(response.get_data(as_text=True))
    wanted = line_of(broken, "dest: nergens")
    assert wanted in problems and "nergens" in problems[wanted]


def test_a_yaml_syntax_error_is_shown_at_its_line(author) -> None:
    text = as_copy(shipped_text()).replace("\ntitle:", "\ntitle: [niet gesloten\n", 1)
    response = post(author, text)
    assert response.status_code == 400
    problems = problem_lines(response.get_data(as_text=True))
    assert problems and all("YAML" in p for p in problems.values())
    assert min(problems) >= line_of(text, "title: [niet gesloten")


def test_a_python_tag_is_refused_by_the_safe_loader(author) -> None:
    response = post(author, "version: 1\nid: !!python/object/apply:os.system ['echo gehackt']\n")
    assert response.status_code == 400
    assert problem_lines(response.get_data(as_text=True))


@pytest.mark.parametrize("as_file", [False, True], ids=["pasted", "uploaded"])
def test_an_oversized_exercise_is_refused(author, as_file) -> None:
    big = "version: 1\n" + "# opvulling\n" * 20_000  # about 240 kB
    if as_file:
        data = {"bestand": (io.BytesIO(big.encode()), "groot.yaml"), "action": "check",
                "csrf_token": csrf_token(author, "/instructeur/oefeningen/nieuw")}  # fmt: skip
        response = author.post("/instructeur/oefeningen/nieuw", data=data, content_type="multipart/form-data")
    else:
        response = post(author, big)
    assert response.status_code == 413
    assert "200 kB" in response.get_data(as_text=True)


def test_a_shipped_id_cannot_be_overwritten(author, app) -> None:
    response = post(author, shipped_text(), action="save")
    assert response.status_code == 400
    assert "meegeleverde oefening" in response.get_data(as_text=True)
    assert not Path(app.config["USER_EXERCISES_DIR"]).exists()


def test_a_saved_exercise_is_listed_playable_and_drawn(author, app) -> None:
    response = post(author, as_copy(shipped_text()), action="save")
    found = re.search(r"/instructeur/oefeningen/(i(\d+)\.printer-kopie-nl)$", response.location)
    assert response.status_code == 302 and found, response.location  # in the author's namespace
    full_id, namespace = found.group(1), f"i{found.group(2)}"
    assert (Path(app.config["USER_EXERCISES_DIR"]) / namespace / "printer-kopie-nl.yaml").is_file()
    assert full_id in author.get("/instructeur/oefeningen").get_data(as_text=True)
    page = author.get(f"/instructeur/oefeningen/{full_id}").get_data(as_text=True)
    if shutil.which("dot"):
        assert 'src="data:image/svg+xml;base64,' in page
    assert "Overgangen als lijst" in page and "venting" in page
    assert author.get(f"/api/v1/exercises/{full_id}").status_code == 200  # the engine can load it


def test_the_diagram_falls_back_to_a_list_without_graphviz(author, monkeypatch) -> None:
    import webapp.instructor.diagram as diagram

    diagram._render.cache_clear()
    monkeypatch.setattr(diagram.shutil, "which", lambda name: None)
    page = author.get(f"/instructeur/oefeningen/{SHIPPED}").get_data(as_text=True)
    assert "data:image/svg+xml" not in page
    assert "Graphviz (dot) is niet geïnstalleerd" in page
    diagram._render.cache_clear()
