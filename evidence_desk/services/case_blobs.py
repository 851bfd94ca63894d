"""Originals under the case key: which blob store holds a case's copy of an original.

Each case holds its own copy of every original it refers to (a chat export, a screenshot, a
recording, a request document), encrypted under two keys derived from the case key
(store/case_keys.blob_keys) and named by an HMAC under the second; the projected table
``case_blobs`` (migration 11) records each copy: (file name, case, SHA-256). The same file in
two cases is therefore two files, and destroying a case's key (crypto-shredding) leaves
nothing of its originals that any other key opens. ``blobs`` keeps one row per original (its
digests, size and kind) and, in ``name``, the file under the store's own blob keys: what every
original was before per-case keys, "" once no such file exists (a new original, or one the
admin's login re-encrypted: services/blob_migration.py).

Reading goes through :func:`reader` (or :func:`read_bytes`): the case's copy, opened with the
case key this session holds; an original of a store not migrated yet, with the store key. A
reader who holds no key of the case gets :class:`OriginalSealed` (rule ``case.key_missing``),
never the file. Writing goes through :func:`writer`: the case's store, or the store key for a
case that has no key at all yet (a store from before per-case keys, until an admin's login
migrates it, which then re-encrypts these too).
"""

from __future__ import annotations

from typing import Protocol

from evidence_desk.domain.errors import RuleViolation
from evidence_desk.domain.wording import Catalogue
from evidence_desk.services import case_keys
from evidence_desk.store import case_keys as ck
from evidence_desk.store import db
from evidence_desk.store.blobs import BlobCorrupted, BlobStore

_said = Catalogue(
    {
        "originals.key_missing": "the originals of case {case} are encrypted under the case's "
        "key, which you do not hold yet: an admin's next login wraps it for you",
        "originals.missing": "blob file is missing",
    }
)


class BlobSession(case_keys.KeySession, Protocol):
    """What this module needs of a session: the per-case keys, and the store's own blob store
    (originals of a store not migrated yet)."""

    blobs: BlobStore


class OriginalSealed(RuleViolation):
    """The original is held only under the key of a case this user holds no key of."""

    def __init__(self, case_no: str) -> None:
        super().__init__("case.key_missing", _said("originals.key_missing", case=case_no))
        self.case_no = case_no


def store_of(session: case_keys.KeySession, case_no: str) -> BlobStore | None:
    """The blob store of ``case_no``'s originals, or None when this user holds no key of it."""
    key = case_keys.case_key(session, case_no)
    if key is None:
        return None
    content_key, name_key = ck.blob_keys(key)
    return BlobStore(session.folder.blob_root, content_key, name_key)


def is_keyed(conn: db.Connection, case_no: str) -> bool:
    """Has ``case_no`` a case key (held by anyone), or had it one (shredded)?"""
    for sql in (
        "SELECT 1 FROM case_key_wraps WHERE case_no = ? LIMIT 1",
        "SELECT 1 FROM shreddings WHERE case_no = ?",
    ):
        if conn.execute(sql, (case_no,)).fetchone() is not None:
            return True
    row = conn.execute("SELECT debtor_name FROM cases WHERE case_no = ?", (case_no,)).fetchone()
    return row is not None and ck.is_sealed(row[0])


def writer(session: BlobSession, case_no: str) -> tuple[BlobStore, bool]:
    """Where a new original of ``case_no`` is sealed: (the case's store, True), or (the store's
    own, False) for a case without any key yet. Refused (``case.key_missing``) for a case
    whose key this user does not hold: an original under the store key beside the case's
    copies would undo them."""
    store = store_of(session, case_no)
    if store is not None:
        return store, True
    if is_keyed(session.conn, case_no):
        raise OriginalSealed(case_no)
    return session.blobs, False


def legacy_name(conn: db.Connection, sha256: str) -> str | None:
    """The original's file under the store key, or None (there is none)."""
    row = conn.execute("SELECT name FROM blobs WHERE sha256 = ?", (sha256,)).fetchone()
    return str(row[0]) if row is not None and row[0] else None


def reader(session: BlobSession, sha256: str, case_no: str | None = None) -> BlobStore:
    """The blob store that opens a copy of ``sha256``: ``case_no``'s copy (any copy this
    session can open when None), else the file under the store key. Raises
    :class:`OriginalSealed` when only a copy this user holds no key of exists, and
    BlobCorrupted (missing) when there is none."""
    sql, args = "SELECT case_no FROM case_blobs WHERE sha256 = ?", [sha256]
    if case_no is not None:
        sql, args = sql + " AND case_no = ?", [sha256, case_no]
    copies = [str(r[0]) for r in session.conn.execute(sql + " ORDER BY case_no", args)]
    for copy_case in copies:
        store = store_of(session, copy_case)
        if store is not None:
            return store
    if (case_no is None or not copies) and legacy_name(session.conn, sha256) is not None:
        return session.blobs
    if copies:
        raise OriginalSealed(copies[0])
    raise BlobCorrupted(_said("originals.missing"))


def read_bytes(session: BlobSession, sha256: str, case_no: str | None = None) -> bytes:
    return reader(session, sha256, case_no).read_bytes(sha256)


def contact_case(conn: db.Connection, contact_id: str) -> str | None:
    row = conn.execute("SELECT case_no FROM contacts WHERE id = ?", (contact_id,)).fetchone()
    return None if row is None else str(row[0])


def file_referenced(conn: db.Connection, name: str) -> bool:
    """Does a committed row name this blob file (a case's copy, or a file under the store
    key)? A file no row names is an orphan: never evidence, reported by verify."""
    for sql in (
        "SELECT 1 FROM case_blobs WHERE name = ?",
        "SELECT 1 FROM blobs WHERE name = ?",
    ):
        if conn.execute(sql, (name,)).fetchone() is not None:
            return True
    return False
