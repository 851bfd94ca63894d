"""Backup and restore (admin): a signed, encrypted snapshot out; a checked snapshot back in.

Both run in the thread pool with progress: a backup copies every original, a restore checks every
digest and runs a full verify in a temporary folder before it puts anything in place. The rules
(admin only, never overwrite, move an old store aside) live in services/backup.py.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from evidence_desk.services import backup as backup_service
from evidence_desk.services.backup import BackupResult, RestoreResult
from evidence_desk.services.session import Session
from evidence_desk.ui import errors
from evidence_desk.ui.counted import counted
from evidence_desk.ui.workers import Job, start

T = TypeVar("T", BackupResult, RestoreResult)


def _path_row(edit: QLineEdit, choose: QPushButton) -> QHBoxLayout:
    row = QHBoxLayout()
    row.addWidget(edit, 1)
    row.addWidget(choose)
    return row


class BackupDialog(QDialog):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("backupDialog")
        self.setWindowTitle(self.tr("Backup and restore"))
        self.session = session
        self.job: Job[BackupResult] | Job[RestoreResult] | None = None
        # what the last backup, restore or check gave
        self.outcome: BackupResult | RestoreResult | None = None

        self.out_path = QLineEdit()
        self.out_path.setObjectName("backupOut")
        self.out_path.setPlaceholderText(self.tr("File to write, e.g. D:\\backup\\store.edbackup"))
        choose_out = QPushButton(self.tr("Choose…"))
        choose_out.clicked.connect(self._choose_out)
        self.backup_button = QPushButton(self.tr("Back up now"))
        self.backup_button.setObjectName("backupButton")
        self.backup_button.clicked.connect(self.start_backup)
        backup_box = QGroupBox(self.tr("Back up this store"))
        backup_form = QFormLayout(backup_box)
        backup_form.addRow(self.tr("Backup file"), _path_row(self.out_path, choose_out))
        backup_form.addRow(
            "",
            QLabel(
                self.tr("The backup stays encrypted and is signed by you; others may keep working.")
            ),
        )
        backup_form.addRow("", self.backup_button)

        self.backup_file = QLineEdit()
        self.backup_file.setObjectName("restoreFile")
        choose_file = QPushButton(self.tr("Choose…"))
        choose_file.clicked.connect(self._choose_file)
        self.target = QLineEdit()
        self.target.setObjectName("restoreTarget")
        self.target.setPlaceholderText(self.tr("An empty folder for the restored store"))
        choose_target = QPushButton(self.tr("Choose…"))
        choose_target.clicked.connect(self._choose_target)
        self.admin_name = QLineEdit(session.user.name)
        self.admin_name.setObjectName("restoreUser")
        self.password = QLineEdit()
        self.password.setObjectName("restorePassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("Password of an admin of the backed-up store"))
        self.replace = QCheckBox(self.tr("Replace a store in that folder (it is moved aside)"))
        self.replace.setObjectName("restoreReplace")
        self.check_button = QPushButton(self.tr("Check only"))
        self.check_button.setObjectName("restoreCheckButton")
        self.check_button.clicked.connect(lambda: self.start_restore(check_only=True))
        self.restore_button = QPushButton(self.tr("Restore"))
        self.restore_button.setObjectName("restoreButton")
        self.restore_button.clicked.connect(lambda: self.start_restore(check_only=False))
        restore_buttons = QHBoxLayout()
        restore_buttons.addWidget(self.check_button)
        restore_buttons.addWidget(self.restore_button)
        restore_buttons.addStretch(1)
        restore_box = QGroupBox(self.tr("Restore a backup"))
        restore_form = QFormLayout(restore_box)
        restore_form.addRow(self.tr("Backup file"), _path_row(self.backup_file, choose_file))
        restore_form.addRow(self.tr("Restore into"), _path_row(self.target, choose_target))
        restore_form.addRow(self.tr("Admin"), self.admin_name)
        restore_form.addRow(self.tr("Password"), self.password)
        restore_form.addRow("", self.replace)
        restore_form.addRow(
            "",
            QLabel(
                self.tr(
                    "Every file is checked against the signed manifest and the store is verified "
                    "before anything is put in place."
                )
            ),
        )
        restore_form.addRow("", restore_buttons)

        self.progress = QProgressBar()
        self.progress.setObjectName("backupProgress")
        self.progress.setRange(0, 100)
        self.progress.setVisible(False)
        self.message = QLabel()
        self.message.setObjectName("backupMessage")
        self.message.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(backup_box)
        layout.addWidget(restore_box)
        layout.addWidget(self.progress)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.resize(640, 520)

    # -- pickers ----------------------------------------------------------------------------
    def _choose_out(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Backup file"))
        if path:
            self.out_path.setText(path)

    def _choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Backup file"))
        if path:
            self.backup_file.setText(path)

    def _choose_target(self) -> None:
        path = QFileDialog.getExistingDirectory(self, self.tr("Restore into"))
        if path:
            self.target.setText(path)

    # -- work -------------------------------------------------------------------------------
    def start_backup(self) -> Job[BackupResult] | None:
        text = self.out_path.text().strip()
        if not text:
            errors.say(self.message, self.tr("Choose the file to write first."), False)
            return None
        out = Path(text)

        def done(result: BackupResult) -> None:
            errors.say(
                self.message,
                self.tr("Backup written: %1, %2, %3.")
                .replace("%1", self.tr("%n ledger entry(s)", "backup written", result.ledger_size))
                .replace("%2", self.tr("%n original(s)", "backup written", result.blobs))
                .replace(
                    "%3",
                    counted(lambda n: self.tr("%n byte(s)", "backup written", n), result.bytes),
                ),
                True,
            )

        return self._run(
            Job(
                lambda s, job: backup_service.backup(s, out, progress=self._reporter(job)),
                self.session,
            ),
            done,
        )

    def start_restore(self, *, check_only: bool) -> Job[RestoreResult] | None:
        source, target = self.backup_file.text().strip(), self.target.text().strip()
        if not source or (not target and not check_only):
            errors.say(
                self.message,
                self.tr("Choose the backup file and the folder to restore into."),
                False,
            )
            return None
        user, password = self.admin_name.text().strip(), self.password.text()
        replace = self.replace.isChecked()
        into = Path(target) if target else Path(source).with_suffix(".check")

        def done(result: RestoreResult) -> None:
            self.password.clear()
            if result.checked_only:
                text = self.tr(
                    "The backup is intact: %n ledger entry(s), made %1 by %2.",
                    "",
                    result.ledger_size,
                )
            else:
                text = self.tr(
                    "Restored: %n ledger entry(s), made %1 by %2; the store verifies.",
                    "",
                    result.ledger_size,
                )
            text = text.replace("%1", result.created_at).replace("%2", result.created_by)
            if result.reapplied:
                # a shredding recorded after the backup was made is never undone by a restore
                text += " " + self.tr(
                    "Re-applied %n shredding(s) recorded after this backup was made: case(s) %1.",
                    "",
                    len(result.reapplied),
                ).replace("%1", ", ".join(result.reapplied))
            if result.moved_aside is not None:
                text += " " + self.tr("The previous store was moved to %1.").replace(
                    "%1", str(result.moved_aside)
                )
            errors.say(self.message, text, True)

        # no session: the backup is restored as a store of its own, with its admin's password
        return self._run(
            Job(
                lambda job: backup_service.restore(
                    Path(source),
                    into,
                    user,
                    password,
                    replace=replace,
                    check_only=check_only,
                    progress=self._reporter(job),
                )
            ),
            done,
        )

    @staticmethod
    def _reporter(job: Job[T]) -> Callable[[str, int, int], None]:
        def report(stage: str, done: int, total: int) -> None:
            job.report(int(100 * done / total) if total else 0, stage)

        return report

    def _run(self, job: Job[T], done: Callable[[T], None]) -> Job[T] | None:
        """Start ``job`` unless one is running; ``done`` says what it gave."""
        if self.job is not None:
            return None
        self._busy(True)
        self.message.setStyleSheet("")
        self.message.setText(self.tr("Working…"))

        def finished(result: T) -> None:
            self._busy(False)
            self.outcome = result
            done(result)

        def failed(error: BaseException) -> None:
            self._busy(False)
            errors.say_error(self.message, error)

        job.on_progress(lambda percent, _what: self.progress.setValue(percent))
        job.on_finished(finished)
        job.on_failed(failed)
        self.job = start(job)
        return job

    def _busy(self, busy: bool) -> None:
        if not busy:
            self.job = None
        self.progress.setVisible(busy)
        self.progress.setValue(0)
        for button in (self.backup_button, self.check_button, self.restore_button):
            button.setEnabled(not busy)
