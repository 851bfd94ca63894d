"""The WAL's checkpoint after a large write, on a thread of its own.

In WAL mode a COMMIT is durable once its frames are in the write-ahead log and the log is
fsynced (``synchronous = FULL``); copying them into the database file afterwards (the
checkpoint) is housekeeping that no reader or crash needs. SQLite runs it inside the COMMIT
of the connection that pushed the log past ``wal_autocheckpoint`` pages, so the caller of a
large write (an import of 100k messages writes about 80 MB of log) waits for the copy and
the database file's fsync after its entry is already safe.

:class:`BackgroundCheckpoint` runs that checkpoint on a second connection and a thread, PASSIVE
(it never blocks a reader or a writer; what it cannot copy now, a later checkpoint copies). A
kill during it loses nothing: the log is replayed on the next open, as after any crash.
"""

from __future__ import annotations

import contextlib
import threading
from pathlib import Path

import sqlcipher3

from evidence_desk.domain.errors import StoreError
from evidence_desk.store import db


class BackgroundCheckpoint:
    """At most one checkpoint of one store's log in flight; :meth:`wait` joins it (a session
    does so before it closes its connection)."""

    def __init__(self, path: Path, db_key: bytes) -> None:
        self._path = path
        self._db_key = db_key
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        """Checkpoint the log on a thread now (after the one in flight, if any)."""
        self.wait()
        # a daemon: a process that exits without closing its session leaves the log to the
        # next open, as a kill would
        thread = threading.Thread(target=self._run, name="wal-checkpoint", daemon=True)
        thread.start()
        self._thread = thread

    def wait(self) -> None:
        """Return when no checkpoint of this object is running."""
        thread, self._thread = self._thread, None
        if thread is not None:
            thread.join()

    def _run(self) -> None:
        # Best effort: a store gone or busy keeps its log, which the next write's or open's
        # checkpoint copies; nothing waits for this one's outcome.
        with contextlib.suppress(StoreError, sqlcipher3.Error, OSError):
            conn = db.connect(self._path, self._db_key)
            try:
                conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
            finally:
                conn.close()
