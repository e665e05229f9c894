"""Odd input never raises and always gives a valid Understanding; bad content files name file and line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from simulator.content.errors import ContentError
from simulator.nlu import Understander, Understanding
from simulator.nlu.files import data_dir, load_corpus, load_lexicon


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\t ",
        "wachtwoord " * 1000,
        "x" * 10_000,
        "🙂🔥💻 " * 50,
        "\x00\x01\x02 bel \x1b[31m me \x7f",
        "Guten Tag, ich kann nicht drucken.",
        "這是什麼",
        "?!?!...,,,",
        "\ud800 lone surrogate",
    ],
)
@pytest.mark.parametrize("lang", ["nl", "fr", "en"])
def test_odd_text_gives_a_valid_understanding(understander: Understander, text: str, lang: str) -> None:
    u = understander.understand(text, lang)
    assert isinstance(u, Understanding)
    assert u.lang == lang
    assert len(u.text) <= 2000
    assert all(0.0 <= s <= 1.0 for s in u.scores.values())


def test_empty_text_has_no_intents(understander: Understander) -> None:
    u = understander.understand("  ", "nl")
    assert (u.intents, u.topics, dict(u.slots), u.jargon) == ((), (), {}, ())


@pytest.mark.parametrize("tag", ["nl-BE", "FR", "en_GB"])
def test_language_tags_are_accepted(understander: Understander, tag: str) -> None:
    assert understander.understand("ok", tag).lang == tag[:2].lower()


def test_unknown_language_is_refused(understander: Understander) -> None:
    with pytest.raises(ValueError, match="unknown language"):
        understander.understand("Hallo", "de")


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """Copy the shipped NLU data so a test can break one file."""
    target = tmp_path / "data"
    shutil.copytree(data_dir(), target)
    return target


def test_unknown_intent_in_corpus_names_file_and_line(data_copy: Path) -> None:
    path = data_copy / "corpus-nl.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    index = next(i for i, line in enumerate(lines) if line.strip() == "- intents: [greeting]")
    lines[index] = "  - intents: [greting]"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_corpus("nl", data_copy)
    message = str(caught.value)
    assert f"corpus-nl.yaml:{index + 1}" in message
    assert "greting" in message


def test_bad_regex_in_lexicon_names_file_and_line(data_copy: Path) -> None:
    path = data_copy / "lexicon-en.yaml"
    text = path.read_text(encoding="utf-8").replace("'\\bplease hold\\b'", "'(please hold'", 1)
    path.write_text(text, encoding="utf-8")
    line = next(i for i, row in enumerate(text.splitlines(), 1) if "(please hold'" in row)
    with pytest.raises(ContentError) as caught:
        load_lexicon("en", data_copy)
    assert f"lexicon-en.yaml:{line}" in str(caught.value)
    assert "regular expression" in str(caught.value)


def test_missing_version_is_reported(data_copy: Path) -> None:
    path = data_copy / "lexicon-fr.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("version: 1\n", "", 1), encoding="utf-8")
    with pytest.raises(ContentError, match="version"):
        load_lexicon("fr", data_copy)
