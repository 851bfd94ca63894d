"""The import wizard: drop files, see what was detected and what will be stored, then import.

Preview and import run in workers; the import reports progress and can be cancelled, and a
cancelled or failed import stores nothing (the service rolls back and removes new blob files).
A contact that takes no evidence (not approved, revoked, expired) is refused on opening, with
the services' reason, before any file is picked.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from evidence_desk.domain.errors import RuleViolation
from evidence_desk.services import contacts, import_preview, importing
from evidence_desk.services import settings as settings_service
from evidence_desk.services.contacts import Contact
from evidence_desk.services.import_types import ImportPreview, ImportResult
from evidence_desk.services.leave_out import ChatChoice, LeaveOut
from evidence_desk.services.session import Session
from evidence_desk.ui import errors, service_text
from evidence_desk.ui.bubbles import attachment_state_label
from evidence_desk.ui.drop_list import FilePicker
from evidence_desk.ui.formatting import local_time
from evidence_desk.ui.labels import (
    format_label,
    kind_label,
    recording_media_label,
    recording_rows,
)
from evidence_desk.ui.workers import Job, start

ZONES = (
    "Asia/Shanghai",
    "Asia/Hong_Kong",
    "Asia/Taipei",
    "Asia/Singapore",
    "Asia/Tokyo",
    "Europe/London",
    "Europe/Berlin",
    "America/New_York",
    "UTC",
)


def _e(text: object) -> str:
    import html

    return html.escape(str(text))


class ImportWizard(QDialog):
    imported = Signal(object)

    def __init__(self, session: Session, contact: Contact, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importWizard")
        self.setWindowTitle(
            self.tr("Import evidence for %1").replace(
                "%1", f"{contact.display_name} ({contact.id})"
            )
        )
        self.session = session
        self.contact = contact
        self.job: Job[ImportPreview] | Job[ImportResult] | None = None
        self.preview: ImportPreview | None = None
        self.import_result: ImportResult | None = None  # set when the import is stored
        self.error: BaseException | None = None

        # page 1: files
        self.files = FilePicker(folders=True)
        self.files.setObjectName("importFiles")
        self.files.list.setObjectName("importFileList")
        self.files.list.changed.connect(self._files_changed)
        self.zone = QComboBox()
        self.zone.setObjectName("importZone")
        self.zone.setEditable(True)
        default_zone = settings_service.get(session, "timezone")
        self.zone.addItems([default_zone, *[z for z in ZONES if z != default_zone]])
        self.our_account = QLineEdit()
        self.our_account.setObjectName("importOurAccount")
        self.our_account.setPlaceholderText(self.tr("Detected from the export (leave empty)"))
        form = QFormLayout()
        form.addRow(self.tr("Time zone of the export's local times"), self.zone)
        form.addRow(self.tr("Our account (staff side)"), self.our_account)
        intro = QLabel(
            self.tr(
                "Drop chat exports, zips with media, export folders, screenshots or audio and "
                "video recordings here. "
                "Nothing is stored until you confirm the preview."
            )
        )
        intro.setWordWrap(True)
        page_files = QWidget()
        files_layout = QVBoxLayout(page_files)
        files_layout.addWidget(intro)
        files_layout.addWidget(self.files, 1)
        files_layout.addLayout(form)

        # page 2: preview, and what to leave out (PI-2: chats and participants that are not
        # the debtor; unticking one previews again without them)
        self.preview_view = QTextBrowser()
        self.preview_view.setObjectName("importPreview")
        self.left_chats: set[str] = set()
        self.left_participants: set[str] = set()
        self.chat_list = QListWidget()
        self.chat_list.setObjectName("importChats")
        self.chat_list.itemChanged.connect(self._leave_out_changed)
        self.participant_list = QListWidget()
        self.participant_list.setObjectName("importParticipants")
        self.participant_list.itemChanged.connect(self._leave_out_changed)
        self.chats_label = QLabel(
            self.tr("Chats in the export (untick those that are not the debtor's):")
        )
        self.participants_label = QLabel(
            self.tr(
                "Participants (untick third parties: their messages are not stored; the "
                "original file is kept whole):"
            )
        )
        for label in (self.chats_label, self.participants_label):
            label.setWordWrap(True)
        page_preview = QWidget()
        preview_layout = QVBoxLayout(page_preview)
        preview_layout.addWidget(self.preview_view, 3)
        preview_layout.addWidget(self.chats_label)
        preview_layout.addWidget(self.chat_list, 1)
        preview_layout.addWidget(self.participants_label)
        preview_layout.addWidget(self.participant_list, 1)

        # page 3: progress
        self.progress = QProgressBar()
        self.progress.setObjectName("importProgress")
        self.progress.setRange(0, 100)
        self.progress_label = QLabel()
        self.progress_label.setObjectName("importProgressLabel")
        self.progress_label.setWordWrap(True)
        page_progress = QWidget()
        progress_layout = QVBoxLayout(page_progress)
        progress_layout.addStretch(1)
        progress_layout.addWidget(self.progress_label)
        progress_layout.addWidget(self.progress)
        progress_layout.addStretch(1)

        # page 4: summary
        self.summary = QTextBrowser()
        self.summary.setObjectName("importSummary")
        page_summary = QWidget()
        summary_layout = QVBoxLayout(page_summary)
        summary_layout.addWidget(self.summary)

        self.pages = QStackedWidget()
        for page in (page_files, page_preview, page_progress, page_summary):
            self.pages.addWidget(page)
        self.page_files, self.page_preview = page_files, page_preview
        self.page_progress, self.page_summary = page_progress, page_summary

        self.status = QLabel()
        self.status.setObjectName("importStatus")
        self.status.setWordWrap(True)
        self.back_button = QPushButton(self.tr("Back"))
        self.back_button.setObjectName("importBack")
        self.next_button = QPushButton(self.tr("Preview"))
        self.next_button.setObjectName("importNext")
        self.next_button.setDefault(True)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setObjectName("importCancel")
        self.back_button.clicked.connect(self._back)
        self.next_button.clicked.connect(self._next)
        self.cancel_button.clicked.connect(self._cancel)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.next_button)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages, 1)
        layout.addLayout(buttons)
        self.resize(720, 560)
        self.refused = self._refused()
        if self.refused is not None:
            self.files.setEnabled(False)
            self.status.setStyleSheet("color: #b3261e;")
            self.status.setText(errors.describe(self.refused))
        self._show_page(self.page_files)

    def _refused(self) -> RuleViolation | None:
        """Say at once when the contact takes no evidence (not approved, revoked, expired).

        The services' rule (``contacts.require_usable``) over the stored contact, since the
        caller's copy may predate a decision or the expiry; preview and import check it again
        (the import inside its write), so this only spares picking files that cannot go in.
        """
        try:
            contacts.require_usable(
                self.session, contacts.get_contact(self.session, self.contact.id)
            )
        except RuleViolation as refusal:
            return refusal
        return None

    # -- navigation -------------------------------------------------------------------------
    def _show_page(self, page: QWidget) -> None:
        self.pages.setCurrentWidget(page)
        busy = self.job is not None
        self.back_button.setVisible(page is self.page_preview)
        self.back_button.setEnabled(not busy)
        if page is self.page_files:
            self.next_button.setText(self.tr("Preview"))
            self.next_button.setEnabled(
                bool(self.files.paths()) and not busy and self.refused is None
            )
            self.next_button.show()
        elif page is self.page_preview:
            self.next_button.setText(self.tr("Import"))
            self.next_button.setEnabled(
                self.preview is not None and not self.preview.to_choose and not busy
            )
            self.next_button.show()
        elif page is self.page_progress:
            self.next_button.hide()
        else:
            self.next_button.hide()
        self.cancel_button.setText(
            self.tr("Close") if page is self.page_summary else self.tr("Cancel")
        )

    def _files_changed(self) -> None:
        self.preview = None
        self.left_chats.clear()
        self.left_participants.clear()
        self._show_page(self.page_files)

    def add_paths(self, paths: list[Path]) -> None:
        self.files.list.add_paths(paths)

    def _back(self) -> None:
        self._show_page(self.page_files)

    def _next(self) -> None:
        if self.pages.currentWidget() is self.page_files:
            self.run_preview()
        elif self.pages.currentWidget() is self.page_preview:
            self.run_import()

    def _cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()
            self.progress_label.setText(self.tr("Cancelling… nothing will be stored."))
            self.cancel_button.setEnabled(False)
            return
        self.reject()

    def _options(self) -> dict[str, str | None]:
        return {
            "tz": self.zone.currentText().strip() or None,
            "our_account": self.our_account.text().strip() or None,
        }

    def leave_out(self) -> LeaveOut:
        """The chats and participants unticked in the preview."""
        return LeaveOut.of(self.left_chats, self.left_participants)

    def _leave_out_changed(self, item: QListWidgetItem) -> None:
        key = str(item.data(Qt.ItemDataRole.UserRole))
        chosen = self.left_chats if item.listWidget() is self.chat_list else self.left_participants
        if item.checkState() == Qt.CheckState.Checked:
            chosen.discard(key)
        else:
            chosen.add(key)
        if self.job is None:
            self.run_preview()

    def _fill_leave_out(self, preview: ImportPreview) -> None:
        """Tick boxes for every chat of a multi-chat export and every participant found."""
        chats: list[ChatChoice] = [c for f in preview.to_choose for c in f.chats]
        chats += [c for chat in preview.chats for c in chat.chats]
        senders = list(dict.fromkeys(p for chat in preview.chats for p in chat.senders))
        for widget, entries in (
            (self.chat_list, [(c.id, self._chat_text(c)) for c in chats]),
            (self.participant_list, [(p, p) for p in senders]),
        ):
            widget.blockSignals(True)
            widget.clear()
            left = self.left_chats if widget is self.chat_list else self.left_participants
            for key, text in entries:
                item = QListWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, key)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(
                    Qt.CheckState.Unchecked if key in left else Qt.CheckState.Checked
                )
                widget.addItem(item)
            widget.blockSignals(False)
        self.chats_label.setVisible(bool(chats))
        self.chat_list.setVisible(bool(chats))
        self.participants_label.setVisible(bool(senders))
        self.participant_list.setVisible(bool(senders))

    def _chat_text(self, chat: ChatChoice) -> str:
        return (
            self.tr("%1 (id %2, %n message(s))", "", chat.message_count)
            .replace("%1", chat.name or "—")
            .replace("%2", chat.id or "?")
        )

    # -- preview ----------------------------------------------------------------------------
    def run_preview(self) -> Job[ImportPreview]:
        paths, options, contact_id = self.files.paths(), self._options(), self.contact.id
        leave = self.leave_out()
        self.status.setText(self.tr("Reading the files…"))
        self.next_button.setEnabled(False)
        job = Job(
            lambda s, _j: import_preview.preview_import(
                s, contact_id, paths, leave=leave, **options
            ),
            self.session,
        )
        job.on_finished(self._previewed)
        job.on_failed(self._preview_failed)
        self.job = start(job)
        return job

    def _previewed(self, preview: ImportPreview) -> None:
        self.job = None
        self.preview = preview
        self.status.clear()
        self.preview_view.setHtml(self._preview_html(preview))
        self._fill_leave_out(preview)
        self._show_page(self.page_preview)

    def _preview_failed(self, error: BaseException) -> None:
        self.job = None
        self.status.setStyleSheet("color: #b3261e;")
        self.status.setText(errors.describe(error))
        self._show_page(self.page_files)

    def _name_encoding(self, encoding: str) -> str:
        """How a zip's member names were read (archive.NAME_ENCODINGS), in words."""
        if encoding == "gb18030":
            return self.tr("GB18030 (not marked as UTF-8; made on Chinese Windows)")
        if encoding == "cp437":
            return self.tr("cp437 (neither UTF-8 nor GB18030; names may be garbled)")
        return self.tr("UTF-8")

    def _preview_html(self, preview: ImportPreview) -> str:
        parts = []
        for chat in preview.chats:
            rows = [
                (self.tr("Detected format"), format_label(chat.format_name)),
                (self.tr("Why"), service_text.detection_reason(chat.detection_reason)),
                (self.tr("Title"), service_text.phrase(chat.title)),
                (self.tr("Participants"), ", ".join(chat.participants)),
                (self.tr("Our account"), chat.our_account or "—"),
                (
                    self.tr("Messages"),
                    self.tr("%1 (%2 already stored)")
                    .replace("%1", str(chat.message_count))
                    .replace("%2", str(chat.already_stored)),
                ),
                (
                    self.tr("Date range"),
                    f"{local_time(chat.first_at, chat.timezone)} … "
                    f"{local_time(chat.last_at, chat.timezone)}",
                ),
                (self.tr("Time zone assumed"), chat.timezone),
                (self.tr("Encoding"), chat.encoding),
                (
                    self.tr("By kind"),
                    ", ".join(
                        f"{kind_label(k)}: {v}" for k, v in sorted(chat.counts_by_kind.items())
                    ),
                ),
                (
                    self.tr("Attachments"),
                    ", ".join(
                        f"{attachment_state_label(k)}: {v}"
                        for k, v in sorted(chat.attachments.items())
                    )
                    or "—",
                ),
            ]
            if chat.name_encoding:
                rows.append((self.tr("Zip member names"), self._name_encoding(chat.name_encoding)))
            if chat.after_revocation:
                rows.append((self.tr("After revocation"), str(chat.after_revocation)))
            if chat.left_out_messages or chat.left_out_participants:
                rows.append(
                    (
                        self.tr("Left out"),
                        self.tr(
                            "%n message(s) of %1 (not stored)", "", chat.left_out_messages
                        ).replace("%1", ", ".join(chat.left_out_participants) or "—"),
                    )
                )
            parts.append(f"<h3>{_e(chat.file_name)}</h3>" + self._table(rows))
            if chat.repairs:
                parts.append(
                    "<p><b>"
                    + _e(self.tr("Repaired while reading (the original is unchanged):"))
                    + "</b></p><ul>"
                )
                parts += [f"<li>{_e(service_text.repair(r))}</li>" for r in chat.repairs]
                parts.append("</ul>")
            parts += self._problems(chat.problems)
        for image in preview.images:
            rows = [
                (self.tr("Why"), service_text.detection_reason(image.detection_reason)),
                (self.tr("Size"), f"{image.width}×{image.height}"),
                (self.tr("Taken at"), image.taken_at or "—"),
                (self.tr("Device"), image.device or "—"),
            ]
            parts.append(
                "<h3>"
                + _e(image.file_name)
                + " ("
                + _e(self.tr("screenshot"))
                + ")</h3>"
                + self._table(rows)
            )
            parts += self._problems(image.problems)
        for recording in preview.recordings:
            rows = [
                (self.tr("Why"), service_text.detection_reason(recording.detection_reason)),
                *recording_rows(recording.description, recording.timezone),
            ]
            media = recording_media_label(recording.media)
            parts.append(
                "<h3>" + _e(recording.file_name) + " (" + _e(media) + ")</h3>" + self._table(rows)
            )
            parts += self._problems(recording.problems)
        for unchosen in preview.to_choose:
            parts.append(
                f"<h3>{_e(unchosen.file_name)}</h3><p style='color:#b3261e'>"
                + _e(
                    self.tr(
                        "This export holds %n chat(s). Untick every chat but the debtor's below: "
                        "one import holds one chat.",
                        "",
                        len(unchosen.chats),
                    )
                )
                + "</p>"
            )
        for duplicate in preview.duplicates:
            parts.append(
                "<p>"
                + _e(
                    self.tr(
                        "%1: identical bytes are already imported and will be skipped."
                    ).replace("%1", duplicate)
                )
                + "</p>"
            )
        return "".join(parts)

    def _problems(self, problems: tuple[str, ...]) -> list[str]:
        if not problems:
            return []
        parts = ["<p><b>" + _e(self.tr("Could not parse or had to interpret:")) + "</b></p><ul>"]
        parts += [f"<li>{_e(service_text.problem(p))}</li>" for p in problems[:50]]
        if len(problems) > 50:
            parts.append(f"<li>… {len(problems) - 50}</li>")
        parts.append("</ul>")
        return parts

    @staticmethod
    def _table(rows: list[tuple[str, str]]) -> str:
        cells = "".join(
            f"<tr><td style='color:#555;padding-right:10px'>{_e(k)}</td><td>{_e(v)}</td></tr>"
            for k, v in rows
        )
        return f"<table>{cells}</table>"

    # -- import -----------------------------------------------------------------------------
    def run_import(self) -> Job[ImportResult]:
        paths, options, contact_id = self.files.paths(), self._options(), self.contact.id
        leave = self.leave_out()
        self.progress.setValue(0)
        self.progress_values: list[int] = []
        self.progress_label.setText(self.tr("Starting…"))
        self.cancel_button.setEnabled(True)

        def work(session: Session, job: Job[ImportResult]) -> ImportResult:
            return importing.import_files(
                session,
                contact_id,
                paths,
                tz=options["tz"],
                our_account=options["our_account"],
                progress=job.report,
                cancelled=job.is_cancelled,
                leave=leave,
            )

        job = Job(work, self.session)
        job.on_progress(self._progress)
        job.on_finished(self._imported)
        job.on_failed(self._import_failed)
        self.job = job
        self._show_page(self.page_progress)
        start(job)
        return job

    def _progress(self, percent: int, what: str) -> None:
        self.progress_values.append(percent)
        self.progress.setValue(percent)
        # the service's steps are coded Phrases (import.step_*)
        self.progress_label.setText(service_text.phrase(what))

    def _imported(self, result: ImportResult) -> None:
        self.job = None
        self.import_result = result
        self.cancel_button.setEnabled(True)
        lines = [
            self.tr("Stored %n import(s): %1 (%2 new), %3, %4.", "", len(result.import_ids))
            .replace("%1", self.tr("%n message(s)", "", result.messages_total))
            .replace("%2", str(result.messages_new))
            .replace("%3", self.tr("%n screenshot(s)", "", result.images))
            .replace("%4", self.tr("%n recording(s)", "", result.recordings))
        ]
        if result.ledger_seq is not None:
            lines.append(
                self.tr("Recorded as ledger entry %1.").replace("%1", str(result.ledger_seq))
            )
        lines += [service_text.notice(n) for n in result.notices]
        self.summary.setHtml("".join(f"<p>{_e(line)}</p>" for line in lines))
        self._show_page(self.page_summary)
        self.imported.emit(result)

    def _import_failed(self, error: BaseException) -> None:
        self.job = None
        self.error = error
        self.cancel_button.setEnabled(True)
        self.summary.setHtml(
            f"<p style='color:#b3261e'>{_e(errors.describe(error)).replace(chr(10), '<br>')}</p>"
        )
        self._show_page(self.page_summary)
