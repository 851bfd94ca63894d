"""What a sync reads from the other devices' entries (``device_entries``), kept per open store
and extended with the entries placed since, instead of a scan of the whole table every time.

A sync read every entry of the organisation three times over while nothing had changed: the
shreddings whose blob files must not come back (sync._wanted_blobs), the wraps other devices
left in force (case_keys.foreign_wraps) and the chat imports to rebuild (rebuild._waiting),
each a scan of ``device_entries`` (no index on what they filter by): ~0.15 s of a
supervisor's quiet sync at 20,000 entries (bench/sync_cost.py, issue 20 item 3/4).

The table only grows at the end: its rows are never changed or deleted (its triggers), and a
pull places entries after the last position held, in order. So per open store and per fold
the value over the entries up to the last position read is kept, and the next call reads only
the entries placed after it (an index range on ``org_seq``). "Per open store" is its
``StoreFolder`` object, which every sibling of a session shares: the app syncs on a new
sibling each time (ui/workers.py), so a cache per ``Session`` would be empty at every sync.
A kept value is used only while the rows up to its position are as many as when it was kept
(an index count; a store restored under the same folder starts again). A value is kept only
outside a transaction (a pull's page that is rolled back leaves nothing in it), and each
caller gets a copy. What is returned is exactly the fold over every row
(tests/services/test_device_fold.py).
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable
from typing import Any, NamedTuple, TypeVar

from evidence_desk.store.db import Connection
from evidence_desk.store.folder import StoreFolder

T = TypeVar("T")


class Row(NamedTuple):
    """What a fold is told of one entry of another device."""

    device_id: str
    seq: int
    payload: str


_Kept = dict[tuple[Any, ...], tuple[int, int, Any]]
#: per open store: fold (its filter) -> (the last org_seq read, the rows up to it, the value)
_kept: weakref.WeakKeyDictionary[StoreFolder, _Kept] = weakref.WeakKeyDictionary()
_lock = threading.Lock()


def folded(
    store: StoreFolder | None,
    conn: Connection,
    where: str,
    params: tuple[Any, ...],
    start: Callable[[], T],
    step: Callable[[T, Row], None],
    copy: Callable[[T], T],
) -> T:
    """``step`` applied to ``start()`` with each row of ``device_entries`` that matches
    ``where``, in the organisation's order, from the value kept for ``store`` (the open store's
    folder; None keeps nothing) and this fold (``where`` and ``params``) when there is one.
    ``step`` changes the value in place; the value returned is the caller's own (``copy``)."""
    mine: _Kept = {}
    fold = (where, *params)
    if store is not None:
        with _lock:
            mine = _kept.setdefault(store, {})
    after, rows, value = mine.get(fold, (0, 0, None))
    if value is not None and _rows_upto(conn, after) != rows:
        after, value = 0, None  # not the rows it was kept over: read them all again
    value = start() if value is None else copy(value)
    # the last position first: the rows up to it are all committed (a page commits at once)
    top = int(conn.execute("SELECT coalesce(max(org_seq), 0) FROM device_entries").fetchone()[0])
    for device_id, seq, payload in conn.execute(
        "SELECT device_id, seq, payload FROM device_entries "
        f"WHERE org_seq > ? AND org_seq <= ? AND ({where}) ORDER BY org_seq",
        (after, top, *params),
    ):
        step(value, Row(str(device_id), int(seq), str(payload)))
    if store is not None and not conn.in_transaction and top >= after:
        kept = (top, _rows_upto(conn, top), copy(value))
        with _lock:
            mine[fold] = kept
    return value


def _rows_upto(conn: Connection, org_seq: int) -> int:
    row = conn.execute("SELECT count(*) FROM device_entries WHERE org_seq <= ?", (org_seq,))
    return int(row.fetchone()[0])
