"""What a sync sends to ``/v1/check`` before pulling: per device this store holds entries of
(itself included, up to its last placed entry), how many and ``org_digest.held_digest`` of
them as placed, extended from the last sync's digest instead of recomputed over every entry.

Recomputed, a supervisor's or legal's sync read and JSON-encoded every entry of the
organisation from its store at every sync (issue 20 item 4: 100,000 entries a day at 500
laptops). The store's own tables only grow: ``device_entries`` and ``org_positions`` are never
changed or deleted (their triggers), and a device's entries arrive in seq order. So per open
store (its ``StoreFolder`` object, which every sibling of a session shares: the app syncs on
a new sibling each time, ui/workers.py) the running SHA-256 after each device's first ``n``
entries is kept, and a sync reads only the entries after ``n``; a device whose count is not
``n`` plus what follows (its entries 1..count not contiguous, or fewer than kept) is digested
again from all its rows. What is sent is exactly what the uncached digest gives
(tests/hub/test_held_digests.py); the hub's side of the check is in hub/held_cache.py.
"""

from __future__ import annotations

import threading
import weakref
from typing import Any, Final

from evidence_desk.integrity import org_digest
from evidence_desk.services.session import Session
from evidence_desk.store.folder import StoreFolder

#: the ledger's columns as an entry (``ledger.Entry``), from the ``ledger`` table as ``l``
_LEDGER: Final = (
    "l.seq, l.at, l.actor, l.action, l.payload, l.payload_hash, l.prev_hash, l.entry_hash, "
    "l.signature"
)
_DEVICE: Final = (
    "seq, at, actor, action, payload, payload_hash, prev_hash, entry_hash, signature, "
    "org_seq, verdict"
)

#: per open store: device id -> (entries digested, running SHA-256 after them)
_kept: weakref.WeakKeyDictionary[StoreFolder, dict[str, tuple[int, Any]]] = (
    weakref.WeakKeyDictionary()
)
_lock = threading.Lock()


def held_digests(session: Session) -> list[dict[str, Any]]:
    """``[{"device_id", "seq", "digest"}]``: this store's own placed entries first, then every
    other device's, by device id (the body of ``/v1/check``)."""
    conn = session.conn
    with _lock:
        kept = _kept.setdefault(session.folder, {})
    found = []
    count, top = conn.execute(
        "SELECT count(*), coalesce(max(seq), 0) FROM org_positions"
    ).fetchone()
    if count:
        device = session.folder.store_id
        own = (
            f"SELECT {_LEDGER}, p.org_seq, p.verdict FROM org_positions p "
            "JOIN ledger l ON l.seq = p.seq WHERE l.seq > ? ORDER BY l.seq"
        )
        size, digest = _extended(
            kept, device, int(count), int(top), lambda after: conn.execute(own, (after,))
        )
        found.append({"device_id": device, "seq": size, "digest": digest})
    sizes = conn.execute(
        "SELECT device_id, count(*), max(seq) FROM device_entries GROUP BY device_id "
        "ORDER BY device_id"
    ).fetchall()
    rows = f"SELECT {_DEVICE} FROM device_entries WHERE device_id = ? AND seq > ? ORDER BY seq"
    for device, count, top in sizes:
        size, digest = _extended(
            kept,
            str(device),
            int(count),
            int(top),
            lambda after, d=device: conn.execute(rows, (d, after)),
        )
        found.append({"device_id": str(device), "seq": size, "digest": digest})
    return found


def _extended(
    kept: dict[str, tuple[int, Any]], device: str, count: int, top: int, after: Any
) -> tuple[int, str]:
    """How many entries of the device are held and their digest: the kept one extended by the
    entries after it when they follow on (``count`` entries numbered 1..``count``), else all
    of them again."""
    size, running = kept.get(device, (0, None))
    if running is None or size > count or top != count:
        size, running = 0, org_digest.held_start()
    running = running.copy()
    for row in after(size):
        running.update(org_digest.held_line(row[:9], int(row[9]), str(row[10])))
        size += 1
    if size == count and top == count:
        kept[device] = (size, running.copy())
    else:
        kept.pop(device, None)
    return size, str(running.hexdigest())
