"""Replay a folder of free-form session scripts and report where the caller got lost.

An author writes handlings in trainees' own words and wants to know, per exercise: which trainee
lines the caller did not understand, how often it had to ask what was meant, whether it ever said a
line twice, and which calls did not end well. Returned as data; the command line renders it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from simulator.conversation.events import Event, EventType
from simulator.conversation.forms import FIRST
from simulator.nlu import Understander
from simulator.scripts.replay import check_script
from simulator.scripts.runner import CallRunner
from simulator.scripts.script import load_script


@dataclass(frozen=True)
class ScriptDialogue:
    """What one replayed script showed about the caller."""

    path: str
    exercise: str
    resolved: bool
    ended_by: str | None
    mood: int
    not_understood: tuple[tuple[int, str], ...]
    clarifications: int
    repeated: tuple[str, ...]
    caller_lines: int


@dataclass
class ExerciseDialogue:
    """The scripts of one exercise together."""

    exercise: str
    scripts: list[ScriptDialogue] = field(default_factory=list)

    @property
    def unresolved(self) -> list[str]:
        """Return the scripts whose call did not reach a good ending."""
        return [s.path for s in self.scripts if not s.resolved]


def replay_dialogue(path: Path, understander: Understander | None = None) -> ScriptDialogue:
    """Replay one script and collect what the caller understood and said."""
    script = load_script(path)
    runner = CallRunner(
        script.exercise, seed=script.seed, mode=script.mode, understander=understander, form=script.form or FIRST
    )
    check_script(script, runner)
    for step in script.steps:
        runner.perform(step.name, step.args.model_dump(exclude_defaults=True), f"step {step.number}")
    record = runner.finish()
    return summarise(str(path), script.exercise, record.events, record.outcome.resolved, record.outcome.ended_by)


def summarise(
    path: str, exercise: str, events: tuple[Event, ...], resolved: bool, ended_by: str | None
) -> ScriptDialogue:
    """Summarise a call's event log: lines not understood, clarifications, verbatim repeats."""
    said = [e for e in events if e.type == EventType.UTTERANCE]
    lines = [str(e.data["text"]) for e in events if e.type == EventType.CUSTOMER_LINE]
    clarifications = sum(
        1
        for e in events
        if e.type == EventType.CUSTOMER_LINE and any(w.get("part") == "clarify" for w in e.data.get("why", ()))
    )
    counts = Counter(lines)
    moods = [int(e.data["mood"]) for e in events if e.type == EventType.CUSTOMER_LINE]
    return ScriptDialogue(
        path=path,
        exercise=exercise,
        resolved=resolved,
        ended_by=ended_by,
        mood=moods[-1] if moods else 0,
        not_understood=tuple(
            (e.i, str(e.data["text"]))
            for e in said
            if not [i for i in e.data.get("intents", ()) if i != "technical_jargon"]
        ),
        clarifications=clarifications,
        repeated=tuple(line for line, n in counts.items() if n > 1),
        caller_lines=len(lines),
    )


def check_dialogue(folder: Path, understander: Understander | None = None) -> list[ExerciseDialogue]:
    """Replay every ``*.yaml`` script below the folder, grouped by exercise in name order."""
    grouped: dict[str, ExerciseDialogue] = {}
    for path in sorted(folder.rglob("*.yaml")):
        result = replay_dialogue(path, understander)
        grouped.setdefault(result.exercise, ExerciseDialogue(result.exercise)).scripts.append(result)
    return [grouped[k] for k in sorted(grouped)]
