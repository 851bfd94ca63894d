"""An import encodes, fingerprints, commits and stores a chat a batch at a time
(services/importing._encoded): what it seals and stores must not depend on where the batches
fall. Each import here is checked against the whole chat encoded at once and its commitments
re-derived from the case key (what verify and a rebuilding device compute)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from evidence_desk.importers.base import ParsedChat, encode_chat
from evidence_desk.services import bulk_rows, case_keys, commitments, import_parsing, importing
from evidence_desk.services.session import Session
from evidence_desk.services.verify import verify_store
from tests.helpers import Team, approved_contact, opened_imports
from tests.services.test_importing import WHATSAPP_EARLY, WHATSAPP_LATER

TZ = "Asia/Shanghai"
CASE = "2026-SH-1"  # approved_contact's


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_bytes(text.encode("utf-8"))
    return path


def _check_sealed(session: Session, contact_id: str, import_id: str, path: Path) -> None:
    """The import's row holds the digest of the whole normalised document, the commitments
    root re-derived from the case key and the original, and ``salts: derived``; each of its
    messages is stored under its fingerprint of the whole chat, linked in order."""
    parsed = import_parsing.parse_path(path, TZ, None).result
    assert isinstance(parsed, ParsedChat)
    normalised, contents, _sent_at = encode_chat(parsed)
    key = case_keys.case_key(session, CASE)
    assert key is not None
    derived = commitments.derive(key, contact_id, contents)
    (row,) = opened_imports(session, "WHERE id = ?", import_id)
    assert row["normalised_sha256"] == hashlib.sha256(normalised).hexdigest()
    assert row["commitments_root"] == derived.root
    assert commitments.salts_derived(json.loads(str(row["details"])))
    linked = session.conn.execute(
        "SELECT m.fingerprint, m.salt, m.commitment FROM message_sources s "
        "JOIN messages m ON m.rowid = s.message_rowid WHERE s.import_id = ? ORDER BY s.position",
        (import_id,),
    ).fetchall()
    assert [tuple(r) for r in linked] == [
        (f, salt.hex(), c)
        for f, salt, c in zip(derived.fingerprints, derived.salts, derived.commitments, strict=True)
    ]


@pytest.mark.parametrize("batch", [1, 2, 3, 4, bulk_rows.BATCH])
def test_a_first_and_an_overlapping_import_seal_the_same_whatever_the_batches(
    team: Team, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, batch: int
) -> None:
    """The first import stores every message (its full-text rows first); the second finds its
    first five stored and adds two. With 1, 2 or 4 a batch, the two identical "好" (the fourth
    and fifth messages) fall in different batches: their occurrence count carries over ("#1",
    "#2")."""
    monkeypatch.setattr(bulk_rows, "BATCH", batch)
    session, contact_id = approved_contact(team, tmp_path)
    early = _write(tmp_path, "early.txt", WHATSAPP_EARLY)
    later = _write(tmp_path, "later.txt", WHATSAPP_LATER)
    first = importing.import_files(session, contact_id, [early], tz=TZ)
    assert (first.messages_total, first.messages_new) == (5, 5)
    second = importing.import_files(session, contact_id, [later], tz=TZ)
    assert (second.messages_total, second.messages_new) == (7, 2)
    _check_sealed(session, contact_id, first.import_ids[0], early)
    _check_sealed(session, contact_id, second.import_ids[0], later)
    (row,) = opened_imports(session, "WHERE id = ?", second.import_ids[0])
    assert row["new_messages"] == 2
    hits = session.conn.execute(
        "SELECT count(*) FROM message_text WHERE message_text MATCH ?", ('"二月底前还清"',)
    ).fetchone()[0]
    assert hits == 1
    assert session.conn.execute("SELECT count(*) FROM message_text").fetchone()[0] == 7
    assert verify_store(session).intact


def test_two_overlapping_exports_in_one_import_in_batches(
    team: Team, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The second export's first five messages are the first export's, stored in the same
    transaction: known by the time its batches are committed, linked, not stored twice."""
    monkeypatch.setattr(bulk_rows, "BATCH", 2)
    session, contact_id = approved_contact(team, tmp_path)
    early = _write(tmp_path, "early.txt", WHATSAPP_EARLY)
    later = _write(tmp_path, "later.txt", WHATSAPP_LATER)
    result = importing.import_files(session, contact_id, [early, later], tz=TZ)
    assert (result.messages_total, result.messages_new) == (12, 7)
    for import_id, path in zip(result.import_ids, [early, later], strict=True):
        _check_sealed(session, contact_id, import_id, path)
    news = [
        opened_imports(session, "WHERE id = ?", import_id)[0]["new_messages"]
        for import_id in result.import_ids
    ]
    assert news == [5, 2]
    assert session.conn.execute("SELECT count(*) FROM messages").fetchone()[0] == 7
    assert session.conn.execute("SELECT count(*) FROM message_text").fetchone()[0] == 7
    assert verify_store(session).intact
