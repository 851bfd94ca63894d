"""The conversation view: bubbles on a lazily paged model, search with next / previous.

A QTableView with one column, because its rows are sections of a header: a million rows cost
one ``rowCount`` call and a compact size table, and only the rows on screen are measured (their
sizes are fitted as they scroll into view). A QTreeView asks the model for every row's index
when it lays out (a million Python calls), and a QListView measures every row. Search runs in a
worker (short Chinese words scan the conversation) and returns message keys; moving to a match
asks the store for its row number, so nothing but the visible pages is ever read.
"""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import QModelIndex, QPoint, QRect, Qt, Signal
from PySide6.QtGui import QAction, QColor, QKeySequence, QPalette, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QStyleOptionViewItem,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from evidence_desk.services import ocr_search, reading
from evidence_desk.services.reading import MessageRow
from evidence_desk.services.session import Session
from evidence_desk.ui import errors
from evidence_desk.ui.bubbles import BubbleDelegate, ThumbnailCache
from evidence_desk.ui.conversation_model import ConversationModel, MessageRole
from evidence_desk.ui.workers import Job, alive, start


class ConversationView(QWidget):
    """Shows one contact's messages; emits ``message_selected(MessageRow)``."""

    message_selected = Signal(object)
    search_done = Signal(int)
    #: an item id: a screenshot the search found by its OCR text was chosen (issue 22)
    screenshot_chosen = Signal(str)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conversationView")
        self.session = session
        self.model: ConversationModel | None = None
        self.matches: list[reading.Key] = []
        self.current_match = -1
        self.tag_menu_builder: Any = None  # set by the main window when review exists

        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("searchEdit")
        self.search_edit.setPlaceholderText(self.tr("Search this conversation (Ctrl+F)"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.returnPressed.connect(self._search_or_next)
        self.prev_button = QToolButton()
        self.prev_button.setObjectName("searchPrev")
        self.prev_button.setText("▲")
        self.prev_button.setToolTip(self.tr("Previous match (Shift+F3)"))
        self.prev_button.clicked.connect(self.previous_match)
        self.next_button = QToolButton()
        self.next_button.setObjectName("searchNext")
        self.next_button.setText("▼")
        self.next_button.setToolTip(self.tr("Next match (F3)"))
        self.next_button.clicked.connect(self.next_match)
        self.match_label = QLabel()
        self.match_label.setObjectName("matchLabel")
        # screenshots the search found by the words OCR read in them: links, apart from the
        # message matches (their text is not a message)
        self.ocr_label = QLabel()
        self.ocr_label.setObjectName("ocrMatches")
        self.ocr_label.setTextFormat(Qt.TextFormat.RichText)
        self.ocr_label.linkActivated.connect(self.screenshot_chosen.emit)
        self.screenshot_matches: list[ocr_search.ScreenshotHit] = []
        self.count_label = QLabel()
        self.count_label.setObjectName("messageCount")
        bar = QHBoxLayout()
        bar.addWidget(self.search_edit, 1)
        bar.addWidget(self.prev_button)
        bar.addWidget(self.next_button)
        bar.addWidget(self.match_label)
        bar.addWidget(self.ocr_label)
        bar.addStretch(0)
        bar.addWidget(self.count_label)

        self.view = QTableView()
        self.view.setObjectName("messageList")
        self.view.horizontalHeader().hide()
        self.view.horizontalHeader().setStretchLastSection(True)
        rows = self.view.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setMinimumSectionSize(12)
        rows.setDefaultSectionSize(64)
        self.view.setShowGrid(False)
        self.view.setCornerButtonEnabled(False)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # A palette, not a style sheet: a style-sheet background asks the view for its offset.
        palette = self.view.palette()
        palette.setColor(QPalette.ColorRole.Base, QColor("#ededed"))
        palette.setColor(QPalette.ColorRole.Highlight, QColor("#d6e2f0"))  # a light band
        self.view.setPalette(palette)
        self.view.setFrameShape(QFrame.Shape.NoFrame)
        self.view.verticalScrollBar().valueChanged.connect(self.fit_visible_rows)
        self._fitting = False
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)
        self.thumbnails = ThumbnailCache(session, self)
        self.delegate = BubbleDelegate(self.thumbnails, self.view)
        self.view.setItemDelegate(self.delegate)
        self.thumbnails.loaded.connect(self._thumbnail_loaded)
        self.empty_label = QLabel(self.tr("Choose a contact on the left to read its conversation."))
        self.empty_label.setObjectName("conversationEmpty")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.empty_label, 1)
        self.view.hide()

        find = QAction(self)
        find.setShortcut(QKeySequence.StandardKey.Find)
        find.triggered.connect(lambda: self.search_edit.setFocus())
        self.addAction(find)
        for sequence, slot in (
            (QKeySequence.StandardKey.FindNext, self.next_match),
            (QKeySequence.StandardKey.FindPrevious, self.previous_match),
        ):
            action = QAction(self)
            action.setShortcut(sequence)
            action.triggered.connect(slot)
            self.addAction(action)

    # -- content ----------------------------------------------------------------------------
    def show_contact(self, contact_id: str | None, zone: str = "Asia/Shanghai") -> None:
        self.clear_search()
        if contact_id is None:
            self.model = None
            self.view.setModel(None)
            self.view.hide()
            self.empty_label.show()
            self.count_label.clear()
            return
        self.model = ConversationModel(self.session, contact_id, zone, self.view)
        if self.tags is not None:
            self.tags.load(contact_id)
            self.model.tags_for = self.tags.tags_for
        self.delegate.invalidate()
        self.view.setModel(self.model)
        self.view.selectionModel().currentChanged.connect(self._current_changed)
        total = self.model.rowCount()
        self.count_label.setText(self.tr("%n message(s)", "", total))
        self.view.setVisible(total > 0)
        self.view.scrollToTop()
        self.fit_visible_rows()
        self.empty_label.setVisible(total == 0)
        if total == 0:
            self.empty_label.setText(
                self.tr("No messages yet. Import a chat export for this contact (Ctrl+I).")
            )

    tags: Any = None  # a review_ui.TagController when the review service exists

    def set_tags(self, controller: Any) -> None:
        self.tags = controller
        self.tag_menu_builder = controller.build_menu
        controller.changed.connect(self._tags_changed)

    def _tags_changed(self, rowid: int) -> None:
        if self.model is not None:
            self.delegate.invalidate()
            self.model.refresh_row(rowid)
            self.fit_visible_rows()
            current = self.view.currentIndex()
            if current.isValid():
                self.message_selected.emit(current.data(MessageRole))

    def reload(self) -> None:
        if self.model is not None:
            self.show_contact(self.model.contact_id, str(self.model.zone))

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        message = current.data(MessageRole) if current.isValid() else None
        if message is not None:
            self.message_selected.emit(message)

    def _thumbnail_loaded(self, _key: str) -> None:
        self.delegate.invalidate()
        self.fit_visible_rows()
        self.view.viewport().update()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.delegate.invalidate()
        self.fit_visible_rows()

    def fit_visible_rows(self, *_args: object) -> None:
        """Give the rows on screen their measured heights (the others keep an estimate)."""
        if self.model is None or self._fitting or not self.model.rowCount():
            return
        self._fitting = True
        try:
            header = self.view.verticalHeader()
            option = QStyleOptionViewItem()
            option.font = self.view.font()
            option.rect = QRect(0, 0, self.view.viewport().width(), 0)
            height = self.view.viewport().height()
            for _attempt in range(4):  # resizing moves rows in or out of view; settle
                top = max(0, self.view.rowAt(0))
                bottom = self.view.rowAt(height - 1)
                if bottom < 0:
                    bottom = min(self.model.rowCount() - 1, top + 40)
                changed = False
                for row in range(top, bottom + 1):
                    wanted = self.delegate.sizeHint(option, self.model.index(row)).height()
                    if header.sectionSize(row) != wanted:
                        header.resizeSection(row, wanted)
                        changed = True
                if not changed:
                    break
        finally:
            self._fitting = False

    def selected_message(self) -> MessageRow | None:
        index = self.view.currentIndex()
        return index.data(MessageRole) if index.isValid() else None

    def _context_menu(self, point: QPoint) -> None:
        index = self.view.indexAt(point)
        if not index.isValid() or self.tag_menu_builder is None:
            return
        self.view.setCurrentIndex(index)
        menu = QMenu(self)
        menu.setObjectName("messageMenu")
        self.tag_menu_builder(menu, index.data(MessageRole))
        if not menu.isEmpty():
            menu.popup(self.view.viewport().mapToGlobal(point))

    # -- search -----------------------------------------------------------------------------
    def go_to(self, key: reading.Key) -> None:
        """Select and centre the message with ``key`` (sent_at, rowid), reading only its page."""
        if self.model is None:
            return
        row = self.model.row_of(key)
        index = self.model.index(row)
        self.delegate.current_rowid = key[1]
        self.view.setCurrentIndex(index)
        self.view.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
        self.fit_visible_rows()  # the rows around it get their real heights...
        self.view.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)  # ...re-centre
        self.view.viewport().update()

    def clear_search(self) -> None:
        self.matches = []
        self.current_match = -1
        self.delegate.set_query("")
        self.delegate.current_rowid = None
        self.match_label.clear()
        self.screenshot_matches = []
        self.ocr_label.clear()

    def _search_or_next(self) -> None:
        query = self.search_edit.text().strip()
        if query and query == self.delegate.query and self.matches:
            self.next_match()
        else:
            self.search(query)

    def search(self, query: str) -> None:
        if self.model is None:
            return
        self.clear_search()
        if not query:
            self.view.viewport().update()
            return
        contact_id = self.model.contact_id
        self.match_label.setText(self.tr("Searching…"))

        def work(
            session: Session, _job: Job[tuple[list[reading.Key], list[ocr_search.ScreenshotHit]]]
        ) -> tuple[list[reading.Key], list[ocr_search.ScreenshotHit]]:
            keys = reading.search(session, contact_id, query)
            return keys, ocr_search.search(session, query, contact_id=contact_id)

        job = Job(work, self.session)

        def found(result: tuple[list[reading.Key], list[ocr_search.ScreenshotHit]]) -> None:
            if alive(self):
                self._show_screenshot_matches(result[1])
                self._found(query, result[0])

        def failed(error: BaseException) -> None:
            if alive(self):
                self.match_label.setText(errors.describe(error))

        job.on_finished(found)
        job.on_failed(failed)
        start(job)

    def _found(self, query: str, keys: list[reading.Key]) -> None:
        self.matches = keys
        self.delegate.set_query(query)
        self.fit_visible_rows()
        if keys:
            self.current_match = -1
            self.next_match()
        else:
            self.match_label.setText(self.tr("No match"))
            self.view.viewport().update()
        self.search_done.emit(len(keys))

    def _show_screenshot_matches(self, hits: list[ocr_search.ScreenshotHit]) -> None:
        self.screenshot_matches = hits
        if not hits:
            self.ocr_label.clear()
            return
        links = ", ".join(
            f"<a href='{html.escape(h.item_id)}'>{html.escape(h.file_name)}</a>" for h in hits
        )
        self.ocr_label.setText(
            html.escape(self.tr("In screenshots (OCR text): %1")).replace("%1", links)
        )
        self.ocr_label.setToolTip("\n".join(f"{h.file_name}: {' / '.join(h.lines)}" for h in hits))

    def next_match(self) -> None:
        if self.matches:
            self._go((self.current_match + 1) % len(self.matches))

    def previous_match(self) -> None:
        if self.matches:
            self._go((self.current_match - 1) % len(self.matches))

    def _go(self, number: int) -> None:
        assert self.model is not None
        self.current_match = number
        self.go_to(self.matches[number])
        self.match_label.setText(
            self.tr("%1 of %2").replace("%1", str(number + 1)).replace("%2", str(len(self.matches)))
        )
        self.view.viewport().update()
