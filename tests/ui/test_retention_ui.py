"""Closing a case and placing and lifting a legal hold through the main window's dialogs, and
the case's retention state in the case view (offscreen, real widgets, real store)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QLineEdit
from pytestqt.qtbot import QtBot

from evidence_desk.services import cases, retention
from evidence_desk.ui.main_window import MainWindow
from evidence_desk.ui.retention_dialog import ReasonDialog
from tests.helpers import Team

CASE = "2026-UI-7"


def _window(qtbot: QtBot, team: Team, user: str) -> MainWindow:
    window = MainWindow(team.login(user))
    qtbot.addWidget(window)
    window.show()
    return window


def _dialog(window: MainWindow) -> ReasonDialog:
    dialog = window.last_dialog
    assert isinstance(dialog, ReasonDialog)
    return dialog


def test_a_supervisor_closes_a_case_through_the_dialog(qtbot: QtBot, team: Team) -> None:
    cases.create_case(team.login("alice"), CASE, debtor_name="王芳")
    staff = _window(qtbot, team, "alice")
    staff.select_case(CASE)
    assert not staff.close_case_action.isEnabled()
    assert "supervisor" in staff.close_case_action.toolTip()
    assert not staff.hold_action.isEnabled()
    window = _window(qtbot, team, "sam")
    window.nav.setCurrentItem(None)
    assert not window.close_case_action.isEnabled()  # nothing selected
    assert window.select_case(CASE)
    assert "Open · records kept at least until" in window.contact_page.header.text()
    assert window.close_case_action.isEnabled()
    window.close_case_action.trigger()
    dialog = _dialog(window)
    assert CASE in dialog.windowTitle()
    dialog.submit()  # no reason: refused in the dialog, which stays open
    assert "reason" in dialog.error_label.text()
    assert dialog.isVisible()
    dialog.reason.setPlainText("debt repaid in full")
    dialog.submit()
    assert not dialog.isVisible()
    kept = retention.retention_of(team.login("lee"), CASE)
    assert kept.close_reason == "debt repaid in full" and kept.closed_by == "sam"
    assert window.current_case_no() == CASE
    header = window.contact_page.header.text()
    assert "Closed " in header and "deletion date" in header and "debt repaid in full" in header
    assert not window.close_case_action.isEnabled()  # closed once
    case_item = window.nav.currentItem()
    assert case_item is not None and "deletion date" in case_item.toolTip(0)
    qtbot.waitUntil(lambda: staff._verify_job is None, timeout=20_000)
    qtbot.waitUntil(lambda: window._verify_job is None, timeout=20_000)


def test_legal_places_and_lifts_a_hold_from_the_case_menu(qtbot: QtBot, team: Team) -> None:
    cases.create_case(team.login("alice"), CASE, debtor_name="王芳")
    window = _window(qtbot, team, "lee")
    window.select_case(CASE)
    assert window.hold_action.isEnabled() and not window.lift_hold_action.isEnabled()
    item = window.nav.currentItem()
    assert item is not None
    window._case_menu(window.nav.visualItemRect(item).center())
    menu = window.last_menu
    assert menu is not None
    names = [a.objectName() for a in menu.actions()]
    assert names == ["actionCloseCase", "actionLegalHold", "actionShredCase"]
    menu.close()
    window.hold_action.trigger()
    dialog = _dialog(window)
    dialog.reason.setPlainText("诉讼进行中 litigation pending")
    dialog.submit()
    assert not dialog.isVisible()
    assert "On legal hold since" in window.contact_page.header.text()
    assert "诉讼进行中" in window.contact_page.header.text()
    assert not window.hold_action.isEnabled() and window.lift_hold_action.isEnabled()
    window.lift_hold_action.trigger()
    lift = _dialog(window)
    lift.reason.setPlainText("judgment final")
    lift.submit()
    assert not lift.isVisible()
    assert "On legal hold" not in window.contact_page.header.text()
    kept = retention.retention_of(team.login("lee"), CASE)
    assert kept.active_hold is None and kept.holds[0].lift_reason == "judgment final"
    qtbot.waitUntil(lambda: window._verify_job is None, timeout=20_000)


def test_the_settings_dialog_refuses_a_floor_under_two_years(qtbot: QtBot, team: Team) -> None:
    from evidence_desk.services import settings
    from evidence_desk.ui.settings_dialog import SettingsDialog

    admin = team.login("ada")
    dialog = SettingsDialog(admin)
    qtbot.addWidget(dialog)
    floor = dialog.fields["retention_floor_years"]
    cap = dialog.fields["retention_cap_years"]
    assert isinstance(floor, QLineEdit) and isinstance(cap, QLineEdit)
    assert (floor.text(), cap.text()) == ("2", "5")
    floor.setText("1")
    dialog.save()
    assert "CC-9" in dialog.error_label.text()
    assert settings.get(admin, "retention_floor_years") == "2"
    floor.setText("6")
    cap.setText("8")  # raising both at once: the cap is saved first
    dialog.save()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert (
        settings.get(admin, "retention_floor_years"),
        settings.get(admin, "retention_cap_years"),
    ) == ("6", "8")
