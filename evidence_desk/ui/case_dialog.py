"""Opening a new case (field staff and supervisors)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from evidence_desk.services import cases
from evidence_desk.services.session import Session
from evidence_desk.ui import errors


class CaseDialog(QDialog):
    created = Signal(str)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("caseDialog")
        self.setWindowTitle(self.tr("New case"))
        self.session = session
        self.case_no = QLineEdit()
        self.case_no.setObjectName("caseNo")
        self.case_no.setPlaceholderText("2026-SH-0002")
        self.debtor = QLineEdit()
        self.debtor.setObjectName("debtorName")
        self.id_number = QLineEdit()
        self.id_number.setObjectName("idNumber")
        self.loan_ref = QLineEdit()
        self.loan_ref.setObjectName("loanRef")
        self.product = QComboBox()
        self.product.setObjectName("product")
        for value, label in (
            ("auto_loan", self.tr("Auto loan")),
            ("online_loan", self.tr("Online loan")),
            ("other", self.tr("Other")),
        ):
            self.product.addItem(label, value)
        self.amount = QLineEdit("0")
        self.amount.setObjectName("amount")
        self.overdue_since = QLineEdit()
        self.overdue_since.setObjectName("overdueSince")
        self.overdue_since.setPlaceholderText("YYYY-MM-DD")
        form = QFormLayout()
        form.addRow(self.tr("Case number"), self.case_no)
        form.addRow(self.tr("Debtor name"), self.debtor)
        form.addRow(self.tr("ID number"), self.id_number)
        form.addRow(self.tr("Loan reference"), self.loan_ref)
        form.addRow(self.tr("Product"), self.product)
        form.addRow(self.tr("Amount overdue"), self.amount)
        form.addRow(self.tr("Overdue since"), self.overdue_since)
        self.error_label = QLabel()
        self.error_label.setObjectName("caseError")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b3261e;")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Open case"))
        buttons.button(QDialogButtonBox.StandardButton.Ok).setObjectName("openCaseButton")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)

    def submit(self) -> None:
        try:
            case = cases.create_case(
                self.session,
                self.case_no.text().strip(),
                debtor_name=self.debtor.text(),
                debtor_id_number=self.id_number.text(),
                loan_ref=self.loan_ref.text(),
                product=self.product.currentData(),
                amount_overdue=self.amount.text(),
                overdue_since=self.overdue_since.text(),
            )
        except Exception as error:
            self.error_label.setText(errors.describe(error))
            return
        self.created.emit(case.case_no)
        self.accept()
