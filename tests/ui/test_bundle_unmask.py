"""The export dialog's unmask option (PI-6): off by default, a reason when on, ledgered."""

from __future__ import annotations

import json
from pathlib import Path

from pytestqt.qtbot import QtBot

from evidence_desk.ui.bundle_dialog import BundleDialog
from tests.bundle.support import CASE, store_with_evidence
from tests.helpers import Team


def _export(qtbot: QtBot, dialog: BundleDialog) -> None:
    dialog.export_button.click()
    qtbot.waitUntil(lambda: dialog.job is None, timeout=60_000)


def test_unmasking_needs_a_reason_and_is_recorded(qtbot: QtBot, team: Team, tmp_path: Path) -> None:
    store_with_evidence(team, tmp_path / "in")
    lee = team.login("lee")
    dialog = BundleDialog(lee, CASE)
    qtbot.addWidget(dialog)
    assert not dialog.unmask.isChecked() and not dialog.unmask_reason.isEnabled()
    dialog.unmask.setChecked(True)
    assert dialog.unmask_reason.isEnabled()
    dialog.recipient_name.setText("上海市浦东新区人民法院")
    dialog.purpose.setText("起诉追偿借款")
    dialog.out_dir.setText(str(tmp_path / "refused"))
    _export(qtbot, dialog)
    assert dialog.export_result is None and "unmask.reason" in str(dialog.error)
    dialog.unmask_reason.setText("the court asked for the paying account")
    dialog.out_dir.setText(str(tmp_path / "out"))
    _export(qtbot, dialog)
    assert dialog.export_result is not None, dialog.error
    actions = [
        (r["action"], json.loads(r["payload"]).get("reason"))
        for r in lee.conn.execute("SELECT action, payload FROM ledger ORDER BY seq")
    ]
    assert ("bundle.unmask", "the court asked for the paying account") in actions


def test_the_size_limit_and_embedding_sit_beside_the_page_cap(qtbot: QtBot, team: Team) -> None:
    lee = team.login("lee")
    dialog = BundleDialog(lee, CASE)
    qtbot.addWidget(dialog)
    assert dialog.scope().max_volume_mb == 36 and not dialog.scope().embed_originals
    dialog.max_volume.setValue(8)
    dialog.embed_originals.setChecked(True)
    assert dialog.scope().max_volume_mb == 8 and dialog.scope().embed_originals
    dialog.unmask.setChecked(True)  # unmasked: the originals are embedded anyway
    assert not dialog.embed_originals.isEnabled()
