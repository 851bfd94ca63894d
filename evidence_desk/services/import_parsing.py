"""Opening and parsing picked paths, and what the preview and the commit both decide from a parse.

Nothing here writes: a path is opened safely (importers/archive.py) and parsed by a pure importer
with the time zone as an explicit input; the staff account, the flags a message carries because
of the contact's state, and whether identical bytes were imported before are read from the parse
and the store.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from evidence_desk.domain.errors import BadInput, ImportInputError
from evidence_desk.domain.wording import Catalogue
from evidence_desk.importers import archive, registry
from evidence_desk.importers.base import ExportSource, MessageKind, ParsedChat
from evidence_desk.importers.images import ParsedImage
from evidence_desk.importers.recordings import ParsedRecording
from evidence_desk.integrity.digests import Digests
from evidence_desk.services import case_keys
from evidence_desk.services import leave_out as leaving
from evidence_desk.services import settings as settings_service
from evidence_desk.services.bulk_work import cyclic_gc_paused
from evidence_desk.services.common_wording import COMMON_WORDING
from evidence_desk.services.contacts import Contact
from evidence_desk.services.import_types import ParsedInput
from evidence_desk.services.leave_out import ChatChoice, LeaveOut
from evidence_desk.services.session import Session

_said = Catalogue({**COMMON_WORDING, "detect.forced": "forced: {format}"})


class ChatsNotChosen(ImportInputError):
    """A multi-chat export with not exactly one chat left in (the importer's own refusal,
    with the chats for the preview to offer)."""

    def __init__(self, error: ImportInputError, chats: tuple[ChatChoice, ...]) -> None:
        super().__init__(error.file, error.locator, error.reason)
        self.chats = chats


@dataclass(frozen=True, slots=True)
class OpenedInput:
    """One picked path opened safely, not parsed yet: what its originals are.

    The import commit seals (hashes and encrypts) these originals before it hands them to a
    parser (:func:`parse_opened`), so what a parser reads is on record first."""

    path: Path
    source: ExportSource
    originals: tuple[tuple[str, Callable[[], bytes]], ...]
    file_path: Path | None  # the picked file when it is the only original (streamed, not read)


def open_input(path: Path) -> OpenedInput:
    """Open ``path`` (a file, zip or folder) without parsing it."""
    source = archive.open_path(path)
    label = path.name or str(path)
    if source.data == b"" and source.container and path.is_dir():
        # A folder: the importer chooses its main file; every member is an original.
        originals = tuple((m, source.members[m]) for m in sorted(source.members))
        return OpenedInput(path, source, originals, None)
    data_reader: Callable[[], bytes] = path.read_bytes
    return OpenedInput(path, source, ((label, data_reader),), path)


def parse_path(
    path: Path,
    tz: str,
    format_name: str | None,
    leave: LeaveOut | None = None,
    *,
    list_senders: bool = False,
) -> ParsedInput:
    """Open ``path`` and parse it (the preview: nothing is sealed); see :func:`parse_opened`."""
    return parse_opened(open_input(path), tz, format_name, leave, list_senders=list_senders)


def parse_opened(
    opened: OpenedInput,
    tz: str,
    format_name: str | None,
    leave: LeaveOut | None = None,
    *,
    list_senders: bool = False,
    digests: tuple[Digests, ...] = (),
) -> ParsedInput:
    """Parse an opened path, detecting the format unless forced.

    ``digests``: those of ``opened.originals``, in order, when they were hashed before this
    parse (the import commit); they travel with the parse. ``leave`` (PI-2): a multi-chat
    export is parsed for the one chat not left out (else :class:`ChatsNotChosen`), and the
    left-out participants' messages are removed from the parse (the originals stay whole).
    ``list_senders``: also everyone found before leaving out (the preview offers them; the
    commit need not walk 100k messages for it).

    Runs without the cyclic collector (as the import around it does): a chat's parse builds a
    few hundred thousand objects that form no cycles, and the collector would rescan them as
    they pile up (a third of a 100k-message WhatsApp parse, bench/import.py)."""
    with cyclic_gc_paused():
        return _parse_opened(opened, tz, format_name, leave, list_senders, digests)


def _parse_opened(
    opened: OpenedInput,
    tz: str,
    format_name: str | None,
    leave: LeaveOut | None,
    list_senders: bool,
    digests: tuple[Digests, ...],
) -> ParsedInput:
    leave = leave or LeaveOut()
    source = opened.source
    chosen_format = format_name
    if format_name in (None, registry.AUTO):
        # Detect once and parse with the detected format (detection reads the whole file for
        # some formats, e.g. WhatsApp's day/month order); ambiguity or no match still goes
        # through registry.parse, which raises the specific error.
        detection = registry.detect(source)
        chosen = None if detection.name is None or detection.ambiguous else detection.name
        chosen_format = chosen
        reason = detection.reason
    else:
        reason = _said("detect.forced", format=format_name)
    result, choices, chat = _parse(source, tz, chosen_format, leave)
    left_digests, left = leave.digests(), 0
    found: tuple[str, ...] = ()
    if isinstance(result, ParsedChat):
        found = leaving.senders(result) if list_senders else ()
        result, left = leaving.apply(result, left_digests)
    return ParsedInput(
        opened.path,
        source,
        result,
        reason,
        opened.originals,
        opened.file_path,
        choices,
        chat,
        left_digests,
        left,
        found,
        digests,
    )


def _parse(
    source: ExportSource, tz: str, format_name: str | None, leave: LeaveOut
) -> tuple[ParsedChat | ParsedImage | ParsedRecording, tuple[ChatChoice, ...], str | None]:
    """Parse with the format; a multi-chat export for the one chat left in. Its chats are
    listed only when staff left some out or the importer refused for several chats, so that a
    single chat's JSON is loaded once."""
    choices: tuple[ChatChoice, ...] = ()
    refusal: ImportInputError | None = None
    if format_name is not None and leave.chats:
        choices = leaving.chat_choices(source, format_name, leave)
    if not choices:
        try:
            return registry.parse(source, tz, format_name), (), None
        except ImportInputError as error:
            choices = leaving.chat_choices(source, format_name, leave) if format_name else ()
            if not choices:
                raise
            refusal = error
    chat = leaving.kept_chat(choices)
    if chat is None:
        if refusal is None:
            try:
                registry.parse(source, tz, format_name)  # the importer's own refusal
            except ImportInputError as error:
                refusal = error
        if refusal is not None:
            raise ChatsNotChosen(refusal, choices)
        return registry.parse(source, tz, format_name), (), None
    return leaving.parse_chosen(source, tz, chat), choices, chat


def default_tz(session: Session, tz: str | None) -> str:
    """The zone local times are read in: the caller's, else the store's setting."""
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


def flags_for(contact: Contact, sent_at_iso: str) -> list[str]:
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


def already_imported(session: Session, contact_id: str, parsed: ParsedInput) -> bool:
    """Identical bytes of the same main file were imported for this contact (a no-op).

    A picked file is hashed only when an earlier import of this contact has the same main file
    name and an original of the same size: otherwise it cannot be a repeat, and the extra
    SHA-256 pass over a large zip (a sixth of its sealing time) is saved.
    """
    if parsed.original_digests:  # hashed before parsing (the commit): no second pass
        digest = parsed.original_digests[_main_index(parsed)].sha256
    elif parsed.file_path is not None and not _same_size_imported(session, contact_id, parsed):
        return False
    else:
        digest = _main_digest(parsed)
    return _imported_as(session, parsed.source.name, "AND imports.sha256 = ?", contact_id, digest)


def _imported_as(session: Session, name: str, where: str, *args: object) -> bool:
    """An import of the contact (``where`` narrows it) whose main file is ``name``: the names
    are sealed under the case key, so each candidate's is opened and compared."""
    rows = session.conn.execute(
        "SELECT imports.id, imports.contact_id, imports.main_member FROM imports "
        f"JOIN blobs ON blobs.sha256 = imports.sha256 WHERE imports.contact_id = ? {where}",
        args,
    ).fetchall()
    return any(case_keys.open_import_row(session, dict(r))["main_member"] == name for r in rows)


def _same_size_imported(session: Session, contact_id: str, parsed: ParsedInput) -> bool:
    assert parsed.file_path is not None
    try:
        size = parsed.file_path.stat().st_size
    except OSError as error:
        raise BadInput(
            parsed.path.name, "", _said("input.cannot_read", error=error.strerror or error)
        ) from None
    return _imported_as(session, parsed.source.name, "AND blobs.size = ?", contact_id, size)


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
    name, reader = main_original(parsed)
    del name
    return hashlib.sha256(reader()).hexdigest()


def main_original(parsed: ParsedInput) -> tuple[str, Callable[[], bytes]]:
    """The original an import is named and recognised by (a folder's main file)."""
    return parsed.originals[_main_index(parsed)]


def _main_index(parsed: ParsedInput) -> int:
    if len(parsed.originals) > 1:
        for index, (name, _reader) in enumerate(parsed.originals):
            if name == parsed.source.name:
                return index
    return 0
