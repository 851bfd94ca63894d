"""Leaving out chats and participants at import (PI-2): recorded, not stored, replayed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from evidence_desk.domain.errors import ImportInputError
from evidence_desk.services import case_blobs, import_preview, importing, reading
from evidence_desk.services.leave_out import LeaveOut, participant_digest
from evidence_desk.services.session import Session
from evidence_desk.services.verify import verify_store
from tests.helpers import COURT, Team, approved_contact, opened_imports, pdf_text, raw_connection

GROUP_CHAT = (
    "05/01/2026, 09:00 - Li Ming: 您好，我是示例汽车金融的李明。\n"
    "05/01/2026, 09:05 - Chen Lixin: 知道了\n"
    "05/01/2026, 09:06 - Zhao Qiang: 我是他朋友，卡号 6222 0212 3456 7890 123\n"
    "05/01/2026, 09:07 - Chen Lixin: 我 1 月 20 号先还 5000\n"
    "05/01/2026, 09:08 - Zhao Qiang: 别找我\n"
)
TELEGRAM_FULL = Path(__file__).parents[1] / "importers/fixtures/telegram/full_export_result.json"


@pytest.fixture
def approved(team: Team, tmp_path: Path) -> tuple[Session, str]:
    return approved_contact(team, tmp_path)


def _chat(tmp_path: Path) -> Path:
    path = tmp_path / "WhatsApp Chat with Chen Lixin.txt"
    path.write_text(GROUP_CHAT, encoding="utf-8")
    return path


def test_preview_lists_participants_and_counts_without_the_left_out(
    approved: tuple[Session, str], tmp_path: Path
) -> None:
    session, contact_id = approved
    path = _chat(tmp_path)
    full = import_preview.preview_import(session, contact_id, [path], tz="Asia/Shanghai")
    assert full.chats[0].senders == ("Li Ming", "Chen Lixin", "Zhao Qiang")
    assert full.chats[0].message_count == 5 and full.chats[0].left_out_messages == 0
    leave = LeaveOut.of(participants=["Zhao Qiang"])
    less = import_preview.preview_import(
        session, contact_id, [path], tz="Asia/Shanghai", leave=leave
    )
    chat = less.chats[0]
    assert chat.message_count == 3 and chat.left_out_messages == 2
    assert chat.left_out_participants == ("Zhao Qiang",)
    assert "Zhao Qiang" not in chat.participants and "Zhao Qiang" in chat.senders


def test_left_out_messages_are_not_stored_or_searchable_and_verify_replays(
    approved: tuple[Session, str], tmp_path: Path
) -> None:
    session, contact_id = approved
    path = _chat(tmp_path)
    leave = LeaveOut.of(participants=["Zhao Qiang"])
    result = importing.import_files(session, contact_id, [path], tz="Asia/Shanghai", leave=leave)
    assert result.messages_total == 3
    texts = [m.text for m in reading.list_messages(session, contact_id)]
    assert texts == ["您好，我是示例汽车金融的李明。", "知道了", "我 1 月 20 号先还 5000"]
    assert reading.search(session, contact_id, "别找我") == []
    assert reading.search(session, contact_id, "6222") == []
    # the original is kept whole, byte for byte
    [row] = opened_imports(session)
    assert case_blobs.read_bytes(session, row["sha256"]) == path.read_bytes()
    # recorded as facts: the digest of the name (not the name), the count
    details = json.loads(row["details"])
    assert details["left_out"] == {
        "chats": [],
        "participants": [participant_digest("Zhao Qiang")],
        "messages": 2,
    }
    assert "Zhao Qiang" not in row["details"]
    # the entry's payload says how much was left out, never whom (nor the name's digest)
    payload = session.conn.execute("SELECT payload FROM ledger ORDER BY seq DESC").fetchone()[0]
    [summary] = json.loads(payload)["imports"]
    assert summary["left_out"] == {"chats": 0, "participants": 1, "messages": 2}
    assert participant_digest("Zhao Qiang") not in payload and "Zhao Qiang" not in payload
    report = verify_store(session)
    assert report.intact, report.findings


def test_an_import_leaving_nothing_out_records_nothing(
    approved: tuple[Session, str], tmp_path: Path
) -> None:
    session, contact_id = approved
    importing.import_files(session, contact_id, [_chat(tmp_path)], tz="Asia/Shanghai")
    details = json.loads(opened_imports(session)[0]["details"])
    assert "left_out" not in details


def test_tampered_exclusion_record_fails_verify(
    approved: tuple[Session, str], team: Team, tmp_path: Path, store_path: Path
) -> None:
    session, contact_id = approved
    leave = LeaveOut.of(participants=["Zhao Qiang"])
    importing.import_files(session, contact_id, [_chat(tmp_path)], tz="Asia/Shanghai", leave=leave)
    conn = raw_connection(store_path, "alice", team.passwords["alice"])
    details = json.loads(opened_imports(session)[0]["details"])
    # claim that someone else was left out: re-parsing with that record gives other messages
    details["left_out"]["participants"] = [participant_digest("Li Ming")]
    conn.execute("UPDATE imports SET details = ?", (json.dumps(details, ensure_ascii=False),))
    conn.commit()
    conn.close()
    report = verify_store(team.login("alice"))
    codes = {f.code for f in report.findings}
    assert not report.intact
    assert {"import.left_out", "import.normalised"} <= codes, codes


def test_multi_chat_export_keeps_the_chat_not_left_out(team: Team, tmp_path: Path) -> None:
    session, contact_id = approved_contact(
        team, tmp_path, channel="telegram", handle="wangfang", display_name="王芳"
    )
    preview = import_preview.preview_import(session, contact_id, [TELEGRAM_FULL], tz="UTC")
    assert preview.chats == () and len(preview.to_choose) == 1
    offered = preview.to_choose[0].chats
    assert [(c.id, c.name, c.left_out) for c in offered] == [
        ("1111111", "王芳", False),
        ("4444444", "催收组", False),
        ("2222222", "", False),
    ]
    with pytest.raises(ImportInputError):
        importing.import_files(session, contact_id, [TELEGRAM_FULL], tz="UTC")
    leave = LeaveOut.of(chats=["4444444", "2222222"])
    chosen = import_preview.preview_import(
        session, contact_id, [TELEGRAM_FULL], tz="UTC", leave=leave
    )
    assert chosen.to_choose == () and chosen.chats[0].title == "王芳"
    assert [c.left_out for c in chosen.chats[0].chats] == [False, True, True]
    result = importing.import_files(session, contact_id, [TELEGRAM_FULL], tz="UTC", leave=leave)
    assert result.messages_total == 2
    details = json.loads(opened_imports(session)[0]["details"])
    assert details["left_out"] == {
        "chat": "1111111",
        "chats": ["2222222", "4444444"],
        "participants": [],
        "messages": 0,
    }
    assert verify_store(session).intact


def test_left_out_messages_are_not_in_the_bundle(
    approved: tuple[Session, str], team: Team, tmp_path: Path
) -> None:

    from evidence_desk.bundle.model import Scope
    from evidence_desk.services import bundle

    session, contact_id = approved
    leave = LeaveOut.of(participants=["Zhao Qiang"])
    importing.import_files(session, contact_id, [_chat(tmp_path)], tz="Asia/Shanghai", leave=leave)
    result = bundle.export_bundle(
        team.login("lee"), Scope("2026-SH-1"), tmp_path / "out", recipient=COURT, stamp_first=False
    )
    assert result.messages_included == 3
    text = pdf_text(result.pdf_paths[0])
    assert "知道了" in text and "别找我" not in text and "Zhao Qiang" not in text
