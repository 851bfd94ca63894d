"""The verify panel: check the whole store (in a worker) or a bundle received back.

"Read screenshots again (slow)" runs the store's verify with its deep checks, as
``evidence-desk verify --deep`` does (OCR reads every screenshot again: about a second each);
the bar shows how far it is and Cancel stops it (a verify writes nothing).

Every finding is listed with its stable code and location, like ``evidence-desk verify``; the
location and the detail are said in the interface language (``service_text``).

A bundle has three outcomes, as ``verify-bundle`` has: intact, intact but untrusted (consistent,
but a token chains only to a root inside the kit or a signer is not pinned), and problems. Trust
comes from outside the kit (``bundle/trust.py``): the app's TSA root list, the user's pinned
folder, and TSA root or organisation key files chosen here for the next checks.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
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

from evidence_desk.bundle import trust
from evidence_desk.domain.errors import Cancelled
from evidence_desk.services.session import Session
from evidence_desk.services.verify import VerifyReport, verify_store
from evidence_desk.ui import errors, service_text
from evidence_desk.ui.counted import counted
from evidence_desk.ui.workers import Job, start

if TYPE_CHECKING:
    from evidence_desk.ui.bundle_dialog import BundleCheck


def _steps(job: Job[VerifyReport]) -> Callable[[str, int, int], None]:
    """Verify's progress (stage, done, total) as the job's percent, from the worker thread."""

    def told(stage: str, done: int, total: int) -> None:
        job.report(done * 100 // total if total else 100, stage)

    return told


class VerifyPanel(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("verifyPanel")
        self.session = session
        self.report: VerifyReport | None = None
        self._job: Job[VerifyReport] | Job[BundleCheck] | None = None
        self.verify_button = QPushButton(self.tr("Verify the store now"))
        self.verify_button.setObjectName("verifyButton")
        self.verify_button.clicked.connect(self.run)
        self.deep = QCheckBox(self.tr("Read screenshots again (slow)"))
        self.deep.setObjectName("verifyDeep")
        self.deep.setToolTip(
            self.tr(
                "Also read every screenshot again with OCR and compare with the reading on "
                "record, as verify --deep does (about a second per screenshot)"
            )
        )
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setObjectName("verifyCancel")
        self.cancel_button.clicked.connect(self.cancel)
        self.cancel_button.hide()
        self.bundle_button = QPushButton(self.tr("Check a received bundle…"))
        self.bundle_button.setObjectName("verifyBundleButton")
        self.bundle_button.clicked.connect(self._pick_bundle)
        # trust from outside the kit, besides the app's list and the pinned folder
        self.tsa_roots: list[Path] = []
        self.org_keys: list[Path] = []
        self.roots_button = QPushButton(self.tr("TSA roots…"))
        self.roots_button.setObjectName("trustRootsButton")
        self.roots_button.setToolTip(
            self.tr("PEM files of TSA root certificates, as the TSA publishes them")
        )
        self.roots_button.clicked.connect(self._pick_roots)
        self.keys_button = QPushButton(self.tr("Organisation keys…"))
        self.keys_button.setObjectName("orgKeysButton")
        self.keys_button.setToolTip(
            self.tr("The organisation's published signer keys (written by evidence-desk org-keys)")
        )
        self.keys_button.clicked.connect(self._pick_keys)
        self.trust_note = QLabel()
        self.trust_note.setObjectName("trustNote")
        self.trust_note.setWordWrap(True)
        self.trust_note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._say_trust()
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
        # two rows, verifying this store and the tools beside it: in one row the six made the
        # panel 780 px wide at least, and the main window's case list gave way to it
        bar = QHBoxLayout()
        bar.addWidget(self.verify_button)
        bar.addWidget(self.deep)
        bar.addWidget(self.cancel_button)
        bar.addStretch(1)
        tools = QHBoxLayout()
        tools.addWidget(self.bundle_button)
        tools.addWidget(self.roots_button)
        tools.addWidget(self.keys_button)
        tools.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addLayout(tools)
        layout.addWidget(self.trust_note)
        layout.addWidget(self.progress)
        layout.addWidget(self.verdict)
        layout.addWidget(self.table, 1)

    def run(self) -> Job[VerifyReport] | None:
        if self._job is not None:
            return None
        deep = self.deep.isChecked()
        self.progress.setRange(0, 0)  # until the first step says how many there are
        self.progress.show()
        self.verify_button.setEnabled(False)
        self.deep.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.cancel_button.show()
        if deep:
            self.verdict.setText(
                self.tr(
                    "Verifying every original, row, signature and checkpoint, and reading "
                    "every screenshot again…"
                )
            )
        else:
            self.verdict.setText(
                self.tr("Verifying every original, row, signature and checkpoint…")
            )
        job: Job[VerifyReport] = Job(
            lambda s, j: verify_store(s, progress=_steps(j), deep=deep, cancelled=j.is_cancelled),
            self.session,
        )
        job.on_progress(self._step)
        job.on_finished(self._done)
        job.on_failed(self._failed)
        self._job = start(job)
        return job

    def cancel(self) -> None:
        """Stop the running verify at its next step (its report is not shown: it is partial)."""
        if self._job is not None:
            self._job.cancel()
            self.cancel_button.setEnabled(False)
            self.verdict.setText(self.tr("Cancelling…"))

    def _step(self, percent: int, stage: str) -> None:
        self.progress.setRange(0, 100)
        self.progress.setValue(percent)
        stages = {
            "ledger": self.tr("ledger entries"),
            "blobs": self.tr("originals"),
            "screenshots": self.tr("screenshots read again"),
            "signatures": self.tr("signatures"),
        }
        self.progress.setFormat(f"{stages.get(stage, stage)}: %p%")

    def _ended(self) -> None:
        self._job = None
        self.progress.hide()
        self.cancel_button.hide()
        self.verify_button.setEnabled(True)
        self.deep.setEnabled(True)

    def _done(self, report: VerifyReport) -> None:
        self._ended()
        self.show_report(report)

    def _failed(self, error: BaseException) -> None:
        self._ended()
        if isinstance(error, Cancelled):
            self.verdict.setText(self.tr("Verification cancelled; nothing was concluded."))
            return
        self.verdict.setText(errors.describe(error))

    def show_report(self, report: VerifyReport) -> None:
        self.report = report
        summary = (
            self.tr("%1, %2, %3 (%4) checked.")
            .replace("%1", self.tr("%n ledger entry(s)", "verified", report.entries))
            .replace("%2", self.tr("%n checkpoint(s)", "verified", report.checkpoints))
            .replace("%3", self.tr("%n original(s)", "verified", report.blobs))
            .replace(
                "%4", counted(lambda n: self.tr("%n byte(s)", "verified", n), report.blob_bytes)
            )
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
            # a bundle's tokens and signers, and where trust came from
            "trusted": self.tr("trusted"),
            "untrusted": self.tr("untrusted"),
            "info": self.tr("info"),
        }
        colours = {"error": Qt.GlobalColor.darkRed, "untrusted": Qt.GlobalColor.darkYellow}
        for severity, code, location, detail in rows:
            row = self.table.rowCount()
            self.table.insertRow(row)
            cells = [severity_names.get(severity, severity), code, location, detail]
            for column, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                if severity in colours:
                    cell.setForeground(colours[severity])
                self.table.setItem(row, column, cell)
        self.table.resizeRowsToContents()

    def _pick_bundle(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Choose a verification kit"), "", self.tr("Verification kit (*.zip)")
        )
        if path:
            self.check_bundle(Path(path))

    def _pick_roots(self) -> None:
        paths, _filter = QFileDialog.getOpenFileNames(
            self, self.tr("TSA root certificates to trust"), "", self.tr("PEM files (*.pem)")
        )
        if paths:
            self.set_trust_files([*self.tsa_roots, *map(Path, paths)], self.org_keys)

    def _pick_keys(self) -> None:
        paths, _filter = QFileDialog.getOpenFileNames(
            self,
            self.tr("The organisation's published signer keys"),
            "",
            self.tr("Organisation key lists (*.json)"),
        )
        if paths:
            self.set_trust_files(self.tsa_roots, [*self.org_keys, *map(Path, paths)])

    def set_trust_files(self, tsa_roots: list[Path], org_keys: list[Path]) -> None:
        """TSA root and organisation key files trusted by the next bundle checks (besides the
        app's list and the pinned folder)."""
        self.tsa_roots = list(dict.fromkeys(tsa_roots))
        self.org_keys = list(dict.fromkeys(org_keys))
        self._say_trust()

    def _say_trust(self) -> None:
        text = self.tr(
            "Bundles are trusted against the app's TSA root list and what is pinned in %1 "
            "(tsa-roots/*.pem, org-keys/*.json), never against roots or keys inside the kit."
        ).replace("%1", str(trust.config_dir()))
        chosen = [p.name for p in [*self.tsa_roots, *self.org_keys]]
        if chosen:
            text += " " + self.tr("Also trusted: %1.").replace("%1", ", ".join(chosen))
        self.trust_note.setText(text)

    def check_bundle(self, path: Path) -> Job[BundleCheck] | None:
        from evidence_desk.ui.bundle_dialog import verify_bundle_job

        if self._job is not None:
            return None
        self.progress.setRange(0, 0)
        self.progress.show()
        self.verdict.setText(self.tr("Checking %1…").replace("%1", path.name))
        job = verify_bundle_job(path, self.tsa_roots, self.org_keys)
        job.on_finished(self._bundle_checked)
        job.on_failed(self._failed)
        self._job = start(job)
        return job

    def _bundle_checked(self, result: BundleCheck) -> None:
        """The three outcomes of verify-bundle: intact, trusted, and what was found."""
        self._job = None
        self.progress.hide()
        if not result.intact:
            word, colour = self.tr("BUNDLE HAS PROBLEMS"), "#b3261e"
        elif not result.trusted:
            word, colour = self.tr("BUNDLE INTACT BUT UNTRUSTED"), "#b26a00"
        else:
            word, colour = self.tr("BUNDLE INTACT"), "#2e7d32"
        text = f"<b style='color:{colour}'>{word}</b> — {html.escape(result.summary)}"
        if result.intact and not result.trusted:
            reasons = self.tr("; ").join(service_text.phrase(r) for r in result.reasons)
            text += "<br>" + html.escape(reasons)
        self.verdict.setText(text)
        # exhibits (id, title, verdict), findings (code, file in the kit, message) and trust
        # (tokens, signers): the verdicts and messages are the checker's coded Phrases, said in
        # the interface language
        self.show_findings(
            [
                (severity, code, where, service_text.phrase(detail))
                for severity, code, where, detail in result.rows
            ]
        )
