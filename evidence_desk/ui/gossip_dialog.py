"""Exchange checkpoints: the app's side of gossip outside the hub (services/org_gossip.py).

Legal and admins (the devices that see the organisation as a whole) write the organisation
checkpoints their device was shown to a file, and take another device's file or a court
bundle's kit; each is checked against this device's own history in a worker, so a hub that
showed another device another history is named here, with both checkpoints.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from evidence_desk.services import org_gossip
from evidence_desk.services.session import Session
from evidence_desk.ui import errors, workers
from evidence_desk.ui.workers import Job


class GossipDialog(QDialog):
    """Two buttons (write, take) and a message line saying what happened."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("gossipDialog")
        self.setWindowTitle(self.tr("Exchange checkpoints"))
        self.session = session
        self.job: Job[object] | None = None
        intro = QLabel(
            self.tr(
                "Carry the organisation checkpoints this device was shown to another device "
                "(a file, or a court bundle's kit), outside the hub. Each one taken in is "
                "checked against this device's own history: a hub that showed two devices "
                "two histories is named here."
            )
        )
        intro.setWordWrap(True)
        self.export_button = QPushButton(self.tr("Write checkpoints to a file…"))
        self.export_button.setObjectName("gossipExport")
        self.export_button.clicked.connect(self._pick_export)
        self.import_button = QPushButton(self.tr("Check a file or bundle from another device…"))
        self.import_button.setObjectName("gossipImport")
        self.import_button.clicked.connect(self._pick_import)
        self.message = QLabel()
        self.message.setObjectName("gossipMessage")
        self.message.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.export_button)
        row.addWidget(self.import_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(row)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    def _filter(self) -> str:
        return self.tr("Checkpoint files (*.json);;Bundle kits (*.zip);;All files (*)")

    def _pick_export(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Write checkpoints to"), "checkpoints.json", self._filter()
        )
        if name:
            self.export_to(Path(name))

    def _pick_import(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Check checkpoints from"), "", self._filter()
        )
        if name:
            self.import_from(Path(name))

    def export_to(self, path: Path) -> Job[object]:
        """Write this device's checkpoints to ``path`` in a worker."""

        def work(session: Session, _job: Job[object]) -> object:
            return org_gossip.export(session, path, session.now())

        def done(result: object) -> None:
            assert isinstance(result, org_gossip.Exported)
            text = (
                self.tr(
                    "Wrote checkpoint %1 and %n witness cosignature(s) to %2.",
                    "",
                    len(result.witnesses),
                )
                .replace("%1", result.checkpoint)
                .replace("%2", str(result.path))
            )
            errors.say(self.message, text, True)

        return self._run(work, done)

    def import_from(self, path: Path) -> Job[object]:
        """Check another device's file (or a bundle's kit) at ``path`` in a worker."""

        def work(session: Session, _job: Job[object]) -> object:
            return org_gossip.import_file(session, path)

        def done(result: object) -> None:
            assert isinstance(result, org_gossip.Imported)
            lines = [
                self.tr("Agrees with this device's history: %1").replace("%1", name)
                for name in result.checked
            ]
            lines += [
                self.tr("Checked at the next sync (this device does not hold it yet): %1").replace(
                    "%1", name
                )
                for name in result.pending
            ]
            errors.say(self.message, "\n".join(lines) or self.tr("Nothing to check."), True)

        return self._run(work, done)

    def _run(
        self, work: Callable[[Session, Job[object]], object], done: Callable[[object], None]
    ) -> Job[object]:
        self.export_button.setEnabled(False)
        self.import_button.setEnabled(False)
        job: Job[object] = Job(work, self.session)

        def finished(result: object) -> None:
            if workers.alive(self):
                self._idle()
                done(result)

        def failed(error: BaseException) -> None:
            if workers.alive(self):
                self._idle()
                errors.say_error(self.message, error)

        job.on_finished(finished)
        job.on_failed(failed)
        self.job = workers.start(job)
        return job

    def _idle(self) -> None:
        self.export_button.setEnabled(True)
        self.import_button.setEnabled(True)
