"""Export formats registered by name: csv, xapi, moodle (the BKD as a Moodle framework), html, pdf."""

from __future__ import annotations

from typing import Any

from simulator.assessment.exports.registry import EXPORTERS, Exporter, exporter, get_exporter


def export(name: str, reports: list[dict[str, Any]], **options: Any) -> bytes:
    """Return ``reports`` (replay reports, with their assessment) in export format ``name``."""
    return get_exporter(name).fn(reports, **options)


__all__ = ["EXPORTERS", "Exporter", "export", "exporter", "get_exporter"]
