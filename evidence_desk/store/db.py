"""Opening the SQLCipher database and bringing its schema forward.

The whole file is encrypted with a key derived from the store's data key; without it the file
is indistinguishable from random bytes. Connections run in autocommit mode and every write use
case opens its own ``BEGIN IMMEDIATE`` transaction, so a use case's rows and its ledger entry
commit together or not at all. WAL mode lets readers keep a consistent snapshot while a writer
works.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlcipher3

from evidence_desk.domain.errors import StoreError
from evidence_desk.store.schema import MIGRATIONS, latest_version

Connection = Any  # sqlcipher3.Connection has no type stubs


def connect(path: Path, db_key: bytes, *, create: bool = False) -> Connection:
    if not create and not path.exists():
        raise StoreError(f"{path}: database file is missing")
    conn = sqlcipher3.connect(str(path), isolation_level=None, check_same_thread=False)
    conn.row_factory = sqlcipher3.Row
    conn.execute(f"PRAGMA key = \"x'{db_key.hex()}'\"")
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        conn.execute("PRAGMA journal_mode = WAL")
    except sqlcipher3.DatabaseError as error:
        conn.close()
        raise StoreError(f"{path}: database cannot be opened ({error})") from None
    conn.execute("PRAGMA busy_timeout = 5000")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA synchronous = FULL")
    return conn


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
    """Apply pending migrations, each in its own transaction. Returns the resulting version."""
    conn.execute(
        "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at TEXT)"
    )
    current = schema_version(conn)
    if current > latest_version():
        raise StoreError(
            f"this store uses schema version {current}, newer than this build "
            f"understands ({latest_version()}): update Evidence Desk"
        )
    for number in range(current + 1, latest_version() + 1):
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
