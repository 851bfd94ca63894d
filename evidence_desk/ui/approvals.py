"""The approval queue: supervisors see each request, its documents, and decide with a note.

Nobody decides their own request (four-eyes): the buttons say so and the service refuses anyway.
A decision is a signed ledger entry that cosigns the request's checkpoint (services/contacts.py).
"""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from evidence_desk.domain import policy
from evidence_desk.domain.policy import Action
from evidence_desk.services import contacts, live, reading
from evidence_desk.services import settings as settings_service
from evidence_desk.services.contacts import Contact
from evidence_desk.services.session import Session
from evidence_desk.ui import decided_text, errors
from evidence_desk.ui.labels import (
    channel_label,
    flag_label,
    initiator_label,
    item_role_label,
    relation_label,
    status_label,
    yes_no,
)
from evidence_desk.ui.preview import DocumentPreview
from evidence_desk.ui.roles import why_not

ContactRole = Qt.ItemDataRole.UserRole + 30
DocRole = Qt.ItemDataRole.UserRole + 31


class ApprovalQueue(QWidget):
    decided = Signal(str)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("approvalQueue")
        self.session = session
        self.filter_combo = QComboBox()
        self.filter_combo.setObjectName("approvalFilter")
        self.filter_combo.addItem(self.tr("Waiting for a decision"), "requested")
        self.filter_combo.addItem(self.tr("Approved (may be revoked)"), "approved")
        self.filter_combo.addItem(self.tr("All requests"), "")
        self.filter_combo.currentIndexChanged.connect(self.refresh)
        self.requests = QListWidget()
        self.requests.setObjectName("requestList")
        self.requests.setWordWrap(True)
        self.requests.currentItemChanged.connect(self._selected)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.filter_combo)
        left_layout.addWidget(self.requests, 1)

        self.summary = QLabel()
        self.summary.setObjectName("requestSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.documents = QListWidget()
        self.documents.setObjectName("requestDocuments")
        self.documents.setMaximumHeight(110)
        self.documents.currentItemChanged.connect(self._document_selected)
        self.preview = DocumentPreview()
        self.note_edit = QPlainTextEdit()
        self.note_edit.setObjectName("decisionNote")
        self.note_edit.setPlaceholderText(
            self.tr("Note for the record (required to reject or revoke)")
        )
        self.note_edit.setMaximumHeight(70)
        self.approve_button = QPushButton(self.tr("Approve"))
        self.approve_button.setObjectName("approveButton")
        self.reject_button = QPushButton(self.tr("Reject"))
        self.reject_button.setObjectName("rejectButton")
        self.revoke_button = QPushButton(self.tr("Revoke and close channel"))
        self.revoke_button.setObjectName("revokeButton")
        self.approve_button.clicked.connect(lambda: self._decide(contacts.approve))
        self.reject_button.clicked.connect(lambda: self._decide(contacts.reject))
        self.revoke_button.clicked.connect(lambda: self._decide(contacts.revoke))
        self.message = QLabel()
        self.message.setObjectName("decisionMessage")
        self.message.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.approve_button)
        buttons.addWidget(self.reject_button)
        buttons.addWidget(self.revoke_button)
        buttons.addStretch(1)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.summary)
        right_layout.addWidget(QLabel(self.tr("Documents")))
        right_layout.addWidget(self.documents)
        right_layout.addWidget(self.preview, 1)
        right_layout.addWidget(self.note_edit)
        right_layout.addLayout(buttons)
        right_layout.addWidget(self.message)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([300, 600])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self._set_buttons(None)

    def refresh(self) -> None:
        current = self.current_contact()
        self.requests.blockSignals(True)
        self.requests.clear()
        if policy.allowed(self.session.user.role, Action.CONTACT_READ):
            status = self.filter_combo.currentData() or None
            for contact in contacts.list_contacts(self.session, status=status):
                mine = contact.requested_by == self.session.user.name
                text = "\n".join(
                    (
                        f"{contact.display_name} · {channel_label(contact.channel)}",
                        contact.handle,
                        self.tr("case %1").replace("%1", contact.case_no),
                        self.tr("by %1 · %2")
                        .replace("%1", contact.requested_by)
                        .replace("%2", status_label(contact.status)),
                    )
                )
                if mine:
                    text += "\n" + self.tr("(your own request)")
                item = QListWidgetItem(text)
                item.setData(ContactRole, contact)
                self.requests.addItem(item)
                if current is not None and current.id == contact.id:
                    self.requests.setCurrentItem(item)
        self.requests.blockSignals(False)
        self._selected(self.requests.currentItem(), None)

    def current_contact(self) -> Contact | None:
        item = self.requests.currentItem()
        contact = item.data(ContactRole) if item is not None else None
        return contact if isinstance(contact, Contact) else None

    def select(self, contact_id: str) -> bool:
        for i in range(self.requests.count()):
            if self.requests.item(i).data(ContactRole).id == contact_id:
                self.requests.setCurrentRow(i)
                return True
        return False

    def _selected(self, item: QListWidgetItem | None, _previous: object) -> None:
        contact: Contact | None = item.data(ContactRole) if item is not None else None
        self.documents.clear()
        self.preview.clear()
        self.message.clear()
        if contact is None:
            self.summary.setText(self.tr("No request selected."))
            self._set_buttons(None)
            return
        self.summary.setText(
            f"<b>{contact.display_name}</b> · {channel_label(contact.channel)} · "
            f"{contact.handle}<br>"
            + self.tr("Case %1; relation %2; initiated by %3; consent %4.")
            .replace("%1", contact.case_no)
            .replace("%2", relation_label(contact.relation))
            .replace("%3", initiator_label(contact.initiated_by))
            .replace("%4", yes_no(contact.consent))
            + "<br>"
            + self.tr("Reason: %1").replace("%1", contact.reason)
            + (
                "<br>"
                + self.tr("Flags: %1").replace(
                    "%1", "; ".join(flag_label(f) for f in contact.flag_list)
                )
                if contact.flag_list
                else ""
            )
            + self._lost_decisions(contact)
        )
        for doc in contacts.contact_items(self.session, contact.id):
            entry = QListWidgetItem(f"{item_role_label(doc.role)}: {doc.file_name}")
            entry.setData(DocRole, doc)
            self.documents.addItem(entry)
        if self.documents.count():
            self.documents.setCurrentRow(0)
        self._set_buttons(contact)

    def _lost_decisions(self, contact: Contact) -> str:
        """This laptop's decisions on the request the hub refused (another supervisor decided
        first), in red, each naming the decision that stands: the detail a supervisor reads."""
        lost = live.refused_decisions(self.session, contact.id)
        if not lost:
            return ""
        zone = settings_service.get(self.session, "timezone")
        return "".join(
            f'<br><span style="color: {errors.ERROR_COLOUR};">'
            + html.escape(decided_text.lost_decision(refused, zone))
            + "</span>"
            for refused in lost
        )

    def _document_selected(self, item: QListWidgetItem | None, _previous: object) -> None:
        contact = self.current_contact()
        if item is None or contact is None:
            return
        doc = item.data(DocRole)
        try:
            data = reading.document_bytes(self.session, contact.id, doc.sha256)
        except Exception as error:
            self.preview.label.setText(errors.describe(error))
            return
        self.preview.show_document(data, doc.file_name)

    def _set_buttons(self, contact: Contact | None) -> None:
        denied = why_not(self.session.user.role, Action.CONTACT_DECIDE)
        own = contact is not None and contact.requested_by == self.session.user.name
        for button, state in (
            (self.approve_button, "requested"),
            (self.reject_button, "requested"),
            (self.revoke_button, "approved"),
        ):
            if denied:
                button.setEnabled(False)
                button.setToolTip(denied)
            elif contact is None:
                button.setEnabled(False)
                button.setToolTip(self.tr("Select a request first."))
            elif own:
                button.setEnabled(False)
                button.setToolTip(
                    self.tr("You made this request: another supervisor must decide it (four-eyes).")
                )
            elif contact.status != state:
                button.setEnabled(False)
                button.setToolTip(
                    self.tr("Not possible while the contact is %1.").replace(
                        "%1", status_label(contact.status)
                    )
                )
            else:
                button.setEnabled(True)
                button.setToolTip("")

    def _decide(self, decide: Callable[[Session, str, str], Contact]) -> None:
        contact = self.current_contact()
        if contact is None:
            return
        try:
            result = decide(self.session, contact.id, self.note_edit.toPlainText())
        except Exception as error:
            errors.say_error(self.message, error)
            return
        self.note_edit.clear()
        self.refresh()
        self.decided.emit(result.id)
        errors.say(
            self.message,
            self.tr("Contact %1 is now %2.")
            .replace("%1", result.id)
            .replace("%2", status_label(result.status)),
            True,
        )
