"""Screens of an organisation (issue 20 item 3), for scripts/screenshots.py's ``org`` mode.

A real hub (``hub serve`` in its own process, over TLS, on a throwaway PostgreSQL cluster:
evidence_desk_testing/postgres.py, run by the ``postgres`` user when this runs as root), an
administrator's store made by ``hub init``, a supervisor, a second supervisor and legal joined
with one-time codes, and staff joined through the real Join dialog. Then, per language, the
windows of staff, the supervisor and legal, live against the hub: the sync status in each
state, a request reaching the supervisor's queue with its notice, the decision reaching staff,
a decision the hub refused, and legal's case list across the organisation.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QWidget

from evidence_desk.services import cases, contacts, importing, live
from evidence_desk.ui import i18n
from evidence_desk.ui.join_dialog import JoinDialog
from evidence_desk.ui.main_window import MainWindow
from evidence_desk.ui.sync_controller import live_pool
from evidence_desk_testing.postgres import PostgresCluster
from tests.helpers import supporting_documents
from tests.hub.org_cli import PASSWORD, Org, organisation

#: what the staff member of each language's screens is called (joined through the dialog)
STAFF = {"zh_CN": "zhang.wei", "en": "li.na"}
CHAT = (
    "02/12/2026, 09:00 - 张明: 陈先生您好，关于您的车贷还款计划。\n"
    "02/12/2026, 09:04 - 陈立新: 我 12 月 15 号先还 10000\n"
    "03/12/2026, 18:30 - 张明: 好的，请通过官方账户还款。\n"
)

Save = Callable[[QWidget, str], Path]
OUT = Path(__file__).resolve().parents[1] / "docs" / "screenshots"


def grab_now(widget: QWidget, name: str) -> None:
    """A state that lasts a moment (syncing), taken without letting the events run first."""
    widget.grab().save(str(OUT / f"{name}.png"))
    print(f"saved docs/screenshots/{name}.png")


def wait_for(app: QApplication, condition: Callable[[], bool], timeout: float = 60) -> None:
    end = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > end:
            raise TimeoutError("the screen did not reach the state it waits for")
        app.processEvents()
        time.sleep(0.02)


@contextmanager
def hub_organisation(folder: Path) -> Iterator[Org]:
    """A cluster, a database, ``hub init`` and the hub serving, with its members joined."""
    with PostgresCluster() as cluster:
        with psycopg.connect(cluster.url(), autocommit=True) as conn:
            conn.execute("CREATE DATABASE screens")
        with organisation(folder, cluster.url("screens")) as org:
            org.join("sam", "supervisor")
            org.join("sue", "supervisor")
            org.join("wang", "legal")
            yield org


def join_through_dialog(app: QApplication, org: Org, lang: str, save: Save) -> None:
    """Staff join with the real dialog: the code, the CA file and its fingerprint confirmed."""
    i18n.install(lang)
    name = STAFF[lang]
    code = org.invite(name, "staff")
    store = org.folder / name
    dialog = JoinDialog(store)
    dialog.url_edit.setText(org.url)
    dialog.code_edit.setText(code)
    dialog.ca_edit.setText(str(org.ca))
    dialog.confirm_box.setChecked(True)
    dialog.user_edit.setText(name)
    dialog.password_edit.setText(PASSWORD)
    dialog.repeat_edit.setText(PASSWORD)
    dialog.show()
    save(dialog, f"{lang}-org-join")
    dialog.join()
    wait_for(app, lambda: dialog.session is not None or dialog.job is None)
    if dialog.session is None:
        raise RuntimeError(f"the join failed: {dialog.message.text()}")
    dialog.session.close()
    org.stores[name] = store
    dialog.close()


def open_window(org: Org, name: str) -> MainWindow:
    window = MainWindow(org.login(name))
    controller = window.sync_controller
    assert controller is not None and window.sync_status is not None
    controller.poll_seconds = 5  # short waits: the script ends soon after its steps
    controller.backoff = live.Backoff(first=2.0, cap=30.0)
    window.resize(1360, 820)
    window.show()
    return window


def synced(window: MainWindow) -> bool:
    state = window.sync_status.state if window.sync_status is not None else None
    return (
        state is not None
        and state.last_synced is not None
        and not state.syncing
        and state.offline_since is None
        and state.waiting_entries == 0
    )


def shoot(app: QApplication, org: Org, lang: str, folder: Path, save: Save) -> None:
    """One language's screens; each language has its own case and contacts."""
    i18n.install(lang)
    QSettings().setValue("ui/language", lang)
    staff_name = STAFF[lang]
    case_no = "2026-SH-0101" if lang == "zh_CN" else "2026-SH-0201"
    opened: list[MainWindow] = []
    try:
        staff = open_window(org, staff_name)
        sam = open_window(org, "sam")
        opened += [staff, sam]
        wait_for(app, lambda: synced(staff) and synced(sam))
        save(staff, f"{lang}-org-synced")

        # staff file a request with its documents: the status says it is syncing
        cases.create_case(
            staff.session,
            case_no,
            debtor_name="陈立新",
            debtor_id_number="110101198001010011",
            product="auto_loan",
            amount_overdue="48600",
            overdue_since="2026-09-01",
        )
        staff.refresh()
        docs = supporting_documents(folder / f"docs-{lang}")
        first = contacts.request_contact(
            staff.session,
            case_no=case_no,
            channel="wechat",
            handle=f"wxid_chenlixin_{lang}",
            display_name="陈立新",
            reason="债务人主动添加好友，表示愿意协商分期还款",
            consent=True,
            documents=docs,
        )
        status = staff.sync_status
        assert status is not None
        wait_for(app, lambda: status.state.syncing, timeout=20)
        grab_now(staff, f"{lang}-org-syncing")  # at once: the sync ends within a second

        # the supervisor's queue receives it live, with the notice in the status bar
        wait_for(app, lambda: sam.approvals.select(first.id))
        sam.show_approvals()
        sam.approvals.select(first.id)
        save(sam, f"{lang}-org-request-arrived")

        # the second supervisor's store takes the request, then she decides it offline
        second = contacts.request_contact(
            staff.session,
            case_no=case_no,
            channel="whatsapp",
            handle="+8613800000000" if lang == "zh_CN" else "+8613900000000",
            display_name="陈立新 (WhatsApp)",
            reason="债务人要求通过 WhatsApp 联系",
            consent=True,
            documents=supporting_documents(folder / f"docs2-{lang}", "2"),
        )
        wait_for(app, lambda: sam.approvals.select(second.id))
        code, _report, err = org.sync("sue")
        assert code == 0, err
        with org.login("sue") as sue_session:
            contacts.reject(sue_session, second.id, "证件照片不清晰")

        # the supervisor approves both in the window; staff see the decision by themselves
        sam.approvals.select(first.id)
        sam.approvals.note_edit.setPlainText("身份与债务已核实")
        sam.approvals.approve_button.click()
        sam.approvals.select(second.id)
        sam.approvals.note_edit.setPlainText("身份与债务已核实")
        sam.approvals.approve_button.click()

        def decided() -> bool:
            shown = contacts.get_contact(staff.session, first.id)
            return shown.status == "approved" and synced(sam)

        wait_for(app, decided)
        staff.select_contact(first.id)
        wait_for(app, lambda: synced(staff))
        save(staff, f"{lang}-org-decided")

        # the second supervisor's laptop comes online: her rejection came second, refused
        sue = open_window(org, "sue")
        opened.append(sue)
        sue_status = sue.sync_status
        assert sue_status is not None
        wait_for(app, lambda: bool(sue_status.state.refused) and not sue_status.state.syncing)
        sue.select_contact(second.id)  # her laptop shows the decision that stands
        save(sue, f"{lang}-org-refused")
        details = sue_status.show_details()
        save(details, f"{lang}-org-refused-details")
        details.close()

        # the hub stops: staff import a chat; the status says offline and what waits
        org.kill()
        chat = folder / f"WhatsApp Chat with 陈立新 {lang}.txt"
        chat.write_text(CHAT, "utf-8")
        photo = folder / f"receipt-{lang}.png"
        photo.write_bytes(_photo())
        importing.import_files(staff.session, first.id, [chat, photo], tz="Asia/Shanghai")
        staff.refresh()
        staff.select_contact(first.id)
        wait_for(
            app,
            lambda: status.state.offline_since is not None and status.state.waiting_bytes > 0,
        )
        save(staff, f"{lang}-org-offline")

        # back: staff sync by themselves; legal's list spans the organisation
        org.start()
        wait_for(app, lambda: synced(staff))
        legal = open_window(org, "wang")
        opened.append(legal)
        wait_for(app, lambda: synced(legal) and legal.select_case(case_no))
        legal.refresh()
        legal.nav.expandAll()
        legal.select_case(case_no)
        save(legal, f"{lang}-org-legal-cases")
    finally:
        for window in opened:
            window.close()
            window.session.close()
        live_pool().waitForDone(60_000)
        for window in opened:
            if window.sync_controller is not None:
                window.sync_controller.join_wait(30)


def _photo() -> bytes:
    """A photo of a repayment receipt (a real PNG of a few hundred KB: noise compresses badly)."""
    import io
    import random

    from PIL import Image

    rand = random.Random(20)
    image = Image.frombytes("RGB", (420, 300), bytes(rand.randrange(256) for _ in range(378000)))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def run(app: QApplication, folder: Path, save: Save) -> None:
    with hub_organisation(folder / "org") as org:
        for lang in ("zh_CN", "en"):
            join_through_dialog(app, org, lang, save)
        org.welcome("sam", "sue", "wang", *STAFF.values())
        for lang in ("zh_CN", "en"):
            shoot(app, org, lang, folder, save)
