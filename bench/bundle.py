#!/usr/bin/env python3
"""Court bundle export: a 10k-message, 50-screenshot bundle (PDF + verification kit).

A real store is built first through the services (users, case, approved contact, one WhatsApp
export of N messages, S screenshots), then `export_bundle` runs in a fresh child process so its
peak memory (VmHWM) is the export's alone. Printed: seconds, pages, pages/s, peak memory, and,
as a same-run baseline, reportlab laying out the same message texts as plain paragraphs in one
pass with the same font (the floor a two-pass, bookmarked, banded layout is compared with).
Targets: < 20 s and < 500 MB on the 2-core machine.

Wall time means little on a shared machine, so the CPU time is printed beside it: the export's
own (user + system of the child process over ``export_bundle``, its threads included) and the
whole child's (``RUSAGE_CHILDREN``: imports and opening the store too), with the load average
before and after the run. Compare CPU seconds between runs on a busy machine, wall seconds only
on a quiet one.

    python bench/bundle.py [--messages 10000] [--screenshots 50]
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

PASSWORD = "bench-password"


def _peak_rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _cpu_seconds(who: int) -> float:
    """User + system CPU seconds of this process (``RUSAGE_SELF``) or its children."""
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def _chat(messages: int) -> str:
    rng = random.Random(7)
    phrases = [
        "您好，我是示例汽车金融的李明，关于您的车贷逾期。",
        "知道了，这个月工资发了就还。",
        "我 1 月 20 号先还 5000，剩下的二月底前还清。",
        "请按合同约定的还款账户转账，并保留凭证。",
        "最近手头紧，能不能宽限几天？",
        "收到您的还款，谢谢。Remaining balance will follow by SMS.",
    ]
    lines = []
    for n in range(messages):
        day, minute = 1 + n // 700, n % 700
        who = "Chen Lixin" if rng.random() < 0.5 else "Li Ming"
        text = rng.choice(phrases) + f"（{n}）"
        lines.append(
            f"{1 + (day - 1) % 28:02d}/{1 + (day - 1) // 28:02d}/2026, "
            f"{7 + minute // 60:02d}:{minute % 60:02d} - {who}: {text}"
        )
    return "\n".join(lines) + "\n"


def _screenshot(seed: int) -> bytes:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (1080, 1920), (237, 237, 237))
    draw = ImageDraw.Draw(image)
    rng = random.Random(seed)
    for y in range(120, 1800, 140):
        x = 40 if rng.random() < 0.5 else 400
        draw.rounded_rectangle((x, y, x + 640, y + 100), 18, fill=(149, 236, 105))
        for k in range(30):
            draw.line((x + 20 + k * 20, y + 30, x + 30 + k * 20, y + 70), fill=(30, 30, 30))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def build(root: Path, messages: int, screenshots: int) -> str:
    from evidence_desk.domain.models import Role
    from evidence_desk.services import cases, contacts, importing, signing_certs, users
    from evidence_desk.services.session import Session
    from evidence_desk.store.keys import KdfParams

    kdf = KdfParams(n=2**10)
    store = root / "store"
    with Session.create_store(store, "root", PASSWORD, kdf=kdf) as admin:
        for name, role in (("alice", Role.STAFF), ("sam", Role.SUPERVISOR), ("lee", Role.LEGAL)):
            users.add_user(admin, name, role, PASSWORD, kdf=kdf)
        signing_certs.create_ca(admin)  # the export signs each PDF volume (PAdES)
        signing_certs.issue_cert(admin, "lee")
    docs = root / "docs"
    docs.mkdir()
    (docs / "id.txt").write_text("身份证明", "utf-8")
    (docs / "debt.txt").write_text("债务确认书", "utf-8")
    with Session.open(store, "alice", PASSWORD) as alice:
        cases.create_case(alice, "2026-BENCH-1", debtor_name="陈立新")
        contact = contacts.request_contact(
            alice,
            case_no="2026-BENCH-1",
            channel="whatsapp",
            handle="+8613800000000",
            display_name="Chen Lixin",
            reason="the debtor added us",
            consent=True,
            documents=[
                ("identity_proof", docs / "id.txt"),
                ("debt_confirmation", docs / "debt.txt"),
            ],
        )
        with Session.open(store, "sam", PASSWORD) as sam:
            contacts.approve(sam, contact.id, "ok")
        chat = root / "WhatsApp Chat with Chen Lixin.txt"
        chat.write_text(_chat(messages), "utf-8")
        importing.import_files(alice, contact.id, [chat], tz="Asia/Shanghai")
        shots = []
        for n in range(screenshots):
            path = root / f"Screenshot_{n:03d}.png"
            path.write_bytes(_screenshot(n))
            shots.append(path)
        if shots:
            importing.import_files(alice, contact.id, shots, tz="Asia/Shanghai")
    return str(store)


def export_child(store: str, out: str) -> None:
    from evidence_desk.bundle.model import Scope
    from evidence_desk.domain.pipl import Recipient
    from evidence_desk.services import bundle
    from evidence_desk.services.session import Session

    court = Recipient("court", "bench court", "benchmark", "contract")
    with Session.open(Path(store), "lee", PASSWORD) as lee:
        start, cpu_start = time.perf_counter(), _cpu_seconds(resource.RUSAGE_SELF)
        result = bundle.export_bundle(
            lee,
            Scope("2026-BENCH-1", embed_originals=True),  # PDF/A-3: the originals inside too
            Path(out),
            stamp_first=False,
            recipient=court,
        )
        seconds = time.perf_counter() - start
        cpu = _cpu_seconds(resource.RUSAGE_SELF) - cpu_start
    print(
        json.dumps(
            {
                "seconds": seconds,
                "cpu_seconds": cpu,
                "pages": result.pages,
                "volumes": len(result.pdf_paths),
                "pdf_bytes": sum(p.stat().st_size for p in result.pdf_paths),
                "kit_bytes": result.kit_path.stat().st_size,
                "peak_mb": _peak_rss_mb(),
            }
        )
    )


def baseline(store: str) -> float:
    """reportlab, same font, the same texts as plain paragraphs, one pass, nothing else."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    from evidence_desk.bundle.pdf import register_font
    from evidence_desk.services import reading
    from evidence_desk.services.session import Session

    font = register_font()
    with Session.open(Path(store), "lee", PASSWORD) as lee:
        contact = lee.conn.execute("SELECT id FROM contacts").fetchone()[0]
        texts = [m.text for m in reading.list_messages(lee, contact, limit=10**7)]
    style = ParagraphStyle("b", fontName=font, fontSize=9, leading=12.5, wordWrap="CJK")
    start = time.perf_counter()
    doc = SimpleDocTemplate(io.BytesIO(), invariant=1, initialFontName=font)
    doc.build([Paragraph(t, style) for t in texts])
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=10_000)
    parser.add_argument("--screenshots", type=int, default=50)
    parser.add_argument("--export", nargs=2, metavar=("STORE", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.export:
        export_child(*args.export)
        return 0
    root = Path(tempfile.mkdtemp(prefix="bench-bundle-"))
    try:
        started = time.perf_counter()
        store = build(root, args.messages, args.screenshots)
        print(
            f"store built: {args.messages} messages, {args.screenshots} screenshots "
            f"({time.perf_counter() - started:.1f} s, not measured)"
        )
        load_before = os.getloadavg()[0]
        children_before = _cpu_seconds(resource.RUSAGE_CHILDREN)
        child = subprocess.run(
            [sys.executable, __file__, "--export", store, str(root / "out")],
            capture_output=True,
            text=True,
            check=True,
        )
        child_cpu = _cpu_seconds(resource.RUSAGE_CHILDREN) - children_before
        load_after = os.getloadavg()[0]
        result = json.loads(child.stdout.strip().splitlines()[-1])
        floor = baseline(store)
        seconds, pages = result["seconds"], result["pages"]
        print(f"export seconds       {seconds:8.2f}   (target < 20)")
        print(f"export CPU s         {result['cpu_seconds']:8.2f}   (user + system, threads too)")
        print(f"child CPU s          {child_cpu:8.2f}   (the whole export process)")
        print(f"load (1 min)         {load_before:8.2f}   before, {load_after:.2f} after")
        print(f"pages                {pages:8d}   in {result['volumes']} volume(s)")
        print(f"pages/s              {pages / seconds:8.1f}")
        print(f"peak memory MB       {result['peak_mb']:8.0f}   (target < 500)")
        print(f"PDF MB               {result['pdf_bytes'] / 2**20:8.1f}")
        print(f"kit MB               {result['kit_bytes'] / 2**20:8.1f}")
        print(f"baseline s           {floor:8.2f}   (plain one-pass reportlab, same texts)")
        print(f"ratio export/base    {seconds / floor:8.2f}")
        ok = seconds < 20 and result["peak_mb"] < 500
        print("targets met" if ok else "TARGETS MISSED")
        return 0 if ok else 1
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
