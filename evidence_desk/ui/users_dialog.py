"""Users (admin): add a user with a role, reset a password (re-wraps keys, new signing key)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from evidence_desk.domain.models import Role, User
from evidence_desk.services import users as user_service
from evidence_desk.services.session import Session
from evidence_desk.ui import errors
from evidence_desk.ui.roles import role_name
from evidence_desk.ui.workers import Job, start


class UsersDialog(QDialog):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("usersDialog")
        self.setWindowTitle(self.tr("Users"))
        self.session = session
        self.job: Job[User] | None = None
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("usersTable")
        self.table.setHorizontalHeaderLabels([self.tr("User"), self.tr("Role"), self.tr("State")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.name = QLineEdit()
        self.name.setObjectName("newUserName")
        self.role = QComboBox()
        self.role.setObjectName("newUserRole")
        for role in Role:
            self.role.addItem(role_name(role), role.value)
        self.password = QLineEdit()
        self.password.setObjectName("newUserPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.add_button = QPushButton(self.tr("Add user"))
        self.add_button.setObjectName("addUserButton")
        self.add_button.clicked.connect(self.add_user)
        add_box = QGroupBox(self.tr("New user"))
        add_form = QFormLayout(add_box)
        add_form.addRow(self.tr("Name"), self.name)
        add_form.addRow(self.tr("Role"), self.role)
        add_form.addRow(self.tr("Initial password"), self.password)
        add_form.addRow("", self.add_button)
        self.reset_password = QLineEdit()
        self.reset_password.setObjectName("resetPassword")
        self.reset_password.setEchoMode(QLineEdit.EchoMode.Password)
        self.reset_password.setPlaceholderText(self.tr("New password for the selected user"))
        self.reset_button = QPushButton(self.tr("Reset password"))
        self.reset_button.setObjectName("resetPasswordButton")
        self.reset_button.clicked.connect(self.reset)
        reset_row = QHBoxLayout()
        reset_row.addWidget(self.reset_password, 1)
        reset_row.addWidget(self.reset_button)
        self.message = QLabel()
        self.message.setObjectName("usersMessage")
        self.message.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(reset_row)
        layout.addWidget(add_box)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.resize(560, 520)
        self.refresh()

    def refresh(self) -> None:
        self.table.setRowCount(0)
        for user in user_service.list_users(self.session):
            row = self.table.rowCount()
            self.table.insertRow(row)
            state = self.tr("active") if user.active else self.tr("inactive")
            for column, text in enumerate((user.name, role_name(user.role), state)):
                self.table.setItem(row, column, QTableWidgetItem(text))

    def _run(
        self, work: Callable[[Session, Job[User]], User], done: Callable[[User], None]
    ) -> Job[User] | None:
        """Key wrapping runs scrypt (deliberately slow): off the UI thread."""
        if self.job is not None:
            return None
        self.add_button.setEnabled(False)
        self.reset_button.setEnabled(False)
        self.message.setStyleSheet("")
        self.message.setText(self.tr("Protecting the keys with the new password…"))

        def finished(result: User) -> None:
            self._idle()
            done(result)

        def failed(error: BaseException) -> None:
            self._idle()
            errors.say_error(self.message, error)

        job = Job(work, self.session)
        job.on_finished(finished)
        job.on_failed(failed)
        self.job = start(job)
        return job

    def _idle(self) -> None:
        self.job = None
        self.add_button.setEnabled(True)
        self.reset_button.setEnabled(True)

    def add_user(self) -> Job[User] | None:
        name, password = self.name.text().strip(), self.password.text()
        role = Role(self.role.currentData())

        def added(user: User) -> None:
            self.name.clear()
            self.password.clear()
            self.refresh()
            errors.say(self.message, self.tr("Added %1.").replace("%1", user.name), True)

        return self._run(lambda s, _j: user_service.add_user(s, name, role, password), added)

    def reset(self) -> Job[User] | None:
        row = self.table.currentRow()
        chosen = self.table.item(row, 0) if row >= 0 else None
        if chosen is None:
            errors.say(self.message, self.tr("Select a user first."), False)
            return None
        name, password = chosen.text(), self.reset_password.text()

        def done(_user: User) -> None:
            self.reset_password.clear()
            errors.say(
                self.message,
                self.tr("Password of %1 reset; a new signing key was issued.").replace("%1", name),
                True,
            )

        return self._run(lambda s, _j: user_service.reset_password(s, name, password), done)
