"""A conduct finding in a bundle's annex is masked or redacted fact by fact and worded again
from its template: a plural template ({count} staff {count:message|messages}) must word
again too, with its form by the count (services/bundle_masking.py, bundle_redaction.py)."""

from __future__ import annotations

from evidence_desk.bundle.model import AnnexRow
from evidence_desk.domain.redaction import RedactionPlan
from evidence_desk.services import bundle_masking, bundle_redaction
from evidence_desk.services.conduct import _said as conduct_said

ACCOUNT = "123456789012"


def _row(count: int) -> AnnexRow:
    name = f"王芳 账号 {ACCOUNT}"
    detail = conduct_said("conduct.cc3_relation", count=count, name=name, relation="x")
    return AnnexRow("conduct", "2026-03-01T02:00:00+00:00", "CC-3", detail)


def test_masking_a_plural_finding_keeps_its_form_and_masks_its_facts() -> None:
    for count, words in ((1, "1 staff message to"), (4, "4 staff messages to")):
        (masked,) = bundle_masking.mask_annex((_row(count),))
        assert masked.detail.startswith(words), masked.detail
        assert ACCOUNT not in masked.detail
        assert masked.detail.code == "conduct.cc3_relation"  # type: ignore[attr-defined]


def test_redacting_an_annex_with_a_plural_finding_words_it_again() -> None:
    for count, words in ((1, "1 staff message to"), (2, "2 staff messages to")):
        applied = bundle_redaction.apply(RedactionPlan(), (), (), (_row(count),))
        (row,) = applied.annex
        assert row.detail == _row(count).detail and row.detail.startswith(words)
