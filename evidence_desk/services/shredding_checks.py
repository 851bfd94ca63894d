"""``verify`` over shredded cases (issue 18 item 3): the tombstones against what remains.

Runs in ``verify.CHECKS``; the replay itself accepts a redacted entry's payload by the digest its
tombstone recorded (:func:`redactions`), and the blob and import checks skip what a tombstone
destroyed (:func:`shredded_legacy_blobs`, :func:`shredded_contacts`). See services/shredding.py
for what shredding destroys.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from evidence_desk.domain import shredding
from evidence_desk.domain.models import Finding
from evidence_desk.domain.wording import Catalogue
from evidence_desk.integrity import ledger
from evidence_desk.services.replay import Replay
from evidence_desk.services.session import Session
from evidence_desk.services.shredding import list_digest
from evidence_desk.store import db

_said = Catalogue(
    {
        "shred.where_case": "case {case}",
        "shred.where_entry": "ledger seq {seq}",
        "shred.note": "case {case} was shredded at {shredded_at} by {shredded_by} (basis "
        "{basis}); its content checks are skipped, its tombstone checked",
        "shred.content_present": "content of shredded case {case} is present again ({what})",
        "shred.count": "the tombstone of case {case} records {recorded} {what}, {found} remain",
        "shred.digest": "the {what} digest of case {case} does not match its tombstone",
        "shred.redacted_digest": "the redacted payload does not match the digest its tombstone "
        "(ledger seq {tombstone}) records",
        "shred.redacted_by_rejected": "the payload was changed after it was signed, by a "
        "shredding (ledger seq {tombstone}) that breaks the rules",
        "shred.redacted_unrelated": "the tombstone (ledger seq {tombstone}) redacts an entry that "
        "is not about case {case}",
    }
)


def _marks(count: int) -> str:
    return ", ".join("?" * count)


@dataclass(frozen=True, slots=True)
class Redaction:
    """One redacted entry as a tombstone records it."""

    tombstone: int  # the tombstone's seq
    digest: str  # SHA-256 of the redacted payload text


def redactions(conn: db.Connection) -> dict[int, Redaction]:
    """seq -> its redaction, from every tombstone in the ledger (read before the replay, which
    meets the redacted entries before their tombstones)."""
    found: dict[int, Redaction] = {}
    for seq, text in conn.execute(
        "SELECT seq, payload FROM ledger WHERE action = 'case.shred' ORDER BY seq"
    ):
        try:
            listed = json.loads(text).get("redacted", [])
        except (ValueError, AttributeError):
            continue
        if not isinstance(listed, list):
            continue
        for item in listed:
            if (
                isinstance(item, list)
                and len(item) == 2
                and type(item[0]) is int
                and isinstance(item[1], str)
                and item[0] < seq
            ):
                found.setdefault(item[0], Redaction(int(seq), item[1]))
    return found


def check_shreddings(session: Session, replay: Replay) -> Iterable[Finding]:
    """Each tombstone against what remains: a note per shredded case; the redacted entries
    (about the case, redacted as recorded, by a tombstone that keeps the rules); the counts and
    digests; no content back (message text, personal columns, blob files)."""
    conn = session.conn
    by_seq = {e.seq: (e, p) for e, p in zip(replay.entries, replay.payloads, strict=True)}
    listed = redactions(conn)
    owned: dict[str, shredding.CaseRows] = {}
    for seq, redaction in sorted(listed.items()):
        where = _said("shred.where_entry", seq=seq)
        entry_payload = by_seq.get(seq)
        if entry_payload is None:
            continue
        entry, payload = entry_payload
        tombstone = by_seq.get(redaction.tombstone)
        case_no = (
            tombstone[1].get("case_no") if tombstone and isinstance(tombstone[1], dict) else None
        )
        if redaction.tombstone in replay.rejected:
            if ledger.payload_hash(entry.payload) == entry.payload_hash:
                continue  # the rejected tombstone's redaction was undone: nothing to say
            yield Finding(
                "ledger.payload",
                where,
                _said("shred.redacted_by_rejected", tombstone=redaction.tombstone),
            )
        elif ledger.payload_hash(entry.payload) != redaction.digest:
            if entry.payload_hash == ledger.payload_hash(entry.payload):  # the original is back
                yield Finding(
                    "shred.content_present",
                    where,
                    _said("shred.redacted_digest", tombstone=redaction.tombstone),
                )
            # (any other text is the chain's finding: ledger.payload)
        elif isinstance(case_no, str) and not shredding.concerns(
            payload,
            owned.get(case_no) or owned.setdefault(case_no, _replayed_rows(replay, case_no)),
        ):
            yield Finding(
                "shred.unrelated",
                where,
                _said("shred.redacted_unrelated", tombstone=redaction.tombstone, case=case_no),
            )
    own: set[str] = set()
    for entry, payload in zip(replay.entries, replay.payloads, strict=True):
        if entry.action != "case.shred" or entry.seq in replay.rejected:
            continue
        if isinstance(payload, dict):
            own.add(str(payload.get("case_no")))
            yield from _check_tombstone(session, replay, entry, payload, own=True)
    yield from _check_pulled(session, replay, own)


def _check_pulled(session: Session, replay: Replay, own: set[str]) -> Iterable[Finding]:
    """The tombstones of other devices that the replay accepted (their ``shreddings`` row is
    in the replayed tables): this device destroyed the case when it pulled one, so nothing
    of it may be here. Their counts and digests describe what the shredding device held, so
    only the content is checked."""
    accepted = {str(key[0]) for key in replay.tables["shreddings"]} - own
    for device in replay.devices.values():
        for entry in device.entries:
            if entry.action != "case.shred":
                continue
            payload = _parsed(entry.payload)
            case_no = str(payload.get("case_no"))
            if case_no in accepted:
                accepted.discard(case_no)
                yield from _check_tombstone(session, replay, entry, payload, own=False)


def _parsed(text: str) -> Mapping[str, Any]:
    with contextlib.suppress(ValueError):
        return _mapping(json.loads(text))
    return {}


#: content shredding deletes whole, by its contact: (what a finding names, the rows joined to
#: their contact as ``i``): the sealed locators, and the screenshots' text read by OCR
_SHREDDED_ROWS = (
    ("locators", "import_locators l JOIN imports i ON i.id = l.import_id"),
    ("OCR results", "ocr_results o JOIN items i ON i.id = o.item_id"),
)


def _check_tombstone(
    session: Session,
    replay: Replay,
    entry: ledger.Entry,
    payload: Mapping[str, Any],
    *,
    own: bool,
) -> Iterable[Finding]:
    """One tombstone: a note, no content of its case left, and (``own``: written here) its
    counts and digests against what remains."""
    case_no = str(payload.get("case_no"))
    where = _said("shred.where_case", case=case_no)
    yield Finding(
        "shred.note",
        where,
        _said(
            "shred.note",
            case=case_no,
            shredded_at=entry.at,
            shredded_by=entry.actor,
            basis=payload.get("basis"),
        ),
        severity="info",
    )
    conn = session.conn
    contacts = [
        str(k[0]) for k, r in replay.tables["contacts"].items() if r.get("case_no") == case_no
    ]
    counts = _mapping(payload.get("counts"))
    digests = _mapping(payload.get("digests"))
    inside = _marks(len(contacts))
    messages: list[Any] = []
    if contacts:
        messages = conn.execute(
            f"SELECT {', '.join(shredding.MESSAGE_CONTENT)}, salt, commitment FROM messages "
            f"WHERE contact_id IN ({inside})",
            contacts,
        ).fetchall()
    content = tuple(shredding.MESSAGE_CONTENT.values())
    if any(tuple(m)[: len(content)] != content or m["salt"] != "" for m in messages):
        yield Finding(
            "shred.content_present",
            where,
            _said("shred.content_present", case=case_no, what="messages"),
        )
    for what, rows in _SHREDDED_ROWS:
        if (
            contacts
            and conn.execute(
                f"SELECT 1 FROM {rows} WHERE i.contact_id IN ({inside}) LIMIT 1", contacts
            ).fetchone()
        ):
            yield Finding(
                "shred.content_present",
                where,
                _said("shred.content_present", case=case_no, what=what),
            )
    for what, found in (("messages", len(messages)), ("contacts", len(contacts))):
        if own and counts.get(what) != found:
            yield Finding(
                "shred.count",
                where,
                _said(
                    "shred.count", case=case_no, recorded=counts.get(what), what=what, found=found
                ),
            )
    if own and digests.get("commitments") != list_digest(str(m["commitment"]) for m in messages):
        yield Finding(
            "shred.digest", where, _said("shred.digest", case=case_no, what="commitments")
        )
    blobs = [str(b) for b in payload.get("blobs", ()) if isinstance(b, str)]
    if own and (digests.get("blobs") != list_digest(blobs) or counts.get("blobs") != len(blobs)):
        yield Finding("shred.digest", where, _said("shred.digest", case=case_no, what="blobs"))
    if any(
        session.blobs.path_for_name(name).exists() for name in _files_of(replay, case_no, blobs)
    ):
        yield Finding(
            "shred.content_present",
            where,
            _said("shred.content_present", case=case_no, what="originals"),
        )
    owned = _replayed_rows(replay, case_no)
    for table in shredding.CASE_TABLES:
        for key, row in replay.tables[table].items():
            if key[0] in owned.keys.get(table, ()) and not shredding.is_redacted(table, row):
                yield Finding(
                    "shred.content_present",
                    where,
                    _said("shred.content_present", case=case_no, what=f"{table} {key[0]}"),
                )


def _mapping(value: object) -> Mapping[str, Any]:
    return value if isinstance(value, dict) else {}


def _replayed_rows(replay: Replay, case_no: str) -> shredding.CaseRows:
    return shredding.case_rows(
        case_no, {table: list(replay.tables[table].values()) for table in shredding.CASE_TABLES}
    )


def _files_of(replay: Replay, case_no: str, blobs: list[str]) -> list[str]:
    """The files a tombstone destroyed: the case's copies under its key (``case_blobs``), and
    the files under the store key of the originals it lists that the case held no copy of."""
    copies = {
        str(row.get("sha256")): str(row.get("name"))
        for row in replay.tables["case_blobs"].values()
        if row.get("case_no") == case_no
    }
    names = list(copies.values())
    for sha256 in blobs:
        if sha256 not in copies:
            with contextlib.suppress(AttributeError, ValueError):
                names.append(_store_key_name(replay, sha256))
    return names


def _store_key_name(replay: Replay, sha256: str) -> str:
    row = replay.tables["blobs"].get((sha256,)) or {}
    return str(row.get("name") or "") or "-"


def shredded_legacy_blobs(conn: db.Connection, held: set[tuple[str, str]]) -> set[str]:
    """The originals under the store key that the tombstones in the ledger destroyed (verify
    skips their re-hash): those a tombstone lists that its case held no copy of (``held``:
    (case, sha256) of every case's copy; a copy is skipped with its shredded case)."""
    gone: set[str] = set()
    for (text,) in conn.execute("SELECT payload FROM ledger WHERE action = 'case.shred'"):
        with contextlib.suppress(ValueError, AttributeError, TypeError):
            payload = json.loads(text)
            case_no = str(payload.get("case_no"))
            gone.update(str(b) for b in payload.get("blobs", ()) if (case_no, str(b)) not in held)
    return gone


def shredded_contacts(session: Session) -> set[str]:
    """The contacts of shredded cases (verify skips re-parsing their imports)."""
    return {
        str(r[0])
        for r in session.conn.execute(
            "SELECT c.id FROM contacts c JOIN shreddings s ON s.case_no = c.case_no"
        )
    }
