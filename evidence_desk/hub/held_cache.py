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
(tests/hub/test_held_cache.py). Shared by a hub process's request threads (a lock around the
kept states only: the queries of concurrent checks run at once).
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
        when the hub holds fewer: some were deleted), in the order asked. The queries run
        outside the lock (many devices check at once); only the kept states are shared."""
        with self._lock:
            kept = {d: self._held[d] for d, _ in asked if d in self._held}
        valid = _unchanged(conn, kept)
        found: list[str | None] = []
        made: dict[str, _Held] = {}
        for device, upto in asked:
            digest, state = _digest(conn, device, upto, made.get(device) or valid.get(device))
            if state is not None:
                made[device] = state
            found.append(digest)
        with self._lock:
            for device, was in kept.items():
                if device not in valid and self._held.get(device) is was:
                    del self._held[device]  # changed under the cache: read again
            for device, state in made.items():
                now = self._held.get(device)
                if now is None or now is kept.get(device) or now.size < state.size:
                    self._held[device] = state
        return found


def _unchanged(conn: Conn, kept: dict[str, _Held]) -> dict[str, _Held]:
    """The kept states whose rows are as they were read: the same count and newest ``xmin``."""
    if not kept:
        return {}
    devices = list(kept)
    rows = conn.execute(
        "SELECT e.device_id, count(*), coalesce(max(e.xmin::text::bigint), 0) "
        "FROM entries e JOIN unnest(%s::text[], %s::bigint[]) AS q(device_id, upto) "
        "ON e.device_id = q.device_id AND e.seq <= q.upto GROUP BY e.device_id",
        (devices, [kept[d].size for d in devices]),
    ).fetchall()
    now = {str(r[0]): (int(r[1]), int(r[2])) for r in rows}
    return {d: held for d, held in kept.items() if now.get(d) == (held.count, held.newest_xmin)}


def _digest(
    conn: Conn, device: str, upto: int, held: _Held | None
) -> tuple[str | None, _Held | None]:
    """The digest of the device's entries 1..``upto``, extended from ``held`` when it is of
    as many or fewer, and the state after it (None when the hub holds fewer)."""
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
            return None, None  # a gap: an entry the hub should hold is gone
        running.update(org_digest.held_line(row[:9], int(row[9]), str(row[10])))
        count, newest, expected = count + 1, max(newest, int(row[11])), expected + 1
    if expected != upto + 1:
        return None, None  # fewer than asked
    return str(running.hexdigest()), _Held(upto, running.copy(), count, newest)
