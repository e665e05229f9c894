"""Map the wall-clock time between a trainee's actions in the console onto the simulated clock.

In a script every second is written down (``wait: 4``); in the browser, time simply passes. Before
each live step the service inserts an explicit ``wait`` step for the part of the real gap that the
engine does not already account for, so the stored steps replay to the very same call:

- while the phone rings every second counts (the caller is waiting);
- while talking, the caller's line still being spoken, the time to type a sentence and the time
  to fill in a form are credited, and only the rest is silence on the line;
- a single gap counts at most :data:`MAX_GAP_S` (a trainee who walked away does not freeze the
  clock for hours); an interrupting line gets no wait (it would let the caller finish first).
"""

from __future__ import annotations

from typing import Any

from simulator.conversation.events import EventType
from simulator.scripts.runner import CallRunner

MAX_GAP_S = 600.0
MIN_WAIT_S = 1.0
TYPING_S_PER_WORD = 2.0
REACTION_S = 3.0
#: Real seconds a step's form or click may take before the rest counts as silence.
STEP_ALLOWANCE_S: dict[str, float] = {
    "ticket.create": 60.0,
    "ticket.update": 30.0,
    "ticket.note": 30.0,
    "ticket.resolve": 40.0,
    "ticket.assign": 15.0,
    "ticket.link_problem": 15.0,
    "ticket.open": 10.0,
    "ticket.prioritise": 20.0,
    "kb.propose": 120.0,
    "kb.search": 15.0,
    "crm.lookup": 15.0,
    "remote.run": 15.0,
    "hold": 5.0,
    "wait": 0.0,
}
DEFAULT_ALLOWANCE_S = 8.0


def remaining_speech(runner: CallRunner) -> float:
    """Return how many simulated seconds of the caller's last line are still to be spoken."""
    now = runner.call.clock.now
    for event in reversed(runner.call.log):
        if event.type == EventType.CUSTOMER_LINE:
            return max(0.0, event.t + float(event.data.get("duration", 0.0)) - now)
        if event.type in (EventType.UTTERANCE, EventType.INTERRUPTION):
            return 0.0
    return 0.0


def allowance(step: str, args: Any) -> float:
    """Return the real seconds a step itself may take: typing a sentence, filling a form."""
    if step == "say":
        text = args.get("text", "") if isinstance(args, dict) else str(args or "")
        return REACTION_S + TYPING_S_PER_WORD * len(text.split())
    return STEP_ALLOWANCE_S.get(step, DEFAULT_ALLOWANCE_S)


def wait_before(runner: CallRunner, step: str, args: Any, gap_s: float) -> float:
    """Return the seconds of silence to insert before ``step`` after ``gap_s`` real seconds (0: none)."""
    call = runner.call
    if call.ended or gap_s <= 0:
        return 0.0
    gap = min(gap_s, MAX_GAP_S)
    if call.phase == "ringing":
        seconds = gap
    elif step == "say" and isinstance(args, dict) and args.get("interrupt"):
        return 0.0
    else:
        seconds = gap - remaining_speech(runner) - allowance(step, args)
    seconds = round(seconds, 1)
    return seconds if seconds >= MIN_WAIT_S else 0.0
