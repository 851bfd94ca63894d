"""PIPL records in the app: an admin files a breach record and reads its notice in both
languages; legal, admins and auditors see the processing records tab; field staff neither."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidget
from pytestqt.qtbot import QtBot

from evidence_desk.domain.models import Role
from evidence_desk.services import breaches, users
from evidence_desk.ui.breach_dialog import BreachDialog
from evidence_desk.ui.main_window import MainWindow
from tests.helpers import ADMIN, FAST_KDF, Team


def _tick(listing: QListWidget, *codes: str) -> None:
    for i in range(listing.count()):
        item = listing.item(i)
        if item.data(Qt.ItemDataRole.UserRole) in codes:
            item.setCheckState(Qt.CheckState.Checked)


def test_an_admin_files_a_breach_record_and_reads_its_notice(qtbot: QtBot, team: Team) -> None:
    window = MainWindow(team.login("ada"))
    qtbot.addWidget(window)
    assert window.breach_action.isEnabled()
    assert window.processing_records is not None  # admins answer to the regulator
    window.breach_action.trigger()
    dialog = window.last_dialog
    assert isinstance(dialog, BreachDialog) and dialog.form is not None
    assert dialog.records.count() == 0
    # refused while incomplete (no harm, no remedy, no contact): said, nothing filed
    dialog.file_button.click()
    assert "PI-5" in dialog.status.text() and dialog.records.count() == 0
    dialog.kind.setCurrentIndex(dialog.kind.findData("wrong_recipient"))
    dialog.cause.setCurrentIndex(dialog.cause.findData("misdirected_export"))
    _tick(dialog.harms, "harassment")
    _tick(dialog.remedies, "recipient_asked_to_delete")
    _tick(dialog.advice, "beware_fraud_calls")
    dialog.contact_name.setText("王敏")
    dialog.contact_phone.setText("021-5555-0100")
    dialog.cases.setValue(1)
    dialog.people.setValue(1)
    dialog.discovered.setDateTime(dialog.discovered.dateTime().addDays(-400))
    with qtbot.waitSignal(dialog.filed, timeout=10_000):
        dialog.file_button.click()
    assert dialog.records.count() == 1
    assert dialog.notice.toPlainText().startswith("个人信息安全事件告知书")
    assert "证据包导出或发送给了错误的接收方" in dialog.notice.toPlainText()
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    english = dialog.notice.toPlainText()
    assert english.startswith("Notice of a personal information incident")
    assert "Contact: 王敏, telephone 021-5555-0100." in english
    assert len(breaches.list_records(team.login("lee"))) == 1
    qtbot.waitUntil(lambda: window._verify_job is None, timeout=20_000)


def test_field_staff_see_neither_and_legal_reads_without_filing(qtbot: QtBot, team: Team) -> None:
    staff = MainWindow(team.login("alice"))
    qtbot.addWidget(staff)
    assert not staff.breach_action.isEnabled() and staff.processing_records is None
    legal = MainWindow(team.login("lee"))
    qtbot.addWidget(legal)
    assert legal.processing_records is not None and legal.breach_action.isEnabled()
    legal.tabs.setCurrentWidget(legal.processing_records)
    assert legal.processing_records.visible_rows() == 0
    legal.breach_action.trigger()
    dialog = legal.last_dialog
    assert isinstance(dialog, BreachDialog) and dialog.form is None  # reads, never files
    # an auditor reads the records (metadata), files nothing
    with team.login(ADMIN) as root:
        users.add_user(root, "audrey", Role.AUDITOR, "audrey-password", kdf=FAST_KDF)
    team.passwords["audrey"] = "audrey-password"
    auditor = MainWindow(team.login("audrey"))
    qtbot.addWidget(auditor)
    assert auditor.processing_records is not None and auditor.breach_action.isEnabled()
    for window in (staff, legal, auditor):
        qtbot.waitUntil(lambda w=window: w._verify_job is None, timeout=20_000)
