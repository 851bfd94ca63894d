"""Every toolbar action in view at 1360 px, in English and in Chinese, for the roles with the
most actions: one row of 19 hid the last ones (signing certificates, the checkpoints, log out)
behind its » menu. A real store, the real window offscreen."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QToolBar, QToolButton
from pytestqt.qtbot import QtBot

from evidence_desk.ui import i18n
from evidence_desk.ui.main_window import MainWindow
from tests.helpers import ADMIN, Team


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
@pytest.mark.parametrize("name", [ADMIN, "lee", "alice"])
def test_no_action_hides_behind_the_overflow_at_1360_px(
    qtbot: QtBot, team: Team, lang: str, name: str
) -> None:
    i18n.install(lang)
    try:
        window = MainWindow(team.login(name))
        qtbot.addWidget(window)
        window.resize(1360, 820)
        window.show()
        qtbot.waitExposed(window)
        shown = 0
        for toolbar in window.findChildren(QToolBar):
            extension = toolbar.findChild(QToolButton, "qt_toolbar_ext_button")
            assert extension is None or not extension.isVisible(), toolbar.objectName()
            for action in toolbar.actions():
                if action.isSeparator() or not action.isVisible():
                    continue
                button = toolbar.widgetForAction(action)
                assert button is not None and button.isVisible(), action.objectName()
                assert button.geometry().right() <= toolbar.width(), action.objectName()
                shown += 1
        assert shown >= 17  # the case work, the queue, ledger, verify and the store's tools
    finally:
        i18n.install("en")
