"""Scope selection: every message in range is included or accounted for (EV-7)."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest

from evidence_desk.bundle.model import BundleMessage, Scope
from evidence_desk.bundle.scope import check_scope, select
from evidence_desk.domain.errors import BadInput

SHANGHAI = ZoneInfo("Asia/Shanghai")


def message(
    rowid: int,
    sent_at: str,
    *,
    kind: str = "text",
    tags: tuple[str, ...] = (),
    native_id: str | None = None,
    reply_to: str | None = None,
) -> BundleMessage:
    return BundleMessage(
        rowid=rowid,
        contact_id="K-1",
        sent_at=sent_at,
        time_text=sent_at,
        sender="Chen Lixin",
        direction="in",
        kind=kind,
        text=f"message {rowid}",
        commitment=f"{rowid:064x}",
        source=f"chat.txt line {rowid}",
        attachments=(),
        flags=(),
        native_id=native_id,
        reply_to=reply_to,
        tags=tags,
    )


CHAT = [
    message(1, "2026-01-04T15:59:00+00:00"),  # 2026-01-04 23:59 in Shanghai
    message(2, "2026-01-04T16:00:00+00:00", native_id="n2"),  # 2026-01-05 00:00 local
    message(3, "2026-01-05T02:00:00+00:00", tags=("promise_to_pay",), reply_to="n2"),
    message(4, "2026-01-05T03:00:00+00:00", kind="recalled"),
    message(5, "2026-01-20T03:00:00+00:00", tags=("debt_acknowledgement",)),
]


def test_the_range_is_in_local_days_and_inclusive() -> None:
    picked = select(CHAT, Scope("C", date_from="2026-01-05", date_to="2026-01-05"), SHANGHAI)
    assert [m.rowid for m in picked.included] == [2, 3, 4]
    assert picked.omitted == () and picked.counts == {"recalled": 1, "text": 2}
    assert picked.recalled == 1


def test_tagged_only_lists_each_untagged_message_in_range_with_a_reason() -> None:
    picked = select(CHAT, Scope("C", date_from="2026-01-05", tagged_only=True), SHANGHAI)
    # message 3 quotes message 2, so 2 comes along and is said to
    assert [m.rowid for m in picked.included] == [2, 3, 5]
    assert picked.included[0].note == "quoted by message 3"
    assert [(o.rowid, o.reason) for o in picked.omitted] == [(4, "not tagged")]


def test_a_reply_pulls_in_what_it_quotes_even_from_outside_the_range() -> None:
    picked = select(CHAT, Scope("C", date_from="2026-01-05", date_to="2026-01-05"), SHANGHAI)
    assert 2 in {m.rowid for m in picked.included}
    early = select(CHAT, Scope("C", date_from="2026-01-05", date_to="2026-01-05"), ZoneInfo("UTC"))
    # in UTC message 2 is on 2026-01-04, outside the range, yet quoted by message 3
    assert [m.rowid for m in early.included] == [2, 3, 4]
    assert early.included[0].note == "quoted by message 3"


def test_long_silences_inside_the_range_are_stated() -> None:
    picked = select(CHAT, Scope("C"), SHANGHAI)
    assert len(picked.gaps) == 1 and "(15 d)" in picked.gaps[0]


@pytest.mark.parametrize(
    ("scope", "where"),
    [
        (Scope("C", date_from="2026-02-30"), "--from"),
        (Scope("C", date_to="yesterday"), "--to"),
        (Scope("C", date_from="2026-02-02", date_to="2026-02-01"), "--from"),
        (Scope("C", language="fr"), "--language"),
        (Scope("C", page_cap=5), "--page-cap"),
    ],
)
def test_malformed_scopes_are_refused_with_the_option_named(scope: Scope, where: str) -> None:
    with pytest.raises(BadInput) as raised:
        check_scope(scope)
    assert raised.value.file == where
