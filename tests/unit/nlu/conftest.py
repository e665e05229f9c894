"""Fixtures for the understanding tests: one shared Understander and one evaluation per language."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

import pytest

from simulator.nlu import Understander
from simulator.nlu.evaluation import Rotation, rotate


@pytest.fixture(scope="session")
def understander() -> Understander:
    """Return the process-wide understander, loaded once for the whole test run."""
    return Understander.default()


@pytest.fixture(scope="session")
def rotation() -> Callable[[str], Rotation]:
    """Return a function giving a language's 4 rotating held-back evaluations, trained once per run."""
    return cache(rotate)
