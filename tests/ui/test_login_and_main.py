"""Logging in and the main window: clear errors, role-aware actions, background verify."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from evidence_desk.services import cases
from evidence_desk.ui.login import LoginDialog
from evidence_desk.ui.main_window import MainWindow
from tests.helpers import Team, approved_contact


def _log_in(qtbot: QtBot, dialog: LoginDialog, user: str, password: str) -> None:
    dialog.user_edit.setText(user)
    dialog.password_edit.setText(password)
    dialog.login_button.click()


def test_wrong_password_is_reported_in_the_dialog_and_right_one_opens(
    qtbot: QtBot, team: Team
) -> None:
    dialog = LoginDialog(team.path)
    qtbot.addWidget(dialog)
    dialog.show()
    _log_in(qtbot, dialog, "alice", "not-her-password")
    qtbot.waitUntil(lambda: "wrong password" in dialog.error_label.text(), timeout=10_000)
    assert dialog.session is None and dialog.login_button.isEnabled()
    with qtbot.waitSignal(dialog.logged_in, timeout=15_000) as opened:
        _log_in(qtbot, dialog, "alice", team.passwords["alice"])
    session = opened.args[0]
    assert session.user.name == "alice"
    session.close()


def test_login_names_a_folder_that_is_not_a_store(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = LoginDialog(tmp_path / "nowhere")
    qtbot.addWidget(dialog)
    _log_in(qtbot, dialog, "alice", "whatever-password")
    qtbot.waitUntil(lambda: "store" in dialog.error_label.text().lower(), timeout=10_000)
    assert dialog.session is None


def test_first_run_creates_a_store_with_its_admin(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = LoginDialog(tmp_path / "new-store")
    qtbot.addWidget(dialog)
    dialog.user_edit.setText("boss")
    dialog.password_edit.setText("short")
    dialog.create_button.click()
    qtbot.waitUntil(lambda: "at least 8" in dialog.error_label.text(), timeout=10_000)
    assert not (tmp_path / "new-store" / "store.json").exists()
    dialog.password_edit.setText("a-long-enough-password")
    with qtbot.waitSignal(dialog.logged_in, timeout=30_000) as opened:
        dialog.create_button.click()
    session = opened.args[0]
    assert session.user.name == "boss" and session.user.role == "admin"
    assert (tmp_path / "new-store" / "store.json").exists()
    session.close()


def test_main_window_is_role_aware_and_verifies_in_the_background(
    qtbot: QtBot, team: Team, tmp_path: Path
) -> None:
    staff, contact_id = approved_contact(team, tmp_path)
    window = MainWindow(staff)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: "intact" in window.integrity_label.text(), timeout=20_000)
    assert "queued" in window.stamp_label.text()  # no TSA configured: everything waits
    # staff may not manage users: disabled, and the tooltip says who may
    assert not window.users_action.isEnabled()
    assert "administrator" in window.users_action.toolTip()
    assert not window.bundle_action.isEnabled()
    # nothing selected: import explains what to select
    window.nav.setCurrentItem(None)
    assert not window.import_action.isEnabled()
    assert "approved contact" in window.import_action.toolTip()
    assert window.select_contact(contact_id)
    assert window.import_action.isEnabled()
    assert window.contact_page.conversation.model is not None


def test_legal_sees_cases_but_cannot_request_or_import(
    qtbot: QtBot, team: Team, tmp_path: Path
) -> None:
    staff, contact_id = approved_contact(team, tmp_path)
    cases.create_case(staff, "2026-SH-2", debtor_name="王芳")
    legal = team.login("lee")
    window = MainWindow(legal)
    qtbot.addWidget(window)
    assert window.nav.topLevelItemCount() == 2
    assert not window.request_action.isEnabled()
    assert "legal team" in window.request_action.toolTip()
    window.select_contact(contact_id)
    assert not window.import_action.isEnabled()
    qtbot.waitUntil(lambda: window._verify_job is None, timeout=20_000)


def test_new_store_in_a_sync_folder_is_refused_in_the_login_window(
    qtbot: QtBot, tmp_path: Path
) -> None:
    store = tmp_path / "我的坚果云" / "store"
    dialog = LoginDialog(store)
    qtbot.addWidget(dialog)
    dialog.user_edit.setText("boss")
    dialog.password_edit.setText("a-long-enough-password")
    dialog.create_button.click()
    text = dialog.error_label.text()
    assert "Refused by a rule." in text and str(tmp_path / "我的坚果云") in text
    assert "organisation hub" in text and "Nutstore" in text
    assert not store.exists() and dialog.session is None
    assert dialog.create_button.isEnabled()


def test_main_window_warns_of_a_store_in_a_synced_folder(
    qtbot: QtBot, team: Team, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OneDrive", str(team.path.parent))
    window = MainWindow(team.login("alice"))
    qtbot.addWidget(window)
    assert window.location_label.isVisibleTo(window)
    assert "synced or network folder" in window.location_label.text()
    assert "OneDrive" in window.location_label.toolTip()
    monkeypatch.delenv("OneDrive")
    quiet = MainWindow(team.login("bob"))
    qtbot.addWidget(quiet)
    assert not quiet.location_label.isVisibleTo(quiet)
