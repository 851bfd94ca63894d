"""Opening and parsing picked paths (services/import_parsing.py)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from evidence_desk.importers.base import ParsedChat
from evidence_desk.services import import_parsing

FIXTURES = Path(__file__).parents[1] / "importers" / "fixtures" / "whatsapp"


@pytest.fixture
def collections_seen() -> Iterator[list[int]]:
    """Every generation the cyclic collector starts on, with a threshold of one allocation so
    that any stretch of allocation with the collector on starts one."""
    seen: list[int] = []

    def record(phase: str, info: dict[str, Any]) -> None:
        if phase == "start":
            seen.append(info["generation"])

    thresholds = gc.get_threshold()
    enabled = gc.isenabled()
    gc.enable()
    gc.set_threshold(1)
    gc.callbacks.append(record)
    try:
        yield seen
    finally:
        gc.callbacks.remove(record)
        gc.set_threshold(*thresholds)
        if not enabled:
            gc.disable()


def test_a_parse_runs_without_the_cyclic_collector_and_turns_it_back_on(
    collections_seen: list[int],
) -> None:
    opened = import_parsing.open_input(sorted(FIXTURES.glob("*.txt"))[0])
    collections_seen.clear()
    parsed = import_parsing.parse_opened(opened, "Asia/Shanghai", None)
    during = len(collections_seen)  # an int: nothing allocated since the parse returned
    assert isinstance(parsed.result, ParsedChat) and parsed.result.messages
    # Entering and leaving the pause allocate a few objects (the context manager) with the
    # collector on, each a collection at this threshold; the parse itself allocates thousands.
    assert during <= 8
    assert gc.isenabled()
    [object() for _ in range(10)]
    gc.collect(0)
    assert collections_seen  # the collector runs again after the parse


def test_a_parse_leaves_a_paused_collector_paused(collections_seen: list[int]) -> None:
    gc.disable()
    collections_seen.clear()
    import_parsing.parse_path(sorted(FIXTURES.glob("*.txt"))[0], "UTC", None)
    [object() for _ in range(10)]
    assert not gc.isenabled()
    assert collections_seen == []
