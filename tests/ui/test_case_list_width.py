"""The case list shows each line in full (looked at in docs/screenshots/*-org-*.png): a
contact's status comes last on its line ("陈立新 (WhatsApp) · WhatsApp · approved") and was
cut to "陈立新 (WhatsApp) · WhatsApp · ..." in a window of a usual size. A real store, the
real window offscreen."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from evidence_desk.ui.main_window import MainWindow
from tests.helpers import Team, approved_contact


def test_a_contact_s_line_is_not_cut_short(qtbot: QtBot, team: Team, tmp_path: Path) -> None:
    alice, _contact = approved_contact(team, tmp_path, display_name="陈立新 (WhatsApp 备用号码)")
    window = MainWindow(alice)
    qtbot.addWidget(window)
    window.resize(1360, 820)
    window.show()
    nav = window.nav
    case = nav.topLevelItem(0)
    assert case is not None and case.childCount() == 1
    assert case.child(0).text(0).endswith("approved")
    qtbot.waitUntil(lambda: nav.viewport().width() >= nav.sizeHintForColumn(0), timeout=5000)
    window.refresh()  # as after a pull: still in full
    qtbot.wait(50)
    assert nav.viewport().width() >= nav.sizeHintForColumn(0)
