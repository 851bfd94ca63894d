"""SMS Backup & Restore XML importer: fixtures written for this project, plus the shared corpus."""

from __future__ import annotations

import base64
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from evidence_desk.importers import sms_xml
from evidence_desk.importers.base import (
    AttachmentState,
    ExportSource,
    ImportInputError,
    MessageKind,
    ParsedChat,
    normalised_bytes,
)

FIXTURES = Path(__file__).parent / "fixtures" / "sms"
CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "sms"
TZ = "Asia/Shanghai"
SMS_FILE = "sms-20260120.xml"
CALLS_FILE = "calls-20260120.xml"


def _source(name: str = SMS_FILE) -> ExportSource:
    return ExportSource(name, (FIXTURES / name).read_bytes())


def _parse(name: str = SMS_FILE, **kwargs: str) -> ParsedChat:
    if kwargs:
        return sms_xml.parse_backup(_source(name), TZ, **kwargs)
    return sms_xml.IMPORTER.parse(_source(name), TZ)


def _utc(
    year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0
) -> datetime:
    return datetime(year, month, day, hour, minute, second, tzinfo=UTC)


def test_detection_reasons() -> None:
    assert sms_xml.IMPORTER.detect(_source()) == (
        "SMS Backup & Restore XML (messages, <smses>, v10.20.002)"
    )
    assert sms_xml.IMPORTER.detect(_source(CALLS_FILE)) == (
        "SMS Backup & Restore XML (call log, <calls>, v10.20.002)"
    )
    for data in (b"<html><smses>", b"hello", b"", b'<?xml version="1.0"?><root/>'):
        assert sms_xml.IMPORTER.detect(ExportSource("x.xml", data)) is None


def test_whole_backup_counts_order_and_senders() -> None:
    chat = _parse()
    assert chat.format_name == "sms_backup_restore_xml"
    assert len(chat.messages) == 8
    assert [m.index for m in chat.messages] == list(range(8))
    times = [m.sent_at for m in chat.messages]
    assert times == sorted(times)
    assert times[0] == _utc(2026, 1, 19, 0, 0) and times[-1] == _utc(2026, 1, 19, 6, 0)
    assert [m.source.locator for m in chat.messages] == [
        "sms[4]",
        "sms[0]",
        "sms[1]",
        "sms[2]",
        "sms[3]",
        "mms[0]",
        "mms[1]",
        "sms[5]",
    ]
    assert [(m.sender, m.from_self) for m in chat.messages] == [
        ("李四", False),
        (sms_xml.SELF_SENDER, True),
        ("张三", False),
        (sms_xml.SELF_SENDER, True),
        ("10086", False),
        ("张三", False),
        (sms_xml.SELF_SENDER, True),
        (sms_xml.SELF_SENDER, True),
    ]
    assert chat.participants == ("张三", "10086", "张三, 李四", "李四", sms_xml.SELF_SENDER)
    assert chat.title == "SMS backup (4 counterparts)"
    assert chat.messages[0].time_text == "1768780800000"
    assert chat.encoding == "utf-8"


def test_texts_entities_and_surrogate_repairs() -> None:
    chat = _parse()
    assert chat.messages[2].text == "知道了 😀 周五还 👍"
    assert chat.messages[4].text == "余额提醒\n第二行 & <完> \ufffd \ufffd"
    assert chat.repairs == (
        "combined 1 surrogate-pair character reference (e.g. &#55357;&#56832;) into the "
        "characters they encode",
        "replaced 1 lone surrogate character reference with U+FFFD",
        "replaced 1 reference to characters XML 1.0 forbids (U+0001) with U+FFFD",
    )


def test_sent_and_undelivered_messages_keep_raw() -> None:
    chat = _parse()
    sent = chat.messages[1]
    assert sent.raw is not None and '"address":"+86 139-1234-5678"' in sent.raw
    assert sent.sender_id is None
    failed = chat.messages[3]
    assert failed.text == "发送失败的短信" and failed.raw is not None
    assert any(p.locator == "sms[2]" and "failed" in p.reason for p in chat.problems)
    assert chat.messages[2].raw is None  # received, nothing to add


def test_mms_parts_text_attachments_and_inline_media() -> None:
    chat = _parse()
    mms = chat.messages[5]
    assert mms.kind is MessageKind.IMAGE
    assert mms.text == "这是转账截图"
    assert mms.sender_id == "+8613912345678"
    assert [(a.kind, a.name, a.state, a.member) for a in mms.attachments] == [
        (MessageKind.IMAGE, "转账.png", AttachmentState.EXPORTED, "mms/0/转账.png"),
        (MessageKind.VOICE, "voice.amr", AttachmentState.OMITTED, None),
    ]
    media = sms_xml.inline_media(_source())
    assert list(media) == ["mms/0/转账.png"]
    assert media["mms/0/转账.png"].startswith(b"\x89PNG\r\n\x1a\n")
    group = chat.messages[6]
    assert group.text == "群发：请两位确认还款计划"
    bad = group.attachments[0]
    assert (bad.state, bad.member) == (AttachmentState.MISSING, "mms/1/bad.jpg")
    assert any(p.locator == "mms[1]" and p.severity == "error" for p in chat.problems)


def test_filter_by_address_matches_formatted_numbers_and_group_mms() -> None:
    chat = _parse(address="13912345678")
    assert chat.title == "张三"
    assert [m.source.locator for m in chat.messages] == [
        "sms[0]",
        "sms[1]",
        "sms[2]",
        "mms[0]",
        "mms[1]",
        "sms[5]",
    ]
    guarantor = _parse(address="+86 136 0000 0000")
    assert [m.source.locator for m in guarantor.messages] == ["sms[4]", "mms[1]"]
    group = _parse(address="+8613912345678~+8613600000000")
    assert [m.source.locator for m in group.messages] == ["mms[1]"]


def test_list_conversations_groups_equivalent_numbers() -> None:
    conversations = sms_xml.list_conversations(_source())
    assert [(c.address, c.name, c.message_count) for c in conversations] == [
        ("+86 139-1234-5678", "张三", 5),
        ("+8613600000000", "李四", 1),
        ("+8613912345678~+8613600000000", "张三, 李四", 1),
        ("10086", "10086", 1),
    ]
    assert conversations[0].first == _utc(2026, 1, 19, 1, 0)
    assert conversations[0].last == _utc(2026, 1, 19, 6, 0)


def test_call_log() -> None:
    chat = _parse(CALLS_FILE)
    assert [(m.kind, m.text, m.sender, m.from_self) for m in chat.messages] == [
        (MessageKind.CALL, "outgoing call, 65 s", sms_xml.SELF_SENDER, True),
        (MessageKind.CALL, "missed call, 0 s", "张三", False),
        (MessageKind.CALL, "incoming call, 30 s", "李四", False),
    ]
    assert chat.messages[0].sent_at == _utc(2026, 1, 19, 1, 1)
    assert chat.messages[1].raw is not None


def test_parse_is_deterministic() -> None:
    assert normalised_bytes(_parse()) == normalised_bytes(_parse())


def test_original_bytes_untouched() -> None:
    before = (FIXTURES / SMS_FILE).read_bytes()
    source = _source()
    _parse()
    assert source.data == before


def test_declared_count_mismatch_is_reported() -> None:
    data = (FIXTURES / SMS_FILE).read_bytes().replace(b'count="8"', b'count="12"')
    chat = sms_xml.IMPORTER.parse(ExportSource("s.xml", data), TZ)
    assert any("count=12" in p.reason and "8 records" in p.reason for p in chat.problems)


def test_repair_stream_handles_references_across_piece_boundaries() -> None:
    filler = b"x" * ((1 << 20) - 20)
    body = filler + b"&#55357;&#56832;" + filler
    data = (
        b'<smses count="1"><sms date="1768784400000" type="1" address="1" body="'
        + body
        + b'"/></smses>'
    )
    chat = sms_xml.IMPORTER.parse(ExportSource("big.xml", data), TZ)
    assert chat.messages[0].text == "x" * len(filler) + "😀" + "x" * len(filler)


def test_large_backup_streams() -> None:
    one = '<sms protocol="0" address="+8613912345678" date="{}" type="1" body="第{}条" />\n'
    rows = "".join(one.format(1768784400000 + i * 1000, i) for i in range(20_000))
    data = f'<?xml version="1.0"?>\n<smses count="20000">\n{rows}</smses>'.encode()
    chat = sms_xml.IMPORTER.parse(ExportSource("big.xml", data), TZ)
    assert len(chat.messages) == 20_000
    assert chat.messages[-1].text == "第19999条"


def test_unreadable_date_is_kept_with_an_error() -> None:
    data = '<smses count="²"><sms date="²" type="1" address="1" body="在"/></smses>'.encode()
    chat = sms_xml.IMPORTER.parse(ExportSource("s.xml", data), TZ)
    assert chat.messages[0].text == "在"
    assert [(p.locator, p.severity) for p in chat.problems] == [("sms[0]", "error")]


def test_mms_text_part_in_base64_data() -> None:
    encoded = base64.b64encode("只在data里的文字".encode()).decode()
    data = (
        '<smses count="1"><mms date="1768795200000" msg_box="1" address="10086">'
        f'<parts><part seq="0" ct="text/plain" text="null" data="{encoded}"/></parts>'
        "</mms></smses>"
    ).encode()
    chat = sms_xml.IMPORTER.parse(ExportSource("m.xml", data), TZ)
    assert chat.messages[0].text == "只在data里的文字"


def test_container_source_picks_the_backup() -> None:
    data = (FIXTURES / SMS_FILE).read_bytes()
    members = {"backup/sms-20260120.xml": lambda: data, "backup/readme.txt": lambda: b"x"}
    container = ExportSource("backup.zip", b"", members, container="backup.zip")
    assert sms_xml.IMPORTER.detect(container) is not None
    chat = sms_xml.IMPORTER.parse(container, TZ)
    assert len(chat.messages) == 8
    assert chat.messages[0].source.file == "backup/sms-20260120.xml"


# --------------------------------------------------------------------------------------------
# Broken input
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("cut", [60, 400, 1500, -20])
def test_truncated_xml_names_line_and_column(cut: int) -> None:
    data = (FIXTURES / SMS_FILE).read_bytes()[:cut]
    with pytest.raises(ImportInputError) as caught:
        sms_xml.IMPORTER.parse(ExportSource(SMS_FILE, data), TZ)
    assert caught.value.file == SMS_FILE
    assert re.fullmatch(r"line \d+, column \d+", caught.value.locator)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"\x00\xff garbage", "not well-formed|XML"),
        (b"<root><sms/></root>", "not <smses>"),
        (
            b'<!DOCTYPE smses [<!ENTITY a "aaaa">]><smses><sms body="&a;"/></smses>',
            "unsafe|DTD",
        ),
        (b'<smses><sms body="&#xD800;"/>', "not well-formed|no element"),
        (b"<?xml version='1.0' encoding='TF-8'?><smses/>", "unsupported XML encoding"),
    ],
)
def test_garbage_is_refused(data: bytes, reason: str) -> None:
    with pytest.raises(ImportInputError, match=reason):
        sms_xml.IMPORTER.parse(ExportSource("bad.xml", data), TZ)


# --------------------------------------------------------------------------------------------
# Fuzzing: only ImportInputError may escape
# --------------------------------------------------------------------------------------------


def _check(source: ExportSource) -> None:
    sms_xml.IMPORTER.detect(source)
    try:
        chat = sms_xml.IMPORTER.parse(source, TZ)
        sms_xml.inline_media(source)
        sms_xml.list_conversations(source)
    except ImportInputError:
        return
    normalised_bytes(chat)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_fuzz_byte_mutations(data: st.DataObject) -> None:
    original = bytearray(
        (FIXTURES / data.draw(st.sampled_from([SMS_FILE, CALLS_FILE]))).read_bytes()
    )
    for _ in range(data.draw(st.integers(1, 4))):
        if not original:
            break
        position = data.draw(st.integers(0, len(original) - 1))
        action = data.draw(st.sampled_from(["flip", "delete", "insert", "truncate"]))
        if action == "flip":
            original[position] = data.draw(st.integers(0, 255))
        elif action == "delete":
            del original[position : position + data.draw(st.integers(1, 50))]
        elif action == "insert":
            original[position:position] = data.draw(st.binary(min_size=1, max_size=8))
        else:
            del original[position:]
    _check(ExportSource("s.xml", bytes(original)))


_ATTRIBUTES = ["date", "type", "msg_box", "address", "body", "contact_name", "ct", "data", "text"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_fuzz_attribute_values(data: st.DataObject) -> None:
    text = (FIXTURES / SMS_FILE).read_text(encoding="utf-8")
    for _ in range(data.draw(st.integers(1, 4))):
        attribute = data.draw(st.sampled_from(_ATTRIBUTES))
        matches = list(re.finditer(rf' {attribute}="[^"]*"', text))
        if not matches:
            continue
        match = matches[data.draw(st.integers(0, len(matches) - 1))]
        value = data.draw(
            st.sampled_from(["", "null", "-1", "99999999999999999999999", "&#55357;", "&#0;"])
            | st.text(alphabet=st.characters(blacklist_characters='"<&'), max_size=12)
        )
        text = text[: match.start()] + f' {attribute}="{value}"' + text[match.end() :]
    _check(ExportSource("s.xml", text.encode("utf-8", "surrogatepass")))


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=400))
def test_fuzz_random_bytes(payload: bytes) -> None:
    _check(ExportSource("s.xml", b"<smses>" + payload))


# --------------------------------------------------------------------------------------------
# Shared corpus (local check only)
# --------------------------------------------------------------------------------------------


@pytest.mark.skipif(not CORPUS.exists(), reason="shared corpus not present")
@pytest.mark.parametrize(
    "path", sorted(CORPUS.glob("*.xml")) if CORPUS.exists() else [], ids=lambda p: p.name
)
def test_corpus_file_parses_sanely(path: Path) -> None:
    source = ExportSource(path.name, path.read_bytes())
    assert sms_xml.IMPORTER.detect(source) is not None
    chat = sms_xml.IMPORTER.parse(source, TZ)
    assert chat.messages
    assert all(m.sent_at.year >= 2010 and m.from_self is not None for m in chat.messages)
    assert "\ufffd" not in "".join(m.text for m in chat.messages)
    assert not [p for p in chat.problems if p.severity == "error"]
    assert normalised_bytes(chat) == normalised_bytes(sms_xml.IMPORTER.parse(source, TZ))
    for member in (a.member for m in chat.messages for a in m.attachments):
        assert member in sms_xml.inline_media(source)
