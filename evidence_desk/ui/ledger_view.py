"""The ledger: every signed entry, filterable by actor, action and text."""

from __future__ import annotations

import json

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from evidence_desk.domain import policy
from evidence_desk.domain.policy import Action
from evidence_desk.services.session import Session
from evidence_desk.services.verify import iter_log
from evidence_desk.ui.labels import action_label


class _Filter(QSortFilterProxyModel):
    def __init__(self) -> None:
        super().__init__()
        self.actor = ""
        self.action = ""
        self.text = ""

    def filterAcceptsRow(self, row: int, parent: object) -> bool:
        model = self.sourceModel()
        actor = model.index(row, 2).data()
        action = model.index(row, 3).data(Qt.ItemDataRole.UserRole)
        if self.actor and actor != self.actor:
            return False
        if self.action and action != self.action:
            return False
        if self.text:
            payload = model.index(row, 0).data(Qt.ItemDataRole.UserRole) or ""
            label = model.index(row, 3).data()
            haystack = f"{actor} {action} {label} {payload}".lower()
            return self.text.lower() in haystack
        return True


class LedgerView(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ledgerView")
        self.session = session
        self.model = QStandardItemModel(0, 5, self)
        self.model.setHorizontalHeaderLabels(
            [
                self.tr("No."),
                self.tr("Time (UTC)"),
                self.tr("Actor"),
                self.tr("Action"),
                self.tr("Entry hash"),
            ]
        )
        self.proxy = _Filter()
        self.proxy.setSourceModel(self.model)
        self.actor_combo = QComboBox()
        self.actor_combo.setObjectName("ledgerActor")
        self.action_combo = QComboBox()
        self.action_combo.setObjectName("ledgerAction")
        self.text_edit = QLineEdit()
        self.text_edit.setObjectName("ledgerText")
        self.text_edit.setPlaceholderText(
            self.tr("Filter by text in the entry (ids, digests, names)")
        )
        for widget in (self.actor_combo, self.action_combo):
            widget.currentIndexChanged.connect(self._apply)
        self.text_edit.textChanged.connect(self._apply)
        bar = QHBoxLayout()
        bar.addWidget(self.actor_combo)
        bar.addWidget(self.action_combo)
        bar.addWidget(self.text_edit, 1)
        self.table = QTableView()
        self.table.setObjectName("ledgerTable")
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        self.payload = QPlainTextEdit()
        self.payload.setObjectName("ledgerPayload")
        self.payload.setReadOnly(True)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.payload)
        splitter.setSizes([400, 160])
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(splitter, 1)

    def refresh(self) -> None:
        if not policy.allowed(self.session.user.role, Action.LOG_READ):
            return
        self.model.removeRows(0, self.model.rowCount())
        actors: set[str] = set()
        actions: set[str] = set()
        for entry in iter_log(self.session):
            first = QStandardItem(str(entry.seq))
            first.setData(entry.payload, Qt.ItemDataRole.UserRole)
            action = QStandardItem(action_label(entry.action))
            action.setData(entry.action, Qt.ItemDataRole.UserRole)
            action.setToolTip(entry.action)
            row = [
                first,
                QStandardItem(entry.at),
                QStandardItem(entry.actor),
                action,
                QStandardItem(entry.entry_hash[:24] + "…"),
            ]
            self.model.appendRow(row)
            actors.add(entry.actor)
            actions.add(entry.action)
        for combo, values, everyone in (
            (self.actor_combo, actors, self.tr("All actors")),
            (self.action_combo, actions, self.tr("All actions")),
        ):
            keep = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(everyone, "")
            for value in sorted(values):
                combo.addItem(action_label(value) if combo is self.action_combo else value, value)
            found = combo.findData(keep)
            combo.setCurrentIndex(max(0, found))
            combo.blockSignals(False)
        self._apply()

    def _apply(self) -> None:
        self.proxy.actor = self.actor_combo.currentData() or ""
        self.proxy.action = self.action_combo.currentData() or ""
        self.proxy.text = self.text_edit.text().strip()
        self.proxy.invalidate()

    def visible_rows(self) -> int:
        return self.proxy.rowCount()

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        index = self.proxy.mapToSource(current)
        if not index.isValid():
            return
        payload = self.model.index(index.row(), 0).data(Qt.ItemDataRole.UserRole)
        try:
            text = json.dumps(json.loads(payload), ensure_ascii=False, indent=2)
        except (TypeError, ValueError):
            text = str(payload)
        self.payload.setPlainText(text)
