"""The import preview: everything the user should see before committing; writes nothing.

Participants, time range, counts per kind, the zone, the importer's problems and repairs, how
many messages are stored already and which files were imported before (identical bytes).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from evidence_desk.domain.policy import Action
from evidence_desk.domain.wording import Catalogue
from evidence_desk.importers.base import ParseProblem
from evidence_desk.importers.images import ParsedImage
from evidence_desk.importers.recordings import ParsedRecording
from evidence_desk.services.commitments import fingerprints
from evidence_desk.services.contacts import get_contact, require_usable
from evidence_desk.services.import_parsing import (
    ChatsNotChosen,
    already_imported,
    default_tz,
    flags_for,
    infer_our_account,
    parse_path,
)
from evidence_desk.services.import_types import (
    ChatPreview,
    ChatsToChoose,
    ImagePreview,
    ImportPreview,
    RecordingPreview,
)
from evidence_desk.services.leave_out import LeaveOut
from evidence_desk.services.session import Session

_said = Catalogue(
    {
        # one line of the preview's problem list; ``reason`` is the importer's coded reason
        "import.problem": "{file} {locator}: {reason}",
    }
)


def preview_import(
    session: Session,
    contact_id: str,
    paths: Sequence[Path],
    *,
    tz: str | None = None,
    format_name: str | None = None,
    our_account: str | None = None,
    leave: LeaveOut | None = None,
) -> ImportPreview:
    """Everything the user should see before committing; writes nothing.

    ``leave``: the chats and participants staff leave out (PI-2); the preview counts without
    them and lists everyone found, so that they can be ticked back in. A multi-chat export with
    not exactly one chat left in is listed in ``to_choose`` instead of ``chats``."""
    session.require(Action.EVIDENCE_ADD)
    contact = get_contact(session, contact_id)
    require_usable(session, contact)
    zone = default_tz(session, tz)
    chats: list[ChatPreview] = []
    images: list[ImagePreview] = []
    recordings: list[RecordingPreview] = []
    duplicates: list[str] = []
    to_choose: list[ChatsToChoose] = []
    leave = leave or LeaveOut()
    for path in paths:
        try:
            parsed = parse_path(path, zone, format_name, leave, list_senders=True)
        except ChatsNotChosen as unchosen:
            to_choose.append(ChatsToChoose(path.name, unchosen.chats))
            continue
        if already_imported(session, contact_id, parsed):
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
                    1 for m in result.messages if flags_for(contact, m.sent_at.isoformat())
                ),
                name_encoding=parsed.source.name_encoding,
                senders=parsed.senders,
                left_out_participants=tuple(p for p in parsed.senders if p in leave.participants),
                left_out_messages=parsed.left_out_messages,
                chats=parsed.choices,
            )
        )
    return ImportPreview(
        contact_id,
        tuple(chats),
        tuple(images),
        tuple(duplicates),
        tuple(recordings),
        tuple(to_choose),
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
