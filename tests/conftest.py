"""Shared fixtures: real stores in tmp_path, a deterministic clock, a team of users."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers import Team, TickingClock, make_team

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture
def clock() -> TickingClock:
    return TickingClock()


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    return tmp_path / "store"


@pytest.fixture
def team(store_path: Path, clock: TickingClock) -> Iterator[Team]:
    group = make_team(store_path, clock)
    yield group
    group.close_all()
