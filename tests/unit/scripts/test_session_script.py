"""Session scripts: a broken script names the step and what is wrong; a good one runs the contract."""

from __future__ import annotations

import pytest

from simulator.content.errors import ContentError
from simulator.scripts.script import parse_script

HEAD = "exercise: printer-offline-angry-nl\nseed: 7\nsteps:\n"


def problems(text: str) -> list[str]:
    with pytest.raises(ContentError) as caught:
        parse_script(text, "script.yaml")
    return [str(p) for p in caught.value.problems]


def test_scalars_fill_the_main_field():
    script = parse_script(HEAD + '  - say: "Goeiemorgen"\n  - wait: 4\n  - kb.open: KB-0012\n  - answer: {}\n')
    assert [s.name for s in script.steps] == ["say", "wait", "kb.open", "answer"]
    assert script.steps[0].args.model_dump()["text"] == "Goeiemorgen"
    assert script.steps[2].args.model_dump() == {"article": "KB-0012"}
    assert script.mode == "practice" and script.seed == 7


@pytest.mark.parametrize(
    ("steps", "expected"),
    [
        ("  - dance: {}\n", "step 1: unknown step 'dance'"),
        ("  - answer: {}\n  - say: {text: hi, loud: true}\n", "step 2: 'say' has unknown key 'loud'"),
        ("  - ticket.create: {summary: x, impact: low, urgency: high}\n", "missing required key 'category'"),
        ("  - ticket.update: {urgency: urgent}\n", "field 'urgency'"),
        ("  - answer: {}\n    hold: {seconds: 3}\n", "step 1: each step is a mapping with exactly one step name"),
        ("  - kb.open: KB-12\n", "step 1: 'kb.open' field 'article'"),
        ("  - ticket.create: printer\n", "'ticket.create' takes a mapping"),
    ],
)
def test_bad_steps_are_named_by_number(steps, expected):
    messages = problems(HEAD + steps)
    assert any(expected in m for m in messages), messages
    assert all(m.startswith("script.yaml:") for m in messages)


def test_top_level_problems_are_all_reported():
    messages = problems("seed: -1\nmode: exam-ish\nsteps: nope\ncolour: red\n")
    joined = "\n".join(messages)
    for expected in ("'exercise'", "'seed'", "'mode'", "'steps' must be a list", "unknown key 'colour'"):
        assert expected in joined
