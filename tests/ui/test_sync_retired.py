"""The app's sync status on a laptop an admin retired (issue 20 item 6): a real window bound
to a real hub (its own process, real PostgreSQL, real TLS); the admin retires the laptop from
the command line; the window's next sync says so, with who retired it and why in the tooltip,
and the window stops trying (no retry, no long-poll): the hub will never take it again."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from evidence_desk.services import live
from evidence_desk.ui.main_window import MainWindow
from tests.hub.conftest import HubDatabase, hub_db, postgres  # noqa: F401 (the hub's fixtures)
from tests.hub.org_cli import Org, ok, organisation

WAIT_MS = 45_000


@pytest.fixture
def org(hub_db: HubDatabase, tmp_path: Path) -> Iterator[Org]:  # noqa: F811
    with organisation(tmp_path / "org", hub_db.owner_url) as org:
        org.join("alice", "staff")
        org.welcome("alice")
        yield org


def test_the_status_says_the_laptop_was_retired_and_stops_syncing(qtbot: QtBot, org: Org) -> None:
    window = MainWindow(org.login("alice"))
    try:
        controller, status = window.sync_controller, window.sync_status
        assert controller is not None and status is not None
        controller.poll_seconds = 3
        controller.backoff = live.Backoff(first=0.5, cap=2.0)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitUntil(lambda: status.text().startswith("Synced"), timeout=WAIT_MS)
        laptop = window.session.folder.store_id
        ok("hub", "device", "retire", laptop, "--reason", "stolen",
           "--user", "root", "--store", org.stores["root"])  # fmt: skip
        controller.sync_now()
        qtbot.waitUntil(lambda: status.state.retired, timeout=WAIT_MS)
        assert status.text() == "Not syncing: this laptop was retired"
        tip = status.toolTip()
        assert "was retired by root on" in tip and ": stolen" in tip, tip
        # never tried again: no retry pending, no long-poll, "Sync now" does nothing
        assert not controller._retry.isActive()
        assert controller._waiting is None
        controller.sync_now()
        assert controller._sync_job is None
    finally:
        window.close()
