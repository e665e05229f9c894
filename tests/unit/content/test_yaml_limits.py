"""Untrusted YAML costs no more than its size: alias bombs, recursive aliases and deep nesting are refused early."""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator.cli.main import main
from simulator.content.errors import ContentError
from simulator.content.yamlfile import parse_yaml


def alias_bomb(levels: int = 9, fan: int = 9) -> str:
    """Return the classic 'billion laughs': each anchor repeats the previous one ``fan`` times."""
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    previous = "a"
    for level in range(1, levels):
        name = chr(ord("a") + level)
        lines.append(f"{name}: &{name} [" + ",".join([f"*{previous}"] * fan) + "]")
        previous = name
    return "\n".join(lines) + "\n"


SHAPES = {
    "alias bomb": (alias_bomb(), "aliases repeat more than"),
    "recursive alias": ("a: &a [*a]\n", "inside its own anchor"),
    "recursive mapping alias": ("a: &a {b: *a}\n", "inside its own anchor"),
    "20,000 nested brackets": ("[" * 20_000 + "]" * 20_000, "nested more than"),
    "deep block mapping": ("".join(f"{'  ' * i}k:\n" for i in range(200)), "nested more than"),
    "too many aliases": ("a: &a 1\nb: [" + ",".join(["*a"] * 101) + "]\n", "more than 100 aliases"),
}


@pytest.mark.parametrize("text, message", SHAPES.values(), ids=SHAPES.keys())
def test_hostile_shapes_are_refused_with_a_line(text: str, message: str) -> None:
    # refused by the composer's limits while the nodes are built (no wall-clock assertion: a loaded
    # machine must not fail a test; the limits themselves bound the work)
    with pytest.raises(ContentError) as caught:
        parse_yaml(text, "upload.yaml")
    problem = caught.value.problems[0]
    assert problem.file == "upload.yaml" and problem.line is not None
    assert message in problem.message


def test_the_bomb_is_small() -> None:
    assert len(alias_bomb().encode()) < 500


def test_a_few_aliases_still_work() -> None:
    doc = parse_yaml("base: &base {x: 1, y: [1, 2]}\none: *base\ntwo: [*base, *base]\n")
    assert doc.data["one"] == {"x": 1, "y": [1, 2]}
    assert doc.data["two"] == [{"x": 1, "y": [1, 2]}] * 2


def test_nesting_of_real_content_depth_is_fine() -> None:
    text = "".join(f"{'  ' * i}k:\n" for i in range(40)) + "  " * 40 + "v\n"
    assert parse_yaml(text).data is not None


def test_the_command_line_names_file_and_line_and_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bomb = tmp_path / "bomb.yaml"
    bomb.write_text(alias_bomb(), encoding="utf-8")
    assert main(["exercises", "validate", str(bomb)]) == 2
    err = capsys.readouterr().err
    assert f"{bomb}:" in err and "aliases repeat more than" in err


def test_libyaml_and_pure_python_read_every_shipped_file_alike() -> None:
    """The fast loader (libyaml's parser) must give the same data and the same line of every path."""
    from simulator.content import yamlfile
    from simulator.content.bounded import PureBoundedComposer
    from simulator.content.paths import exercises_dir, rubrics_dir

    files = sorted([*exercises_dir().rglob("*.yaml"), *rubrics_dir().rglob("*.yaml")])
    assert len(files) > 30
    for file in files:
        text = file.read_text(encoding="utf-8")
        fast = yamlfile.parse_yaml(text, str(file))
        loader = PureBoundedComposer(text)
        try:
            node = loader.get_single_node()
            assert node is not None
            lines: dict[yamlfile.PathKey, int] = {}
            yamlfile._record(loader, node, (), lines)  # type: ignore[arg-type]
            assert loader.construct_document(node) == fast.data, file
            assert lines == fast.lines, file
        finally:
            loader.dispose()


@pytest.mark.parametrize("text, message", SHAPES.values(), ids=SHAPES.keys())
def test_the_pure_python_loader_refuses_the_same_shapes(text: str, message: str) -> None:
    import yaml

    from simulator.content.bounded import PureBoundedComposer

    with pytest.raises(yaml.MarkedYAMLError) as caught:
        PureBoundedComposer(text).get_single_node()
    assert message in str(caught.value)
