"""WeChat TXT exports: MemoTrace TXT and WechatExporter TXT (synthetic fixtures, §3)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from evidence_desk.domain.errors import ImportInputError
from evidence_desk.importers import wechat
from evidence_desk.importers.base import AttachmentState, ExportSource, MessageKind
from evidence_desk.importers.wechat.txt_export import MEMOTRACE_TXT, WECHATEXPORTER_TXT

FIXTURES = Path(__file__).parents[1] / "fixtures" / "wechat"
TZ = "Asia/Shanghai"
K = MessageKind


def _source(name: str, data: bytes | None = None) -> ExportSource:
    return ExportSource(name, (FIXTURES / name).read_bytes() if data is None else data)


def _utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


# --- MemoTrace TXT ------------------------------------------------------------------------------


def test_memotrace_txt_reads_records_system_lines_and_placeholders() -> None:
    source = _source("memotrace.txt")
    chat = wechat.IMPORTER.parse(source, TZ)

    assert wechat.IMPORTER.detect(source) == "WeChat MemoTrace TXT, UTF-8"
    assert chat.format_name == "wechat-memotrace-txt"
    assert len(chat.messages) == 14
    assert [m.kind for m in chat.messages] == [
        K.SYSTEM, K.TEXT, K.TEXT, K.TEXT, K.IMAGE, K.VOICE, K.VIDEO, K.STICKER, K.FILE, K.LINK,
        K.QUOTE, K.RECALLED, K.TEXT, K.TEXT,
    ]  # fmt: skip
    assert chat.title == "memotrace"
    assert chat.participants == ("小陈", "王芳", "Tom & Jerry's 家")
    first, last = chat.messages[0], chat.messages[-1]
    assert (first.sender, first.text, first.source.locator) == (
        "",
        "你已添加了王芳，现在可以开始聊天了。",
        "line 1",
    )
    assert first.sent_at == _utc("2026-03-02 01:15:00")
    assert last.sent_at == _utc("2026-03-05 10:00:00")
    assert (last.time_text, last.source.locator) == ("2026-03-05 18:00:00", "lines 46-47")
    assert all(m.from_self is None for m in chat.messages)
    assert chat.problems == ()


def test_memotrace_txt_body_lines_that_look_like_headers_or_are_blank_stay_in_the_message() -> None:
    chat = MEMOTRACE_TXT.parse(_source("memotrace.txt"), TZ)

    assert (
        chat.messages[2].text == "你们是怎么拿到我微信的？\n2026-03-01 08:00:00 那天你们也打了电话"
    )
    assert chat.messages[2].source.locator == "lines 6-8"
    assert chat.messages[3].text == (
        "您的借款合同 DK-2026-0311 已逾期 18 天，\n\n应还本息 8,640.00 元，请于本周内处理，谢谢。"
    )
    assert chat.messages[9].text.splitlines()[0].strip() == "[链接]:title:逾期还款须知"
    assert chat.messages[10].text == "那我先还一部分\n引用:小陈:请于本周内处理，谢谢。"
    assert chat.messages[4].attachments[0].state is AttachmentState.OMITTED


def test_memotrace_txt_with_crlf_and_bom_gives_the_same_messages() -> None:
    lf = MEMOTRACE_TXT.parse(_source("memotrace.txt"), TZ)
    data = b"\xef\xbb\xbf" + (FIXTURES / "memotrace.txt").read_bytes().replace(b"\n", b"\r\n")
    crlf = MEMOTRACE_TXT.parse(ExportSource("memotrace.txt", data), TZ)

    assert crlf.encoding == "utf-8-sig"
    assert [m.as_json() for m in crlf.messages] == [m.as_json() for m in lf.messages]


def test_memotrace_txt_that_does_not_open_with_a_record_is_refused() -> None:
    data = "聊天记录\n\n" + (FIXTURES / "memotrace.txt").read_text(encoding="utf-8")
    source = ExportSource("bad.txt", data.encode())

    assert MEMOTRACE_TXT.detect(source) is None
    with pytest.raises(ImportInputError) as raised:
        MEMOTRACE_TXT.parse(source, TZ)
    assert (raised.value.file, raised.value.locator) == ("bad.txt", "line 1")


def test_memotrace_txt_with_an_impossible_date_is_refused_naming_the_lines() -> None:
    data = (
        (FIXTURES / "memotrace.txt")
        .read_bytes()
        .replace(b"2026-03-02 09:20:41", b"2026-02-30 09:20:41")
    )

    with pytest.raises(ImportInputError) as raised:
        MEMOTRACE_TXT.parse(ExportSource("m.txt", data), TZ)
    assert raised.value.locator == "lines 6-8"


# --- WechatExporter TXT -------------------------------------------------------------------------


def test_wechatexporter_txt_reads_messages_multiline_bodies_and_placeholders() -> None:
    source = _source("wechatexporter.txt")
    chat = wechat.IMPORTER.parse(source, TZ)

    assert wechat.IMPORTER.detect(source) == "WeChat WechatExporter TXT, UTF-8"
    assert chat.format_name == "wechat-wechatexporter-txt"
    assert chat.title == "王芳"
    assert chat.participants == ("我", "王芳")
    assert len(chat.messages) == 18
    assert [m.kind for m in chat.messages] == [
        K.SYSTEM, K.TEXT, K.TEXT, K.TEXT, K.IMAGE, K.VOICE, K.VIDEO, K.STICKER, K.LOCATION,
        K.CONTACT_CARD, K.FILE, K.TEXT, K.QUOTE, K.TRANSFER, K.RED_PACKET, K.CALL, K.RECALLED,
        K.TEXT,
    ]  # fmt: skip
    multi = chat.messages[3]
    assert multi.text == (
        "您的借款合同 DK-2026-0311 已逾期 18 天，\n应还本息 8,640.00 元，\n\n请于本周内处理，谢谢。"
    )
    assert multi.source.locator == "lines 6-9"
    quote = chat.messages[12]
    assert (
        quote.text
        == "「我：请于本周内处理，谢谢。」\n- - - - - - - - - - - - - - -\n那我先还一部分"
    )
    assert quote.source.locator == "lines 18-20"
    assert chat.messages[10].attachments[0].name == "还款计划.pdf"
    assert chat.messages[-1].sent_at == _utc("2026-03-05 10:00:00")
    assert chat.messages[-1].source.locator == "line 25"  # trailing blank lines are no message


def test_wechatexporter_system_lines_have_no_time_and_borrow_it_with_a_warning() -> None:
    chat = WECHATEXPORTER_TXT.parse(_source("wechatexporter.txt"), TZ)
    added, recalled = chat.messages[0], chat.messages[16]

    assert (added.time_text, added.sent_at) == ("", _utc("2026-03-02 01:16:05"))
    assert (recalled.time_text, recalled.sent_at) == ("", _utc("2026-03-02 02:12:00"))
    assert recalled.text == '"王芳" 撤回了一条消息'  # written with a full-width colon
    assert [(p.locator, p.severity) for p in chat.problems] == [
        ("line 3", "warning"),
        ("line 24", "warning"),
    ]
    assert "not after" in chat.problems[0].reason
    assert "not before" in chat.problems[1].reason


def test_wechatexporter_stray_text_before_the_first_message_is_refused() -> None:
    data = "王芳 - 微信聊天记录\n\n这不是消息\n我 (2026-03-02 09:16:05):你好\n".encode()

    with pytest.raises(ImportInputError) as raised:
        WECHATEXPORTER_TXT.parse(ExportSource("w.txt", data), TZ)
    assert (raised.value.file, raised.value.locator) == ("w.txt", "line 3")


def test_wechatexporter_file_of_only_system_lines_is_refused() -> None:
    data = "王芳 - 微信聊天记录\n\n系统消息: 你已添加了王芳，现在可以开始聊天了。\n".encode()

    with pytest.raises(ImportInputError) as raised:
        WECHATEXPORTER_TXT.parse(ExportSource("w.txt", data), TZ)
    assert "no dated message" in raised.value.reason


def test_the_two_txt_layouts_do_not_claim_each_other() -> None:
    assert MEMOTRACE_TXT.detect(_source("wechatexporter.txt")) is None
    assert WECHATEXPORTER_TXT.detect(_source("memotrace.txt")) is None
