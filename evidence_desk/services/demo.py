"""The demo store: one user per role, a case, an approved contact, sample documents.

Used by the README's run command so that anyone can try every flow at once. The passwords are
printed by the CLI; they protect nothing real. Re-running reuses an existing demo store.

No time-stamp authority is configured: the checkpoints stay queued, as on an offline laptop,
until an admin adds one (``evidence-desk tsa add``) and stamps. The product ships no TSA; the
checkout's launcher (``python3 tasks.py app``) stamps the demo with the test TSA of
``evidence_desk_testing`` (``python -m evidence_desk_testing.demo_tsa``).
"""

from __future__ import annotations

import io
import math
import tempfile
import wave
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw

from evidence_desk.domain.models import Role
from evidence_desk.resources import resource_path
from evidence_desk.services import cases, contacts, importing, settings, signing_certs, users
from evidence_desk.services.session import Session
from evidence_desk.store.folder import StoreFolder

DEMO_USERS: dict[str, tuple[Role, str]] = {
    "admin": (Role.ADMIN, "demo-admin-1"),
    "zhang.staff": (Role.STAFF, "demo-staff-1"),
    "li.supervisor": (Role.SUPERVISOR, "demo-super-1"),
    "wang.legal": (Role.LEGAL, "demo-legal-1"),
}


@dataclass(frozen=True, slots=True)
class DemoStore:
    path: Path
    created: bool
    users: dict[str, tuple[Role, str]]


def ensure_demo_store(path: Path) -> DemoStore:
    if (path / "store.json").exists():
        StoreFolder.open(path)  # refuse a folder that is not a store
        return DemoStore(path, False, DEMO_USERS)
    admin_password = DEMO_USERS["admin"][1]
    with Session.create_store(path, "admin", admin_password) as admin:
        settings.set_value(admin, "organisation", "示例资产管理有限公司 (Demo Asset Management)")
        for name, (role, password) in DEMO_USERS.items():
            if name != "admin":
                users.add_user(admin, name, role, password)
        # the legal user signs the bundle's PDF (PAdES, issue 21 item 1): the demo's own CA
        signing_certs.create_ca(admin)
        signing_certs.issue_cert(admin, "wang.legal")
    with Session.open(path, "zhang.staff", DEMO_USERS["zhang.staff"][1]) as staff:
        cases.create_case(
            staff,
            "2026-SH-0001",
            debtor_name="陈立新",
            debtor_id_number="310101198501012345",
            loan_ref="AUTO-2024-118",
            product="auto_loan",
            amount_overdue="48600.00",
            overdue_since="2026-05-10",
        )
        with tempfile.TemporaryDirectory() as tmp:
            identity = Path(tmp) / "identity-proof.txt"
            identity.write_text("示例身份证明 / sample identity proof: 陈立新\n", "utf-8")
            debt = Path(tmp) / "debt-confirmation.txt"
            debt.write_text("示例债务确认书 / sample debt confirmation: 48600.00\n", "utf-8")
            contact = contacts.request_contact(
                staff,
                case_no="2026-SH-0001",
                channel="wechat",
                handle="wxid_chenlixin85",
                display_name="陈立新",
                reason="债务人主动添加好友，需确认还款计划",
                initiated_by="debtor",
                consent=True,
                documents=[("identity_proof", identity), ("debt_confirmation", debt)],
            )
    with Session.open(path, "li.supervisor", DEMO_USERS["li.supervisor"][1]) as supervisor:
        contacts.approve(supervisor, contact.id, "身份与债务确认材料齐全")
    with (
        Session.open(path, "zhang.staff", DEMO_USERS["zhang.staff"][1]) as staff,
        tempfile.TemporaryDirectory() as tmp,
    ):
        screenshot = Path(tmp) / "wechat-screenshot-20260601.png"
        _draw_screenshot(screenshot)
        visit = Path(tmp) / "visit-recording-20260603.wav"
        write_visit_recording(visit)
        importing.import_files(
            staff,
            contact.id,
            [resource_path("demo", "wechat_chenlixin_memotrace.csv"), screenshot, visit],
            tz="Asia/Shanghai",
        )
    return DemoStore(path, True, DEMO_USERS)


def _draw_screenshot(target: Path) -> None:
    """A plain drawn 'screenshot' so the demo has an image exhibit (no fonts needed)."""
    image = Image.new("RGB", (360, 640), (237, 237, 237))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, 360, 48), fill=(247, 247, 247))
    for top, left, width, colour in (
        (80, 16, 220, (255, 255, 255)),
        (150, 124, 220, (149, 236, 105)),
        (220, 16, 180, (255, 255, 255)),
    ):
        draw.rounded_rectangle((left, top, left + width, top + 44), radius=6, fill=colour)
    image.save(target, format="PNG")


def visit_recording_wav(seconds: int = 4, rate: int = 8000) -> bytes:
    """A quiet tone standing in for an on-site visit recording (CC-8): mono 16-bit PCM, as a
    phone's recorder app writes it (4 s at 8 kHz is 64 KB). The tests record with it too."""
    samples = (
        int(1200 * math.sin(2 * math.pi * 440 * n / rate)).to_bytes(2, "little", signed=True)
        for n in range(rate * seconds)
    )
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(b"".join(samples))
    return buffer.getvalue()


def write_visit_recording(target: Path) -> None:
    """The demo's audio exhibit, written to ``target``."""
    target.write_bytes(visit_recording_wav())
