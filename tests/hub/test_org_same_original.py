"""The same original sealed on two staff laptops of one case (issue 19; cleanup item 2).

Two staff of one case hold the same case key, so the same screenshot sealed on both laptops is
the same original (one ``blobs`` row org-wide) and the same case copy (its file name is keyed by
the case key and the digest). Each laptop records it as new while offline; the second to push
re-records a row the organisation already holds, with the same facts. The rule table takes an
identical re-record of an original or of a case's copy as no change (the first record stands),
so the second laptop's evidence is accepted, nothing of its sync is wedged, and verify on every
device replays it INTACT. The same file may also serve two uses on two laptops (a request's
document, an imported original): the re-record names another ``kind``, which is written once,
so the kind the organisation accepted first stands everywhere."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from evidence_desk.services import contacts, importing
from evidence_desk.services.session import Session
from evidence_desk.services.verify import verify_store
from tests.bundle.support import screenshot_bytes
from tests.helpers import raw_connection
from tests.hub.conftest import HubDatabase
from tests.hub.org_cli import PASSWORD, Org, organisation
from tests.hub.test_org_end_to_end import approved_remotely


def _import(org: Org, name: str, contact_id: str, shot: Path) -> str:
    with org.login(name) as session:
        (import_id,) = importing.import_files(
            session, contact_id, [shot], tz="Asia/Shanghai"
        ).import_ids
    return import_id


def _intact(org: Org, name: str) -> None:
    with org.login(name) as session:
        report = verify_store(session, local_anchor=False)
    assert report.intact, [(f.code, f.location, str(f.detail)) for f in report.errors]


def test_two_staff_laptops_seal_the_same_screenshot_and_both_are_accepted(
    hub_db: HubDatabase, tmp_path: Path
) -> None:
    with organisation(tmp_path, hub_db.owner_url) as org:
        org.join("alice", "staff")
        org.join("bob", "staff")
        org.join("sam", "supervisor")
        org.join("lee", "legal")
        org.welcome("alice", "bob", "sam", "lee")
        contact_id = approved_remotely(org, tmp_path)
        assert org.sync("bob")[0] == 0
        shot = tmp_path / "promise.png"
        shot.write_bytes(screenshot_bytes())
        # both laptops seal the same screenshot before either hears of the other's
        from_alice = _import(org, "alice", contact_id, shot)
        from_bob = _import(org, "bob", contact_id, shot)
        assert org.sync("alice")[0] == 0
        code, report, err = org.sync("bob")
        assert code == 0, (report, err)
        # bob's laptop goes on working: a later import is accepted too
        other = tmp_path / "receipt.png"
        other.write_bytes(screenshot_bytes(seed=1))
        later = _import(org, "bob", contact_id, other)
        code, report, err = org.sync("bob")
        assert code == 0, (report, err)
        for name in ("lee", "alice", "bob"):
            assert org.sync(name)[0] == 0
        with org.login("lee") as lee:
            shots = [i for i in contacts.contact_items(lee, contact_id) if i.role == "screenshot"]
            assert len(shots) == 3 and len({i.sha256 for i in shots}) == 2
            imports = {row[0] for row in lee.conn.execute("SELECT id FROM imports")}
            assert {from_alice, from_bob, later} <= imports
        for name in ("lee", "alice", "bob"):
            _intact(org, name)


def _request_with(org: Org, folder: Path, handle: str, document: Path) -> str:
    """alice's request for another chat of the case, ``document`` its identity proof."""
    confirmation = folder / f"debt-{handle}.txt"
    confirmation.write_text(f"债务确认书 debt confirmation {handle}\n", encoding="utf-8")
    with org.login("alice") as alice:
        contact = contacts.request_contact(
            alice,
            case_no="2026-SH-1",
            channel="whatsapp",
            handle=handle,
            display_name="Chen Lixin",
            reason="the debtor added us and asked to talk about repayment",
            consent=True,
            documents=[("identity_proof", document), ("debt_confirmation", confirmation)],
        )
    return contact.id


def _kinds(org: Org, name: str, *files: Path) -> list[str]:
    """The kind ``name``'s store holds for each file's original."""
    with org.login(name) as session:
        return [
            str(
                session.conn.execute(
                    "SELECT kind FROM blobs WHERE sha256 = ?",
                    (hashlib.sha256(file.read_bytes()).hexdigest(),),
                ).fetchone()[0]
            )
            for file in files
        ]


def test_the_same_file_as_a_request_document_and_an_imported_original_is_accepted(
    hub_db: HubDatabase, tmp_path: Path
) -> None:
    """One laptop gives a photo as a request's identity proof, another imports the same photo
    as an original, neither having heard of the other: both are accepted whichever reaches
    the hub first; every device keeps the kind of the record the hub accepted first, and
    every device verifies INTACT."""
    with organisation(tmp_path, hub_db.owner_url) as org:
        org.join("alice", "staff")
        org.join("bob", "staff")
        org.join("sam", "supervisor")
        org.join("lee", "legal")
        org.welcome("alice", "bob", "sam", "lee")
        contact_id = approved_remotely(org, tmp_path)
        assert org.sync("bob")[0] == 0
        first, second = tmp_path / "photo-1.png", tmp_path / "photo-2.png"
        first.write_bytes(screenshot_bytes(seed=2))
        second.write_bytes(screenshot_bytes(seed=3))
        # the import reaches the hub first
        from_bob = _import(org, "bob", contact_id, first)
        requested = _request_with(org, tmp_path, "+8613800000001", first)
        assert org.sync("bob")[0] == 0
        code, report, err = org.sync("alice")
        assert code == 0, (report, err)
        # the request reaches the hub first
        later = _request_with(org, tmp_path, "+8613800000002", second)
        again = _import(org, "bob", contact_id, second)
        assert org.sync("alice")[0] == 0
        code, report, err = org.sync("bob")
        assert code == 0, (report, err)
        for name in ("lee", "sam", "alice", "bob"):
            assert org.sync(name)[0] == 0
        for name in ("lee", "sam", "alice", "bob"):
            assert _kinds(org, name, first, second) == ["original", "document"], name
            _intact(org, name)
        with org.login("sam") as sam:
            waiting = {c.id for c in contacts.list_contacts(sam, status="requested")}
            assert {requested, later} <= waiting
        with org.login("lee") as lee:
            imports = {row[0] for row in lee.conn.execute("SELECT id FROM imports")}
            assert {from_bob, again} <= imports
            proofs = {
                str(row[0])
                for row in lee.conn.execute(
                    "SELECT contact_id FROM items WHERE role = 'identity_proof'"
                )
            }
            assert {requested, later} <= proofs
        # the kind is a fact the ledger holds: a store whose row says otherwise is found
        copy = tmp_path / "lee-rewritten"
        shutil.copytree(org.stores["lee"], copy)
        conn = raw_connection(copy, "lee", PASSWORD)
        try:
            digest = hashlib.sha256(first.read_bytes()).hexdigest()
            conn.execute("UPDATE blobs SET kind = 'document' WHERE sha256 = ?", (digest,))
            conn.commit()
        finally:
            conn.close()
        with Session.open(copy, "lee", PASSWORD) as lee:
            rewritten = verify_store(lee, local_anchor=False)
        assert not rewritten.intact
        assert any(
            f.code == "row.changed" and digest in str(f.location) for f in rewritten.errors
        ), [(f.code, f.location) for f in rewritten.errors]
