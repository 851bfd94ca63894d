"""Previewing a document (image, PDF first page, or text) inside the app."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QImage, QImageReader, QPixmap
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget


def _pdf_first_page(data: bytes, width: int) -> QImage | None:
    """The first page of a PDF, rendered with PDFium (Qt's own PDF module is not shipped)."""
    try:
        import pypdfium2
    except ImportError:
        return None
    try:
        document = pypdfium2.PdfDocument(data)
        page = document[0]
        scale = width / max(1.0, page.get_width())
        picture = page.render(scale=scale).to_pil().convert("RGB")
    except Exception:  # a damaged PDF is shown as text below, never breaks the queue
        return None
    image = QImage(
        picture.tobytes(),
        picture.width,
        picture.height,
        picture.width * 3,
        QImage.Format.Format_RGB888,
    )
    return image.copy()  # own the pixels (the bytes object goes away)


def render(data: bytes, file_name: str, width: int = 480) -> QPixmap | str:
    """A pixmap for images and PDFs (first page), else the start of the text."""
    if file_name.lower().endswith(".pdf") or data.startswith(b"%PDF"):
        page = _pdf_first_page(data, width)
        if page is not None:
            return QPixmap.fromImage(page)
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer)
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
