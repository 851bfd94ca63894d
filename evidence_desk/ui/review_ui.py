"""Tags and notes from the conversation's context menu, and the conduct findings view.

Only used when the review service is part of the build (see adapters.py). Tags are signed ledger
entries made by the review service; this module only offers them and shows them as badges.
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QInputDialog, QMenu, QWidget

from evidence_desk.domain import policy
from evidence_desk.domain.policy import Action
from evidence_desk.services.reading import MessageRow
from evidence_desk.services.session import Session
from evidence_desk.ui import errors
from evidence_desk.ui.roles import why_not


def tag_names() -> dict[str, str]:
    """Translated names of the review service's tags."""
    return {
        "promise_to_pay": QCoreApplication.translate("Review", "Promise to pay"),
        "debt_ack": QCoreApplication.translate("Review", "Debt acknowledgement"),
        "dispute": QCoreApplication.translate("Review", "Dispute"),
        "threat": QCoreApplication.translate("Review", "Threat or abuse"),
        "identity": QCoreApplication.translate("Review", "Identity"),
        "contact_info": QCoreApplication.translate("Review", "Address or contact info"),
        "note": QCoreApplication.translate("Review", "Note"),
    }


class TagController(QObject):
    """Keeps the active tags of the shown contact and builds the message context menu."""

    changed = Signal(int)  # message rowid

    def __init__(self, session: Session, review: ModuleType, parent: QWidget) -> None:
        super().__init__(parent)
        self.session = session
        self.review = review
        self.parent_widget = parent
        self.contact_id: str | None = None
        self._tags: dict[int, list[Any]] = {}
        self.last_error: BaseException | None = None

    def load(self, contact_id: str | None) -> None:
        self.contact_id = contact_id
        self._tags = {}
        if contact_id is None or not policy.allowed(self.session.user.role, Action.EVIDENCE_READ):
            return
        for tag in self.review.list_tags(self.session, contact_id=contact_id):
            if tag.message_id is not None:
                self._tags.setdefault(tag.message_id, []).append(tag)

    def tags_for(self, rowid: int) -> list[str]:
        return [t.tag for t in self._tags.get(rowid, [])]

    def build_menu(self, menu: QMenu, message: MessageRow) -> None:
        denied = why_not(self.session.user.role, Action.REVIEW_TAG)
        tag_menu = menu.addMenu(QCoreApplication.translate("Review", "Tag as"))
        tag_menu.setObjectName("tagMenu")
        for tag, name in tag_names().items():
            if tag not in self.review.TAGS or tag == "note":
                continue
            action = tag_menu.addAction(name)
            action.setObjectName(f"tag_{tag}")
            action.triggered.connect(lambda _c=False, t=tag: self.tag(message.rowid, t))
        note = menu.addAction(QCoreApplication.translate("Review", "Add a note…"))
        note.setObjectName("tag_note")
        note.triggered.connect(lambda: self.ask_note(message.rowid))
        for tag in self._tags.get(message.rowid, []):
            remove = menu.addAction(
                QCoreApplication.translate("Review", "Remove tag: %1").replace(
                    "%1", tag_names().get(tag.tag, tag.tag)
                )
            )
            remove.setObjectName(f"untag_{tag.tag}")
            remove.triggered.connect(
                lambda _c=False, tid=tag.id, r=message.rowid: self.untag(tid, r)
            )
        if denied:
            tag_menu.setEnabled(False)
            tag_menu.setToolTip(denied)
            note.setEnabled(False)

    def tag(self, rowid: int, tag: str, note: str = "") -> bool:
        try:
            self.review.tag_message(self.session, rowid, tag, note)
        except Exception as error:
            self.last_error = error
            errors.show(self.parent_widget, error)
            return False
        self.load(self.contact_id)
        self.changed.emit(rowid)
        return True

    def untag(self, tag_id: str, rowid: int) -> bool:
        try:
            self.review.untag(self.session, tag_id)
        except Exception as error:
            self.last_error = error
            errors.show(self.parent_widget, error)
            return False
        self.load(self.contact_id)
        self.changed.emit(rowid)
        return True

    def ask_note(self, rowid: int) -> QInputDialog:
        dialog = QInputDialog(self.parent_widget)
        dialog.setObjectName("noteDialog")
        dialog.setWindowTitle(QCoreApplication.translate("Review", "Note on this message"))
        dialog.setLabelText(QCoreApplication.translate("Review", "Note (recorded in the ledger):"))
        dialog.textValueSelected.connect(lambda text: self.tag(rowid, "note", text))
        dialog.open()
        return dialog
