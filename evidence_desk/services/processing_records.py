"""Processing records / PIPIAs of exports (PIPL arts. 55-56, PI-4).

Every bundle export asks who receives it (a court, a law firm, an outsourcer, another
recipient), why and on which art. 13 basis; :func:`prepare` turns that and what the bundle
carries into a :class:`~evidence_desk.domain.pipl.ProcessingRecord` with its assessment (risk
level and measures) and a date it must be kept until (three years at least). The bundle service
prints it in the bundle's appendix, puts it in the kit, and writes its ``processing.record``
entry in the same transaction as the ``bundle.export`` entry (:meth:`Session.write_many`): an
export without its record, or a record without its export, is never committed.

The table refuses to delete a record before ``retain_until`` and to change one at all; shredding
a case leaves its records (they hold metadata and digests, never chat content).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from evidence_desk.bundle.model import BundleData
from evidence_desk.domain import pipl, records_key, retention
from evidence_desk.domain.errors import RuleViolation
from evidence_desk.domain.models import Finding
from evidence_desk.domain.pipl import ProcessingRecord, Recipient
from evidence_desk.domain.policy import Action
from evidence_desk.domain.wording import Catalogue
from evidence_desk.services import records_key as records
from evidence_desk.services.replay import Replay
from evidence_desk.services.session import Session, Write, put

_said = Catalogue(
    {
        "processing.where": "ledger seq {seq}",
        "processing.no_export": "processing record {record} of bundle {bundle} is not followed "
        "by that bundle's export entry (bundle.export with the same bundle id and evidence "
        "manifest digest)",
    }
)

ACTION = "processing.record"
#: the rule a refused export names (legal-requirements.md)
RULE = "PI-4"


def require_recipient(recipient: Recipient) -> None:
    """Refuse an export whose recipient, purpose or basis is missing or not a known code,
    before any work (exit 3, rule PI-4)."""
    row = {
        "recipient_kind": recipient.kind,
        "recipient_name": recipient.name,
        "purpose": recipient.purpose,
        "legal_basis": recipient.legal_basis,
        "basis_note": recipient.basis_note,
    }
    problems = pipl.recipient_problems(row)
    if problems:
        raise RuleViolation(RULE, problems[0])


def categories(data: BundleData) -> list[str]:
    """The categories of personal information the bundle carries. Every bundle names the
    debtor (identity, masked ID number), the loan (debt details, financial accounts: a loan
    reference and amounts are account data, sensitive under art. 28) and chat handles."""
    found = {"identity", "contact_details", "debt_details", "financial_accounts"}
    for exhibit in data.exhibits:
        if exhibit.kind == "identity" and exhibit.originals:
            found.add("identity_documents")
        if exhibit.messages:
            found.add("chat_content")
        if exhibit.screenshots:
            found.add("images")
        if exhibit.recordings:
            found.add("recordings")
    return [c for c in pipl.DATA_CATEGORIES if c in found]


def prepare(
    session: Session, recipient: Recipient, data: BundleData, manifest_sha256: str
) -> ProcessingRecord:
    """The record of exporting ``data`` to ``recipient`` (not written yet: see :func:`write`)."""
    session.require(Action.BUNDLE_EXPORT)
    require_recipient(recipient)
    carried = categories(data)
    risk, measures = pipl.assess(recipient.kind, carried)
    recorded_at = session.now()
    return ProcessingRecord(
        # one record per bundle, named after it (the PDF that prints it stays reproducible)
        id="PR-" + data.bundle_id.removeprefix("B-"),
        case_no=data.scope.case_no,
        bundle_id=data.bundle_id,
        evidence_manifest_sha256=manifest_sha256,
        recipient_kind=recipient.kind,
        recipient_name=recipient.name.strip(),
        purpose=recipient.purpose.strip(),
        legal_basis=recipient.legal_basis,
        basis_note=recipient.basis_note.strip(),
        # lists as the table keeps them (sorted codes), so the kit and the table agree
        data_categories=tuple(sorted(carried)),
        sensitive_categories=tuple(sorted(pipl.categories_sensitive(carried))),
        risk_level=risk,
        measures=tuple(measures),
        recorded_by=session.user.name,
        recorded_at=recorded_at,
        retain_until=retention.add_years(recorded_at, pipl.KEEP_YEARS),
    )


#: the record's columns the exporter words (who receives it, why, on which basis): sealed to
#: the organisation's records key in the row and its entry (domain/records_key.py); the codes,
#: dates, digests and ids stay clear
TEXT_COLUMNS = records_key.SEALED_TEXT[ACTION][1]


def write(session: Session, record: ProcessingRecord) -> Write:
    """The record's ledger entry, for :meth:`Session.write_many` with the export's: its
    worded columns sealed to the records key (the bundle and the kit print the record as
    prepared, for its recipient)."""
    row = record.row()
    place = f"processing_records/{record.id}"
    for column in TEXT_COLUMNS:
        row[column] = records.seal(session, place, column, str(row[column]))
    return Write(
        "processing.record",
        {"record_id": record.id, "case_no": record.case_no, "bundle_id": record.bundle_id},
        [put("processing_records", row)],
    )


def list_records(session: Session, case_no: str | None = None) -> list[ProcessingRecord]:
    """Processing records, oldest first (legal, admins, auditors: metadata, and the worded
    columns opened with the reader's records key)."""
    session.require(Action.PROCESSING_READ)
    sql = "SELECT * FROM processing_records"
    params: tuple[str, ...] = ()
    if case_no:
        sql += " WHERE case_no = ?"
        params = (case_no,)
    rows = session.conn.execute(sql + " ORDER BY recorded_at, id", params).fetchall()
    return [ProcessingRecord.from_row(opened(session, dict(row))) for row in rows]


def opened(session: Session, row: dict[str, Any]) -> dict[str, Any]:
    """A ``processing_records`` row with its worded columns opened (``records.SEALED`` for a
    user who cannot)."""
    place = f"processing_records/{row['id']}"
    for column in TEXT_COLUMNS:
        if isinstance(row.get(column), str):
            row[column] = records.open_text(session, place, column, row[column])
    return row


def check_processing_records(session: Session, replay: Replay) -> Iterable[Finding]:
    """Each record is followed by its export's entry (they are written in one transaction): a
    record without its export was written around the services."""
    del session  # everything is in the replay
    entries = replay.entries
    for index, entry in enumerate(entries):
        if entry.action != ACTION or entry.seq in replay.rejected:
            continue
        payload = replay.payloads[index]
        rows = payload.get("rows") or [{}]
        row = rows[0].get("row", {}) if isinstance(rows[0], dict) else {}
        following = replay.payloads[index + 1] if index + 1 < len(entries) else {}
        if (
            index + 1 >= len(entries)
            or entries[index + 1].action != "bundle.export"
            or following.get("bundle_id") != payload.get("bundle_id")
            or following.get("evidence_manifest_sha256") != row.get("evidence_manifest_sha256")
        ):
            yield Finding(
                "processing.no_export",
                _said("processing.where", seq=entry.seq),
                _said(
                    "processing.no_export",
                    record=payload.get("record_id"),
                    bundle=payload.get("bundle_id"),
                ),
            )
