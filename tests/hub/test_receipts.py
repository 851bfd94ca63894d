"""The hub's signed receipts, on a real PostgreSQL: one per push, verifiable under the hub's key,
the earlier one again for a push retried, and on a device (joined through the command line)
kept and checked by verify, which reports a forged or altered receipt."""

from __future__ import annotations

import dataclasses
import itertools
import json
import stat
from pathlib import Path

import psycopg
import pytest

from evidence_desk.domain.errors import RuleViolation
from evidence_desk.hub import receipts as hub_side
from evidence_desk.integrity import merkle, org_digest
from evidence_desk.integrity import receipts as receipt
from evidence_desk.services import hub_receipts, org_history, receipt_checks, sync
from evidence_desk.services.verify import verify_store
from tests.helpers import raw_connection
from tests.hub.conftest import HubDatabase
from tests.hub.devices import Device, enrol, make_device, repository
from tests.hub.org_cli import PASSWORD, Org, organisation
from tests.hub.test_org_end_to_end import _request


@pytest.fixture(scope="module")
def device(tmp_path_factory: pytest.TempPathFactory) -> Device:
    return make_device(tmp_path_factory.mktemp("device"), with_contact=True)


def _root(device: Device, size: int) -> str:
    leaves = [merkle.leaf_hash(bytes.fromhex(e.entry_hash)) for e in device.entries[:size]]
    return merkle.root_hash(leaves).hex()


def test_each_push_gets_one_signed_receipt_and_a_retry_the_earlier_one(
    hub_db: HubDatabase, device: Device, tmp_path: Path
) -> None:
    key = hub_side.load_or_make_key(tmp_path / "tls")
    assert stat.S_IMODE((tmp_path / "tls" / hub_side.KEY_FILE).stat().st_mode) == 0o600
    assert (
        hub_side.load_or_make_key(tmp_path / "tls").private_bytes_raw() == key.private_bytes_raw()
    )
    desk = hub_side.ReceiptDesk("hub-1", key)
    half = len(device.entries) // 2
    first_seqs = [e.seq for e in device.entries[:half]]
    with repository(hub_db.app_url) as repo:
        enrol(repo, device)
        desk.record_key(repo)
        desk.record_key(repo)  # once only
        repo.append_entries(device.store_id, device.entries[:half])
        [first] = desk.for_push(repo, device.store_id, first_seqs)
        # the answer to this push was lost: the device pushes the same entries again
        repo.append_entries(device.store_id, device.entries[:half])
        again = desk.for_push(repo, device.store_id, first_seqs)
        repo.append_entries(device.store_id, device.entries)
        both = desk.for_push(repo, device.store_id, [e.seq for e in device.entries])
        pulled = repo.entries_since(0)
    assert again == [first]
    assert both[0] == first and len(both) == 2
    for signed in both:
        assert receipt.signature_valid(desk.public_key, signed)
    stated = receipt.parse(first.body)
    assert (stated.hub_id, stated.device_id) == ("hub-1", device.store_id)
    assert (stated.seq_from, stated.seq_to) == (1, half)
    assert stated.head_hash == device.entries[half - 1].entry_hash
    assert stated.root == _root(device, half)
    placed = [(p.entry.seq, p.entry.entry_hash, p.hub_seq, p.verdict) for p in pulled]
    assert stated.entries == org_digest.history_digest(placed[:half])
    assert (stated.hub_seq_from, stated.hub_seq_to) == (placed[0][2], placed[half - 1][2])
    assert stated.refused == () and stated.accepted_at.endswith("Z")
    second = receipt.parse(both[1].body)
    assert (second.seq_from, second.seq_to) == (half + 1, len(device.entries))
    assert second.root == _root(device, len(device.entries))
    with psycopg.connect(hub_db.owner_url) as conn:
        assert conn.execute("SELECT count(*) FROM receipts").fetchone() == (2,)
        assert conn.execute("SELECT public_key FROM receipt_keys").fetchall() == [
            (desk.public_key,)
        ]
        # the hub's receipts only grow, as its other evidence
        with pytest.raises(psycopg.DatabaseError, match=r"hub\.append_only"):
            conn.execute("UPDATE receipts SET body = '{}'")


def test_a_receipt_altered_in_one_fact_no_longer_verifies(tmp_path: Path) -> None:
    key = hub_side.load_or_make_key(tmp_path)
    statement = receipt.Statement("h", "d", 1, 3, "a" * 64, "b" * 64, 5, 7, "c" * 64, "t")
    signed = receipt.sign(key, statement)
    assert receipt.parse(signed.body) == statement
    public = hub_side.ReceiptDesk("h", key).public_key
    assert receipt.signature_valid(public, signed)
    altered = receipt.SignedReceipt(
        signed.body.replace('"seq_to":3', '"seq_to":4'), signed.signature
    )
    assert not receipt.signature_valid(public, altered)
    with pytest.raises(receipt.MalformedReceipt):
        receipt.parse(json.dumps(json.loads(signed.body), indent=1))  # not the signed bytes


def _codes(org: Org, name: str) -> list[str]:
    with org.login(name) as session:
        report = verify_store(session, local_anchor=False)
    return [f.code for f in report.errors]


def _kept(org: Org, name: str) -> list[tuple[int, int, str, str]]:
    conn = raw_connection(org.stores[name], name, PASSWORD)
    try:
        rows = conn.execute(
            "SELECT seq_from, seq_to, body, signature FROM hub_receipts ORDER BY seq_to"
        ).fetchall()
    finally:
        conn.close()
    return [(int(r[0]), int(r[1]), str(r[2]), str(r[3])) for r in rows]


def _insert(org: Org, name: str, body: str, signature: str) -> None:
    stated = receipt.parse(body)
    conn = raw_connection(org.stores[name], name, PASSWORD)
    try:
        conn.execute(
            "INSERT INTO hub_receipts (seq_from, seq_to, body, signature, kept_at) "
            "VALUES (?, ?, ?, ?, 'now')",
            (stated.seq_from, stated.seq_to, body, signature),
        )
        conn.commit()
    finally:
        conn.close()


def test_devices_keep_the_hubs_receipts_and_verify_finds_a_forged_one(
    hub_db: HubDatabase, tmp_path: Path
) -> None:
    with organisation(tmp_path, hub_db.owner_url) as org:
        org.join("alice", "staff")
        org.welcome("alice")
        _request(org, tmp_path)
        code, report, err = org.sync("alice")
        assert code == 0, err
        assert report["hub_receipts"] >= 1
        # nothing new to push: no second receipt
        code, report, err = org.sync("alice")
        assert code == 0 and report["hub_receipts"] == 0, err
        kept = _kept(org, "alice")
        # from the join's own entry on, one after the other, no gap and no overlap
        assert kept[0][0] == 1 and len(kept) >= 2
        assert all(b[0] == a[1] + 1 for a, b in itertools.pairwise(kept))
        with org.login("alice") as alice:
            pin = receipt_checks.pinned(alice.folder)
            own = alice.conn.execute("SELECT count(*) FROM ledger").fetchone()[0]
        assert kept[-1][1] == own
        assert pin is not None and pin.receipt_key == _hub_key(org)
        for _seq_from, _seq_to, body, signature in kept:
            assert receipt.signature_valid(pin.receipt_key, receipt.SignedReceipt(body, signature))
        with psycopg.connect(hub_db.owner_url) as conn:
            hub_rows = conn.execute(
                "SELECT body FROM receipts r JOIN devices d USING (device_id) "
                "WHERE d.user_name = 'alice' ORDER BY size"
            ).fetchall()
        assert [r[0] for r in hub_rows] == [k[2] for k in kept]
        assert _codes(org, "root") == [] and _codes(org, "alice") == []

        # a receipt whose facts were altered after the hub signed it
        _seq_from, _seq_to, body, signature = kept[-1]
        forged = body.replace(receipt.parse(body).root, "0" * 64)
        assert forged != body
        _insert(org, "alice", forged, signature)
        assert _codes(org, "alice") == ["receipt.signature"]


def test_a_receipt_the_hub_signed_over_other_facts_is_a_finding(
    hub_db: HubDatabase, tmp_path: Path
) -> None:
    """A hub that acknowledged something the device did not write (another root), or placed
    the entries otherwise than it stated, is provable from the device's copy."""
    with organisation(tmp_path, hub_db.owner_url) as org:
        org.join("alice", "staff")
        org.welcome("alice")
        kept = _kept(org, "alice")
        key = hub_side.load_or_make_key(org.tls)
        stated = receipt.parse(kept[0][2])
        wrong_root = receipt.sign(key, dataclasses.replace(stated, root="0" * 64))
        _insert(org, "alice", wrong_root.body, wrong_root.signature)
        wrong_place = receipt.sign(key, dataclasses.replace(stated, entries="1" * 64))
        _insert(org, "alice", wrong_place.body, wrong_place.signature)
        codes = _codes(org, "alice")
    assert sorted(codes) == [
        "receipt.entries",
        "receipt.overlap",
        "receipt.overlap",
        "receipt.placement",
    ]


def _hub_key(org: Org) -> str:
    return hub_side.ReceiptDesk("", hub_side.load_or_make_key(org.tls)).public_key


def test_a_pull_placing_receipted_entries_otherwise_is_refused(
    hub_db: HubDatabase, tmp_path: Path
) -> None:
    """The hub receipted alice's entries; then someone with the database's superuser rights
    moves one to another place before alice pulled it: alice's sync refuses the pull."""
    with organisation(tmp_path, hub_db.owner_url) as org:
        org.join("alice", "staff")
        org.welcome("alice")
        _request(org, tmp_path)
        with org.login("alice") as alice:
            bound = sync.binding(alice.folder)
            with sync.client_for(alice, bound) as client:
                report = sync.SyncReport()
                sync.push(alice, client, report)
            device = alice.folder.store_id
        assert report.hub_receipts == 1
        with psycopg.connect(hub_db.owner_url) as conn:
            conn.execute("SET session_replication_role = replica")
            conn.execute(
                "UPDATE entries SET hub_seq = hub_seq + 1000 WHERE device_id = %s AND "
                "seq = (SELECT max(seq) FROM entries WHERE device_id = %s)",
                (device, device),
            )
        code, _report, err = org.sync("alice")
        # the move changed the organisation's history too: the checkpoint's consistency proof
        # (checked before anything is pulled) fails first, an integrity failure (exit 1)
        assert code == 1, err
        assert "org_checkpoint.not_extension" in err
        # and the pulled page itself places the receipted entry otherwise than receipted
        with org.login("alice") as alice, sync.client_for(alice, sync.binding(alice.folder)) as hub:
            pages = sync.pull_history(hub, org_history.last_org_seq(alice.conn))
            with pytest.raises(RuleViolation, match=r"receipt\.denied"):
                for page in pages:
                    hub_receipts.check_page(alice, page)
