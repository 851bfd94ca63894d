"""The pull route's cached pages (hub/pull_pages.py ``PullPages``): every page is byte for
byte the one rendered from the entries as the hub holds them now, while entries are appended,
after a superuser edited, moved or deleted an entry the cache had rendered (a cached page must
never show an entry other than the one held), and when the cache is too small to keep them."""

from __future__ import annotations

import json
import random

import psycopg

from evidence_desk.hub import pull_pages
from evidence_desk.hub.pull_pages import PullPages
from tests.hub.conftest import HubDatabase
from tests.hub.raw_entries import Conn, append_raw


def _same(conn: Conn, cache: PullPages, asked: list[tuple[int, int]]) -> None:
    for since, limit in asked:
        cached = cache.page(conn, since, limit)
        assert cached == pull_pages.uncached(conn, since, limit), (since, limit)
        json.loads(cached)  # and it is JSON


def test_cached_pages_equal_the_uncached_ones_as_the_log_grows(hub_db: HubDatabase) -> None:
    picks = random.Random(20)
    for cache in (PullPages(), PullPages(limit_bytes=20_000)):  # kept, and mostly evicted
        with psycopg.connect(hub_db.owner_url) as conn:
            conn.execute("SET session_replication_role = replica")
            conn.execute("DELETE FROM entries")
            conn.commit()
            held: dict[str, int] = {}
            for device, count in (("a", 1), ("b", 64), ("a", 130), ("c", 700), ("b", 3)):
                append_raw(conn, device, held.get(device, 0) + 1, count)
                held[device] = held.get(device, 0) + count
                top = int(conn.execute("SELECT max(hub_seq) FROM entries").fetchone()[0])
                asked = [(0, 1000), (top, 1000), (top - 1, 1)]
                asked += [(picks.randint(0, top), picks.randint(1, 300)) for _ in range(20)]
                _same(conn, cache, asked)


def test_an_entry_changed_after_it_was_rendered_is_served_as_held(hub_db: HubDatabase) -> None:
    """The test that fails if the cache served an entry as first rendered after a superuser
    changed it: each change is to an entry of a page the cache had rendered."""
    cache = PullPages()
    with psycopg.connect(hub_db.owner_url) as conn:
        append_raw(conn, "a", 1, 300)
        first = int(conn.execute("SELECT min(hub_seq) FROM entries").fetchone()[0])
        since = first - 1
        _same(conn, cache, [(since, 1000), (since + 10, 100)])
        where = f"WHERE device_id = 'a' AND seq = %s AND hub_seq >= {first}"
        changes = [
            (f"UPDATE entries SET payload = '{{\"n\":3}}' {where}", (3,)),
            (f"UPDATE entries SET signature = 'forged' {where}", (4,)),
            (f"UPDATE entries SET verdict = 'four-eyes' {where}", (41,)),
            # moved in the acceptance order
            (f"UPDATE entries SET hub_seq = hub_seq + 100000 {where}", (50,)),
            (f"DELETE FROM entries {where}", (60,)),
        ]
        before = cache.page(conn, since, 1000)
        for statement, args in changes:
            conn.execute("SET session_replication_role = replica")
            conn.execute(statement, args)
            conn.commit()
            now = cache.page(conn, since, 1000)
            assert now != before, statement
            _same(conn, cache, [(since, 1000), (since + 10, 100), (since + 40, 20)])
            before = now
