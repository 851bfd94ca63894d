"""WeChat HTML exports: MemoTrace (JS object literals and newer JSON) and WechatExporter HTML."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

from evidence_desk.domain.errors import ImportInputError
from evidence_desk.importers import wechat
from evidence_desk.importers.base import AttachmentState, ExportSource, MessageKind
from evidence_desk.importers.wechat.html_export import (
    MEMOTRACE_HTML,
    WECHATEXPORTER_HTML,
    JsSyntaxError,
    read_js_value,
)

FIXTURES = Path(__file__).parents[1] / "fixtures" / "wechat"
TZ = "Asia/Shanghai"
K = MessageKind


def _source(name: str, data: bytes | None = None) -> ExportSource:
    return ExportSource(name, (FIXTURES / name).read_bytes() if data is None else data)


def _container(files: dict[str, bytes], name: str = "export") -> ExportSource:
    members = {path: _reader(data) for path, data in files.items()}
    return ExportSource(name, b"", members, container=name)


def _reader(data: bytes) -> Callable[[], bytes]:
    return lambda: data


def _utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


# --- the JavaScript literal reader --------------------------------------------------------------


def test_js_reader_reads_memotrace_object_literals() -> None:
    text = "[ {type:1, text: 'it\\'s \\n ok', 'is_send':true, n:-1.5e2, h:0x1F,}, // c\n /* x */ ]"
    value, end = read_js_value(text, 0)

    assert value == [{"type": 1, "text": "it's \n ok", "is_send": True, "n": -150.0, "h": 31}]
    assert end == len(text)


@pytest.mark.parametrize(
    "text",
    ["[{type:1", "[{type 1}]", "{a:'x}", "[1 2]", "[" * 100 + "]" * 100, "[1e", "[@]", ""],
)
def test_js_reader_refuses_broken_literals(text: str) -> None:
    with pytest.raises(JsSyntaxError):
        read_js_value(text, 0)


# --- MemoTrace HTML -----------------------------------------------------------------------------


def test_memotrace_html_reads_the_embedded_array() -> None:
    source = _source("memotrace.html")
    chat = wechat.IMPORTER.parse(source, TZ)

    assert wechat.IMPORTER.detect(source) == (
        "WeChat MemoTrace HTML (embedded message array), UTF-8"
    )
    assert chat.format_name == "wechat-memotrace-html"
    assert chat.title == "王芳"
    assert chat.participants == ("小陈", "王芳")
    assert len(chat.messages) == 15
    assert [m.kind for m in chat.messages] == [
        K.SYSTEM, K.TEXT, K.TEXT, K.TEXT, K.IMAGE, K.VOICE, K.VIDEO, K.STICKER, K.FILE, K.QUOTE,
        K.TRANSFER, K.LINK, K.CALL, K.RECALLED, K.TEXT,
    ]  # fmt: skip
    first, last = chat.messages[0], chat.messages[-1]
    assert (first.sent_at, first.time_text) == (_utc("2026-03-02 01:15:00"), "1772414100")
    assert (last.sent_at, last.text) == (_utc("2026-03-05 10:00:00"), "好的，月底前一定结清。")
    assert first.source.locator == "chatMessages[0] (line 13)"
    assert chat.problems == ()


def test_memotrace_html_undoes_js_and_html_escapes_and_inline_emoji() -> None:
    chat = MEMOTRACE_HTML.parse(_source("memotrace.html"), TZ)

    assert chat.messages[2].text == "别再打了 <我> 会还的\n它是'下周'"
    assert chat.messages[3].text == "好的[微笑]"
    assert chat.messages[5].text == "[语音] 我下周还"
    assert chat.messages[9].text == "那我先还一部分\n引用:小陈：请于本周内处理，谢谢。"
    assert chat.messages[10].text == "[转账] ￥3000.00 三月还款"
    assert chat.messages[11].text == "[链接] 逾期还款须知\nhttps://example.com/notice"
    assert chat.messages[12].text == "[通话] 通话时长 01:23"
    assert chat.messages[12].from_self is None  # MemoTrace writes no is_send for calls
    assert (chat.messages[1].from_self, chat.messages[2].from_self) == (True, False)


def test_memotrace_html_media_are_exported_when_the_folder_has_them() -> None:
    page = (FIXTURES / "memotrace.html").read_bytes()
    alone = MEMOTRACE_HTML.parse(_source("memotrace.html"), TZ)
    folder = _container(
        {
            "王芳/王芳.html": page,
            "王芳/image/2026-03/a1b2c3.jpg": b"\xff\xd8\xff",
            "王芳/file/还款计划.pdf": b"%PDF",
        }
    )
    chat = wechat.IMPORTER.parse(folder, TZ)

    assert [a.state for m in alone.messages for a in m.attachments] == [
        AttachmentState.MISSING,
        AttachmentState.MISSING,
        AttachmentState.MISSING,
        AttachmentState.OMITTED,  # the sticker is a URL: never part of the export
        AttachmentState.MISSING,
    ]
    image = chat.messages[4].attachments[0]
    assert (image.state, image.member, image.name) == (
        AttachmentState.EXPORTED,
        "王芳/image/2026-03/a1b2c3.jpg",
        "a1b2c3.jpg",
    )
    assert chat.messages[8].attachments[0].member == "王芳/file/还款计划.pdf"
    assert chat.messages[6].attachments[0].state is AttachmentState.MISSING


def test_memotrace_newer_json_array_with_packed_type_codes() -> None:
    chat = wechat.IMPORTER.parse(_source("memotrace_v2.html"), TZ)

    assert chat.format_name == "wechat-memotrace-html"
    assert [m.kind for m in chat.messages] == [
        K.TEXT,
        K.IMAGE,
        K.QUOTE,
        K.TRANSFER,
        K.SYSTEM,
        K.UNKNOWN,
    ]
    assert chat.messages[0].text == '王女士您好，合同 "DK-2026-0311" 已逾期。'
    assert chat.messages[0].native_id == "7001000002"
    assert chat.messages[2].reply_to == "7001000002"
    assert chat.messages[2].text == "那我先还一部分\n引用:小陈: 王女士您好"
    assert chat.messages[3].text == "[转账] ￥3000.00 三月还款"
    assert chat.messages[4].text == '"王芳" 拍了拍我'
    assert chat.messages[5].text == "[未知消息 Type=49 SubType=999] 新功能卡片"
    assert chat.messages[5].raw is not None and "新功能卡片" in chat.messages[5].raw
    assert chat.messages[1].attachments[0].name == "20260302_093112_700100_0.jpg"


def test_memotrace_html_cut_inside_the_array_is_refused_naming_the_line() -> None:
    page = (FIXTURES / "memotrace.html").read_text(encoding="utf-8")
    cut = page[: page.index("三月还款")].encode()

    with pytest.raises(ImportInputError) as raised:
        MEMOTRACE_HTML.parse(ExportSource("王芳.html", cut), TZ)
    assert raised.value.file == "王芳.html"
    assert raised.value.locator == "line 13"
    assert "broken message array" in raised.value.reason


def test_an_ordinary_web_page_is_not_a_memotrace_export() -> None:
    page = b"<!DOCTYPE html><html><head><title>x</title></head><body>hi</body></html>"

    assert MEMOTRACE_HTML.detect(ExportSource("x.html", page)) is None
    assert WECHATEXPORTER_HTML.detect(ExportSource("x.html", page)) is None
    with pytest.raises(ImportInputError):
        wechat.IMPORTER.parse(ExportSource("x.html", page), TZ)


# --- WechatExporter HTML ------------------------------------------------------------------------

EXPORTER_KINDS = [
    K.SYSTEM, K.TEXT, K.TEXT, K.IMAGE, K.VOICE, K.STICKER, K.FILE, K.QUOTE, K.TRANSFER,
    K.RECALLED, K.TEXT,
]  # fmt: skip


def test_wechatexporter_html_reads_message_blocks() -> None:
    source = _source("wechatexporter/index.html")
    chat = wechat.IMPORTER.parse(source, TZ)

    assert wechat.IMPORTER.detect(source) == "WeChat WechatExporter HTML, UTF-8"
    assert chat.format_name == "wechat-wechatexporter-html"
    assert chat.title == "王芳"
    assert chat.participants == ("我", "王芳")
    assert [m.kind for m in chat.messages] == EXPORTER_KINDS
    hello, reply = chat.messages[1], chat.messages[2]
    assert (hello.sender, hello.from_self, hello.native_id) == ("我", True, "7001000002")
    assert (hello.time_text, hello.sent_at) == ("2026-03-02 09:16:05", _utc("2026-03-02 01:16:05"))
    assert (reply.from_self, reply.text) == (False, "你们 <怎么> 拿到我微信的？\n别再打了")
    assert chat.messages[7].text == (
        "「我：请于本周内处理，谢谢。」\n- - - - - - - - - - - - - - -\n那我先还一部分"
    )
    assert chat.messages[8].text == "￥3000.00 三月还款"
    assert chat.messages[8].sender_id == "wxid_wangfang0311"
    assert chat.messages[-1].sent_at == _utc("2026-03-05 10:00:00")
    assert chat.messages[0].sent_at == _utc("2026-03-02 01:16:05")  # borrowed, reported
    assert [p.locator for p in chat.problems] == ["line 11", "line 92"]


def test_wechatexporter_html_media_states_follow_the_folder() -> None:
    page = (FIXTURES / "wechatexporter" / "index.html").read_bytes()
    folder = _container(
        {"王芳/index.html": page, "王芳/Files/7001000004.jpg": b"\xff\xd8\xff"}, "iTunes导出"
    )
    chat = wechat.IMPORTER.parse(folder, TZ)

    image = chat.messages[3].attachments[0]
    assert (image.state, image.member) == (AttachmentState.EXPORTED, "王芳/Files/7001000004.jpg")
    assert chat.messages[4].attachments[0].state is AttachmentState.MISSING
    assert chat.messages[6].attachments[0].state is AttachmentState.OMITTED  # [文件: …] only


def _paged_export(pages: int) -> dict[str, bytes]:
    blocks: list[str] = json.loads((FIXTURES / "wechatexporter" / "blocks.json").read_text())
    frame = (FIXTURES / "wechatexporter" / "index.html").read_text(encoding="utf-8")
    empty = frame.replace("".join(blocks), "")
    files = {"王芳/index.html": empty.encode()}
    size = -(-len(blocks) // pages)
    for page in range(pages):
        chunk = json.dumps(blocks[page * size : (page + 1) * size], ensure_ascii=False)
        script = (
            "    (function() {\n        var msgArray = " + chunk + ";\n"
            "        for (var idx = 0; idx < msgArray.length; idx++)\n        {\n"
            "          window.moreWechatMsgs.push(msgArray[idx]);\n        }\n    })();\n"
        )
        files[f"王芳/Files/Data/msg-{page + 1}.js"] = script.encode()
    return files


def test_wechatexporter_paged_export_reads_the_data_pages_in_order() -> None:
    source = _container(_paged_export(pages=3))
    chat = wechat.IMPORTER.parse(source, TZ)

    assert chat.detection_reason == (
        "WeChat WechatExporter HTML with Files/Data pages, UTF-8; chat file 王芳/index.html"
    )
    assert [m.kind for m in chat.messages] == EXPORTER_KINDS
    assert chat.messages[0].source.file == "王芳/Files/Data/msg-1.js"
    assert chat.messages[-1].source.file == "王芳/Files/Data/msg-3.js"
    assert chat.messages[-1].source.locator == "item 2"


def test_wechatexporter_paged_page_without_its_data_files_is_refused() -> None:
    files = _paged_export(pages=2)
    page = ExportSource("index.html", files["王芳/index.html"])

    with pytest.raises(ImportInputError) as raised:
        WECHATEXPORTER_HTML.parse(page, TZ)
    assert "Files/Data/msg-N.js" in raised.value.reason
