"""The contact's request documents as the bundle shows them: drawn, not only named.

The approval of a contact rests on its identity proof and debt confirmation, so the bundle
prints what they show: an image as it is, each page of a PDF rendered with PDFium (pypdfium2),
the start of a text document as text. The original, byte for byte, is in the kit with its
SHA-256 and SM3 like every other original; a rendering is only the printed view of it.
"""

from __future__ import annotations

import io

from evidence_desk.bundle.model import OriginalFile

#: pages of one PDF document printed; the rest are in the kit's original (the page says so)
MAX_PAGES = 12
#: resolution a PDF page is rendered at (the printed copy is resampled to the bundle's own)
RENDER_DPI = 150
#: characters of a text document printed
MAX_TEXT = 4000


def is_pdf(original: OriginalFile, data: bytes) -> bool:
    return original.file_name.lower().endswith(".pdf") or data.startswith(b"%PDF")


def pdf_pages(data: bytes) -> tuple[list[bytes], int]:
    """The first :data:`MAX_PAGES` pages of a PDF as PNG images, and its page count.

    A PDF PDFium cannot open gives no page (the integrity section still lists its digests)."""
    import pypdfium2

    try:
        document = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError:
        return [], 0
    try:
        pages: list[bytes] = []
        for index in range(min(len(document), MAX_PAGES)):
            page = document[index]
            picture = page.render(scale=RENDER_DPI / 72).to_pil().convert("RGB")
            buffer = io.BytesIO()
            picture.save(buffer, format="PNG")
            pages.append(buffer.getvalue())
        return pages, len(document)
    finally:
        document.close()


def text_excerpt(data: bytes) -> str | None:
    """The start of a UTF-8 (or GB 18030) text document; None for bytes that are not text."""
    if b"\x00" in data[:4096]:
        return None
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return text[:MAX_TEXT]
    return None
