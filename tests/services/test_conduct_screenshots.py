"""The conduct check over our own bubbles in screenshots read by real OCR (issue 22 item 4).

One rendered WeChat screenshot of a chat whose export has a staff message with a forbidden word:
the screenshot shows that message (matched: the message's finding only, not twice), a threat
of ours the export lacks (a finding that names the screenshot and the bubble), and an insult of
theirs (the contact's words are not our conduct: no finding). The time rules are checked on
layout-level inputs below, without OCR.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from evidence_desk.bundle.model import Scope
from evidence_desk.ocr.crosscheck import ExportMessage, crosscheck
from evidence_desk.ocr.engine import OcrLine
from evidence_desk.ocr.layout import layout
from evidence_desk.services import bundle, conduct, contacts, importing, ocr
from evidence_desk.services.conduct_screenshots import ShotRules, bubble_hits
from evidence_desk.services.screenshot_check import ScreenshotReport
from evidence_desk.services.session import Session
from evidence_desk.services.verify import verify_store
from evidence_desk.translations import say
from evidence_desk_testing.screenshots import Chat, Row, png
from tests.cli.test_commands import cli
from tests.helpers import Team, TickingClock, approved_contact, make_team

EXPORT = """2026-03-01 14:05:10 陈立新
你好，我下周一还款

2026-03-01 14:06:00 小陈
好的，请按时还款4,860元，谢谢配合

2026-03-01 14:07:00 小陈
不还就是老赖

2026-03-01 14:08:00 陈立新
你们这些骗子
"""

SHOT = Chat(
    "陈立新",
    (
        Row("time", "昨天 14:05"),
        Row("them", "你好，我下周一还款"),
        Row("us", "好的，请按时还款4,860元，谢谢配合"),
        Row("us", "不还就是老赖"),  # in the export: its message answers for it
        Row("them", "你们这些骗子"),  # theirs: not our conduct
        Row("us", "后果自负，走着瞧"),  # ours, not in the export
    ),
    width=540,
    height=960,
)


class Scene:
    def __init__(self, team: Team, session: Session, contact_id: str, item_id: str) -> None:
        self.team, self.session, self.contact_id, self.item_id = team, session, contact_id, item_id


@pytest.fixture(scope="module")
def scene(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Scene]:
    folder = tmp_path_factory.mktemp("conduct-shots")
    team = make_team(folder / "store", TickingClock())
    session, contact_id = approved_contact(
        team, folder, channel="wechat", handle="wxid_chenlixin", display_name="陈立新"
    )
    export = folder / "chenlixin.txt"
    export.write_text(EXPORT, encoding="utf-8")
    importing.import_files(session, contact_id, [export], tz="Asia/Shanghai")
    shot = folder / "shot.png"
    shot.write_bytes(png(SHOT))
    importing.import_files(session, contact_id, [shot], tz="Asia/Shanghai")
    ocr.read_pending(session, contact_id=contact_id)
    (item,) = ocr.screenshots(session, contact_id)
    yield Scene(team, session, contact_id, item.item_id)
    team.close_all()


def test_only_our_bubble_the_export_lacks_is_a_screenshot_finding(scene: Scene) -> None:
    report = conduct.report(scene.session, contact_id=scene.contact_id)
    lexicon = [f for f in report.findings if f.rule == conduct.LEXICON]
    from_messages = [f for f in lexicon if f.screenshot is None]
    from_shots = [f for f in lexicon if f.screenshot is not None]
    # the export's 老赖 once, as its message; the contact's 骗子 never
    assert [f.detail.fact("hits") for f in from_messages] == ["insult: 老赖"]
    assert len(from_shots) == 1
    (found,) = from_shots
    assert found.screenshot is not None
    assert (found.screenshot.item_id, found.screenshot.bubble) == (scene.item_id, 4)
    assert found.message_id is None and found.message_fingerprint is None
    assert found.detail.code == "conduct.shot_cc6_hits"
    detail = found.detail
    assert (detail.fact("item"), detail.fact("bubble")) == (scene.item_id, "5")
    assert "threat: " in str(detail.fact("hits")) and "后果自负" in str(detail.fact("hits"))
    assert "骗子" not in str(found.detail)
    assert found.id == conduct.screenshot_finding_id(
        conduct.LEXICON, scene.contact_id, scene.item_id, 4
    )
    as_json = found.as_json()
    assert as_json["source"] == "screenshot"
    assert as_json["screenshot"]["item"] == scene.item_id
    assert as_json["screenshot"]["time_basis"] == "clock_only"  # 昨天, no capture day
    _left, top, right, bottom = as_json["screenshot"]["box"]
    assert right > SHOT.width / 2 and bottom > top  # our side: the right
    assert from_messages[0].as_json()["source"] == "message"
    # stable: the same id on the next run
    again = conduct.report(scene.session, contact_id=scene.contact_id)
    assert found.id in {f.id for f in again.findings}


def test_the_cli_marks_the_screenshot_finding(scene: Scene) -> None:
    result = cli(scene.team.path, "check", "--contact", scene.contact_id, "--json", user="alice")
    assert result.returncode == 1, result.stderr
    findings = json.loads(result.stdout)["findings"]
    shots = [f for f in findings if f["source"] == "screenshot"]
    assert [f["screenshot"]["item"] for f in shots] == [scene.item_id]
    text = cli(scene.team.path, "check", "--contact", scene.contact_id, user="alice").stdout
    line = next(ln for ln in text.splitlines() if shots[0]["id"] in ln)
    assert f"screenshot {scene.item_id}, bubble 5" in line


def test_a_screenshot_finding_is_acknowledged_and_verify_stays_intact(scene: Scene) -> None:
    report = conduct.report(scene.session, contact_id=scene.contact_id)
    target = next(f for f in report.findings if f.screenshot is not None)
    supervisor = scene.team.login("sam")
    acked = conduct.acknowledge(supervisor, target.id, "已书面警告该催收员")
    assert acked.acknowledged and acked.screenshot == target.screenshot
    after = conduct.report(scene.session, contact_id=scene.contact_id)
    shown = next(f for f in after.findings if f.id == target.id)
    assert shown.acknowledged and shown.ack_note == "已书面警告该催收员"
    (ack,) = [a for a in conduct.list_acknowledgements(supervisor) if a.finding_id == target.id]
    assert ack.message_fingerprint is None
    assert verify_store(scene.team.login("lee")).intact


# -- the time rules, on layout-level inputs -----------------------------------------------------

W, H = 720, 1280
SHANGHAI = ZoneInfo("Asia/Shanghai")


def line(text: str, left: int, top: int, right: int, bottom: int) -> OcrLine:
    return OcrLine(text, ((left, top), (right, top), (right, bottom), (left, bottom)), 0.99)


CHAT = layout(
    (
        line("陈立新", 311, 77, 412, 114),
        line("昨天 23:10", 290, 201, 430, 227),
        line("还钱", 560, 277, 640, 311),  # ours, under 23:10 yesterday: in quiet hours
        line("今天 09:30", 290, 381, 430, 409),
        line("你好", 125, 455, 191, 492),  # theirs
        line("请回电", 540, 560, 640, 592),  # ours, at 09:30 today
    ),
    W,
    H,
)


def rules(*, consent: bool, revoked: datetime | None = None) -> ShotRules:
    return ShotRules(
        lambda _text: [],
        None if consent else (time(22, 0), time(8, 0)),
        "22:00-08:00",
        conduct.in_window,
        revoked,
        None,
        None,
    )


def report(anchor: date | None, messages: list[ExportMessage]) -> ScreenshotReport:
    return ScreenshotReport("IT-1", CHAT, crosscheck(CHAT, messages, anchor), anchor, SHANGHAI)


def test_quiet_hours_at_the_separators_minute_unless_consent_or_matched() -> None:
    hits = list(bubble_hits([report(None, [])], rules(consent=False), set(), lambda _i: True))
    assert [(h.rule, h.bubble, h.facts["clock"]) for h in hits] == [("CC-1", 0, "23:10")]
    assert hits[0].sent_at is None and hits[0].time_basis == "clock_only"
    assert not list(bubble_hits([report(None, [])], rules(consent=True), set(), lambda _i: True))
    # the bubble is an export message: the message's own time answers for it
    sent = [ExportMessage(7, datetime(2026, 3, 1, 23, 10, tzinfo=SHANGHAI), "us", "还钱")]
    matched = report(date(2026, 3, 2), sent)
    assert matched.check is not None and matched.check.bubbles[0].status == "matched"
    assert not list(bubble_hits([matched], rules(consent=False), set(), lambda _i: True))


def test_after_revocation_only_where_the_capture_day_proves_the_day() -> None:
    revoked = datetime(2026, 3, 2, 0, 0, tzinfo=UTC)  # 08:00 in Shanghai on the capture day
    undated = bubble_hits([report(None, [])], rules(consent=True, revoked=revoked), set(), bool)
    assert list(undated) == []
    dated = list(
        bubble_hits(
            [report(date(2026, 3, 2), [])], rules(consent=True, revoked=revoked), set(), bool
        )
    )
    assert [(h.rule, h.bubble, h.sent_at) for h in dated] == [
        ("after-revocation", 2, "2026-03-02T01:30:00+00:00")
    ]
    assert dated[0].time_basis == "date"


def test_the_bundle_annex_says_the_screenshot_finding_in_chinese_and_english(
    scene: Scene,
) -> None:
    contact = contacts.get_contact(scene.session, scene.contact_id)
    data = bundle.gather(
        scene.team.login("lee"), Scope(contact.case_no, (scene.contact_id,)), masked=False
    )
    (row,) = [r for r in data.annex if r.section == "conduct" and scene.item_id in r.detail]
    english = say(row.detail, "en")
    assert f"our bubble 5 in screenshot {scene.item_id}" in english
    chinese = say(row.detail, "zh_CN")
    assert f"截图 {scene.item_id} 中我方第 5 个气泡发现用语" in chinese
    assert "our bubble" not in chinese
    assert "CC-6" in say(row.subject, "zh_CN")
