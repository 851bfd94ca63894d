"""Backup and restore: one signed, encrypted file that can rebuild the whole store.

A backup is a zip file (members stored, not compressed: everything in it is already encrypted)::

    backup.json               the manifest: store id, ledger size and root, the signed head (the
                              snapshot's newest checkpoint, as store.json holds it), who made it,
                              and the size and SHA-256 of every other member; signed by that admin
    store/store.json          the descriptor, with the head advanced to the snapshot's newest
                              checkpoint (a signed value taken from the snapshot itself)
    store/keyslots.json       the key slots, so the same users log in with the same passwords
    store/evidence.db         a SQLCipher snapshot, still encrypted with the store's key
    store/blobs/ab/cd...      every original the snapshot refers to, still encrypted
    store/hub.json ...        a bound store's binding to its hub: URL, CA, pinned hub key, the
                              blob files the hub names (``HUB_FILES``; none for a lone store)

Why it is consistent while the app runs: key slots and the head are written by writers while
they hold the store's writer lock, so the descriptor, the key slots and the database snapshot
(SQLite's online backup API, one step: a single read snapshot of the WAL database) are taken
together under that lock. That section copies only the database, so other writers wait briefly
(the lock owner reads "root is running backup"). Blob files are immutable and written before any
row refers to them, so they are copied afterwards, outside the lock: the ones the snapshot lists
are on disk and cannot change; orphans and partial files are left out.

Why restore is safe: it refuses a file whose manifest signature, member list or any member's
digest is wrong, naming the member; it then unpacks into a temporary folder beside the target,
logs in there as the restoring admin, runs the full ``verify`` and checks that the manifest's
signer is an admin of that ledger with that key. Only then does it move the folder into place.
An existing store is never overwritten: without ``replace`` the restore is refused, with it the
old store is moved aside (``<name>.before-restore-<time>``) and kept.

Anchors (store/anchors.py): a backup is recorded in the anchor with its head, and its manifest's
head is itself a witness (``verify --anchor BACKUP``). Restoring an older backup rewinds the
ledger on purpose, which is what a rollback looks like: the restore records the head the anchor
held and the head restored, signed by the restoring admin, so verify names the admin and the
date instead of reporting a rollback. The backup is therefore verified without the anchor.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import shutil
import uuid
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC
from pathlib import Path
from typing import IO, Any

import sqlcipher3

from evidence_desk import __version__
from evidence_desk.domain.errors import (
    BackupInvalid,
    BadInput,
    FileInUse,
    RuleViolation,
    StoreError,
)
from evidence_desk.domain.policy import Action
from evidence_desk.domain.wording import Catalogue
from evidence_desk.integrity.canonical import canonical_bytes
from evidence_desk.services import (
    anchoring,
    blob_hint,
    receipt_checks,
    shredding,
    shredding_checks,
    sync,
    tombstones,
)
from evidence_desk.services.backup_manifest import (
    BACKUP_CONTEXT,
    BACKUP_FORMAT,
    BACKUP_VERSION,
    MANIFEST,
    BackupManifest,
    open_backup,
    read_opened_manifest,
)
from evidence_desk.services.clock import Clock, rfc3339, system_clock
from evidence_desk.services.session import Session, open_here
from evidence_desk.services.verify import verify_store
from evidence_desk.store import anchors, db
from evidence_desk.store import files as store_files
from evidence_desk.store.files import fsync_dir
from evidence_desk.store.folder import DB_NAME
from evidence_desk.store.keys import derive_subkey
from evidence_desk.store.lock import WriterLock

_said = Catalogue(
    {
        "backup.exists": "already exists; a backup never overwrites a file",
        "backup.no_folder": "its folder does not exist",
        "backup.original_missing": "{path}: original listed by the database is missing; run "
        "verify and repair the store before backing it up",
        "backup.write_failed": "{path}: backup could not be written ({error}); nothing was "
        "changed in the store",
        "backup.no_descriptor": "{path}: not a store descriptor",
        "backup.damaged": "{path}: {member}: damaged ({error})",
        "backup.size": "{path}: {member}: size differs from the manifest (expected {size} bytes)",
        "backup.digest": "{path}: {member}: SHA-256 does not match the signed manifest",
        "backup.target_not_empty": "{target} already holds files; restore into a new folder, or "
        "pass replace to move the existing store aside (it is kept, never deleted)",
        "backup.cannot_create": "{path}: cannot create ({error})",
        "backup.does_not_verify": "{path}: the restored store does not verify ({count} "
        "{count:problem|problems}: {problems})",
        "backup.restore_failed_kept": "{target}: restore failed ({error}); the previous store is "
        "kept at {kept}",
        "backup.restore_failed": "{target}: restore failed ({error}); nothing changed",
        "backup.store_open": "{target} is the store you are logged into (as {user}); it cannot be "
        "replaced while it is open. Restore into another folder, or close Evidence Desk and run "
        "evidence-desk restore --replace",
        "backup.other_store": "{path}: {member}: names store {store}, not this one",
        "backup.ledger_size": "{path}: store/evidence.db: holds {size} ledger entries, the "
        "manifest says {expected}",
        "backup.not_admin": "{path}: {member}: signed by {user!r}, who is not an admin of this "
        "store with that key",
        # what backup and restore did (the CLI prints it)
        "backup.written": "backup written to {path}: store {store_id}, {ledger_size} ledger "
        "{ledger_size:entry|entries}, {blobs} {blobs:original|originals}, {bytes} "
        "{bytes:byte|bytes}",
        "backup.checked": "backup checked: store {store_id}, {ledger_size} ledger "
        "{ledger_size:entry|entries}, {blobs} {blobs:original|originals}; made {created_at} by "
        "{created_by}; verify INTACT",
        "backup.restored": "backup restored to {path}: store {store_id}, {ledger_size} ledger "
        "{ledger_size:entry|entries}, {blobs} {blobs:original|originals}; made {created_at} by "
        "{created_by}; verify INTACT",
        "backup.moved_aside": "{restored}; the previous store was moved to {moved_aside}",
    }
)

PREFIX = "store/"
_COPY_CHUNK = 1 << 20

Progress = Callable[[str, int, int], None]


@dataclass(frozen=True, slots=True)
class BackupResult:
    path: Path
    store_id: str
    ledger_size: int
    blobs: int
    bytes: int


@dataclass(frozen=True, slots=True)
class RestoreResult:
    path: Path
    store_id: str
    ledger_size: int
    blobs: int
    created_at: str
    created_by: str
    moved_aside: Path | None
    checked_only: bool
    # cases shredded after the backup was made, shredded again before it was put in place
    reapplied: tuple[str, ...] = ()


# -- backup -------------------------------------------------------------------------------------


def backup(
    session: Session, out: Path, *, progress: Progress | None = None, clock: Clock | None = None
) -> BackupResult:
    """Write a signed, encrypted snapshot of the store to ``out`` (a new file)."""
    session.require(Action.STORE_BACKUP)
    report = progress or (lambda _stage, _done, _total: None)
    out = Path(out)
    if out.exists():
        raise BadInput(str(out), "", _said("backup.exists"))
    if not out.parent.is_dir():
        raise BadInput(str(out), "", _said("backup.no_folder"))
    work = out.parent / f".{out.name}.{uuid.uuid4().hex[:8]}.tmp"
    partial = out.parent / f".{out.name}.part"
    try:
        work.mkdir()
        report("snapshot", 0, 1)
        descriptor, keyslots = _snapshot(session, work / DB_NAME)
        report("snapshot", 1, 1)
        ledger_size, head_root, blob_names, schema = _describe_snapshot(
            session, work / DB_NAME, descriptor
        )
        descriptor_bytes = json.dumps(descriptor, indent=1, sort_keys=True).encode("utf-8")
        files: list[dict[str, Any]] = []
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_STORED, allowZip64=True) as archive:
            files.append(_add_bytes(archive, "store/store.json", descriptor_bytes))
            files.append(_add_bytes(archive, "store/keyslots.json", keyslots))
            files.append(_add_file(archive, "store/evidence.db", work / DB_NAME))
            for index, name in enumerate(blob_names):
                report("originals", index, len(blob_names))
                source = session.blobs.path_for_name(name)
                try:
                    files.append(_add_file(archive, f"store/blobs/{name[:2]}/{name[2:]}", source))
                except FileNotFoundError:
                    raise StoreError(_said("backup.original_missing", path=source)) from None
            report("originals", len(blob_names), len(blob_names))
            for name in HUB_FILES:  # a bound store's binding, so a restore elsewhere verifies
                source = session.folder.path / name
                if source.is_file():
                    files.append(_add_file(archive, f"store/{name}", source))
            now = (clock or session.clock)()
            body = {
                "format": BACKUP_FORMAT,
                "version": BACKUP_VERSION,
                "app_version": __version__,
                "store_id": session.folder.store_id,
                "schema_version": schema,
                "ledger_size": ledger_size,
                "head_root": head_root,
                "head": descriptor.get("head"),
                "created_at": rfc3339(now),
                "created_by": session.user.name,
                "public_key": session.user.public_key,
                "files": sorted(files, key=lambda f: str(f["path"])),
            }
            manifest = {
                "manifest": body,
                "signature": session.sign(BACKUP_CONTEXT, canonical_bytes(body)),
            }
            archive.writestr(
                MANIFEST, json.dumps(manifest, indent=1, sort_keys=True, ensure_ascii=False)
            )
        with open(partial, "rb+") as handle:
            os.fsync(handle.fileno())
        store_files.replace(partial, out)  # retried while an antivirus scans the new zip
        fsync_dir(out.parent)
    except OSError as error:
        raise StoreError(_said("backup.write_failed", path=out, error=_reason(error))) from None
    finally:
        partial.unlink(missing_ok=True)
        shutil.rmtree(work, ignore_errors=True)
    _record_backup(session, descriptor, out, str(body["created_at"]))
    return BackupResult(out, session.folder.store_id, ledger_size, len(blob_names), _size(out))


def _record_backup(session: Session, descriptor: dict[str, Any], out: Path, at: str) -> None:
    """The backup's head, as an event in this OS user's anchor (best effort)."""
    try:
        head = anchors.parse_head(descriptor.get("head"))
    except (KeyError, TypeError, ValueError):
        return  # an empty store has no head to record
    anchoring.record_event(session, "backup", head, out.resolve(), at)


def _snapshot(session: Session, target: Path) -> tuple[dict[str, Any], bytes]:
    """Descriptor, key slots and a database snapshot, taken together under the writer lock."""
    lock = WriterLock(
        session.folder.path,
        session.user.name,
        "backup",
        wait_seconds=session.lock_wait_seconds,
    )
    key = derive_subkey(session.data_key, "sqlcipher")
    with lock:
        descriptor = json.loads((session.folder.path / "store.json").read_text("utf-8"))
        keyslots = (session.folder.path / "keyslots.json").read_bytes()
        copy = sqlcipher3.connect(str(target), isolation_level=None)
        try:
            copy.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
            session.conn.backup(copy)  # one step: a single consistent read of the database
            copy.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
        finally:
            copy.close()
    if not isinstance(descriptor, dict):
        raise StoreError(_said("backup.no_descriptor", path=session.folder.path / "store.json"))
    return descriptor, keyslots


def _describe_snapshot(
    session: Session, path: Path, descriptor: dict[str, Any]
) -> tuple[int, str, list[str], int]:
    """Ledger size and root, referenced blob names and schema version of the snapshot; advances
    the copied head to the snapshot's newest signed checkpoint (writers update the head only
    after they commit, so the descriptor read under the lock may lag by the last write)."""
    conn = db.connect(path, derive_subkey(session.data_key, "sqlcipher"))
    try:
        size = int(conn.execute("SELECT count(*) FROM ledger").fetchone()[0])
        newest = conn.execute(
            "SELECT size, root, at, signer, signature FROM checkpoints ORDER BY size DESC LIMIT 1"
        ).fetchone()
        names = _blob_names(conn)
        schema = db.schema_version(conn)
    finally:
        conn.close()
    head = descriptor.get("head") or {}
    if newest is not None and int(head.get("size", 0) or 0) < int(newest["size"]):
        descriptor["head"] = {
            "size": int(newest["size"]),
            "root": str(newest["root"]),
            "at": str(newest["at"]),
            "signer": str(newest["signer"]),
            "signature": str(newest["signature"]),
        }
    return size, str(newest["root"]) if newest is not None else "", names, schema


def _blob_names(conn: db.Connection) -> list[str]:
    """The blob files the snapshot refers to: the files under the store key and every case's
    copies, but those a shredding destroyed (shredding_checks says which)."""
    copies = [
        (str(r[0]), str(r[1]), str(r[2]))
        for r in conn.execute("SELECT case_no, sha256, name FROM case_blobs")
    ]
    shredded = {str(r[0]) for r in conn.execute("SELECT case_no FROM shreddings")}
    destroyed = shredding_checks.shredded_legacy_blobs(conn, {(c, s) for c, s, _n in copies})
    names = {name for case_no, _sha256, name in copies if case_no not in shredded}
    names.update(
        str(r[1])
        for r in conn.execute("SELECT sha256, name FROM blobs WHERE name != ''")
        if str(r[0]) not in destroyed
    )
    return sorted(names)


def _add_bytes(archive: zipfile.ZipFile, name: str, data: bytes) -> dict[str, Any]:
    archive.writestr(name, data)
    return {"path": name, "size": len(data), "sha256": hashlib.sha256(data).hexdigest()}


def _add_file(archive: zipfile.ZipFile, name: str, source: Path) -> dict[str, Any]:
    digest = hashlib.sha256()
    size = 0
    with open(source, "rb") as src, archive.open(name, "w", force_zip64=True) as dst:
        while chunk := src.read(_COPY_CHUNK):
            digest.update(chunk)
            dst.write(chunk)
            size += len(chunk)
    return {"path": name, "size": size, "sha256": digest.hexdigest()}


def _size(path: Path) -> int:
    return path.stat().st_size


def _extract(
    path: Path,
    archive: zipfile.ZipFile,
    manifest: BackupManifest,
    into: Path,
    report: Progress,
) -> None:
    """Unpack every member, checking its size and digest as it is written."""
    members = sorted(manifest.files.items())
    for index, (name, entry) in enumerate(members):
        report("unpacking", index, len(members))
        target = into / name[len(PREFIX) :]
        target.parent.mkdir(parents=True, exist_ok=True)
        expected = int(entry["size"])
        digest = hashlib.sha256()
        size = 0
        try:
            with archive.open(name) as src, open(target, "wb") as dst:
                while chunk := _read(src, min(_COPY_CHUNK, expected - size + 1)):
                    size += len(chunk)
                    if size > expected:
                        break
                    digest.update(chunk)
                    dst.write(chunk)
                dst.flush()
                os.fsync(dst.fileno())
        except (zipfile.BadZipFile, EOFError, ValueError) as error:
            raise BackupInvalid(
                _said("backup.damaged", path=path, member=name, error=error)
            ) from None
        if size != expected:
            raise BackupInvalid(_said("backup.size", path=path, member=name, size=expected))
        if digest.hexdigest() != entry["sha256"]:
            raise BackupInvalid(_said("backup.digest", path=path, member=name))
    report("unpacking", len(members), len(members))


def _read(handle: IO[bytes], amount: int) -> bytes:
    return handle.read(max(1, amount))


# -- restore ------------------------------------------------------------------------------------


def restore(
    backup_path: Path,
    target: Path,
    user: str,
    password: str,
    *,
    replace: bool = False,
    check_only: bool = False,
    progress: Progress | None = None,
    clock: Clock = system_clock,
) -> RestoreResult:
    """Check ``backup_path`` completely, then make it the store at ``target``.

    ``user`` must be an admin of the backed-up store (their password unlocks its key slot).
    With ``check_only`` everything is checked and nothing is put in place.
    """
    report = progress or (lambda _stage, _done, _total: None)
    backup_path = Path(backup_path)
    target = Path(target)
    occupied = target.exists() and (not target.is_dir() or any(target.iterdir()))
    if occupied and not replace and not check_only:
        raise RuleViolation(
            "restore.no_overwrite",
            _said("backup.target_not_empty", target=target),
        )
    if occupied and not check_only:
        _refuse_open_store(target)
    parent = target.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise StoreError(
            _said("backup.cannot_create", path=parent, error=error.strerror or error)
        ) from None
    work = parent / f".{target.name}.restoring-{uuid.uuid4().hex[:8]}"
    moved_aside: Path | None = None
    try:
        with open_backup(backup_path) as archive:
            manifest = read_opened_manifest(backup_path, archive)
            work.mkdir()
            _extract(backup_path, archive, manifest, work, report)
        (work / "blobs").mkdir(exist_ok=True)
        # before the verify: a bound device's receipts are checked against its pinned hub key
        _keep_hub_files(target, work, manifest.store_id)
        report("verify", 0, 1)
        # checked as the backup holds it: no per-case key upkeep (it would append entries the
        # manifest does not know); the next login into the restored store does it
        with Session.open(work, user, password, clock=clock, key_upkeep=False) as session:
            session.require(Action.STORE_RESTORE)
            _check_against_manifest(backup_path, session, manifest)
            # an older backup is older than this machine's anchor on purpose: the restore event
            # below explains it to later verifies
            verdict = verify_store(session, local_anchor=False)
            event = None
            reapplied: list[str] = []
            if not check_only and not verdict.errors:
                # a backup older than a tombstone would bring the shredded case back: every
                # tombstone kept beside the store being replaced (and in this OS user's anchor
                # folder) is re-applied here, before the store is put in place
                kept_tombstones = [
                    record
                    for path in tombstones.tombstone_paths(target, manifest.store_id)
                    for record in _tombstones(path)
                ]
                reapplied = shredding.reapply_tombstones(session, kept_tombstones)
                tombstones.keep_tombstones(work, kept_tombstones)
                session.folder.reload()
                event = anchoring.restore_event(session, backup_path.resolve(), rfc3339(clock()))
        if not verdict.intact:
            first = "; ".join(f"{f.code} at {f.location}: {f.detail}" for f in verdict.errors[:3])
            raise BackupInvalid(
                _said(
                    "backup.does_not_verify",
                    path=backup_path,
                    count=len(verdict.errors),
                    problems=first,
                )
            )
        report("verify", 1, 1)
        (work / "auth_failures.json").unlink(missing_ok=True)
        result = RestoreResult(
            target,
            manifest.store_id,
            int(manifest.body["ledger_size"]),
            sum(1 for name in manifest.files if name.startswith("store/blobs/")),
            str(manifest.body["created_at"]),
            manifest.created_by,
            None,
            check_only,
            tuple(reapplied),
        )
        if check_only:
            return result
        if target.exists():
            _refuse_open_store(target)  # a login may have happened while the backup was checked
            moved_aside = _move_aside(target, clock)
        try:
            store_files.replace(work, target)
        except OSError:
            if moved_aside is not None:
                store_files.replace(moved_aside, target)
                moved_aside = None
            raise
        fsync_dir(parent)
        if event is not None:
            anchoring.record_restore(manifest.store_id, event, target.resolve())
    except OSError as error:
        raise StoreError(
            _said(
                "backup.restore_failed_kept",
                target=target,
                error=_reason(error),
                kept=moved_aside,
            )
            if moved_aside
            else _said("backup.restore_failed", target=target, error=_reason(error))
        ) from None
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return dataclasses.replace(result, moved_aside=moved_aside)


#: the files beside the database that bind a store to its organisation's hub: its URL and CA,
#: the hub's pinned key (which the store's hub receipts are checked against), the blob files
#: the hub names. A backup holds them (member ``store/<name>``, when the store has them), so
#: that a bound device restored on a new machine verifies and syncs; a restore over the same
#: store keeps the replaced folder's instead (newer: a key rotation pinned since the backup),
#: so the restored device syncs on at once, pulling again whatever came after the backup (a
#: shredding included). The organisation checkpoints it saw, cosigned or was gossiped are in
#: neither: those made after the backup cover history the restored store does not hold
#: (verify's ``org_checkpoint.root``), so its next sync starts that memory afresh from the
#: hub's newest checkpoint, checked against the pinned key
HUB_FILES = (
    sync.HUB_FILE,
    sync.CA_COPY,
    blob_hint.FILE,
    receipt_checks.PIN_FILE,
)


def _keep_hub_files(target: Path, work: Path, store_id: str) -> None:
    """Copy the replaced store's hub files (:data:`HUB_FILES`) into the restored folder, over
    the backup's, when the store being replaced is the backup's store (another store's
    binding is not its)."""
    try:
        replaced = json.loads((target / "store.json").read_text("utf-8")).get("store_id")
    except (OSError, ValueError, AttributeError):
        return
    if replaced != store_id:
        return
    for name in HUB_FILES:
        source = target / name
        if source.is_file():
            store_files.atomic_write(work / name, source.read_bytes())


def _tombstones(path: Path) -> list[dict[str, Any]]:
    """The tombstone records kept at ``path``; an unreadable list holds none (the signed
    records a restore can trust are checked one by one: shredding.reapply_tombstones)."""
    try:
        return tombstones.read_tombstones(path)
    except (OSError, ValueError):
        return []


def _reason(error: OSError) -> object:
    """Why a file operation failed: a FileInUse keeps its worded (translatable) sentence."""
    if isinstance(error, FileInUse):
        return error.detail
    return error.strerror or error


def _refuse_open_store(target: Path) -> None:
    """A store open in this process (the desktop app's logged-in session) is never replaced:
    on Windows its open files make the folder impossible to move, and elsewhere the session
    would go on writing into the store moved aside."""
    session = open_here(target)
    if session is not None:
        raise RuleViolation(
            "restore.store_open",
            _said("backup.store_open", target=target, user=session.user.name),
        )


def _check_against_manifest(path: Path, session: Session, manifest: BackupManifest) -> None:
    """The signer must be an admin of the restored ledger with the key that signed, and the
    manifest must describe this store (not another backup's manifest glued onto it)."""
    if session.folder.store_id != manifest.store_id:
        raise BackupInvalid(
            _said("backup.other_store", path=path, member=MANIFEST, store=manifest.store_id)
        )
    size = int(session.conn.execute("SELECT count(*) FROM ledger").fetchone()[0])
    if size != int(manifest.body["ledger_size"]):
        raise BackupInvalid(
            _said(
                "backup.ledger_size",
                path=path,
                size=size,
                expected=manifest.body["ledger_size"],
            )
        )
    signer = session.conn.execute(
        "SELECT role, public_key, active FROM users WHERE name = ?", (manifest.created_by,)
    ).fetchone()
    if (
        signer is None
        or signer["role"] != "admin"
        or signer["public_key"] != manifest.body["public_key"]
    ):
        raise BackupInvalid(
            _said("backup.not_admin", path=path, member=MANIFEST, user=manifest.created_by)
        )


def _move_aside(target: Path, clock: Clock) -> Path:
    """Move the existing store out of the way (kept, never deleted), unless someone is writing."""
    if (target / "lock").exists():
        with WriterLock(target, "restore", "restore", wait_seconds=3.0):
            pass  # nobody is writing right now (StoreBusy otherwise)
    stamp = clock().astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    aside = target.with_name(f"{target.name}.before-restore-{stamp}")
    counter = 1
    while aside.exists():
        counter += 1
        aside = target.with_name(f"{target.name}.before-restore-{stamp}-{counter}")
    store_files.replace(target, aside)  # retried while a file in it is held open; then FileInUse
    return aside


def describe(result: BackupResult | RestoreResult) -> str:
    """What a backup or restore did, one coded sentence (``backup.written`` ...)."""
    if isinstance(result, BackupResult):
        return _said(
            "backup.written",
            path=result.path,
            store_id=result.store_id,
            ledger_size=result.ledger_size,
            blobs=result.blobs,
            bytes=result.bytes,
        )
    facts = {
        "store_id": result.store_id,
        "ledger_size": result.ledger_size,
        "blobs": result.blobs,
        "created_at": result.created_at,
        "created_by": result.created_by,
    }
    if result.checked_only:
        text = _said("backup.checked", **facts)
    else:
        text = _said("backup.restored", path=result.path, **facts)
    text = shredding.describe_reapplied(text, result.reapplied)
    if result.moved_aside is not None:
        text = _said("backup.moved_aside", restored=text, moved_aside=result.moved_aside)
    return text
