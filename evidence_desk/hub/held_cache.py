"""``/v1/check``'s digests of the devices' histories as the hub holds them, kept per device
and extended by what was appended, so that a check costs the devices asked, not the
organisation's entries.

A sync sends, per device it holds entries of, how many and ``org_digest.held_digest`` of them;
the hub answers which differ from its own tables (an entry edited, deleted or moved by the
database's superuser). Recomputed, that read and JSON-encoded every column of every entry of
the organisation per sync; kept but guarded by a count and the newest ``xmin`` of the rows, it
still aggregated every entry of every device asked at every check (27 ms at 20,000 entries,
43 ms at 40,000: docs/benchmarks.md).

:class:`HeldDigests` keeps, per device, the running SHA-256 of ``held_digest`` after its first
``n`` entries (a ``hashlib`` object, copied to extend it) for the last few sizes asked, each
under the *guard* and the count of its device's noted changes read before its rows were
(hub/entry_changes.py: PostgreSQL notes any UPDATE, DELETE or TRUNCATE of ``entries`` by a
trigger the replica role does not skip, and the guard changes with any DDL that would let one
go unnoted). While both are the same, the rows 1..``n`` are the ones it digested, so a check
reads one statement of catalog lookups and, for a device that grew, only its new rows (one
query for every device asked). A change noted for a device makes its kept digests unusable, a
new guard all of them, and an unarmed guard (a trigger disabled) keeps none: each is then
recomputed from the rows as held now, so the answer is always the one the uncached digest
gives (tests/hub/test_held_cache.py). Shared by a hub process's request threads (a lock around
the kept states only: the queries of concurrent checks run at once).
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Final

import psycopg

from evidence_desk.hub import entry_changes
from evidence_desk.integrity import org_digest

Conn = psycopg.Connection[tuple[Any, ...]]

_COLUMNS = (
    "e.seq, e.at, e.actor, e.action, e.payload, e.payload_hash, e.prev_hash, e.entry_hash, "
    "e.signature, e.hub_seq, e.verdict"
)

#: sizes kept per device: a check asks for the size its store holds, which is the hub's size
#: at one of its syncs; a few let a store a sync or two behind extend instead of recompute
KEPT_SIZES: Final = 8


@dataclass(frozen=True, slots=True)
class _Held:
    """A device's digest state after its entries 1..``size``, and under what it was read."""

    size: int
    running: Any  # hashlib's sha256 object after ``size`` lines (never updated: copied)
    guard: str
    changes: int


class HeldDigests:
    """The hub's ``held_digest`` per device, kept and extended (module docstring)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._held: dict[str, dict[int, _Held]] = {}

    def digests(self, conn: Conn, asked: Sequence[tuple[str, int]]) -> list[str | None]:
        """``held_digest`` of each ``(device, upto)``'s entries 1..``upto`` as held now (None
        when the hub holds fewer: some were deleted), in the order asked."""
        noted = entry_changes.read(conn)  # before the rows: a change after it is seen next time
        with self._lock:
            bases = [self._base(noted, device, upto) for device, upto in asked]
        ranges = [
            (n, device, 0 if base is None else base.size, upto)
            for n, ((device, upto), base) in enumerate(zip(asked, bases, strict=True))
            if base is None or base.size < upto
        ]
        rows = _rows(conn, ranges)
        found: list[str | None] = []
        made: list[tuple[str, _Held]] = []
        for n, ((device, upto), base) in enumerate(zip(asked, bases, strict=True)):
            if base is not None and base.size == upto:
                found.append(str(base.running.hexdigest()))
                continue
            running = (org_digest.held_start() if base is None else base.running).copy()
            expected = 1 if base is None else base.size + 1
            for row in rows.get(n, ()):
                if int(row[0]) != expected:
                    break  # a gap: an entry the hub should hold is gone
                running.update(org_digest.held_line(row[:9], int(row[9]), str(row[10])))
                expected += 1
            if expected != upto + 1:
                found.append(None)  # fewer than asked
                continue
            found.append(str(running.hexdigest()))
            if noted.armed:
                made.append((device, _Held(upto, running, noted.guard, noted.of(device))))
        with self._lock:
            for device, state in made:
                kept = self._held.setdefault(device, {})
                kept[state.size] = state
                while len(kept) > KEPT_SIZES:
                    del kept[min(kept)]
        return found

    def _base(self, noted: entry_changes.Noted, device: str, upto: int) -> _Held | None:
        """The largest kept state of ``device`` of at most ``upto`` entries still valid under
        ``noted`` (lock held); states no longer valid are dropped."""
        kept = self._held.get(device)
        if not kept:
            return None
        if not noted.armed:
            del self._held[device]
            return None
        stale = [
            s for s, h in kept.items() if (h.guard, h.changes) != (noted.guard, noted.of(device))
        ]
        for size in stale:
            del kept[size]
        usable = [size for size in kept if size <= upto]
        return kept[max(usable)] if usable else None


def _rows(conn: Conn, ranges: list[tuple[int, str, int, int]]) -> dict[int, list[Any]]:
    """The entries each range ``(n, device, after, upto)`` asks for, by ``n``, in seq order:
    one query for every device asked (its primary key per range)."""
    found: dict[int, list[Any]] = {}
    if not ranges:
        return found
    ns, devices, afters, uptos = (list(column) for column in zip(*ranges, strict=True))
    for n, *row in conn.execute(
        f"SELECT q.n, {_COLUMNS} FROM unnest(%s::bigint[], %s::text[], %s::bigint[], "
        "%s::bigint[]) AS q(n, device_id, after, upto) JOIN entries e "
        "ON e.device_id = q.device_id AND e.seq > q.after AND e.seq <= q.upto "
        "ORDER BY q.n, e.seq",
        (ns, devices, afters, uptos),
    ):
        found.setdefault(int(n), []).append(row)
    return found
