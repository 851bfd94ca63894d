"""The bundle's screenshot check: each conversation screenshot against the export (issue 22).

``gather`` calls :func:`collect` under its snapshot with the exhibits it chose. Every screenshot
of a conversation exhibit is listed: one read by OCR with its bubbles and their verdicts
(services/screenshot_check.py, the same check as ``crosscheck`` and the app's findings view)
and the export messages it skips; one not read yet as not read, never left out.

What the section may print follows the transcripts: an export message's text only when the
bundle prints that message (the scope may leave it out: then its commitment names it), and
every text masked as the transcripts are when the bundle masks account numbers (PI-6). The
comparison itself is made on the stored texts; only what is printed is masked.
"""

from __future__ import annotations

from collections.abc import Sequence

from evidence_desk.bundle.model import (
    CheckedBubble,
    CheckedMessage,
    Exhibit,
    ScreenshotFindings,
    TextStretch,
)
from evidence_desk.domain import sensitive_numbers
from evidence_desk.ocr.crosscheck import BubbleCheck, ExportMessage, aligned
from evidence_desk.services import case_keys, ocr, screenshot_check
from evidence_desk.services.screenshot_check import ScreenshotReport
from evidence_desk.services.session import Session


class _Messages:
    """Where the bundle prints each message of a contact (exhibit), and every commitment."""

    def __init__(self, session: Session, exhibit: Exhibit, masked: bool) -> None:
        self.exhibit_id = exhibit.id
        self.printed = {m.rowid for m in exhibit.messages}
        self.masked = masked
        self.commitments = {
            int(r[0]): str(r[1])
            for r in session.conn.execute(
                "SELECT rowid, commitment FROM messages WHERE contact_id = ?",
                (exhibit.contact.id,),
            )
        }

    def text(self, text: str) -> str:
        return sensitive_numbers.mask(text) if self.masked and text else text

    def record(self, message: ExportMessage) -> CheckedMessage:
        printed = message.id in self.printed
        return CheckedMessage(
            message_id=message.id,
            local_time=message.local.isoformat(),
            side=message.side,
            commitment=self.commitments.get(message.id, ""),
            exhibit_id=self.exhibit_id if printed else "",
            text=self.text(message.text) if printed else None,
        )

    def bubble(self, verdict: BubbleCheck) -> CheckedBubble:
        message = None if verdict.message is None else self.record(verdict.message)
        stretches: tuple[TextStretch, ...] = ()
        printed = message is not None and message.text is not None
        if verdict.message is not None and printed and "text" in verdict.reasons:
            stretches = tuple(
                TextStretch(d.op == "equal", self.text(d.screenshot), self.text(d.export))
                for d in aligned(verdict.bubble.text, verdict.message.text)
            )
        return CheckedBubble(
            side=verdict.bubble.side,
            status=verdict.status,
            box=verdict.bubble.box,
            text=self.text(verdict.bubble.text),
            reasons=verdict.reasons,
            message=message,
            stretches=stretches,
        )


def _export_messages(session: Session, contact_id: str) -> list[ExportMessage]:
    """What ``crosscheck`` reads through ``reading.list_messages``, read as ``gather`` reads the
    transcripts: the bundle's export is the read log's one row for it (a conversation.open row
    per contact would say the legal team opened conversations it only exported)."""
    zones = screenshot_check.import_zones(session, contact_id)
    opener = case_keys.message_opener(session, contact_id)
    return [
        screenshot_check.export_message(
            zones,
            int(r["rowid"]),
            str(r["sent_at"]),
            str(r["direction"]),
            str(r["first_import"]),
            opener.message(r["fingerprint"], r).text,
        )
        for r in session.conn.execute(
            "SELECT * FROM messages WHERE contact_id = ? ORDER BY sent_at, rowid", (contact_id,)
        )
    ]


def collect(
    session: Session, exhibits: Sequence[Exhibit], *, masked: bool
) -> tuple[ScreenshotFindings, ...]:
    """Every screenshot of the conversation exhibits (unmasked, as gathered), checked."""
    found: list[ScreenshotFindings] = []
    for exhibit in exhibits:
        if exhibit.kind != "conversation" or not exhibit.screenshots:
            continue
        contact_id = exhibit.contact.id
        items = {s.item_id: s.sha256 for s in ocr.screenshots(session, contact_id)}
        reports: dict[str, ScreenshotReport] = {}
        stored = _export_messages(session, contact_id)
        for checked in screenshot_check.check_contact(session, contact_id, stored):
            reports.setdefault(items.get(checked.item_id, ""), checked)
        messages = _Messages(session, exhibit, masked)
        for shot in exhibit.screenshots:
            report = reports.get(shot.original.sha256)
            item_id = report.item_id if report is not None else ""
            if report is None or report.check is None:
                found.append(ScreenshotFindings(exhibit.id, item_id, shot.original, read=False))
                continue
            found.append(
                ScreenshotFindings(
                    exhibit.id,
                    item_id,
                    shot.original,
                    read=True,
                    bubbles=tuple(messages.bubble(b) for b in report.check.bubbles),
                    skipped=tuple(messages.record(m) for m in report.check.skipped),
                )
            )
    return tuple(found)
