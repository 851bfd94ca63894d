"""Another device's chat imports, rebuilt here from their originals after a sync.

An import writes its messages (rows, links to the import, locators, search index) only on the
device that imported; the organisation's other devices pull its ledger entry (the projected
``imports`` row, sealed under the case key) and its sealed original. An import whose details
say ``salts: derived`` committed every message under a salt derived from the case key
(``store/case_keys.message_salts``), so a device holding that key rebuilds the rows:

1. the original is reopened and re-parsed with the options the import recorded (format, zone,
   the chat and participants it left out, the zip's name rule): the code ``verify``'s re-parse
   uses (services/import_checks.py);
2. the salts are derived and the Merkle root of the commitments must equal the one the other
   device signed (and the normalised digest the one it recorded); if not, nothing is written
   and the import is reported (and ``verify`` finds it: ``import.commitments``);
3. the rows are written by the import's own writer (``importing.insert_messages``), one
   transaction per import, in the organisation's order (a later import of a contact reuses
   an earlier one's messages, as on the importing device).

No ledger entry is written: the rows are derived, and their proof is the other device's signed
entry, which ``verify`` then checks them against exactly as it checks a local import. An import
whose original or case key has not arrived yet is rebuilt at a later sync; one an earlier build
made (random salts) stays on its device (``verify``: ``import.messages_elsewhere``).
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import sqlcipher3

from evidence_desk.domain.errors import BadInput, ImportInputError
from evidence_desk.importers import legacy
from evidence_desk.importers.base import ParsedChat, encode_chat
from evidence_desk.integrity.canonical import canonical_bytes
from evidence_desk.services import case_blobs, case_keys, device_fold, import_checks, importing
from evidence_desk.services import commitments as commit
from evidence_desk.services.contacts import Contact
from evidence_desk.services.session import Session
from evidence_desk.services.shredding_checks import shredded_contacts
from evidence_desk.store.blobs import BlobCorrupted
from evidence_desk.store.case_keys import CaseKeyError
from evidence_desk.store.lock import WriterLock

#: why an import was not rebuilt although its salts are derived (codes, in the sync report)
ORIGINAL_UNREADABLE = "import.original"
NO_LONGER_PARSES = "import.reparse"
LEFT_OUT_DIFFERS = "import.left_out"
NORMALISED_DIFFERS = "import.normalised"
COMMITMENTS_DIFFER = "import.commitments"
SALT_DIFFERS = "import.salt_differs"


@dataclass(slots=True)
class RebuildReport:
    """What a rebuild did: the imports whose messages it wrote, and those it refused (import
    id, code) because the original does not give what the other device signed."""

    rebuilt: list[str] = field(default_factory=list)
    refused: list[tuple[str, str]] = field(default_factory=list)


class _Refused(Exception):
    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


class _NotYet(Exception):
    """The original or the case key has not arrived, or the import cannot be re-derived here."""


def rebuild_imports(session: Session) -> RebuildReport:
    """Rebuild every import of another device this store can and has not (module docstring)."""
    report = RebuildReport()
    waiting = list(_waiting(session))
    if not waiting:
        return report
    lock = WriterLock(
        session.folder.path, session.user.name, "pull", wait_seconds=session.lock_wait_seconds
    )
    with lock:
        for import_id in waiting:
            try:
                _rebuild(session, import_id)
            except (_NotYet, CaseKeyError):
                # not yet here, or a wrap or sealed name that does not open (case_key_checks'
                # finding): tried again at the next sync
                continue
            except _Refused as refused:
                report.refused.append((import_id, refused.code))
                continue
            report.rebuilt.append(import_id)
    return report


def _waiting(session: Session) -> Iterator[str]:
    """The chat imports of other devices, in the organisation's order, whose messages this
    store does not hold (their contact not shredded)."""
    shredded = shredded_contacts(session)
    conn = session.conn
    # the chat imports of other devices, extended from the last sync's (services/device_fold)
    chats = device_fold.folded(
        session.folder,
        conn,
        "action = 'evidence.import' AND verdict = ''",
        (),
        list,
        _fold_chats,
        list,
    )
    for import_id in chats:
        if conn.execute(
            "SELECT 1 FROM message_sources WHERE import_id = ? LIMIT 1", (import_id,)
        ).fetchone():
            continue
        row = conn.execute(
            "SELECT contact_id, message_count FROM imports WHERE id = ?", (import_id,)
        ).fetchone()
        if row is not None and row[0] not in shredded and int(row[1]) > 0:
            yield import_id


def _fold_chats(chats: list[str], row: device_fold.Row) -> None:
    chats.extend(
        str(summary.get("import_id", ""))
        for summary in json.loads(row.payload).get("imports", ())
        if summary.get("kind") == "chat"
    )


def _rebuild(session: Session, import_id: str) -> None:
    conn = session.conn
    found = conn.execute("SELECT * FROM imports WHERE id = ?", (import_id,)).fetchone()
    row = case_keys.open_import_row(session, dict(found))
    if row["members"] == case_keys.SEALED_PLACEHOLDER:
        raise _NotYet  # this user holds no key of the case (yet)
    if not commit.salts_derived(import_checks.details_of(row)):
        raise _NotYet  # an earlier build's random salts: the messages stay on that device
    contact = _contact(session, str(row["contact_id"]))
    key = case_keys.case_key(session, contact.case_no)
    if key is None:
        raise _NotYet
    chat = _reparse(session, row)
    normalised, contents, sent_at = encode_chat(chat)
    if row["parser_version"] != chat.parser_version:
        recorded = legacy.as_recorded(chat, str(row["parser_version"]))
        if recorded is None:
            raise _NotYet  # this build cannot re-derive it (verify: import.parser_changed)
        normalised = recorded if isinstance(recorded, bytes) else canonical_bytes(recorded)
    if hashlib.sha256(normalised).hexdigest() != row["normalised_sha256"]:
        raise _Refused(NORMALISED_DIFFERS)
    derived = commit.derive(key, contact.id, contents)
    if derived.root != row["commitments_root"]:
        raise _Refused(COMMITMENTS_DIFFER)
    known = {
        str(r[0]): str(r[1])
        for r in conn.execute(
            "SELECT fingerprint, salt FROM messages WHERE contact_id = ?", (contact.id,)
        )
    }
    messages: list[tuple[str, str, bool, str]] = []
    new = 0
    for fingerprint, salt, sealed in zip(
        derived.fingerprints, derived.salts, derived.commitments, strict=True
    ):
        stored = known.get(fingerprint)
        if stored is not None and stored != salt.hex():
            # a message this store holds under another salt (a random one of an earlier
            # build's import): linking it would not give the signed commitments
            raise _Refused(SALT_DIFFERS)
        new += stored is None
        messages.append((fingerprint, salt.hex(), stored is None, sealed))
    plan = importing.MessagePlan(
        import_id, chat, str(row["our_account"]), [(sent_at, messages)], new
    )
    cipher = case_keys.message_cipher(session, contact.case_no, contact.id)
    locators = case_keys.locator_sealer(session, contact.case_no)
    # the flags the importing device gave: it imported only while the contact was usable, so
    # a revocation since then flags nothing here (the conduct check's rule finds those)
    as_imported = dataclasses.replace(contact, revoked_at=None)
    conn.execute("BEGIN IMMEDIATE")
    try:
        importing.insert_messages(conn, as_imported, plan, cipher, locators)
        conn.execute("COMMIT")
    except BaseException:
        with contextlib.suppress(sqlcipher3.Error):
            conn.execute("ROLLBACK")
        raise


def _contact(session: Session, contact_id: str) -> Contact:
    """The import's contact as the writer needs it: its id, case and dates (its personal
    columns stay sealed). Not ``contacts.get_contact``: the rebuild is part of the pull, which
    brings every device the same rows whatever its user may read (an administrator's device
    holds the case keys and verifies the messages; ``reading`` still asks for the permission)."""
    row = session.conn.execute("SELECT * FROM contacts WHERE id = ?", (contact_id,)).fetchone()
    if row is None:
        raise _NotYet
    return Contact(**{f.name: row[f.name] for f in dataclasses.fields(Contact)})


def _reparse(session: Session, row: dict[str, Any]) -> ParsedChat:
    """The original re-parsed as verify does; _NotYet while a file of it has not arrived."""
    case_no = case_blobs.contact_case(session.conn, str(row["contact_id"]))
    members: dict[str, str] = json.loads(row["members"]) or {"": str(row["sha256"])}
    try:
        for digest in members.values():
            if not case_blobs.reader(session, digest, case_no).exists(digest):
                raise _NotYet
        source = import_checks.reopen(session, row)
        result, left_out_now = import_checks.reparse(source, row)
    except case_blobs.OriginalSealed:
        raise _NotYet from None
    except BlobCorrupted:
        raise _Refused(ORIGINAL_UNREADABLE) from None
    except (ImportInputError, BadInput):
        raise _Refused(NO_LONGER_PARSES) from None
    if left_out_now is not None:
        raise _Refused(LEFT_OUT_DIFFERS)
    if not isinstance(result, ParsedChat):
        raise _Refused(NO_LONGER_PARSES)
    return result
