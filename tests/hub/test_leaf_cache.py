"""The hub's cached organisation log (hub/org_checkpoints.py ``LeafCache``): every consistency
proof it gives equals the one computed from every entry as the hub holds it now (the uncached
``leaves``), while entries are appended, and after a superuser changed, deleted or moved an
entry past the triggers (the cache must not hide a changed history behind a proof that
verifies)."""

from __future__ import annotations

import random
from typing import Any

import psycopg

from evidence_desk.hub import org_checkpoints
from evidence_desk.hub.org_checkpoints import LeafCache
from evidence_desk.integrity import merkle
from tests.hub.conftest import HubDatabase

Conn = psycopg.Connection[tuple[Any, ...]]


def _append(conn: Conn, device: str, start: int, count: int) -> None:
    """Entries as the hub appends them (the replica role skips the tables' triggers and keys:
    the cache reads only the columns of the leaves)."""
    conn.execute("SET session_replication_role = replica")
    with conn.cursor().copy(
        "COPY entries (device_id, seq, at, actor, action, payload, payload_hash, prev_hash, "
        "entry_hash, signature, verdict) FROM STDIN"
    ) as copy:
        for seq in range(start, start + count):
            verdict = "four-eyes" if seq % 7 == 0 else ""
            copy.write_row(
                (device, seq, "t", "u", "a", "{}", "p", "h", f"{seq:064x}", "s", verdict)
            )
    conn.commit()


def _uncached(conn: Conn, first: int, second: int) -> list[bytes] | None:
    held = org_checkpoints.leaves(conn, second)
    if len(held) < second:
        return None
    return [] if first == second else merkle.consistency_proof(first, held)


def _same(conn: Conn, cache: LeafCache, pairs: list[tuple[int, int]]) -> None:
    for first, second in pairs:
        assert cache.proof(conn, first, second) == _uncached(conn, first, second), (first, second)


def test_cached_proofs_equal_the_uncached_ones_as_the_log_grows(hub_db: HubDatabase) -> None:
    picks = random.Random(20)
    cache = LeafCache()
    with psycopg.connect(hub_db.owner_url) as conn:
        size = 0
        held: dict[str, int] = {}
        for device, count in (("a", 1), ("b", 64), ("a", 130), ("c", 1000), ("b", 3)):
            _append(conn, device, held.get(device, 0) + 1, count)
            held[device] = held.get(device, 0) + count
            size += count
            pairs = [(size, size), (1, size)]
            for _ in range(25):
                low, high = sorted((picks.randint(1, size), picks.randint(1, size)))
                pairs.append((low, high))
            _same(conn, cache, pairs)
        # a size the hub does not hold: no proof, as uncached
        assert cache.proof(conn, 1, size + 1) is None


def test_a_history_changed_past_the_triggers_is_read_again(hub_db: HubDatabase) -> None:
    cache = LeafCache()
    with psycopg.connect(hub_db.owner_url) as conn:
        _append(conn, "a", 1, 300)
        _same(conn, cache, [(100, 300), (5, 299)])
        where = "WHERE device_id = 'a' AND seq = %s"
        changes = [
            (f"UPDATE entries SET entry_hash = repeat('e', 64) {where}", (40,)),
            (f"UPDATE entries SET verdict = 'four-eyes' {where}", (41,)),
            # swapped in the acceptance order
            (f"UPDATE entries SET hub_seq = -1 {where}", (50,)),
            (f"UPDATE entries SET hub_seq = 50 {where}", (51,)),
            (f"UPDATE entries SET hub_seq = 51 {where}", (50,)),
            (f"DELETE FROM entries {where}", (60,)),
        ]
        for statement, args in changes:
            conn.execute("SET session_replication_role = replica")
            conn.execute(statement, args)
            conn.commit()
            before = cache.proof(conn, 100, 299)
            assert before == _uncached(conn, 100, 299), statement
            _same(conn, cache, [(20, 299), (1, 200), (299, 299)])
        # the proof from before the changes does not verify against the roots signed before
        assert cache.proof(conn, 1, 300) is None  # one entry is gone: 299 held
