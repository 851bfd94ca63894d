"""Reading a contact's screenshots by OCR in the background, with progress and cancel (issue 22).

The engine takes about a second per screenshot, so the reading never runs on the UI thread: a
:class:`~evidence_desk.ui.workers.Job` calls services/ocr.read_pending on a sibling session.
Each screenshot's read is its own ledger entry and transaction, and the service checks the
cancel flag between two screenshots: cancelling keeps what was read and leaves the others
exactly as they were (pending), to be read later with "Read screenshots".
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from evidence_desk.domain import policy
from evidence_desk.domain.policy import Action
from evidence_desk.services import ocr
from evidence_desk.services.ocr import ReadOutcome
from evidence_desk.services.session import Session
from evidence_desk.ui import errors
from evidence_desk.ui.workers import Job, alive, start


class ScreenshotReader(QWidget):
    """A slim bar (label, progress, Cancel) shown while screenshots are read; hidden otherwise.

    ``finished`` carries how many screenshots were read (also after a cancel or a failure:
    what was read stays read)."""

    finished = Signal(int)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("screenshotReader")
        self.session = session
        self.job: Job[list[ReadOutcome]] | None = None
        self.last_error: BaseException | None = None
        self.label = QLabel()
        self.label.setObjectName("ocrProgressLabel")
        self.progress = QProgressBar()
        self.progress.setObjectName("ocrProgress")
        self.progress.setRange(0, 100)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setObjectName("ocrCancel")
        self.cancel_button.setToolTip(
            self.tr("Stop after the screenshot being read; the others stay unread")
        )
        self.cancel_button.clicked.connect(self.cancel)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.progress, 1)
        layout.addWidget(self.cancel_button)
        self.hide()

    def allowed(self) -> bool:
        return policy.allowed(self.session.user.role, Action.OCR_READ)

    def busy(self) -> bool:
        return self.job is not None

    def start(self, contact_id: str) -> Job[list[ReadOutcome]] | None:
        """Read the contact's pending screenshots; None when there is nothing to read, the user
        may not, or a reading is already running."""
        job = self.prepare(contact_id)
        if job is not None:
            self.run(job)
        return job

    def prepare(self, contact_id: str) -> Job[list[ReadOutcome]] | None:
        """The job that reads the contact's pending screenshots, connected but not started
        (:meth:`run` starts it); None when there is nothing to read or it may not run now."""
        if self.job is not None or not self.allowed():
            return None
        if not ocr.pending(self.session, contact_id=contact_id):
            return None

        def work(session: Session, job: Job[list[ReadOutcome]]) -> list[ReadOutcome]:
            def progress(done: int, total: int) -> None:
                job.report(done * 100 // max(1, total), f"{done}/{total}")

            return ocr.read_pending(
                session, contact_id=contact_id, progress=progress, cancelled=job.is_cancelled
            )

        job: Job[list[ReadOutcome]] = Job(work, self.session)
        job.on_progress(self._progress)
        job.on_finished(self._done)
        job.on_failed(self._failed)
        return job

    def run(self, job: Job[list[ReadOutcome]]) -> None:
        """Start a job of :meth:`prepare`, showing the bar."""
        self.job = job
        self.last_error = None
        self.progress.setValue(0)
        self.label.setText(self.tr("Reading screenshots (OCR)…"))
        self.cancel_button.setEnabled(True)
        self.show()
        start(job)

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()
            self.cancel_button.setEnabled(False)
            self.label.setText(self.tr("Cancelling… screenshots not read yet stay unread."))

    def _progress(self, percent: int, what: str) -> None:
        if not alive(self):
            return
        self.progress.setValue(percent)
        if self.job is not None and not self.job.is_cancelled():
            self.label.setText(self.tr("Reading screenshots (OCR): %1").replace("%1", what))

    def _done(self, outcomes: list[ReadOutcome]) -> None:
        self.job = None
        if alive(self):
            self.hide()
            self.finished.emit(len(outcomes))

    def _failed(self, error: BaseException) -> None:
        self.job = None
        self.last_error = error
        if alive(self):
            self.hide()
            errors.show(self, error)
            self.finished.emit(0)
