"""Backup and restore from the admin's window: real snapshot, real checks, nothing overwritten."""

from __future__ import annotations

import re
from pathlib import Path

from pytestqt.qtbot import QtBot

from evidence_desk.services import backup as backup_service
from evidence_desk.services import cases
from evidence_desk.services.session import Session
from evidence_desk.services.verify import verify_store
from evidence_desk.ui.backup_dialog import BackupDialog
from tests.helpers import ADMIN, ADMIN_PASSWORD, Team, ledger_size


def test_admin_backs_up_checks_and_restores_through_the_dialog(
    qtbot: QtBot, team: Team, tmp_path: Path
) -> None:
    cases.create_case(team.login("alice"), "2026-B-1", debtor_name="赵六")
    admin = team.login(ADMIN)
    size = ledger_size(admin)
    dialog = BackupDialog(admin)
    qtbot.addWidget(dialog)
    out = tmp_path / "store.edbackup"
    dialog.out_path.setText(str(out))
    dialog.start_backup()
    qtbot.waitUntil(lambda: dialog.job is None, timeout=60_000)
    assert "Backup written" in dialog.message.text(), dialog.message.text()
    # each count in its own form (the store holds more than one entry and no original)
    assert size > 1 and re.fullmatch(
        rf"Backup written: {size} ledger entries, 0 originals, [0-9]+ bytes\.",
        dialog.message.text(),
    ), dialog.message.text()
    assert out.is_file()

    # a second backup to the same file is refused: a backup never overwrites
    dialog.start_backup()
    qtbot.waitUntil(lambda: dialog.job is None, timeout=60_000)
    assert "already exists" in dialog.message.text()

    dialog.backup_file.setText(str(out))
    dialog.admin_name.setText(ADMIN)
    dialog.password.setText("wrong password")
    dialog.start_restore(check_only=True)
    qtbot.waitUntil(lambda: dialog.job is None, timeout=60_000)
    assert "Backup written" not in dialog.message.text()
    assert "intact" not in dialog.message.text()

    dialog.password.setText(ADMIN_PASSWORD)
    dialog.start_restore(check_only=True)
    qtbot.waitUntil(lambda: dialog.job is None, timeout=60_000)
    assert "intact" in dialog.message.text(), dialog.message.text()
    assert dialog.message.text().startswith(f"The backup is intact: {size} ledger entries, made ")

    # restoring over the live store is refused without "replace"
    dialog.target.setText(str(team.path))
    dialog.password.setText(ADMIN_PASSWORD)
    dialog.start_restore(check_only=False)
    qtbot.waitUntil(lambda: dialog.job is None, timeout=60_000)
    assert "already holds files" in dialog.message.text(), dialog.message.text()

    restored = tmp_path / "restored"
    dialog.target.setText(str(restored))
    dialog.password.setText(ADMIN_PASSWORD)
    dialog.start_restore(check_only=False)
    qtbot.waitUntil(lambda: dialog.job is None, timeout=60_000)
    assert dialog.message.text().startswith(f"Restored: {size} ledger entries, made ")
    with Session.open(restored, ADMIN, ADMIN_PASSWORD) as copy:
        assert ledger_size(copy) == size
        assert verify_store(copy).intact


def test_only_admins_see_backup_enabled(qtbot: QtBot, team: Team) -> None:
    from evidence_desk.ui.main_window import MainWindow

    for name, enabled in ((ADMIN, True), ("alice", False), ("lee", False)):
        window = MainWindow(team.login(name))
        qtbot.addWidget(window)
        assert window.backup_action.isEnabled() is enabled
        if not enabled:
            assert window.backup_action.property("denied_reason")


def test_restore_with_replace_over_the_logged_in_store_is_refused(
    qtbot: QtBot, team: Team, tmp_path: Path
) -> None:
    """The admin's own session has the store open: on Windows its files make the folder
    impossible to move, elsewhere the session would go on writing into the moved-aside store.
    The dialog says so and leaves the store, and the session, as they were."""
    admin = team.login(ADMIN)
    dialog = BackupDialog(admin)
    qtbot.addWidget(dialog)
    out = tmp_path / "store.edbackup"
    dialog.out_path.setText(str(out))
    dialog.start_backup()
    qtbot.waitUntil(lambda: dialog.job is None, timeout=60_000)
    assert out.is_file(), dialog.message.text()
    staff = team.login("alice")
    cases.create_case(staff, "2026-B-2", debtor_name="钱七")  # the live store moves on

    dialog.backup_file.setText(str(out))
    dialog.target.setText(str(team.path))
    dialog.admin_name.setText(ADMIN)
    dialog.password.setText(ADMIN_PASSWORD)
    dialog.replace.setChecked(True)
    dialog.start_restore(check_only=False)
    qtbot.waitUntil(lambda: dialog.job is None, timeout=60_000)
    shown = dialog.message.text()
    assert "you are logged into" in shown and str(team.path) in shown, shown
    assert not isinstance(dialog.outcome, backup_service.RestoreResult)  # nothing restored
    assert not list(team.path.parent.glob("store.before-restore-*"))
    cases.create_case(staff, "2026-B-3", debtor_name="孙八")  # still writes to the live store
    assert cases.get_case(staff, "2026-B-3").debtor_name == "孙八"
    with Session.open(team.path, ADMIN, ADMIN_PASSWORD) as check:
        assert verify_store(check).intact
