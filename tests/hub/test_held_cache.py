"""``/v1/check``'s cached digests (hub/held_cache.py ``HeldDigests``): every digest equals the
one computed from every entry as the hub holds it now (``org_digest.held_digest`` over the
rows, as ``HubRepository.device_digest`` reads them), while entries are appended, and after a
superuser edited, deleted or moved an OLD entry, one the cache had already digested (the cache
must never answer "unchanged" for a history that changed under it)."""

from __future__ import annotations

import threading

import psycopg

from evidence_desk.hub.held_cache import HeldDigests
from evidence_desk.hub.repository import HubRepository
from tests.hub.conftest import HubDatabase
from tests.hub.raw_entries import Conn, append_raw


def _same(
    conn: Conn, repo: HubRepository, cache: HeldDigests, asked: list[tuple[str, int]]
) -> None:
    cached = cache.digests(conn, asked)
    uncached = [repo.device_digest(device, upto) for device, upto in asked]
    assert cached == uncached, asked


def test_cached_digests_equal_the_uncached_ones_as_devices_grow(hub_db: HubDatabase) -> None:
    cache = HeldDigests()
    with HubRepository.connect(hub_db.owner_url) as repo, psycopg.connect(hub_db.owner_url) as conn:
        held: dict[str, int] = {}
        for device, count in (("a", 1), ("b", 64), ("a", 130), ("c", 500), ("b", 3)):
            append_raw(conn, device, held.get(device, 0) + 1, count)
            held[device] = held.get(device, 0) + count
            sizes = sorted(held.items())
            _same(conn, repo, cache, sizes)
            # an older size than cached, and one the hub does not hold (None, as uncached)
            _same(conn, repo, cache, [(d, max(1, n // 2)) for d, n in sizes])
            _same(conn, repo, cache, [(d, n + 1) for d, n in sizes])
            _same(conn, repo, cache, sizes)


def test_an_old_entry_changed_after_caching_is_found(hub_db: HubDatabase) -> None:
    """The test that fails if the cache hid an edit: every change below is made to an entry
    the cache digested before; the digest must differ from the one before the change."""
    cache = HeldDigests()
    with HubRepository.connect(hub_db.owner_url) as repo, psycopg.connect(hub_db.owner_url) as conn:
        append_raw(conn, "a", 1, 300)
        append_raw(conn, "b", 1, 50)
        asked = [("a", 300), ("b", 50)]
        first = cache.digests(conn, asked)
        where = "WHERE device_id = 'a' AND seq = %s"
        changes = [
            (f"UPDATE entries SET payload = '{{\"n\":3}}' {where}", (3,)),
            (f"UPDATE entries SET signature = 'forged' {where}", (4,)),
            (f"UPDATE entries SET verdict = 'four-eyes' {where}", (41,)),
            # swapped in the acceptance order
            (f"UPDATE entries SET hub_seq = -1 {where}", (50,)),
            (f"UPDATE entries SET hub_seq = (SELECT max(hub_seq) + 1 FROM entries) {where}", (51,)),
            (f"DELETE FROM entries {where}", (60,)),
        ]
        before = first[0]
        for statement, args in changes:
            conn.execute("SET session_replication_role = replica")
            conn.execute(statement, args)
            conn.commit()
            now = cache.digests(conn, asked)
            assert now[0] != before, statement  # found, although entry 3.. was cached
            assert now[1] == first[1], statement  # the other device did not change
            _same(conn, repo, cache, asked)
            before = now[0]
        assert now[0] is None  # entry 60 is gone: the hub holds fewer than 300


def test_concurrent_checks_share_the_cache_and_agree(hub_db: HubDatabase) -> None:
    """Checks run their queries at once (outside the cache's lock): while entries arrive, each
    answer is the uncached digest of what the hub held when it asked, or of more."""
    cache = HeldDigests()
    failures: list[str] = []
    with HubRepository.connect(hub_db.owner_url) as repo, psycopg.connect(hub_db.owner_url) as conn:
        append_raw(conn, "a", 1, 100)
        append_raw(conn, "b", 1, 100)

        def check(rounds: int) -> None:
            with psycopg.connect(hub_db.owner_url) as own:
                for n in range(rounds):
                    asked = [("a", 50 + n), ("b", 100)]
                    if cache.digests(own, asked) != [repo.device_digest(d, u) for d, u in asked]:
                        failures.append(str(asked))

        threads = [threading.Thread(target=check, args=(40,)) for _ in range(4)]
        for thread in threads:
            thread.start()
        for start in range(101, 141, 10):
            append_raw(conn, "b", start, 10)
        for thread in threads:
            thread.join()
        assert failures == []
        _same(conn, repo, cache, [("a", 100), ("b", 140)])
