"""Defects a review of a real bundle found (issue 21 item 4), each pinned by a test on a real
export: the PDF as a reader opens it, as pdftotext reads it."""

from __future__ import annotations

import hashlib
import io
import json
import re
import zipfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from pypdf import PdfReader
from pypdf.generic import ArrayObject

from evidence_desk.bundle import labels
from evidence_desk.bundle.model import Scope
from evidence_desk.bundle.verify_kit import verify_kit
from evidence_desk.domain.models import Role
from evidence_desk.services import importing, reading, review, timestamps, users
from evidence_desk.services.verify import verify_store
from evidence_desk_testing.local_tsa import LocalTsa, TestPki
from tests.bundle.support import (
    CASE,
    CHAT_NAME,
    chat_text,
    export,
    screenshot_bytes,
    store_with_evidence,
)
from tests.helpers import (
    FAST_KDF,
    Team,
    TickingClock,
    add_local_tsa,
    approved_contact,
    insider_session,
    ledger_size,
    pdf_text,
)


@pytest.fixture
def clock() -> TickingClock:
    # the test PKI's certificates are valid around the real present, so time starts there
    return TickingClock(datetime.now(UTC).replace(microsecond=0))


def test_the_open_action_resolves_to_the_cover_page(team: Team, tmp_path: Path) -> None:
    store_with_evidence(team, tmp_path / "in")
    reader = PdfReader(export(team, tmp_path / "out").pdf_paths[0])
    action: Any = reader.trailer["/Root"]["/OpenAction"]
    if "/D" in action:
        assert action["/S"] == "/GoTo"
        destination = action["/D"]
    else:
        destination = action
    # an explicit destination, not a name that the document would have to define
    assert isinstance(destination, ArrayObject), destination
    assert reader.get_page_number(destination[0].get_object()) == 0
    assert destination[1] == "/XYZ" and float(destination[4]) == 1.0


def test_the_appendix_has_no_empty_label_line(team: Team, tmp_path: Path) -> None:
    store_with_evidence(team, tmp_path / "in")
    result = export(team, tmp_path / "out")
    text = pdf_text(result.pdf_paths[0], "-layout")
    appendix = text[text.rindex("VERIFY.txt") :]
    assert "检查点 " in appendix  # the bundle's language: zh_CN
    lines = [line.strip() for line in appendix.splitlines()]
    # a label with nothing after it (a numbered step's heading is followed by its commands)
    labels_alone = [s for s in lines if re.fullmatch(r"(?!\d+\. )[\w .-]{1,20}[:：]", s)]
    assert not labels_alone, lines
    # the kit's VERIFY.txt, written once the volumes have names, still names them
    with zipfile.ZipFile(result.kit_path) as zf:
        (name,) = [n for n in zf.namelist() if n.endswith("/VERIFY.txt")]
        verify = zf.read(name).decode("utf-8")
    assert f"PDF：{result.pdf_paths[0].name}" in verify.splitlines()


def test_an_open_range_reads_as_the_first_and_last_message_days(team: Team, tmp_path: Path) -> None:
    store_with_evidence(team, tmp_path / "in")  # messages from 5 to 21 January (Shanghai)
    result = export(team, tmp_path / "out")
    text = " ".join(pdf_text(result.pdf_paths[0]).split())
    assert "不限" not in text
    assert "日期 2026-01-05 至 2026-01-21（Asia/Shanghai）" in text  # the cover
    assert "2026-01-05 — 2026-01-21 (Asia/Shanghai)" in text  # the completeness statement
    # a closed end stays the scope's own day
    later = export(team, tmp_path / "later", Scope(CASE, date_from="2026-01-02"))
    assert "日期 2026-01-02 至 2026-01-21" in " ".join(pdf_text(later.pdf_paths[0]).split())


LONG_USER = "zhangsan.collections"
LONG_FILE = "evidence-manifest-chen-lixin-repayment-promise.png"


def _fragments(text: str, names: list[str]) -> list[str]:
    """Runs of letters and digits in ``text`` that are the start or the end of a part of one of
    ``names`` but not the whole part: what a break inside a word leaves behind."""
    parts = {p for name in names for p in re.split(r"[./_@-]", name) if len(p) >= 6}
    runs = set(re.findall(r"[A-Za-z0-9]+", text))
    return sorted(
        f"{run} ({part})"
        for run in runs
        for part in parts
        if run != part and len(run) >= 3 and (part.startswith(run) or part.endswith(run))
    )


def test_long_user_and_file_names_never_break_inside_a_word(team: Team, tmp_path: Path) -> None:
    users.add_user(team.login("root"), LONG_USER, Role.STAFF, "long-user-password", kdf=FAST_KDF)
    team.passwords[LONG_USER] = "long-user-password"
    staff, contact_id = approved_contact(team, tmp_path / "in", case_no=CASE, staff=LONG_USER)
    chat = tmp_path / "in" / CHAT_NAME
    chat.write_bytes(chat_text().encode("utf-8"))
    shot = tmp_path / "in" / LONG_FILE
    shot.write_bytes(screenshot_bytes())
    importing.import_files(staff, contact_id, [chat, shot], tz="Asia/Shanghai")
    result = export(team, tmp_path / "out")
    text = pdf_text(result.pdf_paths[0], "-layout")
    # each name is printed, whole, where a line has room for it ...
    assert LONG_USER in text and LONG_FILE in text
    assert f"来源 {LONG_FILE} · 导入" in text  # its page's band: the whole name, never cut
    # ... and wherever a column is narrow it breaks after a separator, never inside a word
    assert _fragments(text, [LONG_USER, LONG_FILE, "evidence-manifest.json"]) == []


# the one form of a moment: UTC, then the case's local time (its date only when another day)
MOMENT = (
    r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC \((?:\d{4}-\d{2}-\d{2} )?\d{2}:\d{2}:\d{2} \+08:00\)"
)


def test_every_time_in_the_pdf_is_utc_with_the_local_time_in_one_form(
    team: Team, pki: TestPki, local_tsa: LocalTsa, tmp_path: Path
) -> None:
    """Cover, declaration, integrity (import and trusted time), identity, transcripts,
    omissions, annex, custody, appendix tokens, processing record, header bands."""
    add_local_tsa(team, pki, local_tsa)
    alice, contact_id = store_with_evidence(team, tmp_path / "in")
    rows = reading.list_messages(alice, contact_id)
    promise = next(r.rowid for r in rows if "先还" in r.text)
    review.tag_message(team.login("lee"), promise, "promise_to_pay", "1 月 20 日还 5000")
    result = export(team, tmp_path / "out", Scope(CASE, tagged_only=True))
    assert result.checkpoint_stamped and result.messages_omitted
    text = " ".join(pdf_text(result.pdf_paths[0]).split())
    moments = list(re.finditer(MOMENT, text))
    covered = {i for m in moments for i in range(m.start(), m.end())}
    stray = [
        text[m.start() : m.start() + 40]
        for m in re.finditer(r"\d{4}-\d{2}-\d{2}[T ]?\d{2}:\d{2}", text)
        if m.start() not in covered
    ]
    assert stray == [], "\n".join(stray)
    assert not re.search(r"\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z", text)  # no ISO 'Z' form anywhere
    # and each part of the bundle prints them: cover and declaration, transcripts (5
    # messages, 4 of them left out), the annex, custody, the trusted times, the bands
    assert len(moments) > 30
    assert "签署时间" in text and "UTC (" in text[text.index("签署时间") :][:40]
    assert re.search(r"RFC 3161 · local-test-tsa · 序列号 \d+ · " + MOMENT, text)


def _exif_jpeg(taken: str) -> bytes:
    image = Image.open(io.BytesIO(screenshot_bytes(7))).convert("RGB")
    exif = Image.Exif()
    exif.get_ifd(0x8769)[0x9003] = taken  # DateTimeOriginal, no offset: the case's zone
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif.tobytes())
    return buffer.getvalue()


def test_a_screenshot_page_band_names_the_screenshot_its_digest_and_capture_time(
    team: Team, tmp_path: Path
) -> None:
    alice, contact_id = store_with_evidence(team, tmp_path / "in")  # promise.png: no EXIF
    shot = tmp_path / "in" / "call-log.jpg"
    shot.write_bytes(_exif_jpeg("2026:01:20 10:30:00"))
    importing.import_files(alice, contact_id, [shot], tz="Asia/Shanghai")
    result = export(team, tmp_path / "out")
    digests = {
        name: hashlib.sha256((tmp_path / "in" / name).read_bytes()).hexdigest()
        for name in ("promise.png", "call-log.jpg", CHAT_NAME)
    }
    pages = [" ".join(page.split()) for page in pdf_text(result.pdf_paths[0]).split("\f")]
    taken = {
        "call-log.jpg": "拍摄时间 2026-01-20 02:30:00 UTC (10:30:00 +08:00)（EXIF 拍摄时间",
        "promise.png": "拍摄时间 未载明（文件无 EXIF 拍摄时间",
    }
    for name, when in taken.items():
        (page,) = [p for p in pages if f"截图 {name} · SHA-256 {digests[name]}" in p]
        assert f"证据 E2 · SHA-256 {digests[name][:12]}" in page  # the band's exhibit line
        assert f"来源 {name} · 导入" in page and when in page
        assert CHAT_NAME not in page and digests[CHAT_NAME][:12] not in page


FIXTURES = Path(__file__).resolve().parents[1] / "importers" / "fixtures"


def test_senders_show_the_platform_id_beside_the_display_name(team: Team, tmp_path: Path) -> None:
    """A WeChat remark name with its wxid; an SMS contact name with the number the message
    came from (the debtor's own number in the debtor's case: printed, masking is for account
    numbers, and masking is on)."""
    folder = tmp_path / "in"
    wechat_export = folder / "wxid_wangfang0311.zip"
    folder.mkdir()
    with zipfile.ZipFile(wechat_export, "w") as zf:  # PyWxDump's folder: the CSV, users.json
        for name in ("pywxdump_wxid_wangfang0311_0_5000.csv", "users.json"):
            zf.write(FIXTURES / "wechat" / name, f"wxid_wangfang0311/{name}")
    staff, wechat_id = approved_contact(
        team,
        folder,
        case_no=CASE,
        channel="wechat",
        handle="wxid_wangfang0311",
        display_name="王芳",
    )
    importing.import_files(staff, wechat_id, [wechat_export], tz="Asia/Shanghai")
    staff, sms_id = approved_contact(
        team, folder, case_no=CASE, channel="sms", handle="+8613912345678", display_name="张三"
    )
    importing.import_files(
        staff, sms_id, [FIXTURES / "sms" / "sms-20260120.xml"], tz="Asia/Shanghai"
    )
    # the defaults would withhold 李四's message whole, his number with it (a third party of
    # 张三's thread: issue 21 item 5, tests/services/test_bundle_redaction.py): off here
    result = export(team, tmp_path / "out", default_redaction=False)
    assert result.messages_included == 22
    text = pdf_text(result.pdf_paths[0])
    assert "王芳(DK-2026-0311) (wxid_wangfang0311) · 2026-03-02 01:20:41 UTC" in text
    assert "张三 (13912345678) · 2026-01-19 02:00:00 UTC" in text
    assert "张三 (+8613912345678) · " in text and "李四 (+8613600000000) · " in text
    # the collector's own messages name no id of theirs: the display name alone
    assert re.search(r"^我 · 2026-03-02 01:16:05 UTC", text, re.MULTILINE)


def test_custody_ends_with_the_entry_this_export_writes(team: Team, tmp_path: Path) -> None:
    store_with_evidence(team, tmp_path / "in")
    result = export(team, tmp_path / "out")
    text = " ".join(pdf_text(result.pdf_paths[0]).split())
    # the last custody row: the export's own entry, at the earliest seq it can take (it took
    # that one: nothing else was written meanwhile), its actor and action
    at = text.index(f"证据包 {result.bundle_id}：本次导出")
    row = text[at - 200 : at]
    exported = labels.label("zh_CN", "action", "bundle.export")  # named in the bundle's language
    assert f"≥ {result.ledger_seq} " in row and "lee" in row and exported in row
    assert text.count("：本次导出") == 1
    with zipfile.ZipFile(result.kit_path) as zf:
        (name,) = [n for n in zf.namelist() if n.endswith("/evidence-manifest.json")]
        manifest = json.loads(zf.read(name))
    assert manifest["export_entry"] == {
        "seq": result.ledger_seq,
        "actor": "lee",
        "action": "bundle.export",
    }
    assert verify_kit(result.kit_path).intact
    lee = team.login("lee")
    assert verify_store(lee).intact  # the entry took the seq its PDF printed


def test_an_entry_written_while_the_bundle_is_drawn_is_left_out_not_refused(
    team: Team, pki: TestPki, local_tsa: LocalTsa, tmp_path: Path
) -> None:
    """Another window (alice's session) writes to the ledger while legal's bundle is signed
    and stamped: the export goes on, from the head it gathered; the new entry is not in the
    bundle, and the export's entry takes the seq after it (the PDF printed "≥" the earlier)."""
    add_local_tsa(team, pki, local_tsa)
    alice, contact_id = store_with_evidence(team, tmp_path / "in")
    timestamps.stamp(alice)
    (message, *_rest) = reading.list_messages(alice, contact_id)
    during: list[int] = []

    def sender(url: str, request: bytes, timeout: float) -> bytes:
        """The TSA's real transport; the first call (the draw is done, the PDF is being
        signed) comes while alice tags a message in her own window."""
        if not during:
            review.tag_message(alice, message.rowid, "promise_to_pay", "tagged while legal exports")
            during.append(ledger_size(alice))
        return timestamps._send(url, request, timeout)

    head = ledger_size(alice)
    result = export(team, tmp_path / "out", sender=sender, stamp_first=False)
    assert during == [head + 1]
    printed = head + 2  # after the gathered head and the processing record
    assert result.ledger_seq == printed + 1  # the tag came first
    text = " ".join(pdf_text(result.pdf_paths[0]).split())
    assert f"≥ {printed} " in text and "tagged while legal exports" not in text
    with zipfile.ZipFile(result.kit_path) as zf:
        (name,) = [n for n in zf.namelist() if n.endswith("/evidence-manifest.json")]
        manifest = json.loads(zf.read(name))
    assert manifest["export_entry"]["seq"] == printed
    assert manifest["checkpoint"]["size"] <= head  # the tag's entry is not in the bundle
    assert verify_kit(result.kit_path).intact
    report = verify_store(team.login("lee"))
    assert report.intact, report.errors


def test_verify_finds_an_export_before_the_seq_its_custody_table_printed(
    team: Team, tmp_path: Path
) -> None:
    """No honest export sits before the earliest seq its PDF printed for it."""
    store_with_evidence(team, tmp_path / "in")
    insider = insider_session(team, "lee")
    insider.write(
        "bundle.export",
        {"bundle_id": "B-elsewhere", "case_no": CASE, "custody_seq": ledger_size(insider) + 5},
        [],
    )
    seq = ledger_size(insider)
    report = verify_store(team.login("lee"))
    assert ("bundle.custody_seq", f"ledger seq {seq}") in {
        (f.code, f.location) for f in report.errors
    }


def test_verify_bundle_finds_an_export_entry_no_export_of_the_kit_could_write(
    team: Team, tmp_path: Path
) -> None:
    store_with_evidence(team, tmp_path / "in")
    result = export(team, tmp_path / "out")
    with zipfile.ZipFile(result.kit_path) as zf:
        zf.extractall(tmp_path / "kit")
    (path,) = (tmp_path / "kit").glob("*/evidence-manifest.json")
    manifest = json.loads(path.read_text("utf-8"))
    manifest["export_entry"]["seq"] = 2  # inside the ledger the kit holds
    path.write_text(json.dumps(manifest), "utf-8")
    report = verify_kit(path.parent)
    assert "export.entry" in {f.code for f in report.errors}


def test_a_system_line_starts_with_its_time_not_an_empty_sender(team: Team, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    staff, contact_id = approved_contact(
        team,
        folder,
        case_no=CASE,
        channel="wechat",
        handle="wxid_wangfang0311",
        display_name="王芳",
    )
    csv = FIXTURES / "wechat" / "pywxdump_wxid_wangfang0311_0_5000.csv"
    importing.import_files(staff, contact_id, [csv], tz="Asia/Shanghai")
    text = pdf_text(export(team, tmp_path / "out").pdf_paths[0])
    assert re.search(r"^2026-03-02 01:15:00 UTC \(09:15:00 \+08:00\) · #", text, re.MULTILINE)
    assert not re.search(r"^ ?· 20\d\d-", text, re.MULTILINE)
