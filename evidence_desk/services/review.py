"""Review: tags and notes on messages and items, and searching the stored conversations.

Lawyers need the key messages found and marked: a promise to pay, an acknowledgement of the
debt (which interrupts the limitation period, Civil Code art. 195), a dispute, a threat, an
admission of identity or address. A tag is evidence about evidence, so it is treated like any
other state change: every tag, note and removal is one signed ledger entry whose row changes
``verify`` replays into the ``tags`` table (a tag edited or slipped into the database is found).
A removal never deletes: it fills ``removed_by/removed_at/remove_note`` so the bundle's custody
log and the tag history both show who withdrew what and why.

A tag names its message by ``(contact_id, message_fingerprint)``, the identity ``verify``
re-derives from the originals, not by the database rowid; the rowid is only the handle callers
use (``list_messages``, ``search`` and conduct findings all report it as ``message_id``).

Permissions (domain/policy.py): ``REVIEW_TAG`` (staff, supervisor, legal) to tag and untag;
field staff may withdraw only their own tags, a supervisor or the legal team anyone's, because
a tag can be what a bundle's argument rests on. Reading and searching need ``EVIDENCE_READ``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from evidence_desk import translations
from evidence_desk.domain.errors import BadInput, NotFound, RuleViolation
from evidence_desk.domain.models import Finding, Role
from evidence_desk.domain.policy import Action
from evidence_desk.domain.wording import Catalogue, Phrase
from evidence_desk.services import access_log, case_keys, reading
from evidence_desk.services import settings as settings_service
from evidence_desk.services.common_wording import COMMON_WORDING
from evidence_desk.services.originals import new_id
from evidence_desk.services.replay import Replay
from evidence_desk.services.session import Session, put

# tag -> its label, a wording code of its own (English here, Chinese in the translations' .ts).
# "note" is a free note with no legal category.
_tag_labels = Catalogue(
    {
        "tag.promise_to_pay": "promise to pay",
        "tag.debt_ack": "debt acknowledgement",
        "tag.dispute": "dispute",
        "tag.threat": "threat or abuse",
        "tag.identity": "identity",
        "tag.contact_info": "address or contact info",
        "tag.note": "note",
    }
)
TAGS: dict[str, Phrase] = {
    code.removeprefix("tag."): _tag_labels(code) for code in _tag_labels.codes()
}
MAX_NOTE = 4000
TARGET_MESSAGE = "message"
TARGET_ITEM = "item"


@dataclass(frozen=True, slots=True)
class Tag:
    id: str
    case_no: str
    contact_id: str
    target_kind: str  # "message" or "item"
    message_id: int | None  # messages.rowid, None for items (or a message no longer stored)
    message_fingerprint: str | None
    item_id: str | None
    tag: str
    note: str
    created_by: str
    created_at: str
    removed_by: str | None
    removed_at: str | None
    remove_note: str | None

    @property
    def active(self) -> bool:
        return self.removed_at is None

    @property
    def label_zh(self) -> str:
        return translations.say(TAGS.get(self.tag, self.tag), "zh_CN")

    @property
    def label_en(self) -> str:
        return str(TAGS.get(self.tag, self.tag))

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "case_no": self.case_no,
            "contact_id": self.contact_id,
            "target_kind": self.target_kind,
            "message_id": self.message_id,
            "item_id": self.item_id,
            "tag": self.tag,
            "label_zh": self.label_zh,
            "label_en": self.label_en,
            "note": self.note,
            "created_by": self.created_by,
            "created_at": self.created_at,
            "active": self.active,
            "removed_by": self.removed_by,
            "removed_at": self.removed_at,
            "remove_note": self.remove_note,
        }


@dataclass(frozen=True, slots=True)
class SearchHit:
    message_id: int
    case_no: str
    contact_id: str
    sent_at: str
    sender: str
    direction: str
    kind: str
    text: str
    flags: tuple[str, ...]
    tags: tuple[str, ...]  # active tags on the message

    def as_json(self) -> dict[str, Any]:
        return {
            "message_id": self.message_id,
            "case_no": self.case_no,
            "contact_id": self.contact_id,
            "sent_at": self.sent_at,
            "sender": self.sender,
            "direction": self.direction,
            "kind": self.kind,
            "text": self.text,
            "flags": list(self.flags),
            "tags": list(self.tags),
        }


# -- validation ---------------------------------------------------------------------------------

_said = Catalogue(
    {
        **COMMON_WORDING,
        "review.unknown_tag": "unknown tag (known: {known})",
        "review.note_text": "a free note needs its text",
        "review.no_message": "no message {message}",
        "review.no_item": "no item {item}",
        # ``target`` is "message" or "item", ``tag`` a tag code (TAGS)
        "review.duplicate_tag": "this {target} already carries the active tag {tag} ({existing}); "
        "add a note to it instead",
        "review.already_removed": "tag {tag_id} was already removed by {removed_by} at "
        "{removed_at}",
        "review.not_own_tag": "tag {tag_id} was set by {created_by}: field staff may remove only "
        "their own tags; ask a supervisor or the legal team",
        "review.removed_meanwhile": "tag {tag_id} was removed meanwhile by {removed_by}",
        "review.no_tag": "no tag {tag_id}",
        "review.bad_date": "use YYYY-MM-DD or an ISO date-time",
        "review.bad_limit": "must be 1 or more",
        "review.bad_direction": "must be in, out or system",
        # verify findings and their locations
        "review.where_tag": "tag {tag_id}",
        "review.message_gone": "the tagged message {fingerprint} of contact {contact} is not in "
        "the store",
        "review.item_elsewhere": "the tagged item {item} is not an item of contact {contact}",
        "review.no_target": "the tag names no message or item",
    }
)


def _check_tag(tag: str, note: str) -> tuple[str, str]:
    tag = tag.strip()
    if tag not in TAGS:
        raise BadInput("tag", tag, _said("review.unknown_tag", known=", ".join(TAGS)))
    note = note.strip()
    if tag == "note" and not note:
        raise BadInput("note", "", _said("review.note_text"))
    if len(note) > MAX_NOTE:
        raise BadInput("note", "", _said("input.note_too_long", limit=MAX_NOTE))
    return tag, note


def _message_row(session: Session, message_id: int) -> Any:
    row = session.conn.execute(
        "SELECT m.rowid, m.fingerprint, m.contact_id, c.case_no FROM messages m "
        "JOIN contacts c ON c.id = m.contact_id WHERE m.rowid = ?",
        (message_id,),
    ).fetchone()
    if row is None:
        raise NotFound(_said("review.no_message", message=message_id))
    return row


def _item_row(session: Session, item_id: str) -> Any:
    row = session.conn.execute(
        "SELECT i.id, i.contact_id, c.case_no FROM items i "
        "JOIN contacts c ON c.id = i.contact_id WHERE i.id = ?",
        (item_id,),
    ).fetchone()
    if row is None:
        raise NotFound(_said("review.no_item", item=item_id))
    return row


def _no_duplicate(conn: Any, row: dict[str, Any]) -> None:
    """One active tag of a kind per target (free notes may repeat). Checked inside the write."""
    if row["tag"] == "note":
        return
    if row["target_kind"] == TARGET_MESSAGE:
        where, key = "message_fingerprint = ?", row["message_fingerprint"]
    else:
        where, key = "item_id = ?", row["item_id"]
    found = conn.execute(
        f"SELECT id FROM tags WHERE contact_id = ? AND {where} AND tag = ? "
        "AND removed_at IS NULL AND id != ?",
        (row["contact_id"], key, row["tag"], row["id"]),
    ).fetchone()
    if found is not None:
        raise RuleViolation(
            "review.duplicate_tag",
            _said(
                "review.duplicate_tag",
                target=row["target_kind"],
                tag=row["tag"],
                existing=found["id"],
            ),
        )


# -- tagging ------------------------------------------------------------------------------------


def _add(session: Session, row: dict[str, Any], target: dict[str, Any]) -> Tag:
    # the note is sealed under the case key (services/case_keys.py)
    row["note"] = case_keys.seal_tag_note(session, row["case_no"], row["id"], "note", row["note"])
    session.write(
        "review.tag",
        {
            "tag_id": row["id"],
            "tag": row["tag"],
            "case_no": row["case_no"],
            "contact_id": row["contact_id"],
            "target": target,
        },
        [put("tags", row)],
        extra=lambda conn, _seq: _no_duplicate(conn, row),
    )
    return get_tag(session, row["id"])


def _new_row(
    session: Session, case_no: str, contact_id: str, tag: str, note: str
) -> dict[str, Any]:
    return {
        "id": new_id("T"),
        "case_no": case_no,
        "contact_id": contact_id,
        "target_kind": TARGET_MESSAGE,
        "message_fingerprint": None,
        "item_id": None,
        "tag": tag,
        "note": note,
        "created_by": session.user.name,
        "created_at": session.now(),
        "removed_by": None,
        "removed_at": None,
        "remove_note": None,
    }


def tag_message(session: Session, message_id: int, tag: str, note: str = "") -> Tag:
    """Tag one stored message (``message_id`` is the rowid that list_messages and search show)."""
    session.require(Action.REVIEW_TAG)
    tag, note = _check_tag(tag, note)
    message = _message_row(session, message_id)
    row = _new_row(session, message["case_no"], message["contact_id"], tag, note)
    row["message_fingerprint"] = message["fingerprint"]
    return _add(session, row, {"kind": TARGET_MESSAGE, "fingerprint": message["fingerprint"]})


def tag_item(session: Session, item_id: str, tag: str, note: str = "") -> Tag:
    """Tag an evidence item (a screenshot, a document attached to the contact)."""
    session.require(Action.REVIEW_TAG)
    tag, note = _check_tag(tag, note)
    item = _item_row(session, item_id)
    row = _new_row(session, item["case_no"], item["contact_id"], tag, note)
    row["target_kind"] = TARGET_ITEM
    row["item_id"] = item_id
    return _add(session, row, {"kind": TARGET_ITEM, "item_id": item_id})


def untag(session: Session, tag_id: str, note: str = "") -> Tag:
    """Withdraw a tag: a ledger entry of its own; the tag stays on record as removed."""
    session.require(Action.REVIEW_TAG)
    current = get_tag(session, tag_id)
    if not current.active:
        raise RuleViolation(
            "review.tag_state",
            _said(
                "review.already_removed",
                tag_id=tag_id,
                removed_by=current.removed_by,
                removed_at=current.removed_at,
            ),
        )
    if session.user.role == Role.STAFF and current.created_by != session.user.name:
        raise RuleViolation(
            "review.own_tag",
            _said("review.not_own_tag", tag_id=tag_id, created_by=current.created_by),
        )
    note = note.strip()
    if len(note) > MAX_NOTE:
        raise BadInput("note", "", _said("input.note_too_long", limit=MAX_NOTE))
    # sealed under the case key, the same sealed text in the row and the payload
    note = case_keys.seal_tag_note(session, current.case_no, tag_id, "remove_note", note)
    changes = {
        "id": tag_id,
        "removed_by": session.user.name,
        "removed_at": session.now(),
        "remove_note": note,
    }

    def still_active(conn: Any, _seq: int) -> None:
        # Inside the write lock: if someone withdrew the tag since we read it, their entry is
        # already in the ledger, and this one must not record a second removal.
        earlier = conn.execute(
            "SELECT actor FROM ledger WHERE action = 'review.untag' AND instr(payload, ?) > 0",
            (f'"tag_id":"{tag_id}"',),
        ).fetchone()
        if earlier is not None:
            raise RuleViolation(
                "review.tag_state",
                _said("review.removed_meanwhile", tag_id=tag_id, removed_by=earlier["actor"]),
            )

    session.write(
        "review.untag",
        {"tag_id": tag_id, "tag": current.tag, "contact_id": current.contact_id, "note": note},
        [put("tags", changes)],
        extra=still_active,
    )
    return get_tag(session, tag_id)


# -- reading ------------------------------------------------------------------------------------

_TAG_SELECT = (
    "SELECT t.*, m.rowid AS message_id FROM tags t LEFT JOIN messages m "
    "ON t.target_kind = 'message' AND m.contact_id = t.contact_id "
    "AND m.fingerprint = t.message_fingerprint"
)


def _tag(session: Session, record: Any) -> Tag:
    row = case_keys.open_tag_row(session, record)  # the notes are sealed under the case key
    return Tag(
        row["id"],
        row["case_no"],
        row["contact_id"],
        row["target_kind"],
        None if row["message_id"] is None else int(row["message_id"]),
        row["message_fingerprint"],
        row["item_id"],
        row["tag"],
        row["note"],
        row["created_by"],
        row["created_at"],
        row["removed_by"],
        row["removed_at"],
        row["remove_note"],
    )


def get_tag(session: Session, tag_id: str) -> Tag:
    session.require(Action.EVIDENCE_READ)
    row = session.conn.execute(f"{_TAG_SELECT} WHERE t.id = ?", (tag_id,)).fetchone()
    if row is None:
        raise NotFound(_said("review.no_tag", tag_id=tag_id))
    return _tag(session, row)


def list_tags(
    session: Session,
    *,
    case_no: str | None = None,
    contact_id: str | None = None,
    tag: str | None = None,
    message_id: int | None = None,
    include_removed: bool = False,
) -> list[Tag]:
    """Tags in conversation order (message time, then tagging time); active ones by default."""
    session.require(Action.EVIDENCE_READ)
    if tag is not None and tag not in TAGS:
        raise BadInput("tag", tag, _said("review.unknown_tag", known=", ".join(TAGS)))
    clauses: list[str] = ["1 = 1"]
    args: list[Any] = []
    for column, value in (("t.case_no", case_no), ("t.contact_id", contact_id), ("t.tag", tag)):
        if value is not None:
            clauses.append(f"{column} = ?")
            args.append(value)
    if message_id is not None:
        clauses.append("m.rowid = ?")
        args.append(message_id)
    if not include_removed:
        clauses.append("t.removed_at IS NULL")
    rows = session.conn.execute(
        f"{_TAG_SELECT} WHERE {' AND '.join(clauses)} "
        "ORDER BY t.case_no, t.contact_id, coalesce(m.sent_at, t.created_at), t.created_at, t.id",
        args,
    ).fetchall()
    return [_tag(session, r) for r in rows]


# -- search -------------------------------------------------------------------------------------


def utc_bound(value: str | date, zone: ZoneInfo, what: str, *, end: bool) -> str:
    """A UTC bound for ``sent_at`` (stored as UTC ISO text) from a local date or date-time.

    A bare date means the whole local day: ``date_to`` includes it (the bound is the next
    midnight, exclusive). A date-time without an offset is local time in ``zone``.
    """
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, date):
        moment = datetime.combine(value + timedelta(days=1) if end else value, time())
    else:
        text = value.strip()
        try:
            if len(text) == 10:
                day = date.fromisoformat(text)
                moment = datetime.combine(day + timedelta(days=1) if end else day, time())
            else:
                moment = datetime.fromisoformat(text)
        except ValueError:
            raise BadInput(what, text, _said("review.bad_date")) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=zone)
    return moment.astimezone(UTC).isoformat()


def search(
    session: Session,
    text: str | None = None,
    *,
    tag: str | None = None,
    sender: str | None = None,
    direction: str | None = None,
    date_from: str | date | None = None,
    date_to: str | date | None = None,
    contact_id: str | None = None,
    case_no: str | None = None,
    timezone: str | None = None,
    limit: int = 1000,
) -> list[SearchHit]:
    """Messages matching every given filter, oldest first.

    ``text`` of three characters or more uses the FTS5 trigram index (Chinese included,
    case-insensitive for Latin letters); shorter text such as 还款 is matched as LIKE would on the
    filtered messages' texts once opened (they are sealed under the case key). ``sender`` matches
    the sender's name or account id (substring, as LIKE would), once opened too; ``direction``
    is ``out`` (staff), ``in`` (the contact) or ``system``. Dates are local dates in
    ``timezone`` (default: the store's ``timezone`` setting), ``date_to`` inclusive.
    """
    session.require(Action.EVIDENCE_READ)
    if limit < 1:
        raise BadInput("limit", str(limit), _said("review.bad_limit"))
    clauses: list[str] = []
    args: list[Any] = []
    needle = (text or "").strip()
    source = "messages m JOIN contacts c ON c.id = m.contact_id"
    if len(needle) >= 3:
        source = (
            "message_text JOIN messages m ON m.rowid = message_text.rowid "
            "JOIN contacts c ON c.id = m.contact_id"
        )
        clauses.append("message_text MATCH ?")
        args.append('"' + needle.replace('"', '""') + '"')
    # a shorter needle is matched once the texts are opened (they are sealed under the case
    # key, services/case_keys.py), as LIKE would match them
    if tag is not None:
        if tag not in TAGS:
            raise BadInput("tag", tag, _said("review.unknown_tag", known=", ".join(TAGS)))
        clauses.append(
            "EXISTS (SELECT 1 FROM tags t WHERE t.contact_id = m.contact_id "
            "AND t.message_fingerprint = m.fingerprint AND t.tag = ? AND t.removed_at IS NULL)"
        )
        args.append(tag)
    # the sender's name and id are sealed under the case key too: matched once opened
    who = (sender or "").strip()
    if direction is not None:
        if direction not in ("in", "out", "system"):
            raise BadInput("direction", direction, _said("review.bad_direction"))
        clauses.append("m.direction = ?")
        args.append(direction)
    if date_from is not None or date_to is not None:
        zone = ZoneInfo(settings_service.get(session, "timezone"))
        if timezone is not None:
            zone = ZoneInfo(settings_service.SETTINGS["timezone"].validate(timezone))
        if date_from is not None:
            clauses.append("m.sent_at >= ?")
            args.append(utc_bound(date_from, zone, "from", end=False))
        if date_to is not None:
            clauses.append("m.sent_at < ?")
            args.append(utc_bound(date_to, zone, "to", end=True))
    if contact_id is not None:
        clauses.append("m.contact_id = ?")
        args.append(contact_id)
    if case_no is not None:
        clauses.append("c.case_no = ?")
        args.append(case_no)
    where = " AND ".join(clauses) if clauses else "1 = 1"
    short = bool(needle) and len(needle) < 3
    scan = short or bool(who)  # filtered here, after the SQL: no LIMIT there
    found = session.conn.execute(
        f"SELECT m.rowid AS rowid, m.*, c.case_no FROM {source} WHERE {where} "
        "ORDER BY m.sent_at, m.rowid" + ("" if scan else " LIMIT ?"),
        args if scan else [*args, limit],
    )
    openers: dict[str, case_keys.MessageOpener] = {}
    rows: list[tuple[Any, str, str]] = []
    for r in found:
        contact = str(r["contact_id"])
        opener = openers.get(contact)
        if opener is None:
            opener = openers[contact] = case_keys.message_opener(session, contact)
        fields = opener.message(r["fingerprint"], r)
        name = fields.sender
        if who and not _sender_matches(who, name, fields.sender_id):
            continue
        opened = fields.text
        if short and not reading.like(needle, opened):
            continue
        rows.append((r, opened, name))
        if len(rows) >= limit:
            break
    found.close()
    tags_by_message = _active_tags(session, [int(r["rowid"]) for r, _text, _name in rows])
    # the read log (PI-1): one row per case whose messages the search showed
    filters = {"text": text, "tag": tag, "sender": sender, "contact": contact_id, "hits": len(rows)}
    access_log.record(
        session,
        access_log.SEARCH,
        {str(r["case_no"]) for r, _text, _name in rows} | ({case_no} if case_no else set()),
        contact_id or case_no or "",
        {k: v for k, v in filters.items() if v is not None},
    )
    return [
        SearchHit(
            int(r["rowid"]),
            r["case_no"],
            r["contact_id"],
            r["sent_at"],
            name,
            r["direction"],
            r["kind"],
            text,
            tuple(f for f in r["flags"].split(",") if f),
            tuple(tags_by_message.get(int(r["rowid"]), ())),
        )
        for r, text, name in rows
    ]


def _sender_matches(needle: str, name: str, sender_id: str | None) -> bool:
    """The sender's name or account id holds ``needle``, as ``LIKE '%needle%'`` would say (a
    reader without the case key sees the placeholder, which holds no needle of theirs)."""
    if name == case_keys.SEALED_PLACEHOLDER:
        return False
    return reading.like(needle, name) or (sender_id is not None and reading.like(needle, sender_id))


def _active_tags(session: Session, message_ids: Sequence[int]) -> dict[int, list[str]]:
    found: dict[int, list[str]] = {}
    for start in range(0, len(message_ids), 500):
        chunk = list(message_ids[start : start + 500])
        marks = ", ".join("?" for _ in chunk)
        for r in session.conn.execute(
            "SELECT m.rowid AS rowid, t.tag FROM tags t JOIN messages m "
            "ON m.contact_id = t.contact_id AND m.fingerprint = t.message_fingerprint "
            f"WHERE m.rowid IN ({marks}) AND t.removed_at IS NULL ORDER BY t.created_at, t.id",
            chunk,
        ):
            found.setdefault(int(r["rowid"]), []).append(r["tag"])
    return found


# -- verification -------------------------------------------------------------------------------


def check_tag_targets(session: Session, replay: Replay) -> Iterable[Finding]:
    """Every tag the ledger describes must point at a stored message or item of its contact.

    The projection check already catches an edited tag row; this catches the other half: a
    tag whose message was removed or re-keyed, so a bundle would cite a message that is gone.
    """
    tags = replay.tables.get("tags", {})
    if not tags:
        return
    messages = {
        (r["contact_id"], r["fingerprint"])
        for r in session.conn.execute("SELECT contact_id, fingerprint FROM messages")
    }
    items = {key[0]: row.get("contact_id") for key, row in replay.tables.get("items", {}).items()}
    for (tag_id,), row in sorted(tags.items(), key=lambda kv: str(kv[0])):
        where = _said("review.where_tag", tag_id=tag_id)
        if row.get("target_kind") == TARGET_MESSAGE:
            if (row.get("contact_id"), row.get("message_fingerprint")) not in messages:
                yield Finding(
                    "review.tag_target",
                    where,
                    _said(
                        "review.message_gone",
                        fingerprint=row.get("message_fingerprint"),
                        contact=row.get("contact_id"),
                    ),
                )
        elif row.get("target_kind") == TARGET_ITEM:
            if items.get(row.get("item_id")) != row.get("contact_id"):
                yield Finding(
                    "review.tag_target",
                    where,
                    _said(
                        "review.item_elsewhere",
                        item=row.get("item_id"),
                        contact=row.get("contact_id"),
                    ),
                )
        else:
            yield Finding("review.tag_target", where, _said("review.no_target"))
