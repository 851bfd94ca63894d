"""The rule table's shape check of an export's redaction record (replayed by verify)."""

from __future__ import annotations

from typing import Any

import pytest

from evidence_desk.domain.authority import redaction_shape

GOOD: dict[str, Any] = {
    "digest": "ab" * 32,
    "counts": {"spans": 2, "messages": 1, "regions": 0},
    "detectors": {"redaction": "1", "numbers": "1"},
    "defaults": True,
}


def test_a_well_formed_record_and_defaults_off_alone_pass() -> None:
    assert redaction_shape(GOOD) is None
    assert redaction_shape({"defaults": False}) is None


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"digest": "AB" * 32}, "digest"),
        ({"digest": "ab" * 31}, "digest"),
        ({"counts": {"spans": -1, "messages": 0, "regions": 0}}, "counts"),
        ({"counts": {"spans": True, "messages": 0, "regions": 0}}, "counts"),
        ({"counts": {"spans": 1}}, "counts"),
        ({"detectors": {"redaction": 1}}, "detectors"),
        ({"defaults": "yes"}, "defaults"),
    ],
)
def test_a_malformed_record_names_its_field(change: dict[str, Any], field: str) -> None:
    assert redaction_shape({**GOOD, **change}) == field


def test_a_record_that_is_not_an_object_is_malformed() -> None:
    assert redaction_shape(["digest"]) == "redaction"
