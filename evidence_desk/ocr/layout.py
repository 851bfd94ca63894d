"""The chat a screenshot shows, rebuilt from OCR lines and their boxes: pure functions.

A chat screenshot has a fixed geometry, whatever the messenger or the mode (light or dark only
change colours, not boxes): a status bar, a title bar naming the contact, then the messages,
top to bottom, and an input bar. In the message area:

- a line centred between the margins is a **time separator** when it reads as a time
  ("09:12", "昨天 14:05", "星期一 09:00", "2026年1月5日 09:00", "Yesterday", "January 5, 2026")
  and a **system line** otherwise ("你已添加了…", "…撤回了一条消息");
- any other line belongs to a **bubble**: on the left (their message) when it is nearer the left
  edge than the right, on the right (ours) otherwise; consecutive lines of one side that are
  close below each other and start at the same x are one bubble (a wrapped message);
- WhatsApp prints each message's time inside its bubble, under the text: a line reading as a
  bare time just under a bubble's text is that bubble's time, not text.

WeChat centres its title and WhatsApp puts it beside the back arrow: the title's place tells
which layout it is (``style``).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import Final, Literal

from evidence_desk.ocr.engine import OcrLine

Side = Literal["them", "us"]
Style = Literal["wechat", "whatsapp"]

#: fractions of the image height: the status bar, the title bar's bottom, the input bar's top
_STATUS: Final = 0.04
_HEADER: Final = 0.12
_FOOTER: Final = 0.92
#: a centred line's two margins differ by at most this fraction of the width...
_CENTRED: Final = 0.05
#: ...and each is at least this fraction
_CENTRED_MARGIN: Final = 0.12
#: lines of one bubble: the next starts within this many line heights below the last
_SAME_BUBBLE_GAP: Final = 0.8
#: lines of one bubble start at the same x, within this fraction of the width
_SAME_BUBBLE_X: Final = 0.03

_WEEKDAYS: Final = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
_EN_WEEKDAYS: Final = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_MONTHS: Final = (
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"
)  # fmt: skip
_CLOCK = r"(?:(?P<half>上午|下午|中午|凌晨|早上|晚上)\s*)?(?P<h>\d{1,2})[:：](?P<m>\d{2})" + (
    r"(?:\s*(?P<ampm>am|pm))?"
)
_ZH_DAY = (
    r"(?P<rel>今天|昨天|前天)|星期(?P<wd>[一二三四五六日天])|周(?P<wd2>[一二三四五六日天])"
    r"|(?:(?P<y>\d{4})年)?(?P<mo>\d{1,2})月(?P<d>\d{1,2})日"
    r"|(?P<y2>\d{4})[/\-.](?P<mo2>\d{1,2})[/\-.](?P<d2>\d{1,2})"
)
_EN_DAY = (
    r"(?P<erel>today|yesterday)|(?P<ewd>monday|tuesday|wednesday|thursday|friday|saturday|"
    r"sunday)|(?P<emo>[a-z]{3,9})\s+(?P<ed>\d{1,2}),?\s*(?P<ey>\d{4})?"
    r"|(?P<nm>\d{1,2})/(?P<nd>\d{1,2})/(?P<ny>\d{2,4})"
)
_TIME_RE: Final = re.compile(rf"^(?:(?:{_ZH_DAY}|{_EN_DAY})[\s,]*)?(?:{_CLOCK})?$", re.IGNORECASE)
_BARE_CLOCK: Final = re.compile(r"^(?P<h>\d{1,2})[:：](?P<m>\d{2})(?:\s*(?:am|pm))?[✓✔√]*$", re.I)
_DASH_MONDAY: Final = re.compile(r"(星期|周)[—–―\-‐ー]")
_TICKS: Final = re.compile(r"[\s✓✔√]+$")
_CJK: Final = re.compile(r"[\u3000-\u9fff\uff00-\uffef]")


@dataclass(frozen=True, slots=True)
class TimeMark:
    """What a time separator (or a WhatsApp bubble's time) says.

    ``day`` is "" (none given: today), "today", "yesterday", "before_yesterday", "weekday"
    (``weekday`` 0 = Monday) or "date" (``month``/``day_of_month``, ``year`` when written);
    ``minute_of_day`` is None when only a day is written ("Yesterday", "2026年1月5日")."""

    text: str
    day: str
    minute_of_day: int | None
    year: int | None = None
    month: int | None = None
    day_of_month: int | None = None
    weekday: int | None = None

    def as_json(self) -> dict[str, object]:
        return {
            "text": self.text,
            "day": self.day,
            "minute_of_day": self.minute_of_day,
            "date": self.date_text(),
            "weekday": self.weekday,
        }

    def date_text(self) -> str | None:
        if self.month is None or self.day_of_month is None:
            return None
        if self.year is None:
            return f"--{self.month:02d}-{self.day_of_month:02d}"
        return date(self.year, self.month, self.day_of_month).isoformat()


@dataclass(frozen=True, slots=True)
class Bubble:
    """One message bubble: its side, its text (wrapped lines joined), its box (left, top,
    right, bottom), the indices of its lines, and the time printed inside it (WhatsApp)."""

    side: Side
    text: str
    box: tuple[int, int, int, int]
    lines: tuple[int, ...]
    time: TimeMark | None = None


@dataclass(frozen=True, slots=True)
class Separator:
    mark: TimeMark
    top: int
    line: int


@dataclass(frozen=True, slots=True)
class SystemLine:
    text: str
    top: int
    line: int


Entry = Bubble | Separator | SystemLine


@dataclass(frozen=True, slots=True)
class ChatLayout:
    """The rebuilt chat: its title (the contact's name as shown), layout, entries in order."""

    title: str
    style: Style
    entries: tuple[Entry, ...]

    @property
    def bubbles(self) -> tuple[Bubble, ...]:
        return tuple(e for e in self.entries if isinstance(e, Bubble))

    def separator_of(self, bubble: Bubble) -> Separator | None:
        """The nearest time separator above the bubble."""
        found: Separator | None = None
        for entry in self.entries:
            if entry is bubble:
                return found
            if isinstance(entry, Separator):
                found = entry
        return found

    def next_separator(self, bubble: Bubble) -> Separator | None:
        """The nearest time separator below the bubble (where its time span ends)."""
        seen = False
        for entry in self.entries:
            if entry is bubble:
                seen = True
            elif seen and isinstance(entry, Separator):
                return entry
        return None


def normalise(text: str) -> str:
    """NFKC (full-width digits and punctuation as ASCII: OCR reads "，" or "," for one comma)
    without spaces (CJK has none; OCR drops or adds them)."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def parse_time(text: str) -> TimeMark | None:
    """The time a separator says, or None when the text is not a time."""
    # OCR reads the 一 of 星期一 / 周一 as a dash: in a time, it can only be that
    cleaned = _DASH_MONDAY.sub(r"\1一", unicodedata.normalize("NFKC", text).strip())
    match = _TIME_RE.match(cleaned)
    if match is None or not cleaned:
        return None
    g = match.groupdict()
    minute = _minute(g)
    if minute is False:
        return None
    day, year, month, dom, weekday = "", None, None, None, None
    if g["rel"] or g["erel"]:
        rel = (g["rel"] or g["erel"]).lower()
        day = {
            "今天": "today",
            "today": "today",
            "昨天": "yesterday",
            "yesterday": "yesterday",
        }.get(rel, "before_yesterday")
    elif g["wd"] or g["wd2"]:
        day, weekday = "weekday", _WEEKDAYS[g["wd"] or g["wd2"]]
    elif g["ewd"]:
        day, weekday = "weekday", _EN_WEEKDAYS.index(g["ewd"][:3].lower())
    elif g["mo"] or g["mo2"]:
        day = "date"
        year = _int(g["y"] or g["y2"])
        month, dom = int(g["mo"] or g["mo2"]), int(g["d"] or g["d2"])
    elif g["emo"]:
        if g["emo"][:3].lower() not in _MONTHS:
            return None
        day, month, dom = "date", _MONTHS.index(g["emo"][:3].lower()) + 1, int(g["ed"])
        year = _int(g["ey"])
    elif g["nm"]:
        day, month, dom = "date", int(g["nm"]), int(g["nd"])
        year = int(g["ny"]) + (2000 if len(g["ny"]) == 2 else 0)
    if minute is None and not day:
        return None
    if month is not None and dom is not None and not _valid_date(year, month, dom):
        return None
    return TimeMark(cleaned, day, minute, year, month, dom, weekday)


def _int(value: str | None) -> int | None:
    return None if not value else int(value)


def _valid_date(year: int | None, month: int, dom: int) -> bool:
    try:
        date(year or 2000, month, dom)  # 2000: a leap year, so 2月29日 stands
    except ValueError:
        return False
    return True


def _minute(g: dict[str, str | None]) -> int | bool | None:
    """Minutes since midnight, None when no clock is written, False when it is no time."""
    if g["h"] is None or g["m"] is None:
        return None
    hour, minute = int(g["h"]), int(g["m"])
    half, ampm = g["half"], (g["ampm"] or "").lower()
    if half in {"下午", "晚上"} or (half == "中午" and hour < 11) or ampm == "pm":
        hour = hour + 12 if hour < 12 else hour
    elif ampm == "am" and hour == 12:
        hour = 0
    if hour > 23 or minute > 59:
        return False
    return hour * 60 + minute


def layout(lines: tuple[OcrLine, ...], width: int, height: int) -> ChatLayout:
    """Rebuild the chat from the engine's lines of a ``width`` x ``height`` screenshot."""
    header = [
        (i, ln)
        for i, ln in enumerate(lines)
        if ln.bottom <= _HEADER * height and ln.top >= _STATUS * height
    ]
    title: str = ""
    style: Style = "wechat"
    if header:
        _index, top = max(
            header, key=lambda pair: (pair[1].bottom - pair[1].top, len(pair[1].text))
        )
        title = top.text.strip()
        centre = (top.left + top.right) / 2
        style = "wechat" if abs(centre - width / 2) < 0.08 * width else "whatsapp"
    body = sorted(
        (
            (i, ln)
            for i, ln in enumerate(lines)
            if ln.bottom > _HEADER * height and ln.top < _FOOTER * height
        ),
        key=lambda pair: (pair[1].top, pair[1].left),
    )
    entries: list[Entry] = []
    open_bubble: list[tuple[int, OcrLine]] = []
    bubble_time: TimeMark | None = None

    def close() -> None:
        nonlocal open_bubble, bubble_time
        if open_bubble:
            entries.append(_bubble(open_bubble, bubble_time, width))
        open_bubble, bubble_time = [], None

    for index, line in body:
        left_margin, right_margin = line.left, width - line.right
        centred = (
            abs(left_margin - right_margin) <= _CENTRED * width
            and min(left_margin, right_margin) >= _CENTRED_MARGIN * width
        )
        if centred and not (open_bubble and _continues(line, open_bubble[-1][1], width)):
            close()
            mark = parse_time(line.text)
            if mark is not None:
                entries.append(Separator(mark, line.top, index))
            else:
                entries.append(SystemLine(line.text.strip(), line.top, index))
            continue
        if open_bubble and bubble_time is None and _bubble_time(line, open_bubble, width):
            bubble_time = parse_time(_TICKS.sub("", line.text))  # WhatsApp's read ticks
            continue
        if open_bubble and not _continues(line, open_bubble[-1][1], width):
            close()
        open_bubble.append((index, line))
    close()
    return ChatLayout(title, style, tuple(entries))


def _continues(line: OcrLine, last: OcrLine, width: int) -> bool:
    gap = line.top - last.bottom
    return gap < _SAME_BUBBLE_GAP * (last.bottom - last.top) and (
        abs(line.left - last.left) <= _SAME_BUBBLE_X * width
    )


def _bubble_time(line: OcrLine, bubble: list[tuple[int, OcrLine]], width: int) -> bool:
    """A WhatsApp time under the bubble's text: a bare clock, smaller than the text, just
    below it and ending at or right of the bubble's text."""
    if _BARE_CLOCK.match(normalise(line.text)) is None:
        return False
    last = bubble[-1][1]
    text_height = last.bottom - last.top
    near = line.top - last.bottom < _SAME_BUBBLE_GAP * text_height
    return near and line.bottom - line.top < text_height and line.right >= last.left


def _bubble(lines: list[tuple[int, OcrLine]], time: TimeMark | None, width: int) -> Bubble:
    """The bubble of these lines; its side is where its whole box leans (a wrapped message's
    short last line may lean the other way on its own)."""
    text = ""
    for _index, line in lines:
        piece = line.text.strip()
        if text and not (_CJK.search(text[-1]) or _CJK.search(piece[:1])):
            text += " "
        text += piece
    box = (
        min(ln.left for _, ln in lines),
        min(ln.top for _, ln in lines),
        max(ln.right for _, ln in lines),
        max(ln.bottom for _, ln in lines),
    )
    side: Side = "them" if box[0] < width - box[2] else "us"
    return Bubble(side, text, box, tuple(i for i, _ in lines), time)
