# ruff: noqa: F811
"""The hub lets go of a shredded case (hub/withdrawal.py), on a real hub (PostgreSQL, TLS,
``hub serve``) with real devices: once the tombstone is pushed, no table of the hub's database
holds a wrap of the case's key or the ciphertext of its files (scanned as text, every row of
every table, as the leak scanners scan a store), the withdrawal is recorded as facts, another
case's files (the same documents, its own copies) are intact, devices that still held the
case's wraps sync on (their late wraps taken and ignored), a late upload of a withdrawn file is
taken and ignored, a device joining afterwards verifies INTACT, and a tombstone forged by a
supervisor (or a withdrawal row an insider adds) withdraws nothing."""

from __future__ import annotations

import base64
import hashlib
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import psycopg
import pytest
from botocore.exceptions import ClientError
from psycopg import sql

from evidence_desk.domain.hub_refusals import Refused
from evidence_desk.hub import org_clock, receipts, schema, withdrawal
from evidence_desk.hub.object_store import S3Location, S3ObjectLockStore
from evidence_desk.integrity import ledger
from evidence_desk.services import (
    cases,
    contacts,
    importing,
    org_ledger,
    retention,
    shredding,
    sync,
)
from evidence_desk.services.hub_client import HubClient
from evidence_desk.services.session import Session
from evidence_desk.services.verify import verify_store
from tests.helpers import TickingClock, supporting_documents
from tests.hub.conftest import APP_ROLE, HubDatabase
from tests.hub.devices import repository
from tests.hub.org_cli import PASSWORD, Org, free_port, ok, organisation, session_at, synced
from tests.hub.test_object_store import BUCKET, s3  # noqa: F401 (the S3 server fixture)
from tests.hub.test_object_store import client as s3_client
from tests.services.test_org_ledger import forged
from tests.services.test_shredding_org import forged_tombstone_payload

CASE = "2026-WD-1"
OTHER = "2026-WD-2"
CHAT = (
    "05/01/2026, 09:00 - Li Ming: 您好，关于您的车贷 WOMBATQUILL77。\n"
    "05/01/2026, 09:05 - Ouyang: 我下月还清\n"
)

Conn = psycopg.Connection[tuple[Any, ...]]


def _request(alice: Session, case_no: str, docs: list[tuple[str, Path]], handle: str) -> str:
    cases.create_case(alice, case_no, debtor_name="欧阳" + case_no)
    return contacts.request_contact(
        alice,
        case_no=case_no,
        channel="whatsapp",
        handle=handle,
        display_name="欧阳",
        reason="the debtor added us and asked to talk about repayment",
        consent=True,
        documents=docs,
    ).id


def _case_paths(store: Path, user: str, case_no: str) -> list[str]:
    with Session.open(store, user, PASSWORD) as session:
        names = [
            str(r[0])
            for r in session.conn.execute(
                "SELECT name FROM case_blobs WHERE case_no = ?", (case_no,)
            )
        ]
    return sorted(f"blobs/{n[:2]}/{n[2:]}" for n in names)


def _ciphertexts(conn: Conn, paths: list[str]) -> dict[str, bytes]:
    """digest -> the bytes the hub holds of each file at ``paths`` (its chunks, in order)."""
    found: dict[str, bytes] = {}
    for (digest,) in conn.execute(
        "SELECT digest FROM blob_files WHERE path = ANY(%s)", (paths,)
    ).fetchall():
        chunks = conn.execute(
            "SELECT data FROM blob_chunks WHERE digest = %s ORDER BY index", (digest,)
        ).fetchall()
        found[str(digest)] = b"".join(bytes(c[0]) for c in chunks)
    assert len(found) == len(paths), "every file of the case is on the hub"
    return found


def _wraps(conn: Conn, case_no: str) -> list[bytes]:
    rows = conn.execute("SELECT sealed FROM case_key_wraps WHERE case_no = %s", (case_no,))
    return [bytes(r[0]) for r in rows.fetchall()]


def _leaks(conn: Conn, secrets: list[bytes]) -> list[str]:
    """Every row of every table of the hub's database, as text (bytea as hex), searched for
    each secret's hex: where any is still held."""
    tables = [
        str(r[0])
        for r in conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
    ]
    needles = [s.hex() for s in secrets]
    found: list[str] = []
    for table in tables:
        query = sql.SQL("SELECT t::text FROM {} t").format(sql.Identifier(table))
        for (text,) in conn.execute(query):
            found.extend(f"{table}: {n[:16]}" for n in needles if n in str(text))
    return found


def test_a_shredded_case_leaves_the_hub_and_late_pushes_do_not_bring_it_back(
    hub_db: HubDatabase, tmp_path: Path
) -> None:
    clock = TickingClock(datetime.now(UTC))
    docs = supporting_documents(tmp_path / "docs", tag="wd")
    with organisation(tmp_path, hub_db.owner_url) as org:
        org.join("alice", "staff")
        org.join("sam", "supervisor")
        org.welcome("alice", "sam")
        with session_at(org, "alice", clock) as alice:
            # the same two documents in both cases: each case holds its own copies
            shredded = _request(alice, CASE, docs, "+8613700000001")
            kept = _request(alice, OTHER, docs, "+8613700000002")
        synced(org, "alice", "sam")
        with session_at(org, "sam", clock) as sam:
            contacts.approve(sam, shredded, "identity and debt confirmed")
            contacts.approve(sam, kept, "identity and debt confirmed")
        synced(org, "sam", "alice")
        chat = tmp_path / "chat.txt"
        chat.write_text(CHAT, encoding="utf-8")
        with session_at(org, "alice", clock) as alice:
            importing.import_files(alice, shredded, [chat], tz="Asia/Shanghai")
        synced(org, "alice", "sam", "root")
        with session_at(org, "sam", clock) as sam:
            retention.close_case(sam, CASE, "repaid in full")
        synced(org, "sam", "alice", "root")

        paths = _case_paths(org.stores["alice"], "alice", CASE)
        other_paths = _case_paths(org.stores["alice"], "alice", OTHER)
        assert len(paths) == 3 and len(other_paths) == 2  # two documents and the chat
        with psycopg.connect(hub_db.owner_url) as conn:
            wraps = _wraps(conn, CASE)
            other_wraps = _wraps(conn, OTHER)
            held = _ciphertexts(conn, paths)
            other_held = _ciphertexts(conn, other_paths)
        assert len(wraps) >= 3 and other_wraps  # root, alice and sam hold the case's key
        secrets = [*wraps, *held.values()]
        with psycopg.connect(hub_db.owner_url) as conn:
            assert len(_leaks(conn, secrets)) >= len(secrets)  # the scan finds them before

        # root shreds the case; only root syncs: the hub withdraws at the tombstone
        clock.advance(days=366 * 5 + 2)
        with session_at(org, "root", clock) as root:
            shredding.shred_case(root, CASE, "expired", "retention period over")
        synced(org, "root")
        with psycopg.connect(hub_db.owner_url) as conn:
            assert _leaks(conn, secrets) == []
            facts = conn.execute(
                "SELECT w.wraps, w.files, w.blobs, w.bytes, e.action, e.seq = w.seq "
                "FROM case_withdrawals w JOIN entries e USING (device_id, seq) "
                "WHERE w.case_no = %s",
                (CASE,),
            ).fetchone()
            assert facts == (
                len(wraps),
                len(paths),
                len(held),
                sum(len(b) for b in held.values()),
                "case.shred",
                True,
            )
            withdrawn = conn.execute(
                "SELECT path, digest FROM withdrawn_files WHERE case_no = %s ORDER BY path",
                (CASE,),
            ).fetchall()
            assert [p for p, _d in withdrawn] == paths and {d for _p, d in withdrawn} == set(held)
            # the other case, the same documents under its own key: intact
            assert _wraps(conn, OTHER) == other_wraps
            assert _ciphertexts(conn, other_paths) == other_held
            assert conn.execute("SELECT count(*) FROM blobs").fetchone()[0] >= 5  # rows kept

        # alice and sam were offline during the shredding and still hold the case's wraps:
        # their syncs push every wrap they hold (a new process) and go on
        for name in ("alice", "sam"):
            with session_at(org, name, clock) as session:
                assert session.conn.execute(
                    "SELECT count(*) FROM case_key_wraps WHERE case_no = ?", (CASE,)
                ).fetchone()[0]
        # alice also imported another chat into the case before hearing of the shredding: her
        # sync uploads its file, the hub refuses her entry (case.shredded) and withdraws the
        # file it names; her next sync is clean
        chat2 = tmp_path / "chat2.txt"
        chat2.write_text(CHAT.replace("WOMBATQUILL77", "LATEOTTER55"), encoding="utf-8")
        with session_at(org, "alice", clock) as alice:
            importing.import_files(alice, shredded, [chat2], tz="Asia/Shanghai")
        (late_path,) = set(_case_paths(org.stores["alice"], "alice", CASE)) - set(paths)
        late_bytes = (org.stores["alice"] / late_path).read_bytes()
        secrets.append(late_bytes)
        synced(org, "sam")
        code, _report, err = org.sync("alice")
        assert code == 3 and "case.shredded" in err, err
        synced(org, "alice", "root")
        with psycopg.connect(hub_db.owner_url) as conn:
            assert _leaks(conn, secrets) == []
            assert _wraps(conn, CASE) == []
            assert conn.execute(
                "SELECT digest FROM withdrawn_files WHERE path = %s", (late_path,)
            ).fetchone() == (hashlib.sha256(late_bytes).hexdigest(),)

        # a late upload of a withdrawn file (a device that had not pushed it): taken, ignored
        late = b"late ciphertext of the shredded case " * 40
        digest = hashlib.sha256(late).hexdigest()
        with repository(hub_db.app_url) as repo:
            repo.put_chunk(digest, 0, late)
            assert repo.ignore_withdrawn(paths[0], digest)
            assert not repo.ignore_withdrawn(other_paths[0], digest)
            assert repo.named_blob_files([paths[0]]) == [paths[0]]
            assert repo.chunks_held(digest) == []
            # a withdrawn digest's chunk sent again is ignored, never stored or refused
            gone = sorted(held)[0]
            repo.put_chunk(gone, 0, held[gone])
            assert repo.chunks_held(gone) == [] and repo.blob_chunk(gone, 0) is None
            assert repo.withdraw_pending() == 0  # idempotent: nothing left to withdraw
        # the same file riding a device's exchange (``POST /v1/sync``): taken and ignored too,
        # nothing of it stored, and the exchange goes on
        later = b"another late ciphertext of the shredded case " * 40
        later_file = {
            "path": paths[1],
            "digest": hashlib.sha256(later).hexdigest(),
            "size": len(later),
            "bytes": base64.b64encode(later).decode("ascii"),
        }
        with (
            org.login("alice") as alice,
            sync.client_for(alice, sync.binding(alice.folder)) as client,
        ):
            body = {"device_id": alice.folder.store_id, "entries": [], "files": [later_file]}
            answer = client.post("/v1/sync", body)
        assert answer["files"] == [{"path": paths[1], "named": False}] and answer["refused"] is None
        with repository(hub_db.app_url) as repo:
            assert repo.chunks_held(later_file["digest"]) == []
            assert repo.blob_chunk(later_file["digest"], 0) is None

        # a legal desktop joining afterwards: syncs, holds nothing of the case, verifies INTACT
        org.join("lena", "legal")
        org.welcome("lena")
        synced(org, "lena")
        for name in ("lena", "root", "alice", "sam"):
            with session_at(org, name, clock) as session:
                report = verify_store(session, local_anchor=False)
                assert report.intact, (name, [(f.code, f.location) for f in report.errors])
        lena_files = {
            p.relative_to(org.stores["lena"]).as_posix()
            for p in (org.stores["lena"] / "blobs").rglob("*")
            if p.is_file()
        }
        assert not set(paths) & lena_files
        assert set(other_paths) <= lena_files

        # sam (a supervisor) forges a tombstone of the other case with his own key: the hub
        # refuses it and withdraws nothing
        with psycopg.connect(hub_db.owner_url) as conn:
            other_wraps = _wraps(conn, OTHER)  # lena's too now
        assert len(other_wraps) >= 4
        with repository(hub_db.app_url) as repo, pytest.raises(Refused) as refused:
            repo.push(*_forged_tombstone(org, hub_db, clock, "sam"))
        assert refused.value.refusal.rule == "hub.permission"
        # root (an admin, who may shred) signs one of the other case, which is neither closed
        # nor past its floor: the hub keeps it in root's chain, refused by the rule table
        # (the floor comes first), and withdraws nothing
        with repository(hub_db.app_url) as repo:
            result, _receipts = repo.push(*_forged_tombstone(org, hub_db, clock, "root"))
        assert [r.facts().get("violated") for r in result.refused] == ["retention.floor"]
        with psycopg.connect(hub_db.owner_url) as conn:
            assert _wraps(conn, OTHER) == other_wraps
            assert _ciphertexts(conn, other_paths) == other_held
            assert conn.execute(
                "SELECT count(*) FROM case_withdrawals WHERE case_no = %s", (OTHER,)
            ).fetchone() == (0,)
        # an insider with the application role's login records a withdrawal of the other
        # case naming an entry that is no tombstone of it: the trigger keeps its wraps
        with psycopg.connect(hub_db.app_url) as conn:
            device, seq, hub_seq = conn.execute(
                "SELECT device_id, seq, hub_seq FROM entries WHERE verdict = '' "
                "ORDER BY hub_seq DESC LIMIT 1"
            ).fetchone()
            conn.execute(
                "INSERT INTO case_withdrawals (case_no, device_id, seq, hub_seq, wraps, files, "
                "blobs, bytes) VALUES (%s, %s, %s, %s, 0, 0, 0, 0)",
                (OTHER, device, seq, hub_seq),
            )
            with pytest.raises(psycopg.Error) as refused:
                conn.execute("DELETE FROM case_key_wraps WHERE case_no = %s", (OTHER,))
            assert refused.value.sqlstate == schema.APPEND_ONLY_STATE


def _forged_tombstone(
    org: Org, hub_db: HubDatabase, clock: TickingClock, name: str
) -> tuple[str, list[ledger.Entry]]:
    """A tombstone of OTHER signed by ``name``'s key after their device's last entry on the
    hub, written outside the app (whose rules would refuse it): (device, [entry])."""
    with session_at(org, name, clock) as session:
        device = session.folder.store_id
        key = session.signing_key
    with psycopg.connect(hub_db.owner_url) as conn:
        prior = [
            ledger.Entry(*r)
            for r in conn.execute(
                "SELECT seq, at, actor, action, payload, payload_hash, prev_hash, entry_hash, "
                "signature FROM entries WHERE device_id = %s ORDER BY seq",
                (device,),
            )
        ]
    payload = forged_tombstone_payload(OTHER, name, "expired")
    return device, [forged(device, prior, name, "case.shred", payload, key)]


def _closed_case(org: Org, clock: TickingClock, tmp_path: Path) -> None:
    """alice requests a contact in CASE with its documents, sam approves and closes it, every
    device has synced; then the clock passes its deletion date."""
    with session_at(org, "alice", clock) as alice:
        contact = _request(alice, CASE, supporting_documents(tmp_path / "docs"), "+8613700000003")
    synced(org, "alice", "sam")
    with session_at(org, "sam", clock) as sam:
        contacts.approve(sam, contact, "identity and debt confirmed")
    synced(org, "sam", "alice")
    with session_at(org, "sam", clock) as sam:
        retention.close_case(sam, CASE, "repaid in full")
    synced(org, "sam", "alice", "root")
    clock.advance(days=366 * 5 + 2)


def _digests(conn: Conn, paths: list[str]) -> list[str]:
    rows = conn.execute("SELECT digest FROM blob_files WHERE path = ANY(%s)", (paths,))
    return sorted(str(r[0]) for r in rows.fetchall())


def _as_sam(org: Org) -> HubClient:
    """sam's real client to the org's hub (signed requests over TLS)."""
    with org.login("sam") as sam:
        bound = sync.binding(sam.folder)
        return HubClient(bound.url, bound.ca_file, "sam", sam.signing_key)


def test_a_withdrawn_file_is_offered_to_no_one(hub_db: HubDatabase, tmp_path: Path) -> None:
    """``blob_files`` keeps its rows (evidence), so the routes that offer files to fetch
    leave a withdrawn path out: the lookup and the listing answer as for a file never pushed,
    the blob route shows nothing to download; the same ciphertext named at a path not
    withdrawn is still offered there."""
    clock = TickingClock(datetime.now(UTC))
    with organisation(tmp_path, hub_db.owner_url) as org:
        org.join("alice", "staff")
        org.join("sam", "supervisor")
        org.welcome("alice", "sam")
        _closed_case(org, clock, tmp_path)
        paths = _case_paths(org.stores["alice"], "alice", CASE)
        with psycopg.connect(hub_db.owner_url) as conn:
            digests = _digests(conn, paths)
            # one digest named again at a path of no case (a copy the store also keeps):
            # that path is not withdrawn, so its ciphertext stays and is offered there
            conn.execute(
                "INSERT INTO blob_files (path, digest, added_by) VALUES (%s, %s, 'alice')",
                ("blobs/ff/copy", digests[0]),
            )
        assert len(paths) == 2
        asked = [*paths, "blobs/ff/copy"]
        with _as_sam(org) as client:
            before = client.post("/v1/blob-files/lookup", {"paths": asked})["blobs"]
            assert [b["path"] for b in before] == sorted(asked)

        with session_at(org, "root", clock) as root:
            shredding.shred_case(root, CASE, "expired", "retention period over")
        synced(org, "root")
        with _as_sam(org) as client:
            found = client.post("/v1/blob-files/lookup", {"paths": asked})["blobs"]
            assert [(b["path"], b["digest"]) for b in found] == [("blobs/ff/copy", digests[0])]
            listed = client.get("/v1/blob-files")
            assert not {b["path"] for b in listed["blobs"]} & set(paths)
            assert "blobs/ff/copy" in {b["path"] for b in listed["blobs"]}
            gone = client.get(f"/v1/blobs/{digests[1]}")
            assert (gone["chunks"], gone["complete"]) == ([], False)
            shared = client.get(f"/v1/blobs/{digests[0]}")
            assert shared["complete"] and shared["chunks"]
            # a device still holding the files is not asked to upload them again: for a
            # push they count as named (their upload would be taken and ignored)
            named = client.post("/v1/blob-files/named", {"paths": asked})["named"]
            assert named == sorted(asked)
        # a device that never held the case syncs clean and fetches none of its files
        org.join("lena", "legal")
        org.welcome("lena")
        synced(org, "lena")
        assert not [p for p in paths if (org.stores["lena"] / p).exists()]


def test_on_worm_storage_the_wraps_go_and_a_locked_object_is_recorded_until_its_date(
    hub_db: HubDatabase, s3: str, tmp_path: Path
) -> None:
    clock = TickingClock(datetime.now(UTC))
    serve = ("--blobs", f"s3://{BUCKET}/wd/", "--s3-endpoint", s3, "--retain-days", "30")
    with organisation(tmp_path, hub_db.owner_url, *serve) as org:
        org.join("alice", "staff")
        org.join("sam", "supervisor")
        org.welcome("alice", "sam")
        _closed_case(org, clock, tmp_path)
        paths = _case_paths(org.stores["alice"], "alice", CASE)
        with psycopg.connect(hub_db.owner_url) as conn:
            digests = _digests(conn, paths)
            wraps = _wraps(conn, CASE)
        assert len(digests) == 2 and wraps
        s3c = s3_client(s3)
        # a version the store lets go (no retention: written beside the hub's, as a bucket's
        # operator might), and the hub's own, locked in compliance mode
        loose = s3c.put_object(Bucket=BUCKET, Key=f"wd/{digests[0]}", Body=b"loose")["VersionId"]

        with session_at(org, "root", clock) as root:
            shredding.shred_case(root, CASE, "expired", "retention period over")
        synced(org, "root")
        with psycopg.connect(hub_db.owner_url) as conn:
            assert _wraps(conn, CASE) == [] and _leaks(conn, wraps) == []
            rows = conn.execute(
                "SELECT digest, location, object, kept_until FROM withdrawn_blobs "
                "WHERE case_no = %s ORDER BY digest",
                (CASE,),
            ).fetchall()
        assert [(r[0], r[1], r[2]) for r in rows] == [(d, "s3", "locked") for d in digests]
        for digest, _location, _object, until in rows:
            versions = s3c.list_object_versions(Bucket=BUCKET, Prefix=f"wd/{digest}")
            kept = versions.get("Versions", [])
            assert kept and loose not in {v["VersionId"] for v in kept}
            for version in kept:  # what stays is what the lock keeps, until the date recorded
                head = s3c.head_object(
                    Bucket=BUCKET, Key=f"wd/{digest}", VersionId=version["VersionId"]
                )
                assert head["ObjectLockMode"] == "COMPLIANCE"
                assert head["ObjectLockRetainUntilDate"] <= until
            assert until > datetime.now(UTC) + timedelta(days=29)
            with pytest.raises(ClientError):  # a plain read finds a delete marker
                s3c.get_object(Bucket=BUCKET, Key=f"wd/{digest}")
        store = S3ObjectLockStore(S3Location.parse(f"s3://{BUCKET}/wd/", endpoint_url=s3))
        with repository(hub_db.app_url) as repo:
            repo.objects = store
            assert [repo.blob_chunk(d, 0) for d in digests] == [None, None]  # never served
            # a later run past the recorded date tries again: still locked here, still recorded
            assert repo.finish_withdrawals(now=rows[-1][3] + timedelta(days=1)) == 0
            # the hub's clock looks hourly: an object whose deletion failed (left pending) is
            # tried again, and an object store out of reach never stops the clock
            with psycopg.connect(hub_db.owner_url) as conn:
                conn.execute("UPDATE withdrawn_blobs SET object = 'pending', kept_until = NULL")
            desk = receipts.ReceiptDesk(str(repo.hub_id()), receipts.load_or_make_key(org.tls))
            clock_task = org_clock.OrgClock(repo, desk, timedelta(days=1), None)
            repo.objects = S3ObjectLockStore(
                S3Location.parse(
                    f"s3://{BUCKET}/wd/", endpoint_url=f"http://127.0.0.1:{free_port()}"
                )
            )
            clock_task._next_objects = 0.0
            clock_task.tick()
            repo.objects = store
            clock_task.tick()  # within the hour: not yet
            with psycopg.connect(hub_db.owner_url) as conn:
                states = conn.execute("SELECT DISTINCT object FROM withdrawn_blobs").fetchall()
            assert states == [("pending",)]
            clock_task._next_objects = 0.0
            clock_task.tick()
            with psycopg.connect(hub_db.owner_url) as conn:
                again = conn.execute(
                    "SELECT digest, location, object, kept_until FROM withdrawn_blobs "
                    "ORDER BY digest"
                ).fetchall()
            assert again == rows
        synced(org, "alice", "sam", "root")
        with session_at(org, "sam", clock) as sam:
            report = verify_store(sam, local_anchor=False)
            assert report.intact, [(f.code, f.location) for f in report.errors]


def _as_version_3(db: HubDatabase) -> None:
    """The hub's database as the release before made it: no withdrawal tables, triggers
    or grants (hub/withdrawal.py), schema version 3."""
    with psycopg.connect(db.owner_url) as conn, conn.transaction():
        conn.execute("DROP TABLE withdrawn_blobs, withdrawn_files, case_withdrawals")
        conn.execute("DROP INDEX entries_shreds")
        conn.execute("DROP TRIGGER case_key_wraps_keep ON case_key_wraps")
        conn.execute(
            "CREATE TRIGGER case_key_wraps_keep BEFORE UPDATE OR DELETE ON case_key_wraps "
            "FOR EACH ROW EXECUTE FUNCTION hub_refuse_change()"
        )
        conn.execute("DROP FUNCTION hub_refuse_wrap_change(), hub_case_withdrawn(text)")
        conn.execute(
            """CREATE OR REPLACE FUNCTION hub_refuse_chunk_change() RETURNS trigger
            LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_OP = 'DELETE' AND NOT EXISTS (SELECT 1 FROM blobs WHERE digest = OLD.digest)
                THEN RETURN OLD; END IF;
                RAISE EXCEPTION 'hub.append_only: % of blob_chunks refused', TG_OP
                    USING ERRCODE = 'ED001';
            END $$"""
        )
        conn.execute(f"REVOKE DELETE ON case_key_wraps FROM {APP_ROLE}")
        conn.execute("DELETE FROM hub_schema")
        conn.execute("INSERT INTO hub_schema (version) VALUES (3)")


def test_a_case_shredded_before_the_upgrade_is_withdrawn_when_the_hub_starts(
    hub_db: HubDatabase, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = TickingClock(datetime.now(UTC))
    with organisation(tmp_path, hub_db.owner_url) as org:
        org.join("alice", "staff")
        org.join("sam", "supervisor")
        org.welcome("alice", "sam")
        _closed_case(org, clock, tmp_path)
        paths = _case_paths(org.stores["alice"], "alice", CASE)
        with session_at(org, "root", clock) as root:
            shredding.shred_case(root, CASE, "expired", "retention period over")
        org.kill()
        # the release before accepted the tombstone and withdrew nothing
        monkeypatch.setattr(withdrawal, "called_for", lambda fresh, verdicts: False)
        with session_at(org, "root", clock) as root, repository(hub_db.app_url) as repo:
            placed = root.conn.execute("SELECT coalesce(max(seq), 0) FROM org_positions")
            entries = org_ledger.own_entries(root, since=int(placed.fetchone()[0]) + 1)
            assert entries[-1].action == "case.shred"
            result, _receipts = repo.push(root.folder.store_id, entries)
            assert result.appended == len(entries) and not result.refused
        monkeypatch.undo()
        _as_version_3(hub_db)
        with psycopg.connect(hub_db.owner_url) as conn:
            wraps = _wraps(conn, CASE)
            held = _ciphertexts(conn, paths)
        assert wraps and len(held) == 2
        assert ok("hub", "upgrade", "--db", hub_db.owner_url) == {
            "from_version": 3,
            "to_version": schema.SCHEMA_VERSION,
        }
        org.start()  # hub serve withdraws what was shredded before, once
        with psycopg.connect(hub_db.owner_url) as conn:
            assert _leaks(conn, [*wraps, *held.values()]) == []
            facts = conn.execute(
                "SELECT wraps, files, blobs FROM case_withdrawals WHERE case_no = %s", (CASE,)
            ).fetchall()
        assert facts == [(len(wraps), len(paths), len(held))]
        org.kill()
        org.start()  # and again: nothing more
        with psycopg.connect(hub_db.owner_url) as conn:
            assert conn.execute("SELECT count(*) FROM case_withdrawals").fetchone() == (1,)
        synced(org, "root", "alice", "sam")
        for name in ("root", "alice", "sam"):
            with session_at(org, name, clock) as session:
                report = verify_store(session, local_anchor=False)
                assert report.intact, (name, [(f.code, f.location) for f in report.errors])


def test_a_case_s_files_are_its_copies_and_the_store_key_files_only_it_used() -> None:
    """``case_files`` over the organisation's tables: the case's own copies (another case's
    copy of the same original is not one), and a file under a store key of an original the
    case used (as an item and as an import alike: one ``blobs`` row) that no case still alive
    uses; one a shredded case also used goes too."""
    tables: dict[str, dict[tuple[Any, ...], dict[str, Any]]] = {
        "case_blobs": {
            ("aa11",): {"name": "aa11", "case_no": "A", "sha256": "s1"},
            ("bb22",): {"name": "bb22", "case_no": "B", "sha256": "s1"},
        },
        "shreddings": {("C",): {"case_no": "C"}},
        "contacts": {
            ("ca",): {"id": "ca", "case_no": "A"},
            ("cb",): {"id": "cb", "case_no": "B"},
            ("cc",): {"id": "cc", "case_no": "C"},
        },
        "items": {
            ("i1",): {"id": "i1", "contact_id": "ca", "sha256": "s1"},
            ("i2",): {"id": "i2", "contact_id": "cb", "sha256": "s1"},  # B is alive: stays
            ("i3",): {"id": "i3", "contact_id": "ca", "sha256": "s2"},
            ("i4",): {"id": "i4", "contact_id": "cc", "sha256": "s3"},  # C was shredded
        },
        "imports": {
            ("m1",): {"id": "m1", "contact_id": "ca", "sha256": "s2"},  # s2 under two kinds
            ("m2",): {"id": "m2", "contact_id": "ca", "sha256": "s3"},
            ("m3",): {"id": "m3", "contact_id": "cb", "sha256": "s4"},
        },
        "blobs": {
            ("s1",): {"sha256": "s1", "name": "k1file"},
            ("s2",): {"sha256": "s2", "name": "k2file", "kind": "document"},
            ("s3",): {"sha256": "s3", "name": "k3file"},
            ("s4",): {"sha256": "s4", "name": "k4file"},
            ("s5",): {"sha256": "s5", "name": ""},
        },
    }
    assert withdrawal.case_files(tables, "A") == {
        "blobs/aa/11",
        "blobs/k2/file",
        "blobs/k3/file",
    }
    assert withdrawal.case_files(tables, "B") == {"blobs/bb/22", "blobs/k4/file"}
