"""The app's sync status when the hub runs an older release (issue 20): a real window bound to
a real hub (its own process, real PostgreSQL, real TLS) that restarts stating an older
protocol through its test-only setting; the status says the hub needs an upgrade (not
"offline", not a 404), its tooltip names both protocols and the command; once the hub is of
this release again the window syncs by itself. "Join an organisation" says the same."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from evidence_desk.cli.hub import TEST_PROTOCOL_VARIABLE
from evidence_desk.domain import hub_protocol
from evidence_desk.services import live
from evidence_desk.ui.join_dialog import JoinDialog
from evidence_desk.ui.main_window import MainWindow
from tests.hub.conftest import HubDatabase, hub_db, postgres  # noqa: F401 (the hub's fixtures)
from tests.hub.org_cli import PASSWORD, Org, organisation

WAIT_MS = 45_000


@pytest.fixture
def org(hub_db: HubDatabase, tmp_path: Path) -> Iterator[Org]:  # noqa: F811
    with organisation(tmp_path / "org", hub_db.owner_url) as org:
        org.join("alice", "staff")
        org.welcome("alice")
        yield org


def test_the_status_says_the_hub_needs_an_upgrade(
    qtbot: QtBot, org: Org, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    code = org.invite("bo", "staff")  # while the hub is of this release
    org.kill()
    monkeypatch.setenv(TEST_PROTOCOL_VARIABLE, "1")
    org.start()
    window = MainWindow(org.login("alice"))
    try:
        controller, status = window.sync_controller, window.sync_status
        assert controller is not None and status is not None
        controller.poll_seconds = 3
        controller.backoff = live.Backoff(first=0.5, cap=2.0)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitUntil(lambda: status.state.hub_too_old, timeout=WAIT_MS)
        assert status.text() == "Not syncing: the hub needs an upgrade"
        assert status.state.offline_since is None
        tip = status.toolTip()
        assert "The hub runs an older release than this app." in tip
        needed = f"(protocol 1); this app needs protocol {hub_protocol.PROTOCOL}"
        assert needed in tip and "evidence-desk hub upgrade" in tip
        # "Join an organisation" against it: said so, no store made
        dialog = JoinDialog()
        qtbot.addWidget(dialog)
        store = tmp_path / "bo"
        for edit, text in (
            (dialog.url_edit, org.url),
            (dialog.code_edit, code),
            (dialog.ca_edit, str(org.ca)),
            (dialog.store_edit, str(store)),
            (dialog.user_edit, "bo"),
            (dialog.password_edit, PASSWORD),
            (dialog.repeat_edit, PASSWORD),
        ):
            edit.setText(text)
        dialog.confirm_box.setChecked(True)
        dialog.join_button.click()
        qtbot.waitUntil(lambda: dialog.job is None, timeout=WAIT_MS)
        assert "runs an older release than this app" in dialog.message.text()
        assert not store.exists()
        # the hub updated: the window's retry syncs by itself
        org.kill()
        monkeypatch.setenv(TEST_PROTOCOL_VARIABLE, str(hub_protocol.PROTOCOL))
        org.start()
        qtbot.waitUntil(lambda: status.text().startswith("Synced"), timeout=WAIT_MS)
        assert not status.state.hub_too_old
    finally:
        window.close()
