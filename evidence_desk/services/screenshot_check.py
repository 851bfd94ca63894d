"""``crosscheck``: each screenshot of a contact against that contact's export (issue 22).

The screenshot's sealed OCR result (services/ocr.py) is laid out as a chat
(evidence_desk/ocr/layout.py) and its bubbles are checked against the contact's stored
messages (evidence_desk/ocr/crosscheck.py), in the local time of the export each message came
from; the relative days of its separators count from the day the image says it was taken
(:func:`capture_day`). Read-only: nothing is written but the read log's entry for opening the
conversation.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Final
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from evidence_desk.domain.policy import Action
from evidence_desk.ocr.crosscheck import ExportMessage, MessageSide, ScreenshotCheck, crosscheck
from evidence_desk.ocr.layout import ChatLayout, Separator, layout
from evidence_desk.services import case_keys, ocr, reading
from evidence_desk.services.session import Session

_PAGE = 10_000
_UTC: Final = ZoneInfo("UTC")


@dataclass(frozen=True, slots=True)
class ScreenshotReport:
    """One screenshot's check; ``check`` is None while it has not been read by OCR."""

    item_id: str
    chat: ChatLayout | None
    check: ScreenshotCheck | None
    # the local day it was taken and the zone it was imported with (its clock's zone)
    anchor: date | None = None
    zone: ZoneInfo = _UTC

    @property
    def clean(self) -> bool:
        return self.check is not None and self.check.clean

    def as_json(self) -> dict[str, Any]:
        if self.check is None or self.chat is None:
            return {
                "item": self.item_id,
                "read": False,
                "bubbles": [],
                "skipped_export_messages": [],
            }
        return {
            "item": self.item_id,
            "read": True,
            "title": self.chat.title,
            "layout": self.chat.style,
            "separators": [
                {"text": s.mark.text, "top": s.top}
                for s in self.chat.entries
                if isinstance(s, Separator)
            ],
            "bubbles": [b.as_json() for b in self.check.bubbles],
            "skipped_export_messages": [
                {
                    "message_id": m.id,
                    "side": m.side,
                    "text": m.text,
                    "time": m.local.isoformat(),
                }
                for m in self.check.skipped
            ],
        }


def export_message(
    zones: dict[str, ZoneInfo],
    rowid: int,
    sent_at: str,
    direction: str,
    first_import: str,
    text: str,
) -> ExportMessage:
    """A stored message as the check needs it: in the local time of the export it came from."""
    local = datetime.fromisoformat(sent_at).astimezone(zones.get(first_import, ZoneInfo("UTC")))
    return ExportMessage(rowid, local, side_of(direction), text)


def export_messages(session: Session, contact_id: str) -> list[ExportMessage]:
    """The contact's stored messages in conversation order, each in its export's local time."""
    zones = import_zones(session, contact_id)
    found: list[ExportMessage] = []
    offset = 0
    while True:
        page = reading.list_messages(session, contact_id, offset=offset, limit=_PAGE)
        for m in page:
            found.append(
                export_message(zones, m.rowid, m.sent_at, m.direction, m.first_import, m.text)
            )
        if len(page) < _PAGE:
            return found
        offset += _PAGE


def import_zones(session: Session, contact_id: str) -> dict[str, ZoneInfo]:
    """Each import of the contact's time zone, by import id: a message's local time is in the
    zone of the import it first came from."""
    return {
        str(r[0]): _zone(str(r[1]))
        for r in session.conn.execute(
            "SELECT id, timezone FROM imports WHERE contact_id = ?", (contact_id,)
        )
    }


def side_of(direction: str) -> MessageSide:
    """A stored message's direction as the side of the chat it shows on."""
    if direction == "in":
        return "them"
    if direction == "out":
        return "us"
    return "system"


def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def check_contact(
    session: Session, contact_id: str, messages: list[ExportMessage] | None = None
) -> list[ScreenshotReport]:
    """Every screenshot of the contact, checked against its export (oldest screenshot first).

    ``messages``: the contact's :func:`export_messages` when the caller read them already (the
    bundle reads them under its snapshot, its export being the read log's one row for them)."""
    session.require(Action.EVIDENCE_READ)
    shots = ocr.screenshots(session, contact_id)
    if not shots:
        return []
    if messages is None:
        messages = export_messages(session, contact_id)
    return check_screenshots(session, shots, messages)


def check_screenshots(
    session: Session, shots: list[ocr.Screenshot], messages: list[ExportMessage]
) -> list[ScreenshotReport]:
    """These screenshots checked against ``messages`` (their contact's, in export order, as the
    caller read them: the conduct check reads them itself, under its own read-log entry)."""
    reports = []
    for shot in shots:
        result = ocr.result(session, shot.item_id)
        if result is None:
            reports.append(ScreenshotReport(shot.item_id, None, None))
            continue
        chat = layout(result.lines, result.width, result.height)
        anchor, zone = capture_day(session, shot)
        check = crosscheck(chat, messages, anchor)
        reports.append(ScreenshotReport(shot.item_id, chat, check, anchor, zone))
    return reports


def capture_day(session: Session, shot: ocr.Screenshot) -> tuple[date | None, ZoneInfo]:
    """The local day the screenshot was taken, which its relative separators ("昨天", a bare
    clock, "星期一") count from, and the zone it was imported with: the capture time the image
    itself records (EXIF) in that zone; no day when it records none (a file's modified time is
    not kept)."""
    found = session.conn.execute(
        "SELECT * FROM imports WHERE contact_id = ? AND sha256 = ? AND kind = 'image' "
        "ORDER BY imported_at LIMIT 1",
        (shot.contact_id, shot.sha256),
    ).fetchone()
    if found is None:
        return None, _UTC
    row = case_keys.open_import_row(session, dict(found))  # details are sealed under the case key
    zone = _zone(str(row["timezone"]))
    try:
        taken = json.loads(str(row["details"])).get("taken_at_utc")
        if not isinstance(taken, str):
            return None, zone
        return datetime.fromisoformat(taken).astimezone(zone).date(), zone
    except (ValueError, AttributeError):  # a details text that is no JSON object
        return None, zone
