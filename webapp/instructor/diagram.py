"""The persona's state machine of an exercise as a Graphviz diagram (SVG), with a text fallback.

``dot`` runs as a subprocess with a timeout and no shell; when it is missing or fails, the page
shows the transitions as a list instead. State and trigger names are restricted to
``[a-z0-9_-]`` by the exercise schema, so they are safe inside the DOT source.
"""

from __future__ import annotations

import base64
import shutil
import subprocess  # noqa: S404  (dot is called with a fixed argument list, no shell)
from dataclasses import dataclass
from functools import lru_cache

from simulator.conversation.exercise import Exercise

DOT_TIMEOUT_S = 5.0
ANY_STATE = "*"


@dataclass(frozen=True)
class Edge:
    """One arrow of the diagram: from a state (or any state) to a state, on a trigger."""

    source: str
    dest: str
    trigger: str
    guarded: bool


def edges(exercise: Exercise) -> list[Edge]:
    """Return the exercise's transitions as arrows, one per source state."""
    found = []
    for tr in exercise.transitions:
        for source in tr.sources():
            found.append(Edge(source, tr.dest, tr.trigger, bool(tr.conditions or tr.unless)))
    return found


def dot_source(exercise: Exercise) -> str:
    """Return the DOT text of the exercise's state machine."""
    endings = set(exercise.good_endings)
    lines = [
        "digraph exercise {",
        '  graph [rankdir=LR, bgcolor="transparent", fontname="Helvetica", nodesep=0.35, ranksep=0.5];',
        '  node [shape=box, style="rounded,filled", fillcolor="#e2ebf6", color="#084887",'
        ' fontname="Helvetica", fontsize=11];',
        '  edge [color="#4d5a68", fontname="Helvetica", fontsize=9];',
        '  start [shape=point, width=0.15, fillcolor="#1b2430", label=""];',
    ]
    for state in exercise.states:
        attrs = []
        if state.name in endings:
            attrs += ["peripheries=2", 'fillcolor="#d7ecd9"', 'color="#1d6b36"']
        if state.venting:
            attrs += ['style="rounded,filled,dashed"', 'fillcolor="#f8e2c4"']
        lines.append(f'  "{state.name}" [{", ".join(attrs)}];' if attrs else f'  "{state.name}";')
    lines.append(f'  start -> "{exercise.initial}";')
    if any(e.source == ANY_STATE for e in edges(exercise)):
        lines.append('  "any" [label="elke toestand", shape=ellipse, style="dashed", fillcolor="#ffffff"];')
    for edge in edges(exercise):
        source = "any" if edge.source == ANY_STATE else edge.source
        style = ', style="dashed"' if edge.guarded else ""
        lines.append(f'  "{source}" -> "{edge.dest}" [label="{edge.trigger}"{style}];')
    lines.append("}")
    return "\n".join(lines)


@lru_cache(maxsize=64)
def _render(source: str) -> str | None:
    dot = shutil.which("dot")
    if dot is None:
        return None
    try:
        done = subprocess.run(  # noqa: S603  (fixed argv, input on stdin)
            [dot, "-Tsvg"], input=source.encode(), capture_output=True, timeout=DOT_TIMEOUT_S, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    if done.returncode != 0 or b"<svg" not in done.stdout:
        return None
    return done.stdout.decode("utf-8", errors="replace")


def svg(exercise: Exercise) -> str | None:
    """Return the diagram as SVG text, or None when Graphviz is not available or fails."""
    return _render(dot_source(exercise))


def svg_data_uri(exercise: Exercise) -> str | None:
    """Return the diagram as a ``data:`` URI for an ``<img>``, which keeps any SVG content inert."""
    text = svg(exercise)
    if text is None:
        return None
    return "data:image/svg+xml;base64," + base64.b64encode(text.encode("utf-8")).decode("ascii")
