"""Importing chat exports and screenshots: preview, then one atomic commit.

The flow keeps the original primary and the parse reproducible:

1. every picked path is opened safely (zip slip, bombs... in importers/archive.py) and parsed by a
   pure importer, with the time zone as an explicit input — nothing is written yet;
2. the originals (the file, zip or folder members exactly as picked) are sealed into the blob store;
3. one transaction writes the blob rows, one evidence item per original, one ``imports`` row per
   export, the messages (each stored once per contact and linked to every export that contains
   it) and *one* ledger entry covering the file digests, the digest of the normalised parse, the
   Merkle root of per-message salted commitments and the parser name and version.

A failure or cancel anywhere rolls the transaction back and removes the blob files this import
created, so the store is exactly as before. ``verify`` re-parses every stored original and
compares the result with the stored messages (EV-5), so an edited, inserted or deleted message
is found.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Final

import sqlcipher3

from evidence_desk.domain.errors import (
    BadInput,
    Cancelled,
    FileInUse,
    ImportInputError,
    StoreBusy,
)
from evidence_desk.domain.models import Finding
from evidence_desk.domain.policy import Action
from evidence_desk.domain.recording_description import RecordingDescription
from evidence_desk.domain.wording import Catalogue
from evidence_desk.importers import archive, legacy, registry
from evidence_desk.importers.base import (
    ExportSource,
    MessageKind,
    ParsedChat,
    ParsedMessage,
    ParseProblem,
    normalised_bytes,
    sealed_phrase,
    sealed_text,
)
from evidence_desk.importers.images import ParsedImage
from evidence_desk.importers.recordings import ParsedRecording
from evidence_desk.integrity import merkle
from evidence_desk.integrity.canonical import canonical_bytes
from evidence_desk.services import settings as settings_service
from evidence_desk.services.bulk_work import cyclic_gc_paused
from evidence_desk.services.common_wording import COMMON_WORDING
from evidence_desk.services.contacts import Contact, get_contact, require_usable
from evidence_desk.services.originals import SealedOriginal, blob_rows, new_id, seal_bytes
from evidence_desk.services.session import RowChange, Session, put
from evidence_desk.services.verify import EXTRA_CHECKS, Replay
from evidence_desk.store.blobs import BlobCorrupted

Progress = Callable[[int, str], None]  # percent, what is happening

_said = Catalogue(
    {
        **COMMON_WORDING,
        "detect.forced": "forced: {format}",
        # one line of the preview's problem list; ``reason`` is the importer's coded reason
        "import.problem": "{file} {locator}: {reason}",
        "import.cancelled": "import cancelled by the user; nothing was stored",
        "import.already_imported": "{file}: identical bytes were already imported; skipped",
        "import.raced": "another import of this contact committed while this one was being "
        "prepared; nothing was stored: run the import again",
        "import.gap": "gap between exports: nothing from {from_time} ({from_file}) to {to_time} "
        "({to_file})",
        # verify findings and their locations
        "import.where": "import {import_id} ({file})",
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
        "import.message_changed": "column(s) {columns} differ from the original",
        "import.not_in_original": "linked to this import but not in the original",
        "import.commitments": "the Merkle root of message commitments does not match the signed "
        "import entry",
    }
)


# -- records ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ParsedInput:
    """One picked path, opened and parsed (nothing stored yet)."""

    path: Path
    source: ExportSource
    result: ParsedChat | ParsedImage | ParsedRecording
    detection_reason: str
    originals: tuple[tuple[str, Callable[[], bytes]], ...]  # (member or file name, bytes)
    # The picked file itself when it is the only original: sealed and hashed by streaming it
    # from disk instead of through ``originals`` (a 1 GB zip is never held in memory).
    file_path: Path | None = None


@dataclass(frozen=True, slots=True)
class ChatPreview:
    file_name: str
    format_name: str
    detection_reason: str
    title: str
    participants: tuple[str, ...]
    our_account: str
    message_count: int
    already_stored: int
    first_at: str | None
    last_at: str | None
    counts_by_kind: dict[str, int]
    attachments: dict[str, int]
    timezone: str
    encoding: str
    problems: tuple[str, ...]  # "file locator: reason", each a Phrase (code import.problem)
    repairs: tuple[str, ...]  # the importer's coded Phrases
    after_revocation: int
    # a zip's: how member names without the UTF-8 flag were read (utf-8, gb18030, cp437)
    name_encoding: str | None = None


@dataclass(frozen=True, slots=True)
class ImagePreview:
    file_name: str
    detection_reason: str
    width: int
    height: int
    taken_at: str | None
    device: str
    problems: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class RecordingPreview:
    """An audio or video recording (a visit, a call, a voice note): what the file itself says."""

    file_name: str
    detection_reason: str
    media: str  # audio, video
    container: str  # mp4, m4a, wav, amr, ogg...
    duration_seconds: float | None
    recorded_at: str | None  # UTC, RFC 3339, when the file states it
    device: str
    codecs: tuple[str, ...]
    problems: tuple[str, ...]
    timezone: str  # the zone its local times were read in (and are shown in)

    @property
    def description(self) -> RecordingDescription:
        """The part a stored recording is shown with too (the item pane)."""
        return RecordingDescription(
            self.media,
            self.container,
            self.duration_seconds,
            self.recorded_at,
            self.device,
            self.codecs,
        )


def recording_description(session: Session, sha256: str) -> RecordingDescription | None:
    """How the recording with this original was described at import; None for anything else."""
    session.require(Action.EVIDENCE_READ)
    row = session.conn.execute(
        "SELECT details FROM imports WHERE sha256 = ? AND kind = 'recording' "
        "ORDER BY imported_at, id LIMIT 1",
        (sha256,),
    ).fetchone()
    if row is None:
        return None
    try:
        details = json.loads(row["details"])
    except ValueError:
        details = {}
    return RecordingDescription.from_details(details)


@dataclass(frozen=True, slots=True)
class ImportPreview:
    contact_id: str
    chats: tuple[ChatPreview, ...]
    images: tuple[ImagePreview, ...]
    duplicates: tuple[str, ...]  # files whose identical bytes are already imported
    recordings: tuple[RecordingPreview, ...] = ()


@dataclass(frozen=True, slots=True)
class ImportResult:
    contact_id: str
    import_ids: tuple[str, ...]
    messages_total: int
    messages_new: int
    images: int
    notices: tuple[str, ...]
    ledger_seq: int | None
    recordings: int = 0


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


# -- opening and parsing (pure) -----------------------------------------------------------------


def _parse_path(path: Path, tz: str, format_name: str | None) -> ParsedInput:
    source = archive.open_path(path)
    label = path.name or str(path)
    file_path: Path | None = None
    if source.data == b"" and source.container and path.is_dir():
        # A folder: the importer chooses its main file; every member is an original.
        originals = tuple((m, source.members[m]) for m in sorted(source.members))
    else:
        data_reader: Callable[[], bytes] = path.read_bytes
        originals = ((label, data_reader),)
        file_path = path
    if format_name in (None, registry.AUTO):
        # Detect once and parse with the detected format (detection reads the whole file for
        # some formats, e.g. WhatsApp's day/month order); ambiguity or no match still goes
        # through registry.parse, which raises the specific error.
        detection = registry.detect(source)
        chosen = None if detection.name is None or detection.ambiguous else detection.name
        result = registry.parse(source, tz, chosen)
        reason = detection.reason
    else:
        result = registry.parse(source, tz, format_name)
        reason = _said("detect.forced", format=format_name)
    return ParsedInput(path, source, result, reason, originals, file_path)


_MAIN_ROLE: Final = {"chat": "chat_export", "image": "screenshot", "recording": "recording"}
"""The role of an import's main original among the contact's items, by import kind."""


def _import_kind(result: ParsedChat | ParsedImage | ParsedRecording) -> str:
    """The ``imports.kind`` of a parse: chat, image or recording."""
    if isinstance(result, ParsedImage):
        return "image"
    if isinstance(result, ParsedRecording):
        return "recording"
    return "chat"


def _default_tz(session: Session, tz: str | None) -> str:
    return tz or settings_service.get(session, "timezone")


def infer_our_account(chat: ParsedChat, contact: Contact) -> str:
    """The staff side: the participant that is not the contact, when the export does not say."""
    selves = {m.sender for m in chat.messages if m.from_self}
    if len(selves) == 1:
        return next(iter(selves))
    others = [
        p
        for p in chat.participants
        if p not in (contact.display_name, contact.handle) and contact.handle not in p
    ]
    if len(others) == 1:
        return others[0]
    senders = Counter(m.sender for m in chat.messages if m.kind != MessageKind.SYSTEM)
    candidates = [
        s for s, _n in senders.most_common() if s not in (contact.display_name, contact.handle)
    ]
    return candidates[0] if candidates else ""


def _direction(message: ParsedMessage, our_account: str) -> str:
    if message.kind == MessageKind.SYSTEM:
        return "system"
    if message.from_self is not None:
        return "out" if message.from_self else "in"
    return "out" if message.sender == our_account else "in"


def _content(message: ParsedMessage) -> dict[str, Any]:
    """The content a message is identified and committed by (no file position)."""
    return {
        "sent_at": message.sent_at.isoformat(),
        "sender": message.sender,
        "sender_id": message.sender_id,
        "kind": message.kind.value,
        "text": message.text,
        "native_id": message.native_id,
        "attachments": [
            {"kind": a.kind.value, "name": a.name, "state": a.state.value}
            for a in message.attachments
        ],
    }


def _content_bytes(message: ParsedMessage) -> bytes:
    """``canonical_bytes(_content(message))``, computed without the generic canonicaliser.

    Imports hash 100k messages twice each; the generic checker and sorter dominated the import
    time. Every key here is ASCII (so code-point order is UTF-16 order) and every value is a
    string, None or a list of such objects, so ``json.dumps(sort_keys=True)`` yields exactly
    the canonical bytes; ``test_content_bytes_equal_canonical_bytes`` holds the two together.
    """
    return _dumps(_content(message)).encode("utf-8")


def _dumps(value: Any) -> str:
    return json.dumps(
        value, ensure_ascii=False, separators=(",", ":"), sort_keys=True, allow_nan=False
    )


def _fingerprints_of(contents: Sequence[bytes]) -> list[str]:
    seen: Counter[bytes] = Counter()
    out: list[str] = []
    sha256 = hashlib.sha256
    for content in contents:
        seen[content] += 1
        out.append(sha256(content + b"#%d" % seen[content]).hexdigest())
    return out


def fingerprints(messages: Iterable[ParsedMessage]) -> list[str]:
    """Stable identities: the content plus its occurrence number among identical messages.

    Exports with minute resolution can hold the same short message twice in a minute; the
    occurrence number keeps both, and matches the k-th copy in an overlapping export.
    """
    return _fingerprints_of([_content_bytes(m) for m in messages])


def commitment(salt_hex: str, message: ParsedMessage) -> str:
    """H(salt || content): proves a message without revealing short texts in published proofs."""
    return _commitment_of(salt_hex, _content_bytes(message))


def _commitment_of(salt_hex: str, content: bytes) -> str:
    return hashlib.sha256(bytes.fromhex(salt_hex) + content).hexdigest()


def commitments_root(commitments: Sequence[str]) -> str:
    return merkle.root_hash([merkle.leaf_hash(bytes.fromhex(c)) for c in commitments]).hex()


# -- preview ------------------------------------------------------------------------------------


def preview_import(
    session: Session,
    contact_id: str,
    paths: Sequence[Path],
    *,
    tz: str | None = None,
    format_name: str | None = None,
    our_account: str | None = None,
) -> ImportPreview:
    """Everything the user should see before committing; writes nothing."""
    session.require(Action.EVIDENCE_ADD)
    contact = get_contact(session, contact_id)
    require_usable(session, contact)
    zone = _default_tz(session, tz)
    chats: list[ChatPreview] = []
    images: list[ImagePreview] = []
    recordings: list[RecordingPreview] = []
    duplicates: list[str] = []
    for path in paths:
        parsed = _parse_path(path, zone, format_name)
        if _already_imported(session, contact_id, parsed):
            duplicates.append(path.name)
        result = parsed.result
        if isinstance(result, ParsedImage):
            images.append(_image_preview(path.name, result))
            continue
        if isinstance(result, ParsedRecording):
            recordings.append(_recording_preview(path.name, result))
            continue
        account = our_account if our_account is not None else infer_our_account(result, contact)
        prints = fingerprints(result.messages)
        stored = _stored_fingerprints(session, contact_id, prints)
        attachment_states = Counter(a.state.value for m in result.messages for a in m.attachments)
        chats.append(
            ChatPreview(
                file_name=path.name,
                format_name=result.format_name,
                detection_reason=parsed.detection_reason,
                title=result.title,
                participants=result.participants,
                our_account=account,
                message_count=len(result.messages),
                already_stored=len(stored),
                first_at=result.messages[0].sent_at.isoformat() if result.messages else None,
                last_at=result.messages[-1].sent_at.isoformat() if result.messages else None,
                counts_by_kind=dict(Counter(m.kind.value for m in result.messages)),
                attachments=dict(attachment_states),
                timezone=result.timezone,
                encoding=result.encoding,
                problems=tuple(_problem_line(p) for p in result.problems),
                repairs=result.repairs,
                after_revocation=sum(
                    1 for m in result.messages if _flags_for(contact, m.sent_at.isoformat())
                ),
                name_encoding=parsed.source.name_encoding,
            )
        )
    return ImportPreview(
        contact_id, tuple(chats), tuple(images), tuple(duplicates), tuple(recordings)
    )


def _image_preview(name: str, image: ParsedImage) -> ImagePreview:
    return ImagePreview(
        file_name=name,
        detection_reason=image.detection_reason,
        width=image.width,
        height=image.height,
        taken_at=image.taken_at_utc.isoformat() if image.taken_at_utc else None,
        device=" ".join(x for x in (image.make, image.model) if x),
        problems=tuple(_problem_line(p) for p in image.problems),
    )


def _recording_preview(name: str, recording: ParsedRecording) -> RecordingPreview:
    recorded = recording.recorded_at_utc
    return RecordingPreview(
        file_name=name,
        detection_reason=recording.detection_reason,
        media=recording.media,
        container=recording.container,
        duration_seconds=recording.duration_seconds,
        recorded_at=recorded.isoformat() if recorded else None,
        device=" ".join(x for x in (recording.make, recording.model) if x),
        codecs=tuple(recording.codecs),
        problems=tuple(_problem_line(p) for p in recording.problems),
        timezone=recording.timezone,
    )


def _problem_line(problem: ParseProblem) -> str:
    return _said(
        "import.problem", file=problem.file, locator=problem.locator, reason=problem.reason
    )


# -- import -------------------------------------------------------------------------------------


def _flags_for(contact: Contact, sent_at_iso: str) -> list[str]:
    """Flags a message carries because of the contact's state when it was sent.

    Imports go only to a usable contact (``contacts.require_usable``), so what this can find
    at import is a message dated after the approval's expiry (an export holding future-dated
    messages); a revocation comes later, and the conduct check's after-revocation rule finds
    the messages dated after it. ``after_revocation`` remains for messages stored before
    imports into revoked contacts were refused.
    """
    sent = datetime.fromisoformat(sent_at_iso)
    flags = []
    if contact.revoked_at and sent > datetime.fromisoformat(contact.revoked_at):
        flags.append("after_revocation")
    if contact.expires_at and sent > datetime.fromisoformat(contact.expires_at):
        flags.append("after_expiry")
    return flags


def _already_imported(session: Session, contact_id: str, parsed: ParsedInput) -> bool:
    digest = _main_digest(parsed)
    row = session.conn.execute(
        "SELECT 1 FROM imports WHERE contact_id = ? AND sha256 = ? AND main_member = ?",
        (contact_id, digest, parsed.source.name),
    ).fetchone()
    return row is not None


def _main_digest(parsed: ParsedInput) -> str:
    if parsed.file_path is not None:
        hasher = hashlib.sha256()
        try:
            with parsed.file_path.open("rb") as handle:
                while chunk := handle.read(1 << 20):
                    hasher.update(chunk)
        except OSError as error:
            raise BadInput(
                parsed.path.name, "", _said("input.cannot_read", error=error.strerror or error)
            ) from None
        return hasher.hexdigest()
    name, reader = _main_original(parsed)
    del name
    return hashlib.sha256(reader()).hexdigest()


def _main_original(parsed: ParsedInput) -> tuple[str, Callable[[], bytes]]:
    if len(parsed.originals) == 1:
        return parsed.originals[0]
    for name, reader in parsed.originals:
        if name == parsed.source.name:
            return name, reader
    return parsed.originals[0]


def _stored_fingerprints(session: Session, contact_id: str, prints: Sequence[str]) -> set[str]:
    found: set[str] = set()
    for start in range(0, len(prints), 500):
        chunk = list(prints[start : start + 500])
        rows = session.conn.execute(
            f"SELECT fingerprint FROM messages WHERE contact_id = ? AND fingerprint IN "
            f"({', '.join('?' for _ in chunk)})",
            [contact_id, *chunk],
        )
        found.update(r[0] for r in rows)
    return found


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
) -> ImportResult:
    """Parse, seal and commit ``paths`` as one import; all or nothing."""
    session.require(Action.EVIDENCE_ADD)
    with cyclic_gc_paused():
        return _import_files(
            session, contact_id, paths, tz, format_name, our_account, progress, cancelled
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
) -> ImportResult:
    if not paths:
        raise BadInput("files", "", _said("input.no_files"))
    contact = get_contact(session, contact_id)
    require_usable(session, contact)
    zone = _default_tz(session, tz)
    report = progress or (lambda _percent, _what: None)
    is_cancelled = cancelled or (lambda: False)

    def checkpoint() -> None:
        if is_cancelled():
            raise Cancelled(_said("import.cancelled"))

    parsed_inputs: list[ParsedInput] = []
    notices: list[str] = []
    for index, path in enumerate(paths):
        checkpoint()
        report(int(40 * index / len(paths)), f"parsing {path.name}")
        parsed = _parse_path(path, zone, format_name)
        if _already_imported(session, contact_id, parsed):
            notices.append(_said("import.already_imported", file=path.name))
            continue
        parsed_inputs.append(parsed)
    if not parsed_inputs:
        return ImportResult(contact_id, (), 0, 0, 0, tuple(notices), None)

    created_blobs: list[SealedOriginal] = []
    try:
        sealed_by_input: list[list[SealedOriginal]] = []
        for index, parsed in enumerate(parsed_inputs):
            checkpoint()
            report(40 + int(40 * index / len(parsed_inputs)), f"sealing {parsed.path.name}")
            sealed: list[SealedOriginal] = []
            for name, reader in parsed.originals:
                item = (
                    _seal_file(session, name, parsed.file_path)
                    if parsed.file_path is not None
                    else seal_bytes(session, name, reader())
                )
                if not item.already_stored:
                    created_blobs.append(item)
                sealed.append(item)
                checkpoint()
            sealed_by_input.append(sealed)
        report(85, "storing messages")
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
        report(100, "done")
        return result
    except BaseException:
        _remove_unreferenced(session, created_blobs)
        raise


def _seal_file(session: Session, name: str, path: Path) -> SealedOriginal:
    """Seal the picked file by streaming it (constant memory whatever its size)."""
    try:
        blob = session.blobs.seal_file(path)
    except FileInUse:  # the store side: a new original another program holds
        raise
    except OSError as error:
        raise BadInput(
            name, "", _said("input.cannot_read", error=error.strerror or error)
        ) from None
    stored = session.conn.execute(
        "SELECT 1 FROM blobs WHERE sha256 = ?", (blob.digests.sha256,)
    ).fetchone()
    return SealedOriginal(name, blob.digests, blob.name, stored is not None)


def _remove_unreferenced(session: Session, created: Sequence[SealedOriginal]) -> None:
    """Delete blob files this import created if no committed row refers to them."""
    for item in created:
        row = session.conn.execute(
            "SELECT 1 FROM blobs WHERE sha256 = ?", (item.digests.sha256,)
        ).fetchone()
        if row is None:
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
    # per message: (fingerprint, salt, is_new, commitment); filled by _plan_messages
    messages: list[tuple[str, str, bool, str]] = field(default_factory=list)


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
        main_name, _reader = _main_original(parsed)
        main = next(s for s in sealed if s.file_name == main_name)
        result = parsed.result
        kind = _import_kind(result)
        role = _MAIN_ROLE[kind]
        for item in sealed:
            rows.append(
                put(
                    "items",
                    {
                        "id": new_id("I"),
                        "contact_id": contact.id,
                        "role": role if item is main else "export_member",
                        "sha256": item.digests.sha256,
                        "file_name": item.file_name,
                        "added_by": session.user.name,
                        "added_at": now,
                    },
                )
            )
        members = {} if len(sealed) == 1 else {s.file_name: s.digests.sha256 for s in sealed}
        if not isinstance(result, ParsedChat):  # an image or a recording: one original, no messages
            account, normalised, details = "", canonical_bytes(result.as_json()), result.as_json()
            count, first, last = 0, None, None
        else:
            account = our_account if our_account is not None else infer_our_account(result, contact)
            normalised = normalised_bytes(result)
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
            "normalised_sha256": hashlib.sha256(normalised).hexdigest(),
            "commitments_root": "",
            "details": json.dumps(details, ensure_ascii=False, sort_keys=True),
            "imported_by": session.user.name,
            "imported_at": now,
        }
        plans.append(_PlannedImport(import_id, parsed, list(sealed), account, row))

    _plan_messages(session, contact.id, plans)

    def store_messages(conn: Any, _seq: int) -> dict[str, Any]:
        # (the write path has judged the entry already, inside this transaction: the rule
        # table's evidence rule catches a decision or an expiry that landed meanwhile)
        summaries = []
        for plan in plans:
            checkpoint()
            if plan.row["kind"] == "chat":
                _insert_messages(conn, contact, plan)
            summaries.append(
                {
                    "import_id": plan.import_id,
                    "kind": plan.row["kind"],
                    "format": plan.row["format"],
                    "parser_version": plan.row["parser_version"],
                    "timezone": zone,
                    "files": [s.as_json() for s in plan.sealed],
                    "normalised_sha256": plan.row["normalised_sha256"],
                    "commitments_root": plan.row["commitments_root"],
                    "message_count": plan.row["message_count"],
                    "new_messages": plan.row["new_messages"],
                }
            )
        return {"imports": summaries}

    rows += [put("imports", plan.row) for plan in plans]
    entry = session.write(
        "evidence.import",
        {"contact_id": contact.id},
        rows,
        extra=store_messages,
        operation="import",
    )
    notices += _gap_notices(session, contact.id)
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


def _plan_messages(session: Session, contact_id: str, plans: Sequence[_PlannedImport]) -> None:
    """Decide, before the transaction, which messages are new and each one's salt.

    Fills each chat plan's commitments root and new-message count, so the imports row that
    enters the ledger is complete. The transaction re-checks the plan (another import of the
    same contact may have committed meanwhile) and refuses to go on if it changed.
    """
    known = {
        r["fingerprint"]: r["salt"]
        for r in session.conn.execute(
            "SELECT fingerprint, salt FROM messages WHERE contact_id = ?", (contact_id,)
        )
    }
    for plan in plans:
        result = plan.parsed.result
        if not isinstance(result, ParsedChat):
            continue
        commitments = []
        new = 0
        contents = [_content_bytes(m) for m in result.messages]
        for content, fingerprint in zip(contents, _fingerprints_of(contents), strict=True):
            salt = known.get(fingerprint)
            is_new = salt is None
            if salt is None:
                salt = os.urandom(16).hex()
                known[fingerprint] = salt
                new += 1
            sealed = _commitment_of(salt, content)
            plan.messages.append((fingerprint, salt, is_new, sealed))
            commitments.append(sealed)
        plan.row["commitments_root"] = commitments_root(commitments)
        plan.row["new_messages"] = new


def _insert_messages(conn: Any, contact: Contact, plan: _PlannedImport) -> None:
    """Insert the plan's new messages and link every message to this import, in batches.

    A fingerprint planned as new that is already stored (UNIQUE conflict), or a known one whose
    stored salt differs or that has gone, means another import of this contact committed in
    between: refuse rather than store a commitment that does not match.
    """
    result = plan.parsed.result
    assert isinstance(result, ParsedChat)
    busy = StoreBusy(_said("import.raced"))
    check_flags = bool(contact.revoked_at or contact.expires_at)
    rows = []
    planned_new: set[str] = set()
    for message, (fingerprint, salt, is_new, sealed) in zip(
        result.messages, plan.messages, strict=True
    ):
        if not is_new or fingerprint in planned_new:
            continue
        planned_new.add(fingerprint)
        sent_at = message.sent_at.isoformat()
        rows.append(
            (
                fingerprint,
                contact.id,
                sent_at,
                message.time_text,
                message.sender,
                message.sender_id,
                _direction(message, plan.our_account),
                message.kind.value,
                message.text,
                message.raw,
                message.native_id,
                message.reply_to,
                _attachments_json(message),
                salt,
                sealed,
                plan.import_id,
                ",".join(_flags_for(contact, sent_at)) if check_flags else "",
            )
        )
    last_rowid = conn.execute("SELECT coalesce(max(rowid), 0) FROM messages").fetchone()[0]
    try:
        with _bulk_text_index(conn, len(rows), last_rowid):
            conn.executemany(
                "INSERT INTO messages (fingerprint, contact_id, sent_at, time_text, sender, "
                "sender_id, direction, kind, text, raw, native_id, reply_to, attachments, "
                "salt, commitment, first_import, flags) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                rows,
            )
    except sqlcipher3.IntegrityError as error:
        raise busy from error
    rowids: dict[str, int] = {
        r[0]: r[1]
        for r in conn.execute(
            "SELECT fingerprint, rowid FROM messages WHERE rowid > ?", (last_rowid,)
        )
    }
    known = [f for f, _salt, is_new, _c in plan.messages if not is_new]
    if known:
        wanted = set(known)
        salts = {f: salt for f, salt, is_new, _c in plan.messages if not is_new}
        for fingerprint, rowid, salt in conn.execute(
            "SELECT fingerprint, rowid, salt FROM messages WHERE contact_id = ?", (contact.id,)
        ):
            if fingerprint in wanted:
                if salts[fingerprint] != salt:
                    raise busy
                rowids[fingerprint] = rowid
    links = []
    for position, (message, planned) in enumerate(zip(result.messages, plan.messages, strict=True)):
        rowid = rowids.get(planned[0])
        if rowid is None:
            raise busy
        source = message.source
        links.append((rowid, plan.import_id, position, f"{source.file} {source.locator}"))
    conn.executemany(
        "INSERT INTO message_sources (message_rowid, import_id, position, locator) "
        "VALUES (?, ?, ?, ?)",
        links,
    )


# Below this many new messages the per-row trigger is cheap enough.
_BULK_INDEX_MIN_ROWS = 2000
_BULK_CACHE_KIB = 64 * 1024


@contextlib.contextmanager
def _bulk_text_index(conn: Any, count: int, last_rowid: int) -> Iterator[None]:
    """Fill the full-text index in one statement instead of one trigger call per message.

    The ``messages_fts_insert`` trigger (schema migration 3) indexes each row as it is
    inserted; for a 100k-message export that per-row path costs about four times a single
    ``INSERT ... SELECT`` of the same rows (bench/import.py). Inside the import's transaction we
    drop the trigger, insert the messages, index the new rows (rowids above ``last_rowid``) in
    one statement and re-create the trigger from its stored SQL. It is all one transaction, so a
    failure restores the trigger with everything else; the resulting index is the same.
    """
    row = (
        conn.execute(
            "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?",
            ("messages_fts_insert",),
        ).fetchone()
        if count >= _BULK_INDEX_MIN_ROWS
        else None
    )
    if row is None:
        yield
        return
    # Random fingerprints make the UNIQUE index's inserts random: a page cache that holds the
    # index saves about a third of the insert time. Restored afterwards (per connection).
    cache = conn.execute("PRAGMA cache_size").fetchone()[0]
    conn.execute(f"PRAGMA cache_size = {-_BULK_CACHE_KIB}")
    try:
        conn.execute("DROP TRIGGER messages_fts_insert")
        yield
        conn.execute(
            "INSERT INTO message_text (rowid, text) SELECT rowid, text FROM messages "
            "WHERE rowid > ?",
            (last_rowid,),
        )
        conn.execute(row[0])
    finally:
        conn.execute(f"PRAGMA cache_size = {int(cache)}")


def _attachments_json(message: ParsedMessage) -> str:
    if not message.attachments:
        return "[]"
    return json.dumps(
        [
            {"kind": a.kind.value, "name": a.name, "state": a.state.value, "member": a.member}
            for a in message.attachments
        ],
        ensure_ascii=False,
    )


def _gap_notices(session: Session, contact_id: str) -> list[str]:
    """Say when exports of one contact leave a gap in time between them (completeness)."""
    spans = [
        (r["first_at"], r["last_at"], r["file_name"])
        for r in session.conn.execute(
            "SELECT first_at, last_at, file_name FROM imports WHERE contact_id = ? "
            "AND kind = 'chat' AND first_at IS NOT NULL ORDER BY first_at",
            (contact_id,),
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


# -- reading ------------------------------------------------------------------------------------


def list_messages(
    session: Session, contact_id: str, *, offset: int = 0, limit: int = 1000
) -> list[StoredMessage]:
    session.require(Action.EVIDENCE_READ)
    get_contact(session, contact_id)
    rows = session.conn.execute(
        "SELECT * FROM messages WHERE contact_id = ? ORDER BY sent_at, rowid LIMIT ? OFFSET ?",
        (contact_id, limit, offset),
    ).fetchall()
    out = []
    for r in rows:
        sources = [
            f"{s['import_id']} {s['locator']}"
            for s in session.conn.execute(
                "SELECT import_id, locator FROM message_sources WHERE message_rowid = ? "
                "ORDER BY import_id",
                (r["rowid"],),
            )
        ]
        out.append(
            StoredMessage(
                r["rowid"],
                r["fingerprint"],
                r["sent_at"],
                r["time_text"],
                r["sender"],
                r["direction"],
                r["kind"],
                r["text"],
                json.loads(r["attachments"]),
                [f for f in r["flags"].split(",") if f],
                r["first_import"],
                sources,
            )
        )
    return out


def count_messages(session: Session, contact_id: str) -> int:
    session.require(Action.EVIDENCE_READ)
    row = session.conn.execute(
        "SELECT count(*) FROM messages WHERE contact_id = ?", (contact_id,)
    ).fetchone()
    return int(row[0])


# -- verification: re-parse every original -------------------------------------------------------


def _recorded_name_encoding(row: dict[str, Any]) -> str | None:
    try:
        details = json.loads(row["details"] or "{}")
    except ValueError:
        return None
    value = details.get("name_encoding") if isinstance(details, dict) else None
    return value if isinstance(value, str) else None


def _reopen(session: Session, row: dict[str, Any]) -> ExportSource:
    """The stored original opened as at import. A zip whose import recorded no name encoding
    (made before names were decided by archive.NAME_ENCODINGS) is read with the legacy rule, so
    it re-parses to exactly what was stored; otherwise the rule re-derives the encoding."""
    members: dict[str, str] = json.loads(row["members"])
    if members:
        readers = {
            name: (lambda digest=digest: session.blobs.read_bytes(digest))
            for name, digest in members.items()
        }
        folder = ExportSource(
            name=row["file_name"], data=b"", members=readers, container=row["file_name"]
        )
        return folder
    data = session.blobs.read_bytes(row["sha256"])
    if archive.is_zip(data):
        legacy = row["kind"] == "chat" and _recorded_name_encoding(row) is None
        return archive.open_zip(row["file_name"], data, legacy_names=legacy)
    return ExportSource(name=row["file_name"], data=data)


def _check_imports(session: Session, replay: Replay) -> Iterable[Finding]:
    del replay
    imports = [
        dict(r) for r in session.conn.execute("SELECT * FROM imports ORDER BY imported_at, id")
    ]
    linked: set[int] = set()
    for row in imports:
        where = _said("import.where", import_id=row["id"], file=row["file_name"])
        try:
            source = _reopen(session, row)
            result = registry.parse(source, row["timezone"], row["format"])
        except BlobCorrupted:
            continue  # already reported by the blob check
        except (ImportInputError, BadInput) as error:
            yield Finding("import.reparse", where, _said("import.no_longer_parses", error=error))
            continue
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
            "direction": _direction(message, row["our_account"]),
            "kind": message.kind.value,
            "text": message.text,
            "attachments": _attachments_json(message),
            "contact_id": row["contact_id"],
        }
        changed = sorted(k for k, v in expected.items() if stored[k] != v)
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


EXTRA_CHECKS.append(_check_imports)
