"""Shredding a case through the main window (issue 18 item 3): the dialog names the case and
what is destroyed and shreds only once confirmed; the case tree, the case view, the bundle
dialog and the verify panel then say the case is shredded (offscreen, real widgets, store)."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from evidence_desk.services import cases, retention, shredding
from evidence_desk.services.verify import verify_store
from evidence_desk.ui.bundle_dialog import BundleDialog
from evidence_desk.ui.main_window import MainWindow
from evidence_desk.ui.shred_dialog import ShredDialog
from tests.helpers import Team

CASE = "2026-UI-9"


def test_legal_shreds_a_due_case_after_confirming(qtbot: QtBot, team: Team) -> None:
    cases.create_case(team.login("alice"), CASE, debtor_name="王芳")
    retention.close_case(team.login("sam"), CASE, "repaid")
    staff = MainWindow(team.login("alice"))
    qtbot.addWidget(staff)
    assert not staff.shred_action.isEnabled()
    assert "legal" in staff.shred_action.toolTip()
    team.clock.advance(days=366 * 5 + 2)
    window = MainWindow(team.login("lee"))
    qtbot.addWidget(window)
    window.show()
    assert window.select_case(CASE)
    assert window.shred_action.isEnabled()
    window.shred_action.trigger()
    dialog = window.last_dialog
    assert isinstance(dialog, ShredDialog)
    assert CASE in dialog.windowTitle() and CASE in dialog.what.text()
    assert "cannot be undone" in dialog.what.text() and "debtor's name" in dialog.what.text()
    assert not dialog.ok.isEnabled()  # not before the destruction is confirmed
    dialog.confirm.setChecked(True)
    assert dialog.ok.isEnabled()
    dialog.submit()  # no reason: refused in the dialog, which stays open
    assert "reason" in dialog.error_label.text() and dialog.isVisible()
    dialog.reason.setPlainText("retention over")
    dialog.submit()
    assert not dialog.isVisible()
    lee = team.login("lee")
    assert shredding.shredding_of(lee, CASE) is not None
    assert window.current_case_no() == CASE
    assert "Shredded " in window.contact_page.header.text()
    assert not window.shred_action.isEnabled()
    item = window.nav.currentItem()
    assert item is not None and "(shredded)" in item.text(0) and "王芳" not in item.text(0)
    bundle = BundleDialog(lee, CASE)
    qtbot.addWidget(bundle)
    assert not bundle.export_button.isEnabled()
    assert "shredded" in bundle.status.text() and "case.shredded" in bundle.status.text()
    window.verify_panel.show_report(verify_store(lee))
    table = window.verify_panel.table
    codes = [table.item(row, 1).text() for row in range(table.rowCount())]
    assert "shred.note" in codes
    qtbot.waitUntil(lambda: window._verify_job is None, timeout=20_000)
    qtbot.waitUntil(lambda: staff._verify_job is None, timeout=20_000)


def test_the_dialog_shows_the_refusal_before_the_floor(qtbot: QtBot, team: Team) -> None:
    cases.create_case(team.login("alice"), CASE, debtor_name="王芳")
    dialog = ShredDialog(team.login("ada"), CASE)
    qtbot.addWidget(dialog)
    dialog.basis.setCurrentIndex(1)  # request
    dialog.reason.setPlainText("debtor asked")
    dialog.confirm.setChecked(True)
    dialog.submit()
    assert "retention.floor" in dialog.error_label.text() or "CC-9" in dialog.error_label.text()
    assert shredding.shredding_of(team.login("lee"), CASE) is None


def test_the_shredded_note_is_shown_in_chinese(qtbot: QtBot, team: Team) -> None:
    from evidence_desk.ui import i18n
    from evidence_desk.ui.verify_panel import VerifyPanel

    cases.create_case(team.login("alice"), CASE, debtor_name="王芳")
    team.clock.advance(days=366 * 2 + 2)
    shredding.shred_case(team.login("ada"), CASE, "request", "PIPL art. 47")
    i18n.install("zh_CN")
    try:
        panel = VerifyPanel(team.login("lee"))
        qtbot.addWidget(panel)
        panel.show_report(verify_store(team.login("lee")))
        rows = [
            [panel.table.item(row, column).text() for column in range(4)]
            for row in range(panel.table.rowCount())
        ]
    finally:
        i18n.install("en")
    notes = [row for row in rows if row[1] == "shred.note"]
    assert len(notes) == 1
    assert notes[0][2] == f"案件 {CASE}"
    assert f"案件 {CASE} 已于" in notes[0][3] and "由 ada 销毁（依据 request）" in notes[0][3]
