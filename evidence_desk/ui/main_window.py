"""The main window: cases and contacts on the left, the evidence in the middle, details right.

Everything shown comes from the services with the logged-in session; everything changed goes
through them. The store is verified in the background when the window opens and the status bar
says what was found, next to how many ledger entries still wait for a trusted time stamp.
"""

from __future__ import annotations

import itertools
from typing import Any

from PySide6.QtCore import QByteArray, QPoint, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDockWidget,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QSplitter,
    QTabWidget,
    QToolBar,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from evidence_desk.domain import policy
from evidence_desk.domain.errors import RuleViolation
from evidence_desk.domain.models import Role
from evidence_desk.domain.policy import Action
from evidence_desk.services import (
    cases,
    conduct,
    contacts,
    org_origins,
    retention,
    shredding,
    sync,
    timestamps,
)
from evidence_desk.services import settings as settings_service
from evidence_desk.services.contacts import Contact
from evidence_desk.services.import_types import ImportResult
from evidence_desk.services.session import Session
from evidence_desk.services.verify import VerifyReport, verify_store
from evidence_desk.store import location
from evidence_desk.ui import errors, icons, service_text, sync_controller
from evidence_desk.ui.access_log_view import AccessLogView
from evidence_desk.ui.approvals import ApprovalQueue
from evidence_desk.ui.bundle_dialog import BundleDialog
from evidence_desk.ui.contact_page import ContactPage
from evidence_desk.ui.details import DetailsPane
from evidence_desk.ui.labels import channel_label, format_label, status_label
from evidence_desk.ui.ledger_view import LedgerView
from evidence_desk.ui.processing_records_view import ProcessingRecordsView
from evidence_desk.ui.retention_dialog import ReasonDialog, retention_lines
from evidence_desk.ui.review_ui import FindingsView
from evidence_desk.ui.roles import guard, role_name
from evidence_desk.ui.sync_status import SyncStatus
from evidence_desk.ui.verify_panel import VerifyPanel
from evidence_desk.ui.workers import Job, alive, start

ContactRole = Qt.ItemDataRole.UserRole + 10
CaseRole = Qt.ItemDataRole.UserRole + 11


STAMP_INTERVAL_MS = 5 * 60 * 1000


def _import_group(line: org_origins.ImportLine) -> tuple[str, ...]:
    """The screenshots (recordings) of one import share a line (the same kind, time and user);
    a chat export is a line of its own."""
    if line.kind in ("image", "recording"):
        return (line.kind, line.imported_at, line.imported_by)
    return (line.kind, line.id)


def _children(item: QTreeWidgetItem) -> list[QTreeWidgetItem]:
    """An item's children (a case's contacts), in order."""
    found = (item.child(j) for j in range(item.childCount()))
    return [child for child in found if child is not None]


class MainWindow(QMainWindow):
    logout_requested = Signal()
    language_changed = Signal(str)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.session = session
        self.role = session.user.role
        self._verify_job: Job[VerifyReport] | None = None
        self._stamp_job: Job[timestamps.StampOutcome] | None = None
        self.last_dialog: QDialog | None = None  # the dialog opened last (tests drive it)
        self.last_menu: QMenu | None = None  # the case menu shown last (tests read it)
        self._closed = False
        self._imports: dict[str, list[org_origins.ImportLine]] = {}
        self.last_stamp_problem = ""
        self.setWindowTitle(
            self.tr("Evidence Desk — %1 (%2)")
            .replace("%1", session.user.name)
            .replace("%2", role_name(self.role))
        )
        self.setWindowIcon(icons.app_icon())
        self.zone = settings_service.get(session, "timezone")

        # navigation
        self.filter_edit = QLineEdit()
        self.filter_edit.setObjectName("caseFilter")
        self.filter_edit.setPlaceholderText(self.tr("Find a case, debtor or contact"))
        self.filter_edit.textChanged.connect(self._filter)
        self.nav = QTreeWidget()
        self.nav.setObjectName("navigation")
        self.nav.setHeaderLabels([self.tr("Cases and contacts")])
        self.nav.currentItemChanged.connect(self._nav_changed)
        self.nav.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.nav.customContextMenuRequested.connect(self._case_menu)
        nav_box = QWidget()
        nav_box.setMinimumWidth(200)
        nav_layout = QVBoxLayout(nav_box)
        nav_layout.setContentsMargins(4, 4, 0, 4)
        nav_layout.addWidget(self.filter_edit)
        nav_layout.addWidget(self.nav, 1)

        # centre
        self.contact_page = ContactPage(session, self)
        self.approvals = ApprovalQueue(session, self)
        self.approvals.decided.connect(self.refresh)
        self.ledger = LedgerView(session, self)
        self.verify_panel = VerifyPanel(session, self)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("mainTabs")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.contact_page, self.tr("Evidence"))
        self.tabs.addTab(self.approvals, self.tr("Approvals"))
        self.tabs.addTab(self.ledger, self.tr("Ledger"))
        self.tabs.addTab(self.verify_panel, self.tr("Verify"))
        self.findings = FindingsView(session, conduct, self)
        self.tabs.addTab(self.findings, self.tr("Conduct findings"))
        self.findings.open_message.connect(self.open_message)
        # -- the read log (PI-1): supervisors, auditors and admins --
        self.access_log: AccessLogView | None = None
        if policy.allowed(self.role, Action.ACCESS_LOG_READ):
            self.access_log = AccessLogView(session, self)
            self.tabs.addTab(self.access_log, self.tr("Read log"))
        # -- processing records of exports (PIPL arts. 55-56): legal, admins, auditors --
        self.processing_records: ProcessingRecordsView | None = None
        if policy.allowed(self.role, Action.PROCESSING_READ):
            self.processing_records = ProcessingRecordsView(session, self)
            self.tabs.addTab(self.processing_records, self.tr("Processing records"))
        self.tabs.currentChanged.connect(self._tab_changed)

        splitter = QSplitter()
        splitter.setObjectName("mainSplitter")
        splitter.addWidget(nav_box)
        splitter.addWidget(self.tabs)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([260, 760])
        self.setCentralWidget(splitter)
        self.splitter = splitter

        self.details = DetailsPane(session, self)
        dock = QDockWidget(self.tr("Details"), self)
        dock.setObjectName("detailsDock")
        dock.setWidget(self.details)
        dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetClosable
        )
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        self.details_dock = dock
        self.contact_page.message_selected.connect(self.details.show_message)
        self.contact_page.item_selected.connect(self.details.show_item)
        self.contact_page.changed.connect(self.refresh)

        self._build_actions()
        self._build_status_bar()
        self._restore_state()
        self.refresh()

        def verify_once_shown() -> None:
            if alive(self):
                self.start_verify()

        QTimer.singleShot(0, verify_once_shown)

        # the splitter has its sizes once shown: the case list's lines in full from the start
        def fit_once_shown() -> None:
            if alive(self):
                self._fit_columns()

        QTimer.singleShot(0, fit_once_shown)
        # Offline laptops queue checkpoints; this sends the queue at open and then every few
        # minutes, in the background (a TSA that does not answer only delays the next try).
        self._stamp_timer = QTimer(self)
        self._stamp_timer.setInterval(STAMP_INTERVAL_MS)
        self._stamp_timer.timeout.connect(self.start_stamping)
        self._stamp_timer.start()
        QTimer.singleShot(0, lambda: alive(self) and self.start_stamping())
        self._build_live()

    # -- the hub, live (a store bound to a hub: ui/sync_controller.py) -----------------------
    def _build_live(self) -> None:
        """Sync in the background and show its status; what comes from the hub reloads the
        screens (the case tree, the approval queue, the contact) and notices are shown."""
        self.sync_status: SyncStatus | None = None
        self.sync_controller = sync_controller.for_window(self.session, self)
        if self.sync_controller is None:
            return
        self.sync_status = SyncStatus(self.zone, self)
        self.statusBar().addPermanentWidget(self.sync_status)
        self.sync_controller.state_changed.connect(self.sync_status.show_state)
        self.sync_controller.notice.connect(self.sync_status.notify)
        self.sync_controller.pulled.connect(self.refresh)
        self.sync_status.sync_requested.connect(self.sync_controller.sync_now)
        QTimer.singleShot(0, self._start_live)

    def _start_live(self) -> None:
        if alive(self) and not self._closed and self.sync_controller is not None:
            self.sync_controller.start()

    # -- actions ----------------------------------------------------------------------------
    def _action(
        self, name: str, text: str, shortcut: str | QKeySequence | None, slot: Any
    ) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.new_case_action = self._action(
            "actionNewCase", self.tr("New case"), "Ctrl+N", self.new_case
        )
        self.request_action = self._action(
            "actionRequestContact", self.tr("Request contact"), "Ctrl+R", self.request_contact
        )
        self.import_action = self._action(
            "actionImport", self.tr("Import evidence"), "Ctrl+I", self.import_evidence
        )
        self.bundle_action = self._action(
            "actionBundle", self.tr("Export bundle"), "Ctrl+E", self.export_bundle
        )
        self.verify_action = self._action(
            "actionVerify", self.tr("Verify store"), "F5", self.show_verify
        )
        self.ledger_action = self._action(
            "actionLedger", self.tr("Ledger"), "Ctrl+L", self.show_ledger
        )
        self.approvals_action = self._action(
            "actionApprovals", self.tr("Approval queue"), "Ctrl+Shift+A", self.show_approvals
        )
        self.settings_action = self._action(
            "actionSettings", self.tr("Settings"), "Ctrl+,", self.open_settings
        )
        self.users_action = self._action("actionUsers", self.tr("Users"), "Ctrl+U", self.open_users)
        self.backup_action = self._action(
            "actionBackup", self.tr("Backup"), "Ctrl+Shift+B", self.open_backup
        )
        # joining the organisation with this store (issue 19 item 5): before it is bound
        self.join_action = self._action(
            "actionJoinOrganisation", self.tr("Join an organisation…"), None, self.join_organisation
        )
        self.join_action.setToolTip(
            self.tr("Check this store against your organisation's hub and join it as a device")
        )
        self.join_action.setVisible(not (self.session.folder.path / sync.HUB_FILE).exists())
        self.logout_action = self._action(
            "actionLogout", self.tr("Log out"), "Ctrl+Shift+Q", self.logout_requested.emit
        )
        # retention and legal hold (issue 18 item 2)
        self.close_case_action = self._action(
            "actionCloseCase", self.tr("Close case…"), None, self.close_case
        )
        self.hold_action = self._action(
            "actionLegalHold", self.tr("Legal hold…"), None, self.place_hold
        )
        self.lift_hold_action = self._action(
            "actionLiftHold", self.tr("Lift hold…"), None, self.lift_hold
        )
        # shredding (issue 18 item 3)
        self.shred_action = self._action(
            "actionShredCase", self.tr("Shred case…"), None, self.shred_case
        )
        # breach records (PIPL art. 57): admins file, legal and auditors read the notices
        self.breach_action = self._action(
            "actionBreaches", self.tr("Breach records…"), None, self.open_breaches
        )
        # PDF signing certificates (issue 21 item 1): admins create the CA and issue, legal
        # users import their own PKCS#12
        self.signing_action = self._action(
            "actionSigning", self.tr("Signing certificates…"), None, self.open_signing
        )
        # gossip outside the hub (issue 20): legal's and admins' devices exchange checkpoints
        self.gossip_action = self._action(
            "actionExchangeCheckpoints",
            self.tr("Exchange checkpoints…"),
            None,
            self.exchange_checkpoints,
        )
        self.gossip_action.setToolTip(
            self.tr(
                "Write the organisation checkpoints this device was shown, or check another "
                "device's (or a bundle's) against this device's history, outside the hub"
            )
        )
        self.gossip_action.setVisible(
            (self.session.folder.path / sync.HUB_FILE).exists()
            and self.role in (Role.LEGAL, Role.ADMIN)
        )
        role = self.role
        guard(self.new_case_action, role, Action.CASE_CREATE, self.tr("Open a new case (Ctrl+N)"))
        guard(
            self.request_action,
            role,
            Action.CONTACT_REQUEST,
            self.tr("Ask a supervisor to approve a new contact (Ctrl+R)"),
        )
        guard(
            self.import_action,
            role,
            Action.EVIDENCE_ADD,
            self.tr("Import chat exports and screenshots for the selected contact (Ctrl+I)"),
        )
        guard(
            self.bundle_action,
            role,
            Action.BUNDLE_EXPORT,
            self.tr("Export a court bundle for the selected case (Ctrl+E)"),
        )
        guard(
            self.approvals_action,
            role,
            Action.CONTACT_READ,
            self.tr("Contact requests waiting for a decision"),
        )
        guard(
            self.users_action,
            role,
            Action.USER_ADD,
            self.tr("Add users, change roles, reset passwords"),
        )
        guard(
            self.backup_action,
            role,
            Action.STORE_BACKUP,
            self.tr("Back up this store, or check and restore a backup"),
        )
        guard(
            self.close_case_action,
            role,
            Action.CASE_CLOSE,
            self.tr("Close the selected case: its purpose is achieved; sets its deletion date"),
        )
        guard(
            self.hold_action,
            role,
            Action.LEGAL_HOLD,
            self.tr("Place a legal hold on the selected case: nothing of it may be deleted"),
        )
        guard(
            self.lift_hold_action,
            role,
            Action.LEGAL_HOLD,
            self.tr("Lift the legal hold on the selected case"),
        )
        guard(
            self.shred_action,
            role,
            Action.CASE_SHRED,
            self.tr(
                "Destroy the selected case's content once its deletion date has come, or on "
                "the debtor's request after the retention floor; its proofs are kept"
            ),
        )
        guard(
            self.breach_action,
            role,
            Action.BREACH_READ,
            self.tr("File a personal information breach record and print its notice (art. 57)"),
        )
        signing_tip = self.tr("The certificates that sign the bundle's PDF volumes (PAdES)")
        if not guard(self.signing_action, role, Action.SIGNING_CERT_IMPORT, signing_tip):
            guard(self.signing_action, role, Action.SIGNING_CA_CREATE, signing_tip)
        self.verify_action.setToolTip(self.tr("Check every original, row and ledger entry (F5)"))
        self.ledger_action.setToolTip(self.tr("The signed audit log (Ctrl+L)"))
        self.settings_action.setToolTip(
            self.tr("Language, time zone, time-stamp authorities, quiet hours")
        )
        # two rows: one row held 19 actions and at 1360 px hid the last ones (signing, the
        # checkpoints, log out) behind its » menu; the case work and the store's own tools
        # each have a row, every action in view at a usual window width in both languages
        toolbars = [
            self._toolbar(
                "mainToolbar",
                self.tr("Main actions"),
                (
                    self.new_case_action,
                    self.request_action,
                    self.import_action,
                    self.bundle_action,
                    self.close_case_action,
                    self.hold_action,
                    self.lift_hold_action,
                    self.shred_action,
                    None,
                    self.approvals_action,
                    self.ledger_action,
                    self.verify_action,
                ),
            ),
            self._toolbar(
                "storeToolbar",
                self.tr("Store actions"),
                (
                    self.settings_action,
                    self.users_action,
                    self.backup_action,
                    self.breach_action,
                    self.signing_action,
                    self.join_action,
                    self.gossip_action,
                    None,
                    self.logout_action,
                ),
            ),
        ]
        self.addToolBar(toolbars[0])
        self.addToolBarBreak()
        self.addToolBar(toolbars[1])
        self._update_selection_actions()

    def _toolbar(self, name: str, title: str, actions: tuple[QAction | None, ...]) -> QToolBar:
        """A fixed row of text buttons (``None`` is a separator)."""
        toolbar = QToolBar(title)
        toolbar.setObjectName(name)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        toolbar.setMovable(False)
        for action in actions:
            if action is None:
                toolbar.addSeparator()
            else:
                toolbar.addAction(action)
        return toolbar

    def _update_selection_actions(self) -> None:
        """Actions that need a selection explain what to select (after the role check)."""
        contact = self.current_contact()
        case_no = self.current_case_no()
        if policy.allowed(self.role, Action.EVIDENCE_ADD):
            refused = None if contact is None else self._import_refused(contact)
            if contact is None:
                self.import_action.setEnabled(False)
                self.import_action.setToolTip(
                    self.tr(
                        "Select an approved contact first: evidence is imported only for contacts a supervisor approved."  # noqa: E501
                    )
                )
            elif refused is not None:
                self.import_action.setEnabled(False)
                self.import_action.setToolTip(
                    self.tr("No evidence can be imported for %1: %2")
                    .replace("%1", contact.display_name)
                    .replace("%2", service_text.refusal(refused.detail))
                )
            else:
                self.import_action.setEnabled(True)
                self.import_action.setToolTip(
                    self.tr("Import chat exports and screenshots for %1 (Ctrl+I)").replace(
                        "%1", contact.display_name
                    )
                )
        if policy.allowed(self.role, Action.CONTACT_REQUEST):
            self.request_action.setEnabled(True)
            if case_no is None:
                self.request_action.setToolTip(
                    self.tr("Ask a supervisor to approve a new contact (Ctrl+R)")
                )
        if policy.allowed(self.role, Action.BUNDLE_EXPORT):
            self.bundle_action.setEnabled(case_no is not None)
            if case_no is None:
                self.bundle_action.setToolTip(self.tr("Select a case first."))
        self._update_retention_actions(case_no)

    def _update_retention_actions(self, case_no: str | None) -> None:
        """Close, hold and lift follow the selected case's state (after the role check)."""
        kept = None if case_no is None else retention.retention_of(self.session, case_no)
        if policy.allowed(self.role, Action.CASE_CLOSE):
            self.close_case_action.setEnabled(kept is not None and kept.closed_at is None)
        if policy.allowed(self.role, Action.LEGAL_HOLD):
            held = kept is not None and kept.active_hold is not None
            self.hold_action.setEnabled(kept is not None and not held)
            self.lift_hold_action.setEnabled(held)
        if policy.allowed(self.role, Action.CASE_SHRED):
            self.shred_action.setEnabled(
                case_no is not None and shredding.shredding_of(self.session, case_no) is None
            )

    def _case_menu(self, position: QPoint) -> None:
        """The case tree's context menu: the retention steps the role and the case allow."""
        item = self.nav.itemAt(position)
        if item is None or item.data(0, CaseRole) is None:
            return
        self.nav.setCurrentItem(item)
        menu = QMenu(self.nav)
        menu.setObjectName("caseMenu")
        for action in (
            self.close_case_action,
            self.hold_action,
            self.lift_hold_action,
            self.shred_action,
        ):
            if action.isEnabled():
                menu.addAction(action)
        if not menu.isEmpty():
            menu.popup(self.nav.viewport().mapToGlobal(position))
        self.last_menu = menu

    def _import_refused(self, contact: Contact) -> RuleViolation | None:
        """Why no evidence may go to ``contact`` now (not approved, revoked, expired), or None.

        The services' own rule (``contacts.require_usable``) over the stored contact, not the
        navigation's copy: a decision may have landed, or the approval lapsed, since the list
        was read. The import still checks again; this only lets the action say why it is off.
        """
        try:
            contacts.require_usable(self.session, contacts.get_contact(self.session, contact.id))
        except RuleViolation as refusal:
            return refusal
        return None

    # -- status bar -------------------------------------------------------------------------
    def _build_status_bar(self) -> None:
        self.user_label = QLabel(
            self.tr("%1 · %2")
            .replace("%1", self.session.user.name)
            .replace("%2", role_name(self.role))
        )
        self.user_label.setObjectName("userStatus")
        self.integrity_label = QLabel()
        self.integrity_label.setObjectName("integrityStatus")
        self.stamp_label = QLabel()
        self.stamp_label.setObjectName("stampStatus")
        bar = self.statusBar()
        bar.addWidget(self.user_label)
        # a store in a sync folder or on network storage: opened, but said at once and kept
        self.location_label = QLabel()
        self.location_label.setObjectName("locationWarning")
        warning = location.open_warning(self.session.folder.path)
        if warning is not None:
            self.location_label.setText(
                self.tr("Warning: this store is in a synced or network folder")
            )
            self.location_label.setStyleSheet("color: #b3261e; font-weight: bold;")
            self.location_label.setToolTip(service_text.phrase(warning))
            bar.addWidget(self.location_label)
        else:
            self.location_label.hide()
        bar.addPermanentWidget(self.integrity_label)
        bar.addPermanentWidget(self.stamp_label)
        self.update_stamp_status()

    def update_stamp_status(self) -> None:
        state = timestamps.status(self.session)
        if state.pending_entries == 0:
            text = self.tr("Time stamps: all %n entry(s) covered", "", state.ledger_size)
            colour = "#2e7d32"
        else:
            text = self.tr("Time stamps: %n entry(s) queued", "", state.pending_entries)
            colour = "#ef6c00"
        self.stamp_label.setText(text)
        self.stamp_label.setStyleSheet(f"color: {colour};")
        tip = (
            self.tr("Stamped up to entry %1 of %2.")
            .replace("%1", str(state.stamped_size))
            .replace("%2", str(state.ledger_size))
        )
        if state.newest_gen_time:
            tip += " " + self.tr("Newest trusted time: %1").replace("%1", state.newest_gen_time)
        if state.pending_entries and self.last_stamp_problem:
            tip += "\n" + self.last_stamp_problem
        self.stamp_label.setToolTip(tip)

    def start_stamping(self) -> Job[timestamps.StampOutcome] | None:
        """Send queued checkpoints to the configured time-stamp authorities, off the UI thread."""
        if (
            self._closed
            or self._stamp_job is not None
            or not policy.allowed(self.role, Action.STAMP)
        ):
            return None
        if timestamps.status(self.session).pending_entries == 0:
            return None
        if not timestamps.list_authorities(self.session):
            self.last_stamp_problem = self.tr("No time-stamp authority is configured (Settings).")
            self.update_stamp_status()
            return None
        job = Job(lambda s, _j: timestamps.stamp(s), self.session)
        job.on_finished(self._stamped)
        job.on_failed(self._stamp_failed)
        self._stamp_job = start(job)
        return job

    def _stamped(self, outcome: timestamps.StampOutcome) -> None:
        self._stamp_job = None
        if outcome.stamped or not outcome.attempts:
            self.last_stamp_problem = ""
        else:
            self.last_stamp_problem = self.tr("Last attempt failed: %1").replace(
                "%1", service_text.stamp_attempts(outcome.attempts[-2:])
            )
        if alive(self):
            self.update_stamp_status()

    def _stamp_failed(self, error: BaseException) -> None:
        self._stamp_job = None
        self.last_stamp_problem = errors.describe(error)
        if alive(self):
            self.update_stamp_status()

    def start_verify(self) -> None:
        if self._verify_job is not None:
            return
        self.integrity_label.setText(self.tr("Integrity: verifying…"))
        self.integrity_label.setStyleSheet("color: #555;")
        job = Job(lambda s, _j: verify_store(s), self.session)
        job.on_finished(self._verified)
        job.on_failed(self._verify_failed)
        self._verify_job = start(job)

    def _verified(self, report: VerifyReport) -> None:
        self._verify_job = None
        if report.intact:
            self.integrity_label.setText(
                self.tr("Integrity: intact (%n entry(s))", "", report.entries)
            )
            self.integrity_label.setStyleSheet("color: #2e7d32;")
        else:
            self.integrity_label.setText(
                self.tr("Integrity: %n problem(s) found", "", len(report.errors))
            )
            self.integrity_label.setStyleSheet("color: #b3261e; font-weight: bold;")
        self.integrity_label.setToolTip(self.tr("Open the Verify tab (F5) for every finding."))
        self.verify_panel.show_report(report)

    def _verify_failed(self, error: BaseException) -> None:
        self._verify_job = None
        self.integrity_label.setText(self.tr("Integrity: not checked"))
        self.integrity_label.setToolTip(errors.describe(error))

    # -- navigation -------------------------------------------------------------------------
    def refresh(self) -> None:
        """Reload the case tree, keeping the selection."""
        selected = self.current_contact()
        selected_case = self.current_case_no()
        self.nav.blockSignals(True)
        self.nav.clear()
        restore: QTreeWidgetItem | None = None
        origins = self._origins()
        if policy.allowed(self.role, Action.CASE_READ):
            by_case: dict[str, list[Contact]] = {}
            for contact in contacts.list_contacts(self.session):
                by_case.setdefault(contact.case_no, []).append(contact)
            kept_all = retention.retention_of_all(self.session)
            shredded = shredding.shredded_cases(self.session)
            for case in cases.list_cases(self.session):
                done = shredded.get(case.case_no)
                name = case.debtor_name if done is None else self.tr("(shredded)")
                item = QTreeWidgetItem([f"{case.case_no}  {name}"])
                item.setData(0, CaseRole, case.case_no)
                kept = kept_all[case.case_no]
                item.setToolTip(
                    0,
                    "\n".join(
                        [
                            self.tr("Overdue %1 since %2")
                            .replace("%1", case.amount_overdue)
                            .replace("%2", case.overdue_since or "—"),
                            *retention_lines(
                                kept,
                                self.zone,
                                None if done is None else str(done["shredded_at"]),
                            ),
                        ]
                    ),
                )
                self.nav.addTopLevelItem(item)
                if origins is not None:
                    self._show_origin(item, origins.of(case.created_by))
                if selected_case == case.case_no and selected is None:
                    restore = item
                for contact in by_case.get(case.case_no, []):
                    child = QTreeWidgetItem(
                        [
                            f"{contact.display_name} · {channel_label(contact.channel)} · "
                            f"{status_label(contact.status)}"
                        ]
                    )
                    child.setData(0, ContactRole, contact)
                    child.setData(0, CaseRole, case.case_no)
                    child.setToolTip(0, f"{contact.handle} ({contact.id})")
                    item.addChild(child)
                    if origins is not None:
                        self._show_origin(child, origins.of(contact.requested_by))
                        self._add_imports(child, contact, case.case_no, origins)
                    if selected is not None and selected.id == contact.id:
                        restore = child
                item.setExpanded(True)
        else:
            item = QTreeWidgetItem([self.tr("Your role does not read cases.")])
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.nav.addTopLevelItem(item)
        self.nav.blockSignals(False)
        if restore is not None:
            self.nav.setCurrentItem(restore)
        else:
            self._nav_changed(self.nav.currentItem(), None)
        self._fit_columns()
        self.approvals.refresh()
        self.update_stamp_status()
        self._filter(self.filter_edit.text())

    def _origins(self) -> org_origins.Origins | None:
        """On a store bound to a hub, legal's and an admin's case list spans the organisation:
        a second column names the user and device of every item (None elsewhere: one column,
        as on a store of its own)."""
        bound = (self.session.folder.path / sync.HUB_FILE).exists()
        if not bound or self.role not in (Role.LEGAL, Role.ADMIN):
            self.nav.setColumnCount(1)
            return None
        self.nav.setHeaderLabels([self.tr("Cases and contacts"), self.tr("By")])
        self._imports = (
            org_origins.imports_by_contact(self.session)
            if policy.allowed(self.role, Action.EVIDENCE_READ)
            else {}
        )
        return org_origins.Origins(self.session)

    def _fit_columns(self) -> None:
        """The case list's lines in full: a contact's status came last and was cut
        ("陈立新 (WhatsApp) · WhatsApp · ..."), and beside the organisation's "by" column case
        numbers were cut to "2026-SH-...". The navigation widens to fit its columns, up to
        half the window (the verify panel's tools sit in a second row so that the centre no
        longer holds 780 px); beyond that the list scrolls sideways (nothing is elided)."""
        nav = self.nav
        nav.setTextElideMode(Qt.TextElideMode.ElideNone)
        columns = nav.columnCount()
        nav.header().setStretchLastSection(columns == 1)
        if columns > 1:
            for column in range(columns):
                nav.resizeColumnToContents(column)
            content = sum(nav.columnWidth(column) for column in range(columns))
        else:
            content = nav.sizeHintForColumn(0)
        needed = (
            content
            + 2 * nav.frameWidth()
            + nav.verticalScrollBar().sizeHint().width()
            + 8  # the navigation box's margin
        )
        sizes = self.splitter.sizes()
        total = sum(sizes)
        if len(sizes) == 2 and total > 0 and sizes[0] < needed:
            wide = min(needed, total // 2)
            self.splitter.setSizes([wide, total - wide])

    def _show_origin(self, item: QTreeWidgetItem, origin: org_origins.Origin) -> None:
        """ "by zhang · 3f2a91c0" in the second column; the full device id in its tooltip."""
        device = origin.label or self.tr("unknown device")
        if origin.own:
            device = self.tr("%1 (this device)").replace("%1", device)
        item.setText(1, self.tr("by %1 · %2").replace("%1", origin.user).replace("%2", device))
        item.setToolTip(1, origin.device)

    def _add_imports(
        self,
        parent: QTreeWidgetItem,
        contact: Contact,
        case_no: str,
        origins: org_origins.Origins,
    ) -> None:
        """The contact's imports, each naming its device and user; selecting one shows the
        contact's evidence. The screenshots one import stored (one row each) are one line,
        "screenshots · 2 images": they hold no messages, and "image import · 0 messages" said
        nothing of what they are."""
        lines = self._imports.get(contact.id, [])
        for _key, group in itertools.groupby(lines, key=_import_group):
            same = list(group)
            line = same[0]
            if line.kind == "image":
                text = self.tr("screenshots · %n image(s)", "", len(same))
            elif line.kind == "recording":
                text = self.tr("%n recording(s)", "", len(same))
            else:
                text = self.tr("%1 import · %n message(s)", "", line.message_count).replace(
                    "%1", format_label(line.format)
                )
            child = QTreeWidgetItem([text])
            child.setData(0, ContactRole, contact)
            child.setData(0, CaseRole, case_no)
            child.setToolTip(
                0, "\n".join(f"{each.kind} {each.id} · {each.imported_at}" for each in same)
            )
            self._show_origin(child, origins.of(line.imported_by))
            parent.addChild(child)

    def _case_items(self) -> list[QTreeWidgetItem]:
        """The tree's top-level items (cases), in order."""
        found = (self.nav.topLevelItem(i) for i in range(self.nav.topLevelItemCount()))
        return [item for item in found if item is not None]

    def _filter(self, text: str) -> None:
        needle = text.strip().lower()
        for case_item in self._case_items():
            case_hit = needle in case_item.text(0).lower()
            any_child = False
            for child in _children(case_item):
                hit = (
                    case_hit
                    or needle in child.text(0).lower()
                    or needle in child.toolTip(0).lower()
                )
                child.setHidden(not hit)
                any_child = any_child or hit
            case_item.setHidden(bool(needle) and not (case_hit or any_child))

    def current_contact(self) -> Contact | None:
        item = self.nav.currentItem() if hasattr(self, "nav") else None
        contact = item.data(0, ContactRole) if item is not None else None
        return contact if isinstance(contact, Contact) else None

    def current_case_no(self) -> str | None:
        item = self.nav.currentItem() if hasattr(self, "nav") else None
        case_no = item.data(0, CaseRole) if item is not None else None
        return case_no if isinstance(case_no, str) else None

    def select_contact(self, contact_id: str) -> bool:
        for case_item in self._case_items():
            for child in _children(case_item):
                if child.data(0, ContactRole).id == contact_id:
                    self.nav.setCurrentItem(child)
                    return True
        return False

    def select_case(self, case_no: str) -> bool:
        for item in self._case_items():
            if item.data(0, CaseRole) == case_no:
                self.nav.setCurrentItem(item)
                return True
        return False

    def _nav_changed(self, current: QTreeWidgetItem | None, _previous: Any) -> None:
        contact = current.data(0, ContactRole) if current is not None else None
        case_no = current.data(0, CaseRole) if current is not None else None
        self.contact_page.display(case_no, contact, self.zone)
        self.details.clear()
        self._update_selection_actions()

    def open_message(self, contact_id: str, sent_at: str, rowid: int) -> None:
        """Show one message in its conversation (from a conduct finding)."""
        if self.select_contact(contact_id):
            self.tabs.setCurrentWidget(self.contact_page)
            self.contact_page.inner.setCurrentIndex(0)
            self.contact_page.conversation.go_to((sent_at, rowid))

    def _tab_changed(self, index: int) -> None:
        widget = self.tabs.widget(index)
        # the details belong to the evidence tab; the other tabs get the room
        self.details_dock.setVisible(widget is self.contact_page)
        if widget is self.ledger:
            self.ledger.refresh()
        if self.access_log is not None and widget is self.access_log:
            self.access_log.refresh()
        elif self.processing_records is not None and widget is self.processing_records:
            self.processing_records.refresh()
        elif widget is self.approvals:
            self.approvals.refresh()

    # -- flows ------------------------------------------------------------------------------
    def new_case(self) -> None:
        from evidence_desk.ui.case_dialog import CaseDialog

        dialog = CaseDialog(self.session, self)

        def created(case_no: str) -> None:
            self.refresh()
            self.select_case(case_no)

        dialog.created.connect(created)
        dialog.open()
        self.last_dialog = dialog

    def request_contact(self) -> None:
        from evidence_desk.ui.contact_request import ContactRequestDialog

        dialog = ContactRequestDialog(self.session, self.current_case_no(), self)

        def requested(contact_id: str) -> None:
            self.refresh()
            self.select_contact(contact_id)

        dialog.requested.connect(requested)
        dialog.open()
        self.last_dialog = dialog

    def import_evidence(self) -> None:
        from evidence_desk.ui.import_wizard import ImportWizard

        contact = self.current_contact()
        if contact is None:
            return
        wizard = ImportWizard(self.session, contact, self)
        wizard.imported.connect(self._imported)
        wizard.open()
        self.last_dialog = wizard

    def _imported(self, result: object) -> None:
        contact = self.current_contact()
        self.refresh()
        if contact is not None:
            self.select_contact(contact.id)
        self.start_verify()
        # screenshots just imported are read by OCR in the background (issue 22)
        if contact is not None and isinstance(result, ImportResult) and result.images:
            self.contact_page.read_screenshots()

    def export_bundle(self) -> None:
        case_no = self.current_case_no()
        if case_no is None:
            return
        dialog = BundleDialog(self.session, case_no, self.current_contact(), self)
        dialog.open()
        self.last_dialog = dialog

    def close_case(self) -> None:
        self._retention_step("close")

    def place_hold(self) -> None:
        self._retention_step("hold")

    def lift_hold(self) -> None:
        self._retention_step("lift")

    def shred_case(self) -> None:
        from evidence_desk.ui.shred_dialog import ShredDialog

        case_no = self.current_case_no()
        if case_no is None:
            return
        dialog = ShredDialog(self.session, case_no, self)

        def done(shredded_case: str) -> None:
            self.refresh()
            self.select_case(shredded_case)

        dialog.done_with.connect(done)
        dialog.open()
        self.last_dialog = dialog

    def _retention_step(self, kind: str) -> None:
        case_no = self.current_case_no()
        if case_no is None:
            return
        dialog = ReasonDialog(self.session, case_no, kind, self)

        def done(closed_case: str) -> None:
            self.refresh()
            self.select_case(closed_case)

        dialog.done_with.connect(done)
        dialog.open()
        self.last_dialog = dialog

    def show_verify(self) -> None:
        self.tabs.setCurrentWidget(self.verify_panel)

    def show_ledger(self) -> None:
        self.tabs.setCurrentWidget(self.ledger)

    def show_approvals(self) -> None:
        self.tabs.setCurrentWidget(self.approvals)

    def open_settings(self) -> None:
        from evidence_desk.ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.session, self)
        dialog.language_changed.connect(self.language_changed.emit)
        dialog.saved.connect(self._settings_saved)
        dialog.open()
        self.last_dialog = dialog

    def _settings_saved(self) -> None:
        self.zone = settings_service.get(self.session, "timezone")
        self.refresh()

    def open_users(self) -> None:
        from evidence_desk.ui.users_dialog import UsersDialog

        dialog = UsersDialog(self.session, self)
        dialog.open()
        self.last_dialog = dialog

    def open_backup(self) -> None:
        from evidence_desk.ui.backup_dialog import BackupDialog

        dialog = BackupDialog(self.session, self)
        dialog.open()
        self.last_dialog = dialog

    def open_signing(self) -> None:
        from evidence_desk.ui.signing_dialog import SigningDialog

        dialog = SigningDialog(self.session, self)
        dialog.open()
        self.last_dialog = dialog

    def join_organisation(self) -> None:
        from evidence_desk.ui.join_dialog import JoinDialog

        dialog = JoinDialog(parent=self, existing=self.session)
        # bound: the case list gains the organisation's column, the status bar its hub
        dialog.joined.connect(lambda _session: self.refresh())
        dialog.open()
        self.last_dialog = dialog

    def exchange_checkpoints(self) -> None:
        from evidence_desk.ui.gossip_dialog import GossipDialog

        dialog = GossipDialog(self.session, self)
        dialog.open()
        self.last_dialog = dialog

    def open_breaches(self) -> None:
        from evidence_desk.ui.breach_dialog import BreachDialog

        dialog = BreachDialog(self.session, self)
        dialog.open()
        self.last_dialog = dialog

    # -- state ------------------------------------------------------------------------------
    def _restore_state(self) -> None:
        settings = QSettings()
        geometry = settings.value("main/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 800)
        state = settings.value("main/state")
        if isinstance(state, QByteArray):
            self.restoreState(state)
        # the details dock follows the tab (see _tab_changed), whatever tab the last run ended on
        self.details_dock.setVisible(self.tabs.currentWidget() is self.contact_page)

    def closeEvent(self, event: QCloseEvent) -> None:
        settings = QSettings()
        settings.setValue("main/geometry", self.saveGeometry())
        settings.setValue("main/state", self.saveState())
        self._closed = True  # the session is closed right after: no new background work
        self._stamp_timer.stop()
        if self.sync_controller is not None:
            self.sync_controller.stop()
        reading = self.contact_page.reader.job
        if reading is not None:
            reading.cancel()  # what was read stays read; the rest is read next time
        for job in (self._verify_job, self._stamp_job, reading):
            if job is not None:
                job.done.wait(30)
        super().closeEvent(event)
