"""The read log (PI-1): who read which case's evidence and when, filtered by case and reader.

Shown as a tab to supervisors, auditors and admins (policy ``access_log.read``); the rows come
from services/access_log.py, which also says whether each row is sealed yet. Reading the log is
not itself a read of evidence, so opening this tab logs nothing.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from evidence_desk.domain import policy
from evidence_desk.domain.policy import Action
from evidence_desk.services import access_log
from evidence_desk.services.session import Session


class AccessLogView(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("accessLogView")
        self.session = session
        self.model = QStandardItemModel(0, 7, self)
        self.model.setHorizontalHeaderLabels(
            [
                self.tr("No."),
                self.tr("Time (UTC)"),
                self.tr("Reader"),
                self.tr("Case"),
                self.tr("What was read"),
                self.tr("Target"),
                self.tr("Sealed"),
            ]
        )
        self.case_combo = QComboBox()
        self.case_combo.setObjectName("accessLogCase")
        self.user_combo = QComboBox()
        self.user_combo.setObjectName("accessLogUser")
        for combo in (self.case_combo, self.user_combo):
            combo.currentIndexChanged.connect(self._load)
        self.summary = QLabel()
        self.summary.setObjectName("accessLogSummary")
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Case:")))
        bar.addWidget(self.case_combo)
        bar.addWidget(QLabel(self.tr("Reader:")))
        bar.addWidget(self.user_combo)
        bar.addWidget(self.summary, 1)
        self.table = QTableView()
        self.table.setObjectName("accessLogTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)

    def what_label(self, what: str) -> str:
        labels = {
            access_log.OPEN_CONVERSATION: self.tr("opened the conversation"),
            access_log.SEARCH: self.tr("searched messages"),
            access_log.VIEW_ITEM: self.tr("viewed an item"),
            access_log.VIEW_DOCUMENT: self.tr("viewed a request document"),
            access_log.EXPORT_BUNDLE: self.tr("exported a bundle"),
            access_log.CONDUCT_CHECK: self.tr("ran the conduct check"),
        }
        return labels.get(what, what)

    def refresh(self) -> None:
        """Reload the filters' choices from the whole log, keeping what was chosen."""
        if not policy.allowed(self.session.user.role, Action.ACCESS_LOG_READ):
            return
        rows = access_log.list_reads(self.session)
        for combo, values, everyone in (
            (self.case_combo, {r.case_no for r in rows}, self.tr("All cases")),
            (self.user_combo, {r.user for r in rows}, self.tr("All readers")),
        ):
            keep = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(everyone, "")
            for value in sorted(values):
                combo.addItem(value, value)
            combo.setCurrentIndex(max(0, combo.findData(keep)))
            combo.blockSignals(False)
        self._load()

    def _load(self) -> None:
        rows = access_log.list_reads(
            self.session,
            case_no=self.case_combo.currentData() or None,
            user=self.user_combo.currentData() or None,
        )
        self.model.removeRows(0, self.model.rowCount())
        for row in rows:
            what = QStandardItem(self.what_label(row.what))
            what.setToolTip(row.what)
            target = QStandardItem(row.target)
            facts = ", ".join(f"{key}: {value}" for key, value in sorted(row.detail.items()))
            target.setToolTip(facts or row.target)
            sealed = QStandardItem(self.tr("yes") if row.sealed else self.tr("not yet"))
            sealed.setData(row.sealed, Qt.ItemDataRole.UserRole)
            self.model.appendRow(
                [
                    QStandardItem(str(row.seq)),
                    QStandardItem(row.at),
                    QStandardItem(row.user),
                    QStandardItem(row.case_no),
                    what,
                    target,
                    sealed,
                ]
            )
        self.summary.setText(self.tr("%n read(s)", "", len(rows)))

    def visible_rows(self) -> int:
        return self.model.rowCount()
