"""PDF layout rules: line breaking, the header band on every page (IN-11), images at 200-300 dpi."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image
from pypdf import PdfReader

from evidence_desk.bundle import pdf
from tests.bundle.support import export, store_with_evidence
from tests.helpers import Team


def test_wrap_breaks_cjk_anywhere_latin_at_spaces_and_keeps_every_character() -> None:
    pdf.register_font()
    text = "我 1 月 20 号先还 5000，剩下的二月底前还清。Remaining balance by SMS please."
    lines = pdf.wrap_text(text, 9, 90)
    assert len(lines) > 2
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    for line in lines:
        assert pdf.pdfmetrics.stringWidth(line, pdf.FONT, 9) <= 90 + 0.01
    latin = pdf.wrap_text("Remaining balance will follow", 9, 60)
    assert all(not line.startswith(" ") for line in latin)
    assert all(word in " ".join(latin).split() for word in ("Remaining", "balance", "follow"))
    digest = "ab" * 32
    split = pdf.wrap_text(digest, 9, 80)  # one word longer than a line: broken by characters
    assert "".join(split) == digest and len(split) > 1
    assert pdf.wrap_text("一\n\n二", 9, 200) == ["一", "", "二"]


def test_every_page_carries_the_band_and_exhibit_pages_name_their_exhibit(
    team: Team, tmp_path: Path
) -> None:
    store_with_evidence(team, tmp_path / "in", extra_messages=120)
    result = export(team, tmp_path / "out")
    reader = PdfReader(result.pdf_paths[0])
    transcript_pages = 0
    for number, page in enumerate(reader.pages, 1):
        text = "".join(page.extract_text().split())
        assert f"第A{number}页" in text and f"全包第{number}/{result.pages}页" in text
        assert "证据包B-" in text and "案号2026-SH-1" in text
        if "证据E2·SHA-256" in text and "截图promise.png·SHA-256" in text:
            assert "来源promise.png" in text and "操作人alice" in text  # its own page and band
        elif "证据E2·SHA-256" in text:
            transcript_pages += 1
            assert "来源WhatsAppChatwithChenLixin.txt" in text and "操作人alice" in text
    assert transcript_pages >= 3


def test_screenshots_are_embedded_between_200_and_300_dpi(team: Team, tmp_path: Path) -> None:
    store_with_evidence(team, tmp_path / "in")
    result = export(team, tmp_path / "out")
    reader = PdfReader(result.pdf_paths[0])
    embedded = [image for page in reader.pages for image in page.images]
    assert len(embedded) == 1  # the screenshot (the identity documents are text files)
    assert 200 <= pdf.IMAGE_DPI <= 300
    for width, height, box in ((720, 1280, (300, 400)), (1080, 2400, (300, 400))):
        size = pdf._picture_size(_png(width, height), *box)
        assert size is not None
        drawn_w, drawn_h = size
        assert drawn_w <= box[0] + 0.01 and drawn_h <= box[1] + 0.01
        pixels_w, _pixels_h = Image.open(
            io.BytesIO(pdf._resampled(_png(width, height), drawn_w, drawn_h))
        ).size
        assert 200 <= pixels_w / (drawn_w / 72) <= 300


def _png(width: int, height: int) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (10, 20, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


def test_volumes_also_split_by_size(team: Team, tmp_path: Path) -> None:
    from evidence_desk.bundle.model import Scope
    from evidence_desk.services import bundle

    store_with_evidence(team, tmp_path / "in", extra_messages=900)
    data = bundle.gather(team.login("lee"), Scope("2026-SH-1"))
    whole = pdf.render(data, "0" * 64, "0" * 64, "sig", "")
    assert len(whole.volumes) == 1 and whole.pages > 50
    size = len(whole.volumes[0][1])
    halves = pdf.render(data, "0" * 64, "0" * 64, "sig", "", max_volume_bytes=size * 3 // 4)
    assert len(halves.volumes) >= 2 and halves.pages == whole.pages
    assert all(len(content) <= size * 3 // 4 for _name, content in halves.volumes)
    assert halves.index["page_cap"] < 350
    second = PdfReader(io.BytesIO(halves.volumes[1][1]))
    assert "第B1页" in "".join(second.pages[0].extract_text().split())
