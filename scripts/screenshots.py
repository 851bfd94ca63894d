#!/usr/bin/env python3
"""Take screenshots of each main screen in Chinese and English into docs/screenshots/.

    xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/python scripts/screenshots.py
    xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/python scripts/screenshots.py check
        (only the screenshot cross-check: {lang}-screenshot-check.png)
    xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/python scripts/screenshots.py redaction
        (only the redaction editor: {lang}-redaction-editor.png)
    xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/python scripts/screenshots.py join-existing
        (only the open store joining with its history: {lang}-join-existing.png)
    xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/python scripts/screenshots.py org
        (an organisation, live against a real hub on a throwaway PostgreSQL cluster:
        {lang}-org-*.png; scripts/org_screens.py)

Builds a fresh demo store in a temporary folder (services/demo.py) plus one pending contact
request, so every screen has real content, then drives the real widgets as each demo user.
Needs a CJK font (fonts-wqy-microhei or fonts-noto-cjk) for the Chinese screens.
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from evidence_desk.services import contacts  # noqa: E402
from evidence_desk.services.demo import (  # noqa: E402
    DEMO_USERS,
    ensure_demo_store,
    write_visit_recording,
)
from evidence_desk.services.session import Session  # noqa: E402
from evidence_desk.ui import i18n  # noqa: E402
from evidence_desk.ui.app import make_application  # noqa: E402
from evidence_desk.ui.login import LoginDialog  # noqa: E402
from evidence_desk.ui.main_window import MainWindow  # noqa: E402
from evidence_desk_testing.demo_tsa import stamp_demo_store  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
SAMPLE_CHAT = (
    "02/06/2026, 09:00 - 张明: 陈先生您好，关于您的车贷还款计划。\n"
    "02/06/2026, 09:04 - 陈立新: 我 6 月 15 号先还 10000\n"
    "02/06/2026, 09:05 - 陈立新: IMG-20260602-WA0001.jpg (file attached)\n"
    "03/06/2026, 18:30 - 张明: 好的，请通过官方账户还款。\n"
)


def settle(app: QApplication, seconds: float = 0.4) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.02)


def wait_for(app: QApplication, condition: Callable[[], bool], timeout: float = 30) -> None:
    end = time.monotonic() + timeout
    while not condition() and time.monotonic() < end:
        app.processEvents()
        time.sleep(0.02)


def save(app: QApplication, widget: QWidget, name: str) -> Path:
    settle(app)
    path = OUT / f"{name}.png"
    widget.grab().save(str(path))
    print(f"saved {path.relative_to(ROOT)}")
    return path


def build_store(folder: Path) -> Path:
    store = folder / "demo-store"
    ensure_demo_store(store)
    stamp_demo_store(store)  # as `python3 tasks.py app` shows it: checkpoints stamped
    docs = folder / "docs"
    docs.mkdir()
    identity = docs / "身份证正反面.png"
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (420, 260), (245, 245, 240))
    draw = ImageDraw.Draw(image)
    draw.rectangle((10, 10, 410, 250), outline=(40, 90, 160), width=4)
    draw.rectangle((290, 50, 390, 170), fill=(200, 210, 225))
    for y in (60, 100, 140, 180):
        draw.rectangle((30, y, 250, y + 14), fill=(120, 120, 120))
    image.save(identity)
    debt = docs / "债务确认书.txt"
    debt.write_text(
        "债务确认书\n本人王芳确认截至 2026-06-01 尚欠网贷本息 12,800.00 元。\n", "utf-8"
    )
    staff, password = "zhang.staff", DEMO_USERS["zhang.staff"][1]
    with Session.open(store, staff, password) as session:
        from evidence_desk.services import cases

        cases.create_case(
            session,
            "2026-SH-0002",
            debtor_name="王芳",
            debtor_id_number="320102199003154321",
            product="online_loan",
            amount_overdue="12800",
            overdue_since="2026-04-01",
        )
        contacts.request_contact(
            session,
            case_no="2026-SH-0002",
            channel="wechat",
            handle="wxid_wangfang0311",
            display_name="王芳",
            reason="债务人主动添加好友，表示愿意协商分期还款",
            consent=True,
            documents=[("identity_proof", identity), ("debt_confirmation", debt)],
        )
    return store


def add_doctored_screenshot(store: Path, folder: Path) -> None:
    """A WeChat screenshot of the demo chat with an amount changed, a message the export lacks
    and one it skips, imported for the demo contact and read by OCR (issue 22)."""
    from evidence_desk.services import importing, ocr
    from evidence_desk_testing.screenshots import Chat, Row, png

    chat = Chat(
        "陈立新",
        (
            Row("time", "10:05"),
            Row("them", "知道了，最近生意不好"),
            Row("them", "我6月15号先还1000，剩下的7月底前还清"),
            Row("us", "好的，请通过官方还款账户还款，还款后请告知。"),
            Row("them", "我已经全部还清了"),
        ),
    )
    path = folder / "wechat-screenshot-20260601-1012.png"
    path.write_bytes(png(chat))
    staff, password = "zhang.staff", DEMO_USERS["zhang.staff"][1]
    with Session.open(store, staff, password) as session:
        contact_id = contacts.list_contacts(session, status="approved")[0].id
        importing.import_files(session, contact_id, [path], tz="Asia/Shanghai")
        ocr.read_pending(session, contact_id=contact_id)


def shoot_check(app: QApplication, store: Path, lang: str) -> None:
    """The items tab with the doctored screenshot beside its cross-check."""
    i18n.install(lang)
    QSettings().setValue("ui/language", lang)
    staff = window_for(app, store, "zhang.staff")
    staff.resize(1500, 900)
    contact_id = contacts.list_contacts(staff.session, status="approved")[0].id
    staff.select_contact(contact_id)
    page = staff.contact_page
    page.inner.setCurrentWidget(page.items_box)
    for row in range(page.items.count()):
        if page.items.item(row).text().startswith("wechat-screenshot-20260601-1012"):
            page.items.setCurrentRow(row)
    settle(app, 0.8)
    save(app, staff, f"{lang}-screenshot-check")
    staff.close()
    staff.session.close()


def shoot_join(app: QApplication, folder: Path, lang: str) -> None:
    """The join dialog as a new member fills it in: the CA's fingerprint shown and confirmed."""
    from evidence_desk.hub import tls
    from evidence_desk.ui.join_dialog import JoinDialog

    i18n.install(lang)
    files = tls.create_private_ca(folder / f"hub-tls-{lang}", ["hub.example.com"])
    dialog = JoinDialog(folder / "new-store")
    dialog.url_edit.setText("https://hub.example.com:8443")
    dialog.code_edit.setText("K7Q2-M4XD-QPLA-3VRT-B6NW-HE5C-YU")
    dialog.ca_edit.setText(str(files.ca_file))
    dialog.confirm_box.setChecked(True)
    dialog.user_edit.setText("zhang.staff")
    dialog.password_edit.setText("correct-horse-battery")
    dialog.repeat_edit.setText("correct-horse-battery")
    dialog.show()
    save(app, dialog, f"{lang}-join")
    dialog.close()


def shoot_join_existing(app: QApplication, store: Path, folder: Path, lang: str) -> None:
    """The open store joining the organisation with its history, as the join runs: the
    dialog of the main window's "Join an organisation…" with its busy bar."""
    from evidence_desk.hub import tls
    from evidence_desk.ui.join_dialog import JoinDialog

    i18n.install(lang)
    files = tls.create_private_ca(folder / f"hub-tls-existing-{lang}", ["hub.example.com"])
    session = Session.open(store, "zhang.staff", DEMO_USERS["zhang.staff"][1])
    dialog = JoinDialog(existing=session)
    dialog.url_edit.setText("https://hub.example.com:8443")
    dialog.code_edit.setText("K7Q2-M4XD-QPLA-3VRT-B6NW-HE5C-YU")
    dialog.ca_edit.setText(str(files.ca_file))
    dialog.confirm_box.setChecked(True)
    dialog.show()
    dialog._busy(True)  # as while the worker binds the store (the hub is not reached here)
    settle(app, 0.4)
    save(app, dialog, f"{lang}-join-existing")
    dialog._busy(False)
    dialog.close()
    session.close()


def shoot_redaction(app: QApplication, store: Path, lang: str) -> None:
    """The redaction editor over the demo's conversation: the default proposals, a span legal
    selected and a region drawn on the screenshot."""
    from PySide6.QtCore import QPoint

    from evidence_desk.ui.bundle_dialog import BundleDialog

    i18n.install(lang)
    QSettings().setValue("ui/language", lang)
    session = Session.open(store, "wang.legal", DEMO_USERS["wang.legal"][1])
    dialog = BundleDialog(session, "2026-SH-0001")
    inputs = dialog.redaction_inputs()
    editor = dialog.open_redactions(inputs)
    assert editor is not None
    editor.resize(1400, 820)
    editor.show()
    settle(app, 0.6)
    row = next((n for n, m in enumerate(editor.messages) if len(m.text) > 10), 0)
    editor.table.selectRow(row)
    cursor = editor.text.textCursor()
    cursor.setPosition(0)
    cursor.setPosition(4, cursor.MoveMode.KeepAnchor)
    editor.text.setTextCursor(cursor)
    editor.reason.setCurrentIndex(editor.reason.findData("IR"))
    editor.span_button.click()
    box = editor.canvas.to_original(QPoint(30, 60), QPoint(200, 110))
    if box is not None:
        editor.add_region(box)
    editor.items.setCurrentRow(0)
    settle(app, 0.6)
    save(app, editor, f"{lang}-redaction-editor")
    editor.close()
    dialog.close()
    session.close()


def window_for(app: QApplication, store: Path, user: str) -> MainWindow:
    session = Session.open(store, user, DEMO_USERS[user][1])
    window = MainWindow(session)
    window.resize(1280, 800)
    window.show()
    wait_for(app, lambda: window._verify_job is None)
    return window


def shoot(app: QApplication, store: Path, folder: Path, lang: str) -> None:
    i18n.install(lang)
    QSettings().setValue("ui/language", lang)
    login = LoginDialog(store)
    login.user_edit.setText("zhang.staff")
    login.show()
    save(app, login, f"{lang}-login")
    login.close()
    shoot_join(app, folder, lang)

    staff = window_for(app, store, "zhang.staff")
    contact_id = contacts.list_contacts(staff.session, status="approved")[0].id
    staff.select_contact(contact_id)
    view = staff.contact_page.conversation
    view.search_edit.setText("还")
    view.search("还")
    wait_for(app, lambda: view.matches != [])
    settle(app, 0.8)
    save(app, staff, f"{lang}-conversation")
    staff.contact_page.inner.setCurrentIndex(1)
    staff.contact_page.items.setCurrentRow(staff.contact_page.items.count() - 1)
    save(app, staff, f"{lang}-items")
    staff.contact_page.inner.setCurrentIndex(0)

    staff.request_action.trigger()
    save(app, staff.last_dialog, f"{lang}-contact-request")
    staff.last_dialog.close()

    staff.select_contact(contact_id)
    staff.import_action.trigger()
    wizard = staff.last_dialog
    export = folder / f"WhatsApp Chat with 陈立新 {lang}.txt"
    export.write_text(SAMPLE_CHAT, "utf-8")
    visit = folder / f"visit-recording-{lang}.wav"
    write_visit_recording(visit)
    wizard.add_paths([export, visit])
    wizard.run_preview()
    wait_for(app, lambda: wizard.job is None)
    save(app, wizard, f"{lang}-import-preview")
    wizard.close()

    staff.show_ledger()
    save(app, staff, f"{lang}-ledger")
    staff.show_verify()
    save(app, staff, f"{lang}-verify")
    staff.close()
    staff.session.close()

    supervisor = window_for(app, store, "li.supervisor")
    supervisor.show_approvals()
    supervisor.approvals.requests.setCurrentRow(0)
    rows = supervisor.approvals.documents
    for i in range(rows.count()):
        if rows.item(i).text().endswith(".png"):
            rows.setCurrentRow(i)
    save(app, supervisor, f"{lang}-approvals")
    if supervisor.findings is not None:
        supervisor.tabs.setCurrentWidget(supervisor.findings)
        supervisor.findings.run()
        wait_for(app, lambda: supervisor.findings.job is None)
        save(app, supervisor, f"{lang}-conduct")
    supervisor.close()
    supervisor.session.close()

    admin = window_for(app, store, "admin")
    admin.open_settings()
    save(app, admin.last_dialog, f"{lang}-settings")
    admin.last_dialog.close()
    admin.open_users()
    save(app, admin.last_dialog, f"{lang}-users")
    admin.last_dialog.close()
    admin.open_breaches()
    save(app, admin.last_dialog, f"{lang}-breaches")
    admin.last_dialog.close()
    admin.close()
    admin.session.close()

    legal = window_for(app, store, "wang.legal")
    legal.select_case("2026-SH-0001")
    if legal.bundle_action.isEnabled():
        legal.bundle_action.trigger()
        save(app, legal.last_dialog, f"{lang}-bundle")
        legal.last_dialog.close()
    legal.shred_case()
    save(app, legal.last_dialog, f"{lang}-shred")
    legal.last_dialog.close()
    if legal.processing_records is not None:
        legal.tabs.setCurrentWidget(legal.processing_records)
        save(app, legal, f"{lang}-processing-records")
    legal.close()
    legal.session.close()


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(
            QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(Path(tmp) / "qs")
        )
        app = make_application()
        if sys.argv[1:] == ["join"]:  # the join dialog alone: needs no store
            for lang in ("zh_CN", "en"):
                shoot_join(app, Path(tmp), lang)
            return 0
        if sys.argv[1:] == ["org"]:  # an organisation: a real hub and its members' windows
            import org_screens

            org_screens.run(app, Path(tmp), lambda widget, name: save(app, widget, name))
            return 0
        store = build_store(Path(tmp))
        if sys.argv[1:] == ["check"]:
            add_doctored_screenshot(store, Path(tmp))
            for lang in ("zh_CN", "en"):
                shoot_check(app, store, lang)
            return 0
        if sys.argv[1:] == ["join-existing"]:  # an open store joining with its history
            for lang in ("zh_CN", "en"):
                shoot_join_existing(app, store, Path(tmp), lang)
            return 0
        if sys.argv[1:] == ["redaction"]:
            for lang in ("zh_CN", "en"):
                shoot_redaction(app, store, lang)
            return 0
        for lang in ("zh_CN", "en"):
            shoot(app, store, Path(tmp), lang)
            shoot_redaction(app, store, lang)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
