"""Drawing redactions in the bundle PDF (issue 21 item 5): black boxes, withheld bubbles and
blacked-out image regions, each with its reason code.

The records already hold only what may be printed: a redacted span is a
:class:`~evidence_desk.domain.redaction.Segment` with empty text, a withheld message has no text
and no attachments. This module turns those records into what the layout draws:

- a message's printed text, with one private-use character per withheld span (:func:`printed`).
  The line breaker measures it as a box of fixed width, :data:`BOX_EM` em, never the withheld
  text's length (a box as long as the number it hides would tell its length), and the drawing
  code paints it as a black box with the reason code in white;
- every image's black-out regions (:class:`Redactions`): the plan's regions of the screenshots
  and documents, and the bubble of every redacted message in a screenshot checked against the
  export (the bubble shows the withheld text in pixels, so the whole bubble goes black);
- :func:`black_out`: the pixels inside each region painted black on a copy, the reason code
  burnt in, before the image is encoded into the PDF; the stored original is never touched.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from PIL import ImageDraw, ImageFont

from evidence_desk.bundle.model import BundleData, BundleMessage
from evidence_desk.domain.redaction import ImageRegion, Origin, Reason
from evidence_desk.resources import resource_path

#: an inline black box is this many em wide, whatever it withholds
BOX_EM = 2.4
#: one private-use character per reason code stands for a box in a printed text
_FIRST_MARK = 0xE000
_MARKS: dict[Reason, str] = {reason: chr(_FIRST_MARK + n) for n, reason in enumerate(Reason)}
_REASONS: dict[str, Reason] = {mark: reason for reason, mark in _MARKS.items()}
#: a printed text's boxes (and what lies between them)
MARK = re.compile(f"[{''.join(_MARKS.values())}]")
#: the regex class of the marks, for a tokenizer that must keep each one a token of its own
MARK_CLASS = f"\\u{_FIRST_MARK:04x}-\\u{_FIRST_MARK + len(_MARKS) - 1:04x}"


def mark(reason: Reason) -> str:
    """The character that stands for a black box with ``reason`` in a printed text."""
    return _MARKS[reason]


def reason_of(character: str) -> Reason | None:
    """The reason a box character stands for; None for any other character."""
    return _REASONS.get(character)


def printed(message: BundleMessage) -> str:
    """The text a transcript prints: stored pieces as they are, one box per withheld span."""
    if message.withheld is not None:
        return ""
    if not message.segments:
        return message.text
    return "".join(
        piece.text if piece.reason is None else mark(piece.reason) for piece in message.segments
    )


def pieces(text: str) -> list[tuple[str, Reason | None]]:
    """A printed text cut into plain runs (reason None) and boxes, in order."""
    out: list[tuple[str, Reason | None]] = []
    at = 0
    for found in MARK.finditer(text):
        if found.start() > at:
            out.append((text[at : found.start()], None))
        out.append(("", _REASONS[found.group()]))
        at = found.end()
    if at < len(text):
        out.append((text[at:], None))
    return out


def message_reason(message: BundleMessage) -> Reason | None:
    """Why a message is redacted (withheld, else its first span's reason); None if it is not."""
    if message.withheld is not None:
        return message.withheld
    return next((p.reason for p in message.segments if p.reason is not None), None)


def _overlaps(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@dataclass(frozen=True, slots=True)
class Redactions:
    """What a bundle's records redact, looked up by the layout: built once per render."""

    images: dict[str, tuple[ImageRegion, ...]] = field(default_factory=dict)  # by sha256
    messages: dict[str, BundleMessage] = field(default_factory=dict)  # redacted, by commitment
    spans: int = 0
    withheld: int = 0
    regions: int = 0  # the plan's regions that are drawn (bubbles of redacted messages aside)

    def __bool__(self) -> bool:
        return bool(self.spans or self.withheld or self.regions)

    def of_image(self, sha256: str) -> tuple[ImageRegion, ...]:
        return self.images.get(sha256, ())

    def covers(self, sha256: str, box: tuple[int, int, int, int]) -> Reason | None:
        """The reason of a region of image ``sha256`` that overlaps ``box``, if any."""
        return next((r.reason for r in self.of_image(sha256) if _overlaps(r.box, box)), None)

    @classmethod
    def of(cls, data: BundleData) -> Redactions:
        images: dict[str, list[ImageRegion]] = {}
        planned = [r for original in data.originals for r in original.regions]
        planned += [r for e in data.exhibits for shot in e.screenshots for r in shot.regions]
        planned += [r for e in data.exhibits for s in e.screenshots for r in s.original.regions]
        for region in dict.fromkeys(planned):  # a screenshot may be drawn in two exhibits
            images.setdefault(region.original, []).append(region)
        messages = {
            m.commitment: m
            for exhibit in data.exhibits
            for m in exhibit.messages
            if message_reason(m) is not None
        }
        for check in data.screenshot_checks:
            for bubble in check.bubbles:
                message = bubble.message
                found = messages.get(message.commitment) if message else None
                reason = message_reason(found) if found else None
                if reason is not None:
                    images.setdefault(check.original.sha256, []).append(
                        ImageRegion(check.original.sha256, bubble.box, reason, Origin.DEFAULT)
                    )
        return cls(
            {sha: tuple(found) for sha, found in images.items()},
            messages,
            spans=sum(
                1 for m in messages.values() for piece in m.segments if piece.reason is not None
            ),
            withheld=sum(1 for m in messages.values() if m.withheld is not None),
            regions=len(dict.fromkeys(planned)),
        )


@lru_cache(maxsize=1)
def _font_file() -> str:
    return str(resource_path("fonts", "wqy-microhei.ttc"))


def black_out(picture: Any, regions: Iterable[ImageRegion], scale: float = 1.0) -> Any:
    """A copy of ``picture`` (a Pillow RGB image) with every region painted black and its
    reason code burnt in white; ``scale`` maps the original's pixels to ``picture``'s (an
    image decoded at a reduced size). ``picture`` itself is left as it is."""
    regions = list(regions)
    if not regions:
        return picture
    copy = picture.copy()
    draw = ImageDraw.Draw(copy)
    for region in regions:
        left, top, right, bottom = (round(v * scale) for v in region.box)
        left, top = max(0, left), max(0, top)
        right, bottom = min(copy.size[0], max(left + 1, right)), min(copy.size[1], bottom)
        if bottom <= top:
            continue
        draw.rectangle((left, top, right - 1, bottom - 1), fill=(0, 0, 0))
        _code(draw, region.reason.value, (left, top, right, bottom))
    return copy


def _code(draw: Any, code: str, box: Sequence[int]) -> None:
    """The reason code centred in ``box`` as large as fits (none in a box too small to read)."""
    width, height = box[2] - box[0], box[3] - box[1]
    size = int(min(height * 0.6, width / (len(code) * 0.75)))
    if size < 7:
        return
    font = ImageFont.truetype(_font_file(), size, index=0)
    left, top, right, bottom = draw.textbbox((0, 0), code, font=font)
    x = box[0] + (width - (right - left)) / 2 - left
    y = box[1] + (height - (bottom - top)) / 2 - top
    draw.text((x, y), code, fill=(255, 255, 255), font=font)
