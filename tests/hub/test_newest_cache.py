"""The newest organisation checkpoint as the live news carries it (hub/org_checkpoints.py
``NewestCache``): always what the uncached ``newest_stamped`` reads from the tables now, as
checkpoints are signed and stamped, and after a superuser changed or removed a checkpoint or
its stamp past the triggers (a page must never come with a checkpoint the hub no longer
holds)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import psycopg
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from evidence_desk.hub import org_checkpoints
from evidence_desk.hub import receipts as hub_side
from evidence_desk.hub.org_checkpoints import NewestCache
from evidence_desk.integrity import org_checkpoints as org
from tests.hub.conftest import HubDatabase
from tests.hub.test_leaf_cache import _append

Conn = psycopg.Connection[tuple[Any, ...]]


def _same(conn: Conn, cache: NewestCache) -> dict[str, Any] | None:
    """The cache's answer, asserted equal to the uncached one (twice: the second is served
    from what the first kept) and to its size."""
    uncached = org_checkpoints.newest_stamped(conn)
    for _ in range(2):
        held = cache.newest(conn)
        if uncached is None:
            assert held is None
        else:
            assert held is not None and held[1] == uncached
            assert held[0] == org.parse(uncached["body"]).size
    return uncached


def _signed(conn: Conn, key: Ed25519PrivateKey, device: str, count: int) -> None:
    """``count`` entries of ``device`` appended, and the checkpoint over them signed."""
    _append(conn, device, 1, count)
    assert org_checkpoints.issue(conn, "hub", key) is not None
    conn.commit()


def _stamp(conn: Conn, size: int, token: bytes) -> None:
    conn.execute(
        "INSERT INTO org_checkpoint_stamps (size, token, gen_time, tsa_url, certs) "
        "VALUES (%s, %s, now(), 'http://tsa.test', '')",
        (size, token),
    )
    conn.commit()


def test_the_newest_is_read_again_when_signed_or_stamped(
    hub_db: HubDatabase, tmp_path: Path
) -> None:
    key = hub_side.load_or_make_key(tmp_path)
    cache = NewestCache()
    with psycopg.connect(hub_db.owner_url) as conn:
        assert _same(conn, cache) is None  # before the first checkpoint
        _signed(conn, key, "a", 5)
        first = _same(conn, cache)
        assert first is not None and "stamp" not in first
        _stamp(conn, 5, b"token-5")  # the TSA answered later
        assert "stamp" in (_same(conn, cache) or {})
        _signed(conn, key, "b", 3)
        newer = _same(conn, cache)
        assert newer is not None and '"size":8' in newer["body"] and "stamp" not in newer
        # the caller's copy is its own: adding to it changes nothing kept
        held = cache.newest(conn)
        assert held is not None
        held[1]["stamp"] = {"token": "forged"}
        assert _same(conn, cache) == newer


def test_a_checkpoint_or_stamp_changed_past_the_triggers_is_read_again(
    hub_db: HubDatabase, tmp_path: Path
) -> None:
    key = hub_side.load_or_make_key(tmp_path)
    cache = NewestCache()
    with psycopg.connect(hub_db.owner_url) as conn:
        _signed(conn, key, "a", 4)
        _signed(conn, key, "b", 6)
        _stamp(conn, 10, b"token-10")
        kept = _same(conn, cache)
        assert kept is not None
        conn.execute("SET session_replication_role = replica")  # as a superuser past them
        changes = [
            "UPDATE org_checkpoint_stamps SET token = 'other' WHERE size = 10",
            "UPDATE org_checkpoints SET signature = repeat('0', 128) WHERE size = 10",
            "DELETE FROM org_checkpoint_stamps WHERE size = 10",
            # the newest gone: the one before it is the newest now
            "DELETE FROM org_checkpoints WHERE size = 10",
        ]
        for change in changes:
            conn.execute(change)
            conn.commit()
            now = _same(conn, cache)
            assert now != kept, change
            kept = now
        assert kept is not None and '"size":4' in kept["body"]
