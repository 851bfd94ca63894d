"""The start screen: pick a store, log in, or create a store on a first run.

Opening a store runs scrypt (deliberately slow), so it happens in a worker; the dialog stays
responsive and shows the service's error in place (wrong password, not a store...).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from evidence_desk.domain.errors import RuleViolation
from evidence_desk.services.session import Session
from evidence_desk.store import location
from evidence_desk.ui import errors
from evidence_desk.ui.join_dialog import JoinDialog
from evidence_desk.ui.workers import Job, start


class LoginDialog(QDialog):
    """Emits ``logged_in(session)`` and accepts when a session is open."""

    logged_in = Signal(object)

    def __init__(self, store: Path | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("loginDialog")
        self.setWindowTitle(self.tr("Evidence Desk — log in"))
        self.session: Session | None = None
        self._job: Job[Session] | None = None
        settings = QSettings()
        title = QLabel(self.tr("Evidence Desk"))
        title.setObjectName("loginTitle")
        font = title.font()
        font.setPointSize(font.pointSize() + 6)
        font.setBold(True)
        title.setFont(font)
        subtitle = QLabel(self.tr("Court-ready chat evidence. Log in to your store."))
        subtitle.setWordWrap(True)

        self.store_edit = QLineEdit(str(store or settings.value("login/store", "", str)))
        self.store_edit.setObjectName("storeEdit")
        self.store_edit.setMinimumWidth(320)
        browse = QPushButton(self.tr("Browse…"))
        browse.setObjectName("browseButton")
        browse.clicked.connect(self._browse)
        store_row = QHBoxLayout()
        store_row.addWidget(self.store_edit, 1)
        store_row.addWidget(browse)

        self.user_edit = QLineEdit(str(settings.value("login/user", "", str)))
        self.user_edit.setObjectName("userEdit")
        self.password_edit = QLineEdit()
        self.password_edit.setObjectName("passwordEdit")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.returnPressed.connect(self.log_in)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.addRow(self.tr("Store folder"), store_row)
        form.addRow(self.tr("User"), self.user_edit)
        form.addRow(self.tr("Password"), self.password_edit)

        self.error_label = QLabel()
        self.error_label.setObjectName("loginError")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b3261e;")
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        buttons = QDialogButtonBox()
        self.login_button = buttons.addButton(
            self.tr("Log in"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.login_button.setObjectName("loginButton")
        self.login_button.setDefault(True)
        self.create_button = buttons.addButton(
            self.tr("Create a new store…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.create_button.setObjectName("createStoreButton")
        self.join_button = buttons.addButton(
            self.tr("Join an organisation…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.join_button.setObjectName("joinOrgButton")
        self.join_button.setToolTip(
            self.tr("A new store on this laptop, bound to your organisation's hub")
        )
        self.join_dialog: JoinDialog | None = None  # the join dialog opened last (tests drive it)
        quit_button = buttons.addButton(self.tr("Quit"), QDialogButtonBox.ButtonRole.RejectRole)
        self.login_button.clicked.connect(self.log_in)
        self.create_button.clicked.connect(self._create)
        self.join_button.clicked.connect(self.open_join)
        quit_button.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(subtitle)
        layout.addSpacing(8)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)
        if self.store_edit.text() and self.user_edit.text():
            self.password_edit.setFocus()

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Choose the store folder"))
        if folder:
            self.store_edit.setText(folder)

    def _busy(self, busy: bool) -> None:
        for widget in (
            self.login_button,
            self.create_button,
            self.join_button,
            self.store_edit,
            self.user_edit,
        ):
            widget.setEnabled(not busy)
        if busy:
            self.error_label.setText(self.tr("Opening the store…"))

    def _fields(self) -> tuple[Path, str, str] | None:
        store, user = self.store_edit.text().strip(), self.user_edit.text().strip()
        password = self.password_edit.text()
        if not store:
            self.error_label.setText(self.tr("Choose the store folder."))
            return None
        if not user:
            self.error_label.setText(self.tr("Enter your user name."))
            return None
        if not password:
            self.error_label.setText(self.tr("Enter your password."))
            return None
        return Path(store), user, password

    def log_in(self) -> None:
        fields = self._fields()
        if fields is None or self._job is not None:
            return
        store, user, password = fields
        self._busy(True)
        job = Job(lambda _j: Session.open(store, user, password))
        job.on_finished(self._opened)
        job.on_failed(self._failed)
        self._job = start(job)

    def _create(self) -> None:
        fields = self._fields()
        if fields is None or self._job is not None:
            return
        store, user, password = fields
        if store.exists() and any(store.iterdir()):
            self.error_label.setText(
                self.tr("The folder %1 is not empty; choose a new folder for a new store.").replace(
                    "%1", str(store)
                )
            )
            return
        try:
            # a sync folder or network storage damages a store: say why before any work
            location.refuse_new_store(store)
        except RuleViolation as refused:
            errors.say_error(self.error_label, refused)
            return
        self._busy(True)
        job = Job(lambda _j: Session.create_store(store, user, password))
        job.on_finished(self._opened)
        job.on_failed(self._failed)
        self._job = start(job)

    def open_join(self) -> JoinDialog:
        """The join dialog: a new store bound to the hub; once joined, the user is logged in
        to it as if they had just created it."""
        store = self.store_edit.text().strip()
        folder = Path(store) if store else None
        if folder is not None and folder.exists() and any(folder.iterdir()):
            folder = None  # an existing store is not a place for a new one
        dialog = JoinDialog(folder, self)
        dialog.joined.connect(self._joined)
        dialog.open()
        self.join_dialog = dialog
        return dialog

    def _joined(self, session: Session) -> None:
        dialog = self.join_dialog
        if dialog is not None:
            self.store_edit.setText(dialog.store_edit.text().strip())
            self.user_edit.setText(session.user.name)
        self._opened(session)

    def _opened(self, session: Session) -> None:
        self._job = None
        self._busy(False)
        self.session = session
        settings = QSettings()
        settings.setValue("login/store", self.store_edit.text().strip())
        settings.setValue("login/user", self.user_edit.text().strip())
        self.password_edit.clear()
        self.error_label.clear()
        self.logged_in.emit(session)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self._job = None
        self._busy(False)
        self.password_edit.selectAll()
        self.password_edit.setFocus()
        self.error_label.setText(errors.describe(error))
