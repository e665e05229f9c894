"""What a host application keeps about the world between calls, handed to a new call's world.

The core stays free of storage: the web app reads approved knowledge-base articles, a stored
customer directory and its earlier tickets from its database and passes them in as plain
domain objects. Nothing here is required; an empty :class:`WorldExtras` is the shipped world.
"""

from __future__ import annotations

from dataclasses import dataclass

from simulator.world.crm import Directory
from simulator.world.schema import Article
from simulator.world.tickets import Ticket


@dataclass(frozen=True)
class WorldExtras:
    """Published articles beyond the shipped ones, and a stored CRM directory with its earlier tickets.

    ``earlier`` is None when the earlier tickets should be seeded from the exercise as usual, and a
    tuple (possibly empty) when they were stored and must be used as they are. ``first_ticket`` is the
    number the call's first ticket gets, so a host that keeps many calls numbers them apart (the
    same for a replay of the same call).
    """

    articles: tuple[Article, ...] = ()
    directory: Directory | None = None
    earlier: tuple[Ticket, ...] | None = None
    first_ticket: int = 1

    def __bool__(self) -> bool:
        return bool(self.articles) or self.directory is not None or self.earlier is not None or self.first_ticket != 1


def copy_directory(directory: Directory) -> Directory:
    """Return a directory a call may change without touching the stored one."""
    return Directory(directory.organisation, dict(directory.people), list(directory.assets), list(directory.contacts))
