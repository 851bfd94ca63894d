"""Building real bundles for tests: a real store, real imports, a real local TSA when asked."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image

from evidence_desk.bundle.model import Scope
from evidence_desk.services import bundle, importing
from evidence_desk.services.bundle import ExportResult
from evidence_desk.services.session import Session
from tests.helpers import COURT, Team, approved_contact

CASE = "2026-SH-1"
CHAT_NAME = "WhatsApp Chat with Chen Lixin.txt"
CHAT_LINES = [
    "05/01/2026, 09:00 - Li Ming: 您好，我是示例汽车金融的李明，关于您的车贷。",
    "05/01/2026, 09:05 - Chen Lixin: 知道了",
    "05/01/2026, 09:06 - Chen Lixin: 我 1 月 20 号先还 5000",
    "21/01/2026, 10:00 - Li Ming: 收到您的 5000 元，谢谢。",
    "21/01/2026, 10:02 - Chen Lixin: 剩下的二月底前还清",
]


def chat_text(extra: int = 0) -> str:
    """The sample chat, plus ``extra`` numbered messages on later days (for long bundles)."""
    lines = list(CHAT_LINES)
    for n in range(extra):
        day = 1 + (n // 400) % 27
        minute = n % 400
        who = "Chen Lixin" if n % 3 else "Li Ming"
        lines.append(
            f"{day:02d}/02/2026, {8 + minute // 60:02d}:{minute % 60:02d} - {who}: "
            f"第 {n} 条：下周还款 {n * 10} 元，请确认。"
        )
    return "\n".join(lines) + "\n"


def screenshot_bytes(seed: int = 0) -> bytes:
    image = Image.new("RGB", (720, 1280), (200 + seed % 50, 220, 240))
    for y in range(100, 1200, 120):
        for x in range(60, 660):
            image.putpixel((x, y), (40, 40, 40))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def store_with_evidence(
    team: Team, folder: Path, *, extra_messages: int = 0
) -> tuple[Session, str]:
    """A case with one approved contact, a WhatsApp export and a screenshot imported."""
    alice, contact_id = approved_contact(team, folder, case_no=CASE)
    chat = folder / CHAT_NAME
    chat.write_bytes(chat_text(extra_messages).encode("utf-8"))
    importing.import_files(alice, contact_id, [chat], tz="Asia/Shanghai")
    shot = folder / "promise.png"
    shot.write_bytes(screenshot_bytes())
    importing.import_files(alice, contact_id, [shot], tz="Asia/Shanghai")
    return alice, contact_id


def export(team: Team, out: Path, scope: Scope | None = None, **options: object) -> ExportResult:
    lee = team.login("lee")
    options.setdefault("recipient", COURT)
    return bundle.export_bundle(lee, scope or Scope(CASE), out, **options)  # type: ignore[arg-type]


def insider_export(team: Team, contact_id: str, folder: Path, case_no: str) -> Path:
    """Import a chat, then export as an insider would: the shipped export with its refusal of
    rule-breaking entries taken out (the honest export refuses). Returns the kit."""
    chat = folder / CHAT_NAME
    chat.write_bytes(chat_text().encode("utf-8"))
    importing.import_files(team.login("sam"), contact_id, [chat], tz="Asia/Shanghai")
    original = bundle.refuse_broken_rules
    bundle.refuse_broken_rules = lambda _entry, _violation: None  # type: ignore[assignment]
    try:
        result = bundle.export_bundle(
            team.login("lee"), Scope(case_no), folder / "out", recipient=COURT
        )
    finally:
        bundle.refuse_broken_rules = original
    return result.kit_path
