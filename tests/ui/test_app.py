"""The app controller: login opens the main window, logout returns to login, language switch."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from evidence_desk.ui import i18n
from evidence_desk.ui.app import Controller
from tests.helpers import Team


def test_login_logout_and_switching_language(qtbot: QtBot, team: Team) -> None:
    controller = Controller(team.path)
    login = controller.show_login()
    qtbot.addWidget(login)
    login.user_edit.setText("alice")
    login.password_edit.setText(team.passwords["alice"])
    login.login_button.click()
    qtbot.waitUntil(lambda: controller.window is not None, timeout=15_000)
    window = controller.window
    assert window is not None and window.isVisible() and not login.isVisible()
    assert window.new_case_action.text() == "New case"
    qtbot.waitUntil(lambda: window._verify_job is None, timeout=30_000)
    try:
        controller.switch_language("zh_CN")
        assert controller.window is not window  # rebuilt, every string retranslated
        assert controller.window.new_case_action.text() == "新建案件"
        assert controller.session is not None and controller.session.user.name == "alice"
    finally:
        i18n.install("en")
    qtbot.waitUntil(lambda: controller.window._verify_job is None, timeout=30_000)
    session = controller.session
    controller.window.logout_action.trigger()
    assert controller.window is None and controller.session is None
    assert controller.login is not None and controller.login.isVisible()
    qtbot.addWidget(controller.login)
    assert session is not None
    try:
        session.conn.execute("SELECT 1")
        closed = False
    except Exception:
        closed = True
    assert closed  # logging out closes the store connection
