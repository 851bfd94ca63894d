"""The read log screen: supervisors, auditors and admins see who read what; an auditor's window
shows metadata and never opens a conversation."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from evidence_desk.domain.models import Role
from evidence_desk.services import users
from evidence_desk.ui.main_window import MainWindow
from tests.helpers import ADMIN, FAST_KDF, Team, approved_contact


def test_the_read_log_tab_lists_a_conversation_opened_in_the_app(
    qtbot: QtBot, team: Team, tmp_path: Path
) -> None:
    staff, contact_id = approved_contact(team, tmp_path)
    reader = MainWindow(staff)
    qtbot.addWidget(reader)
    assert reader.access_log is None  # field staff do not read the log
    assert reader.select_contact(contact_id)  # opens the conversation: one logged read
    qtbot.waitUntil(lambda: reader._verify_job is None, timeout=20_000)

    supervisor = MainWindow(team.login("sue"))
    qtbot.addWidget(supervisor)
    view = supervisor.access_log
    assert view is not None
    supervisor.tabs.setCurrentWidget(view)
    assert view.visible_rows() == 1
    row = [view.model.index(0, column).data() for column in range(7)]
    assert row[2:6] == ["alice", "2026-SH-1", "opened the conversation", contact_id]
    # filtering by a reader who read nothing empties the list; "all" brings it back
    view.user_combo.addItem("bob", "bob")
    view.user_combo.setCurrentIndex(view.user_combo.findData("bob"))
    assert view.visible_rows() == 0
    view.user_combo.setCurrentIndex(0)
    view.case_combo.setCurrentIndex(view.case_combo.findData("2026-SH-1"))
    assert view.visible_rows() == 1
    qtbot.waitUntil(lambda: supervisor._verify_job is None, timeout=20_000)


def test_an_auditor_sees_cases_and_the_read_log_but_no_conversation(
    qtbot: QtBot, team: Team, tmp_path: Path
) -> None:
    _staff, contact_id = approved_contact(team, tmp_path)
    with team.login(ADMIN) as root:
        users.add_user(root, "audrey", Role.AUDITOR, "audrey-password", kdf=FAST_KDF)
    team.passwords["audrey"] = "audrey-password"
    auditor = team.login("audrey")
    window = MainWindow(auditor)
    qtbot.addWidget(window)
    assert "auditor" in window.windowTitle()
    assert window.nav.topLevelItemCount() == 1  # the case, with its contact
    assert window.select_contact(contact_id)
    assert window.contact_page.conversation.model is None  # no content is read
    assert not window.import_action.isEnabled() and not window.bundle_action.isEnabled()
    assert window.access_log is not None
    window.tabs.setCurrentWidget(window.access_log)
    assert window.access_log.visible_rows() == 0  # the auditor's own browsing read nothing
    assert auditor.conn.execute("SELECT count(*) FROM access_log").fetchone()[0] == 0
    qtbot.waitUntil(lambda: window._verify_job is None, timeout=20_000)
