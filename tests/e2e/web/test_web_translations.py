"""Every interface text is translated in nl, fr and en, and the compiled catalogues are current."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

import webapp
from tests.e2e.web.conftest import csrf_token, login_as

WEBAPP = Path(webapp.__file__).parent
LANGUAGES = ("nl", "fr", "en")
KEYWORDS = {"_": None, "gettext": None, "_l": None, "lazy_gettext": None, "ngettext": (1, 2)}
METHODS = [("**/templates/**.html", "jinja2"), ("**.py", "python")]


def source_texts() -> set[str]:
    """Return every text marked for translation in the web app's code and templates."""
    found = extract_from_dir(str(WEBAPP), METHODS, keywords=KEYWORDS)
    texts: set[str] = set()
    for _filename, _lineno, message, _comments, _context in found:
        texts.add(message if isinstance(message, str) else message[0])
    return texts


@pytest.fixture(scope="module")
def texts() -> set[str]:
    found = source_texts()
    assert {"Naar de inhoud", "Onbekend e-mailadres of verkeerd wachtwoord.", "Niet gevonden"} <= found
    return found


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_text_is_translated(texts: set[str], language: str) -> None:
    path = WEBAPP / "translations" / language / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as handle:
        catalogue = read_po(handle)
    translated = {m.id: m.string for m in catalogue if m.id and m.string and not m.fuzzy}
    missing = sorted(texts - translated.keys())
    assert not missing, f"{path}: untranslated: {missing}"
    placeholders = [t for t in texts if "%(" in t and _names(t) != _names(translated[t])]
    assert not placeholders, f"{path}: placeholders differ in {placeholders}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_compiled_catalogue_matches_its_source(language: str) -> None:
    folder = WEBAPP / "translations" / language / "LC_MESSAGES"
    with (folder / "messages.po").open("rb") as handle:
        source = {m.id: m.string for m in read_po(handle) if m.id and not m.fuzzy}
    with (folder / "messages.mo").open("rb") as handle:
        compiled = {m.id: m.string for m in read_mo(handle) if m.id}
    assert compiled == source, f"{folder}/messages.mo is stale: run pybabel compile -d webapp/translations"


def _names(text: str) -> set[str]:
    import re

    return set(re.findall(r"%\((\w+)\)", text))


@pytest.mark.parametrize(
    ("language", "heading", "skip_link"),
    [
        ("nl", "Mijn oefeningen", "Naar de inhoud"),
        ("fr", "Mes exercices", "Aller au contenu"),
        ("en", "My exercises", "Skip to content"),
    ],
)
def test_the_account_language_is_the_page_language(client, make_user, language, heading, skip_link) -> None:
    login_as(client, make_user(locale=language))
    page = client.get("/oefenen/").get_data(as_text=True)
    assert f'<html lang="{language}">' in page
    assert heading in page and skip_link in page


def test_a_visitor_switches_to_french_and_back(client) -> None:
    assert "Se connecter" not in client.get("/aanmelden").get_data(as_text=True)
    client.post("/taal", data={"locale": "fr", "next": "/aanmelden", "csrf_token": csrf_token(client)})
    assert "Se connecter" in client.get("/aanmelden").get_data(as_text=True)
    client.post("/taal", data={"locale": "nl", "csrf_token": csrf_token(client)})
    assert "Aanmelden" in client.get("/aanmelden").get_data(as_text=True)


def test_switching_language_when_logged_in_is_kept_on_the_account(client, db, make_user) -> None:
    user = make_user(locale="nl")
    login_as(client, user)
    client.post("/taal", data={"locale": "en", "csrf_token": csrf_token(client)})
    db.refresh(user)
    assert user.locale == "en"
    assert "My exercises" in client.get("/oefenen/").get_data(as_text=True)


def test_an_unknown_language_is_refused(client) -> None:
    response = client.post("/taal", data={"locale": "de", "csrf_token": csrf_token(client)})
    assert response.status_code == 400
