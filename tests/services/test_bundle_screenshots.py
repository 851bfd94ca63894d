"""The bundle's screenshot section and the kit's crosscheck.json (issue 22), on a real store.

tests/ocr_scenario.py renders the screenshots with the app's CJK font: a faithful one, a
doctored one (our amount changed 4,860 -> 48,600, a bubble the export lacks, the export's
"我知道了" left out) and, here, one more never read by OCR. The real engine reads them once
(about a second each), for the whole module: one store, one export, several checks.
"""

from __future__ import annotations

import io
import json
import re
import subprocess
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from evidence_desk.bundle import kit_screenshots
from evidence_desk.bundle.model import Scope
from evidence_desk.bundle.text import t
from evidence_desk.bundle.verify_kit import verify_kit
from evidence_desk.services import bundle, importing, ocr
from evidence_desk.services.bundle import ExportResult
from evidence_desk_testing.screenshots import Chat, Row
from tests.helpers import COURT, TickingClock, make_team
from tests.ocr_scenario import DOCTORED, FAITHFUL, contact_with_export, import_screenshot

CASE = "2026-SH-1"
#: imported after the others were read: it has no OCR result when the bundle is made
UNREAD = Chat("陈立新", (Row("them", "收到"),), width=540, height=960)
#: a later message with an account number, in a second export and on a screenshot of its own:
#: the bundle masks it in the section's texts and in crosscheck.json as in the transcript
ACCOUNT = "6222020200112233445"
LATER_EXPORT = f"""2026-03-02 09:20:00 陈立新
我的账号{ACCOUNT}
"""
WITH_ACCOUNT = Chat(
    "陈立新", (Row("time", "09:20"), Row("them", f"我的账号{ACCOUNT}")), width=540, height=960
)


@dataclass(frozen=True, slots=True)
class Exported:
    result: ExportResult
    text: str  # the PDF's text, as pdftotext gives it
    crosscheck: Any  # the parsed screenshots/crosscheck.json
    kit_files: dict[str, bytes]
    lee_reads: list[str]  # what the read log holds of the exporting user


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Exported]:
    base = tmp_path_factory.mktemp("bundle-screenshots")
    team = make_team(base / "store", TickingClock())
    try:
        session, contact_id = contact_with_export(team, base)
        import_screenshot(session, contact_id, base, "faithful.png", FAITHFUL)
        import_screenshot(session, contact_id, base, "doctored.png", DOCTORED)
        later = base / "chenlixin-later.txt"
        later.write_text(LATER_EXPORT, encoding="utf-8")
        importing.import_files(session, contact_id, [later], tz="Asia/Shanghai")
        import_screenshot(session, contact_id, base, "account.png", WITH_ACCOUNT)
        assert len(ocr.read_pending(session, contact_id=contact_id)) == 3
        import_screenshot(session, contact_id, base, "unread.png", UNREAD)
        lee = team.login("lee")
        # the masking of what a bundle prints (the default redaction would withhold the
        # account number's message and its bubble: tests/services/test_bundle_redaction.py)
        result = bundle.export_bundle(
            lee, Scope(CASE), base / "out", recipient=COURT, default_redaction=False
        )
        lee.flush_reads()
        lee_reads = [
            str(r[0]) for r in lee.conn.execute("SELECT what FROM access_log WHERE user = 'lee'")
        ]
        (pdf,) = result.pdf_paths
        text = subprocess.run(
            ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
        ).stdout
        with zipfile.ZipFile(result.kit_path) as zf:
            files = {n.split("/", 1)[1]: zf.read(n) for n in zf.namelist()}
        crosscheck = json.loads(files[kit_screenshots.CROSSCHECK])
        yield Exported(result, text, crosscheck, files, lee_reads)
    finally:
        team.close_all()


def _section(text: str) -> str:
    """The section's text: from its heading (not the outline or the index) to the annex's."""
    start = text.index(t("zh_CN", "screenshot_check") + "\n")
    return text[start : text.index(t("zh_CN", "annex") + "\n", start)]


def test_the_section_shows_every_bubble_with_its_verdict(exported: Exported) -> None:
    compact = re.sub(r"\s+", "", _section(exported.text))
    assert "4条一致，0条与导出不同，0条导出记录中没有；截图未显示的导出消息0条" in compact
    assert "2条一致，1条与导出不同，1条导出记录中没有；截图未显示的导出消息1条" in compact
    # the doctored amount beside the export's, both printed (texts as compared: NFKC)
    assert "截图：好的,请按时还款48,600元,谢谢配合" in compact
    assert "导出：好的,请按时还款4,860元,谢谢配合" in compact
    # the bubble the export lacks, with no export message beside it
    assert "截图：你已经同意分期了—" in compact
    # the export message the doctored screenshot skips, under its heading
    skipped = compact.index("截图时间范围内、截图未显示的导出消息")
    assert "对方：E2·2026-03-0114:08:00+0800·消息#" in compact[skipped:]
    assert "导出：我知道了" in compact[skipped:]
    # the unread screenshot is listed, not left out
    assert "截图unread.png" in compact and "未读取：此截图尚无OCR识别结果" in compact


def test_the_export_is_the_read_logs_one_row_for_what_it_checked(exported: Exported) -> None:
    # checking the screenshots reads the messages as the transcripts do: no conversation.open
    assert exported.lee_reads == ["conduct.check", "bundle.export"]


def test_the_section_is_bookmarked_and_in_the_index(exported: Exported) -> None:
    reader = PdfReader(exported.result.pdf_paths[0])
    titles = [item.title for item in reader.outline if not isinstance(item, list)]
    assert any(str(t).startswith("截图与导出记录核对 · A") for t in titles), titles
    index = json.loads(exported.kit_files["pdf-index.json"])
    assert "screenshot_check" in index["sections"]
    pages = {key: int(label[1:]) for key, label in index["sections"].items()}  # one volume: A<n>
    # right after the completeness statement, before the annex
    assert pages["completeness"] < pages["screenshot_check"] < pages["annex"]


def test_one_image_per_bubble_region(exported: Exported) -> None:
    reader = PdfReader(exported.result.pdf_paths[0])
    images = set()
    for page in reader.pages:
        resources = page.get("/Resources") or {}
        for name, ref in (resources.get("/XObject") or {}).items():
            if ref.get_object().get("/Subtype") == "/Image":
                images.add((name, ref.idnum))
    bubbles = sum(len(s["bubbles"]) for s in exported.crosscheck["screenshots"])
    assert bubbles == 4 + 4 + 1
    # each whole screenshot once (the conversation exhibit), each bubble's region once
    assert len({idnum for _name, idnum in images}) == 4 + bubbles


def test_the_kit_carries_the_findings_and_verifies_intact(exported: Exported) -> None:
    doc = exported.crosscheck
    assert doc["format"] == kit_screenshots.FORMAT and doc["numbers_masked"] is True
    faithful, doctored, account, unread = doc["screenshots"]
    assert faithful["file"] == "faithful.png" and faithful["read"] is True
    assert [b["status"] for b in faithful["bubbles"]] == ["matched"] * 4
    assert [(b["status"], b["side"]) for b in doctored["bubbles"]] == [
        ("matched", "them"),
        ("differs", "us"),
        ("not_in_export", "us"),
        ("matched", "them"),
    ]
    changed = doctored["bubbles"][1]
    assert changed["differences"] == [{"screenshot": "48,600", "export": "4,860"}]
    assert changed["message"]["text"] == "好的，请按时还款4,860元，谢谢配合"
    assert changed["message"]["exhibit"] == "E2" and changed["message"]["commitment"]
    assert doctored["bubbles"][2]["message"] is None
    assert [m["text"] for m in doctored["skipped_export_messages"]] == ["我知道了"]
    assert unread["read"] is False and unread["bubbles"] == []
    for shot in (faithful, doctored, account, unread):
        assert shot["path"].startswith("data/originals/E2/") and len(shot["sha256"]) == 64
    tagmanifest = exported.kit_files["tagmanifest-sha256.txt"].decode()
    assert f"  {kit_screenshots.CROSSCHECK}\n" in tagmanifest
    report = verify_kit(exported.result.kit_path)
    assert report.intact, [f.as_json() for f in report.errors]


def test_account_numbers_are_masked_as_in_the_transcript(exported: Exported) -> None:
    assert ACCOUNT not in re.sub(r"\s+", "", exported.text)
    assert ACCOUNT.encode() not in exported.kit_files[kit_screenshots.CROSSCHECK]
    compact = re.sub(r"\s+", "", _section(exported.text))
    assert "截图：我的账号6222************3445" in compact
    assert "导出：我的账号6222************3445" in compact
    (account,) = [s for s in exported.crosscheck["screenshots"] if s["file"] == "account.png"]
    (bubble,) = account["bubbles"]
    assert bubble["status"] == "matched" and bubble["side"] == "them"
    assert bubble["text"] == bubble["message"]["text"] == "我的账号6222 **** **** **** 3445"


def _rewritten(kit: Path, out: Path, name: str, content: bytes) -> Path:
    with zipfile.ZipFile(kit) as zf:
        entries = {n: zf.read(n) for n in zf.namelist()}
    (path,) = [n for n in entries if n.endswith("/" + name)]
    entries[path] = content
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        for n, c in entries.items():
            zf.writestr(n, c)
    out.write_bytes(buffer.getvalue())
    return out


def test_a_changed_crosscheck_file_is_found(exported: Exported, tmp_path: Path) -> None:
    doc = json.loads(exported.kit_files[kit_screenshots.CROSSCHECK])
    doc["screenshots"][1]["bubbles"][1]["status"] = "matched"  # hide the doctored amount
    tampered = _rewritten(
        exported.result.kit_path,
        tmp_path / "tampered.zip",
        kit_screenshots.CROSSCHECK,
        json.dumps(doc, ensure_ascii=False, sort_keys=True, indent=1).encode(),
    )
    report = verify_kit(tampered)
    assert not report.intact
    assert ("tag.sha256", kit_screenshots.CROSSCHECK) in {(f.code, f.file) for f in report.errors}


def test_a_crosscheck_file_about_other_originals_is_found(exported: Exported) -> None:
    doc = json.loads(exported.kit_files[kit_screenshots.CROSSCHECK])
    doc["screenshots"][0]["sha256"] = "0" * 64
    doc["screenshots"][1]["bubbles"][0]["message"]["commitment"] = "f" * 64
    found = [p.code for p in kit_screenshots.problems(doc, exported.kit_files, _manifest(exported))]
    assert found == ["kit.screenshot_original", "kit.screenshot_message"]
    assert (
        list(
            kit_screenshots.problems(
                json.loads(exported.kit_files[kit_screenshots.CROSSCHECK]),
                exported.kit_files,
                _manifest(exported),
            )
        )
        == []
    )


def _manifest(exported: Exported) -> dict[str, object]:
    manifest: dict[str, object] = json.loads(exported.kit_files["evidence-manifest.json"])
    return manifest
