"""PDF signing certificates in the app (issue 21 item 1): an administrator creates the
organisation's signing CA and issues legal users their certificates; a legal user imports their
own PKCS#12 from a licensed CA. services/signing_certs.py does the work and writes the ledger
entries; this only presents it. Without a certificate a legal user cannot export a bundle.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from evidence_desk.domain import policy
from evidence_desk.domain.models import Role
from evidence_desk.domain.policy import Action
from evidence_desk.services import signing_certs, users
from evidence_desk.services.session import Session
from evidence_desk.ui import errors


class SigningDialog(QDialog):
    changed = Signal(str)  # the SHA-256 of the certificate just created, issued or imported

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("signingDialog")
        self.setWindowTitle(self.tr("PDF signing certificates"))
        self.session = session
        self.certs = QListWidget()
        self.certs.setObjectName("signingCerts")
        self.status = QLabel()
        self.status.setObjectName("signingStatus")
        self.status.setWordWrap(True)
        layout = QVBoxLayout(self)
        explain = QLabel(
            self.tr(
                "Each PDF volume of a bundle carries the exporting legal user's PAdES signature. "
                "The certificate comes from the organisation's signing CA or from a licensed CA "
                "(PKCS#12)."
            )
        )
        explain.setWordWrap(True)
        layout.addWidget(explain)
        layout.addWidget(self.certs, 1)
        self.admin_box: QGroupBox | None = None
        self.import_box: QGroupBox | None = None
        role = session.user.role
        if policy.allowed(role, Action.SIGNING_CA_CREATE):
            self.admin_box = self._admin_box()
            layout.addWidget(self.admin_box)
        if policy.allowed(role, Action.SIGNING_CERT_IMPORT):
            self.import_box = self._import_box()
            layout.addWidget(self.import_box)
        layout.addWidget(self.status)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.accept)
        layout.addWidget(close, 0, Qt.AlignmentFlag.AlignRight)
        self.resize(680, 520)
        self.refresh()

    def _admin_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Organisation signing CA (administrators)"))
        self.create_button = QPushButton(self.tr("Create signing CA"))
        self.create_button.setObjectName("signingCreateCa")
        self.create_button.clicked.connect(self.create_ca)
        self.holder = QComboBox()
        self.holder.setObjectName("signingHolder")
        for user in users.list_users(self.session):
            if user.role == Role.LEGAL and user.active:
                self.holder.addItem(user.name, user.name)
        self.issue_button = QPushButton(self.tr("Issue certificate"))
        self.issue_button.setObjectName("signingIssue")
        self.issue_button.clicked.connect(self.issue)
        row = QHBoxLayout()
        row.addWidget(self.holder, 1)
        row.addWidget(self.issue_button)
        form = QFormLayout(box)
        form.addRow("", self.create_button)
        form.addRow(self.tr("Legal user"), row)
        return box

    def _import_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Import my certificate (PKCS#12 from a licensed CA)"))
        self.p12_path = QLineEdit()
        self.p12_path.setObjectName("signingP12Path")
        browse = QPushButton(self.tr("Choose…"))
        browse.clicked.connect(self.choose_p12)
        self.p12_password = QLineEdit()
        self.p12_password.setObjectName("signingP12Password")
        self.p12_password.setEchoMode(QLineEdit.EchoMode.Password)
        self.import_button = QPushButton(self.tr("Import"))
        self.import_button.setObjectName("signingImport")
        self.import_button.clicked.connect(self.import_p12)
        row = QHBoxLayout()
        row.addWidget(self.p12_path, 1)
        row.addWidget(browse)
        form = QFormLayout(box)
        form.addRow(self.tr("PKCS#12 file"), row)
        form.addRow(self.tr("Its password"), self.p12_password)
        form.addRow("", self.import_button)
        return box

    def refresh(self) -> None:
        self.certs.clear()
        kinds = {
            "ca": self.tr("signing CA"),
            "issued": self.tr("issued"),
            "imported": self.tr("imported"),
        }
        for cert in signing_certs.list_certs(self.session):
            self.certs.addItem(
                f"{kinds.get(cert.kind, cert.kind)} · {cert.holder} · {cert.subject} · "
                f"{cert.not_after[:10]} · {cert.sha256[:16]}"
            )

    def _done(self, facts: signing_certs.CertFacts) -> None:
        errors.say(self.status, self.tr("Recorded: %1").replace("%1", facts.subject), True)
        self.refresh()
        self.changed.emit(facts.sha256)

    def create_ca(self) -> None:
        try:
            facts = signing_certs.create_ca(self.session)
        except Exception as error:  # shown, never raised out of a click
            errors.say_error(self.status, error)
            return
        self._done(facts)

    def issue(self) -> None:
        try:
            facts = signing_certs.issue_cert(self.session, str(self.holder.currentData() or ""))
        except Exception as error:  # shown, never raised out of a click
            errors.say_error(self.status, error)
            return
        self._done(facts)

    def choose_p12(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, self.tr("PKCS#12 file"), "", self.tr("PKCS#12 (*.p12 *.pfx)")
        )
        if path:
            self.p12_path.setText(path)

    def import_p12(self) -> None:
        try:
            data = Path(self.p12_path.text()).read_bytes()
            facts = signing_certs.import_p12(self.session, data, self.p12_password.text())
        except Exception as error:  # shown, never raised out of a click
            errors.say_error(self.status, error)
            return
        finally:
            self.p12_password.clear()
        self._done(facts)
