"""The WeChat umbrella importer: type-code mapping, detection, determinism, bad input, fuzzing, and
the shared synthetic corpus (../shared/corpus/wechat) when it is present."""

from __future__ import annotations

import zlib
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from evidence_desk.domain.errors import ImportInputError
from evidence_desk.importers import wechat
from evidence_desk.importers.base import ExportSource, MessageKind, ParsedChat, normalised_bytes
from evidence_desk.importers.wechat.common import interpret, js_unescape, parse_wall_time

FIXTURES = Path(__file__).parents[1] / "fixtures" / "wechat"
CORPUS = Path(__file__).resolve().parents[4] / "shared" / "corpus" / "wechat"
TZ = "Asia/Shanghai"
K = MessageKind

FIXTURE_FORMATS = {
    "memotrace_bom_crlf.csv": "wechat-memotrace-csv",
    "memotrace_gb18030.csv": "wechat-memotrace-csv",
    "pywxdump_wxid_wangfang0311_0_5000.csv": "wechat-pywxdump-csv",
    "pywxdump_old_content.csv": "wechat-pywxdump-csv",
    "memotrace.txt": "wechat-memotrace-txt",
    "wechatexporter.txt": "wechat-wechatexporter-txt",
    "memotrace.html": "wechat-memotrace-html",
    "memotrace_v2.html": "wechat-memotrace-html",
    "wechatexporter/index.html": "wechat-wechatexporter-html",
}


def _fixture(name: str) -> ExportSource:
    return ExportSource(name, (FIXTURES / name).read_bytes())


# --- type codes ---------------------------------------------------------------------------------

FRIEND_ADDED = "你已添加了王芳，现在可以开始聊天了。"
XML_TRANSFER = (
    "<msg><appmsg><type>2000</type><wcpayinfo><paysubtype>4</paysubtype>"
    "<feedesc>￥500.00</feedesc></wcpayinfo></appmsg></msg>"
)


@pytest.mark.parametrize(
    ("type_code", "sub_type", "content", "kind", "text"),
    [
        (1, 0, "你好", K.TEXT, "你好"),
        (3, 0, '<msg><img md5="ab"/></msg>', K.IMAGE, "[图片]"),
        (34, 0, "<msg><voicemsg/></msg>", K.VOICE, "[语音]"),
        (43, 0, "<msg><videomsg/></msg>", K.VIDEO, "[视频]"),
        (47, 0, "<msg><emoji/></msg>", K.STICKER, "[表情包]"),
        (48, 0, '<msg><location poiname="某广场" label=""/></msg>', K.LOCATION, "[位置] 某广场"),
        (42, 0, '<msg nickname="李律师"/>', K.CONTACT_CARD, "[名片] 李律师"),
        (37, 0, '<msg fromnickname="王芳" content="我是"/>', K.SYSTEM, "[好友请求] 王芳 我是"),
        (49, 6, "<msg><appmsg><title>a.pdf</title></appmsg></msg>", K.FILE, "[文件] a.pdf"),
        (49, 5, "<msg><appmsg><title>须知</title></appmsg></msg>", K.LINK, "[链接] 须知"),
        (49, 19, "<msg><appmsg><title>记录</title></appmsg></msg>", K.LINK, "[聊天记录] 记录"),
        (49, 2000, XML_TRANSFER, K.TRANSFER, "[已退还] ￥500.00"),
        (49, 2001, "<msg><appmsg><title>红包</title></appmsg></msg>", K.RED_PACKET, "[红包] 红包"),
        (49, 57, "<msg><appmsg><title>好</title></appmsg></msg>", K.QUOTE, "好"),
        (50, 0, "<voipmsg><msg><![CDATA[已取消]]></msg></voipmsg>", K.CALL, "[通话] 已取消"),
        (10000, 0, FRIEND_ADDED, K.SYSTEM, FRIEND_ADDED),
        (10000, 0, '"王芳" 撤回了一条消息', K.RECALLED, '"王芳" 撤回了一条消息'),
        (
            10000,
            0,
            '<![CDATA[你撤回了一条消息 <a href="weixin://revoke_edit_click">重新编辑</a>]]>',
            K.RECALLED,
            "你撤回了一条消息",
        ),
        (10000, 1, "对方撤回了一条消息", K.RECALLED, "对方撤回了一条消息"),
        (10000, 4, '"王芳" 拍了拍我', K.SYSTEM, '"王芳" 拍了拍我'),
        (10002, 0, '<sysmsg type="revokemsg"><revokemsg><replacemsg>"王芳" 撤回了一条消息'
         "</replacemsg></revokemsg></sysmsg>", K.RECALLED, '"王芳" 撤回了一条消息'),
        (10002, 0, '<sysmsg type="pat"><pat>拍</pat></sysmsg>', K.SYSTEM, "拍"),
        (12345, 0, "新消息", K.UNKNOWN, "[未知消息 Type=12345 SubType=0] 新消息"),
        (49, 999, "<msg><appmsg><title>卡片</title></appmsg></msg>", K.UNKNOWN,
         "[未知消息 Type=49 SubType=999] 卡片"),
    ],
)  # fmt: skip
def test_type_codes_are_mapped_never_dropped(
    type_code: int, sub_type: int, content: str, kind: MessageKind, text: str
) -> None:
    meaning = interpret(type_code, sub_type, content)

    assert (meaning.kind, meaning.text) == (kind, text)
    if kind is not K.TEXT:
        assert meaning.raw == content


def test_broken_xml_content_is_kept_raw() -> None:
    meaning = interpret(49, 6, "<msg><appmsg><title>未闭合")

    assert meaning.kind is K.FILE
    assert meaning.raw == "<msg><appmsg><title>未闭合"


def test_entity_expansion_in_content_is_not_performed() -> None:
    bomb = '<!DOCTYPE m [<!ENTITY a "aaaaaaaaaa">]><msg><appmsg><title>&a;</title></appmsg></msg>'

    assert interpret(49, 5, bomb).text == "[链接]"


@pytest.mark.parametrize(
    ("escaped", "plain"),
    [("it\\'s", "it's"), ("a\\nb", "a\nb"), ("\\u738b", "王"), ("\\\\", "\\"), ("end\\", "end\\")],
)
def test_js_unescape(escaped: str, plain: str) -> None:
    assert js_unescape(escaped) == plain


def test_wall_times_accept_excel_forms_and_refuse_impossible_dates() -> None:
    assert parse_wall_time("2026-03-02 09:15:00") == (datetime(2026, 3, 2, 9, 15), True)
    assert parse_wall_time("2026/3/2 9:15") == (datetime(2026, 3, 2, 9, 15), False)
    assert parse_wall_time("2026-02-30 09:15:00") is None
    assert parse_wall_time("昨天 09:15") is None


# --- detection and delegation -------------------------------------------------------------------


@pytest.mark.parametrize(("name", "format_name"), sorted(FIXTURE_FORMATS.items()))
def test_umbrella_detects_each_variant_and_parses_it_deterministically(
    name: str, format_name: str
) -> None:
    source = _fixture(name)

    def parse() -> ParsedChat:
        return wechat.IMPORTER.parse(source, TZ)

    reason = wechat.IMPORTER.detect(source)
    first = parse()
    assert reason is not None and reason.startswith("WeChat ")
    assert first.format_name == format_name
    assert first.detection_reason == reason
    assert first.timezone == TZ
    assert normalised_bytes(first) == normalised_bytes(parse())


PNG = b"\x89PNG\r\n\x1a\n" + zlib.compress(b"\x00" * 64)
NOT_WECHAT = {
    "empty.txt": b"",
    "junk.bin": bytes(range(256)) * 4,
    "photo.png": PNG,
    "whatsapp.txt": "18/03/2022, 15:10 - 王芳: 你好\n18/03/2022, 15:11 - 小陈: 您好\n".encode(),
    "line.txt": "[LINE] 与王芳的聊天记录\n保存日期: 2024/01/06 10:00\n\n2024/01/05（五）\n"
    "10:00\t王芳\t你好\n".encode(),
    "plain.csv": b"time,sender,text\n2026-03-02 09:15,a,b\n",
    "result.json": b'{"name": "x", "type": "personal_chat", "messages": []}',
}


@pytest.mark.parametrize("name", sorted(NOT_WECHAT))
def test_other_files_are_not_claimed_and_are_refused_naming_the_file(name: str) -> None:
    source = ExportSource(name, NOT_WECHAT[name])

    assert wechat.IMPORTER.detect(source) is None
    with pytest.raises(ImportInputError) as raised:
        wechat.IMPORTER.parse(source, TZ)
    assert raised.value.file == name


def test_memotrace_ai_training_json_is_recognised_and_refused_as_evidence() -> None:
    data = '[{"messages": [{"role": "user", "content": "你好"}]}]'.encode()
    source = ExportSource("王芳_train.json", data)

    assert wechat.IMPORTER.detect(source) == (
        "WeChat MemoTrace AI-training JSON (not accepted as evidence)"
    )
    with pytest.raises(ImportInputError) as raised:
        wechat.IMPORTER.parse(source, TZ)
    assert "training" in raised.value.reason


def test_an_unknown_time_zone_is_refused() -> None:
    with pytest.raises(ImportInputError) as raised:
        wechat.IMPORTER.parse(_fixture("memotrace.txt"), "Mars/Olympus")
    assert "Mars/Olympus" in raised.value.reason


def test_binary_junk_with_a_csv_name_is_refused_with_a_location() -> None:
    with pytest.raises(ImportInputError) as raised:
        wechat.IMPORTER.parse(ExportSource("王芳_utf8.csv", b"\x00\x01binary\x00junk"), TZ)
    assert raised.value.file == "王芳_utf8.csv"
    assert raised.value.locator.startswith(("byte", "line"))


# --- fuzzing: only ImportInputError may escape ---------------------------------------------------

SEEDS = [(FIXTURES / name).read_bytes() for name in sorted(FIXTURE_FORMATS)]


def _parse_or_refuse(data: bytes, name: str) -> None:
    source = ExportSource(name, data)
    wechat.IMPORTER.detect(source)  # must not raise at all
    try:
        wechat.IMPORTER.parse(source, TZ)
    except ImportInputError as error:
        assert error.file
        assert error.reason


@st.composite
def _mutated(draw: st.DrawFn) -> bytes:
    data = bytearray(draw(st.sampled_from(SEEDS)))
    for _ in range(draw(st.integers(0, 6))):
        kind = draw(st.sampled_from(["flip", "insert", "delete", "truncate"]))
        at = draw(st.integers(0, max(len(data) - 1, 0)))
        if kind == "flip" and data:
            data[at] = draw(st.integers(0, 255))
        elif kind == "insert":
            data[at:at] = draw(
                st.sampled_from([b'"', b",", b"\r\n", b"\n\n", b"<", b"'", b"\\", b"\x00", b"\xff"])
            )
        elif kind == "delete":
            del data[at : at + draw(st.integers(1, 40))]
        else:
            del data[at:]
    return bytes(data)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=_mutated(), suffix=st.sampled_from([".csv", ".txt", ".html"]))
def test_mutated_exports_parse_or_raise_import_input_error(data: bytes, suffix: str) -> None:
    _parse_or_refuse(data, "fuzz" + suffix)


@settings(max_examples=200, deadline=None)
@given(data=st.binary(max_size=2048), suffix=st.sampled_from([".csv", ".txt", ".html"]))
def test_random_bytes_parse_or_raise_import_input_error(data: bytes, suffix: str) -> None:
    _parse_or_refuse(data, "random" + suffix)


@settings(max_examples=200, deadline=None)
@given(
    lines=st.lists(
        st.one_of(
            st.sampled_from(
                [
                    "2026-03-02 09:15:00 王芳",
                    "王芳 (2026-03-02 09:15:00):你好",
                    "系统消息: 撤回",
                    "localId,TalkerId,Type,SubType,IsSender,CreateTime,Status,StrContent,StrTime",
                    '1,1,49,57,0,1772414100,,"<msg>",2026-03-02 09:15:00',
                    "const chatMessages = [{type:1, text:'x', timestamp:1},",
                    "",
                ]
            ),
            st.text(max_size=40),
        ),
        max_size=12,
    ),
    suffix=st.sampled_from([".csv", ".txt", ".html"]),
)
def test_export_like_text_parses_or_raises_import_input_error(
    lines: list[str], suffix: str
) -> None:
    head = "<!DOCTYPE html>\n" if suffix == ".html" else ""
    _parse_or_refuse((head + "\n".join(lines)).encode("utf-8", "surrogatepass"), "t" + suffix)


# --- the shared corpus --------------------------------------------------------------------------

CORPUS_KINDS = [
    K.SYSTEM, K.TEXT, K.TEXT, K.TEXT, K.IMAGE, K.VOICE, K.TEXT, K.RECALLED, K.TRANSFER, K.QUOTE,
    K.TEXT,
]  # fmt: skip


@pytest.mark.skipif(not CORPUS.exists(), reason="shared WeChat corpus not present")
def test_every_corpus_file_parses_with_the_counts_and_kinds_it_contains() -> None:
    chats: dict[str, ParsedChat] = {}
    for path in sorted(CORPUS.iterdir()):
        source = ExportSource(path.name, path.read_bytes())
        assert wechat.IMPORTER.detect(source) is not None, path.name
        chats[path.name] = wechat.IMPORTER.parse(source, TZ)

    assert set(chats) == {
        "memotrace_1v1.txt",
        "memotrace_1v1_excel_gb18030.csv",
        "memotrace_1v1_utf8bom.csv",
        "wechatexporter_1v1.txt",
    }
    for name, chat in chats.items():
        assert [m.kind for m in chat.messages] == CORPUS_KINDS, name
        assert chat.messages[0].text == "你已添加了张伟，现在可以开始聊天了。", name
        assert chat.messages[-1].text == '好的，"下个月"一定还', name
        assert str(chat.messages[-1].sent_at) == "2026-01-20 04:23:20+00:00", name

    bom, gb = chats["memotrace_1v1_utf8bom.csv"], chats["memotrace_1v1_excel_gb18030.csv"]
    assert [_without_file(m.as_json()) for m in bom.messages] == [
        _without_file(m.as_json()) for m in gb.messages
    ]
    assert (bom.encoding, gb.encoding) == ("utf-8-sig", "gb18030")
    assert (bom.problems, gb.problems) == ((), ())
    assert str(bom.messages[0].sent_at) == "2026-01-08 04:20:00+00:00"
    assert bom.messages[8].text == "[转账] ￥5000.00 车贷还款"
    assert sum(m.from_self is True for m in bom.messages) == 3

    txt = chats["memotrace_1v1.txt"]
    assert [m.sent_at for m in txt.messages] == [m.sent_at for m in bom.messages]
    assert [m.text for m in txt.messages][1:] == [m.text for m in bom.messages][1:]
    exporter = chats["wechatexporter_1v1.txt"]
    assert exporter.title == "张伟"
    assert [p.locator for p in exporter.problems] == ["line 3", "line 12"]  # undated system lines


def _without_file(message: dict[str, object]) -> dict[str, object]:
    return {key: value for key, value in message.items() if key != "source"}
