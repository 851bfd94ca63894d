"""A screenshot beside its cross-check against the export (issue 22).

The image is drawn with each bubble's region outlined in its verdict's colour and numbered; the
list beside it says, per number, whether the bubble matched the export, differs from the
closest export message (both texts, the differing stretches marked) or is not in the export,
and lists the export messages the screenshot skips. The verdicts are services/screenshot_check's
(the same the ``crosscheck`` command prints): this module only draws them.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QPoint, QRect, Qt, Signal
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPen, QPixmap
from PySide6.QtWidgets import (
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from evidence_desk.ocr.crosscheck import BubbleCheck, ScreenshotCheck, marked
from evidence_desk.services import reading, screenshot_check
from evidence_desk.services.contacts import Item
from evidence_desk.services.screenshot_check import ScreenshotReport
from evidence_desk.services.session import Session
from evidence_desk.ui import errors

#: outline colours of the verdicts
COLOURS = {"matched": "#2e7d32", "differs": "#ef6c00", "not_in_export": "#c62828"}
#: the image is shown at most this wide (pixels)
IMAGE_WIDTH = 360


def _e(value: object) -> str:
    return html.escape(str(value))


def _mark(text: str) -> str:
    """``marked``'s brackets as highlighted spans (the brackets stay: a copy keeps them)."""
    out = _e(text)
    return out.replace("[", "<span style='background:#ffe0b2;font-weight:bold'>[").replace(
        "]", "]</span>"
    )


def highlighted(data: bytes, check: ScreenshotCheck | None, width: int = IMAGE_WIDTH) -> QPixmap:
    """The screenshot with every bubble's region outlined in its verdict's colour and numbered
    (1, 2, … in the order of the findings list); scaled to ``width`` at most."""
    image = QImage.fromData(data)
    if image.isNull():
        return QPixmap()
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    if check is not None:
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        scale = max(1.0, image.width() / width)
        font = QFont()
        font.setBold(True)
        font.setPixelSize(int(16 * scale))
        painter.setFont(font)
        for number, verdict in enumerate(check.bubbles, 1):
            left, top, right, bottom = verdict.bubble.box
            pad = int(6 * scale)
            rect = QRect(left - pad, top - pad, right - left + 2 * pad, bottom - top + 2 * pad)
            colour = QColor(COLOURS[verdict.status])
            painter.setPen(QPen(colour, max(2, int(3 * scale))))
            fill = QColor(colour)
            fill.setAlpha(40 if verdict.status == "matched" else 70)
            painter.setBrush(fill)
            painter.drawRoundedRect(rect, 6 * scale, 6 * scale)
            tag = QRect(0, 0, int(22 * scale), int(22 * scale))
            gap = int(4 * scale)
            if verdict.bubble.side == "us":
                tag.moveTopRight(QPoint(rect.left() - gap, rect.top()))
            else:
                tag.moveTopLeft(QPoint(rect.right() + gap, rect.top()))
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colour)
            painter.drawEllipse(tag)
            painter.setPen(QColor("white"))
            painter.drawText(tag, Qt.AlignmentFlag.AlignCenter, str(number))
        painter.end()
    if image.width() > width:
        image = image.scaledToWidth(width, Qt.TransformationMode.SmoothTransformation)
    return QPixmap.fromImage(image)


class ScreenshotFindings(QWidget):
    """The selected screenshot and its findings; ``read_requested`` asks the page to read the
    contact's screenshots (shown when this one has not been read yet)."""

    read_requested = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("screenshotFindings")
        self.session = session
        self.report: ScreenshotReport | None = None
        self.image = QLabel()
        self.image.setObjectName("screenshotImage")
        self.image.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.image)
        scroll.setMinimumWidth(IMAGE_WIDTH + 24)
        self.browser = QTextBrowser()
        self.browser.setObjectName("screenshotFindingsText")
        self.browser.setOpenLinks(False)
        self.read_button = QPushButton(self.tr("Read screenshots"))
        self.read_button.setObjectName("findingsReadButton")
        self.read_button.clicked.connect(self.read_requested.emit)
        self.read_button.hide()
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.browser, 1)
        side_layout.addWidget(self.read_button)
        splitter = QSplitter()
        splitter.addWidget(scroll)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

    def show_item(self, item: Item, contact_id: str) -> None:
        """Load the item's original and the contact's cross-check, and show this item's."""
        try:
            data = reading.original_bytes(self.session, item.sha256)
            reports = screenshot_check.check_contact(self.session, contact_id)
        except Exception as error:  # shown in place; the page never breaks
            self.report = None
            self.image.clear()
            self.browser.setPlainText(errors.describe(error))
            return
        self.report = next((r for r in reports if r.item_id == item.id), None)
        check = self.report.check if self.report is not None else None
        self.image.setPixmap(highlighted(data, check))
        self.read_button.setVisible(check is None)
        self.browser.setHtml(self.findings_html(item, check))

    def findings_html(self, item: Item, check: ScreenshotCheck | None) -> str:
        parts = [f"<h3>{_e(item.file_name)}</h3>"]
        if check is None:
            parts.append(
                "<p>"
                + _e(
                    self.tr(
                        "Not read yet: read the screenshots to check this one against the export."
                    )
                )
                + "</p>"
            )
            return "".join(parts)
        counts = {s: sum(1 for b in check.bubbles if b.status == s) for s in COLOURS}
        summary = (
            self.tr("%n bubble(s): %1 matched, %2, %3 not in the export", "", len(check.bubbles))
            .replace("%1", str(counts["matched"]))
            # English: "1 differs", "2 differ"
            .replace("%2", self.tr("%n differ(s)", "bubbles", counts["differs"]))
            .replace("%3", str(counts["not_in_export"]))
        )
        colour = "#2e7d32" if check.clean else "#b3261e"
        parts.append(f"<p style='color:{colour};font-weight:bold'>{_e(summary)}</p><ol>")
        parts += [self._bubble_html(verdict) for verdict in check.bubbles]
        parts.append("</ol>")
        if check.skipped:
            parts.append(
                "<h4 style='color:#b3261e'>"
                + _e(self.tr("Export messages the screenshot skips"))
                + "</h4><ul>"
            )
            for message in check.skipped:
                parts.append(
                    f"<li>{_e(message.local.strftime('%Y-%m-%d %H:%M'))} · "
                    f"{_e(self._side(message.side))}: {_e(message.text)}</li>"
                )
            parts.append("</ul>")
        return "".join(parts)

    def _side(self, side: str) -> str:
        return {"them": self.tr("them"), "us": self.tr("us")}.get(side, self.tr("system"))

    def _status(self, status: str) -> str:
        return {
            "matched": self.tr("Matched"),
            "differs": self.tr("Differs from the export"),
            "not_in_export": self.tr("Not in the export"),
        }[status]

    def _reason(self, reason: str) -> str:
        return {"text": self.tr("text"), "side": self.tr("side"), "time": self.tr("time")}.get(
            reason, reason
        )

    def _bubble_html(self, verdict: BubbleCheck) -> str:
        colour = COLOURS[verdict.status]
        head = (
            f"<li><span style='color:{colour};font-weight:bold'>"
            f"{_e(self._status(verdict.status))}</span> · {_e(self._side(verdict.bubble.side))}"
        )
        body = f"<br>{_e(verdict.bubble.text)}"
        if verdict.status == "differs" and verdict.message is not None:
            in_shot, in_export = _e(self.tr("Screenshot:")), _e(self.tr("Export:"))
            if verdict.differences:
                shown = marked(verdict.bubble.text, verdict.message)
                body = (
                    f"<br>{in_shot} {_mark(shown['screenshot'])}"
                    f"<br>{in_export} {_mark(shown['export'])}"
                )
            else:
                body += f"<br>{in_export} {_e(verdict.message.text)}"
            body += "<br>" + _e(
                self.tr("Differs in: %1").replace(
                    "%1", ", ".join(self._reason(r) for r in verdict.reasons)
                )
            )
        if verdict.message is not None:
            body += (
                "<br><span style='color:#666'>"
                + _e(
                    self.tr("Export message %1, %2")
                    .replace("%1", str(verdict.message.id))
                    .replace("%2", verdict.message.local.strftime("%Y-%m-%d %H:%M"))
                )
                + "</span>"
            )
        return head + body + "</li>"
