"""Verify's import check: re-parse every stored original and compare with what was stored (EV-5).

Each import's original is reopened as at import (a zip's member names by the rule its import
recorded), parsed with the recorded format and zone, and compared: the parser version, the
digest of the normalised parse, every message row (fingerprint and stored columns), the links
between messages and imports, and the Merkle root of the salted commitments signed in the
import's ledger entry. A message that no original produces was inserted outside the app.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from typing import Any

from evidence_desk.domain.errors import BadInput, ImportInputError
from evidence_desk.domain.models import Finding
from evidence_desk.domain.wording import Catalogue
from evidence_desk.importers import archive, legacy, registry
from evidence_desk.importers.base import ExportSource, ParsedChat
from evidence_desk.importers.images import ParsedImage
from evidence_desk.importers.recordings import ParsedRecording
from evidence_desk.integrity.canonical import canonical_bytes
from evidence_desk.services import case_blobs, case_keys, leave_out, shredding_checks
from evidence_desk.services.commitments import (
    attachments_json,
    commitment,
    commitments_root,
    content_bytes,
    derive,
    direction,
    fingerprints,
    salts_derived,
)
from evidence_desk.services.replay import Replay
from evidence_desk.services.session import Session
from evidence_desk.store.blobs import BlobCorrupted
from evidence_desk.store.case_keys import MESSAGE_MARK, CaseKeyError

_said = Catalogue(
    {
        # verify findings and their locations
        "import.where": "import {import_id} ({file})",
        "import.messages_elsewhere": "message checks not performed: the import was made on "
        "device {device}, whose messages this store does not hold (its original and normalised "
        "digest were checked)",
        "import.messages_not_rebuilt": "the import was made on device {device} and its "
        "messages are not rebuilt here yet: the next sync rebuilds them from the original (its "
        "commitments give the signed root)",
        "import.where_message": "{where} {locator}",
        "import.where_row": "message rowid {rowid}",
        "import.where_row_in": "message rowid {rowid} ({where} {locator})",
        "import.where_row_at": "message rowid {rowid} ({where} position {position})",
        "import.no_longer_parses": "the stored original no longer parses: {error}",
        "import.parser_changed": "stored with parser {stored}, this build has {current}: messages "
        "not re-derived",
        "import.normalised_differs": "re-parsing the original gives a different result than at "
        "import",
        "import.name_encoding_differs": "the zip's member names read as {current} now, the import "
        "recorded {stored}",
        "import.outside_app": "message is not produced by any stored original (inserted outside "
        "the app)",
        "import.message_missing": "a message of the original is missing from the store",
        "import.message_changed": "columns that differ from the original: {columns}",
        "import.not_in_original": "linked to this import but not in the original",
        "import.commitments": "the Merkle root of message commitments does not match the signed "
        "import entry",
        "import.left_out_differs": "the import recorded {recorded} "
        "{recorded:message|messages} left out; applying its recorded choice to the original "
        "leaves out {current}",
    }
)


def details_of(row: dict[str, Any]) -> dict[str, Any]:
    try:
        details = json.loads(row["details"] or "{}")
    except ValueError:
        return {}
    return details if isinstance(details, dict) else {}


def _recorded_name_encoding(row: dict[str, Any]) -> str | None:
    value = details_of(row).get("name_encoding")
    return value if isinstance(value, str) else None


def reparse(
    source: ExportSource, row: dict[str, Any]
) -> tuple[ParsedChat | ParsedImage | ParsedRecording, int | None]:
    """Parse the original as the import did: the chat it kept of a multi-chat export, without
    the participants it left out (services/leave_out.py). Also the count of messages that
    leaves out now, against what was recorded (None when nothing was left out)."""
    recorded = leave_out.recorded(details_of(row)) if row["kind"] == "chat" else None
    if recorded is None:
        return registry.parse(source, row["timezone"], row["format"]), None
    chat, digests, count = recorded
    result = (
        leave_out.parse_chosen(source, row["timezone"], chat)
        if chat is not None
        else registry.parse(source, row["timezone"], row["format"])
    )
    if not isinstance(result, ParsedChat):
        return result, None
    result, left = leave_out.apply(result, digests)
    return result, (None if left == count else left)


def reopen(session: Session, row: dict[str, Any]) -> ExportSource:
    """The stored original opened as at import. A zip whose import recorded no name encoding
    (made before names were decided by archive.NAME_ENCODINGS) is read with the legacy rule, so
    it re-parses to exactly what was stored; otherwise the rule re-derives the encoding."""
    members: dict[str, str] = json.loads(row["members"])
    # the case's own copies, under its key (services/case_blobs.py)
    case_no = case_blobs.contact_case(session.conn, row["contact_id"])
    if members:
        # every member is opened now: one this verifier cannot open is said before parsing
        for digest in members.values():
            case_blobs.reader(session, digest, case_no)
        readers = {
            name: (lambda digest=digest: case_blobs.read_bytes(session, digest, case_no))
            for name, digest in members.items()
        }
        folder = ExportSource(
            name=row["file_name"], data=b"", members=readers, container=row["file_name"]
        )
        return folder
    data = case_blobs.read_bytes(session, row["sha256"], case_no)
    if archive.is_zip(data):
        legacy = row["kind"] == "chat" and _recorded_name_encoding(row) is None
        return archive.open_zip(row["file_name"], data, legacy_names=legacy)
    return ExportSource(name=row["file_name"], data=data)


def check_imports(session: Session, replay: Replay) -> Iterable[Finding]:
    del replay
    imports = [
        # the file name and details opened (sealed under the case key), as the import had them
        case_keys.open_import_row(session, dict(r))
        for r in session.conn.execute("SELECT * FROM imports ORDER BY imported_at, id")
    ]
    linked: set[int] = set()
    # a shredded case's originals are destroyed and its messages hold no content: its imports
    # are not re-parsed (the tombstone is checked against them: shredding.check_shreddings)
    shredded = shredding_checks.shredded_contacts(session)
    for row in imports:
        if row["contact_id"] in shredded:
            linked.update(linked_rows(session, row["id"]))
            continue
        where = _said("import.where", import_id=row["id"], file=row["file_name"])
        if row["members"] == case_keys.SEALED_PLACEHOLDER:
            # a verifier without the case's key cannot open the import's names either: as for
            # its originals below, the case's ``not_performed`` warning says so
            linked.update(linked_rows(session, row["id"]))
            continue
        try:
            source = reopen(session, row)
            result, left_out_now = reparse(source, row)
        except case_blobs.OriginalSealed:
            # a verifier without the case's key: the blob check's blob.not_performed warning
            # names the case, and its messages count as recorded (another reader checks them)
            linked.update(linked_rows(session, row["id"]))
            continue
        except BlobCorrupted:
            continue  # already reported by the blob check
        except (ImportInputError, BadInput) as error:
            yield Finding("import.reparse", where, _said("import.no_longer_parses", error=error))
            continue
        if left_out_now is not None:
            yield Finding(
                "import.left_out",
                where,
                _said(
                    "import.left_out_differs",
                    recorded=details_of(row)["left_out"].get("messages"),
                    current=left_out_now,
                ),
            )
        recorded = _recorded_name_encoding(row)
        if recorded is not None and source.name_encoding != recorded:
            yield Finding(
                "import.name_encoding",
                where,
                _said(
                    "import.name_encoding_differs",
                    stored=recorded,
                    current=source.name_encoding or "-",
                ),
            )
        # an import sealed by an earlier parser version is rebuilt as that version sealed it
        sealed = legacy.as_recorded(result, row["parser_version"])
        if sealed is None:
            yield Finding(
                "import.parser_changed",
                where,
                _said(
                    "import.parser_changed",
                    stored=row["parser_version"],
                    current=result.parser_version,
                ),
                severity="warning",
            )
            continue
        normalised = sealed if isinstance(sealed, bytes) else canonical_bytes(sealed)
        if hashlib.sha256(normalised).hexdigest() != row["normalised_sha256"]:
            yield Finding(
                "import.normalised",
                where,
                _said("import.normalised_differs"),
            )
        if not isinstance(result, ParsedChat):
            continue
        # (an import without messages has none to hold: compared here as any other)
        device = _made_elsewhere(session, row["id"]) if result.messages else None
        if device is not None:
            yield _elsewhere(session, row, result, where, device)
            continue
        yield from _compare_messages(session, row, result, linked)
    orphans = session.conn.execute(
        "SELECT rowid, fingerprint FROM messages ORDER BY rowid"
    ).fetchall()
    for r in orphans:
        if r["rowid"] not in linked:
            yield Finding(
                "message.unrecorded",
                _said("import.where_row", rowid=r["rowid"]),
                _said("import.outside_app"),
            )


def _elsewhere(
    session: Session, row: dict[str, Any], result: ParsedChat, where: str, device: str
) -> Finding:
    """The finding for another device's import whose messages this store does not hold. Its
    salts derived from the case key (services/rebuild.py): the re-parse's commitments must
    give the root that device signed (else ``import.commitments``), and sync rebuilds the
    messages. An earlier build's random salts: the messages stay on that device."""
    case_no = case_blobs.contact_case(session.conn, row["contact_id"])
    key = None if case_no is None else case_keys.case_key(session, case_no)
    if key is None or not salts_derived(details_of(row)):
        return Finding(
            "import.messages_elsewhere",
            where,
            _said("import.messages_elsewhere", device=device),
            severity="warning",
        )
    contents = [content_bytes(m) for m in result.messages]
    if derive(key, row["contact_id"], contents).root != row["commitments_root"]:
        return Finding("import.commitments", where, _said("import.commitments"))
    return Finding(
        "import.messages_not_rebuilt",
        where,
        _said("import.messages_not_rebuilt", device=device),
        severity="warning",
    )


def _made_elsewhere(session: Session, import_id: str) -> str | None:
    """The device whose entry made ``import_id`` when it is another device of the organisation
    and this store holds none of its messages (an earlier build's random salts never leave
    that device; derived ones are rebuilt at sync: services/rebuild.py), else None. A store's
    own import, and one rebuilt here, is always compared."""
    if linked_rows(session, import_id):
        return None
    row = session.conn.execute(
        "SELECT device_id FROM device_entries WHERE action = 'evidence.import' AND verdict = '' "
        "AND instr(payload, ?) > 0 LIMIT 1",
        (f'"{import_id}"',),
    ).fetchone()
    return None if row is None else str(row[0])


def linked_rows(session: Session, import_id: str) -> list[int]:
    return [
        int(r[0])
        for r in session.conn.execute(
            "SELECT message_rowid FROM message_sources WHERE import_id = ?", (import_id,)
        )
    ]


def _compare_messages(
    session: Session, row: dict[str, Any], result: ParsedChat, linked: set[int]
) -> Iterable[Finding]:
    where = _said("import.where", import_id=row["id"], file=row["file_name"])
    sources = {
        s["position"]: s["message_rowid"]
        for s in session.conn.execute(
            "SELECT position, message_rowid FROM message_sources WHERE import_id = ?", (row["id"],)
        )
    }
    prints = fingerprints(result.messages)
    commitments: list[str] = []
    # texts sealed under the case key are compared once opened; a verifier without the key
    # leaves them unchecked (case_key_checks reports the case's content checks not performed)
    opener = case_keys.message_opener(session, row["contact_id"])
    # the import's locators sealed as one list: compared by position (a list that does not
    # open is case_key_checks' finding)
    try:
        sealed_locators = case_keys.open_import_locators(session, row["id"])
    except CaseKeyError:
        sealed_locators = None
    for position, (message, fingerprint) in enumerate(zip(result.messages, prints, strict=True)):
        locator = f"{message.source.file} {message.source.locator}"
        rowid = sources.pop(position, None)
        stored = (
            None
            if rowid is None
            else session.conn.execute("SELECT * FROM messages WHERE rowid = ?", (rowid,)).fetchone()
        )
        if stored is None:
            yield Finding(
                "message.missing",
                _said("import.where_message", where=where, locator=locator),
                _said("import.message_missing"),
            )
            continue
        linked.add(rowid)
        expected = {
            "fingerprint": fingerprint,
            "sent_at": message.sent_at.isoformat(),
            "time_text": message.time_text,
            "sender": message.sender,
            "direction": direction(message, row["our_account"]),
            "kind": message.kind.value,
            "text": message.text,
            "attachments": attachments_json(message),
            "contact_id": row["contact_id"],
        }
        # the fields sealed under the case key, opened (None: does not open, so changed); a
        # verifier without the key leaves them unchecked
        try:
            fields = opener.message(fingerprint, stored)
        except CaseKeyError:
            fields = None
        opened: dict[str, Any] = {
            "text": None if fields is None else fields.text,
            "sender": None if fields is None else fields.sender,
            "attachments": None if fields is None else fields.attachments,
        }
        if isinstance(stored["text"], bytes) and not opener.can_open:
            for column in opened:
                del expected[column]
            opened = {}
        clear: list[str] = []
        if isinstance(stored["text"], bytes) and stored["text"][:1] == MESSAGE_MARK:
            # sealed as one: the columns it replaces hold nothing in clear
            clear = [c for c in ("raw", "sender_id") if stored[c] is not None]
            clear += [c for c in ("sender", "attachments") if stored[c] != ""]
        elif opener.can_open and not isinstance(stored["text"], bytes):
            # a keyed case's message in clear: the import and the migration seal every one,
            # so only an edit outside the app puts one there
            clear.append("text")
        if sealed_locators and (
            position >= len(sealed_locators) or sealed_locators[position] != locator
        ):
            clear.append("locator")
        changed = sorted(
            {k for k, v in expected.items() if (opened[k] if k in opened else stored[k]) != v}
            | set(clear)
        )
        if changed:
            yield Finding(
                "message.changed",
                _said("import.where_row_in", rowid=rowid, where=where, locator=locator),
                _said("import.message_changed", columns=", ".join(changed)),
            )
        commitments.append(commitment(stored["salt"], message))
    for position, rowid in sorted(sources.items()):
        yield Finding(
            "message.unrecorded",
            _said("import.where_row_at", rowid=rowid, where=where, position=position),
            _said("import.not_in_original"),
        )
    if commitments_root(commitments) != row["commitments_root"]:
        yield Finding(
            "import.commitments",
            where,
            _said("import.commitments"),
        )
