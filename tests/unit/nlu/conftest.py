"""Fixtures for the understanding tests: one shared Understander (training is the slow part)."""

from __future__ import annotations

import pytest

from simulator.nlu import Understander


@pytest.fixture(scope="session")
def understander() -> Understander:
    """Return the process-wide understander, loaded once for the whole test run."""
    return Understander.default()
