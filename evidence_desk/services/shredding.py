"""Deletion by crypto-shredding (PIPL art. 47, CC-9, PI-3): destroy a case, keep the proofs.

:func:`shred_case` destroys a case once the rules allow it (its deletion date has come, basis
``expired``; or the debtor asked, basis ``request``, once the retention floor has passed; never
under a legal hold: ``authority.shred_blocked``, which the write path and ``verify`` run too).
The sequence, each step named below:

1. plan (outside the transaction): the case's contacts, its messages' commitments, the case's
   originals, and every ledger entry about the case with its redacted payload;
2. one ``case.shred`` write (the tombstone): counts, digests, the blobs destroyed and the
   entries redacted, with their digests. Inside the same transaction the message contents and
   salts, the personal columns of the case's rows and the personal values of its ledger
   payloads are replaced by ``domain/shredding.MARKER``, the case's search rows are deleted and
   the index merged;
3. in that transaction too, the case key is destroyed in every slot (its wraps are deleted and
   the tombstone withdraws them, ``case_keys.withdrawal_records``), so even a copy of the
   database made before the overwrite of step 4 (the hub's ciphertext) no longer opens;
4. after the commit: every destroyed blob file (the case's copies of its originals, under its
   key; in a store not migrated, the files under the store key no other case refers to) is
   overwritten with random bytes, synced and removed;
5. the database is vacuumed (``secure_delete`` on) and its WAL checkpointed and truncated, so
   no freed page keeps plaintext;
6. the tombstone is recorded in ``shredded.json`` beside the database and in this OS user's
   anchor folder, signed by the shredder, so a restore of an older backup re-applies it
   (services/backup.py).

Hashes, commitments, signatures and ledger entries stay: ``verify`` still checks the chain, and
checks the tombstone against what remains (services/shredding_checks.py).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import secrets
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from evidence_desk.domain import authority, shredding
from evidence_desk.domain.errors import BadInput, NotFound, RuleViolation, StoreError
from evidence_desk.domain.policy import Action
from evidence_desk.domain.wording import Catalogue, Phrase
from evidence_desk.integrity import ledger
from evidence_desk.integrity.canonical import canonical_bytes
from evidence_desk.services import case_blobs, case_keys, tombstones
from evidence_desk.services.retention import Basis, deletion_state
from evidence_desk.services.session import DatabaseState, Session, put
from evidence_desk.store import db
from evidence_desk.store.files import fsync_dir

_said = Catalogue(
    {
        "shred.no_case": "no case {case}",
        "shred.bad_basis": "the basis must be expired or request",
        "shred.request_unreadable": "cannot read the request document ({error})",
        "shred.store_moved": "the store changed while case {case} was being prepared for "
        "shredding; nothing was destroyed, try again",
        "shred.refused_bundle": "case {case} was shredded at {shredded_at} (basis {basis}): its "
        "content no longer exists, so no bundle can be made",
        # what shredding and restore did (the CLI prints it)
        "shred.done_text": "case {case} shredded (basis {basis}): {contacts} "
        "{contacts:contact|contacts}, {messages} {messages:message|messages}, {imports} "
        "{imports:import|imports}, {items} {items:item|items} ({documents} "
        "{documents:document|documents}), {tags} {tags:tag|tags}, {blobs} "
        "{blobs:original|originals} ({bytes} {bytes:byte|bytes}) destroyed, {entries} ledger "
        "{entries:entry|entries} and {reads} read log {reads:row|rows} redacted; tombstone at "
        "ledger seq {seq}",
        "shred.reapplied": "{restored}; re-applied {count} {count:shredding|shreddings} "
        "recorded after the backup was made: {count:case|cases} {cases}",
        "shred.reapply_refused": "the backup still holds case {case}, shredded at {shredded_at}, "
        "and its shredding cannot be re-applied ({reason}); the restore was refused so that it "
        "does not bring the case back",
    }
)

_WIPE_CHUNK = 1 << 20
_CHECKPOINT_TRIES, _CHECKPOINT_PAUSE = 20, 0.1
#: a redacted read log row's detail (canonical JSON text) and its SHA-256, recorded per row
_READ_REDACTED = shredding.READ_REDACTED
_READ_DIGEST = hashlib.sha256(_READ_REDACTED.encode()).hexdigest()


@dataclass(frozen=True, slots=True)
class Shredded:
    """What one shredding destroyed (the tombstone's counts), and its ledger entry."""

    case_no: str
    basis: str
    seq: int
    at: str
    counts: Mapping[str, int]
    vacuumed: bool

    def describe(self) -> str:
        return _said(
            "shred.done_text",
            case=self.case_no,
            basis=self.basis,
            seq=self.seq,
            **self.counts,
        )


@dataclass
class _Plan:
    case_no: str
    contacts: list[str]
    rows: shredding.CaseRows
    counts: dict[str, int]
    digests: dict[str, str]
    blobs: list[str]  # sha256 of the originals destroyed (the case's copies, and its own
    # files under the store key of a store not migrated)
    files: list[str]  # their blob file names
    redacted: list[tuple[int, str]]  # (seq, redacted payload text)
    reads: list[int]  # seqs of the case's read log rows whose detail is redacted
    next_seq: int


def list_digest(values: Iterable[str]) -> str:
    """SHA-256 of the canonical JSON list of ``values``, sorted: the tombstone's digest of the
    destroyed blobs' SHA-256 and of the case's message commitments."""
    return hashlib.sha256(canonical_bytes(sorted(values))).hexdigest()


def shredding_of(session: Session, case_no: str) -> Mapping[str, Any] | None:
    """The shredding of ``case_no`` (its ``shreddings`` row), or None."""
    row = session.conn.execute("SELECT * FROM shreddings WHERE case_no = ?", (case_no,)).fetchone()
    return None if row is None else dict(row)


def shredded_cases(session: Session) -> dict[str, Mapping[str, Any]]:
    """Every shredded case's shredding, case number -> row (the case tree marks them)."""
    return {str(r["case_no"]): dict(r) for r in session.conn.execute("SELECT * FROM shreddings")}


def tombstone_at(session: Session, case_no: str) -> str | None:
    """When ``case_no`` was shredded, or None (the case view says it)."""
    done = shredding_of(session, case_no)
    return None if done is None else str(done["shredded_at"])


def require_not_shredded(session: Session, case_no: str) -> None:
    """Refuse (rule ``case.shredded``, CLI exit 3) anything that needs a shredded case's
    content: a bundle above all."""
    done = shredding_of(session, case_no)
    if done is not None:
        raise RuleViolation(
            "case.shredded",
            _said(
                "shred.refused_bundle",
                case=case_no,
                shredded_at=done["shredded_at"],
                basis=done["basis"],
            ),
        )


def preview(session: Session, case_no: str) -> Mapping[str, int]:
    """What shredding ``case_no`` now would destroy (the tombstone's counts), for the
    confirmation that names it before anything is destroyed."""
    session.require(Action.CASE_SHRED)
    return _plan(session, case_no).counts


def shred_case(
    session: Session,
    case_no: str,
    basis: str,
    reason: str,
    request_file: Path | None = None,
    *,
    reapplies: str | None = None,
) -> Shredded:
    """Destroy ``case_no``'s content (see the module docstring for the sequence).

    ``request_file`` (the debtor's deletion request) is hashed, never stored: sealing it would
    keep personal data of the case that the shredding must destroy; its SHA-256 is recorded.
    ``reapplies`` is the entry hash of the tombstone a restore re-applies."""
    session.require(Action.CASE_SHRED)
    try:
        chosen = Basis(basis)
    except ValueError:
        raise BadInput("--basis", "", _said("shred.bad_basis")) from None
    if session.conn.execute("SELECT 1 FROM cases WHERE case_no = ?", (case_no,)).fetchone() is None:
        raise NotFound(_said("shred.no_case", case=case_no))
    _refuse(authority.reason_given(reason))
    # a re-applied tombstone is judged as a deletion request (see authority._shred)
    judged = Basis.REQUEST if reapplies is not None else chosen
    state = DatabaseState(session.conn)
    _refuse(authority.shred_blocked(state, case_no, session.now(), judged.value))
    deletion_state(session, case_no, basis=judged).refuse()  # the same rules, as item 2 words
    request_sha256 = None if request_file is None else _file_sha256(request_file)
    session.conn.execute("PRAGMA secure_delete = ON")
    # 1. plan
    plan = _plan(session, case_no)
    payload: dict[str, Any] = {
        "case_no": case_no,
        "basis": chosen.value,
        "reason": reason,
        "request_sha256": request_sha256,
        "counts": plan.counts,
        "digests": plan.digests,
        "blobs": sorted(plan.blobs),
        "redacted": [[seq, ledger.payload_hash(text)] for seq, text in plan.redacted],
        # the read log's rows of the case: what was searched for, which file was viewed
        "reads_redacted": [[seq, _READ_DIGEST] for seq in plan.reads],
        # every wrap of the case key, withdrawn: verify then expects none (case_key_checks)
        "wraps": case_keys.withdrawal_records(session, case_no),
    }
    if reapplies is not None:
        payload["reapplies"] = reapplies
    row = {
        "case_no": case_no,
        "shredded_by": session.user.name,
        "shredded_at": session.now(),
        "basis": chosen.value,
        "reason": reason,
        "request_sha256": request_sha256,
    }

    def destroy_in_transaction(conn: db.Connection, seq: int) -> None:
        if seq != plan.next_seq:  # another write came in between: its entry was not planned
            raise StoreError(_said("shred.store_moved", case=case_no))
        _destroy_rows(conn, plan)
        # 3. the case key, in every slot: its wraps are rows of this database, deleted in the
        #    tombstone's transaction (a refused or failed shredding keeps the key)
        case_keys.destroy_case_key(session, case_no)

    # 2. the tombstone, and the content and the key destroyed in the same transaction
    entry = session.write(
        "case.shred", payload, [put("shreddings", row)], extra=destroy_in_transaction
    )
    # 4. the originals
    for name in plan.files:
        wipe_file(session.blobs.path_for_name(name))
    # 5. freed pages
    vacuumed = compact(session)
    # 6. the tombstone list a restore re-applies
    record_tombstone(session, entry, payload)
    return Shredded(case_no, chosen.value, entry.seq, entry.at, plan.counts, vacuumed)


def destroy_pulled(session: Session, case_no: str) -> list[str]:
    """Inside a pull's transaction, destroy on this device a case another device shredded (its
    ``case.shred``, accepted by the hub and judged by the pull, is in the batch): the same
    steps as :func:`shred_case` but the tombstone, which is the other device's entry. The
    message contents and salts, the personal columns of the case's rows (as every device's
    replay redacts them at the tombstone), its locators, OCR text and search rows, the detail
    of this device's read log rows of the case, and the case key in every slot. This device's
    own ledger entries about the case are not redacted: its chain stays as the other devices
    and the hub hold it, and their personal fields are sealed under the key destroyed here.
    Returns the blob files to wipe once the pull commits (:func:`wipe_after_pull`)."""
    conn = session.conn
    conn.execute("PRAGMA secure_delete = ON")
    contacts = [
        str(r[0]) for r in conn.execute("SELECT id FROM contacts WHERE case_no = ?", (case_no,))
    ]
    _blobs, files = _own_blobs(session, case_no, contacts)
    plan = _Plan(case_no, contacts, _case_rows(conn, case_no), {}, {}, [], files, [], [], 0)
    _destroy_rows(conn, plan)
    # this device's read log rows of the case (verify accepts them redacted: access_log.py)
    conn.execute(
        "UPDATE access_log SET detail = ? WHERE case_no = ? AND detail != ?",
        (_READ_REDACTED, case_no, _READ_REDACTED),
    )
    case_keys.destroy_case_key(session, case_no)
    return files


def wipe_after_pull(session: Session, files: Sequence[str]) -> bool:
    """After the pull that destroyed pulled shreddings' cases committed: overwrite and remove
    their blob files, then free the pages that held their content (see :func:`compact`)."""
    for name in files:
        wipe_file(session.blobs.path_for_name(name))
    return compact(session)


def _refuse(violation: authority.Violation | None) -> None:
    if violation is not None:
        raise RuleViolation(violation.rule, violation.detail)


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as handle:
            for chunk in iter(lambda: handle.read(_WIPE_CHUNK), b""):
                digest.update(chunk)
    except OSError as error:
        raise BadInput(
            str(path), "", _said("shred.request_unreadable", error=error.strerror or error)
        ) from None
    return digest.hexdigest()


def _marks(count: int) -> str:
    return ", ".join("?" * count)


def _plan(session: Session, case_no: str) -> _Plan:
    conn = session.conn
    contacts = [
        str(r[0]) for r in conn.execute("SELECT id FROM contacts WHERE case_no = ?", (case_no,))
    ]
    inside = _marks(len(contacts))
    commitments: list[str] = []
    items: list[Mapping[str, Any]] = []
    imports = tags = 0
    if contacts:
        commitments = [
            str(r[0])
            for r in conn.execute(
                f"SELECT commitment FROM messages WHERE contact_id IN ({inside})", contacts
            )
        ]
        items = [
            dict(r)
            for r in conn.execute(
                f"SELECT id, role, sha256 FROM items WHERE contact_id IN ({inside})", contacts
            )
        ]
        imports = int(
            conn.execute(
                f"SELECT count(*) FROM imports WHERE contact_id IN ({inside})", contacts
            ).fetchone()[0]
        )
    tags = int(
        conn.execute("SELECT count(*) FROM tags WHERE case_no = ?", (case_no,)).fetchone()[0]
    )
    blobs, files = _own_blobs(session, case_no, contacts)
    blob_bytes = 0
    if blobs:
        blob_bytes = int(
            conn.execute(
                f"SELECT coalesce(sum(size), 0) FROM blobs WHERE sha256 IN ({_marks(len(blobs))})",
                blobs,
            ).fetchone()[0]
        )
    rows = _case_rows(conn, case_no)
    redacted = _redactions(conn, rows)
    last = db.ledger_size(conn)
    counts = {
        "contacts": len(contacts),
        "messages": len(commitments),
        "items": len(items),
        "documents": sum(1 for i in items if i["role"] in authority.DOCUMENT_ROLES),
        "imports": imports,
        "tags": tags,
        "blobs": len(blobs),
        "bytes": blob_bytes,
        "entries": len(redacted),
    }
    digests = {"blobs": list_digest(blobs), "commitments": list_digest(commitments)}
    reads = [
        int(r[0])
        for r in conn.execute(
            "SELECT seq FROM access_log WHERE case_no = ? AND detail != ? ORDER BY seq",
            (case_no, _READ_REDACTED),
        )
    ]
    counts["reads"] = len(reads)
    return _Plan(
        case_no, contacts, rows, counts, digests, blobs, files, redacted, reads, int(last) + 1
    )


def _own_blobs(
    session: Session, case_no: str, contacts: Sequence[str]
) -> tuple[list[str], list[str]]:
    """The originals this case holds, and their files: every copy under the case's key
    (``case_blobs``: the same ID card given for two cases is a copy in each), and, for an
    original of a store not migrated (under the store key, one file for all cases), that file
    when no other case refers to it through it (it stays for the other)."""
    conn = session.conn
    copies = {
        str(r[0]): str(r[1])
        for r in conn.execute("SELECT sha256, name FROM case_blobs WHERE case_no = ?", (case_no,))
    }
    held = {(str(r[0]), str(r[1])) for r in conn.execute("SELECT case_no, sha256 FROM case_blobs")}
    case_of = {str(r[0]): str(r[1]) for r in conn.execute("SELECT id, case_no FROM contacts")}
    ours: set[str] = set()
    others: set[str] = set()
    for table in ("items", "imports"):
        for sha256, contact in conn.execute(f"SELECT sha256, contact_id FROM {table}"):
            place = (case_of.get(str(contact), ""), str(sha256))
            if place in held:
                continue  # through the case's own copy
            (ours if contact in contacts else others).add(str(sha256))
    files = dict(copies)
    for sha256 in ours - others:
        name = case_blobs.legacy_name(conn, sha256)
        if name is not None:
            files[sha256] = name
    return sorted(files), [files[sha256] for sha256 in sorted(files)]


def _case_rows(conn: db.Connection, case_no: str) -> shredding.CaseRows:
    """The keys of the case's rows, read from the database."""
    tables = {
        table: [dict(r) for r in conn.execute(f"SELECT {owner}, {key} FROM {table}")]
        for table, (owner, key) in shredding.CASE_TABLES.items()
    }
    tables["contacts"] = [dict(r) for r in conn.execute("SELECT id, case_no FROM contacts")]
    return shredding.case_rows(case_no, tables)


def _redactions(conn: db.Connection, rows: shredding.CaseRows) -> list[tuple[int, str]]:
    """Every ledger entry about the case whose payload holds personal values, with the
    payload's redacted canonical text. Only a payload naming the case or the key of one of its
    rows can be about it: that text test comes first, the JSON after."""
    needles = rows.needles()
    found: list[tuple[int, str]] = []
    cursor = conn.cursor()
    cursor.row_factory = None
    for seq, action, text in cursor.execute("SELECT seq, action, payload FROM ledger ORDER BY seq"):
        if action == "case.shred" or not any(needle in text for needle in needles):
            continue
        payload = json.loads(text)
        if not shredding.concerns(payload, rows):
            continue
        redacted = canonical_bytes(shredding.redact_payload(payload, rows)).decode()
        if redacted != text:
            found.append((int(seq), redacted))
    return found


def _destroy_rows(conn: db.Connection, plan: _Plan) -> None:
    """Inside the tombstone's transaction: ledger payloads, personal columns, message content
    and salts, and the search index."""
    for seq, text in plan.redacted:
        conn.execute("UPDATE ledger SET payload = ? WHERE seq = ?", (text, seq))
    for seq in plan.reads:
        conn.execute("UPDATE access_log SET detail = ? WHERE seq = ?", (_READ_REDACTED, seq))
    for table, (_owner, key_column) in shredding.CASE_TABLES.items():
        keys = sorted(plan.rows.keys.get(table, frozenset()))
        if not keys:
            continue
        for row in conn.execute(
            f"SELECT * FROM {table} WHERE {key_column} IN ({_marks(len(keys))})", keys
        ).fetchall():
            before = dict(row)
            after = shredding.redact_row(table, before)
            changed = [c for c in after if after[c] != before[c]]
            if changed:
                sets = ", ".join(f"{c} = ?" for c in changed)
                conn.execute(
                    f"UPDATE {table} SET {sets} WHERE {key_column} = ?",
                    [*(after[c] for c in changed), before[key_column]],
                )
    if plan.contacts:
        sets = ", ".join(f"{c} = ?" for c in shredding.MESSAGE_CONTENT)
        conn.execute(
            f"UPDATE messages SET {sets}, salt = '' WHERE contact_id IN "
            f"({_marks(len(plan.contacts))})",
            [*shredding.MESSAGE_CONTENT.values(), *plan.contacts],
        )
        # where each message was in its export names the export's file
        conn.execute(
            "UPDATE message_sources SET locator = ? WHERE import_id IN (SELECT id FROM imports "
            f"WHERE contact_id IN ({_marks(len(plan.contacts))}))",
            [shredding.MARKER, *plan.contacts],
        )
        # and so does each import's sealed list of them (the key is gone too: nothing is kept)
        conn.execute(
            "DELETE FROM import_locators WHERE import_id IN (SELECT id FROM imports "
            f"WHERE contact_id IN ({_marks(len(plan.contacts))}))",
            list(plan.contacts),
        )
        # the screenshots' text read by OCR (issue 22): derived from the originals that go
        conn.execute(
            "DELETE FROM ocr_text WHERE rowid IN (SELECT o.rowid FROM ocr_results o JOIN items "
            f"i ON i.id = o.item_id WHERE i.contact_id IN ({_marks(len(plan.contacts))}))",
            list(plan.contacts),
        )
        conn.execute(
            "DELETE FROM ocr_results WHERE item_id IN (SELECT id FROM items "
            f"WHERE contact_id IN ({_marks(len(plan.contacts))}))",
            list(plan.contacts),
        )
    # the trigram index holds fragments of the old texts (it is contentless: nothing else can
    # rebuild it): delete the case's rows, then merge the segments so that no b-tree page keeps
    # the deleted trigrams (VACUUM with secure_delete then clears the freed pages)
    if plan.contacts:
        conn.execute(
            "DELETE FROM message_text WHERE rowid IN (SELECT rowid FROM messages WHERE "
            f"contact_id IN ({_marks(len(plan.contacts))}))",
            list(plan.contacts),
        )
    conn.execute("INSERT INTO message_text (message_text) VALUES ('optimize')")
    conn.execute("INSERT INTO ocr_text (ocr_text) VALUES ('optimize')")


def wipe_file(path: Path) -> bool:
    """Overwrite ``path`` with random bytes, sync it and remove it; False when it was not
    there. (On flash storage and copy-on-write file systems the old blocks may survive the
    overwrite: the file was AES-GCM ciphertext, and per-case keys make that moot.)"""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return False
    with open(path, "r+b") as handle:
        left = size
        while left > 0:
            step = min(left, _WIPE_CHUNK)
            handle.write(secrets.token_bytes(step))
            left -= step
        handle.flush()
        os.fsync(handle.fileno())
    path.unlink()
    with contextlib.suppress(OSError):
        fsync_dir(path.parent)
    return True


def compact(session: Session) -> bool:
    """VACUUM the database (``secure_delete`` zeroes freed pages as well) and checkpoint its WAL
    with TRUNCATE, so no freed page of the old content is left in either file. False when
    another connection kept the WAL busy (it is truncated at the next checkpoint)."""
    conn = session.conn
    conn.execute("PRAGMA secure_delete = ON")
    conn.execute("VACUUM")
    for _attempt in range(_CHECKPOINT_TRIES):  # a reader in another window ends its snapshot
        busy, _log, _done = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        if not busy:
            return True
        time.sleep(_CHECKPOINT_PAUSE)
    return False


# -- the tombstone list (restore re-applies it) ------------------------------------------------


def _record(entry: ledger.Entry, payload: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "case_no": payload["case_no"],
        "basis": payload["basis"],
        "reason": payload["reason"],
        "request_sha256": payload.get("request_sha256"),
        "seq": entry.seq,
        "at": entry.at,
        "actor": entry.actor,
        "entry_hash": entry.entry_hash,
    }


def record_tombstone(session: Session, entry: ledger.Entry, payload: Mapping[str, Any]) -> None:
    """Add the tombstone, signed by its writer, to ``shredded.json`` beside the database and to
    the copy in this OS user's anchor folder (outside the store folder: a whole folder put
    back from an old copy still has it). Best effort: the ledger holds it in any case."""
    record = _record(entry, payload)
    record["signature"] = session.sign(tombstones.TOMBSTONE_CONTEXT, canonical_bytes(record))
    for path in tombstones.tombstone_paths(session.folder.path, session.folder.store_id):
        with contextlib.suppress(OSError, ValueError):
            tombstones.add_record(path, record)


def reapply_tombstones(session: Session, records: Iterable[Mapping[str, Any]]) -> list[str]:
    """Re-apply, in ``session``'s store (a restored backup, before it is put in place), every
    tombstone whose case it still holds unshredded; returns the case numbers. A
    tombstone that cannot be re-applied refuses the restore (RuleViolation
    ``restore.shredded``), so an old backup never brings a shredded case back."""
    done: list[str] = []
    seen: set[str] = set()
    for record in sorted(records, key=lambda r: str(r.get("at", ""))):
        case_no = record.get("case_no")
        if not isinstance(case_no, str) or case_no in seen:
            continue
        seen.add(case_no)
        known = session.conn.execute("SELECT 1 FROM cases WHERE case_no = ?", (case_no,)).fetchone()
        if known is None or shredding_of(session, case_no) is not None:
            continue
        key = session.conn.execute(
            "SELECT public_key FROM users WHERE name = ?", (record.get("actor"),)
        ).fetchone()
        if key is not None and not tombstones.tombstone_signed(record, str(key[0])):
            continue  # its writer is a user of this backup who did not sign it: forged
        # (a writer added after the backup was made cannot be checked here: the re-application
        # is the restoring admin's own entry, judged by the rules and named in the result)
        try:
            shred_case(
                session,
                case_no,
                str(record.get("basis")),
                str(record.get("reason")),
                reapplies=str(record.get("entry_hash")),
            )
        except RuleViolation as refused:
            raise RuleViolation(
                "restore.shredded",
                _said(
                    "shred.reapply_refused",
                    case=case_no,
                    shredded_at=record.get("at"),
                    reason=refused.detail,
                ),
            ) from None
        done.append(case_no)
    return done


def describe_reapplied(restored: Phrase, cases: Sequence[str]) -> Phrase:
    """The restore's sentence with the re-applied shreddings added (none: unchanged)."""
    if not cases:
        return restored
    return _said("shred.reapplied", restored=restored, count=len(cases), cases=", ".join(cases))
