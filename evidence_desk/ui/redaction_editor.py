"""Legal's redaction editor for a court bundle (issue 21 item 5, PI-2, PI-6).

It shows the messages a bundle of the chosen scope would print (time, sender, text as stored)
with the default detectors' proposals, and lets legal redact a selected stretch of a message's
text, withhold a whole message, remove a proposal (the plan the dialog returns is exactly what
the export applies: a removed default is not added back), and draw a rectangle on a screenshot
or document image. Every redaction carries a reason code and an optional note. The plan can be
saved as a file and loaded again (``bundle --redact FILE`` reads the same file).

A redaction never touches the stored evidence: the editor only builds a
:class:`~evidence_desk.domain.redaction.RedactionPlan`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QPoint, QRect, Qt, Signal
from PySide6.QtGui import QColor, QImage, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from evidence_desk.domain.redaction import (
    ImageRegion,
    Origin,
    Reason,
    RedactionError,
    RedactionPlan,
    TextSpan,
    WholeMessage,
    from_json,
)

ItemRole = Qt.ItemDataRole.UserRole + 60


class EditorMessage(Protocol):
    """A message in scope as the editor lists it (services/redaction_defaults.py's Candidate)."""

    @property
    def commitment(self) -> str: ...
    @property
    def sent_at(self) -> str: ...
    @property
    def sender(self) -> str: ...
    @property
    def text(self) -> str: ...


@dataclass(frozen=True, slots=True)
class EditorImage:
    """An image original the bundle draws (a screenshot, an identity document)."""

    sha256: str
    name: str
    read: Callable[[], bytes]


def utf16_to_index(text: str, position: int) -> int:
    """A Qt text position (UTF-16 code units) as a Python string index (code points): a span
    must name the stored text's characters, and an emoji is two units in Qt, one here."""
    units = 0
    for index, character in enumerate(text):
        if units >= position:
            return index
        units += 2 if ord(character) > 0xFFFF else 1
    return len(text)


class ImageCanvas(QWidget):
    """An image scaled to fit, its regions drawn black; a drag draws a new region, reported in
    the original's pixels by :attr:`drawn`."""

    drawn = Signal(object)  # tuple[int, int, int, int]

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("redactionCanvas")
        self.setMinimumSize(240, 240)
        self.image = QImage()
        self.boxes: list[tuple[tuple[int, int, int, int], str]] = []
        self._start: QPoint | None = None
        self._end: QPoint | None = None

    def show_image(self, content: bytes) -> None:
        self.image = QImage.fromData(content)
        self.update()

    def _frame(self) -> tuple[float, QRect]:
        """The scale from original pixels to the widget, and where the image is drawn."""
        if self.image.isNull():
            return 1.0, QRect()
        scale = min(self.width() / self.image.width(), self.height() / self.image.height())
        w, h = round(self.image.width() * scale), round(self.image.height() * scale)
        return scale, QRect(0, 0, w, h)

    def to_original(self, a: QPoint, b: QPoint) -> tuple[int, int, int, int] | None:
        scale, frame = self._frame()
        if frame.isNull():
            return None
        left, right = sorted((a.x(), b.x()))
        top, bottom = sorted((a.y(), b.y()))

        def pixel(value: int, limit: int) -> int:
            return max(0, min(limit, round(value / scale)))

        box = (
            pixel(left, self.image.width()),
            pixel(top, self.image.height()),
            pixel(right, self.image.width()),
            pixel(bottom, self.image.height()),
        )
        return box if box[2] > box[0] and box[3] > box[1] else None

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._start = self._end = event.position().toPoint()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._start is not None:
            self._end = event.position().toPoint()
            self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._start is None:
            return
        box = self.to_original(self._start, event.position().toPoint())
        self._start = self._end = None
        self.update()
        if box is not None:
            self.drawn.emit(box)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        scale, frame = self._frame()
        if not frame.isNull():
            painter.drawImage(frame, self.image)
        painter.setPen(QColor("white"))
        for (left, top, right, bottom), code in self.boxes:
            rect = QRect(
                round(left * scale),
                round(top * scale),
                round((right - left) * scale),
                round((bottom - top) * scale),
            )
            painter.fillRect(rect, QColor("black"))
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, code)
        if self._start is not None and self._end is not None:
            painter.setPen(QColor("#d00000"))
            painter.drawRect(QRect(self._start, self._end).normalized())
        painter.end()


class RedactionEditor(QDialog):
    """Build the redaction plan of one bundle; :meth:`plan` is what the export applies."""

    def __init__(
        self,
        messages: Sequence[EditorMessage],
        proposals: RedactionPlan,
        images: Sequence[EditorImage] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("redactionEditor")
        self.setWindowTitle(self.tr("Redactions"))
        self.messages = list(messages)
        self.images = list(images)
        self.spans = list(proposals.spans)
        self.wholes = list(proposals.messages)
        self.regions = list(proposals.regions)
        self.detectors = dict(proposals.detectors)

        self.table = QTableWidget(len(self.messages), 4)
        self.table.setObjectName("redactionMessages")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Time (UTC)"), self.tr("Sender"), self.tr("Text"), self.tr("Redacted")]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        for row, message in enumerate(self.messages):
            values = (message.sent_at.replace("T", " ")[:19], message.sender, message.text)
            for column, value in enumerate(values):
                self.table.setItem(row, column, QTableWidgetItem(value.replace("\n", " ")))
        self.table.setColumnWidth(2, 320)
        self.table.currentCellChanged.connect(lambda row, *_: self._show_message(row))

        self.text = QTextEdit()
        self.text.setObjectName("redactionText")
        self.text.setReadOnly(True)
        self.text.setMaximumHeight(90)
        self.reason = QComboBox()
        self.reason.setObjectName("redactionReason")
        for reason in Reason:
            self.reason.addItem(f"{reason.value} — {self.reason_name(reason)}", reason.value)
        self.note = QLineEdit()
        self.note.setObjectName("redactionNote")
        self.note.setPlaceholderText(self.tr("Note (optional): why, in your own words"))
        self.span_button = QPushButton(self.tr("Redact the selected text"))
        self.span_button.setObjectName("redactionAddSpan")
        self.span_button.clicked.connect(self.add_span)
        self.withhold_button = QPushButton(self.tr("Withhold the whole message"))
        self.withhold_button.setObjectName("redactionWithhold")
        self.withhold_button.clicked.connect(self.withhold)
        actions = QHBoxLayout()
        actions.addWidget(self.span_button)
        actions.addWidget(self.withhold_button)
        actions.addStretch(1)

        self.image_choice = QComboBox()
        self.image_choice.setObjectName("redactionImages")
        for image in self.images:
            self.image_choice.addItem(image.name, image.sha256)
        self.canvas = ImageCanvas()
        self.canvas.drawn.connect(self.add_region)
        self.image_choice.currentIndexChanged.connect(lambda _i: self._show_image())
        image_box = QVBoxLayout()
        image_box.addWidget(QLabel(self.tr("Drag a rectangle on an image to black it out")))
        image_box.addWidget(self.image_choice)
        image_box.addWidget(self.canvas, 1)
        image_panel = QWidget()
        image_panel.setLayout(image_box)
        image_panel.setVisible(bool(self.images))

        self.items = QListWidget()
        self.items.setObjectName("redactionItems")
        self.remove_button = QPushButton(self.tr("Remove the selected redaction"))
        self.remove_button.setObjectName("redactionRemove")
        self.remove_button.clicked.connect(self.remove_selected)
        save = QPushButton(self.tr("Save plan…"))
        save.setObjectName("redactionSave")
        save.clicked.connect(self._save)
        load = QPushButton(self.tr("Load plan…"))
        load.setObjectName("redactionLoad")
        load.clicked.connect(self._load)
        file_row = QHBoxLayout()
        file_row.addWidget(self.remove_button)
        file_row.addStretch(1)
        file_row.addWidget(load)
        file_row.addWidget(save)
        self.status = QLabel()
        self.status.setObjectName("redactionStatus")
        self.status.setWordWrap(True)

        form = QFormLayout()
        form.addRow(self.tr("Reason"), self.reason)
        form.addRow(self.tr("Note"), self.note)
        left = QVBoxLayout()
        left.addWidget(self.table, 3)
        left.addWidget(self.text)
        left.addLayout(form)
        left.addLayout(actions)
        left.addWidget(QLabel(self.tr("Redactions in this bundle (defaults included)")))
        left.addWidget(self.items, 1)
        left.addLayout(file_row)
        left_panel = QWidget()
        left_panel.setLayout(left)
        split = QSplitter()
        split.addWidget(left_panel)
        split.addWidget(image_panel)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(
                self.tr(
                    "Redaction changes only what this bundle prints and carries; the stored "
                    "evidence stays as it is. Each black box shows its reason code."
                )
            )
        )
        layout.addWidget(split, 1)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self.resize(1100, 720)
        self._refresh()
        if self.messages:
            self.table.selectRow(0)
        if self.images:
            self._show_image()

    # -- wording --------------------------------------------------------------------------

    def reason_name(self, reason: Reason) -> str:
        names = {
            Reason.THIRD_PARTY: self.tr("third party's personal data"),
            Reason.ACCOUNT: self.tr("bank-card or account number"),
            Reason.ID_NUMBER: self.tr("identity document number"),
            Reason.IRRELEVANT: self.tr("not relevant to the matter"),
            Reason.PRIVILEGED: self.tr("privileged legal communication"),
            Reason.OTHER: self.tr("other (see the note)"),
        }
        return names[reason]

    def _origin(self, origin: Origin) -> str:
        return self.tr("proposed by default") if origin is Origin.DEFAULT else self.tr("legal")

    # -- the plan ---------------------------------------------------------------------------

    def plan(self) -> RedactionPlan:
        """The plan as it stands: exactly what the export applies."""
        return RedactionPlan(
            tuple(self.spans), tuple(self.wholes), tuple(self.regions), dict(self.detectors)
        )

    def set_plan(self, plan: RedactionPlan) -> None:
        self.spans, self.wholes = list(plan.spans), list(plan.messages)
        self.regions, self.detectors = list(plan.regions), dict(plan.detectors)
        self._refresh()

    def current_message(self) -> EditorMessage | None:
        row = self.table.currentRow()
        return self.messages[row] if 0 <= row < len(self.messages) else None

    def _chosen(self) -> tuple[Reason, str]:
        return Reason(self.reason.currentData()), self.note.text().strip()

    def add_span(self) -> None:
        """Redact the stretch of text selected in the message view."""
        message = self.current_message()
        cursor = self.text.textCursor()
        if message is None or not cursor.hasSelection():
            self.status.setText(self.tr("Select the text to redact in the message first."))
            return
        start = utf16_to_index(message.text, cursor.selectionStart())
        end = utf16_to_index(message.text, cursor.selectionEnd())
        reason, note = self._chosen()
        self.spans.append(TextSpan(message.commitment, start, end, reason, Origin.LEGAL, note))
        self.status.clear()
        self._refresh()

    def withhold(self) -> None:
        message = self.current_message()
        if message is None:
            return
        reason, note = self._chosen()
        self.wholes = [w for w in self.wholes if w.message != message.commitment]
        self.wholes.append(WholeMessage(message.commitment, reason, Origin.LEGAL, note))
        self._refresh()

    def add_region(self, box: tuple[int, int, int, int]) -> None:
        sha256 = self.image_choice.currentData()
        if not sha256:
            return
        reason, note = self._chosen()
        self.regions.append(ImageRegion(sha256, box, reason, Origin.LEGAL, note))
        self._refresh()

    def remove_selected(self) -> None:
        """Remove a redaction (a default proposal too: the plan is what is used)."""
        item = self.items.currentItem()
        if item is None:
            return
        chosen = item.data(ItemRole)
        self.spans = [s for s in self.spans if s is not chosen]
        self.wholes = [w for w in self.wholes if w is not chosen]
        self.regions = [r for r in self.regions if r is not chosen]
        self._refresh()

    # -- files ------------------------------------------------------------------------------

    def save_plan(self, path: Path) -> None:
        path.write_text(self.plan().to_json(), encoding="utf-8")

    def load_plan(self, path: Path) -> None:
        """Read a plan file; a malformed one is reported, the current plan kept."""
        try:
            plan = from_json(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, RedactionError) as error:
            code = error.code if isinstance(error, RedactionError) else type(error).__name__
            self.status.setText(self.tr("The plan could not be read (%1).").replace("%1", code))
            return
        self.set_plan(plan)

    def _save(self) -> None:
        name, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Save the redaction plan"), "redaction-plan.json", "JSON (*.json)"
        )
        if name:
            self.save_plan(Path(name))

    def _load(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Load a redaction plan"), "", "JSON (*.json)"
        )
        if name:
            self.load_plan(Path(name))

    # -- showing ----------------------------------------------------------------------------

    def _show_message(self, row: int) -> None:
        message = self.messages[row] if 0 <= row < len(self.messages) else None
        self.text.setPlainText(message.text if message else "")
        self._mark_text()

    def _mark_text(self) -> None:
        """The current message's redacted spans shown black in the message view."""
        message = self.current_message()
        selections = []
        if message is not None:
            for span in self.spans:
                if span.message != message.commitment:
                    continue
                selection = QTextEdit.ExtraSelection()
                cursor = self.text.textCursor()
                units = [2 if ord(c) > 0xFFFF else 1 for c in message.text]
                cursor.setPosition(sum(units[: span.start]))
                cursor.setPosition(sum(units[: span.end]), cursor.MoveMode.KeepAnchor)
                selection.cursor = cursor
                selection.format.setBackground(QColor("black"))
                selection.format.setForeground(QColor("white"))
                selections.append(selection)
        self.text.setExtraSelections(selections)

    def _show_image(self) -> None:
        sha256 = self.image_choice.currentData()
        image = next((i for i in self.images if i.sha256 == sha256), None)
        if image is not None:
            self.canvas.show_image(image.read())
        self._paint_regions()

    def _paint_regions(self) -> None:
        sha256 = self.image_choice.currentData()
        self.canvas.boxes = [(r.box, r.reason.value) for r in self.regions if r.original == sha256]
        self.canvas.update()

    def _where(self, commitment: str) -> str:
        row = next((n for n, m in enumerate(self.messages) if m.commitment == commitment), None)
        if row is None:
            return f"#{commitment[:12]}"
        message = self.messages[row]
        when = message.sent_at.replace("T", " ")[:16]
        return f"{when} {message.sender}" if message.sender else when  # a system line: no one

    def _refresh(self) -> None:
        self.items.clear()
        for span in self.spans:
            message = next((m for m in self.messages if m.commitment == span.message), None)
            shown = message.text[span.start : span.end] if message else ""
            said = (
                self.tr("Text %1: “%2”")
                .replace("%1", self._where(span.message))
                .replace("%2", shown)
            )
            self._item(said, span.reason, span.origin, span.note, span)
        for whole in self.wholes:
            said = self.tr("Whole message %1").replace("%1", self._where(whole.message))
            self._item(said, whole.reason, whole.origin, whole.note, whole)
        names = {i.sha256: i.name for i in self.images}
        for region in self.regions:
            name = names.get(region.original, region.original[:12])
            box = ", ".join(str(v) for v in region.box)
            said = self.tr("Image %1, box %2").replace("%1", name).replace("%2", box)
            self._item(said, region.reason, region.origin, region.note, region)
        for row, message in enumerate(self.messages):
            self.table.setItem(row, 3, QTableWidgetItem(self._summary(message.commitment)))
        self._mark_text()
        self._paint_regions()

    def _summary(self, commitment: str) -> str:
        whole = next((w for w in self.wholes if w.message == commitment), None)
        if whole is not None:
            return self.tr("withheld · %1").replace("%1", whole.reason.value)
        codes = sorted({s.reason.value for s in self.spans if s.message == commitment})
        return " ".join(codes)

    def _item(
        self,
        said: str,
        reason: Reason,
        origin: Origin,
        note: str,
        value: TextSpan | WholeMessage | ImageRegion,
    ) -> None:
        parts = [f"{reason.value} · {said}", self._origin(origin)]
        if note:
            parts.append(note)
        item = QListWidgetItem(" · ".join(parts))
        item.setData(ItemRole, value)
        self.items.addItem(item)
