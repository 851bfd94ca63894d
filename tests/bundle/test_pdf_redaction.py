"""Redactions drawn in the bundle PDF (issue 21 item 5): black boxes with reason codes.

A real store (a chat whose debtor gives a third party's phone number, a screenshot), gathered
by the bundle service; the redactions are applied to the records by hand, as the service does
for a redaction plan (the records hold only what may be printed: a withheld span is an empty
segment). pdftotext and the embedded images must show no withheld character or pixel.
"""

from __future__ import annotations

import io
import re
from dataclasses import replace
from pathlib import Path

from PIL import Image
from pypdf import PdfReader

from evidence_desk.bundle import pdf, pdf_redaction
from evidence_desk.bundle.model import (
    BundleData,
    BundleMessage,
    CheckedBubble,
    CheckedMessage,
    Exhibit,
    Scope,
    ScreenshotFindings,
)
from evidence_desk.domain.redaction import ImageRegion, Reason, TextSpan, segments
from evidence_desk.services import bundle, importing
from tests.bundle.support import screenshot_bytes
from tests.helpers import Team, approved_contact, pdf_text

CASE = "2026-SH-9"
PHONE = "13812345678"
WITHHELD = "这条与本案无关的闲聊内容"
CHAT = [
    "05/01/2026, 09:00 - Li Ming: 您好，我是示例汽车金融的李明，关于您的车贷。",
    f"05/01/2026, 09:05 - Chen Lixin: 有事找我弟弟，他的电话 {PHONE}，他会转告",
    f"05/01/2026, 09:06 - Chen Lixin: {WITHHELD}",
    "21/01/2026, 10:02 - Chen Lixin: 剩下的二月底前还清",
]
REGION = (100, 200, 500, 400)  # in the screenshot's 720 x 1280 pixels
BUBBLE = (60, 900, 660, 1000)


def _gathered(team: Team, folder: Path, language: str = "zh_CN") -> BundleData:
    alice, contact_id = approved_contact(team, folder, case_no=CASE)
    chat = folder / "WhatsApp Chat with Chen Lixin.txt"
    chat.write_text("\n".join(CHAT) + "\n", encoding="utf-8")
    importing.import_files(alice, contact_id, [chat], tz="Asia/Shanghai")
    shot = folder / "promise.png"
    shot.write_bytes(screenshot_bytes())
    importing.import_files(alice, contact_id, [shot], tz="Asia/Shanghai")
    # the defaults off: these tests draw a plan of their own on the stored texts
    return bundle.gather(team.login("lee"), Scope(CASE, language=language), default_redaction=False)


def _redacted(data: BundleData) -> BundleData:
    """The phone number a TP span, the chatter withheld (IR), a region of the screenshot
    (ID), and a screenshot check whose bubble shows the phone number."""
    conversation = next(e for e in data.exhibits if e.kind == "conversation")
    messages = list(conversation.messages)
    at = next(n for n, m in enumerate(messages) if PHONE in m.text)
    phone = messages[at]
    start = phone.text.index(PHONE)
    span = TextSpan(phone.commitment, start, start + len(PHONE), Reason.THIRD_PARTY)
    pieces = segments(phone.text, [span])
    messages[at] = replace(phone, segments=pieces, text="".join(p.text for p in pieces))
    gone = next(n for n, m in enumerate(messages) if m.text == WITHHELD)
    messages[gone] = replace(messages[gone], text="", attachments=(), withheld=Reason.IRRELEVANT)
    shot = conversation.screenshots[0]
    region = ImageRegion(shot.original.sha256, REGION, Reason.ID_NUMBER)
    redacted = replace(
        conversation, messages=tuple(messages), screenshots=(replace(shot, regions=(region,)),)
    )
    checked = CheckedMessage(
        7, "2026-01-05T09:05:00+08:00", "them", phone.commitment, "E2", phone.text
    )
    bubble = CheckedBubble("them", "matched", BUBBLE, f"他的电话 {PHONE}", (), checked)
    check = ScreenshotFindings(conversation.id, "S1", shot.original, True, (bubble,))
    exhibits: tuple[Exhibit, ...] = tuple(
        redacted if e is conversation else e for e in data.exhibits
    )
    return replace(data, exhibits=exhibits, screenshot_checks=(check,))


def _render(data: BundleData, out: Path) -> Path:
    rendered = pdf.render(data, "0" * 64, "0" * 64, "sig", "")
    path = out / rendered.volumes[0][0]
    path.write_bytes(rendered.volumes[0][1])
    return path


def test_the_pdf_prints_black_boxes_and_no_withheld_character(team: Team, tmp_path: Path) -> None:
    data = _redacted(_gathered(team, tmp_path))
    path = _render(data, tmp_path)
    text = pdf_text(path)
    flat = "".join(text.split())
    assert PHONE not in flat
    # the number's parts, outside the page's hashes, keys and signatures: a digest's hex holds
    # "5678" about once in 16,000 characters, and this PDF prints thousands
    words = re.sub(r"[0-9a-f]{16,}", " ", flat)
    assert "12345" not in words and "5678" not in words
    assert WITHHELD not in flat
    assert "有事找我弟弟，他的电话" in flat and "他会转告" in flat  # the rest as stored
    assert "TP" in flat and "消息已隐去·IR" in flat
    # the legend: every code with its wording, the counts, what the kit carries instead
    assert "遮盖说明" in flat
    assert "隐去了1处消息文字、1条完整消息和1处图像区域" in flat
    for code, said in (("TP", "第三人"), ("AC", "银行卡号"), ("ID", "身份证件号码")):
        assert f"{code}{said}" in flat
    assert "ledger/disclosed/" in flat


def test_an_english_bundle_words_the_legend_in_english(team: Team, tmp_path: Path) -> None:
    data = _redacted(_gathered(team, tmp_path, "en"))
    flat = " ".join(pdf_text(_render(data, tmp_path)).split())
    assert "Message withheld · IR" in flat and "Redactions" in flat
    assert "withholds 1 passage of message text, 1 whole message and 1 region" in flat
    assert PHONE not in flat.replace(" ", "")


def _dark(image: Image.Image, box: tuple[int, int, int, int]) -> float:
    """The share of near-black pixels in ``box``."""
    histogram = image.convert("L").crop(box).histogram()
    return sum(histogram[:40]) / sum(histogram)


def test_image_regions_and_redacted_bubbles_are_blacked_out_before_encoding(
    team: Team, tmp_path: Path
) -> None:
    plain = _gathered(team, tmp_path)
    path = _render(_redacted(plain), tmp_path)
    images = [image for page in PdfReader(path).pages for image in page.images]
    shown = [i.image for i in images if i.image is not None and i.image.size[1] > 400]
    assert len(shown) == 1  # the screenshot drawn in the conversation exhibit
    full = shown[0].convert("RGB")
    scale = full.size[0] / 720
    left, top, right, bottom = (round(v * scale) for v in REGION)
    # the region is black (the code burnt in white in its middle), the rest as it was
    assert _dark(full, (left + 2, top + 2, right - 2, top + 12)) > 0.95
    assert _dark(full, (left + 2, top + 2, right - 2, bottom - 2)) > 0.6
    assert _dark(full, (left + 2, bottom + 4, right - 2, bottom + 20)) < 0.2
    # the redacted message's bubble is black wherever the screenshot is drawn
    b_left, b_top, b_right, _b_bottom = (round(v * scale) for v in BUBBLE)
    assert _dark(full, (b_left + 2, b_top + 2, b_right - 2, b_top + 10)) > 0.95
    crops = [i.image for i in images if i.image is not None and i.image.size[1] <= 400]
    assert crops and all(_dark(c, (8, 8, c.size[0] - 8, 14)) > 0.95 for c in crops)
    # the same records without redactions draw no black there
    (tmp_path / "plain").mkdir()
    unredacted = _render(plain, tmp_path / "plain")
    image = next(
        i.image for page in PdfReader(unredacted).pages for i in page.images if i.image
    ).convert("RGB")
    assert _dark(image, (left + 2, top + 2, right - 2, bottom - 2)) < 0.2


def test_a_box_is_as_wide_for_a_short_span_as_for_a_long_one() -> None:
    """Its width must not tell the withheld text's length."""
    short = replace(
        _message("电话 110 请回复"), segments=segments("电话 110 请回复", [_span(3, 6)])
    )
    long_text = "电话 13812345678 请回复"
    long = replace(_message(long_text), segments=segments(long_text, [_span(3, 14)]))
    assert pdf_redaction.printed(short) == pdf_redaction.printed(long)
    pdf.register_font()
    box = pdf_redaction.mark(Reason.THIRD_PARTY)
    assert pdf._char_width(box) == pdf_redaction.BOX_EM * 1000


def test_long_chinese_text_with_boxes_still_wraps_within_the_bubble() -> None:
    pdf.register_font()
    box = pdf_redaction.mark(Reason.ACCOUNT)
    text = ("我已经把钱转到这个账户" + box + "，请查收。") * 12
    lines = pdf.wrap_text(text, 9, 180)
    assert len(lines) > 3 and "".join(lines) == text
    assert all(sum(pdf._char_width(c) for c in line) * 9 / 1000 <= 180.01 for line in lines)


def _span(start: int, end: int) -> TextSpan:
    return TextSpan("0" * 64, start, end, Reason.THIRD_PARTY)


def _message(text: str) -> BundleMessage:
    return BundleMessage(
        1,
        "K-1",
        "2026-01-05T01:00:00+00:00",
        "",
        "Chen",
        "in",
        "text",
        text,
        "0" * 64,
        "I-1 line 1",
        (),
        (),
        None,
        None,
    )


def test_a_document_region_is_blacked_out_at_the_printed_scale() -> None:
    """An identity document drawn as an image (a JPEG decoded at a reduced size for its
    printed size): its region is black in the encoded rendering, the rest is not."""
    buffer = io.BytesIO()
    Image.new("RGB", (2400, 1600), (230, 230, 230)).save(buffer, format="JPEG")
    region = ImageRegion("a" * 64, (1200, 400, 2000, 800), Reason.ID_NUMBER)
    size = pdf._picture_size(buffer.getvalue(), 300, 300)
    assert size is not None
    encoded = pdf._resampled(buffer.getvalue(), *size, (region,))
    image = Image.open(io.BytesIO(encoded))
    scale = image.size[0] / 2400
    left, top, right, bottom = (round(v * scale) for v in region.box)
    assert _dark(image, (left + 3, top + 3, right - 3, top + 8)) > 0.95
    assert _dark(image, (3, 3, left - 3, bottom)) < 0.05
