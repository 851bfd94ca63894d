"""The sync status in the status bar: what each state says, in English and Chinese, and the
details dialog listing refused entries with their rule worded as the hub's client words it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtWidgets import QMainWindow
from pytestqt.qtbot import QtBot

from evidence_desk.services.hub_client import HubRefused
from evidence_desk.services.live import RefusedEntry
from evidence_desk.ui import i18n
from evidence_desk.ui.sync_controller import SyncState
from evidence_desk.ui.sync_status import SyncStatus, size_text


def _status(qtbot: QtBot) -> tuple[QMainWindow, SyncStatus]:
    window = QMainWindow()
    qtbot.addWidget(window)
    status = SyncStatus("UTC", window)
    window.statusBar().addPermanentWidget(status)
    return window, status


def _refused(seq: int) -> RefusedEntry:
    facts = {"device": "dev-1", "seq": str(seq), "action": "contact.approve"}
    facts["violated"] = "four-eyes"
    return RefusedEntry(
        seq, "contact.approve", "four-eyes", HubRefused("hub.rule", facts, status=409)
    )


def test_each_state_says_what_it_is(qtbot: QtBot) -> None:
    window, status = _status(qtbot)
    assert status.text() == "Sync: starting…"
    now = datetime.now(UTC)
    status.show_state(SyncState(last_synced=now))
    assert status.text() == f"Synced {now.strftime('%H:%M')}"
    earlier = now - timedelta(days=3)
    offline = SyncState(
        last_synced=earlier,
        offline_since=earlier,
        waiting_entries=3,
        waiting_blobs=2,
        waiting_bytes=12_400_000,
    )
    status.show_state(offline)
    assert status.text() == (
        f"Offline since {earlier.strftime('%Y-%m-%d %H:%M')} — 3 entries, 12.4 MB waiting"
    )
    assert "Waiting to go up: 3 entries, 2 files (12.4 MB)" in status.toolTip()
    # the backoff's next try is said (nothing to do but wait), and one entry is one
    retry = now + timedelta(seconds=8)
    status.show_state(
        SyncState(offline_since=now, waiting_entries=1, waiting_bytes=830_000, retry_at=retry)
    )
    assert status.text() == (
        f"Offline since {now.strftime('%H:%M')} — 1 entry, 830 KB waiting; "
        f"trying again at {retry.strftime('%H:%M:%S')}"
    )
    # the last sync's full time says its zone
    status.show_state(SyncState(last_synced=earlier))
    assert f"Last sync: {earlier.strftime('%Y-%m-%d %H:%M')} (UTC)" in status.toolTip()
    status.show_state(SyncState(last_synced=now, refused=(_refused(7),)))
    assert status.text() == "Refused: 1 entry (rule four-eyes)"
    status.show_state(SyncState(last_synced=now, refused=(_refused(7), _refused(9))))
    assert status.text() == "Refused: 2 entries (rule four-eyes)"
    details = status.show_details()
    rows = [details.entries.item(i).text() for i in range(details.entries.count())]
    assert len(rows) == 2
    assert rows[0].startswith("Entry 7 (contact approved), rule four-eyes: ")
    assert "breaks the rule four-eyes" in rows[0]
    details.close()
    # one file waiting is one file
    status.show_state(SyncState(offline_since=now, waiting_entries=1, waiting_blobs=1))
    assert "Waiting to go up: 1 entry, 1 file (0 B)" in status.toolTip()
    status.notify("Approved by sam: your contact request in case 2026-SH-1")
    assert window.statusBar().currentMessage() == status.last_notice
    status.show_state(SyncState(last_synced=now, hub_too_old=True, problem="upgrade"))
    assert status.text() == "Not syncing: the hub needs an upgrade"
    assert "upgrade" in status.toolTip()
    assert [size_text(n) for n in (12, 830_000, 12_400_000)] == ["12 B", "830 KB", "12.4 MB"]


def test_the_status_speaks_chinese(qtbot: QtBot) -> None:
    i18n.install("zh_CN")
    try:
        _window, status = _status(qtbot)
        status.show_state(SyncState(last_synced=datetime.now(UTC), refused=(_refused(7),)))
        assert status.text() == "已拒绝：1 个条目（规则 four-eyes）"
        details = status.show_details()
        row = details.entries.item(0).text()
        assert row.startswith("条目 7（批准联系人），规则 four-eyes：")
        assert "breaks the rule" not in row  # the refusal itself said in Chinese
        assert "contact.approve" not in row  # the entry's action in words, not its code
        details.close()
        status.show_state(SyncState(hub_too_old=True, problem="..."))
        assert status.text() == "未同步：中心服务器需要升级"
    finally:
        i18n.install("en")


def test_the_counts_in_chinese(qtbot: QtBot) -> None:
    """Chinese has one form: the same words for one and for two."""
    _window, status = _status(qtbot)
    now = datetime.now(UTC)
    i18n.install("zh_CN")
    try:
        for count in (1, 2):
            status.show_state(
                SyncState(offline_since=now, waiting_entries=count, waiting_blobs=count)
            )
            assert f"待上传：{count} 个条目、{count} 个文件（0 B）" in status.toolTip()
            refused = tuple(_refused(seq) for seq in range(7, 7 + count))
            status.show_state(SyncState(last_synced=now, refused=refused))
            assert status.text().startswith(f"已拒绝：{count} 个条目（")
    finally:
        i18n.install("en")
