"""Breach records (PIPL art. 57): an administrator files one; anyone who reads them (legal,
admins, auditors) picks one and sees, copies or prints its notice in Chinese or English.

The form asks for what art. 57 says a notice must hold (kind, cause, possible harm, remedies,
what people can do, whom to contact) as codes from domain/pipl.py with optional notes in the
user's words; services/breaches.py files it as a ledger entry and words the notice.
"""

from __future__ import annotations

from PySide6.QtCore import QDateTime, Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from evidence_desk.domain import pipl, policy
from evidence_desk.domain.policy import Action
from evidence_desk.services import breaches
from evidence_desk.services.session import Session
from evidence_desk.ui import errors, service_text

BreachIdRole = Qt.ItemDataRole.UserRole + 60


def _combo(kind: str, codes: tuple[str, ...]) -> QComboBox:
    """One of ``codes``, each shown by its label in the interface language."""
    combo = QComboBox()
    for code in codes:
        combo.addItem(service_text.phrase(pipl.label(kind, code)), code)
    return combo


def _checklist(kind: str, codes: tuple[str, ...]) -> QListWidget:
    """Any of ``codes``, ticked, each shown by its label in the interface language."""
    listing = QListWidget()
    listing.setMaximumHeight(96)
    for code in codes:
        item = QListWidgetItem(service_text.phrase(pipl.label(kind, code)))
        item.setData(Qt.ItemDataRole.UserRole, code)
        item.setCheckState(Qt.CheckState.Unchecked)
        listing.addItem(item)
    return listing


def checked(listing: QListWidget) -> list[str]:
    found = (listing.item(i) for i in range(listing.count()))
    return [
        str(item.data(Qt.ItemDataRole.UserRole))
        for item in found
        if item is not None and item.checkState() == Qt.CheckState.Checked
    ]


class BreachDialog(QDialog):
    filed = Signal(str)  # the new record's id

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("breachDialog")
        self.setWindowTitle(self.tr("Breach records (PIPL art. 57)"))
        self.session = session
        self.records = QListWidget()
        self.records.setObjectName("breachRecords")
        self.records.setMaximumHeight(90)
        self.records.currentItemChanged.connect(self.show_notice)
        self.language = QComboBox()
        self.language.setObjectName("breachNoticeLanguage")
        self.language.addItem("中文（简体）", "zh_CN")
        self.language.addItem("English", "en")
        self.language.currentIndexChanged.connect(self.show_notice)
        self.notice = QTextBrowser()
        self.notice.setObjectName("breachNotice")
        self.notice.setMinimumHeight(200)
        copy = QPushButton(self.tr("Copy notice"))
        copy.setObjectName("breachCopy")
        copy.clicked.connect(self.copy_notice)
        print_button = QPushButton(self.tr("Print notice…"))
        print_button.setObjectName("breachPrint")
        print_button.clicked.connect(self.print_notice)
        notice_bar = QHBoxLayout()
        notice_bar.addWidget(QLabel(self.tr("Notice language:")))
        notice_bar.addWidget(self.language)
        notice_bar.addStretch(1)
        notice_bar.addWidget(copy)
        notice_bar.addWidget(print_button)
        self.status = QLabel()
        self.status.setObjectName("breachStatus")
        self.status.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.records)
        layout.addLayout(notice_bar)
        layout.addWidget(self.notice, 1)
        self.form: QGroupBox | None = None
        if policy.allowed(session.user.role, Action.BREACH_FILE):
            self.form = self._form()
            layout.addWidget(self.form)
        layout.addWidget(self.status)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.accept)
        layout.addWidget(close, 0, Qt.AlignmentFlag.AlignRight)
        self.resize(720, 900)
        self.refresh()

    def _form(self) -> QGroupBox:
        box = QGroupBox(self.tr("File a breach record (admins)"))
        box.setObjectName("breachForm")
        self.kind = _combo("breach", pipl.BREACH_KINDS)
        self.cause = _combo("cause", pipl.BREACH_CAUSES)
        self.cause_note = QLineEdit()
        self.harms = _checklist("harm", pipl.BREACH_HARMS)
        self.remedies = _checklist("remedy", pipl.BREACH_REMEDIES)
        self.advice = _checklist("advice", pipl.BREACH_ADVICE)
        self.contact_name = QLineEdit()
        self.contact_phone = QLineEdit()
        self.cases = QSpinBox()
        self.cases.setRange(0, 10_000_000)
        self.people = QSpinBox()
        self.people.setRange(0, 100_000_000)
        self.discovered = QDateTimeEdit(QDateTime.currentDateTime())
        self.discovered.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.discovered.setCalendarPopup(True)
        self.file_button = QPushButton(self.tr("File record"))
        self.file_button.setObjectName("breachFile")
        self.file_button.clicked.connect(self.file_record)
        form = QFormLayout(box)
        form.addRow(self.tr("What happened"), self.kind)
        form.addRow(self.tr("Cause"), self.cause)
        form.addRow(self.tr("Cause, in your words"), self.cause_note)
        form.addRow(self.tr("Harm it may cause"), self.harms)
        form.addRow(self.tr("Remedies taken"), self.remedies)
        form.addRow(self.tr("What people can do"), self.advice)
        form.addRow(self.tr("Contact person"), self.contact_name)
        form.addRow(self.tr("Contact telephone"), self.contact_phone)
        form.addRow(self.tr("Cases affected"), self.cases)
        form.addRow(self.tr("People affected (about)"), self.people)
        form.addRow(self.tr("Discovered at (local time)"), self.discovered)
        form.addRow("", self.file_button)
        return box

    def refresh(self, select: str | None = None) -> None:
        self.records.clear()
        for record in breaches.list_records(self.session):
            item = QListWidgetItem(
                f"{record.id} · {record.filed_at[:16].replace('T', ' ')} · "
                f"{service_text.phrase(pipl.label('breach', record.kind))}"
            )
            item.setData(BreachIdRole, record.id)
            self.records.addItem(item)
            if record.id == select or select is None:
                self.records.setCurrentItem(item)

    def show_notice(self) -> None:
        item = self.records.currentItem()
        if item is None:
            self.notice.clear()
            return
        record = breaches.get(self.session, str(item.data(BreachIdRole)))
        self.notice.setPlainText(breaches.notice(record, str(self.language.currentData())))

    def file_record(self) -> None:
        moment = self.discovered.dateTime().toString("yyyy-MM-ddTHH:mm")
        try:
            report = breaches.BreachReport(
                kind=str(self.kind.currentData()),
                cause=str(self.cause.currentData()),
                harms=checked(self.harms),
                remedies=checked(self.remedies),
                advice=checked(self.advice),
                contact_name=self.contact_name.text(),
                contact_phone=self.contact_phone.text(),
                cases_affected=self.cases.value(),
                people_affected=self.people.value(),
                discovered_at=breaches.instant(self.session, moment),
                cause_note=self.cause_note.text(),
            )
            record = breaches.add(self.session, report)
        except Exception as error:  # shown, never raised out of a click
            errors.say_error(self.status, error)
            return
        errors.say(self.status, self.tr("Breach record %1 filed.").replace("%1", record.id), True)
        self.refresh(select=record.id)
        self.filed.emit(record.id)

    def copy_notice(self) -> None:
        clipboard = QApplication.clipboard()
        if clipboard is not None:
            clipboard.setText(self.notice.toPlainText())

    def print_notice(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter()
        dialog = QPrintDialog(printer, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.notice.document().print_(printer)
