"""The event type names for the browser, written from the one definition in the core.

The console's scripts compare event types (``EventType.CUSTOMER_LINE``) instead of spelling the
strings again; ``static/js/event-types.js`` is generated from :class:`EventType` so the two cannot
drift. A test fails when the file is stale or a script names a type that does not exist.
Regenerate with ``python -m webapp.event_names``.
"""

from __future__ import annotations

import json
from pathlib import Path

from simulator.conversation.events import EventType

JS_PATH = Path(__file__).parent / "static" / "js" / "event-types.js"


def event_module() -> str:
    """Return the ES module that exports every event type, frozen, under its enum name."""
    body = "".join(f"  {t.name}: {json.dumps(t.value)},\n" for t in EventType)
    return (
        "/* Generated from simulator/conversation/events.py by `python -m webapp.event_names`; do not edit.\n"
        " * Every event type of the call log (docs/events.md); a name not listed here is undefined. */\n"
        f"export const EventType = Object.freeze({{\n{body}}});\n"
    )


def main() -> None:
    """Write the module next to the console's scripts."""
    JS_PATH.write_text(event_module(), encoding="utf-8")


if __name__ == "__main__":
    main()
