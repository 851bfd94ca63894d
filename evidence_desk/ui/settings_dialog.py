"""Settings: the interface language (per person), and the store's settings (admin only).

Store settings (default zone, quiet hours, approval expiry, organisation) are ledger entries;
time-stamp authorities are configured from PEM files. People who may not change them see them
read-only with the reason.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from evidence_desk.domain import policy
from evidence_desk.domain.policy import Action
from evidence_desk.services import settings as settings_service
from evidence_desk.services import timestamps
from evidence_desk.services.session import Session
from evidence_desk.ui import errors, i18n
from evidence_desk.ui.roles import why_not


class SettingsDialog(QDialog):
    language_changed = Signal(str)
    saved = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("Settings"))
        self.session = session
        self.language = QComboBox()
        self.language.setObjectName("languageCombo")
        self.language.addItem("中文（简体）", "zh_CN")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(max(0, self.language.findData(i18n.preferred_language())))
        personal = QGroupBox(self.tr("This computer"))
        personal_form = QFormLayout(personal)
        personal_form.addRow(self.tr("Interface language"), self.language)

        values = settings_service.all_settings(session)
        self.fields: dict[str, QLineEdit | QPlainTextEdit] = {}
        store = QGroupBox(self.tr("Store settings (recorded in the ledger)"))
        store_form = QFormLayout(store)
        labels = {
            "timezone": self.tr("Default time zone"),
            "quiet_hours": self.tr("Quiet hours (debtor's local time)"),
            "approval_expiry_days": self.tr("Approval expires after (days, 0 = never)"),
            "organisation": self.tr("Producing organisation"),
            "language": self.tr("Bundle language (zh_CN or en)"),
            "tsa_retries": self.tr("Retries per time-stamp authority"),
            "tsa_gap_flag_hours": self.tr(
                "Flag originals time-stamped later than (hours after import)"
            ),
            "conduct_timezone": self.tr("Debtor's time zone for quiet hours (empty: default)"),
            "institution_names": self.tr(
                "Institution names and aliases for CC-5 (| separated; A (B) reads as two)"
            ),
            "approved_accounts": self.tr("Approved repayment accounts (comma separated)"),
            "conduct_lexicon": self.tr("Conduct lexicon (JSON; empty: the shipped one)"),
            # retention (issue 18 item 2): the cap first, so raising both saves in one go
            "retention_cap_years": self.tr("Keep closed cases for (years after closure)"),
            "retention_floor_years": self.tr(
                "Keep collection records at least (years, 2 or more: CC-9)"
            ),
            # services/org_checkpoints.py; the values are typed as they are stored
            "org_witness": self.tr(
                "Cosign organisation checkpoints (auto: on legal's devices; on; off)"
            ),
        }
        denied = why_not(session.user.role, Action.SETTINGS_SET)
        # every setting the services know, in the order above (others by their key)
        keys = [k for k in labels if k in values] + [k for k in values if k not in labels]
        for key in keys:
            edit: QLineEdit | QPlainTextEdit
            if key == "conduct_lexicon":
                edit = QPlainTextEdit(values.get(key, ""))
                edit.setMaximumHeight(60)
            else:
                edit = QLineEdit(values.get(key, ""))
                edit.setCursorPosition(0)  # a long value shows its beginning, not its end
            edit.setObjectName(f"setting_{key}")
            if denied:
                edit.setReadOnly(True)
                edit.setToolTip(denied)
            self.fields[key] = edit
            store_form.addRow(labels.get(key, key), edit)

        tsa_box = QGroupBox(self.tr("Time-stamp authorities (RFC 3161)"))
        self.tsa_list = QListWidget()
        self.tsa_list.setObjectName("tsaList")
        self.tsa_list.setMaximumHeight(90)
        self.tsa_name = QLineEdit()
        self.tsa_name.setObjectName("tsaName")
        self.tsa_name.setPlaceholderText(self.tr("Name"))
        self.tsa_url = QLineEdit()
        self.tsa_url.setObjectName("tsaUrl")
        self.tsa_url.setPlaceholderText("https://tsa.example/tsr")
        self.tsa_ca = QLineEdit()
        self.tsa_ca.setObjectName("tsaCa")
        self.tsa_ca.setPlaceholderText(self.tr("Root certificate (PEM file)"))
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self._browse_ca)
        self.tsa_add = QPushButton(self.tr("Add authority"))
        self.tsa_add.setObjectName("tsaAdd")
        self.tsa_add.clicked.connect(self.add_authority)
        tsa_denied = why_not(session.user.role, Action.TSA_CONFIGURE)
        if tsa_denied:
            for widget in (self.tsa_name, self.tsa_url, self.tsa_ca, browse, self.tsa_add):
                widget.setEnabled(False)
                widget.setToolTip(tsa_denied)
        row = QHBoxLayout()
        row.addWidget(self.tsa_name)
        row.addWidget(self.tsa_url, 2)
        row2 = QHBoxLayout()
        row2.addWidget(self.tsa_ca, 1)
        row2.addWidget(browse)
        row2.addWidget(self.tsa_add)
        tsa_layout = QVBoxLayout(tsa_box)
        tsa_layout.addWidget(self.tsa_list)
        tsa_layout.addLayout(row)
        tsa_layout.addLayout(row2)
        self._load_authorities()

        self.error_label = QLabel()
        self.error_label.setObjectName("settingsError")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b3261e;")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Save"))
        buttons.button(QDialogButtonBox.StandardButton.Save).setObjectName("settingsSave")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(personal)
        layout.addWidget(store)
        layout.addWidget(tsa_box)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)
        self.resize(620, 560)

    def _load_authorities(self) -> None:
        self.tsa_list.clear()
        state = timestamps.status(self.session)
        for authority in timestamps.list_authorities(self.session):
            self.tsa_list.addItem(f"{authority.name} · {authority.url} · {authority.hash_alg}")
        if not self.tsa_list.count():
            self.tsa_list.addItem(self.tr("No authority configured: checkpoints stay queued."))
        self.tsa_list.addItem(
            self.tr(
                "Stamped up to entry %1; %n entry(s) waiting.", "", state.pending_entries
            ).replace("%1", str(state.stamped_size))
        )

    def _browse_ca(self) -> None:
        path, _f = QFileDialog.getOpenFileName(
            self, self.tr("Root certificate"), "", "PEM (*.pem *.crt)"
        )
        if path:
            self.tsa_ca.setText(path)

    def add_authority(self) -> None:
        try:
            roots = Path(self.tsa_ca.text().strip()).read_text("ascii")
        except (OSError, UnicodeDecodeError) as error:
            self.error_label.setText(
                self.tr("Cannot read the certificate file: %1").replace("%1", str(error))
            )
            return
        try:
            timestamps.add_authority(
                self.session, self.tsa_name.text().strip(), self.tsa_url.text().strip(), roots
            )
        except Exception as error:
            self.error_label.setText(errors.describe(error))
            return
        self.error_label.clear()
        self._load_authorities()

    def save(self) -> None:
        language = self.language.currentData()
        if language != i18n.preferred_language():
            QSettings().setValue("ui/language", language)
            self.language_changed.emit(language)
        if policy.allowed(self.session.user.role, Action.SETTINGS_SET):
            current = settings_service.all_settings(self.session)
            try:
                for key, edit in self.fields.items():
                    text = edit.toPlainText() if isinstance(edit, QPlainTextEdit) else edit.text()
                    if text.strip() != current.get(key, ""):
                        settings_service.set_value(self.session, key, text.strip())
            except Exception as error:
                self.error_label.setText(errors.describe(error))
                return
        self.saved.emit()
        self.accept()
