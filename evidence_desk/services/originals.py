"""Sealing originals: encrypt and hash files into the case's blob store (under its case key:
services/case_blobs.py), then describe them as rows.

Sealing happens before the database transaction (it can take minutes for big files and must
not hold the writer lock meanwhile). A blob file without a committed row is an orphan: harmless,
reported by ``verify``, never evidence. Re-sealing identical bytes for the same case finds the
same file; for another case it makes that case's own copy.
"""

from __future__ import annotations

import contextlib
import os
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from evidence_desk.domain.errors import BadInput, Cancelled, FileInUse
from evidence_desk.domain.wording import Catalogue
from evidence_desk.integrity.digests import Digests
from evidence_desk.services import case_blobs
from evidence_desk.services.common_wording import COMMON_WORDING
from evidence_desk.services.session import RowChange, Session, put
from evidence_desk.store.blobs import Finishing, SealedBlob

_said = Catalogue(
    {**COMMON_WORDING, "originals.cancelled": "cancelled by the user; nothing was stored"}
)


@dataclass(frozen=True, slots=True)
class SealedOriginal:
    """One sealed file: ``blob_name`` is its file under blobs/, ``case_no`` the case whose key
    it is under (None: the store key, for a case without a key yet); ``already_stored`` says
    the original is on record (a ``blobs`` row), ``in_case`` that the case holds its copy."""

    file_name: str
    digests: Digests
    blob_name: str
    already_stored: bool
    case_no: str | None = None
    in_case: bool = False

    def as_json(self) -> dict[str, object]:
        return {
            "file_name": self.file_name,
            "sha256": self.digests.sha256,
            "sm3": self.digests.sm3,
            "size": self.digests.size,
        }


def seal_paths(
    session: Session,
    case_no: str,
    paths: Sequence[Path],
    *,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> list[SealedOriginal]:
    """Seal each file for ``case_no`` (under its key: services/case_blobs.py); raises
    BadInput (naming the file) for an unreadable one."""
    sealed: list[SealedOriginal] = []
    total = 0
    for path in paths:
        try:
            total += path.stat().st_size
        except OSError as error:
            raise BadInput(
                str(path), "", _said("input.cannot_read", error=error.strerror or error)
            ) from None
        if not path.is_file():
            raise BadInput(str(path), "", _said("input.not_a_file"))
    done = 0

    def advance(amount: int) -> None:
        nonlocal done
        done += amount
        if cancelled is not None and cancelled():
            raise Cancelled(_said("originals.cancelled"))
        if progress is not None:
            progress(done, total)

    store, keyed = case_blobs.writer(session, case_no)
    for path in paths:
        try:
            blob = store.seal_file(path, progress=advance)
        except FileInUse:  # the store side: a new original another program holds
            raise
        except OSError as error:
            raise BadInput(
                str(path), "", _said("input.cannot_read", error=error.strerror or error)
            ) from None
        sealed.append(described(session, case_no, keyed, path.name, blob))
    return sealed


def seal_bytes(
    session: Session,
    case_no: str,
    file_name: str,
    data: bytes,
    *,
    finishing: Finishing | None = None,
) -> SealedOriginal:
    """Seal ``data`` for ``case_no``; with ``finishing``, its fsync and rename are left to that
    thread (store/blobs.Finishing), but for a case without a key yet (``described`` may remove
    that file at once)."""
    store, keyed = case_blobs.writer(session, case_no)
    blob = store.seal_bytes(data, finishing=finishing if keyed else None)
    return described(session, case_no, keyed, file_name, blob)


def described(
    session: Session, case_no: str, keyed: bool, file_name: str, blob: SealedBlob
) -> SealedOriginal:
    """What is on record of a file just sealed for ``case_no`` (under its key when ``keyed``,
    else under the store's: a case without a key yet)."""
    sha256 = blob.digests.sha256
    conn = session.conn
    row = conn.execute("SELECT name FROM blobs WHERE sha256 = ?", (sha256,)).fetchone()
    if not keyed:
        if row is not None and not row[0]:
            # an original on record only as other cases' copies: a file under the store key
            # cannot be recorded for it; the case's key (the admin's next login) comes first
            if not case_blobs.file_referenced(conn, blob.name):
                with contextlib.suppress(OSError):
                    os.unlink(session.blobs.path_for_name(blob.name))
            raise case_blobs.OriginalSealed(case_no)
        return SealedOriginal(file_name, blob.digests, blob.name, row is not None)
    in_case = (
        conn.execute(
            "SELECT 1 FROM case_blobs WHERE case_no = ? AND sha256 = ?", (case_no, sha256)
        ).fetchone()
        is not None
    )
    return SealedOriginal(file_name, blob.digests, blob.name, row is not None, case_no, in_case)


def blob_rows(sealed: Sequence[SealedOriginal], kind: str) -> list[RowChange]:
    """Rows for originals not yet recorded (re-recording an identical one would change
    nothing) and for the case's copies it does not hold yet (the same file given for two
    cases is a copy in each, under each case's key)."""
    seen: set[str] = set()
    rows: list[RowChange] = []
    copies: dict[str, RowChange] = {}  # after the originals (the table refers to them)
    for item in sealed:
        if item.case_no is not None and not item.in_case and item.blob_name not in copies:
            copy = {"name": item.blob_name, "case_no": item.case_no, "sha256": item.digests.sha256}
            copies[item.blob_name] = put("case_blobs", copy)
        if item.already_stored or item.digests.sha256 in seen:
            continue
        seen.add(item.digests.sha256)
        rows.append(
            put(
                "blobs",
                {
                    "sha256": item.digests.sha256,
                    "sm3": item.digests.sm3,
                    "size": item.digests.size,
                    # the file under the store key: none for a case's copy
                    "name": "" if item.case_no is not None else item.blob_name,
                    "kind": kind,
                },
            )
        )
    return rows + list(copies.values())


def new_id(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:12]}"
