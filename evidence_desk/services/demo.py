"""The demo store: one user per role, a case, an approved contact, sample documents.

Used by the README's run command so that anyone can try every flow at once. The passwords are
printed by the CLI; they protect nothing real. Re-running reuses an existing demo store.

Its history is told in the order a real one happens, at times of its own (a story clock, a few
hours before the store is made, in daytime Shanghai): the case; staff's request with the
debtor's identity proof (a photo) and debt confirmation (a scanned PDF); a supervisor's approval
35 minutes later; then the conversation, whose first line is WeChat's friend-added line, 20
minutes after the approval; the export, screenshot and visit recording imported after its last
message. The demo export's times are moved to that day (``data/demo`` holds it dated
2026-06-01). Exactly one conduct finding is planted, a staff message quoting a personal bank
card (CC-7), and the demo's lawyer acknowledges it with a note that says it was planted.

No time-stamp authority is configured: the checkpoints stay queued, as on an offline laptop,
until an admin adds one (``evidence-desk tsa add``) and stamps. The product ships no TSA; the
checkout's launcher (``python3 tasks.py app``) stamps the demo with the test TSA of
``evidence_desk_testing`` (``python -m evidence_desk_testing.demo_tsa``). The story stays within
a day of the store's creation, so a stamp at first launch is not flagged as late.
"""

from __future__ import annotations

import csv
import io
import math
import tempfile
import wave
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from PIL import Image, ImageDraw

from evidence_desk.domain.models import Role
from evidence_desk.resources import resource_path
from evidence_desk.services import (
    cases,
    conduct,
    contacts,
    importing,
    settings,
    signing_certs,
    users,
)
from evidence_desk.services.clock import Clock, system_clock
from evidence_desk.services.session import Session
from evidence_desk.store.folder import StoreFolder

DEMO_USERS: dict[str, tuple[Role, str]] = {
    "admin": (Role.ADMIN, "demo-admin-1"),
    "zhang.staff": (Role.STAFF, "demo-staff-1"),
    "li.supervisor": (Role.SUPERVISOR, "demo-super-1"),
    "wang.legal": (Role.LEGAL, "demo-legal-1"),
}
DEMO_ZONE = "Asia/Shanghai"
DEMO_ORGANISATION = "示例资产管理有限公司 (Demo Asset Management)"
OFFICIAL_ACCOUNT = "6222 0202 0000 8888 001"
#: the one planted finding: a staff message quoting a personal card (CC-7)
PLANTED_RULE = "CC-7"
PLANTED_TEXT = "如果官方账户不方便，也可以先转到我个人的卡 6217 0000 1111 2222 337。"
PLANTED_NOTE = (
    "演示数据：此条为刻意植入的违规示例（CC-7，员工报出个人银行卡），用于展示合规自查，并非真实事件。"
    " / Demo data: planted on purpose to show the conduct check (CC-7, a personal card quoted "
    "by staff); not a real event."
)
_EXPORT = "wechat_chenlixin_memotrace.csv"
_EXPORT_DAY = date(2026, 6, 1)  # the day data/demo's export is dated, in DEMO_ZONE
_FIRST_LINE = time(10, 0)  # its friend-added line
# the story after its start: request, approval, the friend-added line, the import, the note
_REQUEST = timedelta(minutes=5)
_APPROVAL = _REQUEST + timedelta(minutes=35)
_FRIEND_ADDED = _APPROVAL + timedelta(minutes=20)
_IMPORT = _FRIEND_ADDED + timedelta(hours=3, minutes=50)  # the export ends at 13:40
_NOTE = _IMPORT + timedelta(minutes=15)
_STORY = _NOTE + timedelta(minutes=5)
_EARLIEST, _LATEST = time(8, 30), time(16, 30)  # story starts: all of it before 22:00


@dataclass(frozen=True, slots=True)
class DemoStore:
    path: Path
    created: bool
    users: dict[str, tuple[Role, str]]


class StoryClock:
    """The demo's clock: one second later at every reading (entries keep their order), moved
    forward to each step of the story by :meth:`at`."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        current = self.now
        self.now += timedelta(seconds=1)
        return current

    def at(self, moment: datetime) -> None:
        self.now = max(self.now, moment)


def story_start(now: datetime) -> datetime:
    """When the demo's story begins: the latest daytime start (08:30-16:30 Shanghai) that
    lets it end before ``now`` (so within a day of it)."""
    zone = ZoneInfo(DEMO_ZONE)
    latest = (now - _STORY).astimezone(zone).replace(second=0, microsecond=0)
    if latest.time() > _LATEST:
        return latest.replace(hour=_LATEST.hour, minute=_LATEST.minute)
    if latest.time() < _EARLIEST:
        day = latest - timedelta(days=1)
        return day.replace(hour=_LATEST.hour, minute=_LATEST.minute)
    return latest


def ensure_demo_store(path: Path, *, clock: Clock = system_clock) -> DemoStore:
    """Create the demo store at ``path`` (its story ending before ``clock()``), or reuse it."""
    if (path / "store.json").exists():
        StoreFolder.open(path)  # refuse a folder that is not a store
        return DemoStore(path, False, DEMO_USERS)
    start = story_start(clock())
    story = StoryClock(start)
    admin_password = DEMO_USERS["admin"][1]
    with Session.create_store(path, "admin", admin_password, clock=story) as admin:
        settings.set_value(admin, "organisation", DEMO_ORGANISATION)
        settings.set_value(admin, "approved_accounts", OFFICIAL_ACCOUNT)
        for name, (role, password) in DEMO_USERS.items():
            if name != "admin":
                users.add_user(admin, name, role, password)
        # the legal user signs the bundle's PDF (PAdES, issue 21 item 1): the demo's own CA
        signing_certs.create_ca(admin)
        signing_certs.issue_cert(admin, "wang.legal")
    local_day = (start + _FRIEND_ADDED).astimezone(ZoneInfo(DEMO_ZONE)).date()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        with _session(path, "zhang.staff", story) as staff:
            cases.create_case(
                staff,
                "2026-SH-0001",
                debtor_name="陈立新",
                debtor_id_number="310101198501012345",
                loan_ref="AUTO-2024-118",
                product="auto_loan",
                amount_overdue="48600.00",
                # "您目前逾期 22 天" on the day of the conversation
                overdue_since=(local_day - timedelta(days=22)).isoformat(),
            )
            story.at(start + _REQUEST)
            contact = contacts.request_contact(
                staff,
                case_no="2026-SH-0001",
                channel="wechat",
                handle="wxid_chenlixin85",
                display_name="陈立新",
                reason="债务人主动添加好友，需确认还款计划",
                initiated_by="debtor",
                consent=True,
                documents=_documents(folder),
            )
        story.at(start + _APPROVAL)
        with _session(path, "li.supervisor", story) as supervisor:
            contacts.approve(supervisor, contact.id, "身份与债务确认材料齐全")
        story.at(start + _IMPORT)
        with _session(path, "zhang.staff", story) as staff:
            chat = folder / _EXPORT
            chat.write_bytes(_export_moved_to(start + _FRIEND_ADDED))
            screenshot = folder / f"wechat-screenshot-{local_day:%Y%m%d}.png"
            _draw_screenshot(screenshot)
            visit = folder / f"visit-recording-{local_day:%Y%m%d}.wav"
            write_visit_recording(visit)
            importing.import_files(staff, contact.id, [chat, screenshot, visit], tz=DEMO_ZONE)
    story.at(start + _NOTE)
    with _session(path, "wang.legal", story) as legal:
        for finding in conduct.run_checks(legal, contact_id=contact.id):
            if finding.rule == PLANTED_RULE:
                conduct.acknowledge(legal, finding.id, PLANTED_NOTE)
    return DemoStore(path, True, DEMO_USERS)


def _session(path: Path, user: str, clock: Clock) -> Session:
    return Session.open(path, user, DEMO_USERS[user][1], clock=clock)


def _export_moved_to(first_line: datetime) -> bytes:
    """data/demo's export with every time moved so its friend-added line is at ``first_line``
    (CreateTime and the local StrTime alike); the rest byte for byte as MemoTrace writes it."""
    zone = ZoneInfo(DEMO_ZONE)
    dated = datetime.combine(_EXPORT_DAY, _FIRST_LINE, tzinfo=zone)
    shift = first_line.replace(microsecond=0) - dated
    raw = resource_path("demo", _EXPORT).read_bytes().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(raw, newline="")))
    header, body = rows[0], rows[1:]
    created, local = header.index("CreateTime"), header.index("StrTime")
    for row in body:
        moment = datetime.fromtimestamp(int(row[created]), UTC) + shift
        row[created] = str(int(moment.timestamp()))
        row[local] = moment.astimezone(zone).strftime("%Y-%m-%d %H:%M:%S")
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\r\n").writerows([header, *body])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _documents(folder: Path) -> list[tuple[str, Path]]:
    """The debtor's identity proof (a photo of an ID card, drawn) and debt confirmation (a
    signed page, scanned to PDF), as the request carries them; drawn without fonts."""
    identity = folder / "identity-proof.png"
    card = Image.new("RGB", (856, 540), (214, 228, 240))
    draw = ImageDraw.Draw(card)
    draw.rounded_rectangle((0, 0, 855, 539), radius=28, outline=(120, 140, 160), width=4)
    draw.rectangle((600, 110, 800, 360), fill=(190, 200, 212))  # the photo
    for top in (120, 180, 240, 300, 440):
        draw.rectangle((60, top, 60 + (480 if top != 440 else 700), top + 22), fill=(90, 96, 104))
    card.save(identity, format="PNG")
    debt = folder / "debt-confirmation.pdf"
    page = Image.new("RGB", (1240, 1754), (255, 255, 255))  # A4 at 150 dpi
    draw = ImageDraw.Draw(page)
    draw.rectangle((420, 140, 820, 190), fill=(40, 40, 40))  # the title
    for top in range(320, 1100, 70):
        draw.rectangle((140, top, 1100, top + 18), fill=(110, 110, 110))
    draw.ellipse((820, 1300, 1080, 1560), outline=(200, 30, 30), width=10)  # the seal
    draw.line((160, 1480, 520, 1440), fill=(20, 20, 120), width=6)  # the signature
    page.save(debt, format="PDF", resolution=150.0)
    return [("identity_proof", identity), ("debt_confirmation", debt)]


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
