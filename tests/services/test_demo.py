"""The demo store the README's first command opens: complete, and intact by ``verify``."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from evidence_desk.services import conduct, contacts, reading
from evidence_desk.services.demo import (
    DEMO_USERS,
    PLANTED_RULE,
    PLANTED_TEXT,
    ensure_demo_store,
    story_start,
)
from evidence_desk.services.session import Session
from evidence_desk.services.verify import verify_store


def test_the_demo_store_holds_every_kind_of_exhibit_and_verifies(tmp_path: Path) -> None:
    created = ensure_demo_store(tmp_path / "demo")
    assert created.created
    with Session.open(created.path, "wang.legal", DEMO_USERS["wang.legal"][1]) as legal:
        [contact] = contacts.list_contacts(legal)
        roles = sorted(i.role for i in contacts.contact_items(legal, contact.id))
        assert roles == [
            "chat_export",
            "debt_confirmation",
            "identity_proof",
            "recording",
            "screenshot",
        ]
        report = verify_store(legal)
        assert report.intact, report.errors
    again = ensure_demo_store(tmp_path / "demo")  # the second launch opens it as it is
    assert not again.created


def test_the_product_demo_queues_its_stamps_and_the_checkout_stamps_it_once(
    tmp_path: Path,
) -> None:
    from evidence_desk.services import timestamps
    from evidence_desk_testing.demo_tsa import DEMO_TSA_NAME, stamp_demo_store

    demo = ensure_demo_store(tmp_path / "demo")
    admin, password = "admin", DEMO_USERS["admin"][1]
    with Session.open(demo.path, admin, password) as session:
        assert timestamps.list_authorities(session) == []  # the product ships no TSA
        assert timestamps.status(session).stamped_size == 0  # its checkpoints queue
    outcome = stamp_demo_store(demo.path)  # what `python3 tasks.py app` runs from a checkout
    assert outcome is not None and outcome.stamped and outcome.tsa_name == DEMO_TSA_NAME
    with Session.open(demo.path, admin, password) as session:
        stamped = timestamps.status(session)
        assert stamped.stamped_size > 0 and stamped.newest_gen_time is not None
        report = verify_store(session)
        assert report.intact, report.errors
    assert stamp_demo_store(demo.path) is None  # the next launch leaves it as it is


def _instant(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def test_the_demo_tells_its_history_in_order_with_one_planted_finding(tmp_path: Path) -> None:
    """Request with its documents, approval by a supervisor minutes later, then the export whose
    first line is the friend-added line; one conduct finding, labelled as planted."""
    demo = ensure_demo_store(tmp_path / "demo")
    with Session.open(demo.path, "wang.legal", DEMO_USERS["wang.legal"][1]) as legal:
        [contact] = contacts.list_contacts(legal)
        requested, approved = _instant(contact.requested_at), _instant(contact.decided_at or "")
        assert contact.requested_by == "zhang.staff" and contact.decided_by == "li.supervisor"
        assert approved > requested + timedelta(minutes=1)
        documents = [
            i
            for i in contacts.contact_items(legal, contact.id)
            if i.role in ("identity_proof", "debt_confirmation")
        ]
        assert {i.file_name.rsplit(".", 1)[1] for i in documents} == {"png", "pdf"}
        assert all(_instant(i.added_at) <= requested + timedelta(seconds=5) for i in documents)
        messages = reading.list_messages(legal, contact.id)
        first = messages[0]
        assert first.text == "你已添加了陈立新，现在可以开始聊天了。"
        assert _instant(first.sent_at) > approved
        imported = max(_instant(i.added_at) for i in contacts.contact_items(legal, contact.id))
        assert _instant(messages[-1].sent_at) < imported < datetime.now(UTC)
        # the whole story happens in daytime Shanghai, within a day of the store's creation
        zone = ZoneInfo("Asia/Shanghai")
        assert all(8 <= _instant(m.sent_at).astimezone(zone).hour < 22 for m in messages)
        assert datetime.now(UTC) - requested < timedelta(hours=24)

        report = conduct.report(legal)
        [planted] = report.findings
        assert planted.rule == PLANTED_RULE
        texts = {m.rowid: m.text for m in messages}
        assert planted.message_id is not None and texts[planted.message_id] == PLANTED_TEXT
        assert planted.acknowledged and planted.ack_note and "planted" in planted.ack_note
        assert "演示" in planted.ack_note
        report = verify_store(legal)
        assert report.intact, report.errors


@pytest.mark.parametrize(
    ("now", "start"),
    [
        ("2026-12-05T10:00:00+00:00", "2026-12-05T12:50:00+08:00"),  # 18:00 in Shanghai
        ("2026-12-05T18:50:00+00:00", "2026-12-05T16:30:00+08:00"),  # 02:50: last afternoon
        ("2026-12-05T04:00:00+00:00", "2026-12-04T16:30:00+08:00"),  # 12:00: the day before
        ("2026-12-05T05:39:00+00:00", "2026-12-04T16:30:00+08:00"),  # the longest wait
    ],
)
def test_the_story_starts_in_daytime_and_ends_before_the_store_is_made(
    now: str, start: str
) -> None:
    begins = story_start(datetime.fromisoformat(now))
    assert begins == datetime.fromisoformat(start)
    # a first stamp at the first launch is never "over 24 hours" late
    assert timedelta(hours=5) < datetime.fromisoformat(now) - begins < timedelta(hours=22)


def test_the_demo_card_passes_luhn_and_is_masked_either_way() -> None:
    """The planted card is a realistic one (Luhn-valid), and a card word before it makes it a
    card even with a typo: the demo's bundle masks it whichever way it is found."""
    from evidence_desk.domain import sensitive_numbers

    [span] = sensitive_numbers.find(PLANTED_TEXT)
    card = PLANTED_TEXT[span.start : span.end]
    digits = card.replace(" ", "")
    assert span.kind == "card" and sensitive_numbers.luhn_valid(digits)
    assert sensitive_numbers.mask(PLANTED_TEXT).count("****") == 3
    typo = PLANTED_TEXT.replace(card, card[:-1] + str((int(card[-1]) + 1) % 10))
    assert not sensitive_numbers.luhn_valid(digits[:-1] + str((int(digits[-1]) + 1) % 10))
    assert digits[:-1] not in sensitive_numbers.mask(typo).replace(" ", "")
