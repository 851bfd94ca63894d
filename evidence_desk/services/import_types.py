"""What an import works with and answers: the parsed inputs, the preview and the result.

These records are shared by the preview (``import_preview``), the commit (``importing``), the
CLI and the import wizard; they hold no behaviour beyond describing what was found.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from evidence_desk.domain.recording_description import RecordingDescription
from evidence_desk.importers.base import ExportSource, ParsedChat
from evidence_desk.importers.images import ParsedImage
from evidence_desk.importers.recordings import ParsedRecording
from evidence_desk.integrity.digests import Digests
from evidence_desk.services.leave_out import ChatChoice

Progress = Callable[[int, str], None]  # percent, what is happening


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
    # Leaving out (services/leave_out.py): a multi-chat export's chats and the one parsed, the
    # participants' digests left out, how many messages that removed. ``result`` is already
    # without those messages.
    choices: tuple[ChatChoice, ...] = ()
    chat: str | None = None
    left_out: frozenset[str] = frozenset()
    left_out_messages: int = 0
    senders: tuple[str, ...] = ()  # everyone found before leaving out (the preview offers them)
    # The originals' digests, in the order of ``originals``, computed before the parse (the
    # import commit seals first: "hash before parse"); empty for the preview, which seals nothing.
    original_digests: tuple[Digests, ...] = ()


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
    # leaving out (PI-2): every participant and sender found (before leaving out), those left
    # out, how many messages that removes, and a multi-chat export's chats
    senders: tuple[str, ...] = ()
    left_out_participants: tuple[str, ...] = ()
    left_out_messages: int = 0
    chats: tuple[ChatChoice, ...] = ()


@dataclass(frozen=True, slots=True)
class ChatsToChoose:
    """A multi-chat export where not exactly one chat is left in: nothing can be imported
    from it until staff leave out all chats but the debtor's."""

    file_name: str
    chats: tuple[ChatChoice, ...]


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


@dataclass(frozen=True, slots=True)
class ImportPreview:
    contact_id: str
    chats: tuple[ChatPreview, ...]
    images: tuple[ImagePreview, ...]
    duplicates: tuple[str, ...]  # files whose identical bytes are already imported
    recordings: tuple[RecordingPreview, ...] = ()
    to_choose: tuple[ChatsToChoose, ...] = ()


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
