"""A list model over a conversation of any length, read page by page from the store.

``rowCount`` is the conversation's size, but only the pages the view asks for are read: a page is
fetched by keyset from a cached neighbour (an index seek) or by offset when the user jumps. A small
LRU of pages bounds memory, so a million-message conversation costs a few hundred rows of RAM.
"""

from __future__ import annotations

from collections import OrderedDict
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from evidence_desk.services import reading
from evidence_desk.services.reading import MessageRow
from evidence_desk.services.session import Session

MessageRole = Qt.ItemDataRole.UserRole + 1
DayChangeRole = Qt.ItemDataRole.UserRole + 2
LocalTimeRole = Qt.ItemDataRole.UserRole + 3
TagsRole = Qt.ItemDataRole.UserRole + 4

PAGE = 200
MAX_PAGES = 64

Index = QModelIndex | QPersistentModelIndex


class ConversationModel(QAbstractListModel):
    def __init__(self, session: Session, contact_id: str, zone: str, parent: Any = None) -> None:
        super().__init__(parent)
        self.session = session
        self.contact_id = contact_id
        self.zone = ZoneInfo(zone)
        self._count = reading.count(session, contact_id)
        self._pages: OrderedDict[int, list[MessageRow]] = OrderedDict()
        self.tags_for: Any = None  # optional callable rowid -> list[str] (review service)
        self.pages_read = 0

    # -- Qt API -------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else self._count

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < self._count:
            return None
        message = self.message(index.row())
        if message is None:
            return None
        if role == MessageRole:
            return message
        if role == Qt.ItemDataRole.DisplayRole:
            return message.text
        if role == LocalTimeRole:
            return self.local_time(message)
        if role == DayChangeRole:
            if index.row() == 0:
                return True
            before = self.message(index.row() - 1)
            return (
                before is None or self.local_time(before).date() != self.local_time(message).date()
            )
        if role == TagsRole:
            return list(self.tags_for(message.rowid)) if self.tags_for else []
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{message.sender}: {message.text}"
        return None

    # -- paging -------------------------------------------------------------------------------
    def local_time(self, message: MessageRow) -> datetime:
        return datetime.fromisoformat(message.sent_at).astimezone(self.zone)

    def message(self, row: int) -> MessageRow | None:
        page_no, offset = divmod(row, PAGE)
        page = self._page(page_no)
        return page[offset] if offset < len(page) else None

    def _page(self, page_no: int) -> list[MessageRow]:
        page = self._pages.get(page_no)
        if page is not None:
            self._pages.move_to_end(page_no)
            return page
        before = self._pages.get(page_no - 1)
        after = self._pages.get(page_no + 1)
        if before and len(before) == PAGE:
            page = reading.page_after(self.session, self.contact_id, before[-1].key, PAGE)
        elif after:
            page = reading.page_before(self.session, self.contact_id, after[0].key, PAGE)
        elif page_no * PAGE > self._count // 2:
            # nearer the end: walk back from the newest message
            end = min(self._count, (page_no + 1) * PAGE)
            page = reading.page_from_end(
                self.session, self.contact_id, self._count - end, end - page_no * PAGE
            )
        else:
            page = reading.page_at(self.session, self.contact_id, page_no * PAGE, PAGE)
        self.pages_read += 1
        self._pages[page_no] = page
        while len(self._pages) > MAX_PAGES:
            self._pages.popitem(last=False)
        return page

    def row_of(self, key: reading.Key) -> int:
        """Row number of a message key (cached pages first, else one indexed count).

        The page holding the row is then read by keyset around ``key``, so jumping deep into
        a long conversation never walks it with an offset.
        """
        for page_no, page in self._pages.items():
            for offset, message in enumerate(page):
                if message.key == key:
                    return page_no * PAGE + offset
        row = reading.position(self.session, self.contact_id, key)
        page_no, offset = divmod(row, PAGE)
        if page_no not in self._pages:
            before = reading.page_before(self.session, self.contact_id, key, offset)
            rest = reading.page_after(
                self.session, self.contact_id, (key[0], key[1] - 1), PAGE - offset
            )
            self.pages_read += 1
            self._pages[page_no] = before + rest
            while len(self._pages) > MAX_PAGES:
                self._pages.popitem(last=False)
        return row

    def refresh_row(self, rowid: int) -> None:
        for page_no, page in self._pages.items():
            for offset, message in enumerate(page):
                if message.rowid == rowid:
                    index = self.index(page_no * PAGE + offset)
                    self.dataChanged.emit(index, index)
                    return
