"""A lone file imported into a contact that holds no message is parsed inside the import's
transaction, the row writer storing its messages' full-text rows while the WhatsApp importer
builds them (services/importing._import_streamed): what it seals and stores must be what the
parse-first path stores, and a cancel once those rows are written must leave nothing."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from evidence_desk.domain.errors import Cancelled
from evidence_desk.importers.base import EMIT_EVERY, ParsedChat, encode_chat
from evidence_desk.services import import_parsing, importing, reading
from evidence_desk.services.session import Session
from evidence_desk.services.verify import verify_store
from tests.helpers import Team, approved_contact, opened_imports

TZ = "Asia/Shanghai"
MESSAGES = 2 * EMIT_EVERY + 1500  # three batches handed over, the last one short


def _chat(folder: Path, name: str) -> Path:
    """A WhatsApp Android export whose every message holds a word of its own (``m00042x``)."""
    lines = []
    for i in range(MESSAGES):
        sender = "Li Ming" if i % 3 == 0 else "Chen Lixin"
        day, minute = 1 + (i // 1440) % 28, i % 1440
        lines.append(
            f"{day:02d}/02/2026, {minute // 60:02d}:{minute % 60:02d} - {sender}: "
            f"还款 m{i:05d}x 明天"
        )
    path = folder / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _full_text_rows(session: Session) -> int:
    return int(session.conn.execute("SELECT count(*) FROM message_text").fetchone()[0])


def _blob_files(session: Session) -> tuple[object, ...]:
    return frozenset(session.blobs.stored_names()), tuple(session.blobs.temp_files())


def test_a_lone_file_stores_its_full_text_rows_during_its_parse_as_the_parse_first_path_would(
    team: Team, tmp_path: Path
) -> None:
    """The full-text rows are in the transaction when the storing step begins (the parse-first
    path has not begun its transaction then); each finds its own message across the batches;
    the normalised digest is the one of the same file imported with another (parsed first)."""
    session, streamed_contact = approved_contact(team, tmp_path)
    _other, parsed_first_contact = approved_contact(
        team, tmp_path, handle="+8613900000000", display_name="Chen Er"
    )
    chat = _chat(tmp_path, "WhatsApp Chat with Chen Lixin.txt")
    pages = session.conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0]
    rows_when_storing: list[int] = []

    def progress(percent: int, _what: str) -> None:
        if percent == 85:
            rows_when_storing.append(_full_text_rows(session))

    result = importing.import_files(session, streamed_contact, [chat], tz=TZ, progress=progress)
    assert (result.messages_total, result.messages_new) == (MESSAGES, MESSAGES)
    assert rows_when_storing == [MESSAGES]
    # a large import's deferred checkpoint (decided once parsed) handed back the log's setting
    assert session.conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == pages

    second = tmp_path / "second.txt"
    second.write_text("01/03/2026, 09:00 - Chen Er: 好\n", encoding="utf-8")
    rows_when_storing.clear()
    both = importing.import_files(
        session, parsed_first_contact, [chat, second], tz=TZ, progress=progress
    )
    assert rows_when_storing == [MESSAGES]  # only the first contact's: nothing written yet
    assert both.messages_new == MESSAGES + 1

    parsed = import_parsing.parse_path(chat, TZ, None).result
    assert isinstance(parsed, ParsedChat)
    digest = hashlib.sha256(encode_chat(parsed)[0]).hexdigest()
    (streamed_row,) = opened_imports(session, "WHERE id = ?", result.import_ids[0])
    (first_row,) = opened_imports(session, "WHERE id = ?", both.import_ids[0])
    assert streamed_row["normalised_sha256"] == first_row["normalised_sha256"] == digest

    for i in (0, EMIT_EVERY - 1, EMIT_EVERY, 2 * EMIT_EVERY, MESSAGES - 1):
        (key,) = reading.search(session, streamed_contact, f"m{i:05d}x")
        assert f"m{i:05d}x" in reading.details(session, key[1]).message.text
    assert _full_text_rows(session) == 2 * MESSAGES + 1
    report = verify_store(session)
    assert report.intact, [f.as_json() for f in report.errors]


def test_a_cancel_after_the_full_text_rows_of_a_lone_file_leaves_nothing(
    team: Team, tmp_path: Path
) -> None:
    """Cancelled once its parse is done and its full-text rows are written: the transaction is
    rolled back with them and the sealed original removed."""
    session, contact_id = approved_contact(team, tmp_path)
    chat = _chat(tmp_path, "WhatsApp Chat with Chen Lixin.txt")
    blobs_before = _blob_files(session)
    counts = "SELECT (SELECT count(*) FROM messages), (SELECT count(*) FROM imports), " + (
        "(SELECT count(*) FROM blobs), (SELECT count(*) FROM ledger)"
    )
    before = tuple(session.conn.execute(counts).fetchone())
    seen: list[int] = []

    def progress(percent: int, _what: str) -> None:
        if percent == 85:
            seen.append(_full_text_rows(session))

    with pytest.raises(Cancelled):
        importing.import_files(
            session, contact_id, [chat], tz=TZ, progress=progress, cancelled=lambda: bool(seen)
        )
    assert seen == [MESSAGES]
    assert _full_text_rows(session) == 0
    assert tuple(session.conn.execute(counts).fetchone()) == before
    assert _blob_files(session) == blobs_before
    assert verify_store(session).intact
