"""The export dialog's RSMF button: same scope and recipient, in the background, said when done."""

from __future__ import annotations

import email
import email.policy
from pathlib import Path

from pytestqt.qtbot import QtBot

from evidence_desk.ui.bundle_dialog import BundleDialog
from tests.bundle.support import CASE, store_with_evidence
from tests.helpers import Team


def test_rsmf_waits_for_a_recipient_then_writes_the_file(
    qtbot: QtBot, team: Team, tmp_path: Path
) -> None:
    store_with_evidence(team, tmp_path / "in")
    dialog = BundleDialog(team.login("lee"), CASE)
    qtbot.addWidget(dialog)
    assert not dialog.rsmf_button.isEnabled()  # the processing record needs a recipient first
    dialog.recipient_kind.setCurrentIndex(dialog.recipient_kind.findData("law_firm"))
    dialog.recipient_name.setText("示例律师事务所")
    dialog.purpose.setText("诉讼代理")
    assert dialog.rsmf_button.isEnabled()
    out = tmp_path / "out" / "case.rsmf"
    job = dialog.run_rsmf_export(out)
    assert job is not None and not dialog.rsmf_button.isEnabled()
    qtbot.waitUntil(lambda: dialog.job is None, timeout=60_000)
    assert str(out) in dialog.status.text(), dialog.status.text()
    message = email.message_from_bytes(out.read_bytes(), policy=email.policy.default)
    assert message["X-RSMF-EventCount"] == "5"
    # each count in its own form: one conversation, five events
    assert dialog.status.text().startswith(f"RSMF written: {out} (1 conversation, 5 events, ")
    assert dialog.rsmf_button.isEnabled()
