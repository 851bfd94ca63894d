"""Sealing originals: encrypt and hash files into the blob store, then describe them as rows.

Sealing happens before the database transaction (it can take minutes for big files and must
not hold the writer lock meanwhile). A blob file without a committed row is an orphan: harmless,
reported by ``verify``, never evidence. Re-sealing identical bytes finds the same blob.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from evidence_desk.domain.errors import BadInput, Cancelled, FileInUse
from evidence_desk.domain.wording import Catalogue
from evidence_desk.integrity.digests import Digests
from evidence_desk.services.common_wording import COMMON_WORDING
from evidence_desk.services.session import RowChange, Session, put

_said = Catalogue(
    {**COMMON_WORDING, "originals.cancelled": "cancelled by the user; nothing was stored"}
)


@dataclass(frozen=True, slots=True)
class SealedOriginal:
    file_name: str
    digests: Digests
    blob_name: str
    already_stored: bool

    def as_json(self) -> dict[str, object]:
        return {
            "file_name": self.file_name,
            "sha256": self.digests.sha256,
            "sm3": self.digests.sm3,
            "size": self.digests.size,
        }


def seal_paths(
    session: Session,
    paths: Sequence[Path],
    *,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> list[SealedOriginal]:
    """Seal each file; raises BadInput (naming the file) for an unreadable one."""
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

    for path in paths:
        try:
            blob = session.blobs.seal_file(path, progress=advance)
        except FileInUse:  # the store side: a new original another program holds
            raise
        except OSError as error:
            raise BadInput(
                str(path), "", _said("input.cannot_read", error=error.strerror or error)
            ) from None
        existed = _blob_row_exists(session, blob.digests.sha256)
        sealed.append(SealedOriginal(path.name, blob.digests, blob.name, existed))
    return sealed


def seal_bytes(session: Session, file_name: str, data: bytes) -> SealedOriginal:
    blob = session.blobs.seal_bytes(data)
    existed = _blob_row_exists(session, blob.digests.sha256)
    return SealedOriginal(file_name, blob.digests, blob.name, existed)


def _blob_row_exists(session: Session, sha256: str) -> bool:
    row = session.conn.execute("SELECT 1 FROM blobs WHERE sha256 = ?", (sha256,)).fetchone()
    return row is not None


def blob_rows(sealed: Sequence[SealedOriginal], kind: str) -> list[RowChange]:
    """Rows for blobs not yet recorded (re-recording an identical blob would change nothing)."""
    seen: set[str] = set()
    rows: list[RowChange] = []
    for item in sealed:
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
                    "name": item.blob_name,
                    "kind": kind,
                },
            )
        )
    return rows


def new_id(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:12]}"
