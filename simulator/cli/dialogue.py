"""``eerstelijn exercises check-dialogue FOLDER``: where does the caller get lost in free-form scripts?"""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path


def check(folder: Path, as_json: bool) -> int:
    """Replay the folder's scripts and print, per exercise, what the caller missed; 1 when a call ended badly."""
    from simulator.cli.main import UsageError
    from simulator.content.errors import ContentError
    from simulator.scripts.dialogue import check_dialogue
    from simulator.scripts.steps import StepError

    if not folder.is_dir():
        raise UsageError(f"{folder}: geen map")
    try:
        results = check_dialogue(folder)
    except (StepError, ContentError) as exc:
        raise UsageError(str(exc)) from None
    except KeyError as exc:
        raise UsageError(str(exc.args[0])) from None
    if as_json:
        rows = [{"exercise": r.exercise, "scripts": [asdict(s) for s in r.scripts]} for r in results]
        print(json.dumps(rows, ensure_ascii=False, indent=1))
    for result in [] if as_json else results:
        scripts = result.scripts
        print(f"{result.exercise}: {len(scripts)} scripts, goede afloop {len(scripts) - len(result.unresolved)}")
        for s in scripts:
            mark = "ok " if s.resolved else "NOK"
            print(
                f"  {mark} {Path(s.path).name}: beëindigd door {s.ended_by}, stemming {s.mood}, "
                f"niet begrepen {len(s.not_understood)}, verduidelijkingen {s.clarifications}, "
                f"herhaalde zinnen {len(s.repeated)}"
            )
            for i, text in s.not_understood:
                print(f"      niet begrepen (gebeurtenis {i}): {text}")
            for line in s.repeated:
                print(f"      herhaald: {line}")
    return 0 if all(not r.unresolved for r in results) else 1
