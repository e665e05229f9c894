"""Fixtures for world unit tests."""

from __future__ import annotations

import pytest
from world_builders import build_world

from simulator.world import HelpdeskWorld


@pytest.fixture
def world() -> HelpdeskWorld:
    """The printer exercise's world."""
    return build_world()
