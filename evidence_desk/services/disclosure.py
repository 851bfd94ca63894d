"""A disclosure of a case's evidence outside the organisation, as every export format records
it (the court bundle: services/bundle.py; RSMF for a law firm: services/rsmf_export.py).

The steps are the same whatever is written, so they live here once:

- :func:`require`, before anything is drawn, stamped or written: the legal team's
  permission (BUNDLE_EXPORT), a well-formed scope, a recipient the processing record can name
  (PIPL arts. 55-56), and a case that is not shredded;
- :func:`write_files`: the disclosed files, each written atomically, none left if one fails;
- :func:`record`, once the files are written: the processing record and the ``bundle.export``
  entry in one transaction (both or neither: verify ties them together by the evidence
  manifest's digest), the written files removed again if it fails, and the read log's entry
  (PI-1: the evidence left the store, by this user, of this case).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from evidence_desk.bundle.model import Scope
from evidence_desk.bundle.scope import check_scope
from evidence_desk.domain.pipl import ProcessingRecord, Recipient
from evidence_desk.domain.policy import Action
from evidence_desk.integrity import ledger
from evidence_desk.services import access_log, processing_records, shredding
from evidence_desk.services.bundle_custody import EXPORT_ACTION
from evidence_desk.services.session import Session, Write
from evidence_desk.store.files import atomic_write


def require(session: Session, scope: Scope, recipient: Recipient) -> None:
    """Refuse a disclosure the rules forbid, before any work (PermissionDenied, BadInput or
    RuleViolation: a shredded case)."""
    session.require(Action.BUNDLE_EXPORT)
    check_scope(scope)
    processing_records.require_recipient(recipient)
    shredding.require_not_shredded(session, scope.case_no)


def write_files(files: Sequence[tuple[Path, bytes]]) -> list[Path]:
    """Write each ``(path, content)`` atomically, in order; if one fails, remove those written
    before it and raise. Returns the paths written."""
    written: list[Path] = []
    try:
        for path, content in files:
            atomic_write(path, content)
            written.append(path)
    except BaseException:
        _remove(written)
        raise
    return written


def _remove(paths: Sequence[Path]) -> None:
    for path in paths:
        with contextlib.suppress(OSError):
            os.unlink(path)


def record(
    session: Session,
    processing_record: ProcessingRecord,
    export: Mapping[str, Any],
    written: Sequence[Path],
    logged: Mapping[str, Any],
) -> ledger.Entry:
    """Write ``processing_record`` and the export entry (payload ``export``: its
    ``bundle_id`` and ``case_no`` among its facts) in one transaction; on any failure remove
    the ``written`` files (no file of a disclosure that is not on record). Then log the
    export in the read log with ``logged`` and the entry's seq. Returns the export entry."""
    try:
        _record_entry, entry = session.write_many(
            [
                processing_records.write(session, processing_record),
                Write(EXPORT_ACTION, dict(export)),
            ],
            operation="export",
        )
    except BaseException:
        _remove(written)
        raise
    access_log.record(
        session,
        access_log.EXPORT_BUNDLE,
        [str(export["case_no"])],
        str(export["bundle_id"]),
        {"ledger_seq": entry.seq, **logged},
    )
    return entry
