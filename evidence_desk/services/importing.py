"""The import commit: seal the originals, parse them, then write everything in one entry.

1. every picked path is opened safely (``import_parsing``) and its originals (the file, zip or
   folder members exactly as picked) are hashed (SHA-256 and SM3) and sealed into the blob store
   *before* any parser reads them: "hash before parse", as the bundle's declaration says;
2. each is then parsed, the parse carrying the digests taken before it; nothing is in the
   database yet;
3. one transaction writes the blob rows, one evidence item per original, one ``imports`` row per
   export, the messages (each stored once per contact and linked to every export that contains
   it) and *one* ledger entry covering the file digests, the digest of the normalised parse, the
   Merkle root of per-message salted commitments (``commitments``) and the parser name and
   version.

A failure or cancel anywhere rolls the transaction back and removes the blob files this import
created, so the store is exactly as before. ``verify`` re-parses every stored original and
compares the result with the stored messages (EV-5, ``import_checks``), so an edited, inserted or
deleted message is found.
"""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import json
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

import sqlcipher3

from evidence_desk.domain.errors import BadInput, Cancelled, FileInUse, StoreBusy
from evidence_desk.domain.policy import Action
from evidence_desk.domain.wording import Catalogue
from evidence_desk.importers.base import ChatEncoder, ParsedChat, sealed_phrase, sealed_text
from evidence_desk.importers.images import ParsedImage
from evidence_desk.importers.recordings import ParsedRecording
from evidence_desk.integrity import merkle
from evidence_desk.integrity.canonical import canonical_bytes
from evidence_desk.services import bulk_rows, case_blobs, case_keys
from evidence_desk.services.bulk_work import cyclic_gc_paused
from evidence_desk.services.commitments import (
    SALTS,
    SALTS_DERIVED,
    attachments_json,
    commit_batch,
    direction,
    fingerprints_of,
)
from evidence_desk.services.common_wording import COMMON_WORDING
from evidence_desk.services.contacts import Contact, get_contact, require_usable
from evidence_desk.services.import_parsing import (
    OpenedInput,
    already_imported,
    default_tz,
    flags_for,
    infer_our_account,
    main_original,
    open_input,
    parse_opened,
)
from evidence_desk.services.import_types import ImportResult, ParsedInput, Progress
from evidence_desk.services.leave_out import LeaveOut
from evidence_desk.services.leave_out import record as left_out_record
from evidence_desk.services.originals import (
    SealedOriginal,
    blob_rows,
    described,
    new_id,
    seal_bytes,
)
from evidence_desk.services.reading import gap_notices
from evidence_desk.services.session import RowChange, Session, put
from evidence_desk.store.blobs import Finishing
from evidence_desk.store.case_keys import MessageCipher, message_salt_key, message_salts

_said = Catalogue(
    {
        **COMMON_WORDING,
        "import.cancelled": "import cancelled by the user; nothing was stored",
        "import.already_imported": "{file}: identical bytes were already imported; skipped",
        "import.raced": "another import of this contact committed while this one was being "
        "prepared; nothing was stored: run the import again",
        # progress steps (the import wizard shows them; the CLI does not)
        "import.step_parsing": "Reading {file}…",
        "import.step_sealing": "Encrypting and sealing {file}…",
        "import.step_storing": "Storing messages and the ledger entry…",
        "import.step_done": "Done.",
    }
)


_MAIN_ROLE: Final = {"chat": "chat_export", "image": "screenshot", "recording": "recording"}
"""The role of an import's main original among the contact's items, by import kind."""


def _import_kind(result: ParsedChat | ParsedImage | ParsedRecording) -> str:
    """The ``imports.kind`` of a parse: chat, image or recording."""
    if isinstance(result, ParsedImage):
        return "image"
    if isinstance(result, ParsedRecording):
        return "recording"
    return "chat"


def import_files(
    session: Session,
    contact_id: str,
    paths: Sequence[Path],
    *,
    tz: str | None = None,
    format_name: str | None = None,
    our_account: str | None = None,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
    leave: LeaveOut | None = None,
) -> ImportResult:
    """Parse, seal and commit ``paths`` as one import; all or nothing.

    ``leave``: chats and participants left out (PI-2): the originals are sealed whole, the
    left-out messages are not stored, and each import records what was left out."""
    session.require(Action.EVIDENCE_ADD)
    with cyclic_gc_paused():
        return _import_files(
            session, contact_id, paths, tz, format_name, our_account, progress, cancelled, leave
        )


def _import_files(
    session: Session,
    contact_id: str,
    paths: Sequence[Path],
    tz: str | None,
    format_name: str | None,
    our_account: str | None,
    progress: Progress | None,
    cancelled: Callable[[], bool] | None,
    leave: LeaveOut | None = None,
) -> ImportResult:
    if not paths:
        raise BadInput("files", "", _said("input.no_files"))
    contact = get_contact(session, contact_id)
    require_usable(session, contact)
    zone = default_tz(session, tz)
    report = progress or (lambda _percent, _what: None)
    is_cancelled = cancelled or (lambda: False)

    def checkpoint() -> None:
        if is_cancelled():
            raise Cancelled(_said("import.cancelled"))

    parsed_inputs: list[ParsedInput] = []
    notices: list[str] = []
    created_blobs: list[SealedOriginal] = []
    skipped: list[SealedOriginal] = []  # sealed for an input found to be a repeat
    # each original's fsync and rename on a thread, while the next is sealed or parsed
    finishing = Finishing()
    try:
        sealed_by_input: list[list[SealedOriginal]] = []
        for index, path in enumerate(paths):
            checkpoint()
            # Hash before parse (the bundle's declaration says so): the originals, as picked,
            # are digested (SHA-256 and SM3) and sealed first; the parser reads them after and
            # the parse carries those digests. A refusal or cancel later removes what this
            # import sealed.
            report(int(80 * index / len(paths)), _said("import.step_sealing", file=path.name))
            opened = open_input(path)
            sealed = _seal_originals(session, contact.case_no, opened, checkpoint, finishing)
            created_blobs.extend(
                s for s in sealed if not (s.in_case if s.case_no is not None else s.already_stored)
            )
            parsing = _said("import.step_parsing", file=path.name)
            report(int(80 * index / len(paths) + 40 / len(paths)), parsing)
            parsed = parse_opened(
                opened, zone, format_name, leave, digests=tuple(s.digests for s in sealed)
            )
            if already_imported(session, contact_id, parsed):
                notices.append(_said("import.already_imported", file=path.name))
                skipped.extend(sealed)
                continue
            parsed_inputs.append(parsed)
            sealed_by_input.append(sealed)
        # every original durable and in place before a row names it or a repeat's is removed
        finishing.wait()
        # a repeat's originals stay only where an imported input holds the same bytes
        used = {s.blob_name for sealed in sealed_by_input for s in sealed}
        created_blobs = [c for c in created_blobs if c.blob_name in used]
        if skipped:
            _remove_unreferenced(session, [s for s in skipped if s.blob_name not in used])
        if not parsed_inputs:
            return ImportResult(contact_id, (), 0, 0, 0, tuple(notices), None)
        report(85, _said("import.step_storing"))
        result = _commit(
            session,
            contact,
            parsed_inputs,
            sealed_by_input,
            zone,
            our_account,
            notices,
            checkpoint,
        )
        report(100, _said("import.step_done"))
        return result
    except BaseException:
        finishing.close()  # first: a late rename would put back a file removed here
        _remove_unreferenced(session, created_blobs)
        raise
    finally:
        finishing.close()


def _seal_originals(
    session: Session,
    case_no: str,
    opened: OpenedInput,
    checkpoint: Callable[[], None],
    finishing: Finishing,
) -> list[SealedOriginal]:
    """Digest, encrypt and write every original of one opened path, before anything parses
    it; each one's fsync and rename into place are left to ``finishing``."""
    sealed: list[SealedOriginal] = []
    for name, reader in opened.originals:
        sealed.append(
            _seal_file(session, case_no, name, opened.file_path, finishing)
            if opened.file_path is not None
            else seal_bytes(session, case_no, name, reader(), finishing=finishing)
        )
        checkpoint()
    return sealed


def _seal_file(
    session: Session, case_no: str, name: str, path: Path, finishing: Finishing
) -> SealedOriginal:
    """Seal the picked file by streaming it (constant memory whatever its size), under the
    case's key (services/case_blobs.py); its fsync and rename are left to ``finishing``,
    but for a case without a key yet (``described`` may remove that file at once)."""
    store, keyed = case_blobs.writer(session, case_no)
    try:
        blob = store.seal_file(path, finishing=finishing if keyed else None)
    except FileInUse:  # the store side: a new original another program holds
        raise
    except OSError as error:
        raise BadInput(
            name, "", _said("input.cannot_read", error=error.strerror or error)
        ) from None
    return described(session, case_no, keyed, name, blob)


def _remove_unreferenced(session: Session, created: Sequence[SealedOriginal]) -> None:
    """Delete blob files this import created if no committed row refers to them."""
    for item in created:
        if not case_blobs.file_referenced(session.conn, item.blob_name):
            # if this fails, verify reports the file as an orphan, never as evidence
            with contextlib.suppress(OSError):
                os.unlink(session.blobs.path_for_name(item.blob_name))


@dataclass
class _PlannedImport:
    import_id: str
    parsed: ParsedInput
    sealed: list[SealedOriginal]
    our_account: str
    row: dict[str, Any]


@dataclass(frozen=True, slots=True)
class MessagePlan:
    """What :func:`insert_messages` stores of one chat import: its parse, and per message its
    sent_at text and (fingerprint, salt, is_new, commitment), in batches of consecutive
    messages from the first on (``batches``: each batch's sent_at texts and those tuples). An
    import makes it from its plan, each batch encoded, fingerprinted and committed while the
    writer stores the one before (``batches`` an iterator: :func:`_encoded`); a device
    rebuilding another device's import makes it from a re-parse of the original
    (services/rebuild.py, one batch), so both store the same rows the same way.
    ``new_messages``: how many are new (an import's: at most this many, known at its end)."""

    import_id: str
    chat: ParsedChat
    our_account: str
    batches: Iterable[tuple[Sequence[str], Sequence[tuple[str, str, bool, str]]]]
    new_messages: int


def _commit(
    session: Session,
    contact: Contact,
    parsed_inputs: Sequence[ParsedInput],
    sealed_by_input: Sequence[Sequence[SealedOriginal]],
    zone: str,
    our_account: str | None,
    notices: list[str],
    checkpoint: Callable[[], None],
) -> ImportResult:
    now = session.now()
    rows: list[RowChange] = []
    plans: list[_PlannedImport] = []
    all_sealed = [s for group in sealed_by_input for s in group]
    rows += blob_rows(all_sealed, "original")
    for parsed, sealed in zip(parsed_inputs, sealed_by_input, strict=True):
        import_id = new_id("M")
        main_name, _reader = main_original(parsed)
        main = next(s for s in sealed if s.file_name == main_name)
        result = parsed.result
        kind = _import_kind(result)
        role = _MAIN_ROLE[kind]
        for item in sealed:
            item_row = {
                "id": new_id("I"),
                "contact_id": contact.id,
                "role": role if item is main else "export_member",
                "sha256": item.digests.sha256,
                "file_name": item.file_name,
                "added_by": session.user.name,
                "added_at": now,
            }
            # its file name sealed under the case key (services/case_keys.py)
            rows.append(
                put("items", case_keys.seal_item_fields(session, contact.case_no, item_row))
            )
        members = {} if len(sealed) == 1 else {s.file_name: s.digests.sha256 for s in sealed}
        if not isinstance(result, ParsedChat):  # an image or a recording: one original, no messages
            account, details = "", result.as_json()
            normalised = hashlib.sha256(canonical_bytes(result.as_json())).hexdigest()
            count, first, last = 0, None, None
        else:
            account = our_account if our_account is not None else infer_our_account(result, contact)
            # the normalised document is written inside the transaction, while the writer
            # stores the full-text rows (_store_new_messages)
            normalised = ""
            details = {
                "title": sealed_text(result.title),
                "participants": [sealed_text(p) for p in result.participants],
                "encoding": result.encoding,
                "repairs": [sealed_phrase(r) for r in result.repairs],
                "problems": len(result.problems),
            }
            if parsed.source.name_encoding is not None:
                # how a zip's unflagged member names were read; verify re-derives it
                details["name_encoding"] = parsed.source.name_encoding
            left_out = left_out_record(
                parsed.chat, parsed.choices, parsed.left_out, parsed.left_out_messages
            )
            if left_out:  # only then: an import leaving nothing out seals what it did before
                details["left_out"] = left_out
            count = len(result.messages)
            first = result.messages[0].sent_at.isoformat() if result.messages else None
            last = result.messages[-1].sent_at.isoformat() if result.messages else None
        row = {
            "id": import_id,
            "contact_id": contact.id,
            "kind": kind,
            "format": result.format_name,
            "parser_version": result.parser_version,
            "file_name": main.file_name,
            "sha256": main.digests.sha256,
            "main_member": parsed.source.name,
            "members": json.dumps(members, sort_keys=True),
            "timezone": zone,
            "our_account": account,
            "message_count": count,
            "new_messages": 0,
            "first_at": first,
            "last_at": last,
            "normalised_sha256": normalised,
            "commitments_root": "",
            "details": json.dumps(details, ensure_ascii=False, sort_keys=True),
            "imported_by": session.user.name,
            "imported_at": now,
        }
        plans.append(_PlannedImport(import_id, parsed, list(sealed), account, row))

    salting = _salting(session, contact)
    # messages and their locators are sealed under the case key (services/case_keys.py)
    cipher = case_keys.message_cipher(session, contact.case_no, contact.id)
    locators = case_keys.locator_sealer(session, contact.case_no)

    def summarise(_conn: Any, _seq: int) -> dict[str, Any]:
        # (the messages are stored already, by import_rows: the write path judged the entry
        # after them, inside this transaction, and the rule table's evidence rule catches a
        # decision or an expiry that landed meanwhile)
        summaries = []
        for plan in plans:
            summaries.append(
                {
                    "import_id": plan.import_id,
                    "kind": plan.row["kind"],
                    "format": plan.row["format"],
                    "parser_version": plan.row["parser_version"],
                    "timezone": zone,
                    # the file names sealed as the imports row seals its own
                    "files": [_sealed_file(session, contact, plan, s) for s in plan.sealed],
                    "normalised_sha256": plan.row["normalised_sha256"],
                    "commitments_root": plan.row["commitments_root"],
                    "message_count": plan.row["message_count"],
                    "new_messages": plan.row["new_messages"],
                }
            )
            left_out = (
                json.loads(plan.row["details"]).get("left_out")
                if plan.row["kind"] == "chat"
                else None
            )
            if left_out:
                # counts only: the chats' ids (a zip member's or a chat's name) and the
                # participants stay in the row's details, sealed under the case key
                summaries[-1]["left_out"] = {
                    "chats": len(left_out["chats"]),
                    "participants": len(left_out["participants"]),
                    "messages": left_out["messages"],
                }
        return {"imports": summaries}

    def import_rows(conn: Any) -> list[RowChange]:
        # Inside the transaction, before the entry is judged: the messages, their full-text
        # rows and links are stored on a second thread while this one computes the salts and
        # commitments a batch at a time, seals the messages and finally the roots that the
        # imports rows hold (_store_new_messages). No rule reads those tables; the rule table
        # judges the imports rows with the rest, and a refusal rolls all of it back.
        _store_new_messages(conn, contact, plans, salting, cipher, locators, checkpoint)
        # the file name and details (title, participants) sealed under the case key, in the
        # table and in the entry's payload alike
        return [
            put("imports", case_keys.seal_import_fields(session, contact.case_no, plan.row))
            for plan in plans
        ]

    # A large import's WAL (about 80 MB per 100k messages) is copied into the database file
    # on a thread after its commit, not inside it (Session.checkpoint_after)
    large = sum(int(p.row["message_count"]) for p in plans) >= _BULK_INDEX_MIN_ROWS
    with session.checkpoint_after() if large else contextlib.nullcontext():
        entry = session.write(
            "evidence.import",
            {"contact_id": contact.id},
            rows,
            extra=summarise,
            operation="import",
            prepare=import_rows,
        )
    notices += gap_notices(session, contact.id)
    chats = [p for p in plans if p.row["kind"] == "chat"]
    return ImportResult(
        contact.id,
        tuple(p.import_id for p in plans),
        sum(int(p.row["message_count"]) for p in chats),
        sum(int(p.row["new_messages"]) for p in chats),
        sum(1 for p in plans if p.row["kind"] == "image"),
        tuple(notices),
        entry.seq,
        sum(1 for p in plans if p.row["kind"] == "recording"),
    )


def _sealed_file(
    session: Session, contact: Contact, plan: _PlannedImport, original: SealedOriginal
) -> dict[str, object]:
    """What the entry's summary says of one original: its name sealed (``files`` of the
    import's row) under the case key, its digests and size as they are."""
    record = original.as_json()
    record["file_name"] = case_keys.seal_value(
        session, contact.case_no, "imports", plan.import_id, "files", original.file_name
    )
    return record


@dataclass(frozen=True, slots=True)
class _Salting:
    """What :func:`_encoded` needs from the store, read before the transaction: the
    salt (hex) of every fingerprint the contact holds, and the case's salt key (None for a
    case without a key yet: its new messages get random salts)."""

    contact_id: str
    known: dict[str, str]
    salt_key: bytes | None


def _salting(session: Session, contact: Contact) -> _Salting:
    """What the commitments need from the store, read before the transaction: the salt of
    every fingerprint the contact holds, and the case's salt key."""
    known = {
        r["fingerprint"]: r["salt"]
        for r in session.conn.execute(
            "SELECT fingerprint, salt FROM messages WHERE contact_id = ?", (contact.id,)
        )
    }
    key = case_keys.case_key(session, contact.case_no)
    return _Salting(contact.id, known, None if key is None else message_salt_key(key))


def _encoded(
    plan: _PlannedImport, salting: _Salting, known: dict[str, str]
) -> Iterator[tuple[list[str], list[tuple[str, str, bool, str]]]]:
    """A chat plan's messages a batch at a time (``bulk_rows.BATCH``): each batch encoded
    (``ChatEncoder``: content bytes, sent_at texts, its part of the normalised document, which
    is hashed as it comes), fingerprinted, judged new or known and committed, then yielded as
    its sent_at texts and per message (fingerprint, salt hex, is_new, commitment), so that the
    writer stores one batch while the next is encoded. Once the last is yielded the plan's row
    holds the normalised digest, the new-message count and the commitments root (and
    ``salts: derived`` in its details): the same bytes are hashed, in the same order, as when
    the whole chat was encoded first.

    A message is new when the contact does not hold it and no earlier message of this commit
    is the same (``known``: the salt hex of every fingerprint the contact held before the
    transaction, read before it and re-checked by it; this plan's new ones are added as they
    are committed). Fingerprints are unique within a chat (a content's n-th copy is "#n").

    A new message's salt is derived from the case key, the contact and its fingerprint
    (``store/case_keys.message_salts``): another device holding the case key re-derives the
    commitments from the original alone (services/rebuild.py). A fingerprint the contact
    already holds keeps its stored salt. The import records ``salts: derived`` in its details
    when every salt it commits to is the derived one (not so when it reuses a message an
    earlier build salted at random, or when the case has no key yet: those salts are random).
    Pure Python on the plan (no connection).
    """
    chat = plan.parsed.result
    assert isinstance(chat, ParsedChat)
    contact_id, salt_key = salting.contact_id, salting.salt_key
    normalised = hashlib.sha256()
    encoder = ChatEncoder(chat, normalised.update)
    occurrences: dict[bytes, int] = {}  # fingerprints_of's count of each content so far
    derived = salt_key is not None
    leaves: list[bytes] = []
    new = 0
    messages = chat.messages
    step = bulk_rows.BATCH
    for start in range(0, len(messages), step):
        contents, sent_at = encoder.encode(messages[start : start + step])
        batch = fingerprints_of(contents, occurrences)
        if salt_key is not None:
            # one keyed HMAC per message, in one loop (store/case_keys.message_salts)
            fresh = message_salts(salt_key, contact_id, batch)
        else:  # a case without a key yet: random, drawn in one call
            pool = os.urandom(16 * len(batch))
            fresh = [pool[at : at + 16] for at in range(0, len(pool), 16)]
        salts: list[bytes] = []
        hexes: list[str] = []
        news: list[bool] = []
        if known.keys().isdisjoint(batch) and len(set(batch)) == len(batch):
            # every message new, each with the salt at its position (what the loop below
            # yields, without the look-ups)
            salts = fresh
            hexes = [salt.hex() for salt in salts]
            news = [True] * len(batch)
            known.update(zip(batch, hexes, strict=True))
            new += len(batch)
        else:
            for position, fingerprint in enumerate(batch):
                stored = known.get(fingerprint)
                if stored is None:
                    raw = fresh[position]
                    salt = known[fingerprint] = raw.hex()
                    new += 1
                else:
                    salt, raw = stored, bytes.fromhex(stored)
                    # a message an earlier build salted at random: not re-derivable
                    derived = derived and raw == fresh[position]
                news.append(stored is None)
                hexes.append(salt)
                salts.append(raw)
        sealed, batch_leaves = commit_batch(contents, salts)
        leaves += batch_leaves
        # zipped in C: no intermediate tuples to take apart again
        yield sent_at, list(zip(batch, hexes, news, sealed, strict=True))
    encoder.finish()
    plan.row["normalised_sha256"] = normalised.hexdigest()
    plan.row["new_messages"] = new
    plan.row["commitments_root"] = merkle.root_hash(leaves).hex()
    if derived:
        details = json.loads(plan.row["details"])
        details[SALTS] = SALTS_DERIVED
        plan.row["details"] = json.dumps(details, ensure_ascii=False, sort_keys=True)


def _store_new_messages(
    conn: Any,
    contact: Contact,
    plans: Sequence[_PlannedImport],
    salting: _Salting,
    cipher: MessageCipher | None,
    locators: case_keys.LocatorSealer | None,
    checkpoint: Callable[[], None],
) -> None:
    """Encode every chat plan and store its new messages, their full-text rows, links and
    locators, inside the import's transaction, before its ``imports`` rows (which hold the
    normalised digests, new-message counts and commitments roots: they are complete when this
    returns, and judged and applied after it).

    One writer thread stores the rows while this thread encodes, fingerprints, commits and
    seals the messages a batch at a time (:func:`_encoded`), each batch queued as soon as it is
    sealed: the messages' SQL starts after the first batch, not after the whole chat. For a
    single chat of a contact holding no message the writer first stores the full-text rows
    (contentless: texts and rowids only; every message is new, so both are known from the
    parse), else each batch's with its messages; the links after the messages. SQLite's work
    and Python's overlap throughout. The messages and links name ``imports`` rows not stored
    yet, so foreign keys are checked at the commit (SQLite switches ``defer_foreign_keys`` off
    again at COMMIT or ROLLBACK); when the row arrives, SQLite finds its messages through
    migration 19's index.

    New messages get explicit rowids above the largest in use (what SQLite would choose for a
    table without AUTOINCREMENT), in plan order.
    """
    busy = StoreBusy(_said("import.raced"))
    chats = [plan for plan in plans if isinstance(plan.parsed.result, ParsedChat)]
    conn.execute("PRAGMA defer_foreign_keys = ON")
    next_rowid = conn.execute("SELECT coalesce(max(rowid), 0) FROM messages").fetchone()[0] + 1
    known = dict(salting.known)
    messages = sum(int(plan.row["message_count"]) for plan in chats)
    # A single chat for a contact that holds no message: every message is new (fingerprints
    # are unique within a chat: a content's n-th copy is "#n"), so its full-text rows are
    # known before the chat is encoded, and stored while it is.
    early = len(chats) == 1 and not known
    pending: list[tuple[MessagePlan, list[tuple[str, str, bool, str]], dict[str, int]]] = []
    try:
        with _bulk_cache(conn, messages), bulk_rows.RowWriter(conn) as writer:
            if early:
                _queue_full_text(writer, chats[0], next_rowid)
            for plan in chats:
                checkpoint()
                chat = plan.parsed.result
                assert isinstance(chat, ParsedChat)
                rows = MessagePlan(
                    plan.import_id,
                    chat,
                    plan.our_account,
                    _encoded(plan, salting, known),
                    len(chat.messages),
                )
                planned, stored = _queue_new_messages(
                    writer, contact, rows, cipher, next_rowid, index=not early
                )
                if early and len(stored) != len(chat.messages):
                    raise AssertionError("a chat's fingerprints repeat")  # cannot be
                next_rowid += len(stored)
                if all(item[2] for item in planned):
                    _link(writer, conn, rows, planned, stored, locators)
                else:  # after the writer: the links need the rowids of known messages
                    pending.append((rows, planned, stored))
        for rows, planned, stored in pending:
            _link_known(conn, contact, rows, planned, stored, locators)
    except sqlcipher3.IntegrityError as error:
        raise busy from error


def _queue_full_text(writer: bulk_rows.RowWriter, plan: _PlannedImport, first: int) -> None:
    """Queue the full-text rows of every message of a chat plan, with rowids from ``first``
    on (each message new), a batch at a time: the writer starts on the first at once."""
    chat = plan.parsed.result
    assert isinstance(chat, ParsedChat)
    messages, step = chat.messages, bulk_rows.BATCH
    for start in range(0, len(messages), step):
        rowid = first + start
        batch = messages[start : start + step]
        rows = [(rowid + n, m.text) for n, m in enumerate(batch)]
        bulk_rows.insert_values(writer, *_FTS_INSERT, rows)


def insert_messages(
    conn: Any,
    contact: Contact,
    plan: MessagePlan,
    cipher: MessageCipher | None,
    locators: case_keys.LocatorSealer | None,
) -> None:
    """Insert the plan's new messages with their full-text rows and link every message to this
    import, in batches, for an ``imports`` row stored already (services/rebuild.py).

    Each message's text, raw line, sender, sender id and attachments are sealed with ``cipher``
    as one ciphertext in ``text`` (the case key's; None only for a case of a store not yet
    migrated, which keeps plain columns until its admin's login migrates it), and the
    locators of the import as one list with ``locators``; the full-text index gets the plain
    text of the new rows.

    A fingerprint planned as new that is already stored (UNIQUE conflict), or a known one whose
    stored salt differs or that has gone, means another import of this contact committed in
    between: refuse rather than store a commitment that does not match.
    """
    busy = StoreBusy(_said("import.raced"))
    next_rowid = conn.execute("SELECT coalesce(max(rowid), 0) FROM messages").fetchone()[0] + 1
    try:
        with _bulk_cache(conn, plan.new_messages), bulk_rows.RowWriter(conn) as writer:
            planned, rowids = _queue_new_messages(
                writer, contact, plan, cipher, next_rowid, index=True
            )
            every_new = all(item[2] for item in planned)
            if every_new:  # the links too, built here while the writer stores
                _link(writer, conn, plan, planned, rowids, locators)
        if not every_new:
            _link_known(conn, contact, plan, planned, rowids, locators)
    except sqlcipher3.IntegrityError as error:
        raise busy from error


def _queue_new_messages(
    writer: bulk_rows.RowWriter,
    contact: Contact,
    plan: MessagePlan,
    cipher: MessageCipher | None,
    next_rowid: int,
    *,
    index: bool,
) -> tuple[list[tuple[str, str, bool, str]], dict[str, int]]:
    """Seal and queue the plan's new messages a batch at a time, with rowids from
    ``next_rowid`` on (and their full-text rows when ``index``); returns every message's
    (fingerprint, salt, is_new, commitment), as ``plan.messages`` yielded them, and the rowids
    of the new ones."""
    result = plan.chat
    check_flags = bool(contact.revoked_at or contact.expires_at)
    sealed_text = cipher is not None
    rows: list[tuple[object, ...]] = []
    texts: list[tuple[int, str]] = []
    planned: list[tuple[str, str, bool, str]] = []
    keep = planned.extend
    rowids: dict[str, int] = {}
    # per-import values as locals: the loop runs once per message
    contact_id, account, import_id = contact.id, plan.our_account, plan.import_id
    row = _MESSAGE_ROWS[sealed_text]
    unadapted_null = bulk_rows.UNADAPTED_NULL
    messages = iter(result.messages)
    for sent_ats, items in plan.batches:
        keep(items)
        batch = itertools.islice(messages, len(items))
        for message, sent_at, item in zip(batch, sent_ats, items, strict=True):
            fingerprint, salt, is_new, sealed = item
            if not is_new or fingerprint in rowids:
                continue
            rowid = rowids[fingerprint] = next_rowid
            next_rowid += 1
            text = message.text
            if index:
                texts.append((rowid, text))
            flags = ",".join(flags_for(contact, sent_at)) if check_flags else ""
            attachments = attachments_json(message) if message.attachments else "[]"
            kind = message.kind._value_  # the enum's value property is a Python function
            if cipher is not None:  # one ciphertext (services/case_keys.MESSAGE_COLUMNS)
                # the ciphertext as a bytearray and no None among the values: both bind
                # without the driver's adapter look-up (bulk_rows.UNADAPTED_NULL)
                body = bytearray(
                    cipher.seal(
                        fingerprint,
                        text,
                        message.raw,
                        message.sender,
                        message.sender_id,
                        attachments,
                    )
                )
                native_id, reply_to = message.native_id, message.reply_to
                rows.append(
                    (
                        rowid,
                        fingerprint,
                        contact_id,
                        sent_at,
                        message.time_text,
                        direction(message, account),
                        kind,
                        body,
                        unadapted_null if native_id is None else native_id,
                        unadapted_null if reply_to is None else reply_to,
                        salt,
                        sealed,
                        import_id,
                        flags,
                    )
                )
            else:  # a case of a store not yet migrated: plain columns
                rows.append(
                    (
                        rowid,
                        fingerprint,
                        contact_id,
                        sent_at,
                        message.time_text,
                        message.sender,
                        message.sender_id,
                        direction(message, account),
                        kind,
                        text,
                        message.raw,
                        message.native_id,
                        message.reply_to,
                        attachments,
                        salt,
                        sealed,
                        import_id,
                        flags,
                    )
                )
            if len(rows) == bulk_rows.BATCH:
                _queue_messages(writer, row, rows, texts)
                rows, texts = [], []
    if rows:
        _queue_messages(writer, row, rows, texts)
    if next(messages, None) is not None:
        raise ValueError("a message plan holds fewer messages than its chat")
    return planned, rowids


def _link_known(
    conn: Any,
    contact: Contact,
    plan: MessagePlan,
    planned: Sequence[tuple[str, str, bool, str]],
    rowids: dict[str, int],
    locators: case_keys.LocatorSealer | None,
) -> None:
    """Link a plan that holds known messages, once its new ones are stored: each known
    fingerprint's rowid read back, its stored salt compared with the planned one."""
    salts = {f: salt for f, salt, is_new, _c in planned if not is_new}
    with bulk_rows.RowWriter(conn) as writer:
        for fingerprint, rowid, salt in conn.execute(
            "SELECT fingerprint, rowid, salt FROM messages WHERE contact_id = ?", (contact.id,)
        ):
            wanted = salts.get(fingerprint)
            if wanted is not None:
                if wanted != salt:
                    raise StoreBusy(_said("import.raced"))
                rowids[fingerprint] = rowid
        _link(writer, conn, plan, planned, rowids, locators)


_MESSAGE_COLUMNS: Final = (
    "rowid, fingerprint, contact_id, sent_at, time_text, sender, sender_id, direction, kind, "
    "text, raw, native_id, reply_to, attachments, salt, commitment, first_import, flags"
)
_MESSAGE_HEAD: Final = f"INSERT INTO messages ({_MESSAGE_COLUMNS})"
# One new message's values (bulk_rows.insert_values), by whether its personal columns are one
# ciphertext: then sender and attachments are empty, sender id and raw NULL, ``text`` holds
# the ciphertext (a bytearray, stored as a BLOB), and native id and reply-to are bound as
# bulk_rows.UNADAPTED_NULL for NULL; else every column from the row.
_MESSAGE_ROWS: Final = {
    True: "(?, ?, ?, ?, ?, '', NULL, ?, ?, ?, NULL, "
    f"{bulk_rows.NULLABLE}, {bulk_rows.NULLABLE}, '', ?, ?, ?, ?)",
    False: f"({', '.join(['?'] * 18)})",
}
_FTS_INSERT: Final = ("INSERT INTO message_text (rowid, text)", "(?, ?)")
_SOURCE_INSERT: Final = (
    "INSERT INTO message_sources (message_rowid, import_id, position, locator)",
    "(?, ?, ?, ?)",
)


def _queue_messages(
    writer: bulk_rows.RowWriter,
    row: str,
    rows: list[tuple[object, ...]],
    index: list[tuple[int, str]],
) -> None:
    """A batch of new messages and their full-text rows (the plain texts: since migration 8
    the index is contentless and no trigger feeds it), unless the import stored those already
    (``index`` empty)."""
    bulk_rows.insert_values(writer, _MESSAGE_HEAD, row, rows)
    if index:
        bulk_rows.insert_values(writer, *_FTS_INSERT, index)


def _link(
    writer: bulk_rows.RowWriter,
    conn: Any,
    plan: MessagePlan,
    planned: Sequence[tuple[str, str, bool, str]],
    rowids: dict[str, int],
    locators: case_keys.LocatorSealer | None,
) -> None:
    """Queue every message's link to this import, by position, and the import's locators."""
    result = plan.chat
    import_id = plan.import_id
    where: list[str] = []
    links: list[tuple[int, str, int, str]] = []
    for position, (message, item) in enumerate(zip(result.messages, planned, strict=True)):
        rowid = rowids.get(item[0])
        if rowid is None:
            raise StoreBusy(_said("import.raced"))
        source = message.source
        where.append(f"{source.file} {source.locator}")
        links.append((rowid, import_id, position, ""))
    if locators is not None:  # one sealed list for the import; the links' column stays empty
        sealer = locators
        writer.call(lambda: sealer(conn, import_id, where))
    else:
        links = [(r, i, p, w) for (r, i, p, _empty), w in zip(links, where, strict=True)]
    bulk_rows.insert_values(writer, *_SOURCE_INSERT, links)


# Below this many new messages the default page cache is enough.
_BULK_INDEX_MIN_ROWS = 2000
# The cache while they are stored. (About 1 KiB per new message, up to 256 MiB, measured no
# faster on the shared VM: 2.27x against 1.80x the run before, within its noise; kept at 64 MiB.)
_BULK_CACHE_KIB = 64 * 1024


@contextlib.contextmanager
def _bulk_cache(conn: Any, count: int) -> Iterator[None]:
    """A larger page cache while a big import inserts its rows.

    Random fingerprints make the UNIQUE index's inserts random: a page cache that holds the
    index saves about a third of the insert time. Restored afterwards (per connection).
    """
    if count < _BULK_INDEX_MIN_ROWS:
        yield
        return
    cache = conn.execute("PRAGMA cache_size").fetchone()[0]
    conn.execute(f"PRAGMA cache_size = {-_BULK_CACHE_KIB}")
    try:
        yield
    finally:
        conn.execute(f"PRAGMA cache_size = {int(cache)}")
