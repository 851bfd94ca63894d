"""A screenshot's bubbles against the export of the same contact: pure functions.

Each bubble is **matched** (an export message of the same side has the same text, and its time
is consistent with the screenshot's times), **differs** (the closest message differs: in its
characters, which are marked, in its side, or in its time) or **not in the export** (nothing
close). Export messages between the first and the last message the screenshot shows that no
bubble shows are **skipped**: the screenshot leaves them out (or the export has more).

Texts are compared after :func:`~evidence_desk.ocr.layout.normalise` (NFKC, no spaces): OCR
reads a Chinese comma "，" as "," and drops spaces, neither of which changes what was said;
every other character counts, so "48,600" against "4,860" differs.

Times: a WhatsApp bubble prints its own minute, which must be the message's. A WeChat bubble
lies under a separator; its message must be at or after the separator's minute and at or
before the next separator's. The day is checked too where the screenshot proves one: a written
date, or a relative day ("14:05" is today, "昨天 14:05", "星期一 10:30", "Yesterday 2:05 PM")
resolved against the day the screenshot was taken (its ``anchor``, from the image's capture
time). With no anchor a relative day proves nothing: a weekday is still compared as a weekday,
a date without a year as month and day, and the rest at minute level only, which each verdict
says (``time_basis``: "date", "weekday", "month_day", "clock_only", or "none" for a bubble
under no separator and with no time of its own). A date written above still bounds it: the
message cannot be older than the newest full date shown above the bubble.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Final, Literal

from evidence_desk.ocr.layout import Bubble, ChatLayout, Separator, TimeMark, normalise

Status = Literal["matched", "differs", "not_in_export"]
MessageSide = Literal["them", "us", "system"]
TimeBasis = Literal["date", "weekday", "month_day", "clock_only", "none"]

#: the closest message is "the same message, changed" from this similarity on (difflib ratio)
CLOSE_ENOUGH: Final = 0.5
_TOKEN: Final = re.compile(r"\d(?:[\d,.]*\d)?|.", re.DOTALL)


@dataclass(frozen=True, slots=True)
class ExportMessage:
    """A message of the export as the check needs it: its id (the store's message id), local
    time in the export's zone, side and text."""

    id: int
    local: datetime
    side: MessageSide
    text: str


@dataclass(frozen=True, slots=True)
class Difference:
    """One differing stretch: "replace", "delete" (only in the screenshot) or "insert" (only
    in the export), with the characters on each side."""

    op: str
    screenshot: str
    export: str

    def as_json(self) -> dict[str, str]:
        return {"op": self.op, "screenshot": self.screenshot, "export": self.export}


@dataclass(frozen=True, slots=True)
class BubbleCheck:
    """The verdict on one bubble; ``reasons`` say what differs ("text", "side", "time")."""

    bubble: Bubble
    status: Status
    message: ExportMessage | None = None
    reasons: tuple[str, ...] = ()
    differences: tuple[Difference, ...] = ()
    time_basis: TimeBasis = "none"

    def as_json(self) -> dict[str, object]:
        out: dict[str, object] = {
            "text": self.bubble.text,
            "side": self.bubble.side,
            "status": self.status,
            "box": list(self.bubble.box),
            "time_basis": self.time_basis,
        }
        if self.message is not None:
            out["message_id"] = self.message.id
            out["export_text"] = self.message.text
            out["export_side"] = self.message.side
            out["export_time"] = self.message.local.isoformat()
        if self.reasons:
            out["reasons"] = list(self.reasons)
        if self.differences:
            out["differences"] = [d.as_json() for d in self.differences]
            out["marked"] = marked(self.bubble.text, self.message)
        return out


@dataclass(frozen=True, slots=True)
class ScreenshotCheck:
    """Every bubble's verdict and the export messages the screenshot skips."""

    bubbles: tuple[BubbleCheck, ...]
    skipped: tuple[ExportMessage, ...] = field(default=())

    @property
    def clean(self) -> bool:
        return not self.skipped and all(b.status == "matched" for b in self.bubbles)


def crosscheck(
    chat: ChatLayout, messages: list[ExportMessage], anchor: date | None = None
) -> ScreenshotCheck:
    """Check every bubble of ``chat`` against ``messages`` (the contact's, in export order);
    ``anchor`` is the local day the screenshot was taken, when known."""
    used: set[int] = set()
    verdicts: list[BubbleCheck] = []
    after = -1  # the position of the last message a bubble took: the screenshot reads in order
    for bubble in chat.bubbles:
        verdict, position = _check(chat, bubble, messages, used, after, anchor)
        if position is not None:
            used.add(position)
            after = max(after, position)
        verdicts.append(dataclasses.replace(verdict, time_basis=time_basis(chat, bubble, anchor)))
    shown = [i for i, m in enumerate(messages) if i in used]
    skipped: tuple[ExportMessage, ...] = ()
    if shown:
        skipped = tuple(
            m
            for i, m in enumerate(messages)
            if min(shown) < i < max(shown) and i not in used and m.side != "system"
        )
    return ScreenshotCheck(tuple(verdicts), skipped)


def _check(
    chat: ChatLayout,
    bubble: Bubble,
    messages: list[ExportMessage],
    used: set[int],
    after: int,
    anchor: date | None,
) -> tuple[BubbleCheck, int | None]:
    text = normalise(bubble.text)
    free = [i for i, m in enumerate(messages) if i not in used and m.side != "system"]
    # in order first: a screenshot shows messages as the export lists them
    free.sort(key=lambda i: (i <= after, i if i > after else -i))
    timely = {i for i in free if time_consistent(chat, bubble, messages[i].local, anchor)}
    same_text = [i for i in free if normalise(messages[i].text) == text]
    for i in same_text:
        if messages[i].side == bubble.side and i in timely:
            return BubbleCheck(bubble, "matched", messages[i]), i
    if same_text:
        i = next((j for j in same_text if messages[j].side == bubble.side), same_text[0])
        reasons = tuple(
            reason
            for reason, differs in (
                ("side", messages[i].side != bubble.side),
                ("time", i not in timely),
            )
            if differs
        )
        return BubbleCheck(bubble, "differs", messages[i], reasons), i
    pool = [i for i in free if i in timely and messages[i].side == bubble.side] or [
        i for i in free if messages[i].side == bubble.side
    ]
    best, score = None, 0.0
    for i in pool:
        ratio = difflib.SequenceMatcher(None, text, normalise(messages[i].text)).ratio()
        if ratio > score:
            best, score = i, ratio
    if best is None or score < CLOSE_ENOUGH:
        return BubbleCheck(bubble, "not_in_export"), None
    message = messages[best]
    reasons = ("text",) + (() if best in timely else ("time",))
    return BubbleCheck(bubble, "differs", message, reasons, differences(text, message.text)), best


def _tokens(text: str) -> list[str]:
    """A number (digits with their group and decimal marks) is one token, anything else one
    character: "48,600" against "4,860" is one changed amount, not three moved characters."""
    return _TOKEN.findall(normalise(text))


def _opcodes(a: list[str], b: list[str]) -> Sequence[tuple[str, int, int, int, int]]:
    return difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()


def differences(screenshot: str, export: str) -> tuple[Difference, ...]:
    """The stretches in which the two texts (normalised) differ."""
    a, b = _tokens(screenshot), _tokens(export)
    return tuple(
        Difference(op, "".join(a[i1:i2]), "".join(b[j1:j2]))
        for op, i1, i2, j1, j2 in _opcodes(a, b)
        if op != "equal"
    )


def aligned(screenshot: str, export: str) -> tuple[Difference, ...]:
    """Both texts (normalised) stretch by stretch, the equal ones too (op "equal"): what a
    printed comparison marks, a changed amount as one stretch."""
    a, b = _tokens(screenshot), _tokens(export)
    return tuple(
        Difference(op, "".join(a[i1:i2]), "".join(b[j1:j2]))
        for op, i1, i2, j1, j2 in _opcodes(a, b)
    )


def marked(screenshot: str, message: ExportMessage | None) -> dict[str, str]:
    """Both texts (normalised) with the differing stretches in brackets: ``[...]``."""
    a = _tokens(screenshot)
    b = _tokens(message.text) if message is not None else []
    left, right = [], []
    for op, i1, i2, j1, j2 in _opcodes(a, b):
        if op == "equal":
            left.append("".join(a[i1:i2]))
            right.append("".join(b[j1:j2]))
            continue
        left.append(f"[{''.join(a[i1:i2])}]")
        right.append(f"[{''.join(b[j1:j2])}]")
    return {"screenshot": "".join(left), "export": "".join(right)}


def time_consistent(
    chat: ChatLayout, bubble: Bubble, local: datetime, anchor: date | None = None
) -> bool:
    """Is a message sent at ``local`` (the export's zone) where the screenshot shows it?"""
    minute = local.hour * 60 + local.minute
    above = chat.separator_of(bubble)
    if above is not None and not _same_day(above.mark, local, anchor):
        return False
    floor = _newest_date_above(chat, bubble)
    if floor is not None and local.date() < floor:
        return False
    if bubble.time is not None and bubble.time.minute_of_day is not None:
        return minute == bubble.time.minute_of_day
    if above is None:
        return True
    mark = above.mark
    if mark.minute_of_day is None:
        return True
    if minute < mark.minute_of_day:
        return False
    below = chat.next_separator(bubble)
    if (
        below is not None
        and below.mark.minute_of_day is not None
        and below.mark.minute_of_day >= mark.minute_of_day
        and below.mark.day == mark.day
    ):
        return minute <= below.mark.minute_of_day
    return True


def time_basis(chat: ChatLayout, bubble: Bubble, anchor: date | None) -> TimeBasis:
    """How much of a bubble's time the screenshot proves (see the module's docstring)."""
    above = chat.separator_of(bubble)
    own = bubble.time is not None and bubble.time.minute_of_day is not None
    if above is None:
        return "clock_only" if own else "none"
    mark = above.mark
    if day_of(mark, anchor) is not None:
        return "date"
    if mark.day == "weekday":
        return "weekday"
    if mark.day == "date":
        return "month_day"
    return "clock_only"


def day_of(mark: TimeMark, anchor: date | None) -> date | None:
    """The calendar day a time mark names: its written date (a date without a year takes the
    anchor's year, or the year before when that would lie after the anchor), or a relative day
    counted back from ``anchor``; None when the screenshot does not prove one."""
    if mark.day == "date" and mark.month is not None and mark.day_of_month is not None:
        if mark.year is not None:
            return date(mark.year, mark.month, mark.day_of_month)
        if anchor is None:
            return None
        for year in (anchor.year, anchor.year - 1):
            try:
                found = date(year, mark.month, mark.day_of_month)
            except ValueError:  # 2月29日 in a year without one
                continue
            if found <= anchor:
                return found
        return None
    if anchor is None:
        return None
    back = {"": 0, "today": 0, "yesterday": 1, "before_yesterday": 2}.get(mark.day)
    if back is not None:
        return anchor - timedelta(days=back)
    if mark.day == "weekday" and mark.weekday is not None:
        # WeChat names a weekday for the days of the last week before yesterday
        return anchor - timedelta(days=(anchor.weekday() - mark.weekday) % 7 or 7)
    return None


def _newest_date_above(chat: ChatLayout, bubble: Bubble) -> date | None:
    """The newest full date (with its year) a separator above the bubble writes."""
    newest: date | None = None
    for entry in chat.entries:
        if entry is bubble:
            break
        if isinstance(entry, Separator):
            day = day_of(entry.mark, None)
            if day is not None and (newest is None or day > newest):
                newest = day
    return newest


def _same_day(mark: TimeMark, local: datetime, anchor: date | None) -> bool:
    day = day_of(mark, anchor)
    if day is not None:
        return local.date() == day
    if mark.day == "weekday":
        return local.weekday() == mark.weekday
    if mark.day == "date":
        return (local.month, local.day) == (mark.month, mark.day_of_month)
    return True  # today, yesterday, or none, and no anchor: the screenshot's day is not known
