"""The bundle's own wording (PDF, VERIFY.txt) says a count as English does: "1 message",
"2 messages", "1 entry of this bundle is"; Chinese has one form."""

from __future__ import annotations

import pytest

from evidence_desk.bundle import kit, text


@pytest.mark.parametrize(
    ("count", "message", "msgs", "size"),
    [(1, "1 message", "1 msg", "1 byte"), (2, "2 messages", "2 msgs", "2 bytes")],
)
def test_counts_in_the_pdf(count: int, message: str, msgs: str, size: str) -> None:
    assert text.t("en", "messages_count", n=count) == message
    assert text.t("en", "summary_messages", n=count) == msgs
    assert text.t("en", "size_bytes", size=count) == size
    assert text.t("zh_CN", "messages_count", n=count) == f"共 {count} 条消息"


def test_a_redaction_summary_of_one_of_each_is_singular() -> None:
    said = text.t("en", "redaction_counts", spans=1, messages=2, regions=1)
    assert said.startswith(
        "This bundle withholds 1 passage of message text, 2 whole messages and 1 region of images."
    )


def test_a_one_page_volume_and_one_uncovered_entry() -> None:
    header = text.t("en", "header_page", label="3", vol=1, vol_pages=1, page=3, total=9)
    assert header == "Page 3 · volume 1 of 1 page · bundle page 3/9"
    assert text.t("en", "org_uncovered", count=1).startswith("1 entry of this bundle is not")
    assert text.t("en", "org_uncovered", count=5).startswith("5 entries of this bundle are not")


def test_verify_txt_keeps_its_lines_and_says_the_count() -> None:
    one = kit._paragraph("en", "kit_text.org_uncovered", file="org.json", count=1)
    many = kit._paragraph("en", "kit_text.org_uncovered", file="org.json", count=7)
    assert one[0] == "org.json: 1 entry of this bundle is not yet covered by an organisation"
    assert many[0] == "org.json: 7 entries of this bundle are not yet covered by an organisation"
    assert len(one) == len(many) == 3
    assert kit._paragraph("en", "kit_text.org_ledgers", count=3)[0] == (
        "This bundle combines the ledgers of 3 devices of the organisation. The"
    )
