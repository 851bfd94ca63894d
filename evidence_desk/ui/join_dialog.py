"""Join an organisation: a new store on this laptop, bound to the company's hub.

The administrator enrolled the user on the hub (``hub user add``) and handed over three
things: the hub's URL, a one-time code, and the hub's CA file, whose SHA-256 fingerprint they
read out separately (by phone, in person). The CA file is what this laptop will trust for
every later connection, so its fingerprint is shown here and must be confirmed as the one
read out before anything is sent: a CA file swapped on the way would otherwise pin an
impostor's hub. The join itself (``services/sync.join``: pull the organisation's history
with the code's key, write ``device.join``, let the hub enrol it, first sync) runs in a worker
with progress and Cancel; up to the moment the join is sent a cancel leaves nothing behind.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from evidence_desk.domain.errors import Cancelled, EvidenceDeskError, RuleViolation
from evidence_desk.integrity import pinning
from evidence_desk.services import join_binding, sync
from evidence_desk.services.hub_client import (
    HubAuthError,
    HubRefused,
    HubTooOld,
    HubUnreachable,
    HubUntrusted,
)
from evidence_desk.services.session import Session
from evidence_desk.store import location
from evidence_desk.ui import errors, service_text
from evidence_desk.ui.workers import Job, alive, start

JoinResult = tuple[Session, sync.SyncReport]


class JoinDialog(QDialog):
    """Emits ``joined(session)`` and accepts once the store is made and bound to the hub."""

    joined = Signal(object)

    def __init__(
        self,
        store: Path | None = None,
        parent: QWidget | None = None,
        *,
        existing: Session | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("joinDialog")
        self.setWindowTitle(self.tr("Join an organisation"))
        self.session: Session | None = None
        # the store open in the main window, joining as its logged-in user (else a new store)
        self.existing = existing
        self.job: Job[JoinResult] | None = None
        self._fingerprint = ""

        intro = QLabel(
            self.tr(
                "Your administrator enrolled you on the organisation's hub and gave you its "
                "address, a one-time code and the hub's CA file. Compare the CA's fingerprint "
                "below with the one the administrator read out to you before you join."
            )
        )
        intro.setWordWrap(True)
        if existing is not None:
            intro.setText(
                self.tr(
                    "This store joins as a device of the organisation, as %1: nothing of it is "
                    "rewritten. It is first checked against the organisation (your invitation, "
                    "user names, case numbers, chats); a refusal names the rule and changes "
                    "nothing. Compare the CA's fingerprint with the one the administrator read "
                    "out to you."
                ).replace("%1", existing.user.name)
            )

        self.url_edit = QLineEdit()
        self.url_edit.setObjectName("hubUrlEdit")
        self.url_edit.setPlaceholderText("https://hub.example.com:8443")
        self.code_edit = QLineEdit()
        self.code_edit.setObjectName("codeEdit")
        self.code_edit.setPlaceholderText(self.tr("26 letters and digits"))
        self.ca_edit = QLineEdit()
        self.ca_edit.setObjectName("caEdit")
        self.ca_edit.textChanged.connect(self._ca_changed)
        ca_browse = QPushButton(self.tr("Browse…"))
        ca_browse.setObjectName("caBrowseButton")
        ca_browse.clicked.connect(self._browse_ca)
        ca_row = QHBoxLayout()
        ca_row.addWidget(self.ca_edit, 1)
        ca_row.addWidget(ca_browse)
        self.fingerprint_label = QLabel(self.tr("Choose the CA file to see its fingerprint."))
        self.fingerprint_label.setObjectName("fingerprintLabel")
        self.fingerprint_label.setWordWrap(True)
        self.fingerprint_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.fingerprint_label.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.confirm_box = QCheckBox(
            self.tr("This fingerprint is the one the administrator read out to me")
        )
        self.confirm_box.setObjectName("fingerprintConfirm")
        self.confirm_box.setEnabled(False)
        self.confirm_box.toggled.connect(self._update_join_button)

        self.store_edit = QLineEdit(str(store or ""))
        self.store_edit.setObjectName("joinStoreEdit")
        store_browse = QPushButton(self.tr("Browse…"))
        store_browse.setObjectName("joinStoreBrowseButton")
        store_browse.clicked.connect(self._browse_store)
        store_row = QHBoxLayout()
        store_row.addWidget(self.store_edit, 1)
        store_row.addWidget(store_browse)
        self.user_edit = QLineEdit()
        self.user_edit.setObjectName("joinUserEdit")
        self.password_edit = QLineEdit()
        self.password_edit.setObjectName("joinPasswordEdit")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat_edit = QLineEdit()
        self.repeat_edit.setObjectName("joinRepeatEdit")
        self.repeat_edit.setEchoMode(QLineEdit.EchoMode.Password)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.addRow(self.tr("Hub address"), self.url_edit)
        form.addRow(self.tr("One-time code"), self.code_edit)
        form.addRow(self.tr("Hub CA file"), ca_row)
        form.addRow(self.tr("CA fingerprint (SHA-256)"), self.fingerprint_label)
        form.addRow("", self.confirm_box)
        form.addRow(self.tr("New store folder"), store_row)
        form.addRow(self.tr("User name"), self.user_edit)
        form.addRow(self.tr("New password"), self.password_edit)
        form.addRow(self.tr("Repeat the password"), self.repeat_edit)
        if existing is not None:  # the open store, its user and password
            for row in range(form.rowCount() - 4, form.rowCount()):
                form.setRowVisible(row, False)

        self.progress = QProgressBar()
        self.progress.setObjectName("joinProgress")
        self.progress.setRange(0, 0)  # the hub's steps have no known length: busy
        self.progress.setVisible(False)
        self.message = QLabel()
        self.message.setObjectName("joinMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        buttons = QDialogButtonBox()
        self.join_button = buttons.addButton(
            self.tr("Join"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.join_button.setObjectName("joinButton")
        self.join_button.setEnabled(False)
        self.cancel_button = buttons.addButton(
            self.tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.cancel_button.setObjectName("joinCancelButton")
        self.join_button.clicked.connect(self.join)
        self.cancel_button.clicked.connect(self._cancel)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.setMinimumWidth(560)
        self._inputs: tuple[QWidget, ...] = (
            self.url_edit,
            self.code_edit,
            self.ca_edit,
            ca_browse,
            self.confirm_box,
            self.store_edit,
            store_browse,
            self.user_edit,
            self.password_edit,
            self.repeat_edit,
        )

    # -- the CA and its fingerprint ---------------------------------------------------------
    def _browse_ca(self) -> None:
        chosen, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Choose the hub's CA file"), "", self.tr("Certificates (*.pem *.crt)")
        )
        if chosen:
            self.ca_edit.setText(chosen)

    def _browse_store(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Choose a folder for the store"))
        if folder:
            self.store_edit.setText(folder)

    def _ca_changed(self, text: str) -> None:
        """A new CA file withdraws any earlier confirmation: only the fingerprint on screen
        can be confirmed."""
        self.confirm_box.setChecked(False)
        self._fingerprint = ""
        path = Path(text.strip()) if text.strip() else None
        if path is None:
            self.fingerprint_label.setText(self.tr("Choose the CA file to see its fingerprint."))
        elif not path.is_file():
            self.fingerprint_label.setText(self.tr("No file at %1.").replace("%1", str(path)))
        else:
            try:
                self._fingerprint = pinning.fingerprint(path)
            except (OSError, ValueError, IndexError, EvidenceDeskError):
                self.fingerprint_label.setText(
                    self.tr("%1 is not a certificate file.").replace("%1", str(path))
                )
            else:
                # two lines of 16 pairs: read out and compared in halves
                pairs = self._fingerprint.split(":")
                self.fingerprint_label.setText(":".join(pairs[:16]) + "\n" + ":".join(pairs[16:]))
        self.confirm_box.setEnabled(bool(self._fingerprint))
        self._update_join_button()

    @property
    def fingerprint(self) -> str:
        """The fingerprint shown (empty when no readable CA file is chosen)."""
        return self._fingerprint

    def _update_join_button(self) -> None:
        confirmed = bool(self._fingerprint) and self.confirm_box.isChecked()
        self.join_button.setEnabled(confirmed and self.job is None)

    # -- joining ----------------------------------------------------------------------------
    def _fields(self) -> tuple[str, str, Path, Path, str, str] | None:
        url, code = self.url_edit.text().strip(), self.code_edit.text().strip()
        ca_file = Path(self.ca_edit.text().strip())
        if self.existing is not None:
            for wrong, text in (
                (not url, self.tr("Enter the hub's address.")),
                (not code, self.tr("Enter the one-time code.")),
            ):
                if wrong:
                    errors.say(self.message, text, False)
                    return None
            return url, code, ca_file, self.existing.folder.path, self.existing.user.name, ""
        store, user = self.store_edit.text().strip(), self.user_edit.text().strip()
        password = self.password_edit.text()
        missing = (
            (not url, self.tr("Enter the hub's address.")),
            (not code, self.tr("Enter the one-time code.")),
            (not store, self.tr("Choose a folder for the new store.")),
            (not user, self.tr("Enter your user name.")),
            (not password, self.tr("Choose a password.")),
            (password != self.repeat_edit.text(), self.tr("The two passwords differ.")),
        )
        for wrong, text in missing:
            if wrong:
                errors.say(self.message, text, False)
                return None
        folder = Path(store)
        if folder.exists() and any(folder.iterdir()):
            errors.say(
                self.message,
                self.tr("The folder %1 is not empty; choose a new folder for the store.").replace(
                    "%1", store
                ),
                False,
            )
            return None
        return url, code, ca_file, folder, user, password

    def join(self) -> None:
        """Start the join in a worker (only once the fingerprint is confirmed)."""
        if self.job is not None or not (self._fingerprint and self.confirm_box.isChecked()):
            return
        fields = self._fields()
        if fields is None:
            return
        url, code, ca_file, store, user, password = fields
        if self.existing is not None:
            self._start(
                Job(
                    lambda sibling, job: _join_existing(
                        sibling, url, ca_file, code, job.is_cancelled
                    ),
                    self.existing,
                )
            )
            return
        try:
            location.refuse_new_store(store)  # a sync folder or network share damages a store
        except RuleViolation as refused:
            errors.say_error(self.message, refused)
            return

        def work(job: Job[JoinResult]) -> JoinResult:
            return sync.join(store, url, ca_file, user, password, code, cancelled=job.is_cancelled)

        self._start(Job(work))

    def _start(self, job: Job[JoinResult]) -> None:
        job.on_finished(self._joined)
        job.on_failed(self._failed)
        self._busy(True)
        self.job = start(job)

    def _busy(self, busy: bool) -> None:
        for widget in self._inputs:
            widget.setEnabled(not busy)
        self.confirm_box.setEnabled(not busy and bool(self._fingerprint))
        self.progress.setVisible(busy)
        if busy:
            errors.say(self.message, self.tr("Joining the organisation…"), True)
            # the bar and the message need room: grow rather than clip the fingerprint
            self.resize(self.width(), max(self.height(), self.sizeHint().height()))
        self._update_join_button()

    def _cancel(self) -> None:
        if self.job is None:
            self.reject()
            return
        self.job.cancel()
        errors.say(self.message, self.tr("Cancelling…"), True)

    def _joined(self, result: JoinResult) -> None:
        if not alive(self):
            result[0].close()
            return
        self.job = None
        self.session = result[0]
        self.password_edit.clear()
        self.repeat_edit.clear()
        self._busy(False)
        self.joined.emit(self.session)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        if not alive(self):
            return
        self.job = None
        self._busy(False)
        errors.say(self.message, self.explain(error), False)

    def explain(self, error: BaseException) -> str:
        """What went wrong, in words that say what to do (the service's detail below)."""
        detail = service_text.error_detail(error)
        if isinstance(error, Cancelled) and self.existing is not None:
            headline = self.tr("Cancelled: nothing was sent and the store is as it was.")
        elif isinstance(error, Cancelled):
            headline = self.tr("Cancelled: the hub enrolled nothing and no store was made.")
        elif isinstance(error, HubUntrusted):
            headline = self.tr(
                "The hub's certificate is not one this CA file vouches for: check the CA file "
                "and its fingerprint with your administrator."
            )
        elif isinstance(error, HubTooOld):
            headline = self.tr(
                "The hub runs an older release than this app: ask your administrator to "
                "upgrade it, then join."
            )
        elif isinstance(error, HubUnreachable):
            headline = self.tr("The hub cannot be reached: check its address and the network.")
        elif isinstance(error, HubAuthError):
            headline = self.tr(
                "The hub does not accept this one-time code: it is wrong, used or withdrawn. "
                "Ask your administrator for a new one."
            )
        elif isinstance(error, HubRefused):
            headline = self.tr("The hub refused the join.")
        else:
            return errors.describe(error)
        return f"{headline}\n{detail}"


def _join_existing(
    session: Session, url: str, ca_file: Path, code: str, cancelled: Callable[[], bool]
) -> JoinResult:
    """The open store bound to the organisation as its logged-in user
    (``join_binding.bind_open_store``: checked, only read, then sent, and committed once the
    hub accepted it); a refusal names its rule and leaves the store as it was. Runs on the
    worker's sibling session, which the worker closes: the main window keeps its own."""
    report = join_binding.bind_open_store(session, url, ca_file, code, cancelled=cancelled)
    return session, report
