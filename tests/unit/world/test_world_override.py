"""An instance's and a cohort's own scenario book: used instead of the shipped one, checked like it, never fatal."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from world_builders import build_world, make_ctx, make_ticket

from simulator.content.errors import ContentError
from simulator.world import content as world_content
from simulator.world.books import WorldSource
from simulator.world.content import BOOK_FILE, check_book, forget_cached, load_content, world_dir

SHIPPED = (world_dir() / BOOK_FILE).read_text(encoding="utf-8")


def make_book(**replacements: str) -> str:
    """Return the shipped scenario book with ``old=new`` text replacements (keys use _ for spaces)."""
    text = SHIPPED
    for old, new in replacements.items():
        assert old in text, old
        text = text.replace(old, new)
    return text


@pytest.fixture
def user_world(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An empty instance world folder; nothing process-wide points at it."""
    monkeypatch.delenv("EERSTELIJN_USER_WORLD", raising=False)
    folder = tmp_path / "world"
    folder.mkdir()
    forget_cached()
    yield folder
    forget_cached()


@pytest.fixture
def books(user_world: Path) -> WorldSource:
    """The instance's scenario books, kept in ``user_world``."""
    return WorldSource(user_world)


def write_book(folder: Path, text: str) -> Path:
    """Write an override book and make the next load look at it at once."""
    path = folder / BOOK_FILE
    path.write_text(text, encoding="utf-8")
    forget_cached()
    return path


def test_an_override_replaces_the_shipped_book(user_world: Path, books: WorldSource) -> None:
    assert books.content().book.company.name == "Acme"
    write_book(user_world, make_book(**{"name: Acme": "name: Globex", "servicedesk Acme": "servicedesk Globex"}))
    book = books.content().book
    assert book.company.name == "Globex" and "servicedesk Globex" in book.greeting["nl"]
    assert books.problems() == []
    assert load_content().book.company.name == "Acme"  # nothing process-wide changed


def test_a_cohorts_book_wins_over_the_default_for_that_cohort_only(user_world: Path, books: WorldSource) -> None:
    write_book(user_world, make_book(**{"name: Acme": "name: Initech"}))
    books.save(make_book(**{"name: Acme": "name: Globex"}), cohort_id=3)
    assert books.content(3).book.company.name == "Globex"
    assert books.content(4).book.company.name == "Initech"
    assert books.content().book.company.name == "Initech"
    assert books.remove(3) and not books.remove(3)
    assert books.content(3).book.company.name == "Initech"


def test_a_broken_cohort_book_falls_back_to_the_default(user_world: Path, books: WorldSource) -> None:
    write_book(user_world, make_book(**{"name: Acme": "name: Initech"}))
    books.save(make_book(**{"first_line_group: first_line": "first_line_group: x"}), cohort_id=3)
    assert books.content(3).book.company.name == "Initech"
    assert [p.message for p in books.problems(3)] == ["unknown group 'x'"]


def test_the_override_is_found_through_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_book(tmp_path, make_book(**{"name: Acme": "name: Initech"}))
    monkeypatch.setenv("EERSTELIJN_USER_WORLD", str(tmp_path))
    forget_cached()
    try:
        assert load_content().book.company.name == "Initech"
    finally:
        monkeypatch.delenv("EERSTELIJN_USER_WORLD")
        forget_cached()
    assert load_content().book.company.name == "Acme"


def test_a_changed_override_is_noticed_after_the_recheck(
    user_world: Path, books: WorldSource, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(world_content, "RECHECK_AFTER_S", 0.0)
    (user_world / BOOK_FILE).write_text(make_book(**{"name: Acme": "name: Globex"}), encoding="utf-8")
    assert books.content().book.company.name == "Globex"
    (user_world / BOOK_FILE).write_text(make_book(**{"name: Acme": "name: Umbrella Corp"}), encoding="utf-8")
    assert books.content().book.company.name == "Umbrella Corp"
    (user_world / BOOK_FILE).unlink()
    assert books.content().book.company.name == "Acme"


def test_new_worlds_follow_the_overridden_escalation_matrix(user_world: Path, books: WorldSource) -> None:
    rule = "{category: printer, priorities: [P1, P2], group: workplace}"
    write_book(user_world, make_book(**{rule: "{category: printer, group: second_line}"}))
    world = build_world(content=books.content())
    number = make_ticket(world, impact="low", urgency="low")  # P5: the shipped matrix keeps it at first line
    assert world.expected_group(world.tickets.get(number)) == "second_line"
    assert world.perform("ticket.assign", {"group": "second_line"}, make_ctx()).data["follows_matrix"] is True


@pytest.mark.parametrize(
    ("old", "new", "word", "path", "message"),
    [
        ("group: second_line", "group: helpdesk", "helpdesk", "escalation.11.group", "unknown group 'helpdesk'"),
        ("{category: hardware,", "{category: meubilair,", "meubilair", "escalation.7.category", "unknown category"),
        ("answer_within_s: 15", "answer_within_s: snel", "snel", "norms.answer_within_s", "number"),
        ("consent_required: true\n", "consent_required: true\nlunch: 12\n", "lunch", "lunch", "unknown field"),
    ],
)  # fmt: skip
def test_a_broken_book_is_refused_at_its_line(old: str, new: str, word: str, path: str, message: str) -> None:
    text = make_book(**{old: new})
    problems = check_book(text, "werkafspraken.yaml")
    found = [p for p in problems if p.path == path]
    assert found and message in found[0].message, problems
    assert found[0].line is not None and word in text.splitlines()[found[0].line - 1]
    assert str(found[0]).startswith(f"werkafspraken.yaml:{found[0].line} at {path}")


def test_a_yaml_syntax_error_has_its_line() -> None:
    text = make_book(**{"norms:\n": "norms: [\n"})
    problems = check_book(text, "werkafspraken.yaml")
    norms = text.splitlines().index("norms: [") + 1
    assert (
        len(problems) == 1 and norms <= (problems[0].line or 0) <= norms + 2 and "invalid YAML" in problems[0].message
    )


def test_the_shipped_book_passes_the_check() -> None:
    assert check_book(SHIPPED) == []


def test_a_broken_override_on_disk_falls_back_to_the_shipped_book(
    user_world: Path, books: WorldSource, caplog: pytest.LogCaptureFixture
) -> None:
    write_book(user_world, make_book(**{"name: Acme": "name: Globex", "group: security}": "group: beveiliging}"}))
    with caplog.at_level(logging.WARNING, logger="simulator.world.content"):
        content = books.content()
    assert content.book.company.name == "Acme"
    problems = books.problems()
    assert [p.message for p in problems] == ["unknown group 'beveiliging'"]
    assert problems[0].file == str(user_world / BOOK_FILE) and problems[0].line == 35
    assert "refused" in caplog.text and str(user_world / BOOK_FILE) in caplog.text


def test_an_unreadable_override_falls_back_too(user_world: Path, books: WorldSource) -> None:
    (user_world / BOOK_FILE).write_bytes(b"version: 1\ncompany: \xff\xfe\n")
    forget_cached()
    assert books.content().book.company.name == "Acme"
    assert "UTF-8" in books.problems()[0].message


def test_reading_the_world_with_a_broken_book_raises_with_the_books_file(tmp_path: Path) -> None:
    path = tmp_path / BOOK_FILE
    path.write_text(make_book(**{"first_line_group: first_line": "first_line_group: eerste_lijn"}), encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        world_content.read_content(world_dir(), path)
    assert f"{path}:7 at first_line_group: unknown group 'eerste_lijn'" in str(caught.value)


def test_the_assessment_judges_by_the_book_the_calls_world_followed(user_world: Path, books: WorldSource) -> None:
    from types import SimpleNamespace

    from simulator.assessment.scenario import procedures_of

    books.save(make_book(**{"security_group: security": "security_group: second_line"}), cohort_id=5)
    world = build_world(content=books.content(5))
    view = SimpleNamespace(exercise=world.exercise, world=world.snapshot())
    assert procedures_of(view).security_group == "second_line"
    shipped = build_world()
    view = SimpleNamespace(exercise=shipped.exercise, world=shipped.snapshot())
    assert procedures_of(view).security_group == "security"
