"""A lone file imported into a contact that holds no message is parsed inside the import's
transaction, its messages encoded, committed, sealed and handed to the row writer a batch at a
time while the WhatsApp importer builds them (services/importing._import_streamed,
_MessageStream): what it seals and stores must be what the parse-first path stores, and a
cancel or a refusal must leave nothing."""

from __future__ import annotations

import hashlib
import time
from pathlib import Path

import pytest

from evidence_desk.domain.errors import Cancelled, ImportInputError
from evidence_desk.importers.base import EMIT_EVERY, ParsedChat, encode_chat
from evidence_desk.importers.text import MAX_LINE_CHARS
from evidence_desk.services import import_parsing, importing, reading
from evidence_desk.services.session import Session
from evidence_desk.services.verify import verify_store
from tests.helpers import Team, approved_contact, opened_imports

TZ = "Asia/Shanghai"
MESSAGES = 2 * EMIT_EVERY + 1500  # four batches handed over: EMIT_FIRST, two full, a short one
NAME = "WhatsApp Chat with Chen Lixin.txt"


def _chat(folder: Path, *, contact_only: int = 0, tail: str = "") -> Path:
    """A WhatsApp Android export whose every message holds a word of its own (``m00042x``);
    the first ``contact_only`` messages are all the contact's (Chen Lixin's); ``tail`` ends it."""
    lines = []
    for i in range(MESSAGES):
        sender = "Chen Lixin" if i < contact_only or i % 3 else "Li Ming"
        day, minute = 1 + (i // 1440) % 28, i % 1440
        lines.append(
            f"{day:02d}/02/2026, {minute // 60:02d}:{minute % 60:02d} - {sender}: "
            f"还款 m{i:05d}x 明天"
        )
    path = folder / NAME
    path.write_text("\n".join(lines) + "\n" + tail, encoding="utf-8")
    return path


class _WriterProbe:
    """The import's cancel callback, used as a probe: once the parsing step is reported, the
    import asks it once per batch handed over (inside the parse). At the ``at``-th of those it
    waits until the store's connection has made a batch's worth of changes since the parse
    began (the row writer stored messages while the parse goes on: it cannot be the
    parse-first path, which writes nothing before the parse ends), then answers ``cancel``."""

    def __init__(self, session: Session, at: int, *, cancel: bool) -> None:
        self.session, self.at, self.cancel = session, at, cancel
        self.calls = 0
        self.baseline: int | None = None
        self.stored_during_parse = 0

    def progress(self, _percent: int, what: str) -> None:
        if what.startswith("Reading") and self.baseline is None:
            self.baseline = self.session.conn.total_changes

    def __call__(self) -> bool:
        if self.baseline is None:
            return False
        self.calls += 1
        if self.calls != self.at:
            return False
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            self.stored_during_parse = self.session.conn.total_changes - self.baseline
            if self.stored_during_parse >= EMIT_EVERY:
                break
            time.sleep(0.01)
        return self.cancel


_ROWS = (
    "SELECT m.fingerprint, m.sent_at, m.time_text, m.direction, m.kind, m.flags, m.native_id, "
    "m.reply_to, s.position FROM message_sources s JOIN messages m ON m.rowid = s.message_rowid "
    "WHERE s.import_id = ? ORDER BY s.position"
)


def _rows(session: Session, import_id: str) -> list[tuple[object, ...]]:
    return [tuple(r) for r in session.conn.execute(_ROWS, (import_id,))]


def _counts(session: Session) -> tuple[int, ...]:
    return tuple(
        session.conn.execute(
            "SELECT (SELECT count(*) FROM messages), (SELECT count(*) FROM imports), "
            "(SELECT count(*) FROM blobs), (SELECT count(*) FROM ledger), "
            "(SELECT count(*) FROM message_text), (SELECT count(*) FROM message_sources)"
        ).fetchone()
    )


def _blob_files(session: Session) -> tuple[object, ...]:
    return frozenset(session.blobs.stored_names()), tuple(session.blobs.temp_files())


def _streamed_and_parsed_first(
    team: Team, tmp_path: Path, chat: Path
) -> tuple[Session, str, str, _WriterProbe]:
    """``chat`` imported alone into one contact (streamed, probed at its third batch) and with
    another file into a second contact (parsed first); the two import ids and the probe."""
    session, streamed_contact = approved_contact(team, tmp_path)
    # the same person on a second number: our account is inferred alike for both contacts
    _other, parsed_first_contact = approved_contact(team, tmp_path, handle="+8613900000000")
    probe = _WriterProbe(session, 3, cancel=False)
    cache = session.conn.execute("PRAGMA cache_size").fetchone()[0]
    result = importing.import_files(
        session, streamed_contact, [chat], tz=TZ, progress=probe.progress, cancelled=probe
    )
    assert (result.messages_total, result.messages_new) == (MESSAGES, MESSAGES)
    # the large import's page cache handed back
    assert session.conn.execute("PRAGMA cache_size").fetchone()[0] == cache
    second = tmp_path / "second.txt"
    second.write_text("01/03/2026, 09:00 - Chen Lixin: 好\n", encoding="utf-8")
    both = importing.import_files(session, parsed_first_contact, [chat, second], tz=TZ)
    assert both.messages_new == MESSAGES + 1
    return session, result.import_ids[0], both.import_ids[0], probe


def test_a_lone_file_stores_its_messages_during_its_parse_as_the_parse_first_path_would(
    team: Team, tmp_path: Path
) -> None:
    """The writer stored rows before the parse ended; every message row (but the contact's own
    salts, commitments and ciphertexts), its position and the normalised digest are the
    parse-first path's; each message is found by its word across the batches; verify, which
    re-parses the original and recomputes the commitments, finds the store intact."""
    chat = _chat(tmp_path)
    session, streamed, parsed_first, probe = _streamed_and_parsed_first(team, tmp_path, chat)
    assert probe.stored_during_parse >= EMIT_EVERY
    pages_before = session.conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0]
    assert pages_before > 0  # the deferred checkpoint handed the log's setting back
    streamed_rows = _rows(session, streamed)
    assert len(streamed_rows) == MESSAGES
    assert streamed_rows == _rows(session, parsed_first)

    parsed = import_parsing.parse_path(chat, TZ, None).result
    assert isinstance(parsed, ParsedChat)
    digest = hashlib.sha256(encode_chat(parsed)[0]).hexdigest()
    (streamed_row,) = opened_imports(session, "WHERE id = ?", streamed)
    (first_row,) = opened_imports(session, "WHERE id = ?", parsed_first)
    assert streamed_row["normalised_sha256"] == first_row["normalised_sha256"] == digest
    assert streamed_row["our_account"] == first_row["our_account"] == "Li Ming"
    assert streamed_row["details"] == first_row["details"]  # salts: derived, in both

    contact_id = streamed_row["contact_id"]
    for i in (0, EMIT_EVERY - 1, EMIT_EVERY, 2 * EMIT_EVERY, MESSAGES - 1):
        (key,) = reading.search(session, contact_id, f"m{i:05d}x")
        assert f"m{i:05d}x" in reading.details(session, key[1]).message.text
    assert _counts(session)[4] == 2 * MESSAGES + 1  # one full-text row per message
    report = verify_store(session)
    assert report.intact, [f.as_json() for f in report.errors]


def test_directions_written_before_the_chat_names_our_account_are_put_right(
    team: Team, tmp_path: Path
) -> None:
    """The first batch holds only the contact's messages, so it points to no account of ours;
    the whole chat says Li Ming: his messages are stored ``out``, as the parse-first path
    stores them."""
    chat = _chat(tmp_path, contact_only=EMIT_EVERY + 10)
    session, streamed, parsed_first, _probe = _streamed_and_parsed_first(team, tmp_path, chat)
    streamed_rows = _rows(session, streamed)
    assert streamed_rows == _rows(session, parsed_first)
    directions = {row[3] for row in streamed_rows[: EMIT_EVERY + 10]}
    assert directions == {"in"}
    assert {row[3] for row in streamed_rows[EMIT_EVERY + 10 :]} == {"in", "out"}
    assert verify_store(session).intact


def test_a_cancel_while_the_messages_are_stored_during_the_parse_leaves_nothing(
    team: Team, tmp_path: Path
) -> None:
    """Cancelled at the third batch, once the writer has stored rows of the first ones: the
    transaction is rolled back with them and the sealed original removed."""
    session, contact_id = approved_contact(team, tmp_path)
    chat = _chat(tmp_path)
    blobs_before, before = _blob_files(session), _counts(session)
    probe = _WriterProbe(session, 3, cancel=True)
    with pytest.raises(Cancelled):
        importing.import_files(
            session, contact_id, [chat], tz=TZ, progress=probe.progress, cancelled=probe
        )
    assert probe.stored_during_parse >= EMIT_EVERY
    assert _counts(session) == before
    assert _blob_files(session) == blobs_before
    assert verify_store(session).intact


def test_a_bad_line_at_the_end_of_a_large_lone_file_stores_nothing_and_names_the_line(
    team: Team, tmp_path: Path
) -> None:
    """A line past the length limit after every message: the import is refused naming the
    file and that line, and the store is as before (the WhatsApp importer judges every line
    in its first pass, before it hands over any message)."""
    session, contact_id = approved_contact(team, tmp_path)
    chat = _chat(tmp_path, tail="x" * (MAX_LINE_CHARS + 1) + "\n")
    blobs_before, before = _blob_files(session), _counts(session)
    with pytest.raises(ImportInputError) as refused:
        importing.import_files(session, contact_id, [chat], tz=TZ)
    assert (refused.value.file, refused.value.locator) == (NAME, f"line {MESSAGES + 1}")
    assert _counts(session) == before
    assert _blob_files(session) == blobs_before
    assert verify_store(session).intact
