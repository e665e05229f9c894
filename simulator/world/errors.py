"""Domain errors of the helpdesk world: a refused action with a reason a trainee can read (Dutch)."""

from __future__ import annotations


class WorldError(Exception):
    """An action the world refuses (closing an unresolved ticket, an unknown group…)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason
