"""The hub's connections under a crowd (hub/repository.py): work that may wait on a lock while
holding a connection (pushes, receipts, checkpoints, blobs) holds at most two thirds of the
pool, so that a request's authentication (a user's keys, its nonce) still gets a connection
while every such slot waits (500 laptops pushing at once behind the acceptance lock); and the
gate's lookups have connections of their own, so that they are answered while reads hold every
connection of the pool (pulls, wraps and blob chunks of the legal devices and people)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import psycopg

from evidence_desk.hub.org_checkpoints import newest_stamped
from evidence_desk.hub.repository import GATE_CONNECTIONS, HubRepository, heavy_slots
from tests.hub.conftest import HubDatabase


def test_two_thirds_of_a_pool_wait_on_locks_at_most() -> None:
    assert [heavy_slots(n) for n in (1, 2, 3, 4, 8, 12)] == [1, 2, 2, 3, 6, 8]


@contextmanager
def _every_heavy_slot_waiting(
    repo: HubRepository, pool_size: int, workers: int
) -> Iterator[list[int]]:
    """``workers`` threads each holding a heavy slot's connection in a transaction that waits,
    as pushes waiting for the acceptance lock do, until the block ends; yields the list of
    those that got a slot (the others queue for one, holding no connection)."""
    release = threading.Event()
    entered: list[int] = []

    def waiting(conn: Any) -> None:
        entered.append(1)
        release.wait(60)

    threads = [
        threading.Thread(target=repo.in_transaction, args=(waiting,)) for _ in range(workers)
    ]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + 30
    while len(entered) < heavy_slots(pool_size) and time.monotonic() < deadline:
        time.sleep(0.05)
    try:
        yield entered
    finally:
        release.set()
        for thread in threads:
            thread.join(60)


def test_lookups_get_a_connection_while_every_heavy_slot_waits(hub_db: HubDatabase) -> None:
    with HubRepository.connect(hub_db.app_url, max_size=3) as repo:
        with _every_heavy_slot_waiting(repo, 3, 4) as entered:
            time.sleep(0.3)  # the others are queued for a slot, not holding a connection
            assert len(entered) == heavy_slots(3)
            started = time.monotonic()
            assert repo.user("nobody") is None
            assert repo.remember("key", "nonce-1", now=0.0, until=1.0)
            assert time.monotonic() - started < 5  # not the pool's 30 s wait
        assert len(entered) == 4  # the queued ones ran once slots were free


def test_the_checkpoint_a_persons_news_carries_is_read_while_every_heavy_slot_waits(
    hub_db: HubDatabase,
) -> None:
    """Each news that wakes a person reads the newest checkpoint: under a heavy slot, every
    waiting person queued behind the laptops' pushes and blobs at each push that woke them."""
    with (
        HubRepository.connect(hub_db.app_url, max_size=3) as repo,
        _every_heavy_slot_waiting(repo, 3, 3) as entered,
    ):
        assert len(entered) == heavy_slots(3)
        started = time.monotonic()
        assert repo.reading(newest_stamped) is None  # no checkpoint signed yet
        # and the news with its page and checkpoint, in one connection
        news = repo.news_since(0, 1000, newest_stamped)
        assert (news.newest, news.counts, news.page) == (0, {}, None)
        assert time.monotonic() - started < 5  # not behind the heavy slots


def test_the_gate_is_answered_while_reads_hold_every_connection_of_the_pool(
    hub_db: HubDatabase,
) -> None:
    size = 3
    with (
        psycopg.connect(hub_db.owner_url) as holder,
        HubRepository.connect(hub_db.app_url, max_size=size) as repo,
    ):
        # a read of the wraps waits for this lock holding its pooled connection, as a slow
        # pull or a legal device's blob chunk holds one while 100 laptops push
        holder.execute("LOCK TABLE case_key_wraps IN ACCESS EXCLUSIVE MODE")
        readers = [threading.Thread(target=repo.wraps_for, args=(f"r{n}",)) for n in range(size)]
        for reader in readers:
            reader.start()
        try:
            deadline = time.monotonic() + 30
            while _waiting_on_the_lock(hub_db) < size and time.monotonic() < deadline:
                time.sleep(0.05)
            assert _waiting_on_the_lock(hub_db) == size  # every connection of the pool held
            started = time.monotonic()
            for n in range(GATE_CONNECTIONS * 3):  # more lookups than the gate's connections
                assert repo.user("nobody") is None
                assert repo.remember("key", f"nonce-{n}", now=0.0, until=1.0)
            assert not repo.remember("key", "nonce-0", now=0.5, until=1.0)  # still a replay
            assert time.monotonic() - started < 5  # without its own connections: the 30 s wait
        finally:
            holder.rollback()
            for reader in readers:
                reader.join(60)


def _waiting_on_the_lock(hub_db: HubDatabase) -> int:
    with psycopg.connect(hub_db.owner_url, autocommit=True) as conn:
        row = conn.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
            "AND wait_event_type = 'Lock' AND query LIKE '%case_key_wraps%'"
        ).fetchone()
    return int(row[0]) if row else 0


def test_the_gates_connections_are_replaced_after_postgresql_restarts(
    hub_db: HubDatabase,
) -> None:
    """The gate's connections are not checked by a round trip each time (hub/repository.py
    ``_check_unless_quiet``): one PostgreSQL dropped is still replaced, not handed out."""
    with HubRepository.connect(hub_db.app_url, max_size=2) as repo:
        assert repo.user("nobody") is None
        assert repo.remember("key", "before", now=0.0, until=1.0)
        port = hub_db.cluster.port
        hub_db.cluster.restart()
        assert hub_db.cluster.port == port
        for n in range(GATE_CONNECTIONS * 2):  # every connection of the gate's, dropped
            assert repo.user("nobody") is None
            assert repo.remember("key", f"after-{n}", now=0.0, until=1.0)
        # a replay is refused on them (the nonces of a crash's last moments may be lost: the
        # restart here is ``-m immediate``; docs/ARCHITECTURE.md, *Nonces at the hub*)
        assert not repo.remember("key", "after-0", now=0.5, until=1.0)
