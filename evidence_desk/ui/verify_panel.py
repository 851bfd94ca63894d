"""The verify panel: check the whole store (in a worker) or a bundle received back.

Every finding is listed with its stable code and location, like ``evidence-desk verify``; the
location and the detail are said in the interface language (``service_text``).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from evidence_desk.services.session import Session
from evidence_desk.services.verify import VerifyReport, verify_store
from evidence_desk.ui import errors, service_text
from evidence_desk.ui.workers import Job, start


class VerifyPanel(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("verifyPanel")
        self.session = session
        self.report: VerifyReport | None = None
        self._job: Job | None = None
        self.verify_button = QPushButton(self.tr("Verify the store now"))
        self.verify_button.setObjectName("verifyButton")
        self.verify_button.clicked.connect(self.run)
        self.bundle_button = QPushButton(self.tr("Check a received bundle…"))
        self.bundle_button.setObjectName("verifyBundleButton")
        self.bundle_button.clicked.connect(self._pick_bundle)
        self.progress = QProgressBar()
        self.progress.setObjectName("verifyProgress")
        self.progress.setRange(0, 0)
        self.progress.hide()
        self.verdict = QLabel(self.tr("Not verified yet in this session."))
        self.verdict.setObjectName("verifyVerdict")
        self.verdict.setWordWrap(True)
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("findingsTable")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Severity"), self.tr("Code"), self.tr("Location"), self.tr("Detail")]
        )
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        bar = QHBoxLayout()
        bar.addWidget(self.verify_button)
        bar.addWidget(self.bundle_button)
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.progress)
        layout.addWidget(self.verdict)
        layout.addWidget(self.table, 1)

    def run(self) -> Job | None:
        if self._job is not None:
            return None
        self.progress.show()
        self.verify_button.setEnabled(False)
        self.verdict.setText(self.tr("Verifying every original, row, signature and checkpoint…"))
        job = Job(lambda s, _j: verify_store(s), self.session)
        job.signals.finished.connect(self._done)
        job.signals.failed.connect(self._failed)
        self._job = start(job)
        return self._job

    def _done(self, report: VerifyReport) -> None:
        self._job = None
        self.progress.hide()
        self.verify_button.setEnabled(True)
        self.show_report(report)

    def _failed(self, error: BaseException) -> None:
        self._job = None
        self.progress.hide()
        self.verify_button.setEnabled(True)
        self.verdict.setText(errors.describe(error))

    def show_report(self, report: VerifyReport) -> None:
        self.report = report
        summary = (
            self.tr("%1 ledger entries, %2 checkpoints, %3 originals (%4 bytes) checked.")
            .replace("%1", str(report.entries))
            .replace("%2", str(report.checkpoints))
            .replace("%3", str(report.blobs))
            .replace("%4", str(report.blob_bytes))
        )
        if report.intact:
            self.verdict.setText(
                "<b style='color:#2e7d32'>" + self.tr("INTACT") + "</b> — " + str(summary)
            )
        else:
            self.verdict.setText(
                "<b style='color:#b3261e'>"
                + self.tr("PROBLEMS FOUND (%1)").replace("%1", str(len(report.errors)))
                + f"</b> — {summary}"
            )
        self.show_findings(
            [
                (
                    f.severity,
                    f.code,
                    service_text.locator(f.location),
                    service_text.phrase(f.detail),
                )
                for f in report.findings
            ]
        )

    def show_findings(self, rows: list[tuple[str, str, str, str]]) -> None:
        self.table.setRowCount(0)
        severity_names = {
            "error": self.tr("error"),
            "warning": self.tr("warning"),
            "ok": self.tr("ok"),  # an exhibit of a bundle that checks out
        }
        for severity, code, location, detail in rows:
            row = self.table.rowCount()
            self.table.insertRow(row)
            cells = [severity_names.get(severity, severity), code, location, detail]
            for column, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                if severity == "error":
                    cell.setForeground(Qt.GlobalColor.darkRed)
                self.table.setItem(row, column, cell)
        self.table.resizeRowsToContents()

    def _pick_bundle(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Choose a verification kit"), "", self.tr("Verification kit (*.zip)")
        )
        if path:
            self.check_bundle(Path(path))

    def check_bundle(self, path: Path) -> Job | None:
        from evidence_desk.ui.bundle_dialog import verify_bundle_job

        if self._job is not None:
            return None
        self.progress.show()
        self.verdict.setText(self.tr("Checking %1…").replace("%1", path.name))
        job = verify_bundle_job(path)
        job.signals.finished.connect(self._bundle_checked)
        job.signals.failed.connect(self._failed)
        self._job = start(job)
        return self._job

    def _bundle_checked(self, result: tuple[bool, list[tuple[str, str, str, str]], str]) -> None:
        self._job = None
        self.progress.hide()
        intact, rows, summary = result
        word = self.tr("BUNDLE INTACT") if intact else self.tr("BUNDLE HAS PROBLEMS")
        colour = "#2e7d32" if intact else "#b3261e"
        self.verdict.setText(f"<b style='color:{colour}'>{word}</b> — {summary}")
        # exhibits (id, title, verdict) and findings (code, file in the kit, message): the
        # verdicts and messages are the checker's coded Phrases, said in the interface language
        self.show_findings(
            [
                (severity, code, where, service_text.phrase(detail))
                for severity, code, where, detail in rows
            ]
        )
