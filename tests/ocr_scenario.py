"""A contact with a WeChat export and screenshots of the same chat, rendered here (issue 22).

The export (MemoTrace text, Asia/Shanghai) is the truth; the screenshots are drawn by
evidence_desk_testing/screenshots.py with the app's CJK font:

- ``FAITHFUL`` (light): every bubble is in the export, a system line and two separators;
- ``DOCTORED`` (dark): the amount of our bubble changed (4,860 -> 48,600), a bubble the export
  lacks, and the export's "我知道了" left out.
"""

from __future__ import annotations

from pathlib import Path

from evidence_desk.services import importing
from evidence_desk.services.session import Session
from evidence_desk_testing.screenshots import Chat, Row, png
from tests.helpers import Team, approved_contact

EXPORT = """2026-03-01 14:05:10 陈立新
你好，我下周一还款

2026-03-01 14:06:00 小陈
好的，请按时还款4,860元，谢谢配合

2026-03-01 14:08:00 陈立新
我知道了

2026-03-02 09:12:30 陈立新
收到
"""

FAITHFUL = Chat(
    "陈立新",
    (
        Row("system", "你已添加了陈立新，现在可以开始聊天了。"),
        Row("time", "昨天 14:05"),
        Row("them", "你好，我下周一还款"),
        Row("us", "好的，请按时还款4,860元，谢谢配合"),
        Row("them", "我知道了"),
        Row("time", "09:12"),
        Row("them", "收到"),
    ),
    width=540,
    height=960,
)

DOCTORED = Chat(
    "陈立新",
    (
        Row("time", "昨天 14:05"),
        Row("them", "你好，我下周一还款"),
        Row("us", "好的，请按时还款48,600元，谢谢配合"),
        Row("us", "你已经同意分期了"),
        Row("time", "09:12"),
        Row("them", "收到"),
    ),
    dark=True,
    width=540,
    height=960,
)


def contact_with_export(team: Team, folder: Path) -> tuple[Session, str]:
    """An approved WeChat contact of alice's with the export imported."""
    session, contact_id = approved_contact(
        team, folder, channel="wechat", handle="wxid_chenlixin", display_name="陈立新"
    )
    export = folder / "chenlixin.txt"
    export.write_text(EXPORT, encoding="utf-8")
    importing.import_files(session, contact_id, [export], tz="Asia/Shanghai")
    return session, contact_id


def import_screenshot(
    session: Session, contact_id: str, folder: Path, name: str, chat: Chat
) -> None:
    path = folder / name
    path.write_bytes(png(chat))
    importing.import_files(session, contact_id, [path], tz="Asia/Shanghai")
