"""Processing records / PIPIAs of exports (PIPL arts. 55-56, PI-4): written with the export in
one transaction, printed in the bundle's appendix, carried and checked in the kit, kept three
years, and judged by the rule table at the write and in verify."""

from __future__ import annotations

import json
import shutil
import subprocess
import zipfile
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from evidence_desk.bundle.model import Scope
from evidence_desk.bundle.moments import moment_text
from evidence_desk.bundle.verify_kit import verify_kit
from evidence_desk.domain import pipl, retention
from evidence_desk.domain.errors import PermissionDenied, RuleViolation
from evidence_desk.domain.models import Role
from evidence_desk.domain.pipl import ProcessingRecord, Recipient
from evidence_desk.services import bundle, cases, processing_records, users
from evidence_desk.services.session import put
from evidence_desk.services.verify import verify_store
from evidence_desk.store import db
from tests.bundle.support import CASE, store_with_evidence
from tests.helpers import FAST_KDF, Team, insider_code, insider_session, ledger_size

LAW_FIRM = Recipient(
    "law_firm",
    "金杜律师事务所 King & Wood",
    "诉讼代理 litigation on the creditor's behalf",
    "other_law",
    "Civil Procedure Law art. 67",
)


def _pdf_text(path: Path) -> str:
    tool = shutil.which("pdftotext")
    assert tool, "pdftotext (poppler-utils) is needed"
    out = subprocess.run([tool, str(path), "-"], capture_output=True, text=True, check=True)
    return "".join(out.stdout.split())


def test_the_export_writes_its_record_prints_it_and_the_kit_carries_it(
    team: Team, tmp_path: Path
) -> None:
    store_with_evidence(team, tmp_path / "in")
    lee = team.login("lee")
    before = ledger_size(lee)
    result = bundle.export_bundle(lee, Scope(CASE), tmp_path / "out", recipient=LAW_FIRM)

    # one transaction: the record's entry, then the export's
    actions = [
        r["action"]
        for r in lee.conn.execute("SELECT action FROM ledger WHERE seq > ? ORDER BY seq", (before,))
    ]
    assert actions == ["processing.record", "bundle.export"]
    (record,) = processing_records.list_records(lee, CASE)
    assert record.id == result.processing_record_id and record.bundle_id == result.bundle_id
    assert record.evidence_manifest_sha256 == result.evidence_manifest_sha256
    assert (record.recipient_kind, record.legal_basis) == ("law_firm", "other_law")
    assert record.recorded_by == "lee"
    assert {"chat_content", "identity_documents", "images"} <= set(record.data_categories)
    assert record.sensitive_categories == ("financial_accounts", "identity_documents")
    assert record.risk_level == "high"  # sensitive information to a law firm
    assert "recipient_confidentiality" in record.measures
    assert record.retain_until == retention.add_years(record.recorded_at, 3)

    # printed in the appendix, in the bundle's language (Chinese by default)
    text = _pdf_text(result.pdf_paths[-1])
    assert "".join(LAW_FIRM.name.split()) in text and record.id in text
    zh = pipl.label("basis", "other_law")
    from evidence_desk import translations

    heading = translations.say(zh, "zh_CN")
    assert heading != str(zh) and "".join(heading.split()) in text
    # its moments in the PDF's one form (UTC, then the case's local time)
    kept = moment_text(record.retain_until, ZoneInfo("Asia/Shanghai"))
    assert "敏感个人信息" in text and "".join(kept.split()) in text

    # carried in the kit, checked by verify-bundle; the store verifies
    with zipfile.ZipFile(result.kit_path) as zf:
        (name,) = [n for n in zf.namelist() if n.endswith("/processing-record.json")]
        carried = json.loads(zf.read(name))
    assert carried == record.as_json()
    report = verify_kit(result.kit_path)
    assert report.intact and not [f for f in report.findings if f.code.startswith("processing")]
    assert verify_store(lee).intact

    # metadata for legal, admins and auditors; not for field staff
    users.add_user(team.login("ada"), "audrey", Role.AUDITOR, "Audit-pass-2026", kdf=FAST_KDF)
    team.passwords["audrey"] = "Audit-pass-2026"
    assert [r.id for r in processing_records.list_records(team.login("audrey"))] == [record.id]
    with pytest.raises(PermissionDenied):
        processing_records.list_records(team.login("alice"))

    # the database keeps it: no change ever, no deletion before retain_until
    for statement in (
        "UPDATE processing_records SET purpose = 'x'",
        "DELETE FROM processing_records",
    ):
        with pytest.raises(db.sqlcipher3.DatabaseError):
            lee.conn.execute(statement)


def test_an_export_without_recipient_purpose_or_basis_is_refused_and_changes_nothing(
    team: Team, tmp_path: Path
) -> None:
    store_with_evidence(team, tmp_path / "in")
    lee = team.login("lee")
    before = ledger_size(lee)
    for recipient, field in (
        (Recipient("court", "", "suit", "contract"), "recipient_name"),
        (Recipient("court", "Court", " ", "contract"), "purpose"),
        (Recipient("court", "Court", "suit", "whatever"), "legal_basis"),
        (Recipient("auditor", "Court", "suit", "contract"), "recipient_kind"),
        (Recipient("court", "Court", "suit", "other_law"), "basis_note"),
    ):
        with pytest.raises(RuleViolation) as refused:
            bundle.export_bundle(lee, Scope(CASE), tmp_path / "out", recipient=recipient)
        assert refused.value.rule == "PI-4" and field in refused.value.message
    assert ledger_size(lee) == before and not (tmp_path / "out").exists()


def _forged_row(case_no: str, at: str, recorded_by: str) -> dict[str, object]:
    return ProcessingRecord(
        id="PR-forged",
        case_no=case_no,
        bundle_id="B-forged",
        evidence_manifest_sha256="0" * 64,
        recipient_kind="outsourcer",
        recipient_name="Collections Ltd",
        purpose="sell the debt",
        legal_basis="contract",
        basis_note="",
        data_categories=("chat_content", "identity"),
        sensitive_categories=(),
        risk_level="medium",
        measures=("masking",),
        recorded_by=recorded_by,
        recorded_at=at,
        retain_until=retention.add_years(at, 3),
    ).row()


def test_verify_finds_a_record_written_by_someone_who_may_not_export(team: Team) -> None:
    alice = insider_session(team, "alice")
    cases.create_case(alice, "2026-PR-1", debtor_name="陈立新")
    at = alice.now()
    # the shipped write path refuses it (staff do not export)
    with pytest.raises(PermissionDenied):
        alice.write(
            "processing.record",
            {"record_id": "PR-forged", "case_no": "2026-PR-1", "bundle_id": "B-forged"},
            [put("processing_records", _forged_row("2026-PR-1", at, "alice"))],
        )
    with insider_code():
        alice.write(
            "processing.record",
            {"record_id": "PR-forged", "case_no": "2026-PR-1", "bundle_id": "B-forged"},
            [put("processing_records", _forged_row("2026-PR-1", at, "alice"))],
        )
    forged = ledger_size(alice)
    # a legal user may write records, but only with their export: one without is found too
    lee = insider_session(team, "lee")
    lee.write(
        "processing.record",
        {"record_id": "PR-alone", "case_no": "2026-PR-1", "bundle_id": "B-alone"},
        [
            put(
                "processing_records",
                {**_forged_row("2026-PR-1", at, "lee"), "id": "PR-alone", "bundle_id": "B-alone"},
            )
        ],
    )
    alone = ledger_size(lee)
    report = verify_store(team.login("lee"))
    found = {(f.code, f.location) for f in report.errors}
    assert ("rule.permission", f"ledger seq {forged}") in found
    assert ("processing.no_export", f"ledger seq {alone}") in found  # no export follows it
    assert ("rule.permission", f"ledger seq {alone}") not in found


def test_the_rule_table_refuses_a_short_retention_and_a_late_date(team: Team) -> None:
    lee = team.login("lee")
    alice = team.login("alice")
    cases.create_case(alice, "2026-PR-2", debtor_name="陈立新")
    at = lee.now()
    row = _forged_row("2026-PR-2", at, "lee")
    row["retain_until"] = retention.add_years(at, 2)
    with pytest.raises(RuleViolation) as refused:
        lee.write(
            "processing.record",
            {"record_id": "PR-forged", "case_no": "2026-PR-2", "bundle_id": "B-forged"},
            [put("processing_records", row)],
        )
    assert refused.value.rule == "processing.record" and "3 years" in refused.value.message
