"""Legal's case list across the organisation, as a person sees it (issue 20 item 3): every
case, contact and import names its user and device in a second column, and neither column is
cut short ("2026-SH-..." beside "by alice · 3f2a91c0" was what the window showed), and an
import says its format as the user knows the export ("WhatsApp import"), in Chinese too.

A real hub (its own process, real PostgreSQL, real TLS), stores that joined it with one-time
codes, and legal's real window offscreen."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QTreeWidgetItem
from pytestqt.qtbot import QtBot

from evidence_desk.services import importing, live
from evidence_desk.ui import i18n
from evidence_desk.ui.main_window import MainWindow
from evidence_desk.ui.sync_controller import live_pool
from tests.hub.conftest import HubDatabase, hub_db, postgres  # noqa: F401 (the hub's fixtures)
from tests.hub.org_cli import organisation
from tests.hub.test_org_end_to_end import approved_remotely
from tests.ui.conftest import png_bytes

WAIT_MS = 45_000


def _items(window: MainWindow) -> list[QTreeWidgetItem]:
    found: list[QTreeWidgetItem] = []
    pending = [window.nav.topLevelItem(i) for i in range(window.nav.topLevelItemCount())]
    while pending:
        item = pending.pop(0)
        if item is not None:
            found.append(item)
            pending.extend(item.child(i) for i in range(item.childCount()))
    return found


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_legal_sees_every_item_s_user_and_device_in_full(
    qtbot: QtBot,
    hub_db: HubDatabase,  # noqa: F811
    tmp_path: Path,
    lang: str,
) -> None:
    with organisation(tmp_path / "org", hub_db.owner_url) as org:
        org.join("alice", "staff")
        org.join("sam", "supervisor")
        org.join("lee", "legal")
        org.welcome("alice", "sam", "lee")
        contact_id = approved_remotely(org, tmp_path)
        chat = tmp_path / "WhatsApp Chat with Chen Lixin.txt"
        chat.write_text("05/01/2026, 09:00 - Li Ming: 您好\n", encoding="utf-8")
        shots = [tmp_path / "paid-1.png", tmp_path / "paid-2.png"]
        for number, shot in enumerate(shots):
            shot.write_bytes(png_bytes((200, 230, 200 - 40 * number)))
        with org.login("alice") as alice:
            importing.import_files(alice, contact_id, [chat], tz="Asia/Shanghai")
            # two screenshots in one import: one line that says what they are
            importing.import_files(alice, contact_id, shots, tz="Asia/Shanghai")
        assert org.sync("alice")[0] == 0
        i18n.install(lang)
        window = MainWindow(org.login("lee"))
        try:
            assert window.sync_controller is not None
            window.sync_controller.poll_seconds = 3
            window.sync_controller.backoff = live.Backoff(first=0.5, cap=3.0)
            qtbot.addWidget(window)
            window.resize(1280, 800)
            window.show()
            qtbot.waitUntil(lambda: len(_items(window)) == 4, timeout=WAIT_MS)
            window.refresh()
            items = _items(window)
            nav = window.nav
            assert nav.columnCount() == 2
            by = "由 alice · " if lang == "zh_CN" else "by alice · "
            assert all(item.text(1).startswith(by) for item in items)
            imported = (
                "WhatsApp 导入 · 1 条消息" if lang == "zh_CN" else "WhatsApp import · 1 message"
            )
            assert items[2].text(0) == imported
            shown = "截图 · 2 张" if lang == "zh_CN" else "screenshots · 2 images"
            assert items[3].text(0) == shown
            # nothing cut short: each column as wide as its widest text, both in view
            for column in (0, 1):
                assert nav.columnWidth(column) >= nav.sizeHintForColumn(column)
            qtbot.waitUntil(
                lambda: (
                    nav.columnViewportPosition(1) + nav.columnWidth(1) <= nav.viewport().width()
                ),
                timeout=5000,
            )
        finally:
            i18n.install("en")
            window.close()
            window.session.close()
            assert live_pool().waitForDone(60_000)
            assert window.sync_controller is not None
            assert window.sync_controller.join_wait(30)
