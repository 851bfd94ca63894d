"""The organisation checkpoint after each push (hub/receipts.py ``issue_checkpoint``), on a real
PostgreSQL: pushes that finish at once wait for the checkpoint on one lock of the hub process,
not each in PostgreSQL holding a heavy slot and its connection, and every one of them is still
covered by a checkpoint signed after its commit."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import psycopg

from evidence_desk.hub import receipts as hub_side
from evidence_desk.hub.org_checkpoints import newest
from evidence_desk.hub.repository import HubRepository
from evidence_desk.integrity import org_checkpoints as org_cp
from tests.hub.conftest import HubDatabase
from tests.hub.raw_entries import append_raw

PUSHES = 6


def _waiting_for_the_checkpoint_lock(conn: psycopg.Connection[tuple[object, ...]]) -> int:
    row = conn.execute(
        "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"
    ).fetchone()
    return 0 if row is None else int(str(row[0]))


def _until(condition: object, seconds: float = 30) -> None:
    assert callable(condition)
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.05)


def test_pushes_at_once_wait_for_the_checkpoint_on_one_connection_and_each_is_covered(
    hub_db: HubDatabase, tmp_path: Path
) -> None:
    desk = hub_side.ReceiptDesk("h", hub_side.load_or_make_key(tmp_path))
    committed: dict[str, int] = {}
    errors: list[BaseException] = []

    def push_then_checkpoint(device: str) -> None:
        try:
            with psycopg.connect(hub_db.owner_url) as conn:
                append_raw(conn, device, 1, 5)  # the push, committed
                row = conn.execute(
                    "SELECT max(hub_seq) FROM entries WHERE device_id = %s", (device,)
                ).fetchone()
                committed[device] = int(str(row[0])) if row else 0
            desk.issue_checkpoint(repo)
        except BaseException as error:  # reported by the test's thread
            errors.append(error)

    with (
        HubRepository.connect(hub_db.app_url, max_size=12) as repo,
        psycopg.connect(hub_db.owner_url, autocommit=True) as watcher,
        psycopg.connect(hub_db.owner_url) as holder,
    ):
        # another hub process signing a checkpoint: the hub-wide lock is held
        holder.execute("SELECT pg_advisory_xact_lock(hashtext('org-checkpoint'))")
        first = threading.Thread(target=push_then_checkpoint, args=("dev-0",))
        first.start()
        _until(lambda: _waiting_for_the_checkpoint_lock(watcher) == 1)
        others = [
            threading.Thread(target=push_then_checkpoint, args=(f"dev-{n}",))
            for n in range(1, PUSHES)
        ]
        for thread in others:
            thread.start()
        _until(lambda: len(committed) == PUSHES)
        time.sleep(0.5)  # time to queue in PostgreSQL, as they did before
        try:
            # one connection waits for the lock, whatever the number of pushes
            assert _waiting_for_the_checkpoint_lock(watcher) == 1
        finally:
            holder.rollback()
            for thread in [first, *others]:
                thread.join(60)
        assert not errors, errors
        with psycopg.connect(hub_db.app_url) as conn:
            signed = newest(conn)
            kept = conn.execute("SELECT count(*) FROM org_checkpoints").fetchone()
    assert signed is not None
    checkpoint = org_cp.parse(signed.body)
    # every push is covered by a checkpoint signed after its commit: here, one for all six
    assert all(checkpoint.hub_seq >= seq for seq in committed.values())
    assert checkpoint.size == PUSHES * 5
    assert kept == (1,)


def test_a_push_after_a_checkpoint_gets_one_of_its_own(hub_db: HubDatabase, tmp_path: Path) -> None:
    desk = hub_side.ReceiptDesk("h", hub_side.load_or_make_key(tmp_path))
    with HubRepository.connect(hub_db.app_url, max_size=4) as repo:
        for n in range(3):
            with psycopg.connect(hub_db.owner_url) as conn:
                append_raw(conn, f"dev-{n}", 1, 2)
            desk.issue_checkpoint(repo)
            with psycopg.connect(hub_db.app_url) as conn:
                signed = newest(conn)
            assert signed is not None and org_cp.parse(signed.body).size == 2 * (n + 1)
