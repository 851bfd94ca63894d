"""The app's "Exchange checkpoints…" (issue 20): legal's and admins' windows write the
checkpoints their device was shown and check another device's, in a worker; a hub that showed
two devices two histories (a real fork, tests/hub/test_org_gossip.py) is named in the dialog.
"""

from __future__ import annotations

import json
from pathlib import Path

from pytestqt.qtbot import QtBot

from evidence_desk.ui.gossip_dialog import GossipDialog
from evidence_desk.ui.main_window import MainWindow
from tests.hub.conftest import HubDatabase
from tests.hub.org_cli import organisation
from tests.hub.test_org_gossip import _fork, _gossip, _new_cases, _newest
from tests.ui.conftest import isolated_settings

__all__ = ["isolated_settings"]  # the GUI tests' fixture: own QSettings, English UI


def test_legal_exchanges_checkpoints_in_the_app_and_a_split_view_is_named(
    hub_db: HubDatabase, tmp_path: Path, qtbot: QtBot
) -> None:
    with organisation(tmp_path, hub_db.owner_url) as org:
        org.join("alice", "staff")
        org.join("lee", "legal")
        org.join("sam", "staff")
        org.welcome("alice", "lee", "sam")
        with _fork(org, hub_db, "lee", "sam"):
            _new_cases(org, "alice", "2026-GS-1")
            assert org.sync("alice")[0] == 0
            _new_cases(org, "sam", "2026-GS-2", "2026-GS-3")
            assert org.sync("sam")[0] == 0
            assert org.sync("lee")[0] == 0
            alice_file = tmp_path / "alice.json"
            assert _gossip(org, "alice", "export", "--out", alice_file)[0] == 0
            alice_view, lee_view = _newest(org, "alice"), _newest(org, "lee")
            with org.login("alice") as alice:  # staff: no such action
                window = MainWindow(alice)
                qtbot.addWidget(window)
                assert not window.gossip_action.isVisible()
                window.close()
            with org.login("lee") as lee:
                window = MainWindow(lee)
                qtbot.addWidget(window)
                assert window.gossip_action.isVisible() and window.gossip_action.isEnabled()
                window.gossip_action.trigger()
                dialog = window.last_dialog
                assert isinstance(dialog, GossipDialog)
                out = tmp_path / "lee.json"
                job = dialog.export_to(out)
                qtbot.waitUntil(job.done.is_set, timeout=60_000)
                qtbot.waitUntil(lambda: dialog.export_button.isEnabled(), timeout=10_000)
                assert lee_view in dialog.message.text() and out.exists()
                assert json.loads(out.read_text("utf-8"))["format"] == "evidence-desk/org-gossip/v1"
                job = dialog.import_from(alice_file)
                qtbot.waitUntil(job.done.is_set, timeout=60_000)
                qtbot.waitUntil(lambda: dialog.import_button.isEnabled(), timeout=10_000)
                said = dialog.message.text()
                assert "The hub showed a history this device was not shown." in said
                assert alice_view in said and lee_view in said
                window.close()
