"""A broken exercise file gets a precise message: file, line, field and what is wrong."""

from __future__ import annotations

import pytest

from simulator.content.errors import ContentError
from simulator.conversation.loader import read_exercise


def problems_of(path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        read_exercise(path)
    return [str(p) for p in caught.value.problems]


def test_base_exercise_is_valid(make_exercise_file):
    exercise = read_exercise(make_exercise_file())
    assert exercise.id == "test-exercise"


def test_malformed_yaml_names_the_line(make_exercise_file):
    path = make_exercise_file(raw="version: 1\nid: x\nstates: [\n  - name: a\n")
    (message,) = problems_of(path)
    assert message.startswith(f"{path}:")
    assert "invalid YAML" in message


def test_not_utf8_is_a_clear_error(make_exercise_file, tmp_path):
    path = tmp_path / "latin1.yaml"
    path.write_bytes("title: caf\xe9\n".encode("latin-1"))
    (message,) = problems_of(path)
    assert "not UTF-8" in message


def test_unknown_field_points_at_its_line(make_exercise_file):
    path = make_exercise_file(colour="blue")
    (message,) = problems_of(path)
    line = path.read_text().splitlines().index("colour: blue") + 1
    assert message.startswith(f"{path}:{line} at colour:")
    assert "unknown field" in message


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        ({"persona": "grumpy"}, "unknown persona 'grumpy'"),
        (
            {"transitions": [{"trigger": "fixed", "source": "explaining", "dest": "fixd"}]},
            "transition to missing state 'fixd'",
        ),
        (
            {"transitions": [{"trigger": "shout", "source": "explaining", "dest": "fixed"}]},
            "'shout' is neither an intent nor a world signal",
        ),
        ({"transitions": []}, "good ending 'fixed' can never be reached"),
        (
            {"states": [{"name": "explaining"}, {"name": "explaining"}, {"name": "fixed"}]},
            "duplicate state 'explaining'",
        ),
        (
            {
                "facts": [
                    {"id": "a", "topics": ["since_when"], "says": ["x"]},
                    {"id": "a", "topics": ["device"], "says": ["y"]},
                ]
            },
            "duplicate fact id 'a'",
        ),
        ({"facts": [{"id": "a", "topics": ["weather"], "says": ["x"]}]}, "unknown topic 'weather'"),
        ({"activities": ["6.99"]}, "activity '6.99' does not exist"),
        ({"states": [{"name": "explaining", "lines": ["Met {nickname}."]}, {"name": "fixed"}]}, "unknown placeholder"),
        (
            {"transitions": [{"trigger": "fixed", "source": "explaining", "dest": "fixed", "conditions": ["lucky"]}]},
            "unknown condition 'lucky'",
        ),
        ({"persona_overrides": {"mood": 150}}, "invalid override"),
    ],
)
def test_reference_problems_are_located(make_exercise_file, overrides, expected):
    path = make_exercise_file(**overrides)
    messages = problems_of(path)
    assert any(expected in m for m in messages), messages
    assert all(m.startswith(f"{path}:") for m in messages)


def test_every_problem_is_reported_at_once(make_exercise_file):
    path = make_exercise_file(persona="grumpy", initial="nowhere")
    messages = problems_of(path)
    assert len(messages) >= 2


def test_validating_reads_an_exercise_file_once_and_a_changed_file_again(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import simulator.conversation.loader as loader

    source = loader.exercise_paths()[0]
    (tmp_path / "personas").symlink_to(source.parent / "personas")
    path = tmp_path / source.name
    path.write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    parsed: list[object] = []
    real = loader.read_yaml
    monkeypatch.setattr(loader, "read_yaml", lambda p: parsed.append(p) or real(p))
    exercise = loader.read_exercise(path)
    loader.reaction_warnings(path, exercise)
    assert parsed.count(path) == 1
    path.write_text(source.read_text(encoding="utf-8").replace("version: 1", "version: 1 ", 1), encoding="utf-8")
    loader.read_exercise(path)
    assert parsed.count(path) == 2


def test_a_missing_exercise_file_is_a_located_content_error(tmp_path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ContentError, match="cannot read file"):
        read_exercise(tmp_path / "nowhere.yaml")
