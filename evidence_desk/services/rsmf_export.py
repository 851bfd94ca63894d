"""Exporting a case's conversations as RSMF 2.0 for a law firm's e-discovery platform.

The same disclosure as a court bundle, in another format, through the same steps
(services/disclosure.py): the legal team only (BUNDLE_EXPORT), never a shredded case, a
processing record naming the recipient (PIPL arts. 55-56) and one ``bundle.export`` entry, here
with ``"format": "rsmf/2.0.0"`` and the file's digests, written in one transaction with the
record. Account numbers are always masked (PI-6). The file itself is drawn by bundle/rsmf.py
from the bundle's own records.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from evidence_desk import __version__
from evidence_desk.bundle import rsmf
from evidence_desk.bundle.model import Scope
from evidence_desk.domain.errors import BadInput
from evidence_desk.domain.pipl import Recipient
from evidence_desk.domain.wording import Catalogue
from evidence_desk.integrity import digests
from evidence_desk.services import disclosure, processing_records, reading
from evidence_desk.services.bundle import gather
from evidence_desk.services.session import Session

FORMAT = "rsmf/" + rsmf.RSMF_VERSION

_said = Catalogue({"rsmf.is_folder": "is a folder: name the .rsmf file to write"})


@dataclass(frozen=True, slots=True)
class RsmfResult:
    path: Path
    bundle_id: str
    sha256: str
    manifest_sha256: str
    conversations: int
    events: int
    attachments: int
    ledger_seq: int
    processing_record_id: str


def _attachment_loader(session: Session) -> rsmf.AttachmentLoader:
    """A message's exported attachment, read from the export that first held the message."""

    def load(rowid: int, member: str) -> bytes | None:
        row = session.conn.execute(
            "SELECT first_import FROM messages WHERE rowid = ?", (rowid,)
        ).fetchone()
        return None if row is None else reading.attachment_bytes(session, row[0], member)

    return load


def export_rsmf(session: Session, scope: Scope, out: Path, *, recipient: Recipient) -> RsmfResult:
    """Write ``out`` (an ``.rsmf`` file) with the conversations of ``scope``, for ``recipient``."""
    disclosure.require(session, scope, recipient)
    if out.exists() and out.is_dir():
        raise BadInput(str(out), "", _said("rsmf.is_folder"))
    data = gather(session, scope, masked=True)
    built = rsmf.build(data, _attachment_loader(session), f"Evidence Desk {__version__}")
    record = processing_records.prepare(session, recipient, data, built.manifest_sha256)
    out.parent.mkdir(parents=True, exist_ok=True)
    written = disclosure.write_files([(out, built.content)])
    sha256 = hashlib.sha256(built.content).hexdigest()
    entry = disclosure.record(
        session,
        record,
        {
            "bundle_id": data.bundle_id,
            "case_no": scope.case_no,
            "format": FORMAT,
            "scope": scope.as_json(),
            "contacts": sorted({e.contact.id for e in data.exhibits}),
            # processing_records' check ties the record to its export by this digest
            "evidence_manifest_sha256": built.manifest_sha256,
            "rsmf": {
                "file_name": out.name,
                "sha256": sha256,
                "sm3": digests.sm3_hex(built.content),
                "size": len(built.content),
                "events": built.event_count,
                "attachments": built.attachment_count,
            },
            "checkpoint": {"size": data.checkpoint.size, "root": data.checkpoint.root},
            "processing_record": record.id,
            "numbers": {"masked": True},
        },
        written,
        {"format": FORMAT},
    )
    return RsmfResult(
        path=out,
        bundle_id=data.bundle_id,
        sha256=sha256,
        manifest_sha256=built.manifest_sha256,
        conversations=built.conversations,
        events=built.event_count,
        attachments=built.attachment_count,
        ledger_seq=entry.seq,
        processing_record_id=record.id,
    )
