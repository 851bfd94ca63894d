"""The store compared with the heads seen outside its folder: anchors, backups, bundle kits.

A ledger rolled back by someone who can open the database and edit ``store.json`` is consistent
and signed in itself (see store/anchors.py); only a witness kept elsewhere shows that it once was
longer. Every witness holds a *signed head* (a tree size, its Merkle root, and the checkpoint
signature of the user who cut it):

- this OS user's anchor for the store (written after every write, store/anchors.py);
- files named with ``verify --anchor``: an anchor copied from another machine, a backup (the
  head in its signed ``backup.json``) or a bundle kit (the checkpoint its proofs lead to).

Each head is checked once, after the replay, against the replayed ledger: its signature under the
key the ledger gave its signer (``anchor.signature``), then the ledger must reach its size
(``anchor.rollback``) with the same root (``anchor.fork``). A restore recorded in an anchor and
signed by an admin *of this ledger* explains a head older than the restore: that is said as a
warning naming the admin and the date (``anchor.restored``), not an error. An anchor that cannot
be read is a warning (``anchor.unreadable``): it cannot say anything either way.

This module also records the events: backups and bundle exports (their head), and restores
(signed by the restoring admin).
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import re
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import sqlcipher3

from evidence_desk.domain.errors import EvidenceDeskError
from evidence_desk.domain.models import Finding
from evidence_desk.domain.wording import Catalogue, Phrase
from evidence_desk.integrity import ledger, signing
from evidence_desk.services.backup_manifest import read_manifest
from evidence_desk.services.ledger_users import LedgerUsers
from evidence_desk.services.replay import Replay
from evidence_desk.store import anchors
from evidence_desk.store.anchors import AnchorEvent, AnchorUnreadable, TreeHead
from evidence_desk.store.folder import Head

if TYPE_CHECKING:
    from evidence_desk.services.session import Session

_said = Catalogue(
    {
        # where
        "anchor.where_file": "anchor {path}",
        "anchor.where_backup": "backup {path}",
        "anchor.where_kit": "bundle kit {path}",
        "anchor.where_restore": "anchor {path}, restore of {date}",
        # a head the ledger no longer reaches, or reaches with another root
        "anchor.rollback": "the ledger ends at {entries} but this machine saw {size} on {date} "
        "(anchor {path}): entries {first}..{size} are gone",
        "anchor.rollback_backup": "the ledger ends at {entries} but the backup {user} made on "
        "{date} holds {size} ({path}): entries {first}..{size} are gone",
        "anchor.rollback_kit": "the ledger ends at {entries} but the bundle kit proves "
        "checkpoint {size} of {date} ({path}): entries {first}..{size} are gone",
        "anchor.fork": "this machine saw the ledger at {size} on {date} with another root "
        "(anchor {path}): the ledger was rewritten at or before entry {size}",
        "anchor.fork_backup": "the backup {user} made on {date} holds the ledger at {size} with "
        "another root ({path}): the ledger was rewritten at or before entry {size}",
        "anchor.fork_kit": "the bundle kit proves checkpoint {size} of {date} with another root "
        "({path}): the ledger was rewritten at or before entry {size}",
        # a head or a restore that is not what it claims
        "anchor.not_signed": "the head of {size} recorded here is not signed by {signer} with "
        "the key this ledger gave them: the record was edited, or the entry that gave them a "
        "new key is gone",
        "anchor.signer_unknown": "the head of {size} recorded here is signed by {signer}, whom "
        "this ledger does not know: the entries that added them are gone, or the record was "
        "edited",
        "anchor.restore_unsigned": "the restore recorded here is not signed by an admin of this "
        "ledger ({user}): the record was edited",
        # explained by a restore
        "anchor.restored": "{user} restored this store on {date} from a backup of {size} "
        "entries; this machine had seen {seen} before (anchor {path})",
        "anchor.restored_claim": "holds {size} of {date}, from before {user} restored this "
        "store on {restored} to a backup of {restored_size} entries",
        # cannot say anything
        "anchor.unreadable": "cannot be read ({error}); what it recorded is not compared",
        "anchor.set_aside": "could not be read when this store was last written here, and was "
        "kept for inspection; what it recorded is not compared",
        "anchor.other_store": "belongs to store {store}, not this one; not compared",
        "anchor.not_witness": "not an anchor, a backup or a bundle kit; not compared",
        "anchor.no_file": "no such file; not compared",
    }
)

_KIT_CHECKPOINTS = re.compile(r"^(?:[^/]+/)?ledger/checkpoints\.json$")


@dataclass(frozen=True, slots=True)
class AnchorSources:
    """Where verify looks: this OS user's anchor folder (``local``) and named files."""

    local: bool = True
    files: tuple[Path, ...] = ()


@dataclass(frozen=True, slots=True)
class _Claim:
    """A signed head a witness saw: ``kind`` is ``anchor``, ``backup`` or ``kit``."""

    kind: str
    path: str
    size: int
    root: str
    signer: str
    seen_at: str
    by: str  # who made the backup (backups only)
    authentic: Callable[[list[str]], bool]  # whether one of these keys made its signature


@dataclass(frozen=True, slots=True)
class _Restore:
    path: str
    event: AnchorEvent


@dataclass
class Witnesses:
    """What the witnesses hold (read by :func:`read_witnesses`), and the warnings on reading."""

    claims: list[_Claim] = dataclasses.field(default_factory=list)
    restores: list[_Restore] = dataclasses.field(default_factory=list)
    findings: list[Finding] = dataclasses.field(default_factory=list)
    compared: list[str] = dataclasses.field(default_factory=list)


# -- recording events -----------------------------------------------------------------------------


def head_at(session: Session, size: int) -> Head | None:
    """The signed checkpoint of ``size`` in this store, as a head."""
    row = session.conn.execute(
        "SELECT size, root, at, signer, signature FROM checkpoints WHERE size = ?", (size,)
    ).fetchone()
    if row is None:
        return None
    return Head(int(row[0]), str(row[1]), str(row[2]), str(row[3]), str(row[4]))


def record_event(session: Session, kind: str, head: Head, file: Path, at: str) -> None:
    """A backup made or a bundle exported, in this OS user's anchor. Best effort: the backup or
    the bundle exists either way, and a missed event costs only its line in the history."""
    event = AnchorEvent(kind, at, session.user.name, head, str(file))
    with contextlib.suppress(OSError, ValueError, sqlcipher3.Error):
        anchors.record_event(
            session.folder.store_id, event, session.folder.path, session.checkpoint_root
        )


def record_entry_event(session: Session, kind: str, seq: int, file: Path, at: str) -> None:
    """As :func:`record_event`, with the head that ledger entry ``seq`` closed."""
    with contextlib.suppress(sqlcipher3.Error):
        head = head_at(session, seq)
        if head is not None:
            record_event(session, kind, head, file, at)


def restore_event(session: Session, backup_file: Path, at: str) -> AnchorEvent | None:
    """The restore about to be put in place, signed by the restoring admin (``session`` is logged
    in to the restored store): the head this OS user's anchor holds and the head restored."""
    head = session.folder.head()
    if head is None:
        return None
    replaced: TreeHead | None = None
    with contextlib.suppress(OSError, ValueError, AnchorUnreadable):
        current = anchors.load(session.folder.store_id)
        if current is not None:
            replaced = TreeHead(current.head.size, current.head.root)
    event = AnchorEvent("restore", at, session.user.name, head, str(backup_file), replaced)
    message = anchors.restore_message(session.folder.store_id, event)
    return dataclasses.replace(event, signature=session.sign(signing.RESTORE_CONTEXT, message))


def record_restore(store_id: str, event: AnchorEvent, target: Path) -> None:
    """Best effort: the restore has happened; if its event is lost, verify reports the older
    head as a rollback (a false alarm an admin can explain, never a hidden rollback)."""
    with contextlib.suppress(OSError, ValueError):
        anchors.record_restore(store_id, event, target)


# -- verify ---------------------------------------------------------------------------------------


def read_witnesses(store_id: str, sources: AnchorSources) -> Witnesses:
    """Read every witness. Verify does this *before* its read snapshot starts, as it reads the
    head: a write commits first and records its head after, so an anchor read first never
    covers an entry the snapshot lacks (read later, a write committed meanwhile would look like
    a rollback)."""
    witnesses = Witnesses()
    if sources.local:
        _read_local(store_id, witnesses)
    for path in sources.files:
        _read_file(Path(path), store_id, witnesses)
    return witnesses


def judge(store_id: str, replay: Replay, witnesses: Witnesses) -> list[Finding]:
    """Findings from comparing the witnesses with the replayed ledger (with the warnings from
    reading them)."""
    findings = list(witnesses.findings)
    if witnesses.claims or witnesses.restores:
        ledger_view = _Judge(store_id, replay)
        restores = ledger_view.restores(witnesses.restores, findings)
        for claim in witnesses.claims:
            findings.extend(ledger_view.claim(claim, restores))
    return findings


class _Judge:
    """Compares heads with the replayed ledger: its size, its roots and who held which key."""

    def __init__(self, store_id: str, replay: Replay) -> None:
        self.store_id = store_id
        self.entries = len(replay.entries)
        self.roots = replay.roots
        self.users = LedgerUsers.from_replay(
            [e.payload for e in replay.entries], replay.payloads, replay.rejected
        )

    def holds(self, size: int, root: str) -> bool:
        return size <= self.entries and self.roots.get(size) == root

    def keys_for(self, signer: str, size: int) -> list[str]:
        """The key the signer held at ``size``; past the ledger's end, any key they ever held
        (the entry that gave them a newer one may be among those gone)."""
        if size > self.entries:
            return self.users.keys(signer)
        key = self.users.key_at(signer, size)
        return [] if key is None else [key]

    def restores(self, found: Sequence[_Restore], findings: list[Finding]) -> list[_Restore]:
        """The restores that explain older heads: signed by an admin of this ledger and leading
        to this ledger. Each that lost entries this machine had seen is said as a warning."""
        valid: list[_Restore] = []
        seen: set[tuple[str, str, str]] = set()
        for restore in found:
            event = restore.event
            if (event.at, event.by, event.signature) in seen:
                continue  # the same event in two copies of an anchor
            seen.add((event.at, event.by, event.signature))
            where = _said("anchor.where_restore", path=restore.path, date=_date(event.at))
            if not self._signed_by_admin(event):
                findings.append(
                    Finding(
                        "anchor.signature", where, _said("anchor.restore_unsigned", user=event.by)
                    )
                )
                continue
            if not self.holds(event.head.size, event.head.root):
                continue  # not this ledger's past: the heads say what is wrong
            valid.append(restore)
            lost = event.replaced
            if lost is not None and not self.holds(lost.size, lost.root):
                findings.append(
                    Finding(
                        "anchor.restored",
                        where,
                        _said(
                            "anchor.restored",
                            user=event.by,
                            date=_date(event.at),
                            size=event.head.size,
                            seen=lost.size,
                            path=restore.path,
                        ),
                        severity="warning",
                    )
                )
        return valid

    def _signed_by_admin(self, event: AnchorEvent) -> bool:
        state = self.users.at(event.by, min(event.head.size, self.entries))
        if state is None or state.role != "admin" or state.public_key is None:
            return False
        message = anchors.restore_message(self.store_id, event)
        return signing.verify(state.public_key, signing.RESTORE_CONTEXT, message, event.signature)

    def claim(self, claim: _Claim, restores: Sequence[_Restore]) -> Iterable[Finding]:
        where = _where(claim)
        if not claim.authentic(self.keys_for(claim.signer, claim.size)):
            code = (
                "anchor.not_signed" if self.users.known(claim.signer) else "anchor.signer_unknown"
            )
            yield Finding(
                "anchor.signature", where, _said(code, size=claim.size, signer=claim.signer)
            )
            return
        if self.holds(claim.size, claim.root):
            return
        rolled_back = claim.size > self.entries
        explained = _explained(claim, restores)
        if explained is not None:
            yield Finding(
                "anchor.restored",
                where,
                _said(
                    "anchor.restored_claim",
                    size=claim.size,
                    date=_date(claim.seen_at),
                    user=explained.by,
                    restored=_date(explained.at),
                    restored_size=explained.head.size,
                ),
                severity="warning",
            )
        elif rolled_back:
            yield Finding("anchor.rollback", where, self._rollback(claim))
        else:
            yield Finding("anchor.fork", where, _fork(claim))

    def _rollback(self, claim: _Claim) -> Phrase:
        facts: dict[str, object] = {
            "entries": self.entries,
            "size": claim.size,
            "date": _date(claim.seen_at),
            "path": claim.path,
            "first": self.entries + 1,
        }
        if claim.kind == "backup":
            return _said("anchor.rollback_backup", user=claim.by, **facts)
        return _said("anchor.rollback_kit" if claim.kind == "kit" else "anchor.rollback", **facts)


def _fork(claim: _Claim) -> Phrase:
    facts: dict[str, object] = {
        "size": claim.size,
        "date": _date(claim.seen_at),
        "path": claim.path,
    }
    if claim.kind == "backup":
        return _said("anchor.fork_backup", user=claim.by, **facts)
    return _said("anchor.fork_kit" if claim.kind == "kit" else "anchor.fork", **facts)


def _explained(claim: _Claim, restores: Sequence[_Restore]) -> AnchorEvent | None:
    """A restore that replaced a head at least as large, made after the witness saw this one:
    the head belongs to the ledger before the restore. (One seen after the restore belongs to
    the restored ledger, and that one must still hold it.)"""
    seen = _moment(claim.seen_at)
    for restore in restores:
        event = restore.event
        replaced, at = event.replaced, _moment(event.at)
        if replaced is None or seen is None or at is None:
            continue
        if claim.size <= replaced.size and seen <= at:
            return event
    return None


def _where(claim: _Claim) -> Phrase:
    code = {"backup": "anchor.where_backup", "kit": "anchor.where_kit"}.get(
        claim.kind, "anchor.where_file"
    )
    return _said(code, path=claim.path)


def _moment(text: str) -> datetime | None:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None


def _date(text: str) -> str:
    """An RFC 3339 time as people read it (seconds, UTC); anything else as it is."""
    moment = _moment(text)
    return text if moment is None else moment.strftime("%Y-%m-%d %H:%M:%S UTC")


# -- reading witnesses ----------------------------------------------------------------------------


def _unreadable(witnesses: Witnesses, where: Phrase, detail: Phrase) -> None:
    witnesses.findings.append(Finding("anchor.unreadable", where, detail, severity="warning"))


def _read_local(store_id: str, witnesses: Witnesses) -> None:
    """This OS user's anchor for the store, and any unreadable one set aside beside it. No
    anchor at all is not a finding: a store first opened on this machine has none yet."""
    try:
        path = anchors.anchor_path(store_id)
        aside = anchors.set_aside(store_id)
    except (ValueError, OSError) as error:
        where = _said("anchor.where_file", path=anchors.anchor_dir())
        _unreadable(witnesses, where, _said("anchor.unreadable", error=error))
        return
    for kept in aside:
        _unreadable(witnesses, _said("anchor.where_file", path=kept), _said("anchor.set_aside"))
    if path.exists():
        _read_anchor_file(path, store_id, witnesses)


def _read_file(path: Path, store_id: str, witnesses: Witnesses) -> None:
    """A file named with ``verify --anchor``: an anchor, a backup zip or a bundle kit zip."""
    where = _said("anchor.where_file", path=path)
    if not path.exists():
        _unreadable(witnesses, where, _said("anchor.no_file"))
        return
    if path.is_dir():
        _unreadable(witnesses, where, _said("anchor.not_witness"))
        return
    if not zipfile.is_zipfile(path):
        _read_anchor_file(path, store_id, witnesses)
        return
    try:
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
            kit = sorted((n for n in names if _KIT_CHECKPOINTS.match(n)), key=len)
            checkpoints = archive.read(kit[0]) if kit and "backup.json" not in names else None
    except (OSError, zipfile.BadZipFile, ValueError) as error:
        _unreadable(witnesses, where, _said("anchor.unreadable", error=error))
        return
    if "backup.json" in names:
        _read_backup(path, store_id, witnesses)
    elif checkpoints is not None:
        _read_kit(path, checkpoints, store_id, witnesses)
    else:
        _unreadable(witnesses, where, _said("anchor.not_witness"))


def _read_anchor_file(path: Path, store_id: str, witnesses: Witnesses) -> None:
    where = _said("anchor.where_file", path=path)
    try:
        anchor = anchors.read_anchor(path)
    except OSError as error:
        _unreadable(witnesses, where, _said("anchor.unreadable", error=error.strerror or error))
        return
    except AnchorUnreadable as error:
        detail = _said("anchor.unreadable", error=error.reason)
        if path.suffix != ".json" and error.reason == "not an Evidence Desk anchor":
            detail = _said("anchor.not_witness")
        _unreadable(witnesses, where, detail)
        return
    if anchor.store_id != store_id:
        _unreadable(witnesses, where, _said("anchor.other_store", store=anchor.store_id))
        return
    witnesses.compared.append(str(path))
    head = anchor.head
    witnesses.claims.append(
        _Claim(
            "anchor",
            str(path),
            head.size,
            head.root,
            head.signer,
            anchor.seen_at,
            "",
            _checkpoint_signature(store_id, head),
        )
    )
    witnesses.restores.extend(_Restore(str(path), event) for event in anchor.restores)


def _read_backup(path: Path, store_id: str, witnesses: Witnesses) -> None:
    """The head in a backup's signed manifest (``head``, from this version on); an older backup
    gives its ledger size and root, authenticated by the manifest's own signature."""
    where = _said("anchor.where_backup", path=path)
    try:
        manifest = read_manifest(path)
    except EvidenceDeskError as error:
        _unreadable(witnesses, where, _said("anchor.unreadable", error=error.message))
        return
    if manifest.store_id != store_id:
        _unreadable(witnesses, where, _said("anchor.other_store", store=manifest.store_id))
        return
    body = manifest.body
    created_at, created_by = str(body["created_at"]), manifest.created_by
    try:
        if body.get("head") is not None:
            head = anchors.parse_head(body["head"])
            claim = _Claim(
                "backup",
                str(path),
                head.size,
                head.root,
                head.signer,
                created_at,
                created_by,
                _checkpoint_signature(store_id, head),
            )
        else:
            public_key = str(body["public_key"])
            claim = _Claim(
                "backup",
                str(path),
                int(body["ledger_size"]),
                str(body["head_root"]),
                created_by,
                created_at,
                created_by,
                lambda keys: public_key in keys,
            )
    except (KeyError, TypeError, ValueError) as error:
        _unreadable(witnesses, where, _said("anchor.unreadable", error=error))
        return
    witnesses.compared.append(str(path))
    witnesses.claims.append(claim)


def _read_kit(path: Path, checkpoints: bytes, store_id: str, witnesses: Witnesses) -> None:
    """The checkpoint a bundle kit's proofs lead to (``ledger/checkpoints.json``)."""
    where = _said("anchor.where_kit", path=path)
    try:
        doc = json.loads(checkpoints.decode("utf-8"))
        kit_store = str(doc["store_id"])
        head = anchors.parse_head(doc["target"])
    except (ValueError, KeyError, TypeError) as error:
        _unreadable(witnesses, where, _said("anchor.unreadable", error=error))
        return
    if kit_store != store_id:
        _unreadable(witnesses, where, _said("anchor.other_store", store=kit_store))
        return
    witnesses.compared.append(str(path))
    witnesses.claims.append(
        _Claim(
            "kit",
            str(path),
            head.size,
            head.root,
            head.signer,
            head.at,
            "",
            _checkpoint_signature(store_id, head),
        )
    )


def _checkpoint_signature(store_id: str, head: Head) -> Callable[[list[str]], bool]:
    """Whether one of the keys signed ``head`` as a checkpoint of this store."""
    message = ledger.checkpoint_message(store_id, head.size, head.root)  # context included
    return lambda keys: any(signing.verify(key, b"", message, head.signature) for key in keys)
