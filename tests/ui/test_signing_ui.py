"""PDF signing certificates in the app (issue 21 item 1): an admin creates the CA and issues a
legal user a certificate; a legal user imports their PKCS#12; field staff cannot open it."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from pytestqt.qtbot import QtBot

from evidence_desk.services import signing_certs
from evidence_desk.ui.main_window import MainWindow
from evidence_desk.ui.signing_dialog import SigningDialog
from tests.helpers import Team, pkcs12_identity


def _dialog(qtbot: QtBot, team: Team, name: str) -> tuple[MainWindow, SigningDialog]:
    window = MainWindow(team.login(name))
    qtbot.addWidget(window)
    assert window.signing_action.isEnabled()
    window.signing_action.trigger()
    dialog = window.last_dialog
    assert isinstance(dialog, SigningDialog)
    return window, dialog


def test_an_admin_creates_the_ca_and_issues_the_legal_user_a_certificate(
    qtbot: QtBot, team: Team
) -> None:
    window, dialog = _dialog(qtbot, team, "ada")
    assert dialog.admin_box is not None and dialog.import_box is None
    before = dialog.certs.count()  # the team's CA and lee's certificate
    assert before == 2
    with qtbot.waitSignal(dialog.changed, timeout=10_000):
        dialog.create_button.click()
    assert dialog.holder.findData("lee") >= 0
    dialog.holder.setCurrentIndex(dialog.holder.findData("lee"))
    with qtbot.waitSignal(dialog.changed, timeout=10_000):
        dialog.issue_button.click()
    assert dialog.certs.count() == before + 2
    assert "CN=lee" in dialog.status.text()
    assert (
        signing_certs.signer(team.login("lee"))
        .cert.issuer.rfc4514_string()
        .startswith("CN=PDF signing CA Evidence Desk")
    )
    qtbot.waitUntil(lambda: window._verify_job is None, timeout=20_000)


def test_a_legal_user_imports_a_pkcs12_and_a_wrong_password_is_said(
    qtbot: QtBot, team: Team, tmp_path: Path
) -> None:
    team.clock.now = datetime.now(UTC).replace(microsecond=0)  # the PKCS#12 is valid from now
    window, dialog = _dialog(qtbot, team, "lee")
    assert dialog.import_box is not None and dialog.admin_box is None
    assert dialog.certs.count() == 1  # only lee's own
    p12 = tmp_path / "lee.p12"
    p12.write_bytes(pkcs12_identity("Lee Licensed"))
    dialog.p12_path.setText(str(p12))
    dialog.p12_password.setText("wrong")
    dialog.import_button.click()
    assert dialog.certs.count() == 1 and "password" in dialog.status.text()
    assert dialog.p12_password.text() == ""  # never kept
    dialog.p12_password.setText("p12-password")
    with qtbot.waitSignal(dialog.changed, timeout=10_000):
        dialog.import_button.click()
    assert dialog.certs.count() == 2
    qtbot.waitUntil(lambda: window._verify_job is None, timeout=20_000)


def test_field_staff_cannot_open_it(qtbot: QtBot, team: Team) -> None:
    window = MainWindow(team.login("alice"))
    qtbot.addWidget(window)
    assert not window.signing_action.isEnabled()
    qtbot.waitUntil(lambda: window._verify_job is None, timeout=20_000)
