"""Processing records of exports (PIPL arts. 55-56): to whom each bundle went, why, on which
basis, what it carried and the assessment, filtered by case.

A tab for the legal team, admins and auditors (policy ``processing.read``): metadata only, no
evidence content, so an auditor reads it too and nothing is logged as a read.
"""

from __future__ import annotations

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

from evidence_desk.domain import pipl
from evidence_desk.services import processing_records
from evidence_desk.services.session import Session
from evidence_desk.ui import service_text


class ProcessingRecordsView(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("processingRecordsView")
        self.session = session
        self.model = QStandardItemModel(0, 9, self)
        self.model.setHorizontalHeaderLabels(
            [
                self.tr("Recorded (UTC)"),
                self.tr("Case"),
                self.tr("Bundle"),
                self.tr("Recipient"),
                self.tr("Purpose"),
                self.tr("Legal basis"),
                self.tr("Risk"),
                self.tr("By"),
                self.tr("Kept until"),
            ]
        )
        self.case_combo = QComboBox()
        self.case_combo.setObjectName("processingCase")
        self.case_combo.currentIndexChanged.connect(self._load)
        self.summary = QLabel()
        self.summary.setObjectName("processingSummary")
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Case:")))
        bar.addWidget(self.case_combo)
        bar.addWidget(self.summary, 1)
        self.table = QTableView()
        self.table.setObjectName("processingTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)

    def refresh(self) -> None:
        """Reload the case filter's choices, keeping the one chosen."""
        records = processing_records.list_records(self.session)
        keep = self.case_combo.currentData()
        self.case_combo.blockSignals(True)
        self.case_combo.clear()
        self.case_combo.addItem(self.tr("All cases"), "")
        for case_no in sorted({r.case_no for r in records}):
            self.case_combo.addItem(case_no, case_no)
        self.case_combo.setCurrentIndex(max(0, self.case_combo.findData(keep)))
        self.case_combo.blockSignals(False)
        self._load()

    def _load(self) -> None:
        records = processing_records.list_records(
            self.session, self.case_combo.currentData() or None
        )
        self.model.removeRows(0, self.model.rowCount())
        for r in records:
            kind = service_text.phrase(pipl.label("recipient", r.recipient_kind))
            basis = QStandardItem(service_text.phrase(pipl.label("basis", r.legal_basis)))
            basis.setToolTip(r.basis_note or basis.text())
            risk = QStandardItem(service_text.phrase(pipl.label("risk", r.risk_level)))
            risk.setToolTip(
                "\n".join(service_text.phrase(pipl.label("category", c)) for c in r.data_categories)
            )
            bundle = QStandardItem(r.bundle_id)
            bundle.setToolTip(f"{r.id} · SHA-256 {r.evidence_manifest_sha256}")
            self.model.appendRow(
                [
                    QStandardItem(r.recorded_at[:19].replace("T", " ")),
                    QStandardItem(r.case_no),
                    bundle,
                    QStandardItem(f"{r.recipient_name} ({kind})"),
                    QStandardItem(r.purpose),
                    basis,
                    risk,
                    QStandardItem(r.recorded_by),
                    QStandardItem(r.retain_until[:10]),
                ]
            )
        self.summary.setText(self.tr("%n record(s)", "", len(records)))

    def visible_rows(self) -> int:
        return self.model.rowCount()
