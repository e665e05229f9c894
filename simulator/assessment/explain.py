"""The reasons for a verdict in the reader's language: a code with parameters, rendered from a catalogue.

Detectors return a code and parameters (:class:`~simulator.assessment.model.Reason`); nothing in
the core words them. The edge — the session report, the web pages, the exports — renders them here
from ``explanations.yaml`` (nl, fr, en). A parameter that is a code is named through the
catalogue's terms, the topic names (``names.yaml``), the exercise's facts or the resolver groups;
any other value is shown as it is. Reports saved before reasons were codes keep the sentence they
were stored with.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from simulator.assessment.names import name_of
from simulator.content.yamlfile import read_yaml, validate

CATALOGUE_FILE = Path(__file__).with_name("explanations.yaml")
LANGS = ("nl", "fr", "en")


class Entry(BaseModel):
    """One text in Dutch, French and English (shared with the world's refusal reasons)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    nl: str
    fr: str
    en: str

    def text(self, lang: str) -> str:
        """Return the text in ``lang`` (Dutch for a language the catalogue does not have)."""
        return str(getattr(self, lang if lang in LANGS else "nl"))


class Explanations(BaseModel):
    """The catalogue: a sentence per reason code, and the terms parameters may name."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    version: Literal[2]
    codes: dict[str, Entry]
    terms: dict[str, Entry]


@lru_cache(maxsize=1)
def catalogue() -> Explanations:
    """Return the explanation catalogue (read once)."""
    return validate(read_yaml(CATALOGUE_FILE), Explanations)


def render_reason(code: str, params: Mapping[str, Any], lang: str, exercise: str | None = None) -> str:
    """Return the sentence of one reason in ``lang``; an unknown code is shown as the code itself."""
    entry = catalogue().codes.get(code)
    if entry is None:
        return code
    values = {key: _show(value, params, lang, exercise) for key, value in params.items()}
    return entry.text(lang).format_map(_Missing(values))


def render_reasons(act: Mapping[str, Any], lang: str, exercise: str | None = None) -> str:
    """Return why an activity got its verdict, in ``lang``, from a saved activity result.

    A result saved before reasons were codes carries an ``explanation`` sentence: it is shown as stored.
    """
    reasons = act.get("reasons")
    if reasons is None:
        return str(act.get("explanation") or "")
    return " ".join(render_reason(str(r["code"]), r.get("params") or {}, lang, exercise) for r in reasons)


def codes_of(reasons: Iterable[Mapping[str, Any]]) -> list[str]:
    """Return the codes of saved reasons."""
    return [str(r["code"]) for r in reasons]


def _show(value: Any, params: Mapping[str, Any], lang: str, exercise: str | None) -> str:
    """Return a parameter value as a reader sees it: numbers as they are, codes named, lists joined."""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int | float):
        return f"{value:.0f}" if isinstance(value, float) else str(value)
    if isinstance(value, list | tuple):
        return ", ".join(_show(v, params, lang, exercise) for v in value)
    if isinstance(value, Mapping) and "term" in value:
        inner = {**params, **{k: v for k, v in value.items() if k != "term"}}
        return _term(str(value["term"]), inner, lang, exercise)
    return _term(str(value), params, lang, exercise)


def _term(code: str, params: Mapping[str, Any], lang: str, exercise: str | None) -> str:
    """Return the catalogue's term ``code`` (its own parameters filled in), or the name of a topic, fact or group."""
    entry = catalogue().terms.get(code)
    if entry is None:
        return name_of(code, lang, exercise)
    values = {k: _show(v, {}, lang, exercise) for k, v in params.items() if not isinstance(v, list | tuple | Mapping)}
    return entry.text(lang).format_map(_Missing(values))


class _Missing(dict[str, str]):
    """Format values where a placeholder without a value stays visible instead of failing."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"
