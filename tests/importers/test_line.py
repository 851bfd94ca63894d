"""LINE chat-history .txt importer: fixtures written for this project, plus the shared corpus."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from evidence_desk.importers import line
from evidence_desk.importers.base import (
    AttachmentState,
    ExportSource,
    ImportInputError,
    MessageKind,
    ParsedChat,
    normalised_bytes,
)

FIXTURES = Path(__file__).parent / "fixtures" / "line"
CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "line"
TZ = "Asia/Shanghai"
ALL_FIXTURES = ["en_1to1.txt", "en_group_12h.txt", "zh_cn.txt", "zh_tw.txt", "ja.txt"]


def _source(name: str) -> ExportSource:
    return ExportSource(name, (FIXTURES / name).read_bytes())


def _parse(name: str, tz: str = TZ) -> ParsedChat:
    return line.IMPORTER.parse(_source(name), tz)


def _text(body: str) -> ExportSource:
    return ExportSource("chat.txt", body.encode("utf-8"))


def _utc(
    year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0
) -> datetime:
    return datetime(year, month, day, hour, minute, second, tzinfo=UTC)


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("en_1to1.txt", "LINE chat history .txt, en header (1:1)"),
        ("en_group_12h.txt", "LINE chat history .txt, en header (group)"),
        ("zh_cn.txt", "LINE chat history .txt, zh-CN header (1:1)"),
        ("zh_tw.txt", "LINE chat history .txt, zh-TW header (1:1)"),
        ("ja.txt", "LINE chat history .txt, ja header (1:1)"),
        ("windows_spaced.txt", "LINE for Windows 'Save chat' .txt (space-separated)"),
    ],
)
def test_detection_reason_per_variant(name: str, reason: str) -> None:
    assert line.IMPORTER.detect(_source(name)) == reason


def test_english_one_to_one() -> None:
    chat = _parse("en_1to1.txt")
    assert chat.title == "Wang Fang"
    assert chat.participants == ("Wang Fang", "Li Ming")
    assert [m.kind for m in chat.messages] == [
        MessageKind.TEXT,
        MessageKind.TEXT,
        MessageKind.IMAGE,
        MessageKind.RECALLED,
        MessageKind.CALL,
        MessageKind.LINK,
        MessageKind.STICKER,
    ]
    assert [m.sender for m in chat.messages] == [
        "Wang Fang",
        "Li Ming",
        "Wang Fang",
        "",
        "Wang Fang",
        "Li Ming",
        "Wang Fang",
    ]
    assert chat.messages[1].text == "Your loan is overdue.\nPlease pay by Friday."
    assert chat.messages[1].source.locator == "lines 6-7"
    assert chat.messages[0].sent_at == _utc(2024, 1, 5, 1, 12)
    assert chat.messages[-1].sent_at == _utc(2024, 1, 5, 16, 1)
    assert chat.messages[-1].time_text == "2024/01/06(Sat) 00:01"
    assert chat.messages[3].raw == "13:05\t\tWang Fang unsent a message"
    photo = chat.messages[2].attachments
    assert [(a.kind, a.name, a.state) for a in photo] == [
        (MessageKind.IMAGE, "[Photo]", AttachmentState.OMITTED)
    ]
    assert all(m.from_self is None for m in chat.messages)
    assert chat.problems == ()


def test_english_group_12h_month_first_by_weekday_crlf() -> None:
    chat = _parse("en_group_12h.txt")
    assert chat.title == "Collections Team"
    assert chat.participants == ("Wang Fang", "Li Ming", "Zhang Wei")
    assert len(chat.messages) == 4
    assert [m.sent_at for m in chat.messages] == [
        _utc(2025, 2, 3, 1, 30),  # 09:30AM on Mon 3 Feb (02/03 read month-first by weekday)
        _utc(2025, 2, 3, 4, 0),  # 12:00PM is noon
        _utc(2025, 2, 3, 8, 35),
        _utc(2025, 2, 2, 16, 5),  # 12:05AM is just after midnight
    ]
    assert chat.messages[1].kind is MessageKind.FILE
    assert chat.messages[1].text == "[File] contract.pdf"
    assert chat.messages[3].kind is MessageKind.VOICE
    assert chat.messages[0].text == "Good morning"  # no stray \r


def test_day_first_date_line_resolved_by_weekday() -> None:
    body = "Sun, 02/03/2025\n09:00\tA\thi\n"
    chat = line.IMPORTER.parse(_text(body), TZ)
    assert chat.messages[0].sent_at == _utc(2025, 3, 2, 1, 0)
    assert chat.problems == ()


def test_chinese_simplified_with_bom_and_day_periods() -> None:
    chat = _parse("zh_cn.txt")
    assert chat.encoding == "utf-8-sig"
    assert chat.title == "陈静"
    assert chat.participants == ("陈静", "李明")
    assert len(chat.messages) == 8
    assert [m.kind for m in chat.messages] == [
        MessageKind.TEXT,
        MessageKind.TEXT,
        MessageKind.STICKER,
        MessageKind.RECALLED,
        MessageKind.CALL,
        MessageKind.VOICE,
        MessageKind.IMAGE,
        MessageKind.TEXT,
    ]
    assert chat.messages[1].text == "您的借款已逾期\n\n请尽快还款"
    assert chat.messages[1].source.locator == "lines 6-8"
    assert [m.sent_at for m in chat.messages] == [
        _utc(2026, 1, 19, 1, 12),  # 上午09:12
        _utc(2026, 1, 19, 5, 2),  # 下午01:02
        _utc(2026, 1, 19, 5, 3),
        _utc(2026, 1, 19, 5, 5),
        _utc(2026, 1, 19, 12, 40),  # 晚上08:40
        _utc(2026, 1, 19, 16, 15),  # 2026.01.20 星期二 凌晨12:15
        _utc(2026, 1, 20, 4, 30),  # 中午12:30
        _utc(2026, 1, 21, 7, 4),  # 2026/1/21（周三） 下午03:04
    ]
    assert chat.messages[3].sender == ""
    assert chat.messages[3].text == "陈静撤回了一条消息"
    assert chat.messages[7].time_text == "2026/1/21（周三） 下午03:04"
    assert chat.problems == ()


def test_chinese_traditional_quote_spanning_a_date_like_line() -> None:
    chat = _parse("zh_tw.txt")
    assert chat.title == "王小明"
    assert chat.participants == ("王小明", "林美玲")
    assert [m.kind for m in chat.messages] == [
        MessageKind.TEXT,
        MessageKind.IMAGE,
        MessageKind.RECALLED,
        MessageKind.TEXT,
    ]
    assert chat.messages[0].sent_at == _utc(2024, 1, 2, 2, 0)
    last = chat.messages[-1]
    assert last.text == "第一行\n2024/01/06（六）\n第三行"
    assert last.sent_at == _utc(2024, 1, 4, 16, 5)  # 上午12:05 on 2024/01/05
    assert last.source.locator == "lines 10-12"


def test_japanese_with_era_date_line() -> None:
    chat = _parse("ja.txt")
    assert chat.title == "田中"
    assert chat.participants == ("田中", "佐藤")
    assert [(m.kind, m.sent_at) for m in chat.messages] == [
        (MessageKind.TEXT, _utc(2024, 1, 1, 2, 0)),
        (MessageKind.STICKER, _utc(2024, 1, 1, 7, 4)),
        (MessageKind.RECALLED, _utc(2025, 2, 9, 15, 59)),  # R7 = 2025
    ]


def test_windows_space_separated_form() -> None:
    chat = _parse("windows_spaced.txt")
    assert chat.title == ""
    assert chat.participants == ("Bob", "Alice")
    assert [(m.sender, m.kind) for m in chat.messages] == [
        ("Bob", MessageKind.TEXT),
        ("Alice", MessageKind.TEXT),
        ("Bob", MessageKind.STICKER),
    ]
    assert chat.messages[0].text == "Today I found something:\nApparently there is a parser now!"
    reasons = " | ".join(p.reason for p in chat.problems)
    assert "space-separated" in reasons and "joined to the message before" in reasons


def test_header_name_with_spaces_is_used_in_the_space_form() -> None:
    body = "[LINE] Chat history with Bob Smith\n\n2017.09.03 Sunday\n16:23 Bob Smith hello there\n"
    chat = line.IMPORTER.parse(_text(body), TZ)
    assert (chat.messages[0].sender, chat.messages[0].text) == ("Bob Smith", "hello there")


def test_dst_gap_and_overlap_are_reported() -> None:
    body = "2024/03/31(Sun)\n02:30\tA\tgap\n2024/10/27(Sun)\n02:30\tA\toverlap\n"
    chat = line.IMPORTER.parse(_text(body), "Europe/Berlin")
    reasons = [p.reason for p in chat.problems]
    assert any("nonexistent" in r for r in reasons)
    assert any("ambiguous" in r for r in reasons)
    assert chat.messages[1].sent_at == _utc(2024, 10, 27, 0, 30)  # earlier instant


def test_unclosed_quote_is_kept_as_written_and_reported() -> None:
    body = '2024/01/05(Fri)\n09:00\tA\t"opening only\nsecond\n09:05\tB\tnext\n'
    chat = line.IMPORTER.parse(_text(body), TZ)
    assert [m.text for m in chat.messages] == ['"opening only\nsecond', "next"]
    assert any("not closed" in p.reason for p in chat.problems)


def test_mismatched_weekday_is_reported() -> None:
    chat = line.IMPORTER.parse(_text("2024/01/05(Mon)\n09:00\tA\thi\n"), TZ)
    assert chat.messages[0].sent_at == _utc(2024, 1, 5, 1, 0)
    assert chat.problems[0].locator == "line 1" and "does not match" in chat.problems[0].reason


def test_group_title_forms() -> None:
    for header, title in [
        ("[LINE] 催收群組的聊天記錄", "催收群組"),
        ("[LINE] 催收群的聊天记录", "催收群"),
        ("[LINE] 回収チームのトーク履歴", "回収チーム"),
    ]:
        chat = line.IMPORTER.parse(_text(f"{header}\n\n2024/01/05(五)\n10:00\tA\t好\n"), TZ)
        assert chat.title == title


@pytest.mark.parametrize("name", [*ALL_FIXTURES, "windows_spaced.txt"])
def test_parse_is_deterministic(name: str) -> None:
    assert normalised_bytes(_parse(name)) == normalised_bytes(_parse(name))


def test_gb18030_resave_is_decoded() -> None:
    data = (FIXTURES / "zh_cn.txt").read_bytes()[3:].decode("utf-8").encode("gb18030")
    chat = line.IMPORTER.parse(ExportSource("zh.txt", data), TZ)
    assert chat.encoding == "gb18030"
    assert [m.text for m in chat.messages] == [m.text for m in _parse("zh_cn.txt").messages]


def test_container_source_picks_the_line_txt() -> None:
    data = (FIXTURES / "zh_tw.txt").read_bytes()
    members = {"export/[LINE] 王小明.txt": lambda: data, "export/notes.txt": lambda: b"hello"}
    container = ExportSource("export.zip", b"", members, container="export.zip")
    assert line.IMPORTER.detect(container) is not None
    chat = line.IMPORTER.parse(container, TZ)
    assert chat.messages[0].source.file == "export/[LINE] 王小明.txt"
    assert len(chat.messages) == 4


# --------------------------------------------------------------------------------------------
# Broken input
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "locator", "reason"),
    [
        (b"", "line 1", "not a LINE chat history"),
        (b"just some text\nand more\n", "line 1", "not a LINE chat history"),
        (b"09:00\tA\thi\n", "line 1", "before any date line"),
        (b"\xff\xfe\x00\xd8", "byte", "UTF-16|invalid"),
        (b"0001/01/01(Mon)\n00:00\tA\thi\n", "line 2", "out of range"),
        ("[LINE] 与陈静的聊天记录\n\n".encode() + b"\x81\x30" * 3 + b"\xff", "byte", "not valid"),
    ],
)
def test_garbage_names_file_and_locator(data: bytes, locator: str, reason: str) -> None:
    with pytest.raises(ImportInputError, match=reason) as caught:
        line.IMPORTER.parse(ExportSource("bad.txt", data), TZ)
    assert caught.value.file == "bad.txt"
    assert caught.value.locator.startswith(locator)


def test_truncated_file_keeps_what_it_has() -> None:
    data = (FIXTURES / "zh_cn.txt").read_bytes()
    cut = data[: data.index("请尽快还款".encode())]
    chat = line.IMPORTER.parse(ExportSource("cut.txt", cut), TZ)
    assert len(chat.messages) == 2
    assert any("not closed" in p.reason for p in chat.problems)


def test_truncated_inside_a_character_is_refused_with_byte_offset() -> None:
    data = (FIXTURES / "zh_cn.txt").read_bytes()
    with pytest.raises(ImportInputError) as caught:
        line.IMPORTER.parse(ExportSource("cut.txt", data[:-2]), TZ)
    assert caught.value.locator.startswith("byte ")


def test_detect_rejects_whatsapp() -> None:
    whatsapp = "2025/12/22 12:35 - 地瓜: 你好\n18/03/2022, 15:10 - Dmitry S: hi\n"
    assert line.IMPORTER.detect(_text(whatsapp)) is None


# --------------------------------------------------------------------------------------------
# Fuzzing: only ImportInputError may escape
# --------------------------------------------------------------------------------------------


def _check(source: ExportSource) -> None:
    line.IMPORTER.detect(source)
    try:
        chat = line.IMPORTER.parse(source, TZ)
    except ImportInputError:
        return
    normalised_bytes(chat)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_fuzz_line_mutations(data: st.DataObject) -> None:
    name = data.draw(st.sampled_from([*ALL_FIXTURES, "windows_spaced.txt"]))
    lines = (FIXTURES / name).read_text(encoding="utf-8-sig").split("\n")
    pieces = st.sampled_from(
        [
            "\t",
            '"',
            "[Photo]",
            "下午",
            "12:61",
            "99:00",
            "2024/02/30(Fri)",
            "0001/01/01(Mon)\n00:00\tA\tx",
            "R99/1/1(月)",
            "☎",
            "",
        ]
    )
    for _ in range(data.draw(st.integers(1, 5))):
        index = data.draw(st.integers(0, len(lines) - 1))
        action = data.draw(st.sampled_from(["replace", "insert", "delete", "splice"]))
        if action == "replace":
            lines[index] = data.draw(st.text(max_size=30))
        elif action == "insert":
            lines.insert(index, data.draw(pieces) + data.draw(st.text(max_size=10)))
        elif action == "delete" and len(lines) > 1:
            del lines[index]
        else:
            at = data.draw(st.integers(0, len(lines[index])))
            lines[index] = lines[index][:at] + data.draw(pieces) + lines[index][at:]
    payload = "\n".join(lines).encode("utf-8", "surrogatepass")
    _check(ExportSource(name, payload))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_fuzz_byte_mutations(data: st.DataObject) -> None:
    original = bytearray((FIXTURES / data.draw(st.sampled_from(ALL_FIXTURES))).read_bytes())
    for _ in range(data.draw(st.integers(1, 4))):
        if not original:
            break
        position = data.draw(st.integers(0, len(original) - 1))
        if data.draw(st.booleans()):
            original[position] = data.draw(st.integers(0, 255))
        else:
            del original[position:]
    _check(ExportSource("chat.txt", bytes(original)))


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=400))
def test_fuzz_random_bytes(payload: bytes) -> None:
    _check(ExportSource("chat.txt", payload))


@settings(max_examples=100, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(list('0123456789:/\t\n ()上下午[LINE]周一"')), max_size=200)
)
def test_fuzz_line_alphabet(text: str) -> None:
    _check(_text(text))


# --------------------------------------------------------------------------------------------
# Shared corpus (local check only)
# --------------------------------------------------------------------------------------------


@pytest.mark.skipif(not CORPUS.exists(), reason="shared corpus not present")
@pytest.mark.parametrize(
    "path", sorted(CORPUS.glob("*.txt")) if CORPUS.exists() else [], ids=lambda p: p.name
)
def test_corpus_file_parses_sanely(path: Path) -> None:
    source = ExportSource(path.name, path.read_bytes())
    assert line.IMPORTER.detect(source) is not None
    chat = line.IMPORTER.parse(source, TZ)
    assert chat.messages and chat.title
    assert all(m.sent_at.year >= 2010 for m in chat.messages)
    assert [m.sent_at for m in chat.messages] == sorted(m.sent_at for m in chat.messages)
    assert not [p for p in chat.problems if p.severity == "error"]
    assert normalised_bytes(chat) == normalised_bytes(line.IMPORTER.parse(source, TZ))
