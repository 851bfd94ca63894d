"""People first at the acceptance lock (hub/acceptance_gate.py): a person's push of a few
entries that arrives while laptops' bulk pushes are queued for the hub-wide acceptance lock is
placed in the organisation's order before them, and the order, the receipts and a retried
push's idempotence stay right. Real PostgreSQL, real signed entries judged by the hub."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

import psycopg

from evidence_desk.domain.models import Role
from evidence_desk.hub.lanes import SMALL_PUSH
from evidence_desk.hub.repository import _ACCEPTANCE_LOCK, AppendResult, HubRepository
from evidence_desk.integrity import ledger, merkle, signing
from tests.hub.conftest import HubDatabase

AT = "2026-12-06T05:00:00.000000+00:00"
ADMIN = "boss"
BULK_DEVICES = 4
BULK_SIZE = SMALL_PUSH + 8
PERSON_SIZE = 3


def _signed_ledger(device_id: str, key: Any, count: int) -> list[ledger.Entry]:
    """``count`` entries of a new device, each signed through the checkpoint it closes (as
    ``Session.write`` signs): ``settings.set`` entries, which an admin may write."""
    tree = merkle.CompactRange.from_state(0, ())
    prev = ledger.genesis_hash(device_id)
    entries = []
    for seq in range(1, count + 1):
        entry = ledger.unsigned_entry(
            seq=seq,
            at=AT,
            actor=ADMIN,
            action="settings.set",
            payload={
                "key": "organisation",
                "rows": [
                    {
                        "op": "put",
                        "table": "settings",
                        "row": {"key": "organisation", "value": f"{device_id} {seq}"},
                    }
                ],
            },
            prev=prev,
        )
        root = tree.append_and_root(merkle.leaf_hash(bytes.fromhex(entry.entry_hash))).hex()
        signature = key.sign(ledger.checkpoint_message(device_id, seq, root)).hex()
        entries.append(entry.signed(signature))
        prev = entry.entry_hash
    return entries


def _waiting_in_postgres(conn: psycopg.Connection[tuple[Any, ...]]) -> int:
    row = conn.execute(
        "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"
    ).fetchone()
    return 0 if row is None else int(row[0])


def _until(condition: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + 60
    while not condition():
        assert time.monotonic() < deadline, what
        time.sleep(0.02)


def test_a_persons_push_is_placed_before_the_bulk_pushes_queued_for_the_lock(
    hub_db: HubDatabase,
) -> None:
    key = signing.generate_private_key()
    wrap = "00" * 32
    devices = [f"laptop-{n}" for n in range(BULK_DEVICES)] + ["supervisor-desk"]
    ledgers = {
        device: _signed_ledger(device, key, PERSON_SIZE if device == devices[-1] else BULK_SIZE)
        for device in devices
    }
    repo = HubRepository.connect(hub_db.app_url, max_size=12)
    results: dict[str, tuple[AppendResult, list[tuple[int, int, str]]]] = {}
    failures: list[BaseException] = []

    def push(device: str) -> None:
        try:
            results[device] = repo.push(device, ledgers[device])
        except BaseException as error:  # reported by the assertion below
            failures.append(error)

    try:
        repo.add_user(ADMIN, Role.ADMIN.value, signing.public_key_hex(key), wrap, by=None)
        for device in devices:
            repo.add_device(device, ADMIN)
        with psycopg.connect(hub_db.owner_url, autocommit=True) as holder:
            # a push being accepted: it holds the acceptance lock while the others arrive
            holder.execute("SELECT pg_advisory_lock(%s)", (_ACCEPTANCE_LOCK,))
            bulk = [threading.Thread(target=push, args=(d,)) for d in devices[:-1]]
            for thread in bulk:
                thread.start()
            # every bulk push judged and waiting for the lock (in PostgreSQL's queue, or in
            # the gate in front of it)
            _until(
                lambda: _waiting_in_postgres(holder) + repo.gate.bulk_waiting >= BULK_DEVICES,
                "the bulk pushes never reached the acceptance lock",
            )
            person = threading.Thread(target=push, args=(devices[-1],))
            person.start()
            _until(
                lambda: _waiting_in_postgres(holder) + repo.gate.bulk_waiting >= BULK_DEVICES + 1,
                "the person's push never reached the acceptance lock",
            )
            holder.execute("SELECT pg_advisory_unlock(%s)", (_ACCEPTANCE_LOCK,))
            for thread in [*bulk, person]:
                thread.join(60)
        assert not failures, failures
        with psycopg.connect(hub_db.owner_url) as conn:
            rows = conn.execute("SELECT device_id, seq, hub_seq FROM entries").fetchall()
        placed: dict[str, dict[int, int]] = {}
        for device_id, seq, hub_seq in rows:
            placed.setdefault(str(device_id), {})[int(seq)] = int(hub_seq)
        # the person's entries come first in the organisation's order, though queued last
        first_bulk = min(min(placed[d].values()) for d in devices[:-1])
        assert max(placed[devices[-1]].values()) < first_bulk
        for device in devices:
            held = placed[device]
            # each push placed whole, in its seq order, with no other device's entry inside it
            assert sorted(held) == list(range(1, len(ledgers[device]) + 1))
            order = [held[seq] for seq in sorted(held)]
            assert order == list(range(order[0], order[0] + len(order)))
            result, receipts = results[device]
            assert (result.appended, result.already) == (len(ledgers[device]), 0)
            # the receipts are the places the entries were given
            assert [(seq, hub_seq) for seq, hub_seq, _verdict in receipts] == sorted(held.items())
        # a push whose answer was lost, sent again: nothing appended, the same receipts
        again, receipts = repo.push(devices[-1], ledgers[devices[-1]])
        assert (again.appended, again.already) == (0, PERSON_SIZE)
        assert receipts == results[devices[-1]][1]
    finally:
        repo.close()
