"""The details pane: what a reviewer needs to trust one message or item.

Digests of the originals, the import record, the chain of custody (ledger entries that touched
it) and whether a trusted time stamp covers the entry that recorded it.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtWidgets import QTextBrowser, QVBoxLayout, QWidget

from evidence_desk.domain import policy
from evidence_desk.domain.policy import Action
from evidence_desk.services import reading
from evidence_desk.services import settings as settings_service
from evidence_desk.services.contacts import Item
from evidence_desk.services.reading import MessageRow, StampState
from evidence_desk.services.session import Session
from evidence_desk.ui import errors, service_text
from evidence_desk.ui.counted import counted
from evidence_desk.ui.formatting import local_time
from evidence_desk.ui.labels import (
    action_label,
    format_label,
    item_role_label,
    kind_label,
    recording_media_label,
    recording_rows,
)


def _e(value: object) -> str:
    return html.escape(str(value))


class DetailsPane(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("detailsPane")
        self.session = session
        self.zone = settings_service.get(session, "timezone")
        self.browser = QTextBrowser()
        self.browser.setObjectName("detailsBrowser")
        self.browser.setOpenLinks(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.browser)
        self.setMinimumWidth(260)
        self.clear()

    def clear(self) -> None:
        self.browser.setHtml(
            "<p style='color:#666'>"
            + _e(
                self.tr(
                    "Select a message or an item to see its digests, import record, custody and time stamp."  # noqa: E501
                )
            )
            + "</p>"
        )

    def _stamp_html(self, stamp: StampState) -> str:
        if stamp.entry_seq is None:
            return _e(self.tr("No ledger entry found."))
        if stamp.stamped:
            return _e(
                self.tr(
                    "Ledger entry %1 is covered by a trusted time stamp: %2 by %3 (checkpoint %4)."
                )
                .replace("%1", str(stamp.entry_seq))
                .replace("%2", stamp.gen_time or "")
                .replace("%3", stamp.tsa_name or "")
                .replace("%4", str(stamp.checkpoint_size))
            )
        return _e(
            self.tr("Ledger entry %1 is waiting for a trusted time stamp (queued).").replace(
                "%1", str(stamp.entry_seq)
            )
        )

    def _table(self, rows: Sequence[tuple[str, object]]) -> str:
        cells = "".join(
            f"<tr><td style='color:#555;padding-right:8px' valign='top'>{_e(k)}</td>"
            f"<td style='font-family:monospace'>{_e(v)}</td></tr>"
            for k, v in rows
        )
        return f"<table cellspacing='2'>{cells}</table>"

    def show_message(self, message: MessageRow) -> None:
        try:
            info = reading.details(self.session, message.rowid)
        except Exception as error:  # shown in place; the pane never breaks the window
            self.browser.setPlainText(errors.describe(error))
            return
        parts = ["<h3>" + _e(self.tr("Message")) + "</h3>"]
        parts.append(
            self._table(
                [
                    (self.tr("Sender"), message.sender),
                    (self.tr("Sent (UTC)"), message.sent_at),
                    (self.tr("Time as exported"), message.time_text),
                    (self.tr("Kind"), kind_label(message.kind)),
                    (self.tr("Fingerprint"), info.fingerprint),
                    (self.tr("Commitment"), info.commitment),
                ]
                + [
                    (self.tr("Source"), f"{i} {service_text.locator(loc)}")
                    for i, loc in info.sources
                ]
            )
        )
        parts.append(
            "<h3>" + _e(self.tr("Time stamp")) + "</h3><p>" + self._stamp_html(info.stamp) + "</p>"
        )
        for record in info.imports:
            parts.append("<h3>" + _e(self.tr("Import %1").replace("%1", record.id)) + "</h3>")
            parts.append(
                self._table(
                    [
                        (self.tr("Original"), record.file_name),
                        ("SHA-256", record.sha256),
                        ("SM3", record.sm3),
                        (
                            self.tr("Size"),
                            counted(lambda n: self.tr("%n byte(s)", "size", n), record.size),
                        ),
                        (
                            self.tr("Format"),
                            f"{format_label(record.format)} ({record.parser_version})",
                        ),
                        (self.tr("Time zone"), record.timezone),
                        (self.tr("Our account"), record.our_account),
                        (self.tr("Imported by"), record.imported_by),
                        (self.tr("Imported at"), local_time(record.imported_at, self.zone)),
                    ]
                )
            )
        parts.append(self._custody_html(info.custody))
        self.browser.setHtml("".join(parts))

    def _custody_html(
        self, entries: tuple[reading.CustodyEntry, ...] | list[reading.CustodyEntry]
    ) -> str:
        rows = "".join(
            f"<tr><td>{e.seq}</td><td>{_e(local_time(e.at, self.zone))}</td><td>{_e(e.actor)}</td>"
            f"<td>{_e(action_label(e.action))}</td></tr>"
            for e in entries
        )
        return (
            "<h3>"
            + _e(self.tr("Chain of custody"))
            + "</h3><table cellspacing='4'>"
            + str(rows)
            + "</table>"
        )

    def _recording_html(self, item: Item) -> str:
        """What the recording's file states: type, length, when and on what it was recorded."""
        described = reading.recording_description(self.session, item.sha256)
        if described is None:
            return ""
        media = recording_media_label(described.media)
        return (
            "<h3>"
            + _e(self.tr("Recording"))
            + "</h3>"
            + self._table(
                [
                    (self.tr("Type"), f"{media} · {described.container}"),
                    *recording_rows(described, self.zone),
                ]
            )
        )

    def show_item(self, item: Item) -> None:
        parts = [f"<h3>{_e(item.file_name)}</h3>"]
        sm3, size = reading.blob_info(self.session, item.sha256) or ("", 0)
        parts.append(
            self._table(
                [
                    (self.tr("Item"), item.id),
                    (self.tr("Role"), item_role_label(item.role)),
                    ("SHA-256", item.sha256),
                    ("SM3", sm3),
                    (self.tr("Size"), counted(lambda n: self.tr("%n byte(s)", "size", n), size)),
                    (self.tr("Added by"), item.added_by),
                    (self.tr("Added at"), local_time(item.added_at, self.zone)),
                ]
            )
        )
        if policy.allowed(self.session.user.role, Action.EVIDENCE_READ):
            if item.role == "recording":
                parts.append(self._recording_html(item))
            parts.append(
                "<h3>" + _e(self.tr("Time stamp")) + "</h3>"
                f"<p>{self._stamp_html(reading.item_stamp(self.session, item.sha256))}</p>"
            )
            parts.append(self._custody_html(reading.custody(self.session, item.id, item.sha256)))
        self.browser.setHtml("".join(parts))
