"""Organisation checkpoints (issue 20 item 1): the hub signs the Merkle root of the whole
organisation's history after every push; each device keeps those it has seen, checks the
consistency proof from the last one and the root against its own copies, and refuses (exit 1,
naming both checkpoints) a hub whose history is not an extension of what it showed before."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import psycopg
import pytest

from evidence_desk.hub import receipts as hub_side
from evidence_desk.integrity import merkle
from evidence_desk.integrity import org_checkpoints as org_cp
from evidence_desk.services import cases, checkpoint_log
from evidence_desk.services import org_checkpoint_checks as device_side
from evidence_desk.services.verify import verify_store
from tests.hub.conftest import HubDatabase
from tests.hub.org_cli import Org, organisation


def _kept(org: Org, name: str) -> list[checkpoint_log.Seen]:
    with org.login(name) as session:
        return checkpoint_log.seen(session.folder)


def _held_root(org: Org, name: str, checkpoint: org_cp.OrgCheckpoint) -> str:
    with org.login(name) as session:
        leaves = device_side.held_leaves(session.conn, session.folder.store_id, checkpoint.hub_seq)
    return org_cp.root_of(leaves)


def test_a_checkpoint_states_facts_and_an_altered_one_does_not_verify(tmp_path: Path) -> None:
    key = hub_side.load_or_make_key(tmp_path)
    public = hub_side.ReceiptDesk("h", key).public_key
    leaves = [org_cp.leaf("dev-a", n, f"{n:064x}", "") for n in range(1, 8)]
    older = org_cp.OrgCheckpoint("h", 3, org_cp.root_of(leaves[:3]), 3, "t")
    newer = org_cp.OrgCheckpoint("h", 7, org_cp.root_of(leaves), 9, "t")
    signed = org_cp.sign(key, newer)
    assert org_cp.parse(signed.body) == newer and org_cp.signature_valid(public, signed)
    forged = org_cp.SignedCheckpoint(signed.body.replace('"size":7', '"size":8'), signed.signature)
    assert not org_cp.signature_valid(public, forged)
    proof = [step.hex() for step in merkle.consistency_proof(3, leaves)]
    assert org_cp.extends(older, newer, proof)
    # another history of the same size, or a history that lost a leaf, is no extension
    other = [*leaves[:5], org_cp.leaf("dev-b", 1, "f" * 64, ""), leaves[6]]
    forked = dataclasses.replace(newer, root=org_cp.root_of(other))
    assert not org_cp.extends(older, forked, proof)
    shrunk = dataclasses.replace(newer, size=2, root=org_cp.root_of(leaves[:2]))
    assert not org_cp.extends(older, shrunk, [])
    # a verdict is part of the leaf: the same entry refused is another history
    assert org_cp.leaf("dev-a", 1, "a" * 64, "") != org_cp.leaf("dev-a", 1, "a" * 64, "four-eyes")


def test_devices_keep_each_checkpoint_and_its_root_is_the_history_they_hold(
    hub_db: HubDatabase, tmp_path: Path
) -> None:
    with organisation(tmp_path, hub_db.owner_url) as org:
        org.join("alice", "staff")
        org.welcome("alice")
        with org.login("alice") as alice:
            cases.create_case(alice, "2026-CP-1", debtor_name="陈立新")
        code, report, err = org.sync("alice")
        assert code == 0, err
        code, _report, err = org.sync("root")
        assert code == 0, err
        alice_kept, root_kept = _kept(org, "alice"), _kept(org, "root")
        assert len(alice_kept) >= 2 and report["org_checkpoint"] == alice_kept[-1].stated.named()
        # each kept one is signed by the pinned hub key and extends the one before
        with psycopg.connect(hub_db.owner_url) as conn:
            hub_rows = {
                int(r[0]): str(r[1])
                for r in conn.execute("SELECT size, body FROM org_checkpoints").fetchall()
            }
            # the hub's checkpoints only grow, as its other evidence
            with pytest.raises(psycopg.DatabaseError, match=r"hub\.append_only"):
                conn.execute("UPDATE org_checkpoints SET root = ''")
        for name, kept in (("alice", alice_kept), ("root", root_kept)):
            sizes = [k.stated.size for k in kept]
            assert sizes == sorted(set(sizes))
            for seen in kept:
                assert hub_rows[seen.stated.size] == seen.signed.body
                assert _held_root(org, name, seen.stated) == seen.stated.root
        # both devices saw the same history: the newest of one is consistent with the other's
        newest = max(root_kept[-1].stated.size, alice_kept[-1].stated.size)
        assert root_kept[-1].stated.size == newest
        for name in ("alice", "root"):
            with org.login(name) as session:
                assert verify_store(session, local_anchor=False).intact
        # verify holds the kept ones to the pinned key and to the history the store holds
        seen_file = org.stores["alice"] / checkpoint_log.SEEN_FILE
        lines = [json.loads(line) for line in seen_file.read_text("utf-8").splitlines()]
        changed = []
        for n in (0, len(lines) - 1):  # the first kept and the newest: each found, by name
            stated = org_cp.parse(lines[n]["body"])
            lines[n]["body"] = lines[n]["body"].replace(stated.root, "0" * 64)
            changed.append(org_cp.parse(lines[n]["body"]).named())
        seen_file.write_text("".join(json.dumps(line) + "\n" for line in lines), "utf-8")
        with org.login("alice") as session:
            errors = verify_store(session, local_anchor=False).errors
        assert [f.code for f in errors] == 2 * ["org_checkpoint.signature", "org_checkpoint.root"]
        assert [changed[0] in f.location for f in errors] == [True, True, False, False]
        assert [changed[1] in f.location for f in errors] == [False, False, True, True]


def test_a_hub_showing_a_history_that_does_not_extend_the_last_is_refused(
    hub_db: HubDatabase, tmp_path: Path
) -> None:
    """The hub (its database's superuser, with the hub's own key) rewrites history and signs a
    new head over it: the device refuses it, exit 1 naming both checkpoints, and keeps nothing
    new; the pull is not made."""
    with organisation(tmp_path, hub_db.owner_url) as org:
        org.join("alice", "staff")
        org.welcome("alice")
        before = _kept(org, "alice")
        last = before[-1].stated
        key = hub_side.load_or_make_key(org.tls)
        # a longer history whose first leaves are not the ones alice was shown
        fake_leaves = [org_cp.leaf("dev-x", n, f"{n:064x}", "") for n in range(1, last.size + 3)]
        fake = org_cp.OrgCheckpoint(
            last.hub_id,
            last.size + 2,
            org_cp.root_of(fake_leaves),
            last.hub_seq + 1_000,
            last.at,
        )
        signed = org_cp.sign(key, fake)
        with psycopg.connect(hub_db.owner_url) as conn:
            conn.execute(
                "INSERT INTO org_checkpoints (size, hub_seq, root, compact_range, body, "
                "signature) VALUES (%s, %s, %s, %s, %s, %s)",
                (fake.size, fake.hub_seq, fake.root, [], signed.body, signed.signature),
            )
        with org.login("alice") as alice:
            pulled_before = alice.conn.execute("SELECT count(*) FROM device_entries").fetchone()
        code, _report, err = org.sync("alice")
        assert code == 1, err
        assert "org_checkpoint.not_extension" in err
        assert last.named() in err and fake.named() in err
        assert [k.signed for k in _kept(org, "alice")] == [k.signed for k in before]
        with org.login("alice") as alice:
            after = alice.conn.execute("SELECT count(*) FROM device_entries").fetchone()
        assert tuple(after) == tuple(pulled_before)


def test_a_checkpoint_not_signed_by_the_pinned_key_is_refused(
    hub_db: HubDatabase, tmp_path: Path
) -> None:
    """One not signed by the pinned key (exit 1, org_checkpoint.signature); the seen file is
    the device's own: a hub cannot make it forget what it was shown."""
    with organisation(tmp_path, hub_db.owner_url) as org:
        org.join("alice", "staff")
        org.welcome("alice")
        last = _kept(org, "alice")[-1].stated
        other_key = hub_side.load_or_make_key(tmp_path / "other")
        bigger = dataclasses.replace(last, size=last.size + 1, hub_seq=last.hub_seq + 500)
        signed = org_cp.sign(other_key, bigger)
        with psycopg.connect(hub_db.owner_url) as conn:
            conn.execute(
                "INSERT INTO org_checkpoints (size, hub_seq, root, compact_range, body, "
                "signature) VALUES (%s, %s, %s, %s, %s, %s)",
                (bigger.size, bigger.hub_seq, bigger.root, [], signed.body, signed.signature),
            )
        code, _report, err = org.sync("alice")
        assert code == 1 and "org_checkpoint.signature" in err, err
        seen_file = org.stores["alice"] / checkpoint_log.SEEN_FILE
        assert seen_file.read_text("utf-8").splitlines()
