"""Reading a conversation page by page, finding text in it, and explaining where an item came from.

The desktop app shows conversations of any size (a million messages must open in under a second),
so nothing here loads a whole conversation: pages are read by *keyset* from the
``(contact_id, sent_at)`` index when a neighbouring page is known, by offset otherwise, and search
returns only the keys of matches so the view can jump to them. ``details`` gathers what a
reviewer needs to trust one message: digests of its originals, the import record, the ledger
entries that touched it (custody) and whether a trusted time stamp covers it. Everything is
read-only and permission-checked like the rest of the services.
"""

from __future__ import annotations

import io
import json
import zipfile
from dataclasses import dataclass, field
from typing import Any

from evidence_desk.domain.errors import NotFound
from evidence_desk.domain.policy import Action
from evidence_desk.domain.recording_description import RecordingDescription
from evidence_desk.domain.wording import Catalogue
from evidence_desk.services import access_log, case_blobs, case_keys
from evidence_desk.services.contacts import get_contact
from evidence_desk.services.session import Session

_said = Catalogue(
    {
        "reading.no_import": "no import {import_id}",
        "reading.no_message": "no message {message}",
        "reading.no_document": "contact {contact} has no document with digest {sha256}",
        "import.gap": "gap between exports: nothing from {from_time} ({from_file}) to {to_time} "
        "({to_file})",
    }
)

Key = tuple[str, int]  # (sent_at, rowid): the order of a conversation

_COLUMNS = (
    "rowid, sent_at, time_text, direction, kind, flags, first_import, fingerprint, "
    + case_keys.MESSAGE_SELECT
)
_MAX_ATTACHMENT_BYTES = 32 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class MessageRow:
    rowid: int
    sent_at: str
    time_text: str
    sender: str
    direction: str
    kind: str
    text: str
    attachments: tuple[dict[str, Any], ...]
    flags: tuple[str, ...]
    first_import: str

    @property
    def key(self) -> Key:
        return (self.sent_at, self.rowid)


@dataclass(frozen=True, slots=True)
class ImportRecord:
    id: str
    kind: str
    format: str
    parser_version: str
    file_name: str
    sha256: str
    sm3: str
    size: int
    timezone: str
    our_account: str
    imported_by: str
    imported_at: str
    message_count: int


@dataclass(frozen=True, slots=True)
class CustodyEntry:
    seq: int
    at: str
    actor: str
    action: str


@dataclass(frozen=True, slots=True)
class StampState:
    """Whether the ledger entry that brought an item in is covered by a trusted time stamp."""

    entry_seq: int | None
    stamped: bool
    tsa_name: str | None
    gen_time: str | None
    checkpoint_size: int | None


@dataclass(frozen=True, slots=True)
class MessageDetails:
    message: MessageRow
    fingerprint: str
    commitment: str
    sources: tuple[tuple[str, str], ...]  # (import id, locator)
    imports: tuple[ImportRecord, ...]
    custody: tuple[CustodyEntry, ...]
    stamp: StampState


@dataclass(frozen=True, slots=True)
class StoredMessage:
    rowid: int
    fingerprint: str
    sent_at: str
    time_text: str
    sender: str
    direction: str
    kind: str
    text: str
    attachments: list[dict[str, Any]]
    flags: list[str]
    first_import: str
    sources: list[str] = field(default_factory=list)


def _row(r: Any, opener: case_keys.MessageOpener) -> MessageRow:
    """A stored row, its sealed fields opened under the case key (services/case_keys.py)."""
    fields = opener.message(r["fingerprint"], r)
    return MessageRow(
        int(r["rowid"]),
        r["sent_at"],
        r["time_text"],
        fields.sender,
        r["direction"],
        r["kind"],
        fields.text,
        tuple(json.loads(fields.attachments)),
        tuple(f for f in (r["flags"] or "").split(",") if f),
        r["first_import"],
    )


def count(session: Session, contact_id: str) -> int:
    """Number of messages of a contact; also checks that the contact exists and may be read."""
    session.require(Action.EVIDENCE_READ)
    contact = get_contact(session, contact_id)
    row = session.conn.execute(
        "SELECT count(*) FROM messages WHERE contact_id = ?", (contact_id,)
    ).fetchone()
    # the conversation view opens with this call: the read log's "conversation.open" (PI-1)
    access_log.record(session, access_log.OPEN_CONVERSATION, [contact.case_no], contact_id)
    return int(row[0])


def _page(session: Session, contact_id: str, tail: str, args: tuple[Any, ...]) -> list[MessageRow]:
    """A contact's messages selected by ``tail`` (a further condition, the order, the limit)
    and opened under the case key."""
    session.require(Action.EVIDENCE_READ)
    rows = session.conn.execute(
        f"SELECT {_COLUMNS} FROM messages WHERE contact_id = ? {tail}", (contact_id, *args)
    ).fetchall()
    opener = case_keys.message_opener(session, contact_id)
    return [_row(r, opener) for r in rows]


def page_at(session: Session, contact_id: str, offset: int, limit: int) -> list[MessageRow]:
    """Rows ``offset .. offset+limit`` in conversation order (used when no neighbour is known)."""
    return _page(
        session, contact_id, "ORDER BY sent_at, rowid LIMIT ? OFFSET ?", (limit, max(0, offset))
    )


def page_after(session: Session, contact_id: str, key: Key, limit: int) -> list[MessageRow]:
    """The ``limit`` rows that follow ``key``: an index seek, cheap at any depth."""
    return _page(
        session,
        contact_id,
        "AND (sent_at, rowid) > (?, ?) ORDER BY sent_at, rowid LIMIT ?",
        (key[0], key[1], limit),
    )


def page_before(session: Session, contact_id: str, key: Key, limit: int) -> list[MessageRow]:
    """The ``limit`` rows that precede ``key``, in conversation order."""
    rows = _page(
        session,
        contact_id,
        "AND (sent_at, rowid) < (?, ?) ORDER BY sent_at DESC, rowid DESC LIMIT ?",
        (key[0], key[1], limit),
    )
    return rows[::-1]


def position(session: Session, contact_id: str, key: Key) -> int:
    """The row number of ``key`` in the conversation (how many messages come before it)."""
    session.require(Action.EVIDENCE_READ)
    row = session.conn.execute(
        "SELECT count(*) FROM messages WHERE contact_id = ? AND (sent_at, rowid) < (?, ?)",
        (contact_id, key[0], key[1]),
    ).fetchone()
    return int(row[0])


def search(session: Session, contact_id: str, text: str, *, limit: int = 10_000) -> list[Key]:
    """Keys of messages containing ``text`` (case-insensitive for Latin letters), in order.

    Three characters or more use the trigram full-text index (Chinese included); shorter
    queries, such as the two-character word 还款, scan the contact's messages.
    """
    session.require(Action.EVIDENCE_READ)
    needle = text.strip()
    if not needle:
        return []
    access_log.record(
        session,
        access_log.SEARCH,
        access_log.contact_case(session, contact_id),
        contact_id,
        {"text": needle},
    )
    if len(needle) >= 3:
        phrase = '"' + needle.replace('"', '""') + '"'
        rows = session.conn.execute(
            "SELECT m.sent_at, m.rowid FROM message_text JOIN messages m "
            "ON m.rowid = message_text.rowid WHERE message_text MATCH ? AND m.contact_id = ? "
            "ORDER BY m.sent_at, m.rowid LIMIT ?",
            (phrase, contact_id, limit),
        ).fetchall()
    else:
        # texts are sealed (services/case_keys.py): short needles are matched once opened, as
        # LIKE would match them (case-insensitive for ASCII letters only)
        opener = case_keys.message_opener(session, contact_id)
        rows = []
        for r in session.conn.execute(
            f"SELECT sent_at, rowid, fingerprint, {case_keys.MESSAGE_SELECT} FROM messages "
            "WHERE contact_id = ? ORDER BY sent_at, rowid",
            (contact_id,),
        ):
            if like(needle, opener.message(r[2], r).text):
                rows.append(r)
                if len(rows) >= limit:
                    break
    return [(r[0], int(r[1])) for r in rows]


_ASCII_FOLD = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def like(needle: str, text: str) -> bool:
    """``text LIKE '%needle%'`` as SQLite decides it: only ASCII letters fold."""
    return needle.translate(_ASCII_FOLD) in text.translate(_ASCII_FOLD)


# -- details ------------------------------------------------------------------------------------


def import_record(session: Session, import_id: str) -> ImportRecord:
    session.require(Action.EVIDENCE_READ)
    r = session.conn.execute(
        "SELECT i.*, b.sm3, b.size FROM imports i JOIN blobs b ON b.sha256 = i.sha256 "
        "WHERE i.id = ?",
        (import_id,),
    ).fetchone()
    if r is None:
        raise NotFound(_said("reading.no_import", import_id=import_id))
    r = case_keys.open_import_row(session, dict(r))
    return ImportRecord(
        r["id"],
        r["kind"],
        r["format"],
        r["parser_version"],
        r["file_name"],
        r["sha256"],
        r["sm3"],
        int(r["size"]),
        r["timezone"],
        r["our_account"],
        r["imported_by"],
        r["imported_at"],
        int(r["message_count"]),
    )


def custody(session: Session, *needles: str) -> list[CustodyEntry]:
    """Ledger entries whose payload names any of ``needles`` (an import, a contact, an item)."""
    session.require(Action.LOG_READ)
    wanted = [n for n in needles if n]
    if not wanted:
        return []
    where = " OR ".join("instr(payload, ?) > 0" for _ in wanted)
    rows = session.conn.execute(
        f"SELECT seq, at, actor, action FROM ledger WHERE {where} ORDER BY seq", wanted
    ).fetchall()
    return [CustodyEntry(int(r["seq"]), r["at"], r["actor"], r["action"]) for r in rows]


def stamp_state(session: Session, entry_seq: int | None) -> StampState:
    """Is the checkpoint that contains ``entry_seq`` covered by a stored RFC 3161 token?"""
    if entry_seq is None:
        return StampState(None, False, None, None, None)
    row = session.conn.execute(
        "SELECT checkpoint_size, tsa_name, gen_time FROM timestamps WHERE checkpoint_size >= ? "
        "ORDER BY checkpoint_size LIMIT 1",
        (entry_seq,),
    ).fetchone()
    if row is None:
        return StampState(entry_seq, False, None, None, None)
    return StampState(
        entry_seq, True, row["tsa_name"], row["gen_time"], int(row["checkpoint_size"])
    )


def _import_entry_seq(session: Session, import_id: str) -> int | None:
    row = session.conn.execute(
        "SELECT seq FROM ledger WHERE action = 'evidence.import' AND instr(payload, ?) > 0 "
        "ORDER BY seq LIMIT 1",
        (import_id,),
    ).fetchone()
    return None if row is None else int(row[0])


def details(session: Session, rowid: int) -> MessageDetails:
    session.require(Action.EVIDENCE_READ)
    r = session.conn.execute(
        f"SELECT {_COLUMNS}, commitment, contact_id FROM messages WHERE rowid = ?",
        (rowid,),
    ).fetchone()
    if r is None:
        raise NotFound(_said("reading.no_message", message=rowid))
    locators = case_keys.locator_reader(session)
    sources = tuple(
        (s["import_id"], locators(s["import_id"], s["position"], s["locator"]))
        for s in session.conn.execute(
            "SELECT import_id, position, locator FROM message_sources WHERE message_rowid = ? "
            "ORDER BY import_id",
            (rowid,),
        )
    )
    import_ids = sorted({s[0] for s in sources} | {r["first_import"]})
    records = tuple(import_record(session, i) for i in import_ids)
    return MessageDetails(
        _row(r, case_keys.message_opener(session, r["contact_id"])),
        r["fingerprint"],
        r["commitment"],
        sources,
        records,
        tuple(custody(session, r["contact_id"], *import_ids)),
        stamp_state(session, _import_entry_seq(session, r["first_import"])),
    )


def item_stamp(session: Session, sha256: str) -> StampState:
    """Time-stamp state of the first ledger entry that recorded an original with this digest."""
    session.require(Action.EVIDENCE_READ)
    row = session.conn.execute(
        "SELECT seq FROM ledger WHERE instr(payload, ?) > 0 ORDER BY seq LIMIT 1", (sha256,)
    ).fetchone()
    return stamp_state(session, None if row is None else int(row[0]))


def attachment_bytes(session: Session, import_id: str, member: str) -> bytes | None:
    """The bytes of a media file referenced by a message (for thumbnails), if it was exported.

    Zips are stored whole, so the member is read out of the decrypted zip; folders store each
    member as its own original. Returns None when the file is not in the original.
    """
    session.require(Action.EVIDENCE_READ)
    r = session.conn.execute(
        "SELECT i.id, i.contact_id, i.sha256, i.members, c.case_no FROM imports i "
        "JOIN contacts c ON c.id = i.contact_id WHERE i.id = ?",
        (import_id,),
    ).fetchone()
    if r is None:
        return None
    r = case_keys.open_import_row(session, dict(r))  # the member names are sealed
    case_no = str(r["case_no"])
    members: dict[str, str] = json.loads(r["members"] or "{}")
    if members:
        digest = members.get(member)
        return None if digest is None else case_blobs.read_bytes(session, digest, case_no)
    data = case_blobs.read_bytes(session, r["sha256"], case_no)
    if not zipfile.is_zipfile(io.BytesIO(data)):
        return None
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        try:
            info = archive.getinfo(member)
        except KeyError:
            return None
        if info.file_size > _MAX_ATTACHMENT_BYTES:
            return None
        return archive.read(info)


def original_bytes(session: Session, sha256: str) -> bytes:
    """A stored original (a screenshot, a request document) for preview; read-only."""
    session.require(Action.EVIDENCE_READ)
    data = case_blobs.read_bytes(session, sha256)  # any copy this user's keys open
    access_log.record(session, access_log.VIEW_ITEM, access_log.blob_cases(session, sha256), sha256)
    return data


def blob_info(session: Session, sha256: str) -> tuple[str, int] | None:
    """(SM3 digest, size) of a stored original, for the details pane."""
    session.require(Action.CONTACT_READ)
    row = session.conn.execute("SELECT sm3, size FROM blobs WHERE sha256 = ?", (sha256,)).fetchone()
    return None if row is None else (str(row["sm3"]), int(row["size"]))


def document_bytes(session: Session, contact_id: str, sha256: str) -> bytes:
    """A request document of a contact, for the approval queue's preview.

    Supervisors decide on what they saw, so they may read the documents attached to a contact
    (DOCUMENT_READ); only that contact's items qualify. Auditors see that a document is there
    (CONTACT_READ), never its content.
    """
    session.require(Action.DOCUMENT_READ)
    row = session.conn.execute(
        "SELECT 1 FROM items WHERE contact_id = ? AND sha256 = ?", (contact_id, sha256)
    ).fetchone()
    if row is None:
        raise NotFound(_said("reading.no_document", contact=contact_id, sha256=sha256))
    data = case_blobs.read_bytes(session, sha256, case_blobs.contact_case(session.conn, contact_id))
    access_log.record(
        session,
        access_log.VIEW_DOCUMENT,
        access_log.contact_case(session, contact_id),
        sha256,
        {"contact": contact_id},
    )
    return data


def page_from_end(session: Session, contact_id: str, skip: int, limit: int) -> list[MessageRow]:
    """The ``limit`` rows that end ``skip`` rows before the last one, in conversation order.

    Pages near the end (the view measures the last row to size its scroll bar, and chats are
    read from the newest end) cost a walk from the end instead of one from the start.
    """
    session.require(Action.EVIDENCE_READ)
    rows = session.conn.execute(
        f"SELECT {_COLUMNS} FROM messages WHERE contact_id = ? "
        "ORDER BY sent_at DESC, rowid DESC LIMIT ? OFFSET ?",
        (contact_id, limit, max(0, skip)),
    ).fetchall()
    opener = case_keys.message_opener(session, contact_id)
    return [_row(r, opener) for r in reversed(rows)]


def list_messages(
    session: Session, contact_id: str, *, offset: int = 0, limit: int = 1000
) -> list[StoredMessage]:
    """A page of a contact's messages with their fingerprints and sources (the CLI's
    ``messages``); the GUI pages through :func:`page_at` and its neighbours instead."""
    session.require(Action.EVIDENCE_READ)
    contact = get_contact(session, contact_id)
    rows = session.conn.execute(
        "SELECT * FROM messages WHERE contact_id = ? ORDER BY sent_at, rowid LIMIT ? OFFSET ?",
        (contact_id, limit, offset),
    ).fetchall()
    access_log.record(
        session,
        access_log.OPEN_CONVERSATION,
        [contact.case_no],
        contact_id,
        {"offset": offset, "limit": limit},
    )
    opener = case_keys.message_opener(session, contact_id)
    locators = case_keys.locator_reader(session)
    out = []
    for r in rows:
        sources = [
            f"{s['import_id']} {locators(s['import_id'], s['position'], s['locator'])}"
            for s in session.conn.execute(
                "SELECT import_id, position, locator FROM message_sources "
                "WHERE message_rowid = ? ORDER BY import_id",
                (r["rowid"],),
            )
        ]
        fields = opener.message(r["fingerprint"], r)
        out.append(
            StoredMessage(
                r["rowid"],
                r["fingerprint"],
                r["sent_at"],
                r["time_text"],
                fields.sender,
                r["direction"],
                r["kind"],
                fields.text,
                json.loads(fields.attachments),
                [f for f in r["flags"].split(",") if f],
                r["first_import"],
                sources,
            )
        )
    return out


def gap_notices(session: Session, contact_id: str) -> list[str]:
    """Say when exports of one contact leave a gap in time between them (completeness)."""
    spans = [
        (r["first_at"], r["last_at"], r["file_name"])
        for r in (
            case_keys.open_import_row(session, dict(row))
            for row in session.conn.execute(
                "SELECT id, contact_id, first_at, last_at, file_name FROM imports "
                "WHERE contact_id = ? "
                "AND kind = 'chat' AND first_at IS NOT NULL ORDER BY first_at",
                (contact_id,),
            )
        )
    ]
    notices: list[str] = []
    reach = None
    for first, last, name in spans:
        if reach is not None and first > reach[0]:
            notices.append(
                _said(
                    "import.gap",
                    from_time=reach[0],
                    from_file=reach[1],
                    to_time=first,
                    to_file=name,
                )
            )
        if reach is None or last > reach[0]:
            reach = (last, name)
    return notices


def recording_description(session: Session, sha256: str) -> RecordingDescription | None:
    """How the recording with this original was described at import; None for anything else."""
    session.require(Action.EVIDENCE_READ)
    row = session.conn.execute(
        "SELECT id, contact_id, details FROM imports WHERE sha256 = ? AND kind = 'recording' "
        "ORDER BY imported_at, id LIMIT 1",
        (sha256,),
    ).fetchone()
    if row is None:
        return None
    try:
        details = json.loads(case_keys.open_import_row(session, dict(row))["details"])
    except ValueError:
        details = {}
    return RecordingDescription.from_details(details)
