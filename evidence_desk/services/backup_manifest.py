"""Reading a backup's signed manifest: what a backup holds, checked before anything trusts it.

A backup (services/backup.py) is a zip of the store's files and ``backup.json``, a manifest
signed by the admin who made it. Reading one is needed by restore and by ``verify --anchor
BACKUP`` (services/anchoring.py: the manifest's head is a witness), so it lives on its own and
neither of them imports the other for it.
"""

from __future__ import annotations

import contextlib
import json
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from evidence_desk.domain.errors import BackupInvalid, BadInput
from evidence_desk.domain.wording import Catalogue, Phrase
from evidence_desk.integrity import signing
from evidence_desk.integrity.canonical import canonical_bytes

_said = Catalogue(
    {
        "backup.no_such_file": "no such file",
        "backup.unreadable": "{path}: not a readable Evidence Desk backup ({error})",
        "backup.not_manifest": "not an Evidence Desk backup manifest",
        "backup.version": "unsupported backup version {version}",
        "backup.bad_entry": "a file entry is malformed",
        "backup.manifest_missing": "{path}: {member}: missing {field}",
        "backup.manifest_bad": "{path}: {member}: {error}",
        "backup.bad_signature": "{path}: {member}: signature does not match its contents (the "
        "manifest was changed after it was signed)",
        "backup.unlisted": "{path}: {member}: member is not listed in the signed manifest",
        "backup.missing_member": "{path}: {member}: listed in the manifest but missing from the "
        "file",
        "backup.strange_member": "{path}: {member}: not a member an Evidence Desk backup may hold",
        "backup.absent": "{path}: {member}: missing from the backup",
    }
)

BACKUP_FORMAT = "evidence-desk-backup"
BACKUP_VERSION = 1
BACKUP_CONTEXT = b"evidence-desk/backup/v1\n"
MANIFEST = "backup.json"
_MEMBER = re.compile(
    r"^store/(store\.json|keyslots\.json|evidence\.db|blobs/[0-9a-f]{2}/[0-9a-f]{62}"
    # a bound store's binding to its hub (services/backup.HUB_FILES), when it has one
    r"|hub\.json|hub-ca\.pem|hub-blobs\.txt|hub-key\.json)$"
)
_REQUIRED = ("store/store.json", "store/keyslots.json", "store/evidence.db")


@dataclass(frozen=True, slots=True)
class BackupManifest:
    """A manifest whose signature and member list were checked (``read_manifest``)."""

    body: dict[str, Any]
    signature: str

    @property
    def files(self) -> dict[str, dict[str, Any]]:
        return {str(f["path"]): f for f in self.body["files"]}

    @property
    def store_id(self) -> str:
        return str(self.body["store_id"])

    @property
    def created_by(self) -> str:
        return str(self.body["created_by"])


@contextlib.contextmanager
def open_backup(path: Path) -> Iterator[zipfile.ZipFile]:
    """The backup zip, open; a missing or unreadable file is refused in the user's words."""
    try:
        archive = zipfile.ZipFile(path)
    except FileNotFoundError:
        raise BadInput(str(path), "", _said("backup.no_such_file")) from None
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise BackupInvalid(_said("backup.unreadable", path=path, error=error)) from None
    try:
        yield archive
    finally:
        archive.close()


def read_manifest(path: Path) -> BackupManifest:
    """The manifest, with its signature checked and every member accounted for."""
    with open_backup(path) as archive:
        return read_opened_manifest(path, archive)


def read_opened_manifest(path: Path, archive: zipfile.ZipFile) -> BackupManifest:
    """:func:`read_manifest` of a backup already open (restore goes on to read its members)."""
    try:
        doc = json.loads(archive.read(MANIFEST).decode("utf-8"))
        body = doc["manifest"]
        signature = str(doc["signature"])
        if body.get("format") != BACKUP_FORMAT or not isinstance(body.get("files"), list):
            raise ValueError(_said("backup.not_manifest"))
        if body.get("version") != BACKUP_VERSION:
            raise ValueError(_said("backup.version", version=body.get("version")))
        for entry in body["files"]:
            if not isinstance(entry, dict) or not isinstance(entry.get("path"), str):
                raise ValueError(_said("backup.bad_entry"))
            int(entry["size"])
            str(entry["sha256"])
        public_key = str(body["public_key"])
        for field_name in ("store_id", "created_by", "created_at", "ledger_size"):
            body[field_name]  # presence check: KeyError names the missing field
    except KeyError as error:
        raise BackupInvalid(
            _said("backup.manifest_missing", path=path, member=MANIFEST, field=error)
        ) from None
    except (ValueError, TypeError, AttributeError, zipfile.BadZipFile, OSError) as error:
        # our own ValueErrors carry a Phrase: keep it, so the reason stays translatable
        reason = (
            error.args[0] if len(error.args) == 1 and isinstance(error.args[0], Phrase) else error
        )
        raise BackupInvalid(
            _said("backup.manifest_bad", path=path, member=MANIFEST, error=reason)
        ) from None
    manifest = BackupManifest(body, signature)
    if not signing.verify(public_key, BACKUP_CONTEXT, canonical_bytes(body), signature):
        raise BackupInvalid(_said("backup.bad_signature", path=path, member=MANIFEST))
    listed = manifest.files
    present = {info.filename for info in archive.infolist()} - {MANIFEST}
    unlisted = sorted(present - set(listed))
    if unlisted:
        raise BackupInvalid(_said("backup.unlisted", path=path, member=unlisted[0]))
    missing = sorted(set(listed) - present)
    if missing:
        raise BackupInvalid(_said("backup.missing_member", path=path, member=missing[0]))
    strange = [name for name in sorted(listed) if not _MEMBER.match(name)]
    if strange:
        raise BackupInvalid(_said("backup.strange_member", path=path, member=strange[0]))
    absent = [name for name in _REQUIRED if name not in listed]
    if absent:
        raise BackupInvalid(_said("backup.absent", path=path, member=absent[0]))
    return manifest
