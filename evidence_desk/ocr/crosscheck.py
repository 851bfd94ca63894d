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
before the next separator's, on the separator's date or weekday when it names one ("昨天" and
a bare clock name no day the screenshot proves, so only the minute is compared).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Final, Literal

from evidence_desk.ocr.layout import Bubble, ChatLayout, TimeMark, normalise

Status = Literal["matched", "differs", "not_in_export"]
MessageSide = Literal["them", "us", "system"]

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

    def as_json(self) -> dict[str, object]:
        out: dict[str, object] = {
            "text": self.bubble.text,
            "side": self.bubble.side,
            "status": self.status,
            "box": list(self.bubble.box),
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


def crosscheck(chat: ChatLayout, messages: list[ExportMessage]) -> ScreenshotCheck:
    """Check every bubble of ``chat`` against ``messages`` (the contact's, in export order)."""
    used: set[int] = set()
    verdicts: list[BubbleCheck] = []
    after = -1  # the position of the last message a bubble took: the screenshot reads in order
    for bubble in chat.bubbles:
        verdict, position = _check(chat, bubble, messages, used, after)
        if position is not None:
            used.add(position)
            after = max(after, position)
        verdicts.append(verdict)
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
    chat: ChatLayout, bubble: Bubble, messages: list[ExportMessage], used: set[int], after: int
) -> tuple[BubbleCheck, int | None]:
    text = normalise(bubble.text)
    free = [i for i, m in enumerate(messages) if i not in used and m.side != "system"]
    # in order first: a screenshot shows messages as the export lists them
    free.sort(key=lambda i: (i <= after, i if i > after else -i))
    timely = {i for i in free if time_consistent(chat, bubble, messages[i].local)}
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


def time_consistent(chat: ChatLayout, bubble: Bubble, local: datetime) -> bool:
    """Is a message sent at ``local`` (the export's zone) where the screenshot shows it?"""
    minute = local.hour * 60 + local.minute
    if bubble.time is not None and bubble.time.minute_of_day is not None:
        return minute == bubble.time.minute_of_day
    above = chat.separator_of(bubble)
    if above is None:
        return True
    mark = above.mark
    if not _same_day(mark, local):
        return False
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


def _same_day(mark: TimeMark, local: datetime) -> bool:
    if mark.day == "weekday":
        return local.weekday() == mark.weekday
    if mark.day == "date":
        if mark.year is not None and local.year != mark.year:
            return False
        return (local.month, local.day) == (mark.month, mark.day_of_month)
    return True  # today, yesterday, or none: the screenshot's own date is not known
