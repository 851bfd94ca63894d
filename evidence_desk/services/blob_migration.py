"""Re-encrypting an older store's originals under their cases' keys, at an admin's login.

A store written before originals went under the case key (services/case_blobs.py) holds each
original once, under the store's blob keys, shared by every case that refers to it. After the
per-case key migration (services/case_keys.migrate_store) the admin holds every case key, and
:func:`migrate_blobs` gives each case its own copy, in three steps, so that a crash at any
point leaves a store that opens and verifies:

1. write the new files, each fsynced and renamed into place (store/blobs.py) before anything
   refers to it: a crash here leaves orphans (verify's warning, never evidence), and the next
   login finds them by name and adopts them;
2. one ``case_keys.migrate_blobs`` entry (admin only, replayed by verify) that puts each copy
   (``case_blobs``) and clears ``blobs.name`` of every original all of whose cases now hold
   a copy; until it commits, the old files are what every row names;
3. after the commit, delete the old files. A crash before that leaves them as orphans, which
   :func:`remove_replaced` deletes at the next admin login.

An original that does not decrypt or hash to its record stays where it is (verify reports it).
A shredded case's originals are never re-encrypted (its key is destroyed for good).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Sequence
from pathlib import Path

from evidence_desk.domain.errors import StoreBusy, StoreError
from evidence_desk.domain.models import Role
from evidence_desk.integrity.ledger import Entry
from evidence_desk.services import case_blobs
from evidence_desk.services.row_changes import RowChange, put
from evidence_desk.store.blobs import BlobCorrupted, SealedBlob
from evidence_desk.store.files import fsync_dir


def after_login(session: case_blobs.BlobSession) -> None:
    """An admin's login migrates what is left (best effort, as the key migration: a store
    that cannot be written now is migrated at a later login)."""
    if session.user.role != Role.ADMIN:
        return
    with contextlib.suppress(StoreError, StoreBusy):
        migrate_blobs(session)
        remove_replaced(session)


def _pending(session: case_blobs.BlobSession) -> list[tuple[str, str]]:
    """(case, sha256) of every original a case refers to through the file under the store key
    (no copy of its own yet), for cases not shredded."""
    conn = session.conn
    return [
        (str(r[0]), str(r[1]))
        for r in conn.execute(
            "SELECT DISTINCT c.case_no, r.sha256 FROM (SELECT contact_id, sha256 FROM items "
            "UNION SELECT contact_id, sha256 FROM imports) r "
            "JOIN contacts c ON c.id = r.contact_id "
            "JOIN blobs b ON b.sha256 = r.sha256 AND b.name != '' "
            "WHERE c.case_no NOT IN (SELECT case_no FROM shreddings) "
            "AND NOT EXISTS (SELECT 1 FROM case_blobs k WHERE k.case_no = c.case_no "
            "AND k.sha256 = r.sha256) ORDER BY 1, 2"
        )
    ]


def migrate_blobs(session: case_blobs.BlobSession) -> Entry | None:
    """Give every case its own copy of the originals it holds under the store key (the
    module docstring says how); None when there is nothing to do."""
    pending = _pending(session)
    copies: list[tuple[str, SealedBlob]] = []
    try:
        for case_no, sha256 in pending:
            store = case_blobs.store_of(session, case_no)
            if store is None:
                continue  # a key this admin does not hold (yet): a later login
            try:
                blob = store.seal_chunks(session.blobs.iter_plaintext(sha256))
            except BlobCorrupted:
                continue  # stays under the store key; verify reports it
            if blob.digests.sha256 != sha256:
                _remove(session, [blob.name])  # not the original it is recorded as
                continue
            copies.append((case_no, blob))
        if not copies:
            return None
        entry = session.write(
            "case_keys.migrate_blobs",
            {
                "reason": "migration",
                "cases": len({case_no for case_no, _blob in copies}),
                "copies": len(copies),
            },
            _rows(pending, copies),
        )
    except BaseException:
        _remove(session, [blob.name for _case, blob in copies])
        raise
    remove_replaced(session)
    return entry


def _rows(
    pending: Sequence[tuple[str, str]], copies: Sequence[tuple[str, SealedBlob]]
) -> list[RowChange]:
    made = {(case_no, blob.digests.sha256) for case_no, blob in copies}
    rows: list[RowChange] = [
        put("case_blobs", {"name": blob.name, "case_no": case_no, "sha256": blob.digests.sha256})
        for case_no, blob in copies
    ]
    # an original whose every case (not shredded) now holds a copy: no file under the store key
    left = {sha256 for case_no, sha256 in pending if (case_no, sha256) not in made}
    done = sorted({sha256 for _case, sha256 in made} - left)
    return rows + [put("blobs", {"sha256": sha256, "name": ""}) for sha256 in done]


def remove_replaced(session: case_blobs.BlobSession) -> int:
    """Delete the files under the store key that no row names any more (their originals were
    re-encrypted for their cases); returns how many. Each is an orphan until then. Only files
    no row names are looked at (one listing of the folder), so an admin's login in a store
    without orphans costs no more than that listing."""
    conn = session.conn
    named = {str(r[0]) for r in conn.execute("SELECT name FROM case_blobs")}
    named |= {str(r[0]) for r in conn.execute("SELECT name FROM blobs WHERE name != ''")}
    orphans = session.blobs.stored_names() - named
    if not orphans:
        return 0
    names: list[str] = []
    for (sha256,) in conn.execute("SELECT sha256 FROM blobs WHERE name = ''"):
        with contextlib.suppress(AttributeError, ValueError):
            name = session.blobs.name_for(str(sha256))
            if name in orphans:
                names.append(name)
    _remove(session, names)
    return len(names)


def _remove(session: case_blobs.BlobSession, names: Sequence[str]) -> None:
    folders: set[Path] = set()
    for name in names:
        path = session.blobs.path_for_name(name)
        if case_blobs.file_referenced(session.conn, name):
            continue
        with contextlib.suppress(OSError):
            os.unlink(path)
            folders.add(path.parent)
    for folder in folders:
        with contextlib.suppress(OSError):
            fsync_dir(folder)
