"""The tamper matrix: every change made to a real store *outside the app* is found and located.

Each test builds the same realistic store (a team, a case, a contact requested by alice with an
identity proof and a debt confirmation, approved by sam, two documents attached afterwards, and a
second contact still waiting for a decision), checks that ``verify`` finds it intact, tampers with
it the way someone holding a password (or just the folder) could — SQL through SQLCipher with the
real key, or raw edits of the blob files and ``store.json`` — and asserts that ``verify`` reports
the specific finding code *and* the place: ``ledger seq N``, ``blob sha256 <digest> of case C``,
``table contacts row id=K-...``, ``checkpoint N`` or ``store.json head``.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from evidence_desk.domain.models import Finding
from evidence_desk.integrity import ledger, signature_checks, signing
from evidence_desk.integrity.canonical import canonical_bytes
from evidence_desk.services import case_blobs, cases, contacts
from evidence_desk.services.verify import VerifyReport, verify_store
from evidence_desk.store.folder import StoreFolder
from tests.helpers import ADMIN, ADMIN_PASSWORD, Team, raw_connection

REPO_ROOT = Path(__file__).resolve().parents[2]
CASE_NO = "2026-SZ-0042"
REASON = "债务人主动添加微信，要求协商还款计划"


@dataclass(frozen=True)
class Built:
    """What the fixture made: ids, digests and the ledger positions of the interesting entries."""

    team: Team
    approved: str  # contact requested by alice, approved by sam
    pending: str  # contact requested by bob, still requested
    identity_sha: str
    debt_sha: str
    attached_shas: tuple[str, str]
    request_items: tuple[str, str]
    attached_items: tuple[str, str]
    case_seq: int
    request_seq: int
    approve_seq: int
    attach_seq: int
    pending_seq: int

    @property
    def path(self) -> Path:
        return self.team.path

    @property
    def last_seq(self) -> int:
        return self.pending_seq


@pytest.fixture
def built(team: Team, tmp_path: Path) -> Built:
    docs = tmp_path / "docs"
    docs.mkdir()
    identity = docs / "身份证正反面.jpg"
    identity.write_bytes(b"\xff\xd8\xff\xe0 identity card scan " + os.urandom(3000))
    debt = docs / "欠款确认书.pdf"
    debt.write_bytes("%PDF-1.7 借款人确认欠款 48,200.00 元 ".encode() + os.urandom(2000))
    extra = [docs / "还款承诺.png", docs / "通话记录.txt"]
    extra[0].write_bytes(b"\x89PNG\r\n\x1a\n promise " + os.urandom(5000))
    extra[1].write_text("2026-03-01 10:02 债务人来电，承诺分期还款\n" * 40, encoding="utf-8")

    alice = team.login("alice")
    cases.create_case(
        alice,
        CASE_NO,
        debtor_name="王秀英",
        debtor_id_number="440301198807076543",
        loan_ref="HT-2026-0042",
        product="online_loan",
        amount_overdue="48,200.00",
        overdue_since="2025-12-01",
    )
    contact = contacts.request_contact(
        alice,
        case_no=CASE_NO,
        channel="wechat",
        handle="wxid_wangxiuying88",
        display_name="王秀英",
        reason=REASON,
        consent=True,
        documents=[("identity_proof", identity), ("debt_confirmation", debt)],
    )
    request_items = contacts.contact_items(alice, contact.id)
    contacts.approve(team.login("sam"), contact.id, "身份已核实")
    attached = contacts.attach_documents(alice, contact.id, extra)
    pending = contacts.request_contact(
        team.login("bob"),
        case_no=CASE_NO,
        channel="phone",
        handle="+86 138 0013 8000",
        display_name="王秀英 (mobile)",
        reason="debtor asked to be called on this number",
    )
    by_role = {i.role: i for i in request_items}
    conn = raw_connection(team.path, ADMIN, ADMIN_PASSWORD)
    try:
        seqs = {
            f"{r['action']}:{r['actor']}": int(r["seq"])
            for r in conn.execute("SELECT seq, action, actor FROM ledger")
        }
    finally:
        conn.close()
    result = Built(
        team=team,
        approved=contact.id,
        pending=pending.id,
        identity_sha=by_role["identity_proof"].sha256,
        debt_sha=by_role["debt_confirmation"].sha256,
        attached_shas=(attached[0].sha256, attached[1].sha256),
        request_items=(by_role["identity_proof"].id, by_role["debt_confirmation"].id),
        attached_items=(attached[0].id, attached[1].id),
        case_seq=seqs["case.create:alice"],
        request_seq=seqs["contact.request:alice"],
        approve_seq=seqs["contact.approve:sam"],
        attach_seq=seqs["evidence.attach:alice"],
        pending_seq=seqs["contact.request:bob"],
    )
    assert (result.case_seq, result.request_seq, result.approve_seq) == (
        10,
        11,
        12,
    )  # after make_team's 9 entries
    assert (result.attach_seq, result.pending_seq) == (13, 14)
    team.close_all()
    return result


# -- helpers ---------------------------------------------------------------------------------------


def verify(built: Built, user: str = "lee") -> VerifyReport:
    """A fresh login after the tamper, as the person running ``verify`` would do."""
    session = built.team.login(user)
    try:
        return verify_store(session)
    finally:
        session.close()


def sql(built: Built, *statements: tuple[str, tuple[Any, ...] | dict[str, Any]]) -> None:
    """Run statements against the database outside the app, with the real key."""
    conn = raw_connection(built.path, ADMIN, ADMIN_PASSWORD)
    try:
        for statement, params in statements:
            conn.execute(statement, params)
    finally:
        conn.close()


def sql_row(built: Built, query: str, *params: Any) -> dict[str, Any]:
    conn = raw_connection(built.path, ADMIN, ADMIN_PASSWORD)
    try:
        return dict(conn.execute(query, params).fetchone())
    finally:
        conn.close()


def ledger_row(built: Built, seq: int) -> dict[str, Any]:
    return sql_row(built, "SELECT * FROM ledger WHERE seq = ?", seq)


def error_places(report: VerifyReport) -> set[tuple[str, str]]:
    return {(f.code, f.location) for f in report.errors}


def find(report: VerifyReport, code: str, location: str) -> Finding:
    for finding in report.findings:
        if finding.code == code and finding.location == location:
            return finding
    raise AssertionError(
        f"verify missed {code} at {location}; it found:\n"
        + "\n".join(f"  {f.severity} {f.code} @ {f.location}: {f.detail}" for f in report.findings)
    )


def assert_found(report: VerifyReport, code: str, location: str) -> Finding:
    finding = find(report, code, location)
    assert finding.severity == "error"
    assert not report.intact
    return finding


# -- the untouched store ---------------------------------------------------------------------------


def test_untampered_store_is_intact(built: Built) -> None:
    report = verify(built)
    assert report.errors == [], report.findings
    assert report.intact
    # other checks may add notes (time stamps pending...), but nothing about the data
    assert not any(f.code.startswith(("blob.", "row.", "ledger.")) for f in report.findings)
    assert report.entries == built.last_seq
    assert report.checkpoints == built.last_seq
    assert report.blobs == 4


# -- blobs -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("where", ["header", "middle", "last byte"])
def test_flipped_byte_in_blob_file_is_found_at_that_blob(built: Built, where: str) -> None:
    session = built.team.login("alice")
    path = case_blobs.reader(session, built.debt_sha).path_for(built.debt_sha)
    data = bytearray(path.read_bytes())
    offset = {"header": 10, "middle": len(data) // 2, "last byte": len(data) - 1}[where]
    data[offset] ^= 0x01
    path.write_bytes(bytes(data))
    report = verify(built)
    finding = assert_found(
        report, "blob.corrupted", f"blob sha256 {built.debt_sha} of case {CASE_NO}"
    )
    assert "authentication" in finding.detail or "header" in finding.detail
    assert error_places(report) == {
        ("blob.corrupted", f"blob sha256 {built.debt_sha} of case {CASE_NO}")
    }


def test_blob_file_replaced_by_another_valid_blob_is_found_by_its_digest(built: Built) -> None:
    session = built.team.login("alice")
    victim = case_blobs.reader(session, built.identity_sha).path_for(built.identity_sha)
    donor = case_blobs.reader(session, built.attached_shas[0]).path_for(built.attached_shas[0])
    shutil.copyfile(donor, victim)
    report = verify(built)
    finding = assert_found(
        report, "blob.sha256", f"blob sha256 {built.identity_sha} of case {CASE_NO}"
    )
    assert built.attached_shas[0] in finding.detail
    assert ("blob.sm3", f"blob sha256 {built.identity_sha} of case {CASE_NO}") in error_places(
        report
    )
    # the donor itself is untouched and still checks out
    assert not any(built.attached_shas[0] in f.location for f in report.findings)


def test_deleted_or_truncated_blob_file_is_found(built: Built) -> None:
    session = built.team.login("alice")
    case_blobs.reader(session, built.identity_sha).path_for(built.identity_sha).unlink()
    path = case_blobs.reader(session, built.attached_shas[1]).path_for(built.attached_shas[1])
    path.write_bytes(path.read_bytes()[:-100])
    report = verify(built)
    missing = assert_found(
        report, "blob.corrupted", f"blob sha256 {built.identity_sha} of case {CASE_NO}"
    )
    assert "missing" in missing.detail
    assert_found(
        report, "blob.corrupted", f"blob sha256 {built.attached_shas[1]} of case {CASE_NO}"
    )


def test_orphan_blob_is_a_warning_and_the_store_stays_intact(built: Built) -> None:
    session = built.team.login("alice")
    orphan = session.blobs.seal_bytes(b"sealed by an import that never committed")
    (session.blobs.root / "tmp").mkdir(exist_ok=True)
    (session.blobs.root / "tmp" / "0123abcd.part").write_bytes(b"EDBLOB1\n partial")
    report = verify(built)
    found = find(report, "blob.orphan", f"blobs/{orphan.name[:2]}/{orphan.name[2:]}")
    assert found.severity == "warning"
    assert find(report, "blob.partial", "blobs/tmp/0123abcd.part").severity == "warning"
    assert report.intact
    assert report.errors == []
    assert report.blobs == 4  # the orphan is never counted as evidence


# -- ledger entries --------------------------------------------------------------------------------


def test_edited_ledger_payload_is_found_at_its_seq(built: Built) -> None:
    row = ledger_row(built, built.request_seq)
    # the reason is sealed under the case key (services/case_keys.py): the relation is not
    assert REASON not in row["payload"] and '"relation":"debtor"' in row["payload"]
    forged = row["payload"].replace('"relation":"debtor"', '"relation":"guarantor"')
    sql(built, ("UPDATE ledger SET payload = ? WHERE seq = ?", (forged, built.request_seq)))
    report = verify(built)
    assert_found(report, "ledger.payload", f"ledger seq {built.request_seq}")
    # the projection no longer matches the table either (the table still has the true one)
    changed = assert_found(report, "row.changed", f"table contacts row id={built.approved}")
    assert "relation" in changed.detail


def test_edited_payload_with_recomputed_payload_hash_is_still_found(built: Built) -> None:
    row = ledger_row(built, built.case_seq)
    payload = json.loads(row["payload"])
    payload["rows"][0]["row"]["amount_overdue"] = "1.00"
    text = canonical_bytes(payload).decode("utf-8")
    sql(
        built,
        (
            "UPDATE ledger SET payload = ?, payload_hash = ? WHERE seq = ?",
            (text, ledger.payload_hash(text), built.case_seq),
        ),
        ("UPDATE cases SET amount_overdue = '1.00' WHERE case_no = ?", (CASE_NO,)),
    )
    report = verify(built)
    assert_found(report, "ledger.entry_hash", f"ledger seq {built.case_seq}")
    assert_found(report, "ledger.signature", f"ledger seq {built.case_seq}")


def test_deleted_middle_ledger_entry_is_found_where_the_gap_is(built: Built) -> None:
    sql(built, ("DELETE FROM ledger WHERE seq = ?", (built.request_seq,)))
    report = verify(built)
    after = f"ledger seq {built.request_seq + 1}"
    assert_found(report, "ledger.sequence", after)
    assert_found(report, "ledger.link", after)
    # the checkpoint the approval cosigned no longer matches the ledger
    assert_found(report, "approval.cosignature_root", f"ledger seq {built.approve_seq}")
    assert_found(report, "checkpoint.root", f"checkpoint {built.request_seq}")
    # checkpoints are matched to entries by position: the last one now reaches past the ledger
    assert_found(report, "checkpoint.beyond_ledger", f"checkpoint {built.last_seq}")
    assert report.checkpoints == built.last_seq
    # entries before the gap are fine
    assert not any(
        f.location == f"ledger seq {seq}" for f in report.findings for seq in range(1, 9)
    )


def test_swapped_ledger_entries_are_found_at_both_seqs(built: Built) -> None:
    a, b = ledger_row(built, built.approve_seq), ledger_row(built, built.attach_seq)
    columns = [c for c in a if c != "seq"]
    assign = ", ".join(f"{c} = :{c}" for c in columns)
    sql(
        built,
        # entry_hash is UNIQUE: park one value while the rows trade places
        (
            f"UPDATE ledger SET {assign} WHERE seq = :seq",
            {**b, "entry_hash": "parked", "seq": built.approve_seq},
        ),
        (f"UPDATE ledger SET {assign} WHERE seq = :seq", {**a, "seq": built.attach_seq}),
        (
            "UPDATE ledger SET entry_hash = ? WHERE seq = ?",
            (b["entry_hash"], built.approve_seq),
        ),
    )
    report = verify(built)
    for seq in (built.approve_seq, built.attach_seq):
        assert_found(report, "ledger.link", f"ledger seq {seq}")
        assert_found(report, "ledger.entry_hash", f"ledger seq {seq}")
        assert_found(report, "ledger.signature", f"ledger seq {seq}")


def test_truncated_ledger_tail_is_found_against_the_head_in_store_json(built: Built) -> None:
    sql(
        built,
        ("DELETE FROM ledger WHERE seq > ?", (built.last_seq - 2,)),
        ("DELETE FROM checkpoints WHERE size > ?", (built.last_seq - 2,)),
    )
    report = verify(built)
    finding = assert_found(report, "ledger.truncated", "store.json head")
    assert f"entries {built.last_seq - 1}..{built.last_seq}" in finding.detail
    # the rows those entries created are now unrecorded
    assert_found(report, "row.unrecorded", f"table contacts row id={built.pending}")
    assert_found(report, "row.unrecorded", f"table items row id={built.attached_items[0]}")


def test_truncated_tail_whose_checkpoints_were_left_is_found_at_each_checkpoint(
    built: Built,
) -> None:
    sql(built, ("DELETE FROM ledger WHERE seq > ?", (built.last_seq - 2,)))
    report = verify(built)
    for size in (built.last_seq - 1, built.last_seq):
        finding = assert_found(report, "checkpoint.beyond_ledger", f"checkpoint {size}")
        assert f"ledger has {built.last_seq - 2}" in finding.detail
    assert report.checkpoints == built.last_seq
    assert report.entries == built.last_seq - 2


def test_checkpoint_column_that_is_not_text_is_found_also_past_a_gap(built: Built) -> None:
    """Past a gap, entries and checkpoints no longer share numbers; a malformed checkpoint is
    still named by its own size."""
    sql(
        built,
        ("DELETE FROM ledger WHERE seq = ?", (built.request_seq,)),
        ("UPDATE checkpoints SET signature = x'00' WHERE size = ?", (built.approve_seq,)),
    )
    report = verify(built)
    assert_found(report, "column.type", f"checkpoint {built.approve_seq}")
    assert_found(report, "checkpoint.signature", f"checkpoint {built.approve_seq}")


def test_entry_resigned_with_another_users_key_is_found_at_that_seq(built: Built) -> None:
    folder = StoreFolder.open(built.path)
    bob_key = signing.private_key_from_bytes(
        folder.keyslots.unlock("bob", built.team.passwords["bob"]).signing_key
    )
    row = ledger_row(built, built.attach_seq)
    assert row["actor"] == "alice"
    # alice's entry, signed (over the very checkpoint note alice signed) with bob's key
    checkpoint = sql_row(built, "SELECT * FROM checkpoints WHERE size = ?", built.attach_seq)
    note = ledger.checkpoint_note(folder.store_id, built.attach_seq, checkpoint["root"])
    forged = signing.sign(bob_key, signing.CHECKPOINT_CONTEXT, note.encode())
    assert row["signature"] == checkpoint["signature"] != forged
    sql(built, ("UPDATE ledger SET signature = ? WHERE seq = ?", (forged, built.attach_seq)))
    report = verify(built)
    finding = assert_found(report, "ledger.signature", f"ledger seq {built.attach_seq}")
    assert "alice" in finding.detail
    assert error_places(report) == {("ledger.signature", f"ledger seq {built.attach_seq}")}


def test_entries_signed_in_the_legacy_per_entry_form_still_verify(built: Built) -> None:
    """Stores written before entries were signed through their checkpoint carry
    Ed25519("evidence-desk/entry/v1" || entry_hash): still the actor's, still accepted, and
    still refused when the key is another's."""
    folder = StoreFolder.open(built.path)
    row = ledger_row(built, built.attach_seq)
    message = bytes.fromhex(row["entry_hash"])
    alice_key = signing.private_key_from_bytes(
        folder.keyslots.unlock("alice", built.team.passwords["alice"]).signing_key
    )
    legacy = signing.sign(alice_key, signing.ENTRY_CONTEXT, message)
    sql(built, ("UPDATE ledger SET signature = ? WHERE seq = ?", (legacy, built.attach_seq)))
    assert verify(built).errors == []

    bob_key = signing.private_key_from_bytes(
        folder.keyslots.unlock("bob", built.team.passwords["bob"]).signing_key
    )
    forged = signing.sign(bob_key, signing.ENTRY_CONTEXT, message)
    sql(built, ("UPDATE ledger SET signature = ? WHERE seq = ?", (forged, built.attach_seq)))
    report = verify(built)
    assert error_places(report) == {("ledger.signature", f"ledger seq {built.attach_seq}")}


def test_signatures_checked_in_worker_processes_locate_the_same_tampering(
    built: Built, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Large stores check signatures in spawned workers; force that path on this small one."""
    monkeypatch.setattr(signature_checks, "PARALLEL_THRESHOLD", 0)
    monkeypatch.setattr(signature_checks, "CHUNK", 4)
    assert signature_checks.workers_for(built.last_seq) >= 1 or (os.cpu_count() or 1) < 2
    assert verify(built).errors == []
    sql(built, ("UPDATE ledger SET signature = ? WHERE seq = ?", ("ab" * 64, built.case_seq)))
    report = verify(built)
    assert error_places(report) == {("ledger.signature", f"ledger seq {built.case_seq}")}


def test_approval_attributed_to_another_supervisor_is_found(built: Built) -> None:
    sql(built, ("UPDATE ledger SET actor = 'sue' WHERE seq = ?", (built.approve_seq,)))
    report = verify(built)
    where = f"ledger seq {built.approve_seq}"
    assert_found(report, "ledger.entry_hash", where)
    assert "sue" in assert_found(report, "ledger.signature", where).detail
    assert_found(report, "approval.cosignature", where)


def test_thoroughly_forged_approval_without_the_supervisors_key_is_found(built: Built) -> None:
    """Actor, payload, hashes and the table all say sue; only her signature cannot be made."""
    row = ledger_row(built, built.approve_seq)
    payload = json.loads(row["payload"])
    payload["rows"][0]["row"]["decided_by"] = "sue"
    text = canonical_bytes(payload).decode("utf-8")
    p_hash = ledger.payload_hash(text)
    e_hash = ledger.entry_hash(
        row["seq"], row["at"], "sue", row["action"], p_hash, row["prev_hash"]
    )
    sql(
        built,
        (
            "UPDATE ledger SET actor = 'sue', payload = ?, payload_hash = ?, entry_hash = ? "
            "WHERE seq = ?",
            (text, p_hash, e_hash, built.approve_seq),
        ),
        ("UPDATE contacts SET decided_by = 'sue' WHERE id = ?", (built.approved,)),
    )
    report = verify(built)
    where = f"ledger seq {built.approve_seq}"
    assert_found(report, "ledger.signature", where)
    assert_found(report, "approval.cosignature", where)
    assert_found(report, "ledger.link", f"ledger seq {built.approve_seq + 1}")
    assert_found(report, "checkpoint.root", f"checkpoint {built.approve_seq}")


# -- domain rows (projection) ----------------------------------------------------------------------

# (id, SQL, code, location, column named in the detail or None); {placeholders} from Built
ROW_TAMPERS = [
    (
        "requested-contact-marked-approved",
        "UPDATE contacts SET status = 'approved' WHERE id = :pending",
        "row.changed",
        "table contacts row id={pending}",
        "status",
    ),
    (
        "approval-given-to-pending-contact",
        "UPDATE contacts SET status = 'approved', decided_by = 'sue', "
        "decided_at = '2026-03-02T02:00:00Z' WHERE id = :pending",
        "row.changed",
        "table contacts row id={pending}",
        "decided_by",
    ),
    (
        "approval-row-decider-changed",
        "UPDATE contacts SET decided_by = 'sue' WHERE id = :approved",
        "row.changed",
        "table contacts row id={approved}",
        "decided_by",
    ),
    (
        "approved-contact-reset-to-requested",
        "UPDATE contacts SET status = 'requested', decided_by = NULL WHERE id = :approved",
        "row.changed",
        "table contacts row id={approved}",
        "status",
    ),
    (
        "case-amount-lowered",
        "UPDATE cases SET amount_overdue = '200.00' WHERE case_no = :case_no",
        "row.changed",
        "table cases row case_no={case_no}",
        "amount_overdue",
    ),
    (
        "staff-promoted-to-admin",
        "UPDATE users SET role = 'admin' WHERE name = 'alice'",
        "row.changed",
        "table users row name=alice",
        "role",
    ),
    (
        "item-moved-to-other-contact",
        "UPDATE items SET contact_id = :pending WHERE id = :attached_item",
        "row.changed",
        "table items row id={attached_item}",
        "contact_id",
    ),
    (
        "blob-row-digest-edited",
        "UPDATE blobs SET sm3 = '00' || substr(sm3, 3) WHERE sha256 = :identity_sha",
        "row.changed",
        "table blobs row sha256={identity_sha}",
        "sm3",
    ),
    (
        "admin-user-inserted",
        "INSERT INTO users (name, role, public_key, active) VALUES ('mallory', 'admin', "
        "'{}', 1)".format("ab" * 32),
        "row.unrecorded",
        "table users row name=mallory",
        None,
    ),
    (
        "item-inserted",
        "INSERT INTO items (id, contact_id, role, sha256, file_name, added_by, added_at) "
        "VALUES ('I-forged000001', :approved, 'document', :identity_sha, 'extra.jpg', 'alice', "
        "'2026-03-02T01:00:40Z')",
        "row.unrecorded",
        "table items row id=I-forged000001",
        None,
    ),
    (
        "setting-inserted",
        "INSERT INTO settings (key, value) VALUES ('approval_expiry_days', '9999')",
        "row.unrecorded",
        "table settings row key=approval_expiry_days",
        None,
    ),
    (
        "item-deleted",
        "DELETE FROM items WHERE id = :attached_item",
        "row.missing",
        "table items row id={attached_item}",
        None,
    ),
    (
        "pending-contact-deleted",
        "DELETE FROM contacts WHERE id = :pending",
        "row.missing",
        "table contacts row id={pending}",
        None,
    ),
    (
        "user-deleted",
        "DELETE FROM users WHERE name = 'bob'",
        "row.missing",
        "table users row name=bob",
        None,
    ),
]


@pytest.mark.parametrize(
    ("statement", "code", "location", "column"),
    [pytest.param(*t[1:], id=t[0]) for t in ROW_TAMPERS],
)
def test_domain_row_tampered_without_ledger_entry_is_found(
    built: Built, statement: str, code: str, location: str, column: str | None
) -> None:
    names = {
        "approved": built.approved,
        "pending": built.pending,
        "case_no": CASE_NO,
        "attached_item": built.attached_items[0],
        "identity_sha": built.identity_sha,
    }
    sql(built, (statement, {k: v for k, v in names.items() if f":{k}" in statement}))
    report = verify(built)
    finding = assert_found(report, code, location.format(**names))
    if column is not None:
        assert column in finding.detail


# -- checkpoints and the head ----------------------------------------------------------------------


def test_deleted_checkpoint_is_found(built: Built) -> None:
    sql(built, ("DELETE FROM checkpoints WHERE size = ?", (built.approve_seq,)))
    report = verify(built)
    assert_found(report, "checkpoint.missing", f"checkpoint {built.approve_seq}")
    assert error_places(report) == {("checkpoint.missing", f"checkpoint {built.approve_seq}")}


def test_tampered_checkpoint_root_is_found(built: Built) -> None:
    sql(
        built,
        (
            "UPDATE checkpoints SET root = ? WHERE size = ?",
            ("ab" * 32, built.approve_seq),
        ),
    )
    report = verify(built)
    assert_found(report, "checkpoint.root", f"checkpoint {built.approve_seq}")
    assert_found(report, "checkpoint.signature", f"checkpoint {built.approve_seq}")


def test_edited_merkle_cache_is_found_and_cannot_poison_the_next_checkpoint(built: Built) -> None:
    forged_peaks = json.dumps(["ab" * 32] * bin(built.last_seq).count("1"))
    sql(built, ("UPDATE merkle_state SET peaks = ? WHERE id = 1", (forged_peaks,)))
    report = verify(built)
    assert_found(report, "merkle_state", "table merkle_state")
    assert error_places(report) == {("merkle_state", "table merkle_state")}
    # an honest write after the tamper ignores the cache and cuts a correct checkpoint
    cases.create_case(built.team.login("alice"), "2026-SZ-0043", debtor_name="张伟")
    after = verify(built)
    assert after.errors == [], after.findings
    assert not any(f.code == "merkle_state" for f in after.findings)
    assert after.entries == built.last_seq + 1


def test_head_in_store_json_rolled_back_or_edited_is_found(built: Built) -> None:
    descriptor_path = built.path / "store.json"
    descriptor = json.loads(descriptor_path.read_text("utf-8"))
    descriptor["head"]["size"] -= 1  # the root (of 12 entries) now claims to cover 11
    descriptor_path.write_text(json.dumps(descriptor), "utf-8")
    report = verify(built)
    assert_found(report, "head.root", "store.json head")
    assert_found(report, "head.signature", "store.json head")


# -- garbage: verify reports it and carries on, never a traceback ----------------------------------


@pytest.mark.parametrize(
    ("what", "statements", "expected"),
    [
        (
            "entry hash that is not hex",
            ["UPDATE ledger SET entry_hash = 'not-a-hash' WHERE seq = {approve_seq}"],
            [("ledger.entry_hash", "ledger seq {approve_seq}")],
        ),
        (
            "signature stored as a BLOB",
            ["UPDATE ledger SET signature = x'00ff' WHERE seq = {attach_seq}"],
            [
                ("column.type", "ledger seq {attach_seq}"),
                ("ledger.signature", "ledger seq {attach_seq}"),
            ],
        ),
        (
            "payload rows that are not a list",
            ["UPDATE ledger SET payload = '{{\"rows\":5}}' WHERE seq = {case_seq}"],
            [
                ("ledger.payload", "ledger seq {case_seq}"),
                ("ledger.row_change", "ledger seq {case_seq}"),
                ("row.unrecorded", "table cases row case_no={case_no}"),
            ],
        ),
        (
            "checkpoint signature stored as a BLOB",
            ["UPDATE checkpoints SET signature = x'00' WHERE size = {request_seq}"],
            [
                ("column.type", "checkpoint {request_seq}"),
                ("checkpoint.signature", "checkpoint {request_seq}"),
            ],
        ),
        (
            "blob row digest that is not hex",
            [
                "PRAGMA foreign_keys = OFF",
                "UPDATE blobs SET sha256 = 'é' WHERE sha256 = '{debt_sha}'",
                "UPDATE case_blobs SET sha256 = 'é' WHERE sha256 = '{debt_sha}'",
            ],
            [
                ("blob.corrupted", "blob sha256 é of case {case_no}"),
                ("row.missing", "table blobs row sha256={debt_sha}"),
            ],
        ),
    ],
    ids=lambda v: v if isinstance(v, str) else None,
)
def test_garbage_written_outside_the_app_is_reported_not_a_crash(
    built: Built, what: str, statements: list[str], expected: list[tuple[str, str]]
) -> None:
    names = {
        "approve_seq": built.approve_seq,
        "attach_seq": built.attach_seq,
        "case_seq": built.case_seq,
        "request_seq": built.request_seq,
        "case_no": CASE_NO,
        "debt_sha": built.debt_sha,
    }
    sql(built, *((s.format(**names), ()) for s in statements))
    report = verify(built)
    for code, location in expected:
        assert_found(report, code, location.format(**names))


def test_malformed_head_in_store_json_is_a_finding(built: Built) -> None:
    descriptor_path = built.path / "store.json"
    descriptor = json.loads(descriptor_path.read_text("utf-8"))
    descriptor["head"]["size"] = "twelve"
    descriptor_path.write_text(json.dumps(descriptor), "utf-8")
    assert_found(verify(built), "head.malformed", "store.json head")


# -- the command line ------------------------------------------------------------------------------


def _cli_verify(built: Built, user: str = "alice") -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO_ROOT),
        "EVIDENCE_DESK_PASSWORD": built.team.passwords[user],
    }
    env.pop("EVIDENCE_DESK_USER", None)
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "evidence_desk",
            "--store",
            str(built.path),
            "--user",
            user,
            "verify",
            "--json",
        ],
        env=env,
        cwd=built.path.parent,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_cli_verify_exits_0_on_an_intact_store(built: Built) -> None:
    result = _cli_verify(built)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["intact"] is True


def test_cli_verify_exits_1_and_lists_the_tampered_place(built: Built) -> None:
    sql(built, ("UPDATE contacts SET status = 'approved' WHERE id = ?", (built.pending,)))
    result = _cli_verify(built)
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)
    assert report["intact"] is False
    listed = [(f["code"], f["location"], f["severity"]) for f in report["findings"]]
    assert ("row.changed", f"table contacts row id={built.pending}", "error") in listed
