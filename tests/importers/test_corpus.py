"""Every sample export in the shared corpus parses, by detection, with the right format and counts.

The corpus (``../shared/corpus``, or ``$EVIDENCE_DESK_CORPUS``) holds byte-exact copies of other
projects' test exports, several under GPL/AGPL, so it is not committed here: this module is
skipped when the folder is absent and the shipped suite passes without it.

The expected message count of each file is derived *independently of our parsers*: WhatsApp
headers by the tolerant header grammar in chat-formats.md §1, JSON messages by ``json``, SMS
records by counting elements, CSV rows by :mod:`csv`, the text formats by their record-header
lines. On top of that, for line-based formats every non-blank line of the file must belong to a
message (its ``line N`` / ``lines N-M`` locator) or to a reported problem: nothing is silently
dropped. A new file in the corpus without an entry in :data:`EXPECTED` fails the suite.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import zipfile
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

from evidence_desk.importers import archive, registry
from evidence_desk.importers.base import MessageKind, ParsedChat, normalised_bytes

CORPUS = Path(
    os.environ.get("EVIDENCE_DESK_CORPUS", Path(__file__).resolve().parents[3] / "shared/corpus")
)

pytestmark = pytest.mark.skipif(
    not CORPUS.is_dir(), reason=f"shared corpus not present at {CORPUS}"
)

# chat-formats.md §1, applied after stripping leading U+FEFF/U+200E/U+200F.
WHATSAPP_HEADER = re.compile(
    r"""^(?P<br>\[)?(?P<d1>\d{1,4})[\u200e\u200f]?(?P<s>[./\-])\s?(?P<d2>\d{1,2})[\u200e\u200f]?(?P=s)\s?
 (?P<d3>R?\d{1,4})\.?(?:\s?BE)?[,،]?\s(?:klo\s)?(?P<ap1>上午|下午|凌晨|早上|中午|晚上|午前|午後)?
 (?P<t>\d{1,2}[:.]\d{2}(?:[:.]\d{2})?)\.?(?:\s?(?P<ap2>[AaPp]\.?\s?[Mm]\.?|[صم]))?(?(br)\]\s|\s[-–]\s)""",
    re.X,
)
MEMOTRACE_TXT_RECORD = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}( |$)")
WECHATEXPORTER_RECORD = re.compile(r"^(.+ \(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\):|系统消息: )")
LINE_RECORD = re.compile(r"^(上午|下午|晚上|午前|午後)?\d{1,2}:\d{2}(AM|PM)?\t")
LOCATOR_LINES = re.compile(r"^lines? (\d+)(?:-(\d+))?$")


def _text(path: Path) -> str:
    data = path.read_bytes()
    if archive.is_zip(data):
        with zipfile.ZipFile(io.BytesIO(data)) as zipped:
            chats = [n for n in zipped.namelist() if n.endswith(".txt")]
            assert len(chats) == 1, chats
            data = zipped.read(chats[0])
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise AssertionError(f"{path.name}: undecodable")


def _count_lines(pattern: re.Pattern[str], strip: str = "") -> Callable[[Path], int]:
    def count(path: Path) -> int:
        lines = _text(path).replace("\r\n", "\n").split("\n")
        return sum(1 for line in lines if pattern.match(line.lstrip(strip)))

    return count


def _count_json_messages(path: Path) -> int:
    doc = json.loads(path.read_bytes().decode("utf-8-sig"))
    if "chats" in doc:
        return sum(len(chat["messages"]) for chat in doc["chats"]["list"])
    return len(doc["messages"])


def _count_xml_records(path: Path) -> int:
    return len(re.findall(rb"<(?:sms|mms)\s", path.read_bytes()))


def _count_csv_rows(path: Path) -> int:
    return len(list(csv.DictReader(io.StringIO(_text(path)))))


whatsapp_headers = _count_lines(WHATSAPP_HEADER, "\ufeff\u200e\u200f")

#: file (relative to the corpus) -> (format, independent message counter, line-based?)
EXPECTED: dict[str, tuple[str, Callable[[Path], int], bool]] = {
    "line/line_zh_cn.txt": ("line_txt", _count_lines(LINE_RECORD), True),
    "messenger/ca_messenger_message_1.json": ("messenger_json", _count_json_messages, False),
    "messenger/cm_facebook_messenger.json": ("messenger_json", _count_json_messages, False),
    "messenger/cm_instagram_export.json": ("messenger_json", _count_json_messages, False),
    "sms/smsbackup_with_mms.xml": ("sms_backup_restore_xml", _count_xml_records, False),
    "telegram/ca_single_chat_result.json": ("telegram_json", _count_json_messages, False),
    "telegram/cm_full_export_chats_list.json": ("telegram_json", _count_json_messages, False),
    "telegram/cm_single_export.json": ("telegram_json", _count_json_messages, False),
    "wechat/memotrace_1v1.txt": ("wechat-memotrace-txt", _count_lines(MEMOTRACE_TXT_RECORD), True),
    "wechat/memotrace_1v1_excel_gb18030.csv": ("wechat-memotrace-csv", _count_csv_rows, False),
    "wechat/memotrace_1v1_utf8bom.csv": ("wechat-memotrace-csv", _count_csv_rows, False),
    "wechat/wechatexporter_1v1.txt": (
        "wechat-wechatexporter-txt",
        _count_lines(WECHATEXPORTER_RECORD),
        True,
    ),
    **{
        f"whatsapp/{name}": ("whatsapp", whatsapp_headers, True)
        for name in (
            "ca_android_group_export.zip",
            "cm_mdy_12h_spanish_ampm.txt",
            "cm_mixed_formats.txt",
            "pu_short_chat_blank_line.txt",
            "wj_arabic_ios.txt",
            "wj_buddhist_calendar_ios.txt",
            "wj_czech_android.txt",
            "wj_dutch_android_media.txt",
            "wj_english_android_media.txt",
            "wj_english_ios_media.txt",
            "wj_german_ios.txt",
            "wj_japanese_calendar_ios.txt",
            "wj_japanese_ios.txt",
            "wj_russian_ios_export.zip",
            "wk_pokemon_dmy_24h.txt",
        )
    },
}

#: Counts checked by hand against the files (a second, fixed line of defence).
HAND_COUNTS = {
    "whatsapp/wj_english_android_media.txt": 60,
    "whatsapp/wk_pokemon_dmy_24h.txt": 20,
    "whatsapp/pu_short_chat_blank_line.txt": 5,
    "telegram/ca_single_chat_result.json": 8,
    "sms/smsbackup_with_mms.xml": 4,
    "wechat/memotrace_1v1_utf8bom.csv": 11,
    "line/line_zh_cn.txt": 6,
}


def _corpus_files() -> list[str]:
    if not CORPUS.is_dir():
        return []
    return sorted(
        p.relative_to(CORPUS).as_posix()
        for p in CORPUS.rglob("*")
        if p.is_file() and p.name != "SOURCES.md"
    )


def _parse(relative: str) -> tuple[ParsedChat, str]:
    source = archive.open_path(CORPUS / relative)
    detection = registry.detect(source)
    assert detection.name is not None and not detection.ambiguous, detection.reason
    result = registry.parse(source, "Asia/Shanghai")
    assert isinstance(result, ParsedChat)
    return result, detection.reason


def test_every_corpus_file_has_an_expectation() -> None:
    assert set(_corpus_files()) == set(EXPECTED)


@pytest.mark.parametrize("relative", _corpus_files())
def test_corpus_file_parses_by_detection_with_the_right_format_and_counts(relative: str) -> None:
    if relative not in EXPECTED:
        pytest.fail(f"{relative}: new corpus file without an expectation in EXPECTED")
    fmt, counter, line_based = EXPECTED[relative]
    chat, reason = _parse(relative)
    assert chat.format_name == fmt, reason
    expected = counter(CORPUS / relative)
    assert len(chat.messages) == expected
    if relative in HAND_COUNTS:
        assert expected == HAND_COUNTS[relative]

    # sensible content: participants, no unknown-everything, no error-level problems
    assert len(chat.participants) >= 2, chat.participants
    kinds = Counter(m.kind for m in chat.messages)
    assert kinds[MessageKind.UNKNOWN] * 2 < len(chat.messages), kinds
    assert kinds[MessageKind.TEXT] >= 1
    assert [p for p in chat.problems if p.severity == "error"] == []
    low, high = datetime(2000, 1, 1, tzinfo=UTC), datetime(2031, 1, 1, tzinfo=UTC)
    reported = {p.locator for p in chat.problems}
    for message in chat.messages:
        assert low <= message.sent_at < high, (message.source, message.sent_at)
        assert message.sent_at.utcoffset() is not None
        # a record without a written time (WechatExporter system lines) must be reported
        assert message.time_text or message.source.locator in reported, message.source
        assert message.source.locator
    assert [m.index for m in chat.messages] == list(range(len(chat.messages)))

    if line_based:
        _assert_no_line_dropped(relative, chat)


def _assert_no_line_dropped(relative: str, chat: ParsedChat) -> None:
    covered: set[int] = set()
    for located in [m.source.locator for m in chat.messages] + [p.locator for p in chat.problems]:
        found = LOCATOR_LINES.match(located)
        assert found is not None or not located.startswith("line"), located
        if found is not None:
            first = int(found[1])
            covered.update(range(first, int(found[2] or first) + 1))
    lines = _text(CORPUS / relative).replace("\r\n", "\n").split("\n")
    dropped = [
        (number, line)
        for number, line in enumerate(lines, 1)
        if line.strip("\ufeff\u200e\u200f \t") and number not in covered
    ]
    # LINE and WechatExporter files open with a header (title, saved-on date, date lines)
    allowed = _header_lines(chat.format_name, lines)
    assert [d for d in dropped if d[0] not in allowed] == []


def _header_lines(fmt: str, lines: list[str]) -> set[int]:
    if fmt == "line_txt":
        return {
            n
            for n, line in enumerate(lines, 1)
            if line.startswith("[LINE]")
            or re.match(r"^(保存日期|儲存日期|保存日時|Saved on)", line)
            or re.match(r"^\d{4}/\d{1,2}/\d{1,2}", line)
        }
    if fmt == "wechat-wechatexporter-txt":
        return {1} if lines and lines[0].endswith("微信聊天记录") else set()
    return set()


@pytest.mark.parametrize("relative", _corpus_files())
def test_corpus_file_reparses_byte_identically(relative: str) -> None:
    first, _ = _parse(relative)
    second, _ = _parse(relative)
    assert normalised_bytes(first) == normalised_bytes(second)
