"""The middle of the main window: a case summary, or a contact with its conversation and items."""

from __future__ import annotations

import contextlib
import html

from PySide6.QtCore import QPoint, QSize, Qt, Signal
from PySide6.QtGui import QIcon, QImage, QPixmap
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from evidence_desk.domain import policy
from evidence_desk.domain.errors import RuleViolation
from evidence_desk.domain.policy import Action
from evidence_desk.services import (
    cases,
    contacts,
    live,
    ocr,
    reading,
    retention,
    review,
    shredding,
)
from evidence_desk.services.contacts import Contact, Item
from evidence_desk.services.session import Session
from evidence_desk.ui import decided_text, errors
from evidence_desk.ui.conversation import ConversationView
from evidence_desk.ui.formatting import local_time
from evidence_desk.ui.labels import (
    case_status_label,
    channel_label,
    flag_label,
    item_role_label,
    product_label,
    status_label,
    tag_label,
    tag_names,
)
from evidence_desk.ui.retention_dialog import retention_html
from evidence_desk.ui.review_ui import TagController
from evidence_desk.ui.roles import why_not
from evidence_desk.ui.screenshot_findings import ScreenshotFindings
from evidence_desk.ui.screenshot_reading import ScreenshotReader

ItemRole = Qt.ItemDataRole.UserRole + 20
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".bmp", ".webp")


def document_icon(size: int = 96) -> QPixmap:
    """A plain page with a folded corner, for items that have no picture of their own."""
    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QColor, QPainter, QPolygon

    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    left, top, width, height, fold = size // 5, size // 10, size * 3 // 5, size * 4 // 5, size // 6
    page = QPolygon(
        [
            QPoint(left, top),
            QPoint(left + width - fold, top),
            QPoint(left + width, top + fold),
            QPoint(left + width, top + height),
            QPoint(left, top + height),
        ]
    )
    painter.setPen(QColor("#7a8797"))
    painter.setBrush(QColor("#f4f6f9"))
    painter.drawPolygon(page)
    for line in range(4):
        y = top + fold + 10 + line * (height - fold - 20) // 4
        painter.drawLine(left + 8, y, left + width - 8, y)
    painter.end()
    return pixmap


def thumbnail(data: bytes, size: int = 96) -> QPixmap | None:
    image = QImage.fromData(data)
    if image.isNull():
        return None
    return QPixmap.fromImage(
        image.scaled(
            size,
            size,
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
    )


class ContactPage(QWidget):
    message_selected = Signal(object)
    item_selected = Signal(object)
    changed = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("contactPage")
        self.session = session
        self.contact: Contact | None = None
        self.zone = "Asia/Shanghai"
        self.header = QLabel()
        self.header.setObjectName("contactHeader")
        self.header.setWordWrap(True)
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.header.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.conversation = ConversationView(session, self)
        self.conversation.message_selected.connect(self.message_selected.emit)
        self.conversation.screenshot_chosen.connect(self.show_screenshot)
        self.conversation.set_tags(TagController(session, review, self))
        self.items = QListWidget()
        self.items.setObjectName("itemList")
        self.items.setIconSize(QSize(96, 96))
        self._document_icon = document_icon()
        self.items.setSpacing(4)
        self.items.setWordWrap(True)
        self.items.currentItemChanged.connect(self._item_changed)
        self.items.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.items.customContextMenuRequested.connect(self._item_menu)
        # screenshots (issue 22): read by OCR in the background, shown beside their findings
        self.reader = ScreenshotReader(session, self)
        self.reader.finished.connect(self._screenshots_read)
        self.findings = ScreenshotFindings(session, self)
        self.findings.read_requested.connect(self.read_screenshots)
        self.findings.hide()
        items_split = QSplitter()
        items_split.setObjectName("itemsSplitter")
        items_split.addWidget(self.items)
        items_split.addWidget(self.findings)
        items_split.setStretchFactor(0, 0)
        items_split.setStretchFactor(1, 1)
        items_box = QWidget()
        items_layout = QVBoxLayout(items_box)
        items_layout.setContentsMargins(0, 0, 0, 0)
        items_layout.addWidget(self.reader)
        items_layout.addWidget(items_split, 1)
        self.items_box = items_box
        self.inner = QTabWidget()
        self.inner.setObjectName("contactTabs")
        self.inner.addTab(self.conversation, self.tr("Conversation"))
        self.inner.addTab(items_box, self.tr("Items and documents"))
        self.placeholder = QLabel()
        self.placeholder.setObjectName("pagePlaceholder")
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.placeholder)
        self.stack.addWidget(self.inner)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.header)
        layout.addWidget(self.stack, 1)
        self.display(None, None, "Asia/Shanghai")

    def display(self, case_no: str | None, contact: Contact | None, zone: str) -> None:
        self.contact = contact
        self.zone = zone
        if contact is None:
            self.conversation.show_contact(None)
            self.items.clear()
            self.stack.setCurrentWidget(self.placeholder)
            if case_no is None:
                self.header.setText("<b>" + self.tr("No case selected") + "</b>")
                self.placeholder.setText(
                    self.tr("Choose a case or a contact on the left, or open a new case (Ctrl+N).")
                )
            else:
                self._show_case(case_no)
            return
        self.header.setText(self._contact_html(contact))
        self.stack.setCurrentWidget(self.inner)
        if policy.allowed(self.session.user.role, Action.EVIDENCE_READ):
            self.conversation.show_contact(contact.id, zone)
        self._load_items(contact)

    def _show_case(self, case_no: str) -> None:
        case = cases.get_case(self.session, case_no)
        found = contacts.list_contacts(self.session, case_no=case_no)
        self.header.setText(
            f"<b>{case.case_no}</b> · {case.debtor_name} · {case.masked_id or '—'}<br>"
            + self.tr("Loan %1 · product %2 · overdue %3 since %4 · status %5")
            .replace("%1", case.loan_ref or "—")
            .replace("%2", product_label(case.product))
            .replace("%3", case.amount_overdue)
            .replace("%4", case.overdue_since or "—")
            .replace("%5", case_status_label(case.status))
            + "<br>"
            + retention_html(
                retention.retention_of(self.session, case_no),
                self.zone,
                shredding.tombstone_at(self.session, case_no),
            )
        )
        self.placeholder.setText(
            self.tr(
                "%n contact(s) in this case. Choose one on the left, or request a new contact (Ctrl+R).",  # noqa: E501
                "",
                len(found),
            )
        )

    def _contact_html(self, contact: Contact) -> str:
        lines = [
            f"<b>{contact.display_name}</b> · {channel_label(contact.channel)} · "
            f"{contact.handle} · <i>{status_label(contact.status)}</i>",
            self.tr("Requested by %1 at %2: %3")
            .replace("%1", contact.requested_by)
            .replace("%2", local_time(contact.requested_at, self.zone))
            .replace("%3", contact.reason),
        ]
        if contact.decided_by:
            lines.append(
                self.tr("Decided by %1 at %2: %3")
                .replace("%1", contact.decided_by)
                .replace("%2", local_time(contact.decided_at, self.zone))
                .replace("%3", contact.decision_note or "—")
            )
        for refused in live.refused_decisions(self.session, contact.id):  # lost to another
            lines.append(
                f'<span style="color: {errors.ERROR_COLOUR};">'
                + html.escape(decided_text.lost_decision(refused, self.zone))
                + "</span>"
            )
        if contact.revoked_by:
            lines.append(
                self.tr("Revoked by %1 at %2: %3")
                .replace("%1", contact.revoked_by)
                .replace("%2", local_time(contact.revoked_at, self.zone))
                .replace("%3", contact.revoke_note or "")
            )
        if contact.flag_list:
            lines.append(
                self.tr("Flags: %1").replace(
                    "%1", "; ".join(flag_label(f) for f in contact.flag_list)
                )
            )
        return "<br>".join(lines)

    def _item_tags(self, contact: Contact) -> dict[str, list[str]]:
        if not policy.allowed(self.session.user.role, Action.EVIDENCE_READ):
            return {}
        found: dict[str, list[str]] = {}
        for tag in review.list_tags(self.session, contact_id=contact.id):
            if tag.item_id:
                found.setdefault(tag.item_id, []).append(tag.tag)
        return found

    def _load_items(self, contact: Contact) -> None:
        self.items.clear()
        self.findings.hide()
        can_read = policy.allowed(self.session.user.role, Action.EVIDENCE_READ)
        tags = self._item_tags(contact)
        for item in contacts.contact_items(self.session, contact.id):
            badges = " ".join(f"[{tag_label(t)}]" for t in tags.get(item.id, []))
            entry = QListWidgetItem(
                f"{item.file_name}\n{item_role_label(item.role)} · {item.added_by} · "
                f"{local_time(item.added_at, self.zone)}\n"
                f"SHA-256 {item.sha256[:16]}… {badges}".rstrip()
            )
            entry.setData(ItemRole, item)
            pixmap = None
            if can_read and item.file_name.lower().endswith(IMAGE_SUFFIXES):
                # an original under a case key this user does not hold yet: the plain icon
                with contextlib.suppress(RuleViolation):
                    pixmap = thumbnail(reading.original_bytes(self.session, item.sha256))
            entry.setIcon(QIcon(pixmap or self._document_icon))
            self.items.addItem(entry)

    def _item_menu(self, point: QPoint) -> None:
        entry = self.items.itemAt(point)
        if entry is None:
            return
        menu = self.item_menu(entry.data(ItemRole))
        menu.popup(self.items.viewport().mapToGlobal(point))

    def item_menu(self, item: Item) -> QMenu:
        """'Tag as' for a screenshot or document (review service); 'Read screenshots' for a
        screenshot (OCR of the contact's screenshots not read yet)."""
        menu = QMenu(self)
        menu.setObjectName("itemMenu")
        if item.role == ocr.SCREENSHOT_ROLE:
            read = menu.addAction(self.tr("Read screenshots"))
            read.setObjectName("itemReadScreenshots")
            read.triggered.connect(self.read_screenshots)
            refused = why_not(self.session.user.role, Action.OCR_READ)
            if refused:
                read.setEnabled(False)
                read.setToolTip(refused)
            elif self.reader.busy():
                read.setEnabled(False)
        tag_menu = menu.addMenu(self.tr("Tag as"))
        denied = why_not(self.session.user.role, Action.REVIEW_TAG)
        for tag, name in tag_names().items():
            if tag not in review.TAGS or tag == "note":
                continue
            action = tag_menu.addAction(name)
            action.setObjectName(f"itemtag_{tag}")
            action.triggered.connect(lambda _c=False, t=tag: self.tag_item(item, t))
        if denied:
            tag_menu.setEnabled(False)
            tag_menu.setToolTip(denied)
        return menu

    def tag_item(self, item: Item, tag: str) -> bool:
        if self.contact is None:
            return False
        try:
            review.tag_item(self.session, item.id, tag)
        except Exception as error:
            errors.show(self, error)
            return False
        row = self.items.currentRow()
        self._load_items(self.contact)
        self.items.setCurrentRow(row)
        return True

    def _item_changed(self, current: QListWidgetItem | None, _previous: object) -> None:
        if current is not None:
            item: Item = current.data(ItemRole)
            self._show_findings(item)
            self.item_selected.emit(item)

    def _show_findings(self, item: Item) -> None:
        """A screenshot is shown beside its cross-check; other items hide the panel."""
        readable = policy.allowed(self.session.user.role, Action.EVIDENCE_READ)
        if self.contact is None or item.role != ocr.SCREENSHOT_ROLE or not readable:
            self.findings.hide()
            return
        self.findings.show_item(item, self.contact.id)
        self.findings.show()

    def show_screenshot(self, item_id: str) -> bool:
        """Select the item (a screenshot the search found by its OCR text) in the items tab."""
        for row in range(self.items.count()):
            entry = self.items.item(row)
            if entry is not None and entry.data(ItemRole).id == item_id:
                self.inner.setCurrentWidget(self.items_box)
                self.items.setCurrentRow(row)
                return True
        return False

    def read_screenshots(self) -> bool:
        """Read the contact's screenshots not read yet, in the background; False when there is
        nothing to read (or a reading is running, or the user may not)."""
        if self.contact is None:
            return False
        try:
            return self.reader.start(self.contact.id) is not None
        except Exception as error:
            errors.show(self, error)
            return False

    def _screenshots_read(self, _count: int) -> None:
        """Show the findings of the selected screenshot, now that it may have been read."""
        current = self.items.currentItem()
        if current is not None:
            self._show_findings(current.data(ItemRole))
