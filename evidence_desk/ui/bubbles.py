"""Painting a conversation like the chat app: bubbles left and right, day separators, chips.

One delegate paints every row (never a widget per message). Text is laid out with a
QTextDocument so search matches can be highlighted in place; sizes are cached per message,
width and query, because the view asks for them on every scroll.
"""

from __future__ import annotations

import html
import re
from collections import OrderedDict
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QRectF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QImage, QPainter, QPainterPath, QTextDocument
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from evidence_desk.domain import sensitive_numbers
from evidence_desk.services import reading
from evidence_desk.services.reading import MessageRow
from evidence_desk.services.session import Session
from evidence_desk.ui.conversation_model import DayChangeRole, LocalTimeRole, MessageRole, TagsRole
from evidence_desk.ui.labels import kind_label, tag_label
from evidence_desk.ui.workers import Job, alive, start

OUT_COLOUR = QColor("#95ec69")
IN_COLOUR = QColor("#ffffff")
MATCH_COLOUR = "#ffd54f"
SENSITIVE_COLOUR = "#8a4b00"  # a detected bank-card or account number (PI-6)
CURRENT_COLOUR = QColor("#1a73e8")
PAD = 8
MARGIN = 10
DAY_HEIGHT = 30
CHIP_HEIGHT = 22
THUMB = 120
IMAGE_KINDS = ("image", "sticker")

Index = QModelIndex | QPersistentModelIndex


def attachment_state_label(state: str) -> str:
    return {
        "exported": QCoreApplication.translate("Bubbles", "in export"),
        "omitted": QCoreApplication.translate("Bubbles", "not exported"),
        "missing": QCoreApplication.translate("Bubbles", "missing"),
    }.get(state, state)


class ThumbnailCache(QObject):
    """Decodes attachment images in a worker (zips are decrypted there) and keeps a few."""

    loaded = Signal(str)

    def __init__(self, session: Session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._images: OrderedDict[str, QImage | None] = OrderedDict()
        self._pending: set[str] = set()

    @staticmethod
    def key(import_id: str, member: str) -> str:
        return f"{import_id}\x00{member}"

    def get(self, import_id: str, member: str) -> QImage | None:
        key = self.key(import_id, member)
        if key in self._images:
            return self._images[key]
        if key not in self._pending:
            self._pending.add(key)

            def work(session: Session, _job: Job[QImage | None]) -> QImage | None:
                data = reading.attachment_bytes(session, import_id, member)
                if not data:
                    return None
                image = QImage.fromData(data)
                if image.isNull():
                    return None
                if image.width() <= THUMB and image.height() <= THUMB:
                    return image  # never blow a small picture up
                return image.scaled(
                    THUMB,
                    THUMB,
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )

            job = Job(work, self.session)
            job.on_finished(lambda image: self._store(key, image))
            job.on_failed(lambda _e: self._store(key, None))
            start(job)
        return None

    def _store(self, key: str, image: QImage | None) -> None:
        if not alive(self):
            return  # the view closed while the image was decoded
        self._pending.discard(key)
        self._images[key] = image
        while len(self._images) > 200:
            self._images.popitem(last=False)
        self.loaded.emit(key)


class BubbleDelegate(QStyledItemDelegate):
    def __init__(self, thumbnails: ThumbnailCache | None = None, parent: Any = None) -> None:
        super().__init__(parent)
        self.query = ""
        self.current_rowid: int | None = None
        self.thumbnails = thumbnails
        self._sizes: OrderedDict[tuple[int, int, str, bool], QSize] = OrderedDict()

    def set_query(self, query: str) -> None:
        self.query = query
        self._sizes.clear()

    def invalidate(self) -> None:
        self._sizes.clear()

    # -- layout -------------------------------------------------------------------------------
    def _document(self, message: MessageRow, width: float, font: QFont) -> QTextDocument:
        doc = QTextDocument()
        doc.setDefaultFont(font)
        doc.setDocumentMargin(0)
        text = message.text or ""
        if self.query:
            parts = re.split(f"({re.escape(self.query)})", text, flags=re.IGNORECASE)
            body = "".join(
                f'<span style="background-color:{MATCH_COLOUR}">{html.escape(p)}</span>'
                if i % 2
                else html.escape(p)
                for i, p in enumerate(parts)
            )
        else:
            # PI-6: bank-card and account numbers are marked as sensitive (bundles mask them)
            body = "".join(
                f'<span style="color:{SENSITIVE_COLOUR}; text-decoration: underline">'
                f"{html.escape(piece)}</span>"
                if sensitive
                else html.escape(piece)
                for piece, sensitive in sensitive_numbers.pieces(text)
            )
        doc.setHtml(f'<div style="white-space: pre-wrap">{body}</div>')
        doc.setTextWidth(width)
        ideal = min(width, doc.idealWidth() + 1)
        doc.setTextWidth(ideal)
        return doc

    def _width(self, option: QStyleOptionViewItem) -> int:
        # sizeHint gets no usable rect; the view's viewport is the width rows are laid out in
        view = self.parent()
        if view is not None and hasattr(view, "viewport"):
            return int(view.viewport().width())
        return int(option.rect.width())

    def _max_bubble(self, option: QStyleOptionViewItem) -> int:
        return max(160, min(560, int(self._width(option) * 0.68)))

    def _attachments(self, message: MessageRow) -> list[dict[str, Any]]:
        return list(message.attachments)

    def _thumb(self, message: MessageRow, attachment: dict[str, Any]) -> QImage | None:
        if (
            self.thumbnails is None
            or attachment.get("kind") not in IMAGE_KINDS
            or attachment.get("state") != "exported"
            or not attachment.get("member")
        ):
            return None
        return self.thumbnails.get(message.first_import, str(attachment["member"]))

    def _content_size(
        self, message: MessageRow, option: QStyleOptionViewItem, index: Index, tags: list[str]
    ) -> tuple[QTextDocument | None, int, int]:
        """(document, bubble width, bubble height) for a message."""
        small = QFontMetrics(self._small(option.font))
        max_w = self._max_bubble(option)
        doc = self._document(message, max_w - 2 * PAD, option.font) if message.text else None
        width = int(doc.idealWidth()) + 2 * PAD if doc else 2 * PAD
        height = PAD + (int(doc.size().height()) if doc else 0)
        for attachment in self._attachments(message):
            image = self._thumb(message, attachment)
            chip = self._chip_text(attachment)
            width = max(width, min(max_w, small.horizontalAdvance(chip) + 2 * PAD + 16))
            height += 4 + CHIP_HEIGHT
            if image is not None:
                height += image.height() + 4
                width = max(width, image.width() + 2 * PAD)
        badges = [*tags, *message.flags]
        if badges:
            height += 4 + CHIP_HEIGHT
            width = max(width, min(max_w, self._badges_width(badges, small) + 2 * PAD))
        time_text = self._time_text(index)
        width = max(width, small.horizontalAdvance(time_text) + 2 * PAD)
        width = max(width, small.horizontalAdvance(message.sender) + 4)  # the name above
        height += 2 + small.height() + PAD
        return doc, min(width, max_w), height

    @staticmethod
    def _small(font: QFont) -> QFont:
        small = QFont(font)
        small.setPointSizeF(max(7.0, font.pointSizeF() - 1.5))
        return small

    @staticmethod
    def _chip_text(attachment: dict[str, Any]) -> str:
        """Kind, name and state. An export that names no file gets the kind's code as its name
        from the importer (``voice``): that says nothing the kind does not, and in English."""
        code = str(attachment.get("kind") or "")
        kind = kind_label(code)
        name = str(attachment.get("name") or "")
        if name == code:
            name = ""
        state = attachment_state_label(str(attachment.get("state", "")))
        return " · ".join(part for part in (kind, name, state) if part)

    def _badges_width(self, badges: list[str], metrics: QFontMetrics) -> int:
        return sum(metrics.horizontalAdvance(tag_label(b)) + 16 + 4 for b in badges)

    @staticmethod
    def _time_text(index: Index) -> str:
        local = index.data(LocalTimeRole)
        return local.strftime("%H:%M") if local else ""

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        message: MessageRow | None = index.data(MessageRole)
        if message is None:
            return QSize(option.rect.width(), 40)
        day = bool(index.data(DayChangeRole))
        cache_key = (message.rowid, self._width(option), self.query, day)
        cached = self._sizes.get(cache_key)
        if cached is not None:
            return cached
        metrics = QFontMetrics(option.font)
        tags = index.data(TagsRole) or []
        if message.direction == "system":
            doc = self._document(message, self._max_bubble(option), self._small(option.font))
            height = int(doc.size().height()) + 2 * 6
        else:
            _doc, _w, bubble_h = self._content_size(message, option, index, tags)
            height = metrics.height() + 2 + bubble_h + 2 * 4
        if day:
            height += DAY_HEIGHT
        size = QSize(self._width(option), height)
        self._sizes[cache_key] = size
        while len(self._sizes) > 5000:
            self._sizes.popitem(last=False)
        return size

    # -- painting -----------------------------------------------------------------------------
    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        message: MessageRow | None = index.data(MessageRole)
        if message is None:
            return
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRect(option.rect)
        small_font = self._small(option.font)
        small = QFontMetrics(small_font)
        if index.data(DayChangeRole):
            local = index.data(LocalTimeRole)
            label = local.strftime("%Y-%m-%d") if local else ""
            painter.setFont(small_font)
            w = small.horizontalAdvance(label) + 20
            pill = QRectF(rect.center().x() - w / 2, rect.top() + 6, w, DAY_HEIGHT - 12)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor("#dadada"))
            painter.drawRoundedRect(pill, 8, 8)
            painter.setPen(QColor("#333333"))
            painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, label)
            rect.setTop(rect.top() + DAY_HEIGHT)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        if message.direction == "system":
            notice = self._document(message, self._max_bubble(option), small_font)
            x = rect.center().x() - notice.idealWidth() / 2
            painter.translate(x, rect.top() + 6)
            notice.drawContents(painter)
            painter.restore()
            return
        metrics = QFontMetrics(option.font)
        tags = index.data(TagsRole) or []
        doc, width, height = self._content_size(message, option, index, tags)
        outgoing = message.direction == "out"
        left = rect.right() - MARGIN - width if outgoing else rect.left() + MARGIN
        top = rect.top() + 4
        painter.setFont(small_font)
        painter.setPen(QColor("#666666"))
        name_rect = QRect(left, top, width, metrics.height())
        align = Qt.AlignmentFlag.AlignRight if outgoing else Qt.AlignmentFlag.AlignLeft
        sender = small.elidedText(message.sender, Qt.TextElideMode.ElideRight, width)
        painter.drawText(name_rect, align | Qt.AlignmentFlag.AlignVCenter, sender)
        top += metrics.height() + 2
        bubble = QRectF(left, top, width, height)
        path = QPainterPath()
        path.addRoundedRect(bubble, 8, 8)
        painter.setPen(
            CURRENT_COLOUR if message.rowid == self.current_rowid or selected else QColor("#d0d0d0")
        )
        painter.setBrush(OUT_COLOUR if outgoing else IN_COLOUR)
        painter.drawPath(path)
        y = top + PAD
        if doc is not None:
            painter.save()
            painter.translate(left + PAD, y)
            doc.drawContents(painter)
            painter.restore()
            y += int(doc.size().height())
        painter.setFont(small_font)
        for attachment in self._attachments(message):
            y += 4
            chip = QRectF(left + PAD, y, width - 2 * PAD, CHIP_HEIGHT)
            painter.setPen(QColor("#9e9e9e"))
            painter.setBrush(QColor(255, 255, 255, 160))
            painter.drawRoundedRect(chip, 6, 6)
            painter.setPen(QColor("#333333"))
            painter.drawText(
                chip.adjusted(6, 0, -6, 0),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                small.elidedText(
                    self._chip_text(attachment),
                    Qt.TextElideMode.ElideMiddle,
                    int(chip.width()) - 12,
                ),
            )
            y += CHIP_HEIGHT
            image = self._thumb(message, attachment)
            if image is not None:
                y += 4
                painter.drawImage(int(left + PAD), int(y), image)
                y += image.height()
        badges = [*tags, *message.flags]
        if badges:
            y += 4
            x = left + PAD
            for badge in badges:
                label = tag_label(badge)
                w = small.horizontalAdvance(label) + 16
                colour = QColor("#c62828") if badge.startswith("after_") else QColor("#5c6bc0")
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(colour)
                painter.drawRoundedRect(QRectF(x, y, w, CHIP_HEIGHT), 10, 10)
                painter.setPen(QColor("#ffffff"))
                painter.drawText(QRectF(x, y, w, CHIP_HEIGHT), Qt.AlignmentFlag.AlignCenter, label)
                x += w + 4
            y += CHIP_HEIGHT
        painter.setPen(QColor("#777777"))
        painter.drawText(
            QRectF(left + PAD, y + 2, width - 2 * PAD, small.height()),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            self._time_text(index),
        )
        painter.restore()
