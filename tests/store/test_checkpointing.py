"""The WAL's checkpoint on a thread after a large write (store/checkpointing.py)."""

from __future__ import annotations

import os
from pathlib import Path

from evidence_desk.store import db
from evidence_desk.store.checkpointing import BackgroundCheckpoint


def _committed_without_checkpoint(path: Path, key: bytes) -> db.Connection:
    """A real SQLCipher store with about 8 MB committed to its log and none of it copied."""
    conn = db.connect(path, key, create=True)
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, body BLOB)")
    conn.execute("BEGIN")
    conn.executemany("INSERT INTO t (body) VALUES (?)", ((os.urandom(2000),) for _ in range(4000)))
    conn.execute("COMMIT")
    return conn


def test_the_log_is_copied_into_the_database_file_on_the_thread(tmp_path: Path) -> None:
    path, key = tmp_path / "evidence.db", os.urandom(32)
    conn = _committed_without_checkpoint(path, key)
    before = path.stat().st_size
    assert before < 1 << 20  # the commit left its 8 MB in the log
    checkpoint = BackgroundCheckpoint(path, key)
    checkpoint.start()
    checkpoint.wait()
    assert path.stat().st_size > 8_000_000
    # the writer's connection still reads everything, and so does a new one
    assert conn.execute("SELECT count(*) FROM t").fetchone()[0] == 4000
    other = db.connect(path, key)
    assert other.execute("SELECT count(*) FROM t").fetchone()[0] == 4000
    other.close()
    conn.close()


def test_a_checkpoint_that_cannot_open_the_store_changes_nothing(tmp_path: Path) -> None:
    """Best effort: a wrong key (a store replaced under the session) is not an error for
    the writer, whose entry is durable already; the log stays for the next checkpoint."""
    path, key = tmp_path / "evidence.db", os.urandom(32)
    conn = _committed_without_checkpoint(path, key)
    before = path.stat().st_size
    checkpoint = BackgroundCheckpoint(path, os.urandom(32))
    checkpoint.start()
    checkpoint.wait()
    assert path.stat().st_size == before
    assert conn.execute("SELECT count(*) FROM t").fetchone()[0] == 4000
    conn.close()
