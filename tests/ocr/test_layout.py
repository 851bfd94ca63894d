"""The chat rebuilt from OCR lines and boxes, and the cross-check, on lines given here.

The boxes are those the engine gives for the screenshots evidence_desk_testing/screenshots.py
draws (WeChat: title centred, avatars beside the bubbles; WhatsApp: title beside the back
arrow, each bubble's time inside it); tests/ocr/test_screenshots_checked.py runs the engine.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from evidence_desk.ocr.crosscheck import ExportMessage, aligned, crosscheck, differences
from evidence_desk.ocr.engine import OcrLine
from evidence_desk.ocr.layout import Bubble, Separator, SystemLine, layout, parse_time

W, H = 720, 1280
SHANGHAI = ZoneInfo("Asia/Shanghai")


def line(text: str, left: int, top: int, right: int, bottom: int) -> OcrLine:
    return OcrLine(text, ((left, top), (right, top), (right, bottom), (left, bottom)), 0.99)


WECHAT = (
    line("9:41", 20, 11, 69, 39),  # status bar
    line("100%", 627, 12, 689, 39),
    line("陈立新", 311, 77, 412, 114),  # title, centred
    line("你已添加了陈立新，现在可以开始聊天了。", 160, 150, 560, 176),
    line("昨天14:05", 306, 201, 415, 227),
    line("你好，我下周一还款", 128, 277, 399, 311),
    line("好的，请按时还款48,600元，", 202, 348, 570, 380),  # our bubble, wrapped...
    line("谢谢您的配合，如有问题请随", 204, 392, 593, 421),
    line("时联系我们的客服", 199, 431, 443, 466),  # ...its short last line leans left
    line("陈立新撤回了一条消息", 248, 517, 470, 542),
    line("09:12", 330, 581, 391, 609),
    line("收到", 125, 655, 191, 692),
    line("按住 说话", 300, 1200, 420, 1230),  # the input bar: not a message
)


def test_wechat_title_bubbles_sides_separators_and_system_lines() -> None:
    chat = layout(WECHAT, W, H)
    assert (chat.title, chat.style) == ("陈立新", "wechat")
    kinds = [type(entry).__name__ for entry in chat.entries]
    assert kinds == [
        "SystemLine",
        "Separator",
        "Bubble",
        "Bubble",
        "SystemLine",
        "Separator",
        "Bubble",
    ]
    first, ours, last = chat.bubbles
    assert (first.side, first.text) == ("them", "你好，我下周一还款")
    assert ours.side == "us"
    assert ours.text == "好的，请按时还款48,600元，谢谢您的配合，如有问题请随时联系我们的客服"
    assert ours.box == (199, 348, 593, 466) and ours.lines == (6, 7, 8)
    assert (last.side, last.text) == ("them", "收到")
    recall = chat.entries[4]
    assert isinstance(recall, SystemLine) and recall.text == "陈立新撤回了一条消息"
    above = chat.separator_of(ours)
    assert above is not None and above.mark.minute_of_day == 14 * 60 + 5
    assert above.mark.day == "yesterday"
    below = chat.next_separator(ours)
    assert below is not None and below.mark.text == "09:12"


WHATSAPP = (
    line("9:41", 20, 11, 69, 40),
    line("陈立新", 108, 77, 209, 115),  # title beside the back arrow
    line("Yesterday", 310, 171, 410, 197),
    line("你好，我下周一还款", 42, 249, 311, 281),
    line("14:05", 253, 300, 315, 328),  # the bubble's own time
    line("好的，请按时还款48,600元", 291, 378, 657, 407),
    line("14:06 ✓✓", 600, 430, 685, 452),
    line("Today", 330, 500, 390, 526),
    line("收到", 38, 580, 104, 617),
    line("09:12", 43, 635, 105, 662),
)


def test_whatsapp_times_inside_the_bubbles_and_a_title_on_the_left() -> None:
    chat = layout(WHATSAPP, W, H)
    assert (chat.title, chat.style) == ("陈立新", "whatsapp")
    separators = [e for e in chat.entries if isinstance(e, Separator)]
    assert [s.mark.day for s in separators] == ["yesterday", "today"]
    assert all(s.mark.minute_of_day is None for s in separators)
    bubbles = chat.bubbles
    assert [(b.side, b.text) for b in bubbles] == [
        ("them", "你好，我下周一还款"),
        ("us", "好的，请按时还款48,600元"),
        ("them", "收到"),
    ]
    assert [b.time.minute_of_day if b.time else None for b in bubbles] == [845, 846, 552]


@pytest.mark.parametrize(
    ("text", "day", "minute", "date_text"),
    [
        ("09:12", "", 552, None),
        ("昨天 14:05", "yesterday", 845, None),
        ("2026年1月5日 09:00", "date", 540, "2026-01-05"),
        ("1月5日 下午3:30", "date", 930, "--01-05"),
        ("星期一 09:00", "weekday", 540, None),
        ("星期—10:30", "weekday", 630, None),  # OCR reads 一 as a dash
        ("下午 2:05", "", 845, None),
        ("Yesterday", "yesterday", None, None),
        ("January 5, 2026", "date", None, "2026-01-05"),
        ("1/5/26", "date", None, "2026-01-05"),
        ("12:30 PM", "", 750, None),
    ],
)
def test_times_separators_say(
    text: str, day: str, minute: int | None, date_text: str | None
) -> None:
    mark = parse_time(text)
    assert mark is not None
    assert (mark.day, mark.minute_of_day, mark.date_text()) == (day, minute, date_text)


@pytest.mark.parametrize("text", ["收到", "48,600", "你已添加了陈立新", "25:00", "2月30日", ""])
def test_other_lines_are_no_times(text: str) -> None:
    assert parse_time(text) is None


def at(day: int, hour: int, minute: int) -> datetime:
    return datetime(2026, 3, day, hour, minute, tzinfo=SHANGHAI)


EXPORT = [
    ExportMessage(1, at(1, 14, 5), "them", "你好，我下周一还款"),
    ExportMessage(
        2, at(1, 14, 6), "us", "好的，请按时还款4,860元，谢谢您的配合，如有问题请随时联系我们的客服"
    ),
    ExportMessage(3, at(1, 14, 7), "system", "陈立新撤回了一条消息"),
    ExportMessage(4, at(1, 14, 8), "them", "我知道了"),
    ExportMessage(5, at(2, 9, 12), "them", "收到"),
]


def test_an_amount_changed_is_caught_and_marked() -> None:
    check = crosscheck(layout(WECHAT, W, H), EXPORT)
    statuses = [(b.status, b.message.id if b.message else None) for b in check.bubbles]
    assert statuses == [("matched", 1), ("differs", 2), ("matched", 5)]
    changed = check.bubbles[1]
    assert changed.reasons == ("text",)
    assert [d.as_json() for d in changed.differences] == [
        {"op": "replace", "screenshot": "48,600", "export": "4,860"}
    ]
    assert changed.as_json()["marked"] == {
        "screenshot": "好的,请按时还款[48,600]元,谢谢您的配合,如有问题请随时联系我们的客服",
        "export": "好的,请按时还款[4,860]元,谢谢您的配合,如有问题请随时联系我们的客服",
    }
    # the export's 我知道了 lies between what the screenshot shows: skipped (the recall is a
    # system line, not a message the screenshot could show as a bubble)
    assert [m.id for m in check.skipped] == [4]
    assert not check.clean


def test_a_bubble_the_export_lacks_and_a_wrong_side_or_time() -> None:
    chat = layout(
        (
            line("陈立新", 311, 77, 412, 114),
            line("昨天14:05", 306, 201, 415, 227),
            line("你好，我下周一还款", 502, 277, 640, 311),  # on our side
            line("我从来没有借过钱", 128, 350, 380, 384),
            line("昨天14:10", 306, 581, 415, 609),
            line("我知道了", 125, 655, 240, 692),  # under 14:10, sent at 14:08
        ),
        W,
        H,
    )
    check = crosscheck(chat, EXPORT)
    assert [(b.status, b.reasons) for b in check.bubbles] == [
        ("differs", ("side",)),
        ("not_in_export", ()),
        ("differs", ("time",)),
    ]
    assert check.bubbles[1].as_json().keys() == {"text", "side", "status", "box", "time_basis"}


def test_every_bubble_matched_is_clean() -> None:
    faithful = tuple(
        line("好的，请按时还款4,860元，", 202, 348, 570, 380) if ln.text.startswith("好的") else ln
        for ln in WECHAT
    )
    check = crosscheck(layout(faithful, W, H), [m for m in EXPORT if m.id != 4])
    assert [b.status for b in check.bubbles] == ["matched"] * 3
    assert check.clean
    assert isinstance(check.bubbles[0].bubble, Bubble)


def test_punctuation_width_and_spaces_are_not_differences() -> None:
    assert differences("好的，请 按时还款4,860元", "好的,请按时还款4，860元") == ()
    assert differences("收到了", "收到")[0].as_json() == {
        "op": "delete",
        "screenshot": "了",
        "export": "",
    }


def test_aligned_gives_every_stretch_the_printed_comparison_marks() -> None:
    stretches = [
        d.as_json() for d in aligned("好的，请按时还款48,600元", "好的,请按时还款4,860元了")
    ]
    assert stretches == [
        {"op": "equal", "screenshot": "好的,请按时还款", "export": "好的,请按时还款"},
        {"op": "replace", "screenshot": "48,600", "export": "4,860"},
        {"op": "equal", "screenshot": "元", "export": "元"},
        {"op": "insert", "screenshot": "", "export": "了"},
    ]
    # the differing stretches are exactly what differences() reports
    assert tuple(d for d in aligned("收到了", "收到") if d.op != "equal") == differences(
        "收到了", "收到"
    )
