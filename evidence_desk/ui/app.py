"""Starting the desktop app: QApplication, language, icon, login, then the main window.

Logging out closes the main window and shows the login again; switching the language rebuilds
the main window on the same session so every string is retranslated.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from evidence_desk import __version__
from evidence_desk.services.session import Session
from evidence_desk.ui import gui_thread_gc, i18n, icons
from evidence_desk.ui.login import LoginDialog
from evidence_desk.ui.main_window import MainWindow


def make_application(argv: list[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        app = existing
    else:
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
            Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
        )
        app = QApplication(argv if argv is not None else sys.argv[:1])
    QCoreApplication.setOrganizationName("EvidenceDesk")
    QCoreApplication.setApplicationName("Evidence Desk")
    QCoreApplication.setApplicationVersion(__version__)
    app.setWindowIcon(icons.app_icon())
    i18n.install(i18n.preferred_language())
    gui_thread_gc.install(app)
    return app


class Controller:
    """Owns the login dialog and the main window for one run of the app."""

    def __init__(self, store: Path | None = None) -> None:
        self.store = store
        self.login: LoginDialog | None = None
        self.window: MainWindow | None = None
        self.session: Session | None = None

    def show_login(self) -> LoginDialog:
        self.login = LoginDialog(self.store)
        self.login.logged_in.connect(self.open_main)
        self.login.show()
        return self.login

    def open_main(self, session: Session) -> MainWindow:
        self.session = session
        self.window = MainWindow(session)
        self.window.logout_requested.connect(self.logout)
        self.window.language_changed.connect(self.switch_language)
        self.window.show()
        return self.window

    def logout(self) -> None:
        if self.window is not None:
            self.window.close()
            self.window.deleteLater()
            self.window = None
        if self.session is not None:
            self.session.close()
            self.session = None
        self.show_login()

    def switch_language(self, language: str) -> None:
        i18n.install(language)
        if self.window is not None and self.session is not None:
            old = self.window
            self.open_main(self.session)
            old.close()
            old.deleteLater()


def run(store: Path | None = None) -> int:
    app = make_application()
    controller = Controller(store)
    controller.show_login()
    code = app.exec()
    if controller.session is not None:
        controller.session.close()
    return int(code)
