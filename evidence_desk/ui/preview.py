"""Previewing a document (image, PDF first page, or text) inside the app."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QImage, QImageReader, QPixmap
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget


def render(data: bytes, file_name: str, width: int = 480) -> QPixmap | str:
    """A pixmap for images and PDFs (first page), else the start of the text."""
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    fmt = b"pdf" if file_name.lower().endswith(".pdf") or data.startswith(b"%PDF") else b""
    reader = QImageReader(buffer, fmt)
    if fmt:
        reader.setScaledSize(
            reader.size().scaled(width, width * 2, Qt.AspectRatioMode.KeepAspectRatio)
        )
    image: QImage = reader.read()
    if not image.isNull():
        if image.width() > width:
            image = image.scaledToWidth(width, Qt.TransformationMode.SmoothTransformation)
        return QPixmap.fromImage(image)
    try:
        return data[:4000].decode("utf-8")
    except UnicodeDecodeError:
        return data[:4000].decode("gb18030", errors="replace")


class DocumentPreview(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("documentPreview")
        self.label = QLabel()
        self.label.setObjectName("previewLabel")
        self.label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter)
        self.label.setWordWrap(True)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)

    def show_document(self, data: bytes, file_name: str) -> None:
        rendered = render(data, file_name)
        if isinstance(rendered, QPixmap):
            self.label.setPixmap(rendered)
        else:
            self.label.setText(rendered)

    def clear(self) -> None:
        self.label.clear()
