"""Pushing a real device ledger to the hub: accepted, idempotent, and every tampering refused
by the rule it breaks with nothing written."""

from __future__ import annotations

import shutil
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import psycopg
import pytest

from evidence_desk.domain.hub_refusals import Refused
from evidence_desk.hub.acceptance import DeviceHead
from evidence_desk.hub.repository import HubEntry, HubRepository
from evidence_desk.integrity import ledger
from evidence_desk.services.session import Session
from tests.helpers import ADMIN, ADMIN_PASSWORD, TickingClock
from tests.hub.conftest import HubDatabase
from tests.hub.devices import Device, enrol, make_device, read_device, repository

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


@pytest.fixture(scope="module")
def device(tmp_path_factory: pytest.TempPathFactory) -> Device:
    return make_device(tmp_path_factory.mktemp("device"), with_contact=True)


@pytest.fixture(scope="module")
def other_device(tmp_path_factory: pytest.TempPathFactory) -> Device:
    return make_device(tmp_path_factory.mktemp("other"), with_contact=False)


def _rows(hub_db: HubDatabase) -> list[tuple[object, ...]]:
    """Everything a push writes, read as the owner: compare before and after a refusal."""
    with psycopg.connect(hub_db.owner_url) as conn:
        entries = conn.execute("SELECT * FROM entries ORDER BY hub_seq").fetchall()
        heads = conn.execute("SELECT device_id, size, head_hash FROM device_heads").fetchall()
    return [*entries, *heads]


def _refused(repo: HubRepository, device: Device, entries: list[ledger.Entry]) -> Refused:
    with pytest.raises(Refused) as refused:
        repo.append_entries(device.store_id, entries)
    return refused.value


def _rehashed(entry: ledger.Entry, **changes: str) -> ledger.Entry:
    """The entry with ``changes`` and hashes recomputed to match (a careful forger)."""
    changed = entry._replace(**changes)
    p_hash = ledger.payload_hash(changed.payload)
    e_hash = ledger.entry_hash(
        changed.seq, changed.at, changed.actor, changed.action, p_hash, changed.prev_hash
    )
    return changed._replace(payload_hash=p_hash, entry_hash=e_hash)


def test_a_real_device_ledger_is_accepted_and_pulled_back_unchanged(
    hub_db: HubDatabase, device: Device
) -> None:
    assert {e.action for e in device.entries} >= {
        "store.init",
        "user.add",
        "case.create",
        "contact.request",
        "contact.approve",
    }
    with repository(hub_db.app_url) as repo:
        enrol(repo, device)
        result = repo.append_entries(device.store_id, device.entries)
        count = len(device.entries)
        assert (result.appended, result.already, result.size) == (count, 0, count)
        pulled = repo.entries_since(0)
        head = repo.head(device.store_id)
    assert [p.entry for p in pulled] == list(device.entries)
    assert {p.device_id for p in pulled} == {device.store_id}
    assert [p.hub_seq for p in pulled] == sorted(p.hub_seq for p in pulled)
    assert all(p.accepted_at.tzinfo is not None for p in pulled)
    assert head is not None
    assert (head.size, head.head_hash) == (len(device.entries), device.entries[-1].entry_hash)


def test_a_push_again_and_overlapping_pushes_write_nothing_twice(
    hub_db: HubDatabase, device: Device
) -> None:
    half = len(device.entries) // 2
    with repository(hub_db.app_url) as repo:
        enrol(repo, device)
        first = repo.append_entries(device.store_id, device.entries[:half])
        # a push retried after a lost answer, with the entries since
        second = repo.append_entries(device.store_id, device.entries[half - 2 :])
        third = repo.append_entries(device.store_id, device.entries)
        empty = repo.append_entries(device.store_id, [])
        pulled = repo.entries_since(0)
    assert (first.appended, first.already) == (half, 0)
    assert (second.appended, second.already) == (len(device.entries) - half, 2)
    assert (third.appended, third.already) == (0, len(device.entries))
    assert (empty.appended, empty.already, empty.size) == (0, 0, len(device.entries))
    assert [p.entry for p in pulled] == list(device.entries)


def _tampered(device: Device, case: str) -> tuple[list[ledger.Entry], str, int]:
    """The device's ledger with one entry tampered as ``case`` says; the rule it breaks and
    the seq it breaks it at."""
    entries = list(device.entries)
    at = next(i for i, e in enumerate(entries) if e.action == "case.create")
    entry = entries[at]
    if case == "payload":  # edited, hashes left as they were
        entries[at] = entry._replace(payload=entry.payload.replace("2026-SH-1", "2026-SH-9"))
        return entries, "hub.payload_hash", entry.seq
    if case == "entry_hash":  # another time, entry hash left as it was
        entries[at] = entry._replace(at="2026-01-01T00:00:00Z")
        return entries, "hub.entry_hash", entry.seq
    if case == "prev":  # linked elsewhere, hashed again
        entries[at] = _rehashed(entry, prev_hash=device.entries[0].entry_hash)
        return entries, "hub.prev", entry.seq
    if case == "signature":  # edited and hashed again: only the signature can tell
        edited = entry.payload.replace("2026-SH-1", "2026-SH-9")
        entries[at] = _rehashed(entry, payload=edited)
        return entries, "hub.signature", entry.seq
    if case == "not_object":  # a JSON list, hashed again
        entries[at] = _rehashed(entry, payload="[" + entry.payload + "]")
        return entries, "hub.payload", entry.seq
    if case == "malformed":  # a text UTF-8 cannot carry (a lone surrogate)
        entries[at] = entry._replace(at="\udc00")
        return entries, "hub.malformed", entry.seq
    if case == "seq":  # one entry left out
        del entries[at]
        return entries, "hub.seq", entry.seq + 1
    raise AssertionError(case)


@pytest.mark.parametrize(
    "case", ["payload", "entry_hash", "prev", "signature", "not_object", "malformed", "seq"]
)
def test_a_tampered_entry_refuses_the_whole_push(
    hub_db: HubDatabase, device: Device, case: str
) -> None:
    entries, rule, seq = _tampered(device, case)
    with repository(hub_db.app_url) as repo:
        enrol(repo, device)
        before = _rows(hub_db)
        refused = _refused(repo, device, entries)
        assert _rows(hub_db) == before == []
        # the untampered ledger is still accepted afterwards
        repo.append_entries(device.store_id, device.entries)
    assert refused.refusal.rule == rule
    assert refused.refusal.detail.code == rule
    assert refused.refusal.facts()["seq"] == str(seq)
    assert refused.refusal.facts()["device"] == device.store_id


def test_an_entry_by_someone_the_organisation_does_not_know_is_refused(
    hub_db: HubDatabase, device: Device
) -> None:
    with repository(hub_db.app_url) as repo:
        enrol(repo, device, leave_out=("sam",))
        refused = _refused(repo, device, list(device.entries))
        assert _rows(hub_db) == []
    approve = next(e for e in device.entries if e.action == "contact.approve")
    assert refused.refusal.rule == "hub.unknown_user"
    assert refused.refusal.facts() == {
        "device": device.store_id,
        "actor": "sam",
        "seq": str(approve.seq),
    }


def test_a_deactivated_users_entries_are_refused_at_once(
    hub_db: HubDatabase, device: Device
) -> None:
    first_by_alice = next(e for e in device.entries if e.actor == "alice")
    with repository(hub_db.app_url) as repo:
        enrol(repo, device)
        repo.append_entries(device.store_id, device.entries[: first_by_alice.seq - 1])
        before = _rows(hub_db)
        repo.set_active("alice", False, by="root")
        refused = _refused(repo, device, list(device.entries))
        assert _rows(hub_db) == before
        repo.set_active("alice", True, by="root")
        assert repo.append_entries(device.store_id, device.entries).size == len(device.entries)
    assert refused.refusal.rule == "hub.inactive_user"
    assert refused.refusal.facts()["seq"] == str(first_by_alice.seq)


def test_an_action_the_users_organisation_role_may_not_write_is_refused(
    hub_db: HubDatabase, device: Device
) -> None:
    # on the device alice is staff; the organisation knows her as an auditor
    with repository(hub_db.app_url) as repo:
        enrol(repo, device, roles={"alice": "auditor"})
        refused = _refused(repo, device, list(device.entries))
        assert _rows(hub_db) == []
    create = next(e for e in device.entries if e.action == "case.create")
    assert refused.refusal.rule == "hub.permission"
    assert refused.refusal.facts() == {
        "device": device.store_id,
        "seq": str(create.seq),
        "actor": "alice",
        "role": "auditor",
        "action": "case.create",
    }


def test_a_signature_under_a_key_the_organisation_does_not_hold_is_refused(
    hub_db: HubDatabase, device: Device, other_device: Device
) -> None:
    # the organisation holds the other device's key for root, not this device's
    with repository(hub_db.app_url) as repo:
        enrol(repo, other_device)
        for name, (_, sign_key, wrap_key) in device.users.items():
            if name != "root":
                repo.add_keys(name, sign_key, wrap_key, by=None)
        repo.add_device(device.store_id, "root")
        refused = _refused(repo, device, list(device.entries))
    assert refused.refusal.rule == "hub.signature"
    assert refused.refusal.facts() == {"device": device.store_id, "seq": "1", "actor": "root"}


def test_a_divergent_entry_at_an_accepted_seq_is_a_cloned_device(
    hub_db: HubDatabase, device: Device
) -> None:
    accepted = device.entries[:-1]
    # the clone's last entry: same seq, same actor, another (validly hashed) content
    last = device.entries[-1]
    diverged = _rehashed(last, at="2026-03-02T09:00:00Z")
    with repository(hub_db.app_url) as repo:
        enrol(repo, device)
        repo.append_entries(device.store_id, device.entries)
        before = _rows(hub_db)
        refused = _refused(repo, device, [*accepted, diverged])
        assert _rows(hub_db) == before
    assert refused.refusal.rule == "hub.cloned_device"
    assert refused.refusal.facts() == {
        "device": device.store_id,
        "seq": str(last.seq),
        "held": last.entry_hash,
        "pushed": diverged.entry_hash,
    }


def test_an_unregistered_device_is_refused(hub_db: HubDatabase, device: Device) -> None:
    with repository(hub_db.app_url) as repo:
        refused = _refused(repo, device, list(device.entries))
        assert repo.head(device.store_id) is None
    assert refused.refusal.rule == "hub.unknown_device"


def test_pull_returns_entries_in_acceptance_order_across_devices(
    hub_db: HubDatabase, device: Device, other_device: Device
) -> None:
    with repository(hub_db.app_url) as repo:
        enrol(repo, device)
        enrol(repo, other_device)
        repo.append_entries(device.store_id, device.entries[:3])
        repo.append_entries(other_device.store_id, other_device.entries)
        repo.append_entries(device.store_id, device.entries)
        everything = repo.entries_since(0)
        pages, since = [], 0
        while page := repo.entries_since(since, limit=5):
            pages.append(page)
            since = page[-1].hub_seq
    expected = [
        *((device.store_id, e) for e in device.entries[:3]),
        *((other_device.store_id, e) for e in other_device.entries),
        *((device.store_id, e) for e in device.entries[3:]),
    ]
    assert [(p.device_id, p.entry) for p in everything] == expected
    assert [p for page in pages for p in page] == everything
    assert all(len(page) <= 5 for page in pages)


def test_entries_signed_under_an_earlier_key_still_verify(
    hub_db: HubDatabase, device: Device, other_device: Device
) -> None:
    """A user's keys change (a password reset on their device): the organisation keeps the
    old ones, so what they signed before is still accepted."""
    with repository(hub_db.app_url) as repo:
        enrol(repo, device)
        for name, (_, sign_key, wrap_key) in other_device.users.items():
            repo.add_keys(name, sign_key, wrap_key, by="root")
        assert repo.wrap_key("root") in {device.users["root"][2], other_device.users["root"][2]}
        user = repo.user("root")
        assert user is not None
        assert user.keys == (other_device.users["root"][1], device.users["root"][1])
        assert user.sign_key == other_device.users["root"][1]  # the newest signs requests
        assert repo.append_entries(device.store_id, device.entries).appended == len(device.entries)


def test_the_device_head_resumes_the_merkle_tree_between_pushes(
    hub_db: HubDatabase, device: Device
) -> None:
    with repository(hub_db.app_url) as repo:
        enrol(repo, device)
        for entry in device.entries:  # one entry per push: each signature over the full root
            repo.append_entries(device.store_id, [entry])
        head = repo.head(device.store_id)
    assert head is not None
    assert head.size == len(device.entries)
    assert head != DeviceHead.genesis(device.store_id)


def test_a_restarted_postgresql_is_used_again(hub_db: HubDatabase, device: Device) -> None:
    """PostgreSQL restarted between two pushes (stopped as by a crash): the pool replaces the
    connections it lost and the push completes, nothing lost or written twice."""
    with repository(hub_db.app_url) as repo:
        enrol(repo, device)
        repo.append_entries(device.store_id, device.entries[:5])
        port = hub_db.cluster.port
        hub_db.cluster.restart()
        assert hub_db.cluster.port == port
        result = repo.append_entries(device.store_id, device.entries)
        assert (result.appended, result.already) == (len(device.entries) - 5, 5)
        assert [p.entry for p in repo.entries_since(0)] == list(device.entries)


def test_a_store_written_by_an_earlier_release_is_accepted(
    hub_db: HubDatabase, tmp_path: Path
) -> None:
    """A store that joins the organisation with its history: the release fixture (written by
    old code, read from a copy) is accepted as verify accepts it."""
    shutil.copytree(FIXTURES / "release_store", tmp_path / "store")
    # today's app opens it first (its migrations), as on the laptop before it joins
    Session.open(tmp_path / "store", ADMIN, ADMIN_PASSWORD, clock=TickingClock()).close()
    old = read_device(tmp_path / "store")
    assert len(old.entries) >= 12
    with repository(hub_db.app_url) as repo:
        enrol(repo, old)
        result = repo.append_entries(old.store_id, old.entries)
    assert (result.appended, result.size) == (len(old.entries), len(old.entries))


def test_concurrent_pushes_write_each_entry_once_and_a_puller_never_skips_one(
    hub_db: HubDatabase, device: Device, other_device: Device
) -> None:
    """Two copies of one push race (a retry while the first is still running) beside another
    device's pushes; a puller polling meanwhile sees every entry, in acceptance order."""
    with repository(hub_db.app_url) as repo:
        enrol(repo, device)
        enrol(repo, other_device)
        done = threading.Event()
        seen: list[HubEntry] = []

        def push(which: Device) -> None:
            for upto in range(1, len(which.entries) + 1):
                repo.append_entries(which.store_id, which.entries[:upto])

        def pull() -> None:
            since = 0
            while True:
                finished = done.is_set()
                page = repo.entries_since(since)
                seen.extend(page)
                since = page[-1].hub_seq if page else since
                if finished and not page:
                    return

        with ThreadPoolExecutor(max_workers=4) as pool:
            puller = pool.submit(pull)
            pushes = [pool.submit(push, d) for d in (device, device, other_device)]
            for future in pushes:
                future.result()
            done.set()
            puller.result()
        everything = repo.entries_since(0)
    assert seen == everything
    assert len(everything) == len(device.entries) + len(other_device.entries)
    for which in (device, other_device):
        assert [p.entry for p in everything if p.device_id == which.store_id] == list(which.entries)
