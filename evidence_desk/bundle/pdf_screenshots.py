"""The bundle's section "Screenshots checked against the export" (issue 22), as flowables.

Per screenshot of the conversations: its exhibit, file and SHA-256, then one row per message
bubble: the bubble's region cropped from the original screenshot, its side and status, the text
OCR read beside the export message's (the differing stretches in red and underlined: "48,600"
against "4,860" is the case that matters) and the message's place in the bundle. Then the
export messages the screenshot skips. A screenshot OCR has not read is listed as not read.

The crops are cut from the decrypted original in memory (Pillow) and drawn losslessly: the
region must show the pixels the verdict is about. pdf.py places this section after the
completeness statement and bookmarks it; it lives apart so the two can change independently.

Redaction (issue 21 item 5): crops are cut from a copy with the redacted regions blacked out
(the plan's, and the bubble of every redacted message: bundle/pdf_redaction.py); a bubble over
a redacted region or showing a redacted message has its OCR text withheld too (OCR read the very
characters the box hides), and an export text is printed as the transcripts print it.
"""

from __future__ import annotations

import html
import io
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from PIL import Image as PilImage
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from evidence_desk.bundle import pdf_redaction
from evidence_desk.bundle.model import CheckedBubble, CheckedMessage, ScreenshotFindings
from evidence_desk.bundle.pdf_redaction import Redactions
from evidence_desk.bundle.text import t
from evidence_desk.domain.redaction import Reason

#: the region column's width and the tallest a crop is printed
REGION_W = 52 * mm
REGION_MAX_H = 42 * mm
#: a crop is never printed larger than one point per pixel (a blown-up crop only blurs)
MAX_POINTS_PER_PIXEL = 1.0
#: pixels kept around a bubble's text box, so the crop shows the bubble, not only its glyphs
PAD_PX = 6
_MARK = '<font color="#C00000"><u>{}</u></font>'
_STATUS_COLOUR = {"matched": "#1E7B34", "differs": "#C00000", "not_in_export": "#C00000"}
_HOLE = "\x00"
_BOX = '<font backColor="#000000" color="#FFFFFF">&nbsp;{}&nbsp;</font>'


def _esc(text: str) -> str:
    return html.escape(text, quote=False).replace("\n", "<br/>")


def _printed(text: str) -> str:
    """A printed text (boxes as bundle/pdf_redaction.py marks them) as Paragraph markup."""
    return "".join(
        _esc(run) if reason is None else _BOX.format(reason.value)
        for run, reason in pdf_redaction.pieces(text)
    )


class _Crops:
    """Every bubble region of one screenshot, cut once from the decoded original and kept
    for every layout pass (pdf.py lays the document out two or three times)."""

    def __init__(self, cache: dict[str, Any], redactions: Redactions) -> None:
        self.cache = cache
        self.redactions = redactions

    def regions(self, shot: ScreenshotFindings) -> dict[tuple[int, int, int, int], Any]:
        key = f"screenshot-regions:{shot.original.sha256}"
        if key not in self.cache:
            with PilImage.open(io.BytesIO(shot.original.read())) as opened:
                picture = opened.convert("RGB")
            blacked = self.redactions.of_image(shot.original.sha256)
            picture = pdf_redaction.black_out(picture, blacked)
            width, height = picture.size
            regions = {}
            for bubble in shot.bubbles:
                left, top, right, bottom = bubble.box
                box = (
                    max(0, left - PAD_PX),
                    max(0, top - PAD_PX),
                    min(width, max(left + 1, right) + PAD_PX),
                    min(height, max(top + 1, bottom) + PAD_PX),
                )
                regions[bubble.box] = picture.crop(box)
            self.cache[key] = regions
        found: dict[tuple[int, int, int, int], Any] = self.cache[key]
        return found


class _Region(Flowable):  # type: ignore[misc]
    """One bubble's region of the original, scaled to the column; drawn only when the layout
    pass prints (the measuring pass reserves its space)."""

    def __init__(self, crop: Any, scale: float, *, drawing: bool) -> None:
        super().__init__()
        self.crop = crop
        self.drawing = drawing
        w_px, h_px = crop.size
        scale = min(scale, REGION_W / w_px, REGION_MAX_H / h_px)
        self.width, self.height = w_px * scale, h_px * scale

    def wrap(self, _aw: float, _ah: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        if not self.drawing:
            return
        self.canv.drawImage(ImageReader(self.crop), 0, 0, self.width, self.height)
        self.canv.setStrokeColor(colors.HexColor("#99A4B0"))
        self.canv.setLineWidth(0.4)
        self.canv.rect(0, 0, self.width, self.height, stroke=1, fill=0)


class _Section:
    def __init__(
        self,
        lang: str,
        styles: dict[str, ParagraphStyle],
        frame_w: float,
        cache: dict[str, Any],
        redactions: Redactions,
    ) -> None:
        self.lang = lang
        self.s = styles
        self.frame_w = frame_w
        self.crops = _Crops(cache, redactions)
        self.redactions = redactions

    def t(self, key: str, **values: object) -> str:
        return t(self.lang, key, **values)

    def filled(self, key: str, markup: str) -> str:
        """``key`` worded with ``markup`` (already escaped) in its ``{text}`` place."""
        return _esc(self.t(key, text=_HOLE)).replace(_HOLE, markup)

    def p(self, markup: str, style: str = "cell") -> Paragraph:
        return Paragraph(markup, self.s[style])

    def screenshot(self, shot: ScreenshotFindings, *, drawing: bool) -> list[Flowable]:
        original = shot.original
        head: list[Flowable] = [
            Spacer(1, 3 * mm),
            self.p(
                _esc(self.t("sc_heading", exhibit=shot.exhibit_id, name=original.file_name)), "h2"
            ),
            self.p(
                _esc(self.t("sc_item", item=shot.item_id or "—", sha256=original.sha256)), "hex"
            ),
        ]
        if not shot.read:
            return [KeepTogether([*head, self.p(_esc(self.t("sc_not_read")), "base")])]
        counts = {status: 0 for status in _STATUS_COLOUR}
        for bubble in shot.bubbles:
            counts[bubble.status] = counts.get(bubble.status, 0) + 1
        head.append(
            self.p(
                _esc(
                    self.t(
                        "sc_summary",
                        matched=counts["matched"],
                        differs=counts["differs"],
                        missing=counts["not_in_export"],
                        skipped=len(shot.skipped),
                    )
                ),
                "small",
            )
        )
        out: list[Flowable] = []
        if not shot.bubbles:
            out.append(KeepTogether([*head, self.p(_esc(self.t("sc_no_bubbles")), "base")]))
        else:
            out.append(KeepTogether([*head, Spacer(1, 1.5 * mm), self.table(shot, drawing)]))
        if shot.skipped:
            out.append(self.skipped(shot.skipped))
        return out

    def table(self, shot: ScreenshotFindings, drawing: bool) -> Table:
        crops = self.crops.regions(shot)
        header = [
            self.p(_esc(self.t(key)))
            for key in ("sc_col_region", "sc_col_verdict", "sc_col_text", "sc_col_message")
        ]
        rows: list[list[Any]] = [header]
        # one scale for every region of a screenshot: its glyphs print at one size, as on
        # the phone, so a region is never made to look bigger or smaller than its neighbours
        widest = max(crop.size[0] for crop in crops.values())
        scale = min(MAX_POINTS_PER_PIXEL, REGION_W / widest)
        for bubble in shot.bubbles:
            rows.append(
                [
                    _Region(crops[bubble.box], scale, drawing=drawing),
                    self.p(self.verdict(bubble)),
                    self.p(self.texts(bubble, shot.original.sha256)),
                    self.p(self.reference(bubble.message)),
                ]
            )
        widths = [REGION_W + 4, 28 * mm, 0.0, 34 * mm]
        widths[2] = self.frame_w - sum(widths)
        table = Table(rows, colWidths=widths, repeatRows=1)
        table.setStyle(
            TableStyle(
                [
                    ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#99A4B0")),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("FONTNAME", (0, 0), (-1, -1), self.s["base"].fontName),
                    ("TOPPADDING", (0, 0), (-1, -1), 2),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                    ("LEFTPADDING", (0, 1), (0, -1), 2),
                    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E4E9EF")),
                ]
            )
        )
        return table

    def side(self, side: str) -> str:
        return self.t(f"sc_side_{side}") if side in ("them", "us") else side

    def verdict(self, bubble: CheckedBubble) -> str:
        colour = _STATUS_COLOUR.get(bubble.status, "#000000")
        status = self.t(f"sc_status_{bubble.status}")
        lines = [_esc(self.side(bubble.side)), f'<font color="{colour}">{_esc(status)}</font>']
        if bubble.reasons:
            reasons = self.t("name_separator").join(
                self.t(f"sc_reason_{r}") for r in bubble.reasons
            )
            lines.append(_esc(self.t("sc_reasons", reasons=reasons)))
        return "<br/>".join(lines)

    def withheld(self, bubble: CheckedBubble, sha256: str) -> Reason | None:
        """Why the bubble's OCR text is withheld: it lies under a redacted region or shows a
        redacted message (whose bubble is blacked out); None when it may be printed."""
        message = bubble.message
        redacted = self.redactions.messages.get(message.commitment) if message else None
        if redacted is not None:
            return pdf_redaction.message_reason(redacted)
        return self.redactions.covers(sha256, bubble.box)

    def export_text(self, message: CheckedMessage) -> str:
        """The export message's text as markup, printed as the transcripts print it."""
        redacted = self.redactions.messages.get(message.commitment)
        if redacted is None:
            return _esc(message.text or "")
        if redacted.withheld is not None:
            return _BOX.format(redacted.withheld.value)
        return _printed(pdf_redaction.printed(redacted))

    def texts(self, bubble: CheckedBubble, sha256: str) -> str:
        message = bubble.message
        reason = self.withheld(bubble, sha256)
        if reason is not None:
            lines = [self.filled("sc_ocr_text", _BOX.format(reason.value))]
            if message is not None and message.text is not None:
                lines.append(self.filled("sc_export_text", self.export_text(message)))
            elif message is not None:
                lines.append(_esc(self.t("sc_export_unprinted")))
            return "<br/>".join(lines)
        if bubble.stretches:
            shown = "".join(
                _esc(s.screenshot) if s.same else _MARK.format(_esc(s.screenshot))
                for s in bubble.stretches
                if s.screenshot
            )
            export = "".join(
                _esc(s.export) if s.same else _MARK.format(_esc(s.export))
                for s in bubble.stretches
                if s.export
            )
            return (
                f"{self.filled('sc_ocr_text', shown)}<br/>{self.filled('sc_export_text', export)}"
            )
        lines = [self.filled("sc_ocr_text", _esc(bubble.text))]
        if message is not None:
            if message.text is None:
                lines.append(_esc(self.t("sc_export_unprinted")))
            else:
                lines.append(self.filled("sc_export_text", self.export_text(message)))
        return "<br/>".join(lines)

    def reference(self, message: CheckedMessage | None) -> str:
        if message is None:
            return "—"
        time = _time(message.local_time)
        if not message.exhibit_id:
            return _esc(
                self.t("sc_message_unprinted", time=time, commitment=message.commitment[:12])
            )
        said = _esc(
            self.t(
                "sc_message",
                exhibit=message.exhibit_id,
                time=time,
                commitment=message.commitment[:12],
            )
        )
        return f'<a href="#{message.exhibit_id}" color="#1a4fa0">{said}</a>'

    def skipped(self, messages: Sequence[CheckedMessage]) -> Flowable:
        rows: list[Flowable] = [Spacer(1, 1.5 * mm), self.p(_esc(self.t("sc_skipped")), "base")]
        for message in messages:
            reference = self.reference(message)
            worded = self.t(
                "sc_skipped_row",
                side=self.side(message.side),
                reference=_HOLE,
            )
            line = _esc(worded).replace(_HOLE, reference)
            if message.text is not None:
                line += "<br/>" + self.filled("sc_export_text", self.export_text(message))
            rows.append(self.p(line))
        return KeepTogether(rows)


def _time(iso: str) -> str:
    try:
        return datetime.fromisoformat(iso).strftime("%Y-%m-%d %H:%M:%S %z")
    except ValueError:
        return iso


def flowables(
    checks: Sequence[ScreenshotFindings],
    lang: str,
    styles: dict[str, ParagraphStyle],
    frame_w: float,
    cache: dict[str, Any],
    redactions: Redactions,
    *,
    drawing: bool,
) -> list[Flowable]:
    """The section's body (pdf.py writes its heading and bookmark): the introduction, then
    every screenshot. ``cache`` lives across layout passes; ``drawing`` is False while the
    first pass only measures; ``redactions`` black out regions and withhold texts."""
    section = _Section(lang, styles, frame_w, cache, redactions)
    out: list[Flowable] = [Paragraph(_esc(t(lang, "sc_intro")), styles["small"])]
    for shot in checks:
        out.extend(section.screenshot(shot, drawing=drawing))
    return out
