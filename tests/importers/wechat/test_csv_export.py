"""WeChat CSV exports: MemoTrace (UTF-8 BOM, GB18030 Excel re-save) and PyWxDump (new, old, pages).

Fixtures are synthetic (invented people, contracts and numbers) and written to the layouts in
chat-formats.md §3: ``fixtures/wechat/memotrace_bom_crlf.csv`` is the MemoTrace CSV of one 1:1
chat (BOM, CRLF records, LF inside a quoted multi-line field, every mapped type code),
``memotrace_gb18030.csv`` the same bytes re-encoded as Excel on a Chinese Windows saves them.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

from evidence_desk.domain.errors import ImportInputError
from evidence_desk.importers import wechat
from evidence_desk.importers.base import (
    AttachmentState,
    ExportSource,
    MessageKind,
    ParsedChat,
    normalised_bytes,
)
from evidence_desk.importers.wechat.csv_export import MEMOTRACE_CSV, PYWXDUMP_CSV

FIXTURES = Path(__file__).parents[1] / "fixtures" / "wechat"
TZ = "Asia/Shanghai"
K = MessageKind


def _source(name: str, data: bytes | None = None) -> ExportSource:
    return ExportSource(name, (FIXTURES / name).read_bytes() if data is None else data)


def _container(files: dict[str, bytes], name: str = "export.zip") -> ExportSource:
    members = {path: _reader(data) for path, data in files.items()}
    return ExportSource(name, b"", members, container=name)


def _reader(data: bytes) -> Callable[[], bytes]:
    return lambda: data


def _utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def _rows(name: str = "memotrace_bom_crlf.csv") -> list[list[str]]:
    text = (FIXTURES / name).read_bytes().decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text, newline="")))


def _csv_bytes(rows: list[list[str]], bom: bool = True) -> bytes:
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return (b"\xef\xbb\xbf" if bom else b"") + out.getvalue().encode("utf-8")


MEMOTRACE_KINDS = [
    K.SYSTEM, K.TEXT, K.TEXT, K.TEXT, K.TEXT, K.IMAGE, K.VOICE, K.VIDEO, K.STICKER, K.LOCATION,
    K.CONTACT_CARD, K.FILE, K.LINK, K.QUOTE, K.TRANSFER, K.TRANSFER, K.RED_PACKET, K.LINK, K.CALL,
    K.RECALLED, K.RECALLED, K.UNKNOWN, K.TEXT,
]  # fmt: skip


# --- MemoTrace ----------------------------------------------------------------------------------


def test_memotrace_bom_crlf_csv_reads_every_row_with_kinds_senders_and_times() -> None:
    source = _source("memotrace_bom_crlf.csv")
    chat = wechat.IMPORTER.parse(source, TZ)

    assert wechat.IMPORTER.detect(source) == "WeChat MemoTrace CSV, UTF-8 BOM, 12 columns"
    assert chat.format_name == "wechat-memotrace-csv"
    assert chat.encoding == "utf-8-sig"
    assert (chat.repairs, chat.problems) == ((), ())
    assert len(chat.messages) == 23
    assert [m.kind for m in chat.messages] == MEMOTRACE_KINDS
    assert chat.title == "王芳(DK-2026-0311)"
    assert chat.participants == ("我", "王芳(DK-2026-0311)")
    first, last = chat.messages[0], chat.messages[-1]
    assert first.sent_at == _utc("2026-03-02 01:15:00")
    assert first.time_text == "2026-03-02 09:15:00"
    assert first.text == "你已添加了王芳，现在可以开始聊天了。"
    assert (first.sender, first.from_self) == ("", None)
    assert last.sent_at == _utc("2026-03-05 10:00:00")
    assert last.text == "好的，月底前一定结清。"
    assert last.source.locator == "row 23 (line 27)"
    assert [m.index for m in chat.messages] == list(range(23))


def test_memotrace_csv_keeps_quoted_multiline_text_and_marks_direction() -> None:
    chat = wechat.IMPORTER.parse(_source("memotrace_bom_crlf.csv"), TZ)
    multi = chat.messages[3]

    assert multi.text == (
        "您的借款合同 DK-2026-0311 已逾期 18 天，\n应还本息 8,640.00 元，\n请于本周内处理，谢谢。"
    )
    assert multi.source.locator == "row 4 (lines 5-7)"
    assert (multi.sender, multi.sender_id, multi.from_self) == ("我", "wxid_staff_chen", True)
    assert chat.messages[4].text == '我说了"下周"再说，别催了'
    counterpart = chat.messages[2]
    assert (counterpart.sender, counterpart.sender_id, counterpart.from_self) == (
        "王芳(DK-2026-0311)",
        "wxid_wangfang0311",
        False,
    )
    assert sum(m.from_self is True for m in chat.messages) == 5


def test_memotrace_csv_summarises_app_messages_and_keeps_the_raw_xml() -> None:
    chat = wechat.IMPORTER.parse(_source("memotrace_bom_crlf.csv"), TZ)
    by_row = {int(m.source.locator.split()[1]): m for m in chat.messages}

    assert by_row[6].text == "[图片]"
    assert by_row[6].attachments[0].state is AttachmentState.OMITTED
    assert by_row[6].attachments[0].name == "a1b2c3d4e5f60718293a4b5c6d7e8f90"
    assert by_row[6].raw is not None and "<img" in by_row[6].raw
    assert by_row[10].text == "[位置] 某某大厦 上海市黄浦区某某路 88 号"
    assert by_row[11].text == "[名片] 李律师"
    assert by_row[12].text == "[文件] 还款计划.pdf"
    assert by_row[12].attachments[0].name == "还款计划.pdf"
    assert by_row[13].text == "[链接] 逾期还款须知\nhttps://example.com/notice"
    assert by_row[14].text == "那我先还一部分\n引用:小陈:请于本周内处理，谢谢。"
    assert by_row[14].reply_to == "7001002003"
    assert by_row[15].text == "[转账] ￥3000.00 三月还款"
    assert by_row[16].text == "[已收款] ￥3000.00"
    assert by_row[17].text == "[红包] 恭喜发财，大吉大利"
    assert by_row[18].text == "[聊天记录] 群聊的聊天记录"
    assert by_row[19].text == "[通话] 通话时长 01:23"
    assert by_row[20].text == by_row[21].text == '"王芳" 撤回了一条消息'
    unknown = by_row[22]
    assert unknown.text == "[未知消息 Type=9999 SubType=3] 神秘的新消息类型"
    assert unknown.raw == "神秘的新消息类型"
    assert by_row[2].raw is None  # plain text is the text itself


def test_memotrace_gb18030_excel_resave_gives_the_same_messages_and_records_the_repair() -> None:
    utf8 = wechat.IMPORTER.parse(_source("memotrace_bom_crlf.csv"), TZ)
    source = _source("memotrace_gb18030.csv")
    gb = wechat.IMPORTER.parse(source, TZ)

    assert wechat.IMPORTER.detect(source) == "WeChat MemoTrace CSV, GB18030, 12 columns"
    assert gb.encoding == "gb18030"
    assert len(gb.repairs) == 1 and "GB18030" in gb.repairs[0]
    assert [m.as_json() for m in gb.messages] == [
        {**m.as_json(), "source": {"file": "memotrace_gb18030.csv", "locator": m.source.locator}}
        for m in utf8.messages
    ]


def test_memotrace_empty_name_columns_of_a_1to1_chat_use_the_file_name() -> None:
    rows = _rows()
    for row in rows[1:]:
        row[9:12] = ["", "", ""]
    chat = MEMOTRACE_CSV.parse(ExportSource("李强_utf8.csv", _csv_bytes(rows)), TZ)

    assert chat.title == "李强"
    assert chat.participants == ("我", "李强")
    assert chat.messages[2].sender == "李强"
    assert chat.messages[2].sender_id is None


def test_memotrace_group_chat_takes_senders_from_the_member_columns() -> None:
    rows = _rows()
    rows[3][9:12] = ["赵磊", "磊子", "wxid_zhaolei"]
    chat = MEMOTRACE_CSV.parse(ExportSource("还款群@chatroom.csv", _csv_bytes(rows)), TZ)

    assert chat.title == "还款群@chatroom"
    assert chat.messages[2].sender == "赵磊"
    assert chat.messages[4].sender == "王芳(DK-2026-0311)"


def test_memotrace_strtime_in_another_zone_is_reported_once_and_createtime_wins() -> None:
    rows = _rows()
    for row in rows[1:]:
        hour = int(row[8][11:13]) - 1
        row[8] = f"{row[8][:11]}{hour:02d}{row[8][13:]}"
    chat = MEMOTRACE_CSV.parse(ExportSource("shift.csv", _csv_bytes(rows)), TZ)

    assert chat.messages[0].sent_at == _utc("2026-03-02 01:15:00")
    assert chat.messages[0].time_text == "2026-03-02 08:15:00"
    assert len(chat.problems) == 1
    assert chat.problems[0].locator == "rows 1-23"
    assert "consistently -1 h" in chat.problems[0].reason


def test_memotrace_one_edited_strtime_is_reported_on_its_row() -> None:
    rows = _rows()
    rows[5][8] = "2026-03-02 09:35:00"  # row 5 says 09:30:00 in CreateTime
    chat = MEMOTRACE_CSV.parse(ExportSource("edited.csv", _csv_bytes(rows)), TZ)

    assert [(p.locator, p.severity) for p in chat.problems] == [("row 5 (line 8)", "warning")]
    assert "+300 s" in chat.problems[0].reason


def test_memotrace_excel_dates_without_seconds_and_scientific_createtime_are_read() -> None:
    rows = _rows()
    rows[1][8] = "2026/3/2 9:15"  # Excel drops the seconds and reorders the date
    rows[2][5] = "1.77241E+09"  # and turns CreateTime into scientific notation
    chat = MEMOTRACE_CSV.parse(ExportSource("excel.csv", _csv_bytes(rows, bom=False)), TZ)

    assert chat.messages[0].sent_at == _utc("2026-03-02 01:15:00")
    assert chat.messages[1].sent_at == _utc("2026-03-02 01:16:05")
    assert [p.locator for p in chat.problems] == ["row 2 (line 3)"]
    assert "not unix seconds" in chat.problems[0].reason


def test_memotrace_duplicate_rows_are_reported_and_kept() -> None:
    rows = _rows()
    rows.append(list(rows[3]))
    chat = MEMOTRACE_CSV.parse(ExportSource("dup.csv", _csv_bytes(rows)), TZ)

    assert len(chat.messages) == 24
    assert [p.locator for p in chat.problems] == ["row 24 (line 28)"]
    assert "duplicate of row 3" in chat.problems[0].reason


def test_memotrace_truncated_file_is_refused_naming_the_row() -> None:
    data = (FIXTURES / "memotrace_bom_crlf.csv").read_bytes()
    cut = data[: data.index("应还本息".encode())]  # inside the quoted multi-line field of row 4

    with pytest.raises(ImportInputError) as raised:
        MEMOTRACE_CSV.parse(ExportSource("cut.csv", cut), TZ)
    assert raised.value.file == "cut.csv"
    assert raised.value.locator == "row 4 (line 5)"
    assert "truncated" in raised.value.reason


def test_memotrace_row_with_missing_fields_is_refused_naming_the_row() -> None:
    data = (FIXTURES / "memotrace_bom_crlf.csv").read_bytes()
    cut = data[: data.rindex(b",2026-03-05 18:00:00")]

    with pytest.raises(ImportInputError) as raised:
        MEMOTRACE_CSV.parse(ExportSource("cut.csv", cut), TZ)
    assert raised.value.locator == "row 23 (line 27)"
    assert "8 fields, the header has 12" in raised.value.reason


def test_a_csv_without_memotrace_columns_is_refused() -> None:
    with pytest.raises(ImportInputError) as raised:
        MEMOTRACE_CSV.parse(ExportSource("x.csv", b"a,b,c\r\n1,2,3\r\n"), TZ)
    assert (raised.value.file, raised.value.locator) == ("x.csv", "line 1")
    assert MEMOTRACE_CSV.detect(ExportSource("x.csv", b"a,b,c\r\n1,2,3\r\n")) is None


# --- PyWxDump -----------------------------------------------------------------------------------

PYWXDUMP = "pywxdump_wxid_wangfang0311_0_5000.csv"


def _pywxdump_folder(extra: dict[str, bytes] | None = None) -> ExportSource:
    files = {
        f"wxid_wangfang0311/{PYWXDUMP}": (FIXTURES / PYWXDUMP).read_bytes(),
        "wxid_wangfang0311/users.json": (FIXTURES / "users.json").read_bytes(),
    }
    return _container({**files, **(extra or {})}, "wxid_wangfang0311")


def test_pywxdump_csv_maps_type_names_and_resolves_senders_from_users_json() -> None:
    source = _pywxdump_folder()
    chat = wechat.IMPORTER.parse(source, TZ)

    assert chat.format_name == "wechat-pywxdump-csv"
    assert chat.detection_reason == (
        "WeChat PyWxDump CSV (msg/src columns), UTF-8, 9 columns; chat file "
        f"wxid_wangfang0311/{PYWXDUMP}"
    )
    assert [m.kind for m in chat.messages] == [
        K.SYSTEM, K.TEXT, K.TEXT, K.IMAGE, K.VOICE, K.STICKER, K.QUOTE, K.TRANSFER, K.LINK,
        K.CALL, K.RECALLED, K.SYSTEM, K.UNKNOWN, K.TEXT,
    ]  # fmt: skip
    assert chat.title == "王芳(DK-2026-0311)"
    assert chat.participants == ("我", "王芳(DK-2026-0311)")
    assert chat.messages[2].sender_id == "wxid_wangfang0311"
    assert chat.messages[2].text == "知道了，\n下周再说。"
    assert chat.messages[0].sent_at == _utc("2026-03-02 01:15:00")
    assert chat.messages[-1].sent_at == _utc("2026-03-05 10:00:00")
    assert chat.messages[1].native_id == "7001000002"
    assert chat.messages[12].raw is not None and chat.messages[12].text.startswith("[未知消息")
    assert chat.messages[0].source.file == f"wxid_wangfang0311/{PYWXDUMP}"


def test_pywxdump_media_paths_are_exported_missing_or_omitted() -> None:
    image = "wxid_wangfang0311/FileStorage/MsgAttach/9f8e/Image/2026-03/a1b2.dat"
    chat = PYWXDUMP_CSV.parse(_pywxdump_folder({image: b"\x89PNG"}), TZ)

    assert chat.messages[3].attachments[0].state is AttachmentState.EXPORTED
    assert chat.messages[3].attachments[0].member == image
    assert chat.messages[4].attachments[0].state is AttachmentState.MISSING
    assert chat.messages[5].attachments[0].state is AttachmentState.OMITTED


def test_pywxdump_plain_file_without_users_json_shows_wxids_and_warns_about_a_full_page() -> None:
    chat = PYWXDUMP_CSV.parse(_source(PYWXDUMP), TZ)

    assert chat.participants == ("我", "wxid_wangfang0311")
    assert chat.problems == ()
    rows = (FIXTURES / PYWXDUMP).read_bytes().split(b"\n")
    full = PYWXDUMP_CSV.parse(ExportSource("wxid_a_0_3.csv", b"\n".join(rows[:5]) + b"\n"), TZ)
    assert "further pages" in full.problems[-1].reason


def test_pywxdump_old_json_content_column() -> None:
    source = _source("pywxdump_old_content.csv")
    chat = wechat.IMPORTER.parse(source, TZ)

    assert "older JSON content column" in chat.detection_reason
    assert len(chat.messages) == 6
    assert [m.kind for m in chat.messages] == [
        K.SYSTEM,
        K.TEXT,
        K.TEXT,
        K.IMAGE,
        K.VOICE,
        K.STICKER,
    ]
    assert chat.messages[2].text == "知道了，\n下周再说。"
    assert chat.messages[3].attachments[0].name == "a1b2.dat"


def test_pywxdump_pages_in_one_folder_are_read_in_row_order() -> None:
    lines = (FIXTURES / PYWXDUMP).read_text(encoding="utf-8").splitlines(keepends=True)
    header, body = lines[0], lines[1:]
    first = "".join([header, *body[:5]]).encode()  # rows 1-4 (row 3 spans two lines)
    second = "".join([header, *body[5:]]).encode()
    source = _container({"p/wxid_f_4_9.csv": second, "p/wxid_f_0_4.csv": first})
    chat = wechat.IMPORTER.parse(source, TZ)

    assert chat.detection_reason.endswith("; 2 pages")
    assert len(chat.messages) == 14
    assert chat.messages[0].source.file == "p/wxid_f_0_4.csv"
    assert chat.messages[4].source.file == "p/wxid_f_4_9.csv"
    assert chat.messages[4].source.locator == "row 1 (line 2)"
    assert chat.problems == ()
    gap = PYWXDUMP_CSV.parse(_container({"wxid_f_0_4.csv": first, "wxid_f_8_9.csv": second}), TZ)
    assert "rows 4-8 of the split export are missing" in gap.problems[0].reason


# --- folders and zips ---------------------------------------------------------------------------


def test_a_memotrace_folder_uses_its_csv_and_ignores_exported_attachments() -> None:
    csv_bytes = (FIXTURES / "memotrace_bom_crlf.csv").read_bytes()
    source = _container(
        {
            "data/聊天记录/王芳/王芳_utf8.csv": csv_bytes,
            "data/聊天记录/王芳/王芳.txt": (FIXTURES / "memotrace.txt").read_bytes(),
            "data/聊天记录/王芳/file/账单.csv": b"a,b\n1,2\n",
            "data/聊天记录/王芳/image/a.jpg": b"\xff\xd8",
        },
        "聊天记录.zip",
    )
    chat = wechat.IMPORTER.parse(source, TZ)

    assert wechat.IMPORTER.detect(source) == (
        "WeChat MemoTrace CSV, UTF-8 BOM, 12 columns; chat file data/聊天记录/王芳/王芳_utf8.csv"
    )
    assert chat.format_name == "wechat-memotrace-csv"
    assert chat.messages[0].source.file == "data/聊天记录/王芳/王芳_utf8.csv"
    assert len(chat.messages) == 23


def test_a_zip_with_two_chats_is_refused_asking_to_pick_one() -> None:
    data = (FIXTURES / "memotrace_bom_crlf.csv").read_bytes()
    source = _container({"a.csv": data, "b.csv": data})

    with pytest.raises(ImportInputError) as raised:
        wechat.IMPORTER.parse(source, TZ)
    assert "several chat files" in raised.value.reason
    assert "a.csv, b.csv" in raised.value.reason


@pytest.mark.parametrize("name", ["memotrace_bom_crlf.csv", "memotrace_gb18030.csv", PYWXDUMP])
def test_csv_parses_are_deterministic(name: str) -> None:
    def parse() -> ParsedChat:
        return wechat.IMPORTER.parse(_source(name), TZ)

    assert normalised_bytes(parse()) == normalised_bytes(parse())
