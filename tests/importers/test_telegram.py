"""Telegram Desktop JSON importer: fixtures written for this project, plus the shared corpus."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from evidence_desk.importers import telegram
from evidence_desk.importers.base import (
    AttachmentState,
    ExportSource,
    ImportInputError,
    MessageKind,
    ParsedChat,
    normalised_bytes,
)

FIXTURES = Path(__file__).parent / "fixtures" / "telegram"
CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "telegram"
TZ = "Asia/Shanghai"
EXPORT_DIR = "ChatExport_2024-01-05"
SKIP = "(File not included. Change data exporting settings to download.)"


def _fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def _utc(
    year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0
) -> datetime:
    return datetime(year, month, day, hour, minute, second, tzinfo=UTC)


def _single_source(with_media: bool = True) -> ExportSource:
    """The single-chat fixture inside an export folder, with two of its three media present."""
    members = {f"{EXPORT_DIR}/result.json": lambda: _fixture("single_personal_result.json")}
    if with_media:
        members[f"{EXPORT_DIR}/photos/photo_1@05-01-2024_10-02-00.jpg"] = lambda: b"\xff\xd8jpeg"
        members[f"{EXPORT_DIR}/files/合同.pdf"] = lambda: b"%PDF-1.4"
    return ExportSource(
        name=f"{EXPORT_DIR}/result.json",
        data=_fixture("single_personal_result.json"),
        members=members,
        container="ChatExport.zip",
    )


def _parse_single() -> ParsedChat:
    return telegram.IMPORTER.parse(_single_source(), TZ)


# --------------------------------------------------------------------------------------------
# Single chat
# --------------------------------------------------------------------------------------------


def test_single_chat_counts_senders_and_time_range() -> None:
    chat = _parse_single()
    assert chat.format_name == "telegram_json"
    assert chat.title == "王芳"
    assert chat.participants == ("王芳", "李明")
    assert len(chat.messages) == 13
    assert [m.index for m in chat.messages] == list(range(13))
    assert chat.messages[0].sent_at == _utc(2024, 1, 5, 1, 58, 0)
    assert chat.messages[-1].sent_at == _utc(2024, 1, 5, 2, 12, 0)
    assert chat.encoding == "utf-8"
    assert chat.repairs == ()
    assert chat.timezone == TZ
    assert chat.detection_reason == "Telegram Desktop JSON, single chat, personal_chat"


def test_single_chat_kinds_in_order() -> None:
    kinds = [m.kind for m in _parse_single().messages]
    assert kinds == [
        MessageKind.SYSTEM,
        MessageKind.TEXT,
        MessageKind.TEXT,
        MessageKind.IMAGE,
        MessageKind.VOICE,
        MessageKind.STICKER,
        MessageKind.TEXT,
        MessageKind.TEXT,
        MessageKind.CALL,
        MessageKind.LOCATION,
        MessageKind.UNKNOWN,
        MessageKind.CONTACT_CARD,
        MessageKind.FILE,
    ]


def test_text_parts_are_concatenated_and_hrefs_stay_visible() -> None:
    message = _parse_single().messages[2]
    assert message.text == (
        "您的欠款¥5000 请于 还款页面 (https://pay.example.com/r/1) 办理；https://example.com"
    )
    assert message.reply_to == "1001"
    assert message.native_id == "1002"
    assert message.time_text == "1704420090"


def test_from_self_follows_the_personal_chat_peer() -> None:
    chat = _parse_single()
    by_sender = {(m.sender, m.from_self) for m in chat.messages}
    assert by_sender == {("王芳", False), ("李明", True)}
    assert chat.messages[1].sender_id == "user1111111"


def test_media_states_exported_missing_omitted() -> None:
    chat = _parse_single()
    photo = chat.messages[3].attachments[0]
    assert photo.state is AttachmentState.EXPORTED
    assert photo.member == f"{EXPORT_DIR}/photos/photo_1@05-01-2024_10-02-00.jpg"
    assert chat.messages[3].text == "转账截图"
    voice = chat.messages[4].attachments[0]
    assert voice.state is AttachmentState.MISSING
    assert voice.member == f"{EXPORT_DIR}/voice_messages/audio_1@05-01-2024_10-03-00.ogg"
    sticker = chat.messages[5].attachments[0]
    assert sticker.state is AttachmentState.OMITTED
    assert sticker.member is None
    assert sticker.name == SKIP
    pdf = chat.messages[12].attachments[0]
    assert (pdf.name, pdf.state, pdf.kind) == (
        "合同.pdf",
        AttachmentState.EXPORTED,
        MessageKind.FILE,
    )


def test_media_without_members_is_missing() -> None:
    chat = telegram.IMPORTER.parse(
        ExportSource("result.json", _fixture("single_personal_result.json")), TZ
    )
    states = [a.state for m in chat.messages for a in m.attachments]
    assert states == [
        AttachmentState.MISSING,  # photo
        AttachmentState.MISSING,  # voice
        AttachmentState.OMITTED,  # sticker skip string
        AttachmentState.MISSING,  # contact vCard
        AttachmentState.MISSING,  # pdf
    ]


def test_service_messages_name_the_action_and_keep_raw() -> None:
    chat = _parse_single()
    joined, call = chat.messages[0], chat.messages[8]
    assert joined.text == "joined_telegram"
    assert joined.raw is not None and '"action":"joined_telegram"' in joined.raw
    assert call.text == "phone_call (discard_reason: hangup, duration_seconds: 65)"
    assert call.sender == "李明" and call.from_self is True


def test_date_only_message_uses_the_zone() -> None:
    message = _parse_single().messages[6]
    assert message.time_text == "2024-01-05T10:05:00"
    assert message.sent_at == _utc(2024, 1, 5, 2, 5, 0)
    other = telegram.IMPORTER.parse(_single_source(), "Europe/Berlin").messages[6]
    assert other.sent_at == _utc(2024, 1, 5, 9, 5, 0)


def test_date_text_disagreeing_with_unixtime_is_reported_once() -> None:
    chat = telegram.IMPORTER.parse(_single_source(), "Europe/Berlin")
    mismatch = [p for p in chat.problems if "differs from date_unixtime" in p.reason]
    assert len(mismatch) == 1
    assert "+07:00:00" in mismatch[0].reason and "12 messages" in mismatch[0].reason
    assert mismatch[0].locator == "$.messages[0]"
    assert chat.messages[1].sent_at == _utc(2024, 1, 5, 2, 0, 5)  # unixtime wins


def test_many_different_date_mismatches_are_summarised() -> None:
    messages = [
        {
            "type": "message",
            "date": "2024-01-01T00:00:00",
            "date_unixtime": str(1704420000 + 61 * i),
            "from": "王芳",
            "text": str(i),
        }
        for i in range(50)
    ]
    source = ExportSource("r.json", json.dumps({"messages": messages}).encode())
    problems = telegram.IMPORTER.parse(source, TZ).problems
    assert len(problems) == 6
    assert "45 further different amounts in 45 messages" in problems[-1].reason


def test_unmodelled_fields_keep_raw_and_unknown_types_are_kept() -> None:
    chat = _parse_single()
    forwarded = chat.messages[7]
    assert forwarded.text == "我下周一还"
    assert forwarded.raw is not None and '"forwarded_from":"张伟"' in forwarded.raw
    assert chat.messages[1].raw is None
    unsupported = chat.messages[10]
    assert unsupported.raw is not None and '"type":"unsupported"' in unsupported.raw
    assert any(p.locator == "$.messages[10]" for p in chat.problems)
    assert chat.messages[11].text == "张 伟, +8613800000000"
    card = chat.messages[11].attachments[0]
    assert (card.kind, card.member) == (
        MessageKind.CONTACT_CARD,
        f"{EXPORT_DIR}/contacts/contact_1.vcard",
    )
    assert chat.messages[9].text == "31.2304, 121.4737"


def test_locators_are_json_paths() -> None:
    chat = _parse_single()
    assert [m.source.locator for m in chat.messages[:2]] == ["$.messages[0]", "$.messages[1]"]
    assert {m.source.file for m in chat.messages} == {f"{EXPORT_DIR}/result.json"}


def test_parse_is_deterministic() -> None:
    assert normalised_bytes(_parse_single()) == normalised_bytes(_parse_single())


def test_container_source_finds_result_json() -> None:
    inner = _single_source()
    container = ExportSource("ChatExport.zip", b"", inner.members, container="ChatExport.zip")
    assert telegram.IMPORTER.detect(container) is not None
    chat = telegram.IMPORTER.parse(container, TZ)
    assert normalised_bytes(chat) == normalised_bytes(_parse_single())


# --------------------------------------------------------------------------------------------
# Full export
# --------------------------------------------------------------------------------------------


def _full() -> ExportSource:
    return ExportSource("result.json", _fixture("full_export_result.json"))


def test_full_export_with_several_chats_refuses_and_lists_them() -> None:
    assert telegram.IMPORTER.detect(_full()) == "Telegram Desktop JSON, full export (chats.list)"
    with pytest.raises(ImportInputError) as caught:
        telegram.IMPORTER.parse(_full(), TZ)
    error = caught.value
    assert error.file == "result.json" and error.locator == "$.chats.list"
    assert "3 chats" in error.reason
    assert "id 1111111 personal_chat '王芳'" in error.reason
    assert "id 4444444 private_group '催收组'" in error.reason


def test_list_chats() -> None:
    chats = telegram.list_chats(_full())
    assert [(c.id, c.name, c.type, c.message_count) for c in chats] == [
        ("1111111", "王芳", "personal_chat", 2),
        ("4444444", "催收组", "private_group", 3),
        ("2222222", "", "saved_messages", 0),
    ]
    assert chats[1].locator == "$.chats.list[1]"


def test_full_export_chat_by_id_uses_personal_information_for_from_self() -> None:
    chat = telegram.parse_chat(_full(), TZ, chat=1111111)
    assert chat.title == "王芳"
    assert [(m.sender, m.from_self) for m in chat.messages] == [("王芳", False), ("李明", True)]
    assert chat.messages[0].source.locator == "$.chats.list[0].messages[0]"


def test_full_export_chat_by_name_group() -> None:
    chat = telegram.parse_chat(_full(), TZ, chat="催收组")
    assert [m.kind for m in chat.messages] == [
        MessageKind.SYSTEM,
        MessageKind.TEXT,
        MessageKind.TEXT,
    ]
    assert chat.messages[0].text == 'create_group (members: ["李明","赵强"], title: 催收组)'
    assert [m.from_self for m in chat.messages] == [True, False, False]
    deleted = chat.messages[2]
    assert (deleted.sender, deleted.sender_id) == ("Deleted Account", "user3333333")
    assert chat.messages[0].sent_at == _utc(2024, 1, 4, 1, 0, 0)


def test_saved_messages_title_and_unknown_chat() -> None:
    assert telegram.parse_chat(_full(), TZ, chat="2222222").title == "Saved Messages"
    with pytest.raises(ImportInputError, match="no chat with id or name 'nobody'"):
        telegram.parse_chat(_full(), TZ, chat="nobody")


def test_full_export_with_one_chat_is_parsed() -> None:
    doc = json.loads(_fixture("full_export_result.json"))
    doc["chats"]["list"] = doc["chats"]["list"][1:2]
    source = ExportSource("result.json", json.dumps(doc, ensure_ascii=False).encode())
    chat = telegram.IMPORTER.parse(source, TZ)
    assert chat.title == "催收组" and len(chat.messages) == 3


# --------------------------------------------------------------------------------------------
# Repairs and broken input
# --------------------------------------------------------------------------------------------


def test_writer_bugs_are_repaired_on_a_copy_and_recorded() -> None:
    data = _fixture("broken_writer_bugs.json")
    with pytest.raises(json.JSONDecodeError):
        json.loads(data)
    chat = telegram.IMPORTER.parse(ExportSource("result.json", data), TZ)
    assert len(chat.repairs) == 2
    assert "\\xHH" in chat.repairs[0] and "tdesktop#27571" in chat.repairs[0]
    assert "document_id" in chat.repairs[1]
    assert chat.messages[0].text == "警告\x0c提示 \\x41 保持"  # escaped backslash left alone
    assert chat.messages[1].text == "😮 好"
    star = chat.messages[2]
    assert star.text == "send_star_gift (stars: 15, text#2: ): 新年快乐"
    assert any("duplicate key 'text'" in p.reason for p in chat.problems)
    assert data == _fixture("broken_writer_bugs.json")


@pytest.mark.parametrize("cut", [10, 200, 1000, -3])
def test_truncated_json_names_line_and_column(cut: int) -> None:
    data = _fixture("single_personal_result.json")[:cut]
    with pytest.raises(ImportInputError) as caught:
        telegram.IMPORTER.parse(ExportSource("result.json", data), TZ)
    assert caught.value.file == "result.json"
    assert caught.value.locator.startswith("line ") and ", column " in caught.value.locator


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"\xff\xfe\x00garbage\x80", "UTF-16|invalid|UTF-8"),
        (b"[1, 2, 3]", "not a JSON object"),
        (b'{"foo": 1}', "not a Telegram"),
        (b"<html><body>messages</body></html>", "HTML"),
        (b"[" * 100_000, "nested|invalid JSON"),
    ],
)
def test_garbage_is_refused(data: bytes, reason: str) -> None:
    with pytest.raises(ImportInputError, match=reason):
        telegram.IMPORTER.parse(ExportSource("x.json", data), TZ)


def test_unreadable_dates_are_kept_with_an_error() -> None:
    doc = {"messages": [{"type": "message", "date_unixtime": "²", "from": "王芳", "text": "x"}]}
    chat = telegram.IMPORTER.parse(ExportSource("r.json", json.dumps(doc).encode()), TZ)
    assert chat.messages[0].text == "x"
    assert {p.severity for p in chat.problems} == {"error"}


def test_unknown_zone_is_refused() -> None:
    with pytest.raises(ImportInputError, match="time zone"):
        telegram.IMPORTER.parse(_single_source(), "Mars/Olympus")


def test_detect_rejects_other_formats() -> None:
    messenger = b'{"participants": [], "messages": [{"sender_name": "a", "timestamp_ms": 1}]}'
    for data in (messenger, b"hello", b"", b"\x00\x01"):
        assert telegram.IMPORTER.detect(ExportSource("result.json", data)) is None


# --------------------------------------------------------------------------------------------
# Fuzzing: only ImportInputError may escape
# --------------------------------------------------------------------------------------------

_JSON_LEAVES = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20)
_JSON = st.recursive(
    _JSON_LEAVES,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=12,
)
_FIELDS = [
    "type",
    "date",
    "date_unixtime",
    "from",
    "from_id",
    "text",
    "text_entities",
    "photo",
    "file",
    "media_type",
    "action",
    "actor",
    "contact_information",
    "location_information",
    "poll",
    "id",
    "reply_to_message_id",
]


def _check(source: ExportSource) -> None:
    telegram.IMPORTER.detect(source)
    try:
        chat = telegram.IMPORTER.parse(source, TZ)
    except ImportInputError:
        return
    normalised_bytes(chat)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_fuzz_byte_mutations(data: st.DataObject) -> None:
    original = bytearray(_fixture("single_personal_result.json"))
    for _ in range(data.draw(st.integers(1, 4))):
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
        if not original:
            break
    _check(ExportSource("result.json", bytes(original)))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_fuzz_structure_mutations(data: st.DataObject) -> None:
    doc = json.loads(_fixture("single_personal_result.json"))
    for _ in range(data.draw(st.integers(1, 3))):
        message = doc["messages"][data.draw(st.integers(0, len(doc["messages"]) - 1))]
        message[data.draw(st.sampled_from(_FIELDS))] = data.draw(_JSON)
    if data.draw(st.booleans()):
        doc[data.draw(st.sampled_from(["id", "type", "name", "messages"]))] = data.draw(_JSON)
    payload = json.dumps(doc, ensure_ascii=data.draw(st.booleans())).encode(
        "utf-8", "surrogatepass"
    )
    _check(ExportSource("result.json", payload))


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=400))
def test_fuzz_random_bytes(payload: bytes) -> None:
    _check(ExportSource("result.json", payload))


# --------------------------------------------------------------------------------------------
# Shared corpus (local check only; the files are not committed)
# --------------------------------------------------------------------------------------------


@pytest.mark.skipif(not CORPUS.exists(), reason="shared corpus not present")
@pytest.mark.parametrize(
    "path", sorted(CORPUS.glob("*.json")) if CORPUS.exists() else [], ids=lambda p: p.name
)
def test_corpus_file_parses_sanely(path: Path) -> None:
    source = ExportSource(path.name, path.read_bytes())
    assert telegram.IMPORTER.detect(source) is not None
    chat = telegram.IMPORTER.parse(source, TZ)
    assert chat.messages
    assert all(m.sent_at.year >= 2015 for m in chat.messages)
    assert all(m.sender for m in chat.messages)
    assert normalised_bytes(chat) == normalised_bytes(telegram.IMPORTER.parse(source, TZ))
    assert not [p for p in chat.problems if p.severity == "error"]
