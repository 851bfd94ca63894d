"""The generic CSV importer: obvious headers (English, Chinese), explicit mappings, per-row errors,
and the shared CSV/local-time helpers."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from evidence_desk.domain.errors import ImportInputError
from evidence_desk.importers import generic_csv
from evidence_desk.importers.base import ExportSource, MessageKind, normalised_bytes
from evidence_desk.importers.generic_csv import (
    IMPORTER,
    CsvMapping,
    GenericCsvImporter,
    guess_mapping,
    local_to_utc,
    read_csv,
    resolve_zone,
)

FIXTURES = Path(__file__).parent / "fixtures"
TZ = "Asia/Shanghai"

CUSTOM = CsvMapping(
    time="Datum",
    sender="Absender",
    text="Nachricht",
    time_format="%d.%m.%Y %H:%M",
    direction="Richtung",
    kind="Art",
    outgoing_values=frozenset({"gesendet"}),
    incoming_values=frozenset({"empfangen"}),
    kind_values={"Text": MessageKind.TEXT, "Bild": MessageKind.IMAGE},
    title="Wang Fang",
)


def _source(name: str, data: bytes | None = None) -> ExportSource:
    return ExportSource(name, (FIXTURES / name).read_bytes() if data is None else data)


def _utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def test_obvious_english_headers_are_auto_mapped_with_every_time_form() -> None:
    source = _source("csv/generic_en.csv")
    chat = IMPORTER.parse(source, TZ)

    assert IMPORTER.detect(source) == (
        "generic CSV, UTF-8, 5 columns, auto-mapped time/from/message"
    )
    assert chat.format_name == "generic-csv"
    assert chat.title == "generic_en"
    assert chat.participants == ("Chen (staff)", "王芳")
    assert [m.sent_at for m in chat.messages] == [
        _utc("2026-03-02 01:16:05"),  # local, no offset: Asia/Shanghai
        _utc("2026-03-02 01:20:41"),  # ISO with T
        _utc("2026-03-02 01:22:10"),  # Z
        _utc("2026-03-02 01:30:00"),  # +08:00
        _utc("2026-03-02 01:30:00"),  # unix seconds
    ]
    assert [m.from_self for m in chat.messages] == [True, False, True, False, False]
    assert [m.native_id for m in chat.messages] == ["m1", "m2", "m3", "m4", "m5"]
    assert chat.messages[1].text == "I know.\nI will pay next week."
    assert chat.messages[1].source.locator == "row 2 (lines 3-4)"
    assert chat.messages[3].text == 'Okay, "Friday".'
    assert chat.messages[0].time_text == "2026-03-02 09:16:05"
    assert all(m.kind is MessageKind.TEXT for m in chat.messages)
    assert chat.problems == ()


def test_chinese_headers_bom_crlf_and_excel_dates_without_seconds() -> None:
    source = _source("csv/generic_zh.csv")
    chat = IMPORTER.parse(source, TZ)

    assert (
        IMPORTER.detect(source) == "generic CSV, UTF-8 BOM, 3 columns, auto-mapped 时间/发送人/内容"
    )
    assert chat.encoding == "utf-8-sig"
    assert len(chat.messages) == 3
    assert [m.sender for m in chat.messages] == ["小陈", "王芳", "王芳"]
    assert chat.messages[0].sent_at == _utc("2026-03-02 01:15:00")
    assert chat.messages[-1].sent_at == _utc("2026-03-05 10:00:30")
    assert chat.messages[1].text == "知道了，\r\n下周还。"  # as written inside the quotes
    assert chat.messages[0].from_self is None


def test_a_gb18030_csv_is_read_and_the_repair_recorded() -> None:
    text = (FIXTURES / "csv/generic_zh.csv").read_bytes().decode("utf-8-sig")
    chat = IMPORTER.parse(ExportSource("zh.csv", text.encode("gb18030")), TZ)

    assert chat.encoding == "gb18030"
    assert len(chat.repairs) == 1
    assert chat.messages[2].text == "好的，月底前一定结清。"


def test_an_explicit_mapping_reads_custom_columns_formats_and_directions() -> None:
    importer = GenericCsvImporter(CUSTOM)
    source = _source("csv/generic_custom.csv")
    chat = importer.parse(source, "Europe/Berlin")

    assert importer.detect(source) == (
        "generic CSV, UTF-8, 5 columns, mapped Datum/Absender/Nachricht"
    )
    assert chat.title == "Wang Fang"
    assert chat.timezone == "Europe/Berlin"
    assert [m.kind for m in chat.messages] == [
        MessageKind.TEXT,
        MessageKind.TEXT,
        MessageKind.UNKNOWN,
        MessageKind.IMAGE,
        MessageKind.UNKNOWN,
    ]
    assert chat.messages[0].sent_at == _utc("2026-03-02 08:16:00")
    assert [m.from_self for m in chat.messages] == [True, False, None, False, False]
    assert chat.messages[4].raw == (
        "05.03.2026 18:00;Wang Fang;Bis Monatsende.;empfangen;Sprachnachricht"
    )


def test_a_row_with_an_unreadable_time_is_kept_as_unknown_with_an_error_naming_the_row() -> None:
    chat = GenericCsvImporter(CUSTOM).parse(_source("csv/generic_custom.csv"), TZ)
    bad = chat.messages[2]

    assert (bad.kind, bad.text, bad.time_text) == (
        MessageKind.UNKNOWN,
        "Zeile mit falscher Zeit",
        "kaputt",
    )
    assert bad.sent_at == chat.messages[1].sent_at
    assert bad.raw == "kaputt;Wang Fang;Zeile mit falscher Zeit;empfangen;Text"
    assert [(p.locator, p.severity) for p in chat.problems] == [("row 3 (line 4)", "error")]
    assert "kaputt" in chat.problems[0].reason


def test_a_mapping_whose_time_format_fits_no_row_is_refused_naming_the_first_row() -> None:
    wrong = CsvMapping(time="time", sender="from", text="message", time_format="%d.%m.%Y")

    with pytest.raises(ImportInputError) as raised:
        GenericCsvImporter(wrong).parse(_source("csv/generic_en.csv"), TZ)
    assert (raised.value.file, raised.value.locator) == ("csv/generic_en.csv", "row 1 (line 2)")
    assert "5 of 5 rows" in raised.value.reason


def test_a_mapping_naming_absent_columns_is_not_detected_and_is_refused() -> None:
    importer = GenericCsvImporter(CsvMapping(time="when", sender="who", text="what"))
    source = _source("csv/generic_en.csv")

    assert importer.detect(source) is None
    with pytest.raises(ImportInputError) as raised:
        importer.parse(source, TZ)
    assert raised.value.locator == "line 1"
    assert "when, who, what" in raised.value.reason


@pytest.mark.parametrize(
    "name",
    [
        "csv/generic_custom.csv",  # headers are not obvious: needs a mapping
        "wechat/memotrace_bom_crlf.csv",  # a specific format, not a generic chat CSV
        "wechat/memotrace.txt",
    ],
)
def test_the_default_importer_only_claims_csvs_with_obvious_headers(name: str) -> None:
    assert IMPORTER.detect(_source(name)) is None


def test_the_default_importer_refuses_a_csv_without_obvious_headers() -> None:
    with pytest.raises(ImportInputError) as raised:
        IMPORTER.parse(_source("csv/generic_custom.csv"), TZ)
    assert raised.value.locator == "line 1"


def test_guess_mapping_needs_three_distinct_columns() -> None:
    assert guess_mapping(("时间", "发送者", "消息内容", "类型")) == CsvMapping(
        time="时间", sender="发送者", text="消息内容", kind="类型"
    )
    assert guess_mapping(("Date", "From", "Body", "Direction", "ID")) is not None
    assert guess_mapping(("time", "text")) is None


def test_truncated_csv_is_refused_naming_the_row() -> None:
    data = (FIXTURES / "csv/generic_en.csv").read_bytes()
    cut = data[: data.index(b"I will pay")]

    with pytest.raises(ImportInputError) as raised:
        IMPORTER.parse(ExportSource("cut.csv", cut), TZ)
    assert (raised.value.file, raised.value.locator) == ("cut.csv", "row 2 (line 3)")


def test_header_only_file_is_refused() -> None:
    with pytest.raises(ImportInputError) as raised:
        IMPORTER.parse(ExportSource("h.csv", b"time,sender,text\r\n"), TZ)
    assert raised.value.locator == "line 2"


def test_parsing_is_deterministic() -> None:
    source = _source("csv/generic_en.csv")

    assert normalised_bytes(IMPORTER.parse(source, TZ)) == normalised_bytes(
        IMPORTER.parse(source, TZ)
    )


# --- helpers ------------------------------------------------------------------------------------


def test_local_times_in_dst_gaps_and_overlaps_are_resolved_and_reported() -> None:
    new_york = ZoneInfo("America/New_York")

    gap, gap_warning = local_to_utc(datetime(2026, 3, 8, 2, 30), new_york)
    overlap, overlap_warning = local_to_utc(datetime(2026, 11, 1, 1, 30), new_york)
    plain, none = local_to_utc(datetime(2026, 3, 2, 9, 15), ZoneInfo(TZ))

    assert gap == _utc("2026-03-08 07:30:00") and gap_warning and "DST gap" in gap_warning
    assert overlap == _utc("2026-11-01 05:30:00")
    assert overlap_warning and "earlier instant" in overlap_warning
    assert (plain, none) == (_utc("2026-03-02 01:15:00"), None)


def test_dst_warnings_reach_the_parsed_chat() -> None:
    data = b"time,sender,text\n2026-03-08 02:30:00,a,hello\n"
    chat = IMPORTER.parse(ExportSource("ny.csv", data), "America/New_York")

    assert [p.locator for p in chat.problems] == ["row 1 (line 2)"]


def test_unknown_zone_is_refused() -> None:
    with pytest.raises(ImportInputError):
        resolve_zone("x.csv", "Asia/Atlantis")


def test_read_csv_keeps_row_and_line_numbers_across_blank_lines() -> None:
    header, records = read_csv("x.csv", 'a,b\r\n\r\n1,"x\r\ny"\r\n2,z\r\n')

    assert header.fields == ("a", "b")
    assert [(r.row, r.first_line, r.last_line) for r in records] == [(1, 3, 4), (2, 5, 5)]
    assert records[0].raw == '1,"x\r\ny"'


@settings(max_examples=300, deadline=None)
@given(data=st.binary(max_size=1024))
def test_random_bytes_parse_or_raise_import_input_error(data: bytes) -> None:
    for importer in (IMPORTER, GenericCsvImporter(CUSTOM)):
        source = ExportSource("random.csv", b"time,sender,text\n" + data)
        importer.detect(source)
        try:
            importer.parse(source, TZ)
        except ImportInputError as error:
            assert error.file == "random.csv"


@settings(max_examples=300, deadline=None)
@given(
    rows=st.lists(
        st.tuples(
            st.one_of(
                st.sampled_from(["2026-03-02 09:15", "1772414100", "2026/3/2 9:15", "x", ""]),
                st.text(max_size=25),
            ),
            st.text(max_size=10),
            st.text(max_size=30),
        ),
        max_size=8,
    )
)
def test_generated_rows_parse_or_raise_import_input_error(rows: list[tuple[str, str, str]]) -> None:
    quoted = [",".join('"' + cell.replace('"', '""') + '"' for cell in row) for row in rows]
    lines = ["时间,发送人,内容", *quoted]
    source = ExportSource("gen.csv", "\n".join(lines).encode("utf-8", "surrogatepass"))
    try:
        chat = generic_csv.IMPORTER.parse(source, TZ)
    except ImportInputError:
        return
    assert len(chat.messages) == len(rows)
