"""WhatsApp "Export chat" importer.

Fixtures in ``fixtures/whatsapp/`` are synthetic and written for this project (see its README);
zips and folders are built at run time. The shared corpus (GPL/AGPL samples) is only read, when it
is present, by the last tests.
"""

from __future__ import annotations

import contextlib
import io
import random
import time
import zipfile
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from evidence_desk.domain.errors import ImportInputError
from evidence_desk.importers.archive import open_path, open_zip, select_main
from evidence_desk.importers.base import (
    AttachmentState,
    ExportSource,
    MessageKind,
    ParsedChat,
    normalised_bytes,
)
from evidence_desk.importers.whatsapp import IMPORTER

FIXTURES = Path(__file__).parent / "fixtures" / "whatsapp"
CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "whatsapp"

LRM = "\u200e"
K = MessageKind
S = AttachmentState


def fixture(name: str) -> ExportSource:
    return ExportSource(name, (FIXTURES / name).read_bytes())


def parse(source: ExportSource, tz: str = "UTC") -> ParsedChat:
    return IMPORTER.parse(source, tz)


def text_source(text: str, name: str = "chat.txt") -> ExportSource:
    return ExportSource(name, text.encode("utf-8"))


def utc(
    year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0
) -> datetime:
    return datetime(year, month, day, hour, minute, second, tzinfo=UTC)


def make_zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


# --- the five written fixtures -------------------------------------------------------------------


def test_android_en_24h_dmy() -> None:
    source = fixture("android_en_24h_dmy.txt")
    chat = parse(source, "Europe/London")

    assert IMPORTER.detect(source) == "WhatsApp Android, en, 24h, d/m/y"
    assert chat.detection_reason == "WhatsApp Android, en, 24h, d/m/y"
    assert (chat.format_name, chat.encoding, chat.timezone) == (
        "whatsapp",
        "utf-8",
        "Europe/London",
    )
    assert chat.participants == ("Anna Keller", "Tomas Novak", "+44 7700 900123")
    assert [m.kind for m in chat.messages] == [
        K.SYSTEM, K.TEXT, K.TEXT, K.TEXT, K.UNKNOWN, K.RECALLED, K.IMAGE, K.SYSTEM,
        K.LOCATION, K.TEXT, K.TEXT,
    ]  # fmt: skip
    assert [m.source.locator for m in chat.messages] == [
        "line 1", "line 2", "line 3", "lines 4-7", "lines 8-9", "line 10", "line 11",
        "line 12", "line 13", "line 14", "line 15",
    ]  # fmt: skip
    assert [m.index for m in chat.messages] == list(range(11))
    assert chat.messages[0].sender == ""
    assert chat.messages[2].text == "Hi Anna: I know, I will pay on Friday."
    assert chat.messages[3].text == (
        "Thank you. Please confirm the amount:\nEUR 1,250.00\n\nincluding the late fee."
    )
    # A system line quoting a group name with ": " is not taken for a sender.
    assert chat.messages[7].sender == ""
    assert chat.messages[7].text == 'Anna Keller changed the subject to "Invoice: 2024-117"'
    assert chat.messages[7].raw == (
        '14/03/2024, 08:05 - Anna Keller changed the subject to "Invoice: 2024-117"'
    )
    omitted = chat.messages[4]
    assert omitted.text == "<Media omitted>\nBank transfer receipt"
    assert [(a.kind, a.name, a.state, a.member) for a in omitted.attachments] == [
        (K.UNKNOWN, "", S.OMITTED, None)
    ]
    image = chat.messages[6]
    assert [(a.kind, a.name, a.state) for a in image.attachments] == [
        (K.IMAGE, "IMG-20240314-WA0001.jpg", S.MISSING)
    ]
    assert chat.messages[8].sender == "+44 7700 900123"
    assert chat.messages[0].sent_at == utc(2024, 3, 12, 9, 15)
    assert chat.messages[0].time_text == "12/03/2024, 09:15"
    assert chat.messages[-1].sent_at == utc(2024, 10, 27, 0, 30)
    assert chat.messages[0].source.file == "android_en_24h_dmy.txt"


def test_android_en_dst_gap_and_overlap_are_reported_not_guessed_silently() -> None:
    chat = parse(fixture("android_en_24h_dmy.txt"), "Europe/London")

    gap, overlap = chat.problems
    assert (gap.locator, gap.severity) == ("line 14", "warning")
    assert "2024-03-31 01:30:00 does not exist in Europe/London" in gap.reason
    assert chat.messages[9].sent_at == utc(2024, 3, 31, 1, 30)  # the offset before the change
    assert (overlap.locator, overlap.severity) == ("line 15", "warning")
    assert "2024-10-27 01:30:00 occurs twice in Europe/London" in overlap.reason
    assert chat.messages[10].sent_at == utc(2024, 10, 27, 0, 30)  # the first occurrence (BST)

    assert parse(fixture("android_en_24h_dmy.txt"), "UTC").problems == ()


def test_ios_en_12h_mdy_with_marks_and_attachments() -> None:
    source = fixture("ios_en_12h_mdy.txt")
    chat = parse(source, "America/New_York")

    assert chat.detection_reason == "WhatsApp iOS, en, 12h, m/d/y"
    assert chat.participants == ("Maria Lopez", "Sam Carter")
    assert [m.kind for m in chat.messages] == [
        K.SYSTEM, K.TEXT, K.IMAGE, K.TEXT, K.IMAGE, K.FILE, K.RECALLED, K.CALL,
    ]  # fmt: skip
    assert [m.sender for m in chat.messages] == ["Maria Lopez"] * 3 + ["Sam Carter"] * 3 + [
        "Maria Lopez",
        "Sam Carter",
    ]
    first = chat.messages[0]
    assert first.time_text == "1/15/24, 9:05:12\u202fAM"
    assert first.sent_at == utc(2024, 1, 15, 14, 5, 12)
    assert first.text.startswith("Messages and calls are end-to-end encrypted.")
    assert chat.messages[-1].sent_at == utc(2024, 2, 14, 0, 45, 30)
    # 12 PM is noon, 12 AM is midnight.
    assert chat.messages[3].sent_at == utc(2024, 1, 15, 17, 0)
    assert chat.messages[4].sent_at == utc(2024, 1, 16, 5, 30, 45)
    # Marks are removed from the text, the record as written is kept in raw (CRLF folded).
    attached = chat.messages[2]
    assert attached.text == "<attached: 00000003-PHOTO-2024-01-15-09-07-02.jpg>"
    assert attached.raw == (
        f"{LRM}[1/15/24, 9:07:02\u202fAM] Maria Lopez: "
        f"{LRM}<attached: 00000003-PHOTO-2024-01-15-09-07-02.jpg>"
    )
    assert [(a.kind, a.name, a.state) for a in attached.attachments] == [
        (K.IMAGE, "00000003-PHOTO-2024-01-15-09-07-02.jpg", S.MISSING)  # a bare .txt: no media
    ]
    assert chat.messages[3].text == "Yes. I can pay half now\nand half next week."
    assert chat.messages[3].raw is None
    assert [(a.kind, a.state) for a in chat.messages[4].attachments] == [(K.IMAGE, S.OMITTED)]
    document = chat.messages[5]
    assert document.text == "Lease.pdf • 3 pages <attached: 00000005-Lease.pdf>"
    assert [a.name for a in document.attachments] == ["00000005-Lease.pdf"]
    assert chat.messages[6].text == "This message was deleted."


def test_android_zh_12h_with_chinese_markers_before_the_time() -> None:
    source = fixture("android_zh_12h_ymd.txt")
    chat = parse(source, "Asia/Shanghai")

    assert IMPORTER.detect(source) == "WhatsApp Android, zh, 12h, y/m/d"
    assert chat.participants == ("张伟", "李娜")
    assert [m.kind for m in chat.messages] == [
        K.SYSTEM, K.TEXT, K.TEXT, K.UNKNOWN, K.RECALLED, K.FILE, K.TEXT,
    ]  # fmt: skip
    assert [m.sent_at for m in chat.messages] == [
        utc(2024, 1, 5, 7, 4),  # 下午3:04 = 15:04 +08:00
        utc(2024, 1, 5, 7, 4),
        utc(2024, 1, 5, 7, 6),
        utc(2024, 1, 5, 7, 7),
        utc(2024, 1, 6, 1, 15),  # 上午9:15
        utc(2024, 1, 6, 16, 30),  # 上午12:30 = 00:30 on 7 January
        utc(2024, 1, 8, 4, 5),  # 中午12:05 = 12:05
    ]
    assert chat.messages[1].time_text == "2024/1/5 下午3:04"
    assert chat.messages[3].attachments[0].state is S.OMITTED
    assert [(a.name, a.state) for a in chat.messages[5].attachments] == [("收据.pdf", S.MISSING)]
    assert chat.problems == ()


def test_android_de_24h() -> None:
    source = fixture("android_de_24h_dmy.txt")
    chat = parse(source, "Europe/Berlin")

    assert chat.detection_reason == "WhatsApp Android, de, 24h, d/m/y"
    assert chat.participants == ("Klaus Becker", "Petra Wolf")
    assert [m.kind for m in chat.messages] == [
        K.SYSTEM, K.TEXT, K.UNKNOWN, K.FILE, K.RECALLED, K.TEXT,
    ]  # fmt: skip
    assert chat.messages[0].sent_at == utc(2021, 8, 3, 10, 30)
    assert chat.messages[-1].sent_at == utc(2021, 8, 17, 7, 3)
    assert chat.messages[1].text == "Guten Tag Frau Wolf, die Rate ist seit dem 15.07. offen."
    assert chat.messages[3].attachments[0].name == "Kontoauszug.pdf"


def test_android_es_12h_with_nbsp_in_p_m() -> None:
    source = fixture("android_es_12h_dmy.txt")
    chat = parse(source, "Europe/Madrid")

    assert chat.detection_reason == "WhatsApp Android, es, 12h, d/m/y"
    assert chat.participants == ("Lucía Fernández", "Jorge Ruiz")
    assert [m.kind for m in chat.messages] == [K.TEXT, K.TEXT, K.UNKNOWN, K.RECALLED, K.TEXT]
    assert chat.messages[0].time_text == "28/3/2025, 9:29\u202fp.\xa0m."
    assert chat.messages[0].sent_at == utc(2025, 3, 28, 20, 29)
    # 30 March 2025 is a DST-change day in Madrid; 00:15 is before the change and unambiguous.
    assert chat.messages[-1].sent_at == utc(2025, 3, 29, 23, 15)
    assert chat.messages[-1].text == "Gracias"  # no final newline in the file
    assert chat.problems == ()


# --- zips and folders ----------------------------------------------------------------------------

PHOTO = "00000035-PHOTO-2024-03-27-21-41-55.jpg"
VOICE = "00000038-AUDIO-2024-03-27-21-44-47.opus"
IOS_CHAT = "\r\n".join(
    [
        "[3/27/24, 21:41:35] Dmitry Volkov: Here are the documents",
        f"{LRM}[3/27/24, 21:41:55] Dmitry Volkov: {LRM}<attached: {PHOTO}>",
        f"{LRM}[3/27/24, 21:44:47] Dmitry Volkov: {LRM}<attached: {VOICE}>",
        f"{LRM}[3/27/24, 21:45:10] Olga Petrova: {LRM}video omitted",
        f"{LRM}[3/27/24, 21:46:00] Olga Petrova: Contract.pdf • {LRM}2 pages {LRM}document omitted",
    ]
).encode()


def test_zip_export_links_exported_missing_and_omitted_media() -> None:
    data = make_zip(
        {
            "_chat.txt": IOS_CHAT,
            "00000035-PHOTO-2024-03-27-21-41-55.jpg": b"\xff\xd8\xff photo",
        }
    )
    source = open_zip("WhatsApp Chat - Olga Petrova.zip", data)

    reason = IMPORTER.detect(source)
    chat = parse(source, "Europe/Berlin")

    assert reason == "WhatsApp iOS, en, 24h, m/d/y; chat file _chat.txt"
    assert chat.detection_reason == "WhatsApp iOS, en, 24h, m/d/y"
    assert chat.title == "Olga Petrova"
    assert chat.participants == ("Dmitry Volkov", "Olga Petrova")
    photo, voice, video, document = (m.attachments[0] for m in chat.messages[1:])
    assert (photo.kind, photo.state, photo.member) == (
        K.IMAGE,
        S.EXPORTED,
        "00000035-PHOTO-2024-03-27-21-41-55.jpg",
    )
    assert (voice.kind, voice.state, voice.member) == (K.VOICE, S.MISSING, None)
    assert (video.kind, video.state) == (K.VIDEO, S.OMITTED)
    assert (document.kind, document.name, document.state) == (K.FILE, "Contract.pdf", S.OMITTED)
    assert chat.messages[0].source.file == "_chat.txt"
    assert chat.messages[0].sent_at == utc(2024, 3, 27, 20, 41, 35)  # CET, before the DST change
    assert source.read_member(photo.member or "") == b"\xff\xd8\xff photo"


def test_android_zip_with_named_chat_file_in_a_subfolder() -> None:
    chat_text = (
        b"14/03/2024, 08:00 - Anna Keller: IMG-20240314-WA0001.jpg (file attached)\n"
        b"14/03/2024, 08:01 - Anna Keller: PTT-20240314-WA0002.opus (file attached)\n"
    )
    data = make_zip(
        {
            "export/WhatsApp Chat with Anna Keller.txt": chat_text,
            "export/IMG-20240314-WA0001.jpg": b"jpeg",
            "export/notes.txt": b"not a chat",
        }
    )
    source = open_zip("export.zip", data)

    chat = parse(source)

    assert chat.title == "Anna Keller"
    assert chat.messages[0].source.file == "export/WhatsApp Chat with Anna Keller.txt"
    image, voice = (m.attachments[0] for m in chat.messages)
    assert (image.kind, image.state, image.member) == (
        K.IMAGE,
        S.EXPORTED,
        "export/IMG-20240314-WA0001.jpg",
    )
    assert (voice.kind, voice.state) == (K.VOICE, S.MISSING)


def test_zip_bytes_given_as_data_are_opened() -> None:
    data = make_zip({"_chat.txt": IOS_CHAT})
    chat = parse(ExportSource("WhatsApp Chat - Olga Petrova.zip", data))
    assert len(chat.messages) == 5


def test_folder_export(tmp_path: Path) -> None:
    folder = tmp_path / "WhatsApp Chat - Olga Petrova"
    folder.mkdir()
    (folder / "_chat.txt").write_bytes(IOS_CHAT)
    (folder / "00000038-AUDIO-2024-03-27-21-44-47.opus").write_bytes(b"opus")

    chat = parse(open_path(folder))

    assert chat.title == "Olga Petrova"
    states = [a.state for m in chat.messages for a in m.attachments]
    assert states == [S.MISSING, S.EXPORTED, S.OMITTED, S.OMITTED]


def test_zip_with_several_chat_files_must_be_disambiguated() -> None:
    data = make_zip({"a/_chat.txt": IOS_CHAT, "b/_chat.txt": IOS_CHAT})
    source = open_zip("two.zip", data)

    with pytest.raises(ImportInputError, match=r"several WhatsApp chat files: a/_chat\.txt, b/"):
        parse(source)
    assert IMPORTER.detect(source) is not None
    assert len(parse(select_main(source, "b/_chat.txt")).messages) == 5


def test_zip_without_a_chat_file() -> None:
    source = open_zip("photos.zip", make_zip({"IMG-1.jpg": b"jpeg", "readme.txt": b"hello"}))
    assert IMPORTER.detect(source) is None
    with pytest.raises(ImportInputError, match=r"no WhatsApp chat \.txt file"):
        parse(source)


def test_empty_source() -> None:
    assert IMPORTER.detect(ExportSource("chat.txt", b"")) is None
    with pytest.raises(ImportInputError, match="empty file"):
        parse(ExportSource("chat.txt", b""))


# --- day/month order -----------------------------------------------------------------------------


def test_ambiguous_order_is_reported_and_the_default_is_documented() -> None:
    text = (
        "03/04/2024, 10:00 - Anna: first\n"
        "03/04/2024, 10:05 - Ben: second\n"
        "05/04/2024, 09:00 - Anna: third\n"
    )
    chat = parse(text_source(text))

    (problem,) = chat.problems
    assert problem.severity == "warning"
    assert problem.locator == "line 1"
    assert "day/month order is ambiguous" in problem.reason
    assert "read as d/m/y" in problem.reason
    assert "ambiguous d/m vs m/d (no day above 12; default d/m)" in chat.detection_reason
    assert chat.messages[0].sent_at == utc(2024, 4, 3, 10, 0)


def test_ambiguous_us_layout_defaults_to_month_first() -> None:
    text = "3/4/24, 10:00 - Anna: first\n3/4/24, 10:05 - Ben: second\n"
    chat = parse(text_source(text))
    assert chat.messages[0].sent_at == utc(2024, 3, 4, 10, 0)
    assert "default m/d for unpadded '/' dates with 2-digit years" in chat.detection_reason
    assert chat.detection_reason.startswith("WhatsApp Android, language unknown, 24h, m/d/y")


def test_ambiguous_order_prefers_the_chronological_reading() -> None:
    # d/m reads 5 Jan, 6 Jan, 6 Feb, 7 Jan (out of order); m/d reads 1 May, 1 Jun, 2 Jun, 1 Jul.
    text = (
        "05/01/2024, 10:00 - Anna: a\n"
        "06/01/2024, 10:00 - Anna: b\n"
        "06/02/2024, 10:00 - Anna: c\n"
        "07/01/2024, 10:00 - Anna: d\n"
    )
    chat = parse(text_source(text))
    assert [m.sent_at.month for m in chat.messages] == [5, 6, 6, 7]
    assert "chosen by fewer out-of-order dates" in chat.problems[0].reason


def test_the_whole_file_decides_the_order() -> None:
    # Only the last header settles it: day 13 in the first field means d/m for every line.
    text = "01/02/2024, 10:00 - Anna: a\n02/03/2024, 10:00 - Anna: b\n13/03/2024, 10:00 - Anna: c\n"
    chat = parse(text_source(text))
    assert [(m.sent_at.month, m.sent_at.day) for m in chat.messages] == [(2, 1), (3, 2), (3, 13)]
    assert chat.problems == ()


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("18.03.22 15:10 - A: x", utc(2022, 3, 18, 15, 10)),  # cs, no comma
        ("18-03-2022 15:10 - A: x", utc(2022, 3, 18, 15, 10)),  # nl, dashes
        ("2023-12-20, 5:46 p.m. - A: x", utc(2023, 12, 20, 17, 46)),  # en-CA
        ("[07.03.26, 21:22:39] A: x", utc(2026, 3, 7, 21, 22, 39)),  # iOS de region
        ("[12.3.2022 klo 14.08.18] A: x", utc(2022, 3, 12, 14, 8, 18)),  # iOS fi
        ("30/08/25 18.00 - A: x", utc(2025, 8, 30, 18, 0)),  # id, dot in the time
        ("2022. 12. 24. 13:01 - A: x", utc(2022, 12, 24, 13, 1)),  # hu
        ("[3/18/2565 BE, 14:56:01] A: x", utc(2022, 3, 18, 14, 56, 1)),  # Buddhist era
        ("[3/18/R4, 14:56:01] A: x", utc(2022, 3, 18, 14, 56, 1)),  # Reiwa 4
        ("[3/18/H30, 14:56:01] A: x", utc(2018, 3, 18, 14, 56, 1)),  # Heisei 30
        ("[١٨\u200f/٣\u200f/٢٠٢٢، ٢:٥٦:٠٠\xa0م] A: x", utc(2022, 3, 18, 14, 56)),  # ar
        ("2022/3/18 오후 3:10 - A: x", utc(2022, 3, 18, 15, 10)),  # ko
        ("[2022/3/18 午前0:10:00] A: x", utc(2022, 3, 18, 0, 10)),  # ja
        ("18/3/2022, 12:05 AM - A: x", utc(2022, 3, 18, 0, 5)),
        ("18/3/2022, 12:05 PM - A: x", utc(2022, 3, 18, 12, 5)),
    ],
)
def test_header_layouts(line: str, expected: datetime) -> None:
    chat = parse(text_source(line + "\n"))
    (message,) = chat.messages
    assert message.sent_at == expected
    assert (message.sender, message.text) == ("A", "x")


def test_calendar_eras_are_named_in_the_reason() -> None:
    assert (
        "Buddhist calendar" in parse(text_source("[3/18/2565 BE, 14:56:01] A: x")).detection_reason
    )
    assert "Japanese calendar" in parse(text_source("[3/18/R4, 14:56:01] A: x")).detection_reason


# --- structure: continuation, system lines, problems ---------------------------------------------


def test_invalid_header_like_line_stays_text_and_is_reported() -> None:
    text = (
        "13/03/2024, 10:00 - Anna: the schedule is\n"
        "31/02/2024, 10:00 - no such day\n"
        "13/03/2024, 10:01 - Ben: ok\n"
    )
    chat = parse(text_source(text))
    assert len(chat.messages) == 2
    assert chat.messages[0].text == "the schedule is\n31/02/2024, 10:00 - no such day"
    assert chat.messages[0].source.locator == "lines 1-2"
    (problem,) = chat.problems
    assert (problem.locator, problem.severity) == ("line 2", "error")
    assert "invalid" in problem.reason


def test_invalid_time_is_reported() -> None:
    text = "13/03/2024, 10:00 - Anna: a\n13/03/2024, 25:00 - Anna: b\n"
    chat = parse(text_source(text))
    assert len(chat.messages) == 1
    assert chat.problems[0].locator == "line 2"


def test_text_before_the_first_header_is_an_error_problem() -> None:
    text = "Exported by a helper tool\n\n13/03/2024, 10:00 - Anna: a\n"
    chat = parse(text_source(text))
    (problem,) = chat.problems
    assert (problem.locator, problem.severity) == ("line 1", "error")
    assert "'Exported by a helper tool'" in problem.reason
    assert len(chat.messages) == 1


def test_detection_refuses_long_preambles_but_parse_reports_them() -> None:
    text = "".join(f"note {n}\n" for n in range(60)) + "13/03/2024, 10:00 - Anna: a\n"
    assert IMPORTER.detect(text_source(text)) is None
    chat = parse(text_source(text))
    assert chat.problems[0].locator == "lines 1-60"


def test_disappearing_stub_empty_body_and_view_once() -> None:
    text = (
        "13/03/2024, 10:00 - Anna: hello\n"
        "13/03/2024, 10:01 - Anna:.\n"
        "13/03/2024, 10:02 - Anna:\n"
        "13/03/2024, 10:03 - Anna: null\n"
        "13/03/2024, 10:04 - Anna - Maria: dash in the name\n"
    )
    chat = parse(text_source(text))
    assert [(m.sender, m.text, m.kind) for m in chat.messages] == [
        ("Anna", "hello", K.TEXT),
        ("Anna", ".", K.TEXT),
        ("Anna", "", K.TEXT),
        ("Anna", "null", K.UNKNOWN),
        ("Anna - Maria", "dash in the name", K.TEXT),
    ]


def test_ios_system_notices_keep_the_written_sender() -> None:
    text = (
        "[3/27/24, 21:41:35] Loan group: \u200eAnna added Ben\r\n[3/27/24, 21:41:36] Anna: hi\r\n"
    )
    chat = parse(text_source(text))
    assert [(m.sender, m.kind, m.text) for m in chat.messages] == [
        ("Loan group", K.SYSTEM, "Anna added Ben"),
        ("Anna", K.TEXT, "hi"),
    ]
    assert chat.participants == ("Anna",)


def test_phone_number_sender_wrapped_in_marks() -> None:
    text = "[3/27/24, 21:41:35] \u202a+40 521 028\u202c: hello\n"
    (message,) = parse(text_source(text)).messages
    assert message.sender == "+40 521 028"
    assert message.raw == text.rstrip("\n")


def test_bidi_marks_inside_user_text_are_kept_in_raw() -> None:
    text = "13/03/2024, 10:00 - Anna: \u200fשלום\u200f\n"
    (message,) = parse(text_source(text)).messages
    assert message.text == "שלום"
    assert message.raw == text.rstrip("\n")


def test_utf16_and_bom_exports() -> None:
    text = "13/03/2024, 10:00 - Anna: grüße\n"
    for data, encoding in (
        (b"\xff\xfe" + text.encode("utf-16-le"), "utf-16-le"),
        (b"\xef\xbb\xbf" + text.encode("utf-8"), "utf-8-sig"),
    ):
        chat = parse(ExportSource("chat.txt", data))
        assert chat.encoding == encoding
        assert chat.messages[0].text == "grüße"


def test_unknown_time_zone_is_an_input_error() -> None:
    with pytest.raises(ImportInputError, match="unknown time zone 'Mars/Olympus'"):
        parse(fixture("android_de_24h_dmy.txt"), "Mars/Olympus")


def test_not_whatsapp() -> None:
    for data in (
        b'{"name": "Telegram", "messages": []}',
        "2026/1/19周一\n下午3:04\t张伟\t你好\n".encode(),  # LINE
        b"time,sender,text\n2024-01-01 10:00,Bob,hello\n",
    ):
        source = ExportSource("x.txt", data)
        assert IMPORTER.detect(source) is None
        with pytest.raises(ImportInputError):
            parse(source)


def test_long_line_is_rejected() -> None:
    text = "13/03/2024, 10:00 - Anna: " + "x" * 1_000_001 + "\n"
    with pytest.raises(ImportInputError, match="line 1"):
        parse(text_source(text))


# --- determinism and robustness ------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(p.name for p in FIXTURES.glob("*.txt")))
def test_reparse_is_byte_identical(name: str) -> None:
    source = fixture(name)
    first = normalised_bytes(parse(source, "Europe/Berlin"))
    second = normalised_bytes(IMPORTER.parse(fixture(name), "Europe/Berlin"))
    assert first == second
    assert IMPORTER.detect(source) == parse(source, "Europe/Berlin").detection_reason


FUZZ_ALPHABET = [
    *"0123456789/.-:[], \n\r\tAPMap",
    LRM, "\u200f", "\u202a", "\u202c", "\xa0", "\u202f", "\ufeff", "下午", "上午", "中午",
    " BE", "R", "H", "<Media omitted>", "<attached: x.jpg>", " (file attached)", "é", "\x00",
]  # fmt: skip
FUZZ_BASES = [
    (FIXTURES / name).read_text("utf-8") for name in sorted(p.name for p in FIXTURES.glob("*.txt"))
]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    base=st.sampled_from(FUZZ_BASES),
    edits=st.lists(
        st.tuples(
            st.integers(min_value=0, max_value=2000),
            st.integers(min_value=0, max_value=6),
            st.sampled_from(FUZZ_ALPHABET),
        ),
        max_size=12,
    ),
    encoding=st.sampled_from(["utf-8", "utf-16", "gb18030"]),
)
def test_mutated_exports_raise_only_import_input_error(
    base: str, edits: list[tuple[int, int, str]], encoding: str
) -> None:
    text = base
    for position, span, insert in edits:
        at = position % (len(text) + 1)
        text = text[:at] + insert + text[at + span :]
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        data = text.encode("utf-8")
    source = ExportSource("chat.txt", data)
    reason = IMPORTER.detect(source)
    assert reason is None or reason.startswith("WhatsApp ")
    try:
        chat = IMPORTER.parse(source, "Europe/London")
    except ImportInputError:
        return
    assert chat.messages
    assert all(m.sent_at.tzinfo is UTC for m in chat.messages)
    assert [m.index for m in chat.messages] == list(range(len(chat.messages)))


@settings(max_examples=300, deadline=None)
@given(data=st.binary(max_size=600))
def test_random_bytes_raise_only_import_input_error(data: bytes) -> None:
    source = ExportSource("chat.txt", data)
    IMPORTER.detect(source)
    with contextlib.suppress(ImportInputError):
        IMPORTER.parse(source, "UTC")


@settings(max_examples=100, deadline=None)
@given(data=st.binary(max_size=300))
def test_random_bytes_behind_a_header_raise_only_import_input_error(data: bytes) -> None:
    source = ExportSource("chat.txt", b"13/03/2024, 10:00 - Anna: " + data)
    IMPORTER.detect(source)
    with contextlib.suppress(ImportInputError):
        IMPORTER.parse(source, "Asia/Shanghai")


# --- volume --------------------------------------------------------------------------------------


def synthetic_chat(messages: int) -> bytes:
    rng = random.Random(7)
    names = ["Anna Keller", "Tomas Novak", "+44 7700 900123"]
    bodies = ["ok", "I will pay on Friday: promise", "<Media omitted>", "This message was deleted"]
    lines = []
    stamp = datetime(2022, 1, 1, 8, 0)
    for index in range(messages):
        stamp = stamp.fromtimestamp(stamp.timestamp() + rng.randint(1, 400))
        lines.append(f"{stamp:%d/%m/%Y, %H:%M} - {rng.choice(names)}: {rng.choice(bodies)}")
        if index % 20 == 0:
            lines.append("a second line")
    return ("\n".join(lines) + "\n").encode()


@pytest.mark.slow
def test_large_export_parses_in_linear_time() -> None:
    source = ExportSource("big.txt", synthetic_chat(50_000))
    started = time.process_time()
    chat = parse(source, "Europe/Berlin")
    elapsed = time.process_time() - started
    assert len(chat.messages) == 50_000
    assert elapsed < 10, f"50k messages took {elapsed:.1f} s of CPU"


# --- the shared corpus (read only, when present) -------------------------------------------------

CORPUS_YEARS = {
    "wj_buddhist_calendar_ios.txt": 2022,
    "wj_japanese_calendar_ios.txt": 2022,
    "wj_english_ios_media.txt": 2022,
    "wk_pokemon_dmy_24h.txt": 2016,
}


def corpus_files() -> list[str]:
    return sorted(p.name for p in CORPUS.iterdir()) if CORPUS.exists() else []


# The corpus is GPL/AGPL reference material outside the repository: read, never copied.
@pytest.mark.skipif(not CORPUS.exists(), reason="shared/corpus/whatsapp is not beside the repo")
@pytest.mark.parametrize("name", corpus_files())
def test_corpus_sample_parses_cleanly(name: str) -> None:
    source = open_path(CORPUS / name)

    reason = IMPORTER.detect(source)
    chat = parse(source, "Europe/London")

    assert reason is not None and reason.startswith("WhatsApp ")
    assert len(chat.messages) > 0
    assert [p for p in chat.problems if p.severity == "error"] == []
    assert chat.participants
    kinds = Counter(m.kind for m in chat.messages)
    assert kinds[K.TEXT] > 0
    if name in CORPUS_YEARS:
        assert chat.messages[0].sent_at.year == CORPUS_YEARS[name]
    assert normalised_bytes(chat) == normalised_bytes(
        parse(open_path(CORPUS / name), "Europe/London")
    )


@pytest.mark.skipif(not CORPUS.exists(), reason="shared/corpus/whatsapp is not beside the repo")
def test_corpus_media_samples_link_attachments() -> None:
    chat = parse(open_path(CORPUS / "wj_english_android_media.txt"))
    states = Counter(a.state for m in chat.messages for a in m.attachments)
    assert states[S.OMITTED] > 0 and states[S.MISSING] > 0
    chat = parse(open_path(CORPUS / "wj_english_ios_media.txt"))
    assert any(a.name.startswith("00000035-PHOTO") for m in chat.messages for a in m.attachments)


# --- the plain header pattern is the general one, restricted -------------------------------------


def _piece(usual: str, *odd: str) -> st.SearchStrategy[str]:
    """The usual text of a header piece 19 times in 20, else one of the odd ones."""
    return st.sampled_from([usual] * (19 * len(odd)) + list(odd))


_day = _piece("12", "3", "03", "2024", "٣", "", "12345", "1a")
_year = _piece("2024", "22", "2", "R4", "H30", "٢٠٢٤", "12345", "")
_space = _piece(" ", "", "  ", "\u202f", "\u00a0", "\t")


@st.composite
def _header_like_lines(draw: st.DrawFn) -> str:
    """Lines shaped like headers: mostly the usual pieces, with the odd ones either pattern may
    or may not accept mixed in."""
    separator = draw(_piece("/", ".", "-", ":", "\u200e/"))
    pieces = [
        _piece("", "\ufeff", "\u200e", "[", "x", " "),
        _day,
        st.just(separator),
        _piece("", " ", "\u200e"),
        _day,
        _piece(separator, "/", ".", "-"),
        _piece("", "R", "H", " "),
        _year,
        _piece("", ".", " BE", "BE"),
        _piece(",", "", "،", ";"),
        _space,
        _piece("", "klo ", "下午", "上午 "),
        _piece("9", "09", "23", "٣", "123", ""),
        _piece(":", ".", ";"),
        _piece("05", "5", "٣٣", "123"),
        _piece("", ":07", ".59", ":7", ":"),
        _piece("", "."),
        _piece("", " ", "\u202f", "  "),
        _piece("", "AM", "p.m.", "a. m.", "PM", "م", "ص", "x", "P"),
        _space,
        _piece("-", "–", "]", "", "—"),
        _space,
        _piece("Li Ming: hi", "", "- x", ": y", "Messages are encrypted", " x"),
    ]
    return "".join(draw(piece) for piece in pieces)


@settings(max_examples=3000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_header_like_lines())
def test_the_plain_header_pattern_reads_a_line_as_the_general_one(line: str) -> None:
    from evidence_desk.importers.whatsapp import _HEADER, _PLAIN_HEADER, _fields

    plain = _PLAIN_HEADER.match(line)
    if plain is None:
        return
    general = _HEADER.match(line)
    assert general is not None
    assert general.group("br") is None
    assert plain.group("ts", "date", "time") == general.group("ts", "date", "time")
    assert plain.end() == general.end()
    assert _fields(plain).groups() == general.groups()


def test_plain_and_general_headers_parse_alike() -> None:
    """Android lines read by the plain pattern, their bracketed iOS twins only by the general
    one: the same messages."""
    android = (
        "3/18/22, 9:05\u202fPM - Li Ming: hi\n"
        "3/18/22, 9:06 PM - Chen: ok\nsecond line\n"
        "3/19/22, 10:00 AM - Li Ming: <Media omitted>\n"
    )
    ios = (
        "[3/18/22, 9:05\u202fPM] Li Ming: hi\n"
        "[3/18/22, 9:06 PM] Chen: ok\nsecond line\n"
        "[3/19/22, 10:00 AM] Li Ming: <Media omitted>\n"
    )
    read = {
        name: IMPORTER.parse(ExportSource(name="chat.txt", data=text.encode()), "UTC")
        for name, text in (("android", android), ("ios", ios))
    }
    for a, b in zip(read["android"].messages, read["ios"].messages, strict=True):
        assert (a.sent_at, a.time_text, a.sender, a.kind, a.text) == (
            b.sent_at,
            b.time_text,
            b.sender,
            b.kind,
            b.text,
        )
    assert len(read["android"].messages) == 3
