"""The bundle's annex rows (conduct findings, tags) in English: the catalogue's own wording,
plural forms by the count and ``{relation!r}`` quoted, with the moments in the PDF's form."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest

from evidence_desk.bundle.pdf import _Layout
from evidence_desk.services.conduct import _said as conduct_said
from evidence_desk.translations import say


def _layout() -> _Layout:
    # retimed() reads only the zone and its memo: no bundle data is needed to word a row
    return _Layout(
        data=None,  # type: ignore[arg-type]
        lang="en",
        zone=ZoneInfo("Asia/Shanghai"),
        manifest_digest="",
        manifest_sm3="",
        declaration_signature="",
        known_marks={},
        known_total=0,
    )


@pytest.mark.parametrize(("count", "words"), [(1, "1 staff message"), (2, "2 staff messages")])
def test_an_annex_row_says_the_plural_of_its_count(count: int, words: str) -> None:
    finding = conduct_said("conduct.cc3_relation", count=count, name="王芳", relation="friend")
    row = _layout().retimed(finding)
    assert row == f"{words} to 王芳, whose relation is 'friend', not debtor or guarantor"
    assert (row.code, row.facts) == (finding.code, finding.facts)
    assert say(row, "zh_CN").startswith(f"员工向 王芳 发送了 {count} 条消息")


def test_an_annex_row_keeps_its_moments_in_the_pdf_form() -> None:
    finding = conduct_said(
        "conduct.revoked_staff",
        sent_at="2026-03-01T02:00:00+00:00",
        revoked_at="2026-02-28T02:00:00+00:00",
    )
    row = _layout().retimed(finding)
    assert "2026-03-01T02:00:00+00:00" not in row and "2026-03-01" in row
