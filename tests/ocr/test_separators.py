"""Time separators that name a relative day, resolved against the day the screenshot was taken.

A bare clock ("14:05") is today, "昨天"/"Yesterday" the day before, "星期一" the last Monday
before yesterday: counted back from the capture day (the ``anchor``) the day is checked; with no
anchor only the minute is, and the verdict says so (``time_basis``). Layout-level inputs: the
boxes are those evidence_desk_testing/screenshots.py draws (see tests/ocr/test_layout.py).
"""

from __future__ import annotations

import io
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PIL import Image

from evidence_desk.ocr.crosscheck import ExportMessage, crosscheck, day_of
from evidence_desk.ocr.engine import OcrLine
from evidence_desk.ocr.layout import ChatLayout, layout, parse_time
from evidence_desk.services import importing, ocr, screenshot_check
from evidence_desk_testing.screenshots import Chat, render
from tests.helpers import Team
from tests.ocr_scenario import FAITHFUL, contact_with_export

W, H = 720, 1280
SHANGHAI = ZoneInfo("Asia/Shanghai")
#: the capture day: Monday 2 March 2026
TAKEN = date(2026, 3, 2)


def line(text: str, left: int, top: int, right: int, bottom: int) -> OcrLine:
    return OcrLine(text, ((left, top), (right, top), (right, bottom), (left, bottom)), 0.99)


def chat_under(separator: str) -> ChatLayout:
    """A chat of one of their bubbles under one separator."""
    return layout(
        (
            line("陈立新", 311, 77, 412, 114),
            line(separator, 280, 201, 440, 227),
            line("你好，我下周一还款", 128, 277, 399, 311),
        ),
        W,
        H,
    )


def sent(when: datetime) -> list[ExportMessage]:
    return [ExportMessage(1, when, "them", "你好，我下周一还款")]


def at(month: int, day: int, hour: int, minute: int) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=SHANGHAI)


@pytest.mark.parametrize(
    ("separator", "right", "wrong", "unanchored"),
    [
        ("14:05", at(3, 2, 14, 5), at(2, 27, 14, 5), "clock_only"),
        ("昨天 14:05", at(3, 1, 14, 5), at(3, 2, 14, 5), "clock_only"),
        ("Yesterday 2:05 PM", at(3, 1, 14, 5), at(2, 28, 14, 5), "clock_only"),
        ("星期五 10:30", at(2, 27, 10, 30), at(2, 20, 10, 30), "weekday"),
        ("星期一 10:30", at(2, 23, 10, 30), at(3, 2, 10, 30), "weekday"),
        ("3月1日 下午2:05", at(3, 1, 14, 5), at(3, 1, 14, 4), "month_day"),
    ],
)
def test_a_relative_day_is_checked_against_the_capture_day(
    separator: str, right: datetime, wrong: datetime, unanchored: str
) -> None:
    chat = chat_under(separator)
    anchored = crosscheck(chat, sent(right), TAKEN).bubbles[0]
    assert (anchored.status, anchored.time_basis) == ("matched", "date")
    assert anchored.as_json()["time_basis"] == "date"
    off = crosscheck(chat, sent(wrong), TAKEN).bubbles[0]
    assert (off.status, off.reasons) == ("differs", ("time",))
    # nothing anchors the day: the right message still matches, and the verdict says how
    # little was proven
    alone = crosscheck(chat, sent(right), None).bubbles[0]
    assert (alone.status, alone.time_basis) == ("matched", unanchored)


def test_without_an_anchor_a_wrong_day_at_the_right_minute_passes_as_clock_only() -> None:
    """What the anchor adds: a day off is caught only when the capture day is known."""
    chat = chat_under("昨天 14:05")
    check = crosscheck(chat, sent(at(2, 20, 14, 5)), None)
    assert [(b.status, b.time_basis) for b in check.bubbles] == [("matched", "clock_only")]
    check = crosscheck(chat, sent(at(2, 20, 14, 5)), TAKEN)
    assert [(b.status, b.reasons) for b in check.bubbles] == [("differs", ("time",))]


def test_a_full_date_above_bounds_the_relative_separators_below_it() -> None:
    chat = layout(
        (
            line("陈立新", 311, 77, 412, 114),
            line("2026年3月1日 09:00", 250, 201, 470, 227),
            line("你好，我下周一还款", 128, 277, 399, 311),
            line("14:05", 330, 381, 391, 409),
            line("收到", 125, 455, 191, 492),
        ),
        W,
        H,
    )
    messages = [
        ExportMessage(1, at(3, 1, 9, 0), "them", "你好，我下周一还款"),
        ExportMessage(2, at(2, 28, 14, 5), "them", "收到"),  # before the date shown above
    ]
    check = crosscheck(chat, messages, None)
    assert [(b.status, b.time_basis) for b in check.bubbles] == [
        ("matched", "date"),
        ("differs", "clock_only"),
    ]
    assert check.bubbles[1].reasons == ("time",)
    later = [messages[0], ExportMessage(2, at(3, 4, 14, 5), "them", "收到")]
    assert [b.status for b in crosscheck(chat, later, None).bubbles] == ["matched", "matched"]


def test_days_of_each_form() -> None:
    def day(text: str, anchor: date | None = TAKEN) -> date | None:
        mark = parse_time(text)
        assert mark is not None
        return day_of(mark, anchor)

    assert day("09:12") == TAKEN
    assert day("今天 09:12") == TAKEN
    assert day("前天 09:12") == date(2026, 2, 28)
    assert day("Yesterday") == date(2026, 3, 1)
    assert day("星期日 09:00") == date(2026, 3, 1)
    assert day("12月31日 09:00") == date(2025, 12, 31)  # no year: the last one before the day
    assert day("2026年1月5日 09:00", None) == date(2026, 1, 5)
    assert day("星期一 09:00", None) is None
    assert day("09:12", None) is None
    assert day("2月29日", date(2028, 3, 2)) == date(2028, 2, 29)
    assert day("2月29日") is None  # neither 2026 nor 2025 has one: no day proven


def _dated_png(chat: Chat, taken: str) -> bytes:
    """The screenshot with an EXIF capture time (local, as a phone writes it)."""
    exif = Image.Exif()
    exif.get_ifd(0x8769)[0x9003] = taken  # DateTimeOriginal
    out = io.BytesIO()
    render(chat).save(out, format="PNG", exif=exif.tobytes())
    return out.getvalue()


def test_the_capture_time_of_a_rendered_screenshot_dates_its_separators(
    team: Team, tmp_path: Path
) -> None:
    """Real OCR: "昨天 14:05" and "09:12" of a screenshot taken on 2 March are 1 and 2 March,
    as the export says; the same screenshot taken on 5 March claims other days."""
    session, contact_id = contact_with_export(team, tmp_path)
    right, late = tmp_path / "right.png", tmp_path / "late.png"
    right.write_bytes(_dated_png(FAITHFUL, "2026:03:02 10:00:00"))
    late.write_bytes(_dated_png(FAITHFUL, "2026:03:05 10:00:00"))
    importing.import_files(session, contact_id, [right], tz="Asia/Shanghai")
    importing.import_files(session, contact_id, [late], tz="Asia/Shanghai")
    ocr.read_pending(session, contact_id=contact_id)
    shots = {s.item_id: s for s in ocr.screenshots(session, contact_id)}
    reports = screenshot_check.check_contact(session, contact_id)
    days = {r.item_id: screenshot_check.capture_day(session, shots[r.item_id])[0] for r in reports}
    assert sorted(d for d in days.values() if d is not None) == [date(2026, 3, 2), date(2026, 3, 5)]
    for report in reports:
        assert report.check is not None
        verdicts = [(b.status, b.time_basis) for b in report.check.bubbles]
        if days[report.item_id] == date(2026, 3, 2):
            assert verdicts == [("matched", "date")] * 4
        else:
            assert [v[1] for v in verdicts] == ["date"] * 4
            assert all(b.status == "differs" and "time" in b.reasons for b in report.check.bubbles)
