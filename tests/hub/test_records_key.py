"""The organisation's records key through a real hub (its own process, real PostgreSQL, real
TLS), laptops joined with codes: made at ``hub init``, wrapped for legal, admins and auditors
and shared through the hub as wraps; an auditor on their own laptop reads what legal and the
admin wrote; the supervisor who imported a case CSV cannot read its name back, the admin
can; an insider's note in clear is refused by the hub and named by every verify; and an
organisation founded by the release before the key gets it at its admin's next login, its
history still INTACT."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from evidence_desk.bundle.model import Scope
from evidence_desk.domain import records_key as rk
from evidence_desk.domain.pipl import Recipient
from evidence_desk.services import (
    breaches,
    bundle,
    cases,
    processing_records,
    records_key,
    signing_certs,
    sync,
)
from evidence_desk.services.session import Session
from evidence_desk.services.verify import verify_store
from evidence_desk.store import case_keys as ck
from tests.helpers import insider_code, pkcs12_identity
from tests.hub.conftest import HubDatabase
from tests.hub.org_cli import Org, organisation, synced
from tests.hub.test_org_end_to_end import approved_remotely
from tests.services.test_records_key import _report

CSV_NAME = "王某等三户-cases-9901.csv"
CASE = "2026-RK-1"
NOTE = "债务人王某的手机丢失-breach-note-9902"
RECIPIENT = Recipient("court", "上海市某区人民法院-9903", "诉讼证据-9904", "contract", "合同-9905")


def _intact(org: Org, name: str) -> list[str]:
    """``name``'s store verifies INTACT; the codes of its warnings."""
    with org.login(name) as session:
        report = verify_store(session, local_anchor=False)
    assert report.intact, [(f.code, f.location, str(f.detail)) for f in report.errors]
    return [f.code for f in report.findings if f.severity == "warning"]


def _csv_payload(session: Session) -> dict[str, Any]:
    """The ``case.import`` entry's payload, this device's own or pulled."""
    row = session.conn.execute(
        "SELECT payload FROM ledger WHERE action = 'case.import' UNION ALL "
        "SELECT payload FROM device_entries WHERE action = 'case.import'"
    ).fetchone()
    return dict(json.loads(row[0]))


def approved_case(org: Org, folder: Path) -> str:
    """A case with a contact alice requested and sam approved on their laptops: its number."""
    contact_id = approved_remotely(org, folder)
    with org.login("alice") as alice:
        row = alice.conn.execute("SELECT case_no FROM contacts WHERE id = ?", (contact_id,))
        return str(row.fetchone()[0])


def _wrapped(session: Session) -> set[str]:
    return {w.recipient for w in ck.read_wraps(session.conn, rk.WRAP_NAME)}


@pytest.fixture
def org(hub_db: HubDatabase, tmp_path: Path) -> Iterator[Org]:
    with organisation(tmp_path, hub_db.owner_url) as org:
        org.join("alice", "staff")
        org.join("sam", "supervisor")
        org.join("lee", "legal")
        org.join("ada", "auditor")
        org.welcome("alice", "sam", "lee", "ada")
        yield org


def test_sync_and_the_records_key_agree_on_the_hub_file() -> None:
    assert records_key.HUB_FILE == sync.HUB_FILE


def test_an_auditor_reads_the_records_legal_and_the_admin_wrote_on_their_laptops(
    org: Org, tmp_path: Path
) -> None:
    with org.login("root") as root:
        # hub init made the key; the welcome's sync wrapped it for legal and the auditor
        assert records_key.public_key(root.conn) is not None
        assert _wrapped(root) == {"root", "lee", "ada"}
    with org.login("sam") as sam:
        cases.import_cases_csv(sam, CSV_NAME, f"case_no,debtor_name\n{CASE},王某\n".encode())
        # the supervisor wrote it and holds no records key: its name is sealed to him too
        assert cases.imported_file_name(sam, _csv_payload(sam)) == records_key.SEALED
        assert not records_key.can_open(sam)
    # a case with an approved contact (alice requests, sam approves) for legal to export
    exported = approved_case(org, tmp_path)
    synced(org, "sam", "root")
    with org.login("root") as root:
        assert cases.imported_file_name(root, _csv_payload(root)) == CSV_NAME
        breaches.add(root, _report(cause_note=NOTE))
    synced(org, "root", "lee")
    with org.login("lee") as lee:
        signing_certs.import_p12(lee, pkcs12_identity("lee"), "p12-password")
        bundle.export_bundle(lee, Scope(exported), tmp_path / "bundle", recipient=RECIPIENT)
        (mine,) = processing_records.list_records(lee)
        assert (mine.recipient_name, mine.purpose, mine.basis_note) == (
            RECIPIENT.name,
            RECIPIENT.purpose,
            RECIPIENT.basis_note,
        )
    synced(org, "lee", "ada")
    with org.login("ada") as ada:
        assert records_key.can_open(ada)
        (record,) = processing_records.list_records(ada)
        assert (record.recipient_name, record.purpose, record.basis_note) == (
            RECIPIENT.name,
            RECIPIENT.purpose,
            RECIPIENT.basis_note,
        )
        assert record.legal_basis == "contract" and record.recipient_kind == "court"
        stored = ada.conn.execute("SELECT recipient_name FROM processing_records").fetchone()[0]
        assert rk.is_sealed(stored)
        (breach,) = breaches.list_records(ada)
        assert breach.cause_note == NOTE
        assert cases.imported_file_name(ada, _csv_payload(ada)) == CSV_NAME
    for name in ("ada", "root"):
        assert "case_key.stale" not in _intact(org, name)


def test_a_reason_in_clear_after_the_key_is_refused_by_the_hub_and_named_by_verify(
    org: Org,
) -> None:
    """legal's own copy of the write path, the rule table taken out, their own keys: an
    unmasking's reason in clear (an entry with no row: the hub's refusal leaves nothing to
    take back on the laptop)."""
    with org.login("lee") as lee, insider_code():
        lee.write(
            "bundle.unmask",
            {"case_no": "2026-RK-9", "reason": NOTE, "detector": "1"},
            operation="export",
        )
    code, report, err = org.sync("lee")
    assert code == 3 and "records_key.sealed" in err, err
    assert report["refused"]["facts"]["violated"] == "records_key.sealed"
    synced(org, "root")
    for name in ("lee", "root"):
        assert "org.refused" in _intact(org, name)


def test_an_organisation_from_before_the_key_gets_it_at_its_admins_login(
    hub_db: HubDatabase, tmp_path: Path
) -> None:
    old = "旧版-clear-breach-note-9906"
    # the release before this one: no records key at hub init nor at any login
    release_before = pytest.MonkeyPatch()
    release_before.setattr(records_key, "found", lambda session: None)
    release_before.setattr(records_key, "after_login", lambda session: None)
    try:
        with organisation(tmp_path, hub_db.owner_url) as org:
            org.join("ada", "auditor")
            org.welcome("ada")
            with org.login("root") as root:
                assert records_key.public_key(root.conn) is None
                breaches.add(root, _report(cause_note=old))
            synced(org, "root", "ada")
            release_before.undo()
            # today's release: the admin's login makes the key and wraps it for the auditor
            with org.login("root") as root:
                assert records_key.public_key(root.conn) is not None
                assert _wrapped(root) == {"root", "ada"}
                breaches.add(root, _report(cause_note=NOTE))
                stored = [
                    str(r[0])
                    for r in root.conn.execute(
                        "SELECT cause_note FROM breach_records ORDER BY filed_at"
                    )
                ]
                assert stored[0] == old and rk.is_sealed(stored[1])
            synced(org, "root", "ada")
            with org.login("ada") as ada:
                assert [b.cause_note for b in breaches.list_records(ada)] == [old, NOTE]
            for name in ("root", "ada"):
                assert "org.refused" not in _intact(org, name)
    finally:
        release_before.undo()
