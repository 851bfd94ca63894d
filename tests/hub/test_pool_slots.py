"""The hub's connections under a crowd (hub/repository.py): work that may wait on a lock while
holding a connection (pushes, receipts, checkpoints, blobs) holds at most two thirds of the
pool, so that a request's authentication (a user's keys, its nonce) still gets a connection
while every such slot waits (500 laptops pushing at once behind the acceptance lock)."""

from __future__ import annotations

import threading
import time
from typing import Any

from evidence_desk.hub.repository import HubRepository, heavy_slots
from tests.hub.conftest import HubDatabase


def test_two_thirds_of_a_pool_wait_on_locks_at_most() -> None:
    assert [heavy_slots(n) for n in (1, 2, 3, 4, 8, 12)] == [1, 2, 2, 3, 6, 8]


def test_lookups_get_a_connection_while_every_heavy_slot_waits(hub_db: HubDatabase) -> None:
    release = threading.Event()
    entered: list[int] = []

    def waiting(conn: Any) -> None:
        entered.append(1)
        release.wait(60)  # as a push waiting for the acceptance lock, holding its connection

    with HubRepository.connect(hub_db.app_url, max_size=3) as repo:
        workers = [threading.Thread(target=repo.in_transaction, args=(waiting,)) for _ in range(4)]
        for worker in workers:
            worker.start()
        deadline = time.monotonic() + 30
        while len(entered) < heavy_slots(3) and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(0.3)  # the others are queued for a slot, not holding a connection
        try:
            assert len(entered) == heavy_slots(3)
            started = time.monotonic()
            assert repo.user("nobody") is None
            assert repo.remember("key", "nonce-1", now=0.0, until=1.0)
            assert time.monotonic() - started < 5  # not the pool's 30 s wait
        finally:
            release.set()
            for worker in workers:
                worker.join(60)
        assert len(entered) == 4  # the queued ones ran once slots were free
