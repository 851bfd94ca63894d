"""Opening the SQLCipher database and bringing its schema forward.

The whole file is encrypted with a key derived from the store's data key; without it the file
is indistinguishable from random bytes. Connections run in autocommit mode and every write use
case opens its own ``BEGIN IMMEDIATE`` transaction, so a use case's rows and its ledger entry
commit together or not at all. WAL mode lets readers keep a consistent snapshot while a writer
works.
"""

from __future__ import annotations

import errno
import os
import shutil
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlcipher3

from evidence_desk.domain.errors import StoreError
from evidence_desk.domain.wording import Catalogue
from evidence_desk.store.schema import MIGRATIONS, latest_version

Connection = Any  # sqlcipher3.Connection has no type stubs

_said = Catalogue(
    {
        "store.db_missing": "{path}: database file is missing",
        "store.db_empty": "{path}: database file is empty (truncated); restore the latest backup "
        "(evidence-desk restore)",
        "store.db_short": "{path}: the database is damaged or truncated ({size} bytes, its header "
        "describes {pages} pages of {page_size}); restore the latest backup (evidence-desk "
        "restore)",
        "store.disk_full": "{folder}: the disk holding the store is full ({error}); nothing was "
        "stored. Free some space and try again",
        "store.read_only": "{folder}: the store folder is read-only or not writable for this user "
        "({error}); Evidence Desk needs to write to it, even to read (its database keeps a shared "
        "journal there). Copy the store to a writable folder, or restore a backup",
        "store.db_locked": "{path}: store is busy: another program holds its database ({error})",
        "store.db_damaged": "{path}: the database is damaged or truncated ({error}); restore the "
        "latest backup (evidence-desk restore)",
        "store.unusable": "{path}: the store cannot be used ({error})",
        "store.newer_schema": "this store uses schema version {version}, newer than this build "
        "understands ({latest}): update Evidence Desk",
    }
)


def connect(path: Path, db_key: bytes, *, create: bool = False) -> Connection:
    if not create and not path.exists():
        raise StoreError(_said("store.db_missing", path=path))
    if not create and path.stat().st_size == 0:
        # SQLite would take an empty file for a new database and the migrations would then
        # write a fresh, empty schema over what is left of the evidence: refuse instead.
        raise StoreError(_said("store.db_empty", path=path))
    try:
        conn = sqlcipher3.connect(str(path), isolation_level=None, check_same_thread=False)
    except sqlcipher3.DatabaseError as error:
        raise storage_error(path, error) from None
    conn.row_factory = sqlcipher3.Row
    conn.execute(f"PRAGMA key = \"x'{db_key.hex()}'\"")
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        if not create:
            _check_length(conn, path)
        conn.execute("PRAGMA journal_mode = WAL")
    except sqlcipher3.DatabaseError as error:
        conn.close()
        raise storage_error(path, error, opening=True) from None
    except StoreError:
        conn.close()
        raise
    conn.execute("PRAGMA busy_timeout = 5000")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA synchronous = FULL")
    return conn


_STORAGE_ERRNOS = frozenset(
    {errno.ENOSPC, errno.EROFS, errno.EACCES, errno.EPERM, errno.EIO, errno.EDQUOT}
)


def is_storage_failure(error: BaseException) -> bool:
    """True for failures of the store's files (disk full, read-only, damaged database, I/O),
    false for errors in the caller's logic (a constraint, a bad statement) that must surface
    as they are."""
    if isinstance(error, OSError):
        return error.errno in _STORAGE_ERRNOS
    return isinstance(error, sqlcipher3.OperationalError) or type(error) is sqlcipher3.DatabaseError


def _check_length(conn: Connection, path: Path) -> None:
    """Refuse a database file shorter than its own header says (cut off at the end).

    SQLite would open it and fail only when a query reaches a missing page, perhaps after a
    write has already gone in; checking the length costs two pragmas. Pages still in the WAL
    (another process has not checkpointed them yet) may legitimately lie beyond the main file,
    so the page count is compared only when there is no WAL content.
    """
    page_size = int(conn.execute("PRAGMA page_size").fetchone()[0])
    size = path.stat().st_size
    wal = path.with_name(path.name + "-wal")
    wal_empty = not wal.exists() or wal.stat().st_size == 0
    pages = int(conn.execute("PRAGMA page_count").fetchone()[0])
    if size % page_size or (wal_empty and pages * page_size != size):
        raise StoreError(
            _said("store.db_short", path=path, size=size, pages=pages, page_size=page_size)
        )


# Below this much free space, a failing write is put down to a full disk.
_NEARLY_FULL = 1 << 20


def storage_error(path: Path, error: BaseException, *, opening: bool = False) -> StoreError:
    """Say in plain words why the store's files cannot be used (read-only folder, full disk,
    damaged or truncated database), instead of SQLite's or the OS's terse message.

    ``path`` is the database file or any file or folder inside the store. The cause is read from
    the error and checked against the folder itself, because SQLite reports a read-only folder
    as "unable to open database file" and a full disk while opening as "disk I/O error".
    """
    if isinstance(error, StoreError):  # already worded (a file another program holds open)
        return error
    folder = path if path.is_dir() else path.parent
    detail = str(error.strerror if isinstance(error, OSError) and error.strerror else error)
    lowered = detail.lower()
    errno_value = getattr(error, "errno", None)
    if errno_value == errno.ENOSPC or "full" in lowered or _nearly_full(folder):
        return StoreError(_said("store.disk_full", folder=folder, error=detail))
    if (
        errno_value in (errno.EROFS, errno.EACCES, errno.EPERM)
        or "readonly" in lowered
        or (not os.access(folder, os.W_OK))
    ):
        return StoreError(_said("store.read_only", folder=folder, error=detail))
    if "locked" in lowered:
        return StoreError(_said("store.db_locked", path=path, error=detail))
    if "malformed" in lowered or "not a database" in lowered or opening:
        return StoreError(_said("store.db_damaged", path=path, error=detail))
    return StoreError(_said("store.unusable", path=path, error=detail))


def _nearly_full(folder: Path) -> bool:
    try:
        return shutil.disk_usage(folder).free < _NEARLY_FULL
    except OSError:
        return False


def ledger_size(conn: Connection) -> int:
    """The size of this store's own chain (``ledger``), as committed now: a write on another
    connection of the store (the app's window while a sync runs) shows here at once (WAL)."""
    row = conn.execute("SELECT coalesce(max(seq), 0) FROM ledger").fetchone()
    return 0 if row is None else int(row[0])


def schema_version(conn: Connection) -> int:
    exists = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'"
    ).fetchone()
    if not exists:
        return 0
    row = conn.execute("SELECT max(version) FROM schema_version").fetchone()
    return int(row[0] or 0)


def split_statements(script: str) -> list[str]:
    """Split a migration into statements (trigger bodies contain ';', so ask SQLite)."""
    statements: list[str] = []
    current = ""
    for line in script.splitlines(keepends=True):
        current += line
        if sqlcipher3.complete_statement(current):
            statements.append(current.strip())
            current = ""
    if current.strip():
        raise ValueError(f"incomplete SQL statement in migration: {current.strip()[:60]}")
    return statements


def migrate(conn: Connection) -> int:
    """Apply pending migrations, each in its own transaction. Returns the resulting version.

    Pending means not recorded in ``schema_version``: a store's record is always 1..n, so
    these are n+1.. in order; a test that takes one migration back (drops its tables, deletes
    its row) sees that one applied again while the later ones stay."""
    conn.execute(
        "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at TEXT)"
    )
    current = schema_version(conn)
    if current > latest_version():
        raise StoreError(_said("store.newer_schema", version=current, latest=latest_version()))
    applied = {int(r[0]) for r in conn.execute("SELECT version FROM schema_version")}
    for number in range(1, latest_version() + 1):
        if number in applied:
            continue
        conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in split_statements(MIGRATIONS[number - 1]):
                conn.execute(statement)
            conn.execute(
                "INSERT INTO schema_version (version, applied_at) VALUES (?, ?)",
                (number, datetime.now(UTC).isoformat(timespec="seconds")),
            )
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return latest_version()
