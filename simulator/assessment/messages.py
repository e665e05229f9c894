"""The small message catalogue of the assessment reports (nl, fr, en).

Detector explanations are written in Dutch, the language of the BKD, and translated for the report
by :mod:`simulator.assessment.explain`; headings, verdicts, levels and the sentences around them
follow the interface language.
"""

from __future__ import annotations

Lang = str

CATALOGUE: dict[str, dict[str, str]] = {
    "nl": {
        "title": "Beoordeling van het gesprek",
        "exercise": "Oefening",
        "mode.practice": "oefenmodus",
        "mode.exam": "examenmodus",
        "level": "niveau",
        "level.none": "niet getoetst",
        "level.0": "niet getoond",
        "level.1": "onvoldoende",
        "level.2": "voldoende",
        "level.3": "sterk",
        "verdict.met": "behaald",
        "verdict.partly": "deels",
        "verdict.not_met": "niet behaald",
        "verdict.not_observed": "niet waargenomen",
        "strengths": "Sterke punten",
        "improvements": "Werkpunten",
        "model_answer": "Zo pakt een sterke medewerker het aan",
        "model_hidden": "In examenmodus blijft de verwachte aanpak verborgen.",
        "none": "(geen)",
        "moment": "moment",
        "observation": "Door de instructeur te beoordelen",
    },
    "fr": {
        "title": "Évaluation de l'appel",
        "exercise": "Exercice",
        "mode.practice": "mode entraînement",
        "mode.exam": "mode examen",
        "level": "niveau",
        "level.none": "non évalué",
        "level.0": "non démontré",
        "level.1": "insuffisant",
        "level.2": "suffisant",
        "level.3": "fort",
        "verdict.met": "atteint",
        "verdict.partly": "partiellement",
        "verdict.not_met": "non atteint",
        "verdict.not_observed": "non observé",
        "strengths": "Points forts",
        "improvements": "Points à améliorer",
        "model_answer": "Ce que ferait un collaborateur expérimenté",
        "model_hidden": "En mode examen, la démarche attendue reste cachée.",
        "none": "(aucun)",
        "moment": "moment",
        "observation": "À évaluer par le formateur",
    },
    "en": {
        "title": "Call assessment",
        "exercise": "Exercise",
        "mode.practice": "practice mode",
        "mode.exam": "exam mode",
        "level": "level",
        "level.none": "not assessed",
        "level.0": "not shown",
        "level.1": "insufficient",
        "level.2": "sufficient",
        "level.3": "strong",
        "verdict.met": "met",
        "verdict.partly": "partly",
        "verdict.not_met": "not met",
        "verdict.not_observed": "not observed",
        "strengths": "Strengths",
        "improvements": "Points to improve",
        "model_answer": "What a strong handling looks like",
        "model_hidden": "In exam mode the expected handling stays hidden.",
        "none": "(none)",
        "moment": "moment",
        "observation": "To be judged by the instructor",
    },
}
LANGS = tuple(CATALOGUE)


def message(key: str, lang: Lang = "nl") -> str:
    """Return the message ``key`` in ``lang`` (Dutch where the language or key is missing)."""
    table = CATALOGUE.get(lang, CATALOGUE["nl"])
    return table.get(key) or CATALOGUE["nl"].get(key, key)
