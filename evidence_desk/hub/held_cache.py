"""``/v1/check``'s digests of the devices' histories as the hub holds them, extended from the
last ones computed instead of recomputed over every entry at every sync.

A sync sends, per device it holds entries of, how many and ``org_digest.held_digest`` of them;
the hub answers which differ from its own tables (an entry edited, deleted or moved by the
database's superuser). Recomputed, that read and JSON-encoded every column of every entry of
the organisation per sync: with 500 laptops' days held, the check alone grew with the
organisation, not with what changed.

:class:`HeldDigests` keeps, per device, the running SHA-256 of ``held_digest`` after its first
``n`` entries (a ``hashlib`` object, copied to extend it) with the count and the newest
``xmin`` of those rows, the guard of ``org_checkpoints.LeafCache``. Before each use the guard
of every asked device is read again in one query (count and newest ``xmin`` of its rows up to
the cached ``n``); the hub only appends (its triggers refuse the rest), and any change a
superuser makes past them (an edit of an old entry, a deletion, a move) writes a row version
with a newer transaction id or removes one, so that device's digest is dropped and recomputed
from its rows as held now: the answer is always the one the uncached digest gives
(tests/hub/test_held_cache.py). Shared by a hub process's request threads (a lock).
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import psycopg

from evidence_desk.integrity import org_digest

Conn = psycopg.Connection[tuple[Any, ...]]

_COLUMNS = (
    "seq, at, actor, action, payload, payload_hash, prev_hash, entry_hash, signature, "
    "hub_seq, verdict, xmin::text::bigint"
)


@dataclass
class _Held:
    """A device's digest state after its entries 1..``size`` and their guard."""

    size: int
    running: Any  # hashlib's sha256 object after ``size`` lines
    count: int
    newest_xmin: int


class HeldDigests:
    """The hub's ``held_digest`` per device, extended from the last one (module docstring)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._held: dict[str, _Held] = {}

    def digests(self, conn: Conn, asked: Sequence[tuple[str, int]]) -> list[str | None]:
        """``held_digest`` of each ``(device, upto)``'s entries 1..``upto`` as held now (None
        when the hub holds fewer: some were deleted), in the order asked."""
        with self._lock:
            self._drop_changed(conn, [device for device, _ in asked])
            return [self._digest(conn, device, upto) for device, upto in asked]

    def _drop_changed(self, conn: Conn, devices: Sequence[str]) -> None:
        cached = [d for d in dict.fromkeys(devices) if d in self._held]
        if not cached:
            return
        sizes = [self._held[d].size for d in cached]
        rows = conn.execute(
            "SELECT e.device_id, count(*), coalesce(max(e.xmin::text::bigint), 0) "
            "FROM entries e JOIN unnest(%s::text[], %s::bigint[]) AS q(device_id, upto) "
            "ON e.device_id = q.device_id AND e.seq <= q.upto GROUP BY e.device_id",
            (cached, sizes),
        ).fetchall()
        now = {str(r[0]): (int(r[1]), int(r[2])) for r in rows}
        for device in cached:
            held = self._held[device]
            if now.get(device, (0, 0)) != (held.count, held.newest_xmin):
                del self._held[device]  # changed under the cache: read again

    def _digest(self, conn: Conn, device: str, upto: int) -> str | None:
        held = self._held.get(device)
        if held is None or held.size > upto:
            held = _Held(0, org_digest.held_start(), 0, 0)
        running = held.running.copy()
        count, newest = held.count, held.newest_xmin
        expected = held.size + 1
        for row in conn.execute(
            f"SELECT {_COLUMNS} FROM entries WHERE device_id = %s AND seq > %s AND seq <= %s "
            "ORDER BY seq",
            (device, held.size, upto),
        ):
            if int(row[0]) != expected:
                return None  # a gap: an entry the hub should hold is gone
            running.update(org_digest.held_line(row[:9], int(row[9]), str(row[10])))
            count, newest, expected = count + 1, max(newest, int(row[11])), expected + 1
        if expected != upto + 1:
            return None  # fewer than asked
        self._held[device] = _Held(upto, running.copy(), count, newest)
        return str(running.hexdigest())
