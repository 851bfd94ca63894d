"""Messenger / Instagram JSON importer: fixtures written for this project, plus the corpus."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from evidence_desk.importers import messenger
from evidence_desk.importers.base import (
    AttachmentState,
    ExportSource,
    ImportInputError,
    MessageKind,
    ParsedChat,
    normalised_bytes,
)

FIXTURES = Path(__file__).parent / "fixtures" / "messenger"
CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "messenger"
TZ = "Asia/Shanghai"
THREAD = "messages/inbox/wangfang_123"
PART_1 = FIXTURES / "inbox" / "wangfang_123" / "message_1.json"
PART_2 = FIXTURES / "inbox" / "wangfang_123" / "message_2.json"
INSTAGRAM = FIXTURES / "instagram_message_1.json"


def _utc(
    year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0
) -> datetime:
    return datetime(year, month, day, hour, minute, second, tzinfo=UTC)


def _part1(members: bool = True) -> ExportSource:
    media = {
        f"{THREAD}/message_1.json": PART_1.read_bytes,
        f"{THREAD}/photos/转账截图.jpg": lambda: b"\xff\xd8jpeg",
    }
    return ExportSource(
        f"{THREAD}/message_1.json", PART_1.read_bytes(), media if members else {}, "dyi.zip"
    )


def _parse_part1() -> ParsedChat:
    return messenger.IMPORTER.parse(_part1(), TZ)


def test_detection_reasons() -> None:
    assert messenger.IMPORTER.detect(_part1()) == (
        "Facebook Messenger JSON (messages[] with sender_name, timestamp_ms)"
    )
    assert messenger.IMPORTER.detect(
        ExportSource("your_instagram_activity/x/message_1.json", INSTAGRAM.read_bytes())
    ) == ("Instagram DM JSON (messages[] with sender_name, timestamp_ms)")
    telegram_like = b'{"name": "a", "type": "personal_chat", "messages": [{"date_unixtime": "1"}]}'
    for data in (telegram_like, b"", b"{}", b"\xef\xbb\xbf[1]"):
        assert messenger.IMPORTER.detect(ExportSource("message_1.json", data)) is None


def test_mojibake_is_repaired_and_recorded() -> None:
    raw = PART_1.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and raw[3:].isascii()  # all \u00XX escapes
    chat = _parse_part1()
    assert chat.encoding == "utf-8-sig"
    assert chat.title == "王芳"
    assert chat.participants == ("王芳", "李明")
    assert chat.repairs == (
        f"{THREAD}/message_1.json: re-decoded 22 mojibake strings (UTF-8 bytes written as "
        "\\u00XX code points) from latin-1 to UTF-8",
    )
    assert chat.messages[-1].text == "我已经还了一部分 😆"


def test_messages_sorted_ascending_with_kinds() -> None:
    chat = _parse_part1()
    assert len(chat.messages) == 9
    assert [m.index for m in chat.messages] == list(range(9))
    assert chat.messages[0].sent_at == _utc(2024, 1, 5, 2, 6, 0)
    assert chat.messages[-1].sent_at == _utc(2024, 1, 5, 2, 13, 0)
    assert chat.messages[0].time_text == "1704420360000"
    # equal timestamps keep chronological file order: the later line in the file is older
    assert [m.source.locator for m in chat.messages[:2]] == ["$.messages[8]", "$.messages[7]"]
    assert [(m.sender, m.kind) for m in chat.messages] == [
        ("王芳", MessageKind.TEXT),
        ("李明", MessageKind.STICKER),
        ("王芳", MessageKind.IMAGE),
        ("王芳", MessageKind.VIDEO),
        ("王芳", MessageKind.UNKNOWN),
        ("李明", MessageKind.CALL),
        ("王芳", MessageKind.RECALLED),
        ("李明", MessageKind.LINK),
        ("王芳", MessageKind.TEXT),
    ]
    assert all(m.from_self is None and m.sender_id is None for m in chat.messages)


def test_attachments_resolved_against_members() -> None:
    chat = _parse_part1()
    photo = chat.messages[2].attachments[0]
    assert (photo.name, photo.state, photo.member) == (
        "转账截图.jpg",
        AttachmentState.EXPORTED,
        f"{THREAD}/photos/转账截图.jpg",
    )
    video = chat.messages[3].attachments[0]
    assert (video.state, video.member) == (AttachmentState.MISSING, f"{THREAD}/videos/视频1.mp4")
    sticker = chat.messages[1].attachments[0]
    assert sticker.state is AttachmentState.MISSING


def test_rerooted_folder_finds_media_by_trailing_path() -> None:
    members = {"message_1.json": PART_1.read_bytes, "photos/转账截图.jpg": lambda: b"jpeg"}
    source = ExportSource("message_1.json", PART_1.read_bytes(), members, "wangfang_123")
    chat = messenger.IMPORTER.parse(source, TZ)
    photo = chat.messages[2].attachments[0]
    assert (photo.state, photo.member) == (AttachmentState.EXPORTED, "photos/转账截图.jpg")


def test_reactions_and_unknown_types_keep_raw() -> None:
    chat = _parse_part1()
    last = chat.messages[-1]
    assert last.raw is not None and '"reactions":[{"actor":"李明","reaction":"👍"}]' in last.raw
    payment = chat.messages[4]
    assert payment.text == "王芳 付款 ¥100"
    assert payment.raw is not None and '"type":"Payment"' in payment.raw
    assert any(p.locator == "$.messages[4]" and "Payment" in p.reason for p in chat.problems)
    assert chat.messages[0].raw is None


def test_instagram_real_utf8_is_not_touched() -> None:
    chat = messenger.IMPORTER.parse(ExportSource("message_1.json", INSTAGRAM.read_bytes()), TZ)
    assert chat.repairs == ()
    assert [m.text for m in chat.messages] == ["", "Café 明天再说", "陈女士，请回电"]
    assert chat.messages[0].kind is MessageKind.UNKNOWN
    assert chat.messages[0].sent_at == _utc(2026, 1, 19, 2, 0)
    assert chat.messages[-1].sent_at == _utc(2026, 1, 19, 4, 0)
    assert chat.participants == ("chen.jing", "li.ming")


def test_folder_with_several_parts_is_one_chat() -> None:
    members = {
        f"{THREAD}/message_1.json": PART_1.read_bytes,
        f"{THREAD}/message_2.json": PART_2.read_bytes,
    }
    container = ExportSource("dyi.zip", b"", members, "dyi.zip")
    assert messenger.IMPORTER.detect(container) is not None
    chat = messenger.IMPORTER.parse(container, TZ)
    assert len(chat.messages) == 11
    assert chat.messages[0].text == "您好，我是王芳"
    assert chat.messages[0].source.file == f"{THREAD}/message_2.json"
    assert chat.messages[-1].source.file == f"{THREAD}/message_1.json"
    assert len(chat.repairs) == 2
    assert "2 files" in chat.detection_reason


def test_picking_one_part_brings_in_its_siblings() -> None:
    members = {
        f"{THREAD}/message_1.json": PART_1.read_bytes,
        f"{THREAD}/message_2.json": PART_2.read_bytes,
        "messages/inbox/other_9/message_1.json": INSTAGRAM.read_bytes,
    }
    picked = ExportSource(f"{THREAD}/message_2.json", PART_2.read_bytes(), members, "dyi.zip")
    chat = messenger.IMPORTER.parse(picked, TZ)
    assert len(chat.messages) == 11
    assert {m.source.file for m in chat.messages} == {
        f"{THREAD}/message_1.json",
        f"{THREAD}/message_2.json",
    }


def test_several_threads_are_refused_with_the_list() -> None:
    members = {
        f"{THREAD}/message_1.json": PART_1.read_bytes,
        "messages/inbox/other_9/message_1.json": PART_2.read_bytes,
    }
    with pytest.raises(ImportInputError, match="2 conversations"):
        messenger.IMPORTER.parse(ExportSource("dyi.zip", b"", members, "dyi.zip"), TZ)


def test_parse_is_deterministic() -> None:
    assert normalised_bytes(_parse_part1()) == normalised_bytes(_parse_part1())


def test_mixed_file_is_not_repaired() -> None:
    doc = {
        "messages": [
            {"sender_name": "A", "timestamp_ms": 1, "content": "caf\u00e9"},
            {"sender_name": "B", "timestamp_ms": 2, "content": "真的"},
        ]
    }
    chat = messenger.IMPORTER.parse(ExportSource("message_1.json", json.dumps(doc).encode()), TZ)
    assert chat.repairs == () and chat.messages[0].text == "café"


def test_unrepairable_latin1_string_is_reported() -> None:
    doc = {
        "messages": [
            {"sender_name": "A", "timestamp_ms": 1, "content": "\u00e7\u008e\u008b"},
            {"sender_name": "B", "timestamp_ms": 2, "content": "caf\u00e9"},
        ]
    }
    chat = messenger.IMPORTER.parse(ExportSource("message_1.json", json.dumps(doc).encode()), TZ)
    assert [m.text for m in chat.messages] == ["王", "caf\u00e9"]
    assert any("could not be re-decoded" in p.reason for p in chat.problems)


# --------------------------------------------------------------------------------------------
# Broken input
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("cut", [5, 300, -10])
def test_truncated_json_names_line_and_column(cut: int) -> None:
    data = PART_1.read_bytes()[:cut]
    with pytest.raises(ImportInputError) as caught:
        messenger.IMPORTER.parse(ExportSource("message_1.json", data), TZ)
    assert caught.value.file == "message_1.json"
    assert caught.value.locator.startswith("line ") and ", column " in caught.value.locator


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"<html><body>Messenger</body></html>", "HTML download"),
        (b'{"participants": []}', "no 'messages' array"),
        (b"\xff\xff\xff", "UTF|invalid|not valid"),
        (b"[" * 100_000, "nested|invalid JSON"),
    ],
)
def test_garbage_is_refused(data: bytes, reason: str) -> None:
    with pytest.raises(ImportInputError, match=reason):
        messenger.IMPORTER.parse(ExportSource("message_1.json", data), TZ)


def test_html_download_in_a_folder_is_refused() -> None:
    members = {f"{THREAD}/message_1.html": lambda: b"<html></html>"}
    with pytest.raises(ImportInputError, match="JSON format"):
        messenger.IMPORTER.parse(ExportSource("dyi", b"", members, "dyi"), TZ)


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
    "sender_name",
    "timestamp_ms",
    "content",
    "photos",
    "videos",
    "sticker",
    "files",
    "type",
    "is_unsent",
    "reactions",
    "share",
]


def _check(source: ExportSource) -> None:
    messenger.IMPORTER.detect(source)
    try:
        chat = messenger.IMPORTER.parse(source, TZ)
    except ImportInputError:
        return
    normalised_bytes(chat)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_fuzz_byte_mutations(data: st.DataObject) -> None:
    original = bytearray(data.draw(st.sampled_from([PART_1, INSTAGRAM])).read_bytes())
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
    _check(ExportSource("message_1.json", bytes(original)))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_fuzz_structure_mutations(data: st.DataObject) -> None:
    doc = json.loads(PART_1.read_bytes()[3:])
    for _ in range(data.draw(st.integers(1, 3))):
        message = doc["messages"][data.draw(st.integers(0, len(doc["messages"]) - 1))]
        message[data.draw(st.sampled_from(_FIELDS))] = data.draw(_JSON)
    if data.draw(st.booleans()):
        doc[data.draw(st.sampled_from(["title", "participants", "messages"]))] = data.draw(_JSON)
    payload = json.dumps(doc, ensure_ascii=data.draw(st.booleans())).encode(
        "utf-8", "surrogatepass"
    )
    _check(ExportSource("message_1.json", payload))


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=400))
def test_fuzz_random_bytes(payload: bytes) -> None:
    _check(ExportSource("message_1.json", payload))


# --------------------------------------------------------------------------------------------
# Shared corpus (local check only)
# --------------------------------------------------------------------------------------------


@pytest.mark.skipif(not CORPUS.exists(), reason="shared corpus not present")
@pytest.mark.parametrize(
    "path", sorted(CORPUS.glob("*.json")) if CORPUS.exists() else [], ids=lambda p: p.name
)
def test_corpus_file_parses_sanely(path: Path) -> None:
    source = ExportSource(path.name, path.read_bytes())
    assert messenger.IMPORTER.detect(source) is not None
    chat = messenger.IMPORTER.parse(source, TZ)
    assert chat.messages and chat.repairs == ()
    assert all(m.sent_at.year >= 2010 and m.sender for m in chat.messages)
    assert [m.sent_at for m in chat.messages] == sorted(m.sent_at for m in chat.messages)
    assert not [p for p in chat.problems if p.severity == "error"]
    assert normalised_bytes(chat) == normalised_bytes(messenger.IMPORTER.parse(source, TZ))
