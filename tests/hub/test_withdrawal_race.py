"""A case-key wrap racing its case's shredding tombstone (hub/withdrawal.py): the per-case
lock makes every wrap either land before the withdrawal (and be withdrawn with the others) or
wait for it and be ignored after; the hub never keeps a wrap of a shredded case.

Raced for real on PostgreSQL: the tombstone goes up by the hub's own push (its judging, its
transaction) on one connection while another thread sends wraps of the same case through the
hub's own ``add_wrap`` on another, both released by a barrier, one round per case. The rounds
must hit both orders (wraps counted by the withdrawal, wraps ignored after it), or the test
says it did not race."""

from __future__ import annotations

import json
import os
import threading
from datetime import UTC, datetime
from pathlib import Path

import psycopg

from evidence_desk.hub.repository import HubRepository, Wrap
from evidence_desk.integrity import ledger
from evidence_desk.services import cases, org_ledger, retention, shredding
from tests.helpers import TickingClock
from tests.hub.conftest import HubDatabase
from tests.hub.devices import repository
from tests.hub.org_cli import organisation, session_at, synced

ROUNDS = 6
#: wraps sent after the push has returned, so that every round ends on the "after" side too
TAIL = 3


def _by_tombstone(entries: list[ledger.Entry]) -> list[tuple[str, list[ledger.Entry]]]:
    """root's entries cut into one push per ``case.shred`` (the batch ends at it): the case
    each shreds and the batch."""
    batches: list[tuple[str, list[ledger.Entry]]] = []
    batch: list[ledger.Entry] = []
    for entry in entries:
        batch.append(entry)
        if entry.action == "case.shred":
            case_no = json.loads(entry.payload)["case_no"]
            batches.append((str(case_no), batch))
            batch = []
    assert not batch, [e.action for e in batch]
    return batches


def _race(
    pusher: HubRepository,
    wrapper: HubRepository,
    device: str,
    batch: list[ledger.Entry],
    case_no: str,
) -> int:
    """The tombstone's push and a stream of wraps of its case at once; how many wraps were
    sent."""
    barrier = threading.Barrier(2)
    pushed = threading.Event()
    failures: list[BaseException] = []
    sent = 0

    def push() -> None:
        try:
            barrier.wait()
            result, _receipts = pusher.push(device, batch)
            assert result.appended == len(batch) and not result.refused, result
        except BaseException as error:  # reported by the main thread
            failures.append(error)
        finally:
            pushed.set()

    def wrap() -> None:
        nonlocal sent
        try:
            barrier.wait()
            tail = TAIL
            while tail:
                if pushed.is_set():
                    tail -= 1
                wrapper.add_wrap(Wrap(case_no, "sam", f"race-{sent}", os.urandom(80), "sam"))
                sent += 1
        except BaseException as error:
            failures.append(error)

    threads = [threading.Thread(target=push), threading.Thread(target=wrap)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not failures, failures
    return sent


def test_a_wrap_racing_the_tombstone_is_withdrawn_or_ignored_never_kept(
    hub_db: HubDatabase, tmp_path: Path
) -> None:
    clock = TickingClock(datetime.now(UTC))
    numbers = [f"2026-RACE-{n}" for n in range(ROUNDS)]
    with organisation(tmp_path, hub_db.owner_url) as org:
        org.join("alice", "staff")
        org.join("sam", "supervisor")
        org.welcome("alice", "sam")
        with session_at(org, "alice", clock) as alice:
            for case_no in numbers:
                cases.create_case(alice, case_no, debtor_name="欧阳" + case_no)
        synced(org, "alice", "sam")
        with session_at(org, "sam", clock) as sam:
            for case_no in numbers:
                retention.close_case(sam, case_no, "repaid in full")
        synced(org, "sam", "alice", "root")
        clock.advance(days=366 * 5 + 2)
        with session_at(org, "root", clock) as root:
            for case_no in numbers:
                shredding.shred_case(root, case_no, "expired", "retention period over")
            placed = root.conn.execute("SELECT coalesce(max(seq), 0) FROM org_positions")
            entries = org_ledger.own_entries(root, since=int(placed.fetchone()[0]) + 1)
            device = root.folder.store_id
        org.kill()  # the hub's database is raced by the two connections below only
        batches = _by_tombstone(entries)
        assert [case_no for case_no, _batch in batches] == numbers

        before = after = 0
        with repository(hub_db.app_url) as pusher, repository(hub_db.app_url) as wrapper:
            for case_no, batch in batches:
                with psycopg.connect(hub_db.owner_url) as conn:
                    synced_wraps = conn.execute(
                        "SELECT count(*) FROM case_key_wraps WHERE case_no = %s", (case_no,)
                    ).fetchone()[0]
                assert synced_wraps >= 2  # alice's and sam's at least, from their syncs
                sent = _race(pusher, wrapper, device, batch, case_no)
                with psycopg.connect(hub_db.owner_url) as conn:
                    kept = conn.execute(
                        "SELECT count(*) FROM case_key_wraps WHERE case_no = %s", (case_no,)
                    ).fetchone()[0]
                    (withdrawn,) = conn.execute(
                        "SELECT wraps FROM case_withdrawals WHERE case_no = %s", (case_no,)
                    ).fetchall()
                assert kept == 0, (case_no, kept, sent)
                # each wrap sent either landed before the withdrawal (and was counted by it)
                # or came after it and was ignored
                landed = withdrawn[0] - synced_wraps
                assert 0 <= landed <= sent
                before += landed
                after += sent - landed
                assert sent - landed >= TAIL
        assert before > 0 and after > 0, (before, after)
        with psycopg.connect(hub_db.owner_url) as conn:
            assert conn.execute(
                "SELECT count(*) FROM case_key_wraps WHERE case_no = ANY(%s)", (numbers,)
            ).fetchone() == (0,)
