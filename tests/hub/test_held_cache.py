"""``/v1/check``'s cached digests (hub/held_cache.py ``HeldDigests``): every digest equals the
one computed from every entry as the hub holds it now (``org_digest.held_digest`` over the
rows, as ``HubRepository.device_digest`` reads them), while entries are appended, and after a
superuser edited, deleted or moved an OLD entry, one the cache had already digested (the cache
must never answer "unchanged" for a history that changed under it)."""

from __future__ import annotations

import threading
from typing import Any

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


def _reader_sees_from(conn: Conn) -> None:
    """A role ``check_reader`` that sees only the entries past ``hubtest.floor`` (row-level
    security; the owner sees all): the cache run as it shows which rows it needed."""
    conn.execute(
        "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'check_reader') "
        "THEN CREATE ROLE check_reader; END IF; END $$"
    )
    conn.execute("GRANT SELECT ON entries, entry_changes TO check_reader")
    conn.execute("ALTER TABLE entries ENABLE ROW LEVEL SECURITY")
    conn.execute(
        "CREATE POLICY past_floor ON entries FOR SELECT TO check_reader "
        "USING (seq > current_setting('hubtest.floor')::bigint)"
    )
    conn.commit()


def _as_reader(conn: Conn, cache: HeldDigests, asked: list[tuple[str, int]], floor: int) -> Any:
    conn.execute("SELECT set_config('hubtest.floor', %s, false)", (str(floor),))
    conn.execute("SET ROLE check_reader")
    try:
        return cache.digests(conn, asked)
    finally:
        conn.rollback()
        conn.execute("RESET ROLE")


def test_a_check_reads_only_what_was_appended_since(hub_db: HubDatabase) -> None:
    """The check costs the devices asked, not the organisation: run as a role that sees no
    entry, kept digests are still answered; one that sees only the new rows of a device that
    grew gets the uncached answer (the guard before this aggregated every entry of every
    device asked at every check)."""
    cache = HeldDigests()
    with HubRepository.connect(hub_db.owner_url) as repo, psycopg.connect(hub_db.owner_url) as conn:
        _reader_sees_from(conn)
        for device in ("a", "b", "c"):
            append_raw(conn, device, 1, 400)
        asked = [("a", 400), ("b", 400), ("c", 400)]
        _same(conn, repo, cache, asked)
        conn.commit()
        reference = [repo.device_digest(d, n) for d, n in asked]
        assert _as_reader(conn, cache, asked, 10**9) == reference
        append_raw(conn, "b", 401, 5)
        grown = [("a", 400), ("b", 405), ("c", 400)]
        reference = [repo.device_digest(d, n) for d, n in grown]
        assert _as_reader(conn, cache, grown, 400) == reference
        # a store a sync behind asks for an older size: kept too, nothing read
        assert _as_reader(conn, cache, asked, 10**9) == [repo.device_digest(d, n) for d, n in asked]
        # what the role sees proves the point: from nothing kept it cannot answer
        assert _as_reader(conn, HeldDigests(), asked, 10**9) == [None, None, None]


def test_an_edit_with_the_noting_trigger_disabled_is_found(hub_db: HubDatabase) -> None:
    """A superuser who disables the trigger that notes changes (hub/entry_changes.py), edits
    an old entry and enables it again changed a catalog row: every kept digest is dropped.
    While it stays disabled the guard is unarmed and nothing is kept."""
    cache = HeldDigests()
    with HubRepository.connect(hub_db.owner_url) as repo, psycopg.connect(hub_db.owner_url) as conn:
        append_raw(conn, "a", 1, 200)
        append_raw(conn, "b", 1, 20)
        asked = [("a", 200), ("b", 20)]
        first = cache.digests(conn, asked)
        conn.commit()
        conn.execute("ALTER TABLE entries DISABLE TRIGGER ALL")
        conn.execute("UPDATE entries SET payload = '{}' WHERE device_id = 'a' AND seq = 7")
        conn.execute("ALTER TABLE entries ENABLE ALWAYS TRIGGER entries_noted")
        conn.execute("ALTER TABLE entries ENABLE TRIGGER entries_keep")
        conn.commit()
        assert conn.execute("SELECT count(*) FROM entry_changes").fetchone() == (0,)
        now = cache.digests(conn, asked)
        assert now[0] != first[0] and now[1] == first[1]
        _same(conn, repo, cache, asked)
        conn.commit()
        # left disabled: nothing kept, and each check sees the rows as they are
        conn.execute("ALTER TABLE entries DISABLE TRIGGER entries_noted")
        conn.commit()
        _same(conn, repo, cache, asked)
        conn.commit()
        conn.execute("ALTER TABLE entries DISABLE TRIGGER entries_keep")
        conn.execute("DELETE FROM entries WHERE device_id = 'b' AND seq = 20")
        conn.commit()
        assert cache.digests(conn, asked)[1] is None
        _same(conn, repo, cache, asked)


def test_the_whole_table_replaced_is_found(hub_db: HubDatabase) -> None:
    """TRUNCATE under the replica role (which skips the refusing trigger) and the same number
    of entries written again, other bytes: noted for every device, every digest recomputed."""
    cache = HeldDigests()
    with HubRepository.connect(hub_db.owner_url) as repo, psycopg.connect(hub_db.owner_url) as conn:
        append_raw(conn, "a", 1, 50)
        asked = [("a", 50)]
        first = cache.digests(conn, asked)
        conn.commit()
        conn.execute("SET session_replication_role = replica")
        conn.execute("TRUNCATE entries CASCADE")
        conn.commit()
        append_raw(conn, "a", 1, 49)
        conn.execute("SET session_replication_role = replica")
        conn.execute(
            "INSERT INTO entries (device_id, seq, at, actor, action, payload, payload_hash, "
            "prev_hash, entry_hash, signature) VALUES ('a', 50, 't', 'u', 'a', '{}', 'p', 'h', "
            "'forged', 's')"
        )
        conn.commit()
        assert conn.execute("SELECT device_id, change FROM entry_changes").fetchall() == [
            (None, "TRUNCATE")
        ]
        assert cache.digests(conn, asked) != first
        _same(conn, repo, cache, asked)
