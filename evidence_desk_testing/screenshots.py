"""Chat screenshots rendered for the OCR tests and bench/ocr.py: WeChat- and WhatsApp-like.

Drawn with Pillow and the app's own CJK font (evidence_desk/data/fonts/wqy-microhei.ttc): a
status bar, a title bar with the contact's name, time separators and system lines centred,
bubbles on the left (them) and right (us) beside square avatars, light or dark. The renderer
knows what it drew, so a test can compare what the OCR pipeline rebuilt with the truth.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Final, Literal

from PIL import Image, ImageDraw, ImageFont

from evidence_desk.resources import resource_path

Kind = Literal["time", "system", "them", "us"]
Style = Literal["wechat", "whatsapp"]


@dataclass(frozen=True, slots=True)
class Row:
    """One thing in the chat: a time separator, a system line or a bubble (them or us)."""

    kind: Kind
    text: str
    time: str = ""  # WhatsApp: the time printed inside the bubble


@dataclass(frozen=True, slots=True)
class Palette:
    background: str
    bar: str
    title: str
    them: str
    us: str
    text: str
    us_text: str
    meta: str
    avatar: str


_PALETTES: Final = {
    ("wechat", False): Palette(
        "#EDEDED",
        "#EDEDED",
        "#111111",
        "#FFFFFF",
        "#95EC69",
        "#111111",
        "#111111",
        "#9E9E9E",
        "#B0B0B0",
    ),
    ("wechat", True): Palette(
        "#111111",
        "#111111",
        "#D5D5D5",
        "#2C2C2C",
        "#3EB575",
        "#D5D5D5",
        "#0F0F0F",
        "#7A7A7A",
        "#4A4A4A",
    ),
    ("whatsapp", False): Palette(
        "#EFE7DE",
        "#075E54",
        "#FFFFFF",
        "#FFFFFF",
        "#DCF8C6",
        "#111111",
        "#111111",
        "#667781",
        "#9E9E9E",
    ),
    ("whatsapp", True): Palette(
        "#0B141A",
        "#1F2C34",
        "#E9EDEF",
        "#202C33",
        "#005C4B",
        "#E9EDEF",
        "#E9EDEF",
        "#8696A0",
        "#3B4A54",
    ),
}


@dataclass(frozen=True, slots=True)
class Chat:
    """What to draw: the contact's name and the rows, top to bottom."""

    title: str
    rows: tuple[Row, ...]
    style: Style = "wechat"
    dark: bool = False
    width: int = 720
    height: int = 1280


def font(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(resource_path("fonts", "wqy-microhei.ttc")), size)


def render(chat: Chat) -> Image.Image:
    """The screenshot as an RGB image (rows that do not fit above the input bar are left out)."""
    return render_rows(chat)[0]


def render_rows(chat: Chat) -> tuple[Image.Image, tuple[Row, ...]]:
    """The screenshot and the rows it shows (those that fit above the input bar)."""
    colours = _PALETTES[(chat.style, chat.dark)]
    w, h = chat.width, chat.height
    unit = w / 720
    image = Image.new("RGB", (w, h), colours.background)
    draw = ImageDraw.Draw(image)
    status, bar = round(48 * unit), round(96 * unit)
    draw.rectangle((0, 0, w, status + bar), fill=colours.bar)
    small = font(round(22 * unit))
    draw.text((round(24 * unit), round(12 * unit)), "9:41", font=small, fill=colours.title)
    draw.text((w - round(90 * unit), round(12 * unit)), "100%", font=small, fill=colours.title)
    title_font = font(round(32 * unit))
    if chat.style == "wechat":
        draw.text(
            (w / 2, status + bar / 2), chat.title, font=title_font, fill=colours.title, anchor="mm"
        )
    else:
        draw.text(
            (round(110 * unit), status + bar / 2),
            chat.title,
            font=title_font,
            fill=colours.title,
            anchor="lm",
        )
    body = font(round(30 * unit))
    meta = font(round(22 * unit))
    y = status + bar + round(24 * unit)
    avatar = round(72 * unit)
    margin = round(20 * unit)
    pad = round(20 * unit)
    max_text = round(w * 0.56)
    bottom = h - round(100 * unit)
    shown: list[Row] = []
    for row in chat.rows:
        if row.kind in {"time", "system"}:
            if y + round(64 * unit) > bottom:
                break
            shown.append(row)
            draw.text(
                (w / 2, y + round(16 * unit)), row.text, font=meta, fill=colours.meta, anchor="mm"
            )
            y += round(64 * unit)
            continue
        lines = _wrap(draw, row.text, body, max_text)
        line_h = round(42 * unit)
        text_w = max(draw.textlength(line, font=body) for line in lines)
        extra = round(30 * unit) if chat.style == "whatsapp" and row.time else 0
        bubble_w = round(text_w) + 2 * pad
        bubble_h = len(lines) * line_h + 2 * round(14 * unit) + extra
        if y + max(bubble_h, avatar) > bottom:
            break
        shown.append(row)
        if row.kind == "them":
            if chat.style == "wechat":
                draw.rectangle((margin, y, margin + avatar, y + avatar), fill=colours.avatar)
            left = margin + (avatar + round(16 * unit) if chat.style == "wechat" else 0)
        else:
            if chat.style == "wechat":
                draw.rectangle(
                    (w - margin - avatar, y, w - margin, y + avatar), fill=colours.avatar
                )
            right = w - margin - (avatar + round(16 * unit) if chat.style == "wechat" else 0)
            left = right - bubble_w
        fill = colours.them if row.kind == "them" else colours.us
        ink = colours.text if row.kind == "them" else colours.us_text
        draw.rounded_rectangle((left, y, left + bubble_w, y + bubble_h), round(8 * unit), fill=fill)
        for index, line in enumerate(lines):
            draw.text(
                (left + pad, y + round(14 * unit) + index * line_h), line, font=body, fill=ink
            )
        if extra:
            draw.text(
                (left + bubble_w - pad, y + bubble_h - round(10 * unit)),
                row.time,
                font=meta,
                fill=colours.meta,
                anchor="rb",
            )
        y += max(bubble_h, avatar if chat.style == "wechat" else 0) + round(28 * unit)
    draw.rectangle((0, bottom, w, h), fill=colours.bar)
    return image, tuple(shown)


def png(chat: Chat) -> bytes:
    out = io.BytesIO()
    render(chat).save(out, format="PNG")
    return out.getvalue()


def _wrap(
    draw: ImageDraw.ImageDraw, text: str, face: ImageFont.FreeTypeFont, limit: int
) -> list[str]:
    """Break ``text`` into lines no wider than ``limit`` (character by character, as CJK)."""
    lines: list[str] = []
    current = ""
    for char in text:
        if current and draw.textlength(current + char, font=face) > limit:
            lines.append(current)
            current = char
        else:
            current += char
    return [*lines, current] if current else lines or [""]
