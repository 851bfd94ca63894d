"""Storing an import's rows in a few statements, on a second thread, inside its transaction.

Why: ``executemany`` binds each row's parameters in Python and steps SQLite once per row; for
100k message rows that per-row work cost about as much as SQLite's own (measured through
SQLCipher on the shared VM: 7.4 s -> 4.3 s for the same rows). Here a batch of rows is one
multi-row ``INSERT ... VALUES (...), (...), ...`` statement (``insert_values``): its parameters
are bound in C from one flat list and SQLite steps once for the whole batch. (Batches were one
JSON array read by ``json_each`` before: the JSON text written, then parsed again and each value
extracted by SQLite, cost 15-20 % more CPU for 100k message rows, and a NUL or a lone surrogate
needed a per-row fallback; bound parameters carry every value exactly, bytes included.) The
step runs without the GIL, so the ``RowWriter`` thread stores a batch while the import goes on
with its Python work (sealing the next batch, building the links) on the other core.

The statements, their order and their transaction are the import's own: the writer uses the
import's connection only while the import's thread does not (it builds rows meanwhile and
touches the connection again only after ``close``), so atomicity is unchanged.
"""

from __future__ import annotations

import functools
import itertools
import queue
import sys
import threading
from collections.abc import Callable, Sequence
from types import TracebackType
from typing import Any

from evidence_desk.store import db

#: rows per statement at most: a few MB of values, so memory stays small and the writer starts
#: early (SQLite's parameter limit makes it fewer for wide rows)
BATCH = 8192


#: the interpreter's switch interval while a writer runs (seconds; CPython's default is 0.005).
#: Each statement's step runs without the GIL; when it returns, the writer waits for the GIL
#: until the import's thread, running Python meanwhile, is made to drop it, at most one switch
#: interval later, and binds the next statement's parameters holding it. With 5 ms per statement
#: of 2048 message rows (about 20 ms of SQLite work), the writer stood still for up to a fifth of
#: its time: see docs/benchmarks.md, issue 17, branch ``imp17``.
HANDOFF_SECONDS = 0.0005

_handoff_lock = threading.Lock()
_handoff_users = 0
_handoff_saved = 0.0


def _quick_handoff(start: bool) -> None:
    """Lower the switch interval while at least one writer runs; restore it after the last."""
    global _handoff_users, _handoff_saved
    with _handoff_lock:
        if start:
            if _handoff_users == 0:
                _handoff_saved = sys.getswitchinterval()
                sys.setswitchinterval(min(_handoff_saved, HANDOFF_SECONDS))
            _handoff_users += 1
        else:
            _handoff_users -= 1
            if _handoff_users == 0:
                sys.setswitchinterval(_handoff_saved)


class RowWriter:
    """Runs statements on ``conn`` in order on a second thread (see the module's docstring).

    ``run`` queues a statement with its parameters, ``call`` any job that uses the connection;
    ``close`` waits for all of them and raises the first error (later jobs are skipped once one
    failed). Used as a context manager, an exception in the body skips the jobs still queued,
    waits for the one running and propagates the body's exception (the caller's transaction
    then rolls back as before).
    """

    def __init__(self, conn: db.Connection) -> None:
        self._conn = conn
        self._jobs: queue.SimpleQueue[Callable[[], object] | None] = queue.SimpleQueue()
        self._error: BaseException | None = None
        self._stopped = False  # the body failed: the queued jobs are skipped
        self._thread = threading.Thread(target=self._work, name="import-rows", daemon=True)
        _quick_handoff(True)
        self._handing_off = True
        try:
            self._thread.start()
        except BaseException:
            self._release_handoff()
            raise

    def _release_handoff(self) -> None:
        if self._handing_off:
            self._handing_off = False
            _quick_handoff(False)

    def _work(self) -> None:
        while (job := self._jobs.get()) is not None:
            if self._error is None and not self._stopped:
                try:
                    job()
                except BaseException as error:  # handed to the import's thread by close()
                    self._error = error

    def run(self, statement: str, params: Sequence[object]) -> None:
        conn = self._conn
        self._jobs.put(lambda: conn.execute(statement, params))

    def call(self, job: Callable[[], object]) -> None:
        self._jobs.put(job)

    def _join(self) -> None:
        try:
            if self._thread.is_alive():
                self._jobs.put(None)
                self._thread.join()
        finally:
            self._release_handoff()

    def close(self) -> None:
        self._join()
        if self._error is not None:
            error, self._error = self._error, None
            raise error

    def __enter__(self) -> RowWriter:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if kind is None:
            self.close()
        else:
            self._stopped = True
            self._join()


#: What a parameter that may be NULL binds instead of None, with ``NULLABLE`` in its row's
#: SQL. The driver (sqlcipher3, as the standard library's sqlite3) binds an int, a float, a str
#: or a bytearray at once, but passes any other value (None, bytes) through its adapter
#: registry first (a tuple built, a dict and two attribute look-ups), holding the GIL: about
#: 1 us a value, against 0.1 us. For 100k message rows with a ciphertext and two NULLs each,
#: that was 0.3 s of the writer holding the GIL, during which the importing thread stood
#: still (bench/import_timeline.py, docs/benchmarks.md issue 17 imp17g). ``nullif(?, 0)`` is
#: NULL for the integer 0 and the value itself for any text ('0' included: SQLite orders
#: integers before text, they never compare equal), so a column that holds text or NULL
#: stores exactly what binding None stored.
UNADAPTED_NULL = 0
NULLABLE = "nullif(?, 0)"

#: the most parameters SQLite binds to one statement (SQLITE_MAX_VARIABLE_NUMBER since 3.32)
MAX_PARAMS = 32766


@functools.lru_cache(maxsize=32)
def _values_statement(head: str, row: str, count: int) -> str:
    return f"{head} VALUES {', '.join([row] * count)}"


def insert_values(writer: RowWriter, head: str, row: str, rows: Sequence[Sequence[Any]]) -> None:
    """Queue ``rows`` as multi-row VALUES statements: ``head`` (``INSERT INTO t (columns)``)
    then ``row`` (one row's ``(?, ...)``, constants allowed) once per row, as many rows per
    statement as ``BATCH`` and SQLite's parameter limit allow. Every row has the same width."""
    if not rows:
        return
    per = max(1, min(BATCH, MAX_PARAMS // max(1, len(rows[0]))))
    chain = itertools.chain.from_iterable
    for start in range(0, len(rows), per):
        chunk = rows[start : start + per]
        writer.run(_values_statement(head, row, len(chunk)), list(chain(chunk)))
