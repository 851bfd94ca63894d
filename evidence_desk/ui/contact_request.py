"""Requesting a new contact: case, channel, handle, relation, reason and the debtor's documents.

A supervisor can approve only once the identity proof and the debt confirmation are attached,
so the form asks for them up front (drag files onto each list) and says what is still missing.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from evidence_desk.services import cases, contacts
from evidence_desk.services.session import Session
from evidence_desk.ui import errors
from evidence_desk.ui.drop_list import FilePicker
from evidence_desk.ui.workers import Job, start


class ContactRequestDialog(QDialog):
    requested = Signal(str)

    def __init__(
        self, session: Session, case_no: str | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("contactRequestDialog")
        self.setWindowTitle(self.tr("Request a new contact"))
        self.session = session
        self.job: Job[contacts.Contact] | None = None
        self.case_combo = QComboBox()
        self.case_combo.setObjectName("requestCase")
        for case in cases.list_cases(session):
            self.case_combo.addItem(f"{case.case_no} · {case.debtor_name}", case.case_no)
        if case_no:
            self.case_combo.setCurrentIndex(max(0, self.case_combo.findData(case_no)))
        self.channel = QComboBox()
        self.channel.setObjectName("requestChannel")
        names = {
            "wechat": self.tr("WeChat"),
            "whatsapp": self.tr("WhatsApp"),
            "telegram": self.tr("Telegram"),
            "line": self.tr("LINE"),
            "sms": self.tr("SMS"),
            "phone": self.tr("Phone"),
        }
        for channel in contacts.CHANNELS:
            self.channel.addItem(names.get(channel, channel), channel)
        self.handle = QLineEdit()
        self.handle.setObjectName("requestHandle")
        self.handle.setPlaceholderText(self.tr("WeChat ID, phone number or account"))
        self.display_name = QLineEdit()
        self.display_name.setObjectName("requestName")
        self.relation = QComboBox()
        self.relation.setObjectName("requestRelation")
        for value, label in (
            ("debtor", self.tr("Debtor")),
            ("guarantor", self.tr("Guarantor")),
            ("other", self.tr("Other (needs a justification)")),
        ):
            self.relation.addItem(label, value)
        self.justification = QLineEdit()
        self.justification.setObjectName("requestJustification")
        self.initiated = QComboBox()
        self.initiated.setObjectName("requestInitiated")
        self.initiated.addItem(self.tr("The debtor added us"), "debtor")
        self.initiated.addItem(self.tr("We added the debtor"), "staff")
        self.consent = QCheckBox(self.tr("The debtor agreed to discuss the debt on this channel"))
        self.consent.setObjectName("requestConsent")
        self.reason = QPlainTextEdit()
        self.reason.setObjectName("requestReason")
        self.reason.setPlaceholderText(
            self.tr("Why this contact is needed (recorded in the ledger)")
        )
        self.reason.setMaximumHeight(70)
        form = QFormLayout()
        form.addRow(self.tr("Case"), self.case_combo)
        form.addRow(self.tr("Channel"), self.channel)
        form.addRow(self.tr("Handle / number"), self.handle)
        form.addRow(self.tr("Display name"), self.display_name)
        form.addRow(self.tr("Relation"), self.relation)
        form.addRow(self.tr("Justification"), self.justification)
        form.addRow(self.tr("Who initiated"), self.initiated)
        form.addRow("", self.consent)
        form.addRow(self.tr("Reason"), self.reason)

        self.pickers: dict[str, FilePicker] = {}
        documents = QGroupBox(self.tr("Documents (drag files onto a list)"))
        doc_form = QFormLayout(documents)
        for role, label in (
            ("identity_proof", self.tr("Identity proof (required)")),
            ("debt_confirmation", self.tr("Debt confirmation (required)")),
            ("friend_request", self.tr("Friend-request screenshot")),
            ("consent", self.tr("Consent evidence")),
        ):
            picker = FilePicker()
            picker.setObjectName(f"docs_{role}")
            picker.list.setObjectName(f"docsList_{role}")
            picker.list.changed.connect(self._update_hint)
            self.pickers[role] = picker
            doc_form.addRow(label, picker)
        self.hint = QLabel()
        self.hint.setObjectName("requestHint")
        self.hint.setWordWrap(True)
        self.error_label = QLabel()
        self.error_label.setObjectName("requestError")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b3261e;")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.submit_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.submit_button.setText(self.tr("Send request"))
        self.submit_button.setObjectName("sendRequestButton")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(documents)
        layout.addWidget(self.hint)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)
        self.resize(640, 720)
        self._update_hint()

    def _update_hint(self) -> None:
        missing = [
            label
            for role, label in (
                ("identity_proof", self.tr("identity proof")),
                ("debt_confirmation", self.tr("debt confirmation")),
            )
            if not self.pickers[role].paths()
        ]
        if missing:
            self.hint.setStyleSheet("color: #ef6c00;")
            self.hint.setText(
                self.tr("A supervisor can approve only with the debtor's %1 attached.").replace(
                    "%1", self.tr(" and ").join(missing)
                )
            )
        else:
            self.hint.setStyleSheet("color: #2e7d32;")
            self.hint.setText(self.tr("Required documents attached."))

    def documents(self) -> list[tuple[str, Path]]:
        return [(role, p) for role, picker in self.pickers.items() for p in picker.paths()]

    def submit(self) -> Job[contacts.Contact] | None:
        """Send the request in a worker: sealing large documents must not freeze the window."""
        if self.case_combo.currentData() is None:
            self.error_label.setText(self.tr("Open a case first (Ctrl+N)."))
            return None
        if self.job is not None:
            return None
        # read on this thread; the worker only gets the values
        case_no: str = self.case_combo.currentData()
        channel: str = self.channel.currentData()
        handle, display_name = self.handle.text(), self.display_name.text()
        reason = self.reason.toPlainText()
        relation: str = self.relation.currentData()
        justification = self.justification.text()
        initiated_by: str = self.initiated.currentData()
        consent, documents = self.consent.isChecked(), self.documents()

        def work(session: Session, _job: Job[contacts.Contact]) -> contacts.Contact:
            return contacts.request_contact(
                session,
                case_no=case_no,
                channel=channel,
                handle=handle,
                display_name=display_name,
                reason=reason,
                relation=relation,
                relation_justification=justification,
                initiated_by=initiated_by,
                consent=consent,
                documents=documents,
            )

        self.submit_button.setEnabled(False)
        self.error_label.setText(self.tr("Sealing the documents and recording the request…"))
        job = Job(work, self.session)
        job.on_finished(self._sent)
        job.on_failed(self._failed)
        self.job = start(job)
        return job

    def _sent(self, contact: contacts.Contact) -> None:
        self.job = None
        self.submit_button.setEnabled(True)
        self.error_label.clear()
        self.requested.emit(contact.id)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.job = None
        self.submit_button.setEnabled(True)
        self.error_label.setText(errors.describe(error))
