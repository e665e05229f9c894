"""Measure understanding and the caller on the free-form reference (tests/freeform), for the README.

    python tools/measure_freeform.py heldback     # the held-back lines and scripts (never tuned on)
    python tools/measure_freeform.py dev          # the dev lines and scripts (the classifier learns from these lines)
    python tools/measure_freeform.py dev2 --lines # only the lines of the files dev2-*.yaml (no scripts)
    python tools/measure_freeform.py heldback2    # a second held-back set of lines, never trained on

The prefix names the line files (``<prefix>-*.yaml``); the scripts of a call are the held-back ones for
``heldback`` and the others (never a held-back one) for any other prefix.

Lines: the share of acts the trainee meant that were found, per language; violations caught; violations
reported on lines that hold none. Scripts: good endings of competent handlings, flawed handlings
rewarded with a good ending and a calm caller, lines not understood, clarifications, repeated caller lines.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

import yaml

from simulator.conversation.loader import load_exercise, load_persona
from simulator.nlu import VIOLATIONS, Understander
from simulator.scripts.dialogue import replay_dialogue

FREEFORM = Path(__file__).resolve().parents[1] / "tests" / "freeform"


def lines(prefix: str) -> None:
    """Print act recall and violation figures per language."""
    understander = Understander.default()
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0, 0, 0])
    for path in sorted((FREEFORM / "lines").glob(f"{prefix}-*.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        row = totals[doc["lang"]]
        for item in doc["lines"]:
            meant = set(item["acts"]) - {"technical_jargon"}
            found = set(understander.understand(item["text"], doc["lang"]).intents) - {"technical_jargon"}
            row[0] += len(meant)
            row[1] += len(meant & found)
            row[2] += len(meant & VIOLATIONS)
            row[3] += len(meant & found & VIOLATIONS)
            row[4] += 0 if meant & VIOLATIONS else 1
            row[5] += 1 if (found & VIOLATIONS) and not (meant & VIOLATIONS) else 0
    for lang, (meant, found, vio, caught, clean, false) in sorted(totals.items()):
        print(
            f"lines {prefix} {lang}: acts found {found}/{meant} ({found / meant:.0%}), violations caught "
            f"{caught}/{vio} ({caught / max(vio, 1):.0%}), false violations on {false}/{clean} correct lines"
        )


def scripts(prefix: str, *, heldback: bool) -> None:
    """Print endings and coherence figures for the held-back scripts, or for all the others."""
    good = good_ok = flawed = rewarded = said = lost = clarified = repeats = caller_lines = 0
    for expected_file in sorted((FREEFORM / "expected").glob("*.yaml")):
        expected = yaml.safe_load(expected_file.read_text(encoding="utf-8"))
        exercise = load_exercise(expected["exercise"])
        calm_at = load_persona(exercise.persona).with_overrides(exercise.persona_overrides).calm_at
        for name, want in expected["sessions"].items():
            if name.startswith("heldback") != heldback:
                continue  # the dev figures never include a held-back script
            result = replay_dialogue(FREEFORM / "scripts" / exercise.id / f"{name}.yaml")
            calm = result.ended_by != "customer" and result.mood >= calm_at
            if want["ending"] == "good" and want["caller"] == "calm":
                good += 1
                good_ok += result.resolved
            else:
                flawed += 1
                rewarded += result.resolved and calm
            lost += len(result.not_understood)
            clarified += result.clarifications
            repeats += len(result.repeated)
            caller_lines += result.caller_lines
            said += 1
    which = "heldback" if heldback else "dev"
    print(
        f"scripts {which}: {said} calls; competent handlings ending well {good_ok}/{good}; flawed handlings rewarded "
        f"{rewarded}/{flawed}; trainee lines not understood {lost}; clarifications {clarified} of {caller_lines} "
        f"caller lines; verbatim repeated caller lines {repeats}"
    )


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    which = args[0] if args else "heldback"
    lines(which)
    if "--lines" not in sys.argv and which in ("heldback", "dev"):
        scripts(which, heldback=which == "heldback")
