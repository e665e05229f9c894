"""Detectors for the knowledge base: referring to articles, guiding through them, proposing new ones."""

from __future__ import annotations

from typing import Any

from simulator.assessment.context import CallView, field_of
from simulator.assessment.detectors._base import met, not_met, partly, words
from simulator.assessment.detectors.registry import detector
from simulator.assessment.model import Finding
from simulator.conversation.events import EventType

CLEAR_SOLUTION_WORDS = 6
ARTICLE_FIELDS = ("symptoms", "cause", "solution")


@detector("uses_kb", "looks_up", "looks_up_any_source", "applies", "shares", "guides", "tells_it_exists")
def uses_kb(view: CallView, aspect: str) -> Finding:
    """Judge looking up, sharing and guiding the caller through the knowledge base."""
    searched = (
        view.of(EventType.KB_SEARCH, EventType.CRM_LOOKUP)
        if aspect == "looks_up_any_source"
        else view.of(EventType.KB_SEARCH)
    )
    opened = view.of(EventType.KB_OPEN)
    shared = view.of(EventType.KB_SHARE)
    referred = view.said("refer_to_kb")
    if aspect in ("looks_up", "looks_up_any_source"):
        found = searched + opened
        if found:
            return met("kb.looked_up", view.evidence(found[0]))
        return not_met("kb.no_source_consulted", view.absence())
    if aspect == "applies":
        if opened or shared:
            return met("kb.applied", view.evidence((opened or shared)[0]))
        if searched:
            return partly("kb.searched_not_applied", view.evidence(searched[0]))
        return not_met("kb.not_used", view.absence())
    if aspect == "tells_it_exists":
        if referred:
            return met("kb.told", view.cite(referred[0], "refer_to_kb"))
        return not_met("kb.not_told", view.absence())
    if aspect == "guides":
        guided = [e for e in view.said("refer_to_kb", "instruct_step", "explain_steps") if shared and e.i > shared[0].i]
        if shared and guided:
            return met(
                "kb.guided",
                view.evidence(shared[0]),
                view.cite(guided[0], "refer_to_kb", "instruct_step", "explain_steps"),
            )
        if shared or referred:
            return partly(
                "kb.referred_not_guided",
                view.cite((shared or referred)[0], "refer_to_kb"),
            )
        return not_met("kb.not_guided", view.absence())
    if shared:
        return met("kb.shared_right_article", view.evidence(shared[0]))
    found = [e for e in searched if any(isinstance(r, dict) and r.get("relevant") for r in e.data.get("results", ()))]
    if referred or opened or found:
        shown = (referred or opened or found)[0]
        return partly("kb.article_not_sent", view.cite(shown, "refer_to_kb"))
    return not_met("kb.not_referred", view.absence())


def _article(view: CallView, index: int) -> dict[str, Any]:
    event = view.of(EventType.KB_PROPOSE)[index]
    fields = {k: field_of(event.data, k) for k in ARTICLE_FIELDS}
    kb = view.world.get("kb")
    proposals = kb.get("proposals") if isinstance(kb, dict) else view.world.get("proposals")
    if any(v is None for v in fields.values()) and isinstance(proposals, list) and len(proposals) > index:
        stored = proposals[index]
        if isinstance(stored, dict):
            fields = {k: fields[k] if fields[k] is not None else stored.get(k) for k in ARTICLE_FIELDS}
    return fields


@detector("proposes_article", "proposes", "describes")
def proposes_article(view: CallView, aspect: str) -> Finding:
    """Judge whether a new solution went into the knowledge base as a clear article."""
    proposed = view.of(EventType.KB_PROPOSE)
    if not proposed:
        tried = view.refused(EventType.KB_PROPOSE)
        if tried:
            return partly("article.refused", view.evidence(tried[0]))
        return not_met("article.missing", view.absence())
    if aspect != "describes":
        return met("article.proposed", view.evidence(proposed[0]))
    fields = _article(view, 0)
    missing = [k for k in ARTICLE_FIELDS if not fields.get(k) or words(str(fields[k])) < 2]
    short = fields.get("solution") and words(str(fields["solution"])) < CLEAR_SOLUTION_WORDS
    if not missing and not short:
        return met("article.complete", view.evidence(proposed[0]))
    gaps = [f"article_{k}" for k in missing] + (["worked_out_solution"] if short else [])
    return partly("article.incomplete", view.evidence(proposed[0]), missing=gaps)


@detector("consults_crm")
def consults_crm(view: CallView, aspect: str) -> Finding:
    """Judge whether the trainee looked up the caller's earlier interventions in the CRM."""
    looked = view.of(EventType.CRM_LOOKUP)
    if looked:
        return met("crm.consulted", view.evidence(looked[0]))
    return not_met(
        "crm.not_consulted",
        view.absence(),
    )
