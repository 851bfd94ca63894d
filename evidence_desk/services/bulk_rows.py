"""Storing an import's rows in a few statements, on a second thread, inside its transaction.

Why: ``executemany`` binds each row's parameters in Python and steps SQLite once per row; for
100k message rows that per-row work cost about as much as SQLite's own (measured through
SQLCipher on the shared VM: 7.4 s -> 4.3 s for the same rows). Here a batch of rows is one JSON
array that one ``INSERT ... SELECT ... FROM json_each(?)`` reads, one step for the whole batch.
That step runs without the GIL, so the ``RowWriter`` thread stores a batch while the import
goes on with its Python work (sealing the next batch, building the links) on the other core.

The statements, their order and their transaction are the import's own: the writer uses the
import's connection only while the import's thread does not (it builds rows meanwhile and
touches the connection again only after ``close``), so atomicity is unchanged.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Sequence
from types import TracebackType
from typing import Any

import orjson

from evidence_desk.store import db

#: rows per statement: a few MB of JSON, so memory stays small and the writer starts early
BATCH = 8192

_NUL = b"\\u0000"


def json_array(values: Sequence[object]) -> str | None:
    """``values`` as one JSON array for ``json_each``, or None when it cannot carry them exactly:
    a string with a lone surrogate (no JSON text), or a NUL (SQLite's JSON functions would cut
    the text there). The caller then binds the rows one by one as before."""
    try:
        data = orjson.dumps(values)
    except orjson.JSONEncodeError:
        return None
    if _NUL in data:
        return None
    return data.decode("utf-8")


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
        self._thread.start()

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

    def run_many(self, statement: str, rows: Sequence[Sequence[object]]) -> None:
        conn = self._conn
        self._jobs.put(lambda: conn.executemany(statement, rows))

    def call(self, job: Callable[[], object]) -> None:
        self._jobs.put(job)

    def _join(self) -> None:
        if self._thread.is_alive():
            self._jobs.put(None)
            self._thread.join()

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


def insert_json(
    writer: RowWriter,
    statement: str,
    fallback: str,
    rows: Sequence[Sequence[Any]],
    consts: tuple[object, ...] = (),
) -> None:
    """Queue ``rows``: one ``statement`` reading their JSON array (``?1``; ``consts``, values
    shared by every row, follow it) when they fit in JSON exactly, else ``fallback`` (the
    per-row statement, each row's values followed by ``consts``) for them all."""
    array = json_array(rows)
    if array is None:
        writer.run_many(fallback, [(*row, *consts) for row in rows] if consts else rows)
    else:
        writer.run(statement, (array, *consts))
