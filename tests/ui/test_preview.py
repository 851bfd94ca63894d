"""Document preview in the approval queue: images and the first page of a PDF are pictures."""

from __future__ import annotations

import io

from PySide6.QtGui import QPixmap

from evidence_desk.ui.preview import render
from tests.ui.conftest import png_bytes


def _pdf() -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4)
    page.drawString(72, 760, "Debt confirmation 48600")
    page.rect(72, 500, 200, 100, fill=1)
    page.showPage()
    page.save()
    return buffer.getvalue()


def test_pdf_first_page_is_rendered(qapp: object) -> None:
    rendered = render(_pdf(), "debt.pdf", width=300)
    assert isinstance(rendered, QPixmap) and not rendered.isNull()
    assert rendered.width() <= 300
    image = rendered.toImage()
    # the filled rectangle shows up as dark pixels somewhere on the page
    dark = sum(
        1
        for x in range(0, image.width(), 5)
        for y in range(0, image.height(), 5)
        if image.pixelColor(x, y).lightness() < 60
    )
    assert dark > 10


def test_images_and_text(qapp: object) -> None:
    picture = render(png_bytes(), "id.png")
    assert isinstance(picture, QPixmap) and picture.width() == 90
    text = render("身份证明 identity".encode(), "id.txt")
    assert text == "身份证明 identity"
    legacy = render("债务确认".encode("gb18030"), "debt.txt")
    assert legacy == "债务确认"
