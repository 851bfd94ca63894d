"""Tags and notes from the conversation's context menu, and the conduct findings view.

Tags are signed ledger entries made by the review service; this module only offers them and
shows them as badges.
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from evidence_desk.domain import policy
from evidence_desk.domain.policy import Action
from evidence_desk.services.conduct import ConductFinding, ConductReport
from evidence_desk.services.reading import MessageRow
from evidence_desk.services.session import Session
from evidence_desk.ui import errors, service_text
from evidence_desk.ui.formatting import local_time
from evidence_desk.ui.labels import tag_names
from evidence_desk.ui.roles import why_not
from evidence_desk.ui.workers import Job, start


class TagController(QObject):
    """Keeps the active tags of the shown contact and builds the message context menu."""

    changed = Signal(int)  # message rowid

    def __init__(self, session: Session, review: ModuleType, parent: QWidget) -> None:
        super().__init__(parent)
        self.session = session
        self.review = review
        self.parent_widget = parent
        self.contact_id: str | None = None
        self._tags: dict[int, list[Any]] = {}
        self.last_error: BaseException | None = None

    def load(self, contact_id: str | None) -> None:
        self.contact_id = contact_id
        self._tags = {}
        if contact_id is None or not policy.allowed(self.session.user.role, Action.EVIDENCE_READ):
            return
        for tag in self.review.list_tags(self.session, contact_id=contact_id):
            if tag.message_id is not None:
                self._tags.setdefault(tag.message_id, []).append(tag)

    def tags_for(self, rowid: int) -> list[str]:
        return [t.tag for t in self._tags.get(rowid, [])]

    def build_menu(self, menu: QMenu, message: MessageRow) -> None:
        denied = why_not(self.session.user.role, Action.REVIEW_TAG)
        tag_menu = menu.addMenu(QCoreApplication.translate("Review", "Tag as"))
        tag_menu.setObjectName("tagMenu")
        for tag, name in tag_names().items():
            if tag not in self.review.TAGS or tag == "note":
                continue
            action = tag_menu.addAction(name)
            action.setObjectName(f"tag_{tag}")
            action.triggered.connect(lambda _c=False, t=tag: self.tag(message.rowid, t))
        note = menu.addAction(QCoreApplication.translate("Review", "Add a note…"))
        note.setObjectName("tag_note")
        note.triggered.connect(lambda: self.ask_note(message.rowid))
        for tag in self._tags.get(message.rowid, []):
            remove = menu.addAction(
                QCoreApplication.translate("Review", "Remove tag: %1").replace(
                    "%1", tag_names().get(tag.tag, tag.tag)
                )
            )
            remove.setObjectName(f"untag_{tag.tag}")
            remove.triggered.connect(
                lambda _c=False, tid=tag.id, r=message.rowid: self.untag(tid, r)
            )
        if denied:
            tag_menu.setEnabled(False)
            tag_menu.setToolTip(denied)
            note.setEnabled(False)

    def tag(self, rowid: int, tag: str, note: str = "") -> bool:
        try:
            self.review.tag_message(self.session, rowid, tag, note)
        except Exception as error:
            self.last_error = error
            errors.show(self.parent_widget, error)
            return False
        self.load(self.contact_id)
        self.changed.emit(rowid)
        return True

    def untag(self, tag_id: str, rowid: int) -> bool:
        try:
            self.review.untag(self.session, tag_id)
        except Exception as error:
            self.last_error = error
            errors.show(self.parent_widget, error)
            return False
        self.load(self.contact_id)
        self.changed.emit(rowid)
        return True

    def ask_note(self, rowid: int) -> QInputDialog:
        dialog = QInputDialog(self.parent_widget)
        dialog.setObjectName("noteDialog")
        dialog.setWindowTitle(QCoreApplication.translate("Review", "Note on this message"))
        dialog.setLabelText(QCoreApplication.translate("Review", "Note (recorded in the ledger):"))
        dialog.textValueSelected.connect(lambda text: self.tag(rowid, "note", text))
        dialog.open()
        return dialog


FindingRole = Qt.ItemDataRole.UserRole + 50


class FindingsView(QWidget):
    """Conduct self-check: run the rules, list findings, acknowledge one with a note.

    Double-clicking a finding that points at a message opens it in the conversation. A finding
    in one of our bubbles of a screenshot says so under its rule; its detail names the screenshot
    and the bubble.
    """

    open_message = Signal(str, str, int)  # contact id, sent_at, message rowid

    def __init__(
        self, session: Session, conduct: ModuleType, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("findingsView")
        self.session = session
        self.conduct = conduct
        self.findings: list[ConductFinding] = []
        self.job: Job[ConductReport] | None = None
        self.run_button = QPushButton(self.tr("Run the conduct check"))
        self.run_button.setObjectName("runConduct")
        self.run_button.clicked.connect(self.run)
        self.open_only = QCheckBox(self.tr("Only findings not yet acknowledged"))
        self.open_only.setObjectName("openOnly")
        self.open_only.setChecked(True)
        self.open_only.toggled.connect(self._fill)
        self.summary = QLabel()
        self.summary.setObjectName("conductSummary")
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, 5)
        self.table.setObjectName("findingsList")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Rule"),
                self.tr("Case"),
                self.tr("Time"),
                self.tr("Detail"),
                self.tr("Acknowledged"),
            ]
        )
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)  # the detail wraps
        header.setStretchLastSection(False)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.cellDoubleClicked.connect(self._open)
        self.note = QLineEdit()
        self.note.setObjectName("ackNote")
        self.note.setPlaceholderText(
            self.tr("Why this is acceptable, or what was done (recorded in the ledger)")
        )
        self.ack_button = QPushButton(self.tr("Acknowledge"))
        self.ack_button.setObjectName("ackButton")
        self.ack_button.clicked.connect(self.acknowledge)
        denied = why_not(session.user.role, Action.CONDUCT_ACK)
        if denied:
            self.ack_button.setEnabled(False)
            self.ack_button.setToolTip(denied)
            self.note.setEnabled(False)
        self.message = QLabel()
        self.message.setObjectName("ackMessage")
        self.message.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(self.run_button)
        top.addWidget(self.open_only)
        top.addStretch(1)
        ack = QHBoxLayout()
        ack.addWidget(self.note, 1)
        ack.addWidget(self.ack_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addLayout(ack)
        layout.addWidget(self.message)
        if why_not(session.user.role, Action.CONDUCT_CHECK):
            self.run_button.setEnabled(False)
            self.run_button.setToolTip(why_not(session.user.role, Action.CONDUCT_CHECK) or "")

    def run(self) -> Job[ConductReport] | None:
        if self.job is not None:
            return None
        self.run_button.setEnabled(False)
        self.summary.setText(self.tr("Checking every stored conversation…"))
        conduct = self.conduct
        job: Job[ConductReport] = Job(lambda s, _j: conduct.report(s), self.session)
        job.on_finished(self._done)
        job.on_failed(self._failed)
        self.job = start(job)
        return job

    def _done(self, report: ConductReport) -> None:
        self.job = None
        self.run_button.setEnabled(True)
        self.findings = list(report.findings)
        self.summary.setText(
            self.tr("%n finding(s), %1 not yet acknowledged.", "", len(report.findings)).replace(
                "%1", str(len(report.open_findings))
            )
            + "".join("\n" + service_text.conduct_note(note) for note in report.notes)
        )
        self._fill()

    def _failed(self, error: BaseException) -> None:
        self.job = None
        self.run_button.setEnabled(True)
        self.summary.setText(errors.describe(error))

    def _fill(self, *_args: object) -> None:
        self.table.setRowCount(0)
        for finding in self.findings:
            if self.open_only.isChecked() and finding.acknowledged:
                continue
            row = self.table.rowCount()
            self.table.insertRow(row)
            acked = f"{finding.acked_by}: {finding.ack_note}" if finding.acknowledged else "—"
            rule = f"{finding.rule} {service_text.conduct_finding(finding.title)}"
            if finding.screenshot is not None:  # one of our bubbles in a screenshot (OCR)
                rule += "\n" + self.tr("in a screenshot (OCR)")
            cells = [
                rule,
                finding.case_no,
                local_time(finding.sent_at) if finding.sent_at else "—",
                service_text.conduct_finding(finding.detail),
                acked,
            ]
            for column, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                cell.setData(FindingRole, finding.id)
                self.table.setItem(row, column, cell)
        self.table.resizeRowsToContents()

    def current_finding(self) -> ConductFinding | None:
        item = self.table.item(self.table.currentRow(), 0) if self.table.currentRow() >= 0 else None
        if item is None:
            return None
        wanted = item.data(FindingRole)
        return next((f for f in self.findings if f.id == wanted), None)

    def _open(self, row: int, _column: int) -> None:
        self.table.selectRow(row)
        finding = self.current_finding()
        if finding is not None and finding.message_id is not None and finding.sent_at:
            self.open_message.emit(finding.contact_id, finding.sent_at, int(finding.message_id))

    def acknowledge(self) -> None:
        finding = self.current_finding()
        if finding is None:
            self.message.setText(self.tr("Select a finding first."))
            return
        try:
            self.conduct.acknowledge(self.session, finding.id, self.note.text())
        except Exception as error:
            errors.say_error(self.message, error)
            return
        self.note.clear()
        errors.say(self.message, self.tr("Acknowledged; recorded in the ledger."), True)
        self.run()
