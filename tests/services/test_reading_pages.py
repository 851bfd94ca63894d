"""Paging through a conversation (services/reading.py): the three ways in agree."""

from __future__ import annotations

from pathlib import Path

from evidence_desk.services import reading
from tests.bundle.support import store_with_evidence
from tests.helpers import Team


def test_pages_by_offset_and_by_neighbour_are_the_same_rows(team: Team, tmp_path: Path) -> None:
    alice, contact_id = store_with_evidence(team, tmp_path / "in", extra_messages=25)
    whole = reading.page_at(alice, contact_id, 0, 100)
    assert len(whole) == 30 and [m.key for m in whole] == sorted(m.key for m in whole)
    assert reading.page_at(alice, contact_id, 10, 10) == whole[10:20]
    assert reading.page_at(alice, contact_id, -5, 3) == whole[:3]  # no offset before the start
    assert reading.page_after(alice, contact_id, whole[9].key, 10) == whole[10:20]
    assert reading.page_before(alice, contact_id, whole[20].key, 10) == whole[10:20]
    assert reading.page_before(alice, contact_id, whole[0].key, 10) == []
    assert reading.page_after(alice, contact_id, whole[-1].key, 10) == []
    assert reading.position(alice, contact_id, whole[20].key) == 20
