"""Shredding a case (issue 18 item 3): the basis, the reason, the debtor's request document,
and a confirmation that names the case and what is destroyed before anything is.

One call of services/shredding.py; the service (and the rule table behind it) refuses what the
role, the retention floor, the deletion date or a legal hold do not allow, and the refusal is
shown in the dialog, which stays open.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from evidence_desk.services import shredding
from evidence_desk.services.session import Session
from evidence_desk.ui import errors
from evidence_desk.ui.counted import counted


class ShredDialog(QDialog):
    """Asks for the basis, reason and request document, shows what will be destroyed, and
    shreds once the destruction is confirmed; ``done_with`` carries the case."""

    done_with = Signal(str)

    def __init__(self, session: Session, case_no: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shredDialog")
        self.session = session
        self.case_no = case_no
        self.setWindowTitle(self.tr("Shred case %1").replace("%1", case_no))
        counts = shredding.preview(session, case_no)
        self.what = QLabel(
            self.tr(
                "Shredding case %1 destroys for good: the text of its %2, its %3 "
                "(%4), the debtor's name, ID number and "
                "the other personal fields, its contacts' handles and names, notes and search "
                "rows. Hashes, commitments, signatures and the ledger are kept, and a tombstone "
                "records what was destroyed. This cannot be undone."
            )
            .replace("%1", case_no)
            .replace("%2", self.tr("%n message(s)", "", counts["messages"]))
            .replace("%3", self.tr("%n original file(s) and document(s)", "", counts["blobs"]))
            .replace("%4", counted(lambda n: self.tr("%n byte(s)", "shred", n), counts["bytes"]))
        )
        self.what.setObjectName("shredWhat")
        self.what.setWordWrap(True)
        self.basis = QComboBox()
        self.basis.setObjectName("shredBasis")
        self.basis.addItem(self.tr("Deletion date reached (expired)"), "expired")
        self.basis.addItem(self.tr("Debtor's deletion request, PIPL art. 47 (request)"), "request")
        self.reason = QPlainTextEdit()
        self.reason.setObjectName("shredReason")
        self.reason.setPlaceholderText(self.tr("Reason (recorded in the ledger)"))
        self.request_file = QLineEdit()
        self.request_file.setObjectName("shredRequestFile")
        self.request_file.setPlaceholderText(
            self.tr("The debtor's request document (optional; hashed, not stored)")
        )
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self._browse)
        request_row = QHBoxLayout()
        request_row.addWidget(self.request_file, 1)
        request_row.addWidget(browse)
        self.confirm = QCheckBox(
            self.tr("I understand that the content of case %1 is destroyed for good").replace(
                "%1", case_no
            )
        )
        self.confirm.setObjectName("shredConfirm")
        self.error_label = QLabel()
        self.error_label.setObjectName("shredError")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b3261e;")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("Shred case"))
        self.ok.setObjectName("shredOkButton")
        self.ok.setEnabled(False)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        self.confirm.toggled.connect(self.ok.setEnabled)
        form = QFormLayout()
        form.addRow(self.tr("Basis"), self.basis)
        form.addRow(self.tr("Request document"), request_row)
        layout = QVBoxLayout(self)
        layout.addWidget(self.what)
        layout.addLayout(form)
        layout.addWidget(self.reason)
        layout.addWidget(self.confirm)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)

    def _browse(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(self, self.tr("The debtor's request document"))
        if path:
            self.request_file.setText(path)

    def submit(self) -> None:
        if not self.confirm.isChecked():
            return
        request = self.request_file.text().strip()
        try:
            shredding.shred_case(
                self.session,
                self.case_no,
                str(self.basis.currentData()),
                self.reason.toPlainText().strip(),
                Path(request) if request else None,
            )
        except Exception as error:
            self.error_label.setText(errors.describe(error))
            return
        self.done_with.emit(self.case_no)
        self.accept()
