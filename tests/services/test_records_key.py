"""The organisation's records key on one store (services/records_key.py, the rule table's
records rules in domain/authority.py, verify's replay of them): who holds it, what is sealed
to it, who opens it, and what an insider with their own keys cannot put past verify. The
key is made here by the admin's call, as ``hub init`` and an organisation admin's login make
it (tests/hub/test_records_key.py drives those through a real hub)."""

from __future__ import annotations

import hashlib
import json
from typing import Any

import pytest

from evidence_desk.domain import pipl
from evidence_desk.domain import records_key as rk
from evidence_desk.domain.errors import RuleViolation
from evidence_desk.domain.models import Role
from evidence_desk.services import breaches, cases, records_key, users
from evidence_desk.services.session import Session, put
from evidence_desk.services.verify import VerifyReport, verify_store
from evidence_desk.store import case_keys as ck
from evidence_desk.store import records_key as crypto
from tests.helpers import ADMIN, FAST_KDF, Team, insider_code

NOTE = "债务人王某的手机丢失-records-note-8801"
CSV_NAME = "王某等三户-cases-8802.csv"


def _report(**notes: str) -> breaches.BreachReport:
    return breaches.BreachReport(
        kind="lost_device",
        cause="lost_or_stolen_device",
        harms=["harassment"],
        remedies=["passwords_rotated"],
        contact_name="王敏 Wang Min",
        contact_phone="021-5555-0100",
        cases_affected=1,
        people_affected=1,
        discovered_at="2026-03-01T08:00:00.000000Z",
        **notes,
    )


def _with_auditor(team: Team, name: str = "aud") -> None:
    with team.login(ADMIN) as root:
        users.add_user(root, name, Role.AUDITOR, f"{name}-password", kdf=FAST_KDF)
    team.passwords[name] = f"{name}-password"


def _keyed(team: Team) -> None:
    """The records key made by the admin (as ``hub init`` does)."""
    with team.login(ADMIN) as root:
        records_key.found(root)


def _wrapped(session: Session) -> set[str]:
    return {w.recipient for w in ck.read_wraps(session.conn, rk.WRAP_NAME)}


def _payload(session: Session, action: str) -> dict[str, Any]:
    row = session.conn.execute(
        "SELECT payload FROM ledger WHERE action = ? ORDER BY seq DESC LIMIT 1", (action,)
    ).fetchone()
    return dict(json.loads(row[0]))


def _errors(report: VerifyReport) -> list[tuple[str, str]]:
    return [(f.code, f.location) for f in report.errors]


def _last_seq(session: Session) -> int:
    return int(session.conn.execute("SELECT max(seq) FROM ledger").fetchone()[0])


def test_the_records_key_is_wrapped_for_legal_admins_and_auditors_only(team: Team) -> None:
    _with_auditor(team)
    _keyed(team)
    with team.login(ADMIN) as root:
        assert records_key.public_key(root.conn) is not None
        assert _wrapped(root) == {ADMIN, "ada", "lee", "aud"}
        # a new auditor gets a wrap in the entry that adds them; a new staff member none
        users.add_user(root, "aud2", Role.AUDITOR, "aud2-password", kdf=FAST_KDF)
        users.add_user(root, "carl", Role.STAFF, "carl-password", kdf=FAST_KDF)
        assert _wrapped(root) == {ADMIN, "ada", "lee", "aud", "aud2"}
        users.deactivate_user(root, "aud2")
        assert _wrapped(root) == {ADMIN, "ada", "lee", "aud"}
    with team.login("lee") as lee:
        assert verify_store(lee).intact


def test_a_breach_note_is_sealed_in_its_row_and_entry_and_an_auditor_reads_it(
    team: Team,
) -> None:
    _with_auditor(team)
    _keyed(team)
    with team.login(ADMIN) as root:
        filed = breaches.add(root, _report(cause_note=NOTE))
        assert filed.cause_note == NOTE
        stored = root.conn.execute(
            "SELECT cause_note FROM breach_records WHERE id = ?", (filed.id,)
        ).fetchone()[0]
        assert rk.is_sealed(stored) and NOTE not in stored
        row = _payload(root, "breach.add")["rows"][0]["row"]
        assert row["cause_note"] == stored
        assert row["contact_name"] == "王敏 Wang Min"  # the organisation's contact stays clear
    with team.login("aud") as auditor:
        (record,) = breaches.list_records(auditor)
        assert record.cause_note == NOTE
        assert NOTE in breaches.notice(record, "en")
    with team.login("lee") as lee:
        assert verify_store(lee).intact


def test_a_supervisor_who_imported_a_case_csv_cannot_read_its_name_but_an_admin_can(
    team: Team,
) -> None:
    _keyed(team)
    data = "case_no,debtor_name\n2026-RK-1,王某\n".encode()
    with team.login("sam") as sam:
        cases.import_cases_csv(sam, CSV_NAME, data)
        payload = _payload(sam, "case.import")
        assert rk.is_sealed(payload["file_name"]) and CSV_NAME not in payload["file_name"]
        assert payload["sha256"] == hashlib.sha256(data).hexdigest()
        assert cases.imported_file_name(sam, payload) == records_key.SEALED
    with team.login(ADMIN) as root:
        assert cases.imported_file_name(root, _payload(root, "case.import")) == CSV_NAME
        assert verify_store(root).intact


def test_before_the_key_the_texts_stay_clear_and_verify_accepts_them_as_history(
    team: Team,
) -> None:
    with team.login(ADMIN) as root:
        old = breaches.add(root, _report(cause_note=NOTE))
        assert (
            root.conn.execute(
                "SELECT cause_note FROM breach_records WHERE id = ?", (old.id,)
            ).fetchone()[0]
            == NOTE
        )
        records_key.found(root)
        new = breaches.add(root, _report(cause_note=NOTE))
        assert rk.is_sealed(
            root.conn.execute(
                "SELECT cause_note FROM breach_records WHERE id = ?", (new.id,)
            ).fetchone()[0]
        )
        # both read the same for a records reader
        assert [r.cause_note for r in breaches.list_records(root)] == [NOTE, NOTE]
    with team.login("lee") as lee:
        report = verify_store(lee)
    assert report.intact, _errors(report)


def test_an_insider_writing_a_note_in_clear_after_the_key_is_refused_by_the_write_path_and_verify(
    team: Team,
) -> None:
    _keyed(team)
    with team.login(ADMIN) as root:
        row: dict[str, Any] = {
            "id": "BR-insider",
            "kind": "lost_device",
            "cause": "lost_or_stolen_device",
            "cause_note": NOTE,
            "harms": pipl.list_text(["harassment"]),
            "harm_note": "",
            "remedies": pipl.list_text(["passwords_rotated"]),
            "remedy_note": "",
            "advice": pipl.list_text([]),
            "contact_name": "王敏",
            "contact_phone": "021-5555-0100",
            "cases_affected": 1,
            "people_affected": 1,
            "discovered_at": "2026-03-01T08:00:00.000000Z",
            "filed_by": ADMIN,
            "filed_at": root.now(),
        }
        changes = [put("breach_records", row)]
        with pytest.raises(RuleViolation) as refused:
            root.write("breach.add", {"breach_id": row["id"]}, changes)
        assert refused.value.rule == "records_key.sealed"
        with insider_code():
            root.write("breach.add", {"breach_id": row["id"]}, changes)
        seq = _last_seq(root)
    with team.login("lee") as lee:
        report = verify_store(lee)
    assert ("rule.records_key.sealed", f"ledger seq {seq}") in _errors(report)


def test_an_insider_wrapping_the_records_key_for_a_staff_member_is_found_by_verify(
    team: Team,
) -> None:
    _keyed(team)
    with team.login(ADMIN) as root:
        private = records_key.case_keys.case_key(root, rk.WRAP_NAME)
        assert private is not None
        alice = root.conn.execute("SELECT wrap_key FROM users WHERE name = 'alice'").fetchone()[0]
        domain = records_key.case_keys.key_domain(root, rk.WRAP_NAME)
        wrap = ck.make_wrap(domain, rk.WRAP_NAME, "alice", str(alice), private)
        payload = {
            "reason": "sync",
            "wraps": records_key.case_keys.wrap_records(root, [wrap]),
        }
        with pytest.raises(RuleViolation):
            root.write("case.keys", payload, extra=records_key.case_keys.store_wraps([wrap]))
        with insider_code():
            root.write("case.keys", payload, extra=records_key.case_keys.store_wraps([wrap]))
        seq = _last_seq(root)
    with team.login("lee") as lee:
        report = verify_store(lee)
    assert ("rule.case_key.recipient", f"ledger seq {seq}") in _errors(report)


def test_the_records_key_row_is_put_once_and_never_by_settings_set(team: Team) -> None:
    _keyed(team)
    with team.login(ADMIN) as root:
        with pytest.raises(RuleViolation) as again:
            records_key.found(root)
        assert again.value.rule.startswith("authority")
        changes = [put("settings", {"key": rk.SETTING, "value": "00" * 32})]
        with pytest.raises(RuleViolation) as refused:
            root.write("settings.set", {"key": rk.SETTING, "before": ""}, changes)
        assert refused.value.rule == "settings.reserved"


def test_an_unmask_reason_is_sealed_in_its_entry(team: Team) -> None:
    from evidence_desk.services import bundle_masking

    _with_auditor(team)
    _keyed(team)
    with team.login("alice") as alice:
        cases.create_case(alice, "2026-RK-2", debtor_name="王某")
    with team.login("lee") as lee:
        bundle_masking.record_unmask(lee, "2026-RK-2", NOTE)
        payload = _payload(lee, "bundle.unmask")
        assert rk.is_sealed(payload["reason"]) and NOTE not in payload["reason"]
    with team.login("aud") as auditor:
        assert bundle_masking.unmask_reason_of(auditor, payload) == NOTE
    with team.login("alice") as alice:
        assert bundle_masking.unmask_reason_of(alice, payload) == records_key.SEALED


def test_a_note_sealed_to_another_key_passes_the_rule_table_but_not_a_readers_verify(
    team: Team,
) -> None:
    """An insider seals a note to a key of their own: it looks sealed, so the write path and
    the hub take it, but no records reader could ever open it; a reader's verify says so."""
    _with_auditor(team)
    _keyed(team)
    _private, own_public = ck.new_wrap_key()
    with team.login(ADMIN) as root:
        filed = breaches.add(root, _report())
        domain = records_key.case_keys.key_domain(root, rk.WRAP_NAME)
        row = {
            **root.conn.execute(
                "SELECT * FROM breach_records WHERE id = ?", (filed.id,)
            ).fetchone(),
        }
        row["id"] = "BR-own-key"
        row["cause_note"] = crypto.seal_text(
            own_public, domain, "breach_records/BR-own-key", "cause_note", NOTE
        )
        root.write("breach.add", {"breach_id": row["id"]}, [put("breach_records", row)])
    with team.login("aud") as auditor:
        report = verify_store(auditor)
        notes = {b.id: b.cause_note for b in breaches.list_records(auditor)}
    assert ("records_key.opens_not", "breach_records/BR-own-key, cause_note") in _errors(report)
    assert notes["BR-own-key"] == records_key.SEALED


def test_a_records_wrap_of_another_key_than_the_one_on_record_is_found_by_verify(
    team: Team,
) -> None:
    """An admin insider publishes the records key and wraps another private key for the
    auditor: the wrap's rules hold (a records reader, their key), the reader's verify does
    not."""
    _with_auditor(team)
    _keyed(team)
    other, _public = ck.new_wrap_key()
    with team.login(ADMIN) as root:
        domain = records_key.case_keys.key_domain(root, rk.WRAP_NAME)
        aud = root.conn.execute("SELECT wrap_key FROM users WHERE name = 'aud'").fetchone()[0]
        withdraw = {"case_no": rk.WRAP_NAME, "recipient": "aud", "removed": True}
        wrap = ck.make_wrap(domain, rk.WRAP_NAME, "aud", str(aud), other)
        payload = {
            "reason": "sync",
            "wraps": [withdraw, *records_key.case_keys.wrap_records(root, [wrap])],
        }
        root.write("case.keys", payload, extra=records_key.case_keys.store_wraps([wrap]))
    with team.login("aud") as auditor:
        report = verify_store(auditor)
    assert ("records_key.mismatch", "the records key wrapped for aud") in _errors(report)
