#!/usr/bin/env python3
"""Desktop app responsiveness: cold start, opening a 1M-message conversation, searching it.

Targets (issue 8): cold start to the login window < 1.5 s; open a 1,000,000-message
conversation < 1 s; search in it < 200 ms (query to the first match selected and painted).
Same-run baselines: a bare Python + Qt process showing an empty window (what a start cannot
beat), and the same open and search on a 1,000-message conversation (what "size-independent"
should look like).

The big conversation is built fast: one real import through the service gives a genuine import
record, then 1M message rows are inserted directly with that import as their source (the GUI
only reads them; this store would not pass ``verify``, and is deleted afterwards).

    python bench/gui.py [--messages 1000000]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from evidence_desk.services import cases, contacts, importing  # noqa: E402
from evidence_desk.services.session import Session  # noqa: E402
from evidence_desk.services.users import add_user  # noqa: E402
from evidence_desk.store.keys import KdfParams  # noqa: E402

KDF = KdfParams(n=2**10)
PASSWORD = "bench-password"
NEEDLE = "承诺本周五还清"  # in one message of every 10,000 (every 100 in the small one)

COLD_START = """
import time, sys
t0 = time.perf_counter()
from evidence_desk.ui.app import make_application
from evidence_desk.ui.login import LoginDialog
app = make_application()
dialog = LoginDialog()
dialog.show()
app.processEvents()
print(time.perf_counter() - t0)
"""
BARE_QT = """
import time
t0 = time.perf_counter()
from PySide6.QtWidgets import QApplication, QWidget
app = QApplication([])
window = QWidget()
window.show()
app.processEvents()
print(time.perf_counter() - t0)
"""


def _contact(session: Session, supervisor: Session, case_no: str, handle: str, docs: Path) -> str:
    cases.create_case(session, case_no, debtor_name="陈立新")
    identity, debt = docs / f"id-{handle}.txt", docs / f"debt-{handle}.txt"
    identity.write_text(f"identity {handle}", "utf-8")
    debt.write_text(f"debt {handle}", "utf-8")
    contact = contacts.request_contact(
        session,
        case_no=case_no,
        channel="whatsapp",
        handle=handle,
        display_name="Chen Lixin",
        reason="bench",
        consent=True,
        documents=[("identity_proof", identity), ("debt_confirmation", debt)],
    )
    contacts.approve(supervisor, contact.id, "bench")
    return contact.id


def _fill(session: Session, contact_id: str, export: Path, count: int, every: int) -> None:
    """One real import, then ``count`` rows that name it as their source."""
    result = importing.import_files(session, contact_id, [export], tz="Asia/Shanghai")
    import_id = result.import_ids[0]
    conn = session.conn
    conn.execute("BEGIN IMMEDIATE")
    base = 1_767_225_600  # 2026-01-01T00:00:00Z
    batch = []
    for n in range(count):
        at = time.strftime("%Y-%m-%dT%H:%M:%S+00:00", time.gmtime(base + n * 30))
        text = (
            f"第 {n} 条：{NEEDLE}"
            if n % every == every // 2
            else f"消息 {n} 关于还款计划 {n % 997}"
        )
        batch.append(
            (
                f"fp-{contact_id}-{n}",
                contact_id,
                at,
                at,
                "Chen Lixin" if n % 3 else "Li Ming",
                "in" if n % 3 else "out",
                "text",
                text,
                "[]",
                "00",
                "00",
                import_id,
                "",
            )
        )
        if len(batch) == 20_000:
            _insert(conn, batch)
            batch = []
    _insert(conn, batch)
    # the full-text index is contentless since per-case keys (migration 8): no trigger feeds
    # it, the import gives it the plain text; these synthetic rows are plain, so index them
    conn.execute(
        "INSERT INTO message_text (rowid, text) SELECT rowid, text FROM messages "
        "WHERE contact_id = ? AND first_import = ?",
        (contact_id, import_id),
    )
    conn.execute("COMMIT")


def _insert(conn: object, rows: list[tuple[object, ...]]) -> None:
    conn.executemany(  # type: ignore[attr-defined]
        "INSERT INTO messages (fingerprint, contact_id, sent_at, time_text, sender, direction, "
        "kind, text, attachments, salt, commitment, first_import, flags) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )


def build(path: Path, big: int, small: int) -> tuple[str, str]:
    with Session.create_store(path, "root", PASSWORD, kdf=KDF) as admin:
        add_user(admin, "alice", _role("staff"), PASSWORD, kdf=KDF)
        add_user(admin, "sam", _role("supervisor"), PASSWORD, kdf=KDF)
    docs = path.parent / "docs"
    docs.mkdir()
    export = docs / "WhatsApp Chat with Chen Lixin.txt"
    export.write_text("05/01/2026, 09:00 - Li Ming: 您好\n05/01/2026, 09:05 - Chen Lixin: 好\n")
    with Session.open(path, "alice", PASSWORD) as staff, Session.open(path, "sam", PASSWORD) as sup:
        big_id = _contact(staff, sup, "2026-BIG", "+8613800000001", docs)
        small_id = _contact(staff, sup, "2026-SMALL", "+8613800000002", docs)
        _fill(staff, big_id, export, big, 10_000)
        _fill(staff, small_id, export, small, 100)
    return big_id, small_id


def _role(name: str) -> object:
    from evidence_desk.domain.models import Role

    return Role(name)


def _run(code: str) -> float:
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        check=True,
    )
    return float(out.stdout.strip().splitlines()[-1])


def cold_start(runs: int = 3) -> tuple[float, float]:
    _run(BARE_QT)  # warm the OS file cache once, as a second start of the app would be
    app = min(_run(COLD_START) for _ in range(runs))
    bare = min(_run(BARE_QT) for _ in range(runs))
    return app, bare


def measure_view(path: Path, big_id: str, small_id: str) -> dict[str, float]:
    from PySide6.QtWidgets import QApplication

    from evidence_desk.ui.app import make_application
    from evidence_desk.ui.conversation import ConversationView

    app = make_application()
    session = Session.open(path, "alice", PASSWORD)
    view = ConversationView(session)
    view.resize(900, 700)
    view.show()
    QApplication.processEvents()
    timings: dict[str, float] = {}
    for label, contact_id in (("small", small_id), ("big", big_id), ("big again", big_id)):
        start = time.perf_counter()
        view.show_contact(contact_id)
        view.view.viewport().repaint()  # synchronous paint of the visible bubbles
        QApplication.processEvents()
        timings[f"open {label}"] = time.perf_counter() - start
        assert view.model is not None
        assert view.model.pages_read <= 4, (label, view.model.pages_read)  # only what is visible
        start = time.perf_counter()
        view.search(NEEDLE)
        deadline = time.perf_counter() + 30
        while view.current_match < 0 and time.perf_counter() < deadline:
            app.processEvents()
        view.view.viewport().repaint()
        timings[f"search {label}"] = time.perf_counter() - start
        found = view.matches
        assert found and NEEDLE in view.selected_message().text
        start = time.perf_counter()
        view.previous_match()  # jump to the last match, deep in the conversation
        view.view.viewport().repaint()
        timings[f"jump {label}"] = time.perf_counter() - start
        assert NEEDLE in view.selected_message().text
    timings["rows"] = float(view.model.rowCount())
    session.close()
    return timings


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--messages", type=int, default=1_000_000)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="ed-bench-gui-"))
    try:
        start = time.perf_counter()
        big_id, small_id = build(work / "store", args.messages, 1_000)
        print(f"built {args.messages} + 1000 messages in {time.perf_counter() - start:.1f} s")
        app_start, bare = cold_start()
        print(
            f"cold start to login window  {app_start * 1000:7.0f} ms (target < 1500) "
            f"{'OK' if app_start < 1.5 else 'MISSED'}; bare Qt window {bare * 1000:.0f} ms, "
            f"ratio {app_start / bare:.2f}"
        )
        t = measure_view(work / "store", big_id, small_id)
        print(
            f"open {int(t['rows'])} messages  {t['open big'] * 1000:7.0f} ms (target < 1000) "
            f"{'OK' if t['open big'] < 1 else 'MISSED'}; 1000 messages "
            f"{t['open small'] * 1000:.0f} ms, ratio {t['open big'] / t['open small']:.2f}; "
            f"reopen {t['open big again'] * 1000:.0f} ms"
        )
        print(
            f"search in it           {t['search big'] * 1000:7.0f} ms (target < 200) "
            f"{'OK' if t['search big'] < 0.2 else 'MISSED'}; in 1000 messages "
            f"{t['search small'] * 1000:.0f} ms, ratio {t['search big'] / t['search small']:.2f}"
        )
        print(
            f"jump to the last match {t['jump big'] * 1000:7.0f} ms; in 1000 messages "
            f"{t['jump small'] * 1000:.0f} ms"
        )
        return 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
