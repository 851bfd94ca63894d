"""Conversation view on a paged model, details pane, ledger filter, settings, users, verify."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from evidence_desk.services import importing, reading
from evidence_desk.services import settings as settings_service
from evidence_desk.services import users as user_service
from evidence_desk.ui.conversation import ConversationView
from evidence_desk.ui.conversation_model import DayChangeRole, MessageRole
from evidence_desk.ui.details import DetailsPane
from evidence_desk.ui.ledger_view import LedgerView
from evidence_desk.ui.main_window import MainWindow
from evidence_desk.ui.settings_dialog import SettingsDialog
from evidence_desk.ui.users_dialog import UsersDialog
from evidence_desk.ui.verify_panel import VerifyPanel
from tests.helpers import Team, approved_contact, raw_connection


def _long_chat(tmp_path: Path, count: int) -> Path:
    lines = []
    for n in range(count):
        day, minute = 1 + n // 1000, n % 1000
        sender = "Li Ming" if n % 2 else "Chen Lixin"
        stamp = f"{day:02d}/03/2026, {minute // 60:02d}:{minute % 60:02d}"
        lines.append(f"{stamp} - {sender}: 第 {n} 条 message {n}")
    path = tmp_path / "WhatsApp Chat with Chen Lixin.txt"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return path


def test_a_long_conversation_reads_only_the_pages_it_shows(
    qtbot: QtBot, team: Team, tmp_path: Path
) -> None:
    staff, contact_id = approved_contact(team, tmp_path)
    importing.import_files(staff, contact_id, [_long_chat(tmp_path, 3000)], tz="Asia/Shanghai")
    view = ConversationView(staff)
    qtbot.addWidget(view)
    view.resize(800, 600)
    view.show()
    view.show_contact(contact_id)
    model = view.model
    assert model is not None and model.rowCount() == 3000
    qtbot.wait(50)
    assert model.pages_read <= 4  # first page, last page (scroll range), nothing else
    last = model.index(2999).data(MessageRole)
    assert last.text == "第 2999 条 message 2999"
    # day separators where the local date changes
    assert model.index(0).data(DayChangeRole) is True
    assert model.index(1).data(DayChangeRole) is False
    assert model.index(1000).data(DayChangeRole) is True
    # search jumps deep into the conversation without reading the pages in between
    before = model.pages_read
    view.search("message 2500")
    qtbot.waitUntil(lambda: view.match_label.text() == "1 of 1", timeout=10_000)
    assert view.selected_message().text == "第 2500 条 message 2500"
    assert view.view.currentIndex().row() == 2500
    assert model.pages_read - before <= 3
    # a two-character Chinese query uses the scan path and highlights every match
    view.search("25")
    qtbot.waitUntil(lambda: view.matches != [], timeout=10_000)
    assert all("25" in model.index(model.row_of(k)).data(MessageRole).text for k in view.matches)
    assert view.delegate.query == "25"
    first = view.current_match
    view.next_button.click()
    assert view.current_match == (first + 1) % len(view.matches)
    view.prev_button.click()
    assert view.current_match == first


def test_details_pane_shows_digests_import_and_custody(
    qtbot: QtBot, team: Team, tmp_path: Path
) -> None:
    staff, contact_id = approved_contact(team, tmp_path)
    chat = _long_chat(tmp_path, 5)
    importing.import_files(staff, contact_id, [chat], tz="Asia/Shanghai")
    message = reading.page_at(staff, contact_id, 0, 1)[0]
    pane = DetailsPane(staff)
    qtbot.addWidget(pane)
    pane.show_message(message)
    text = pane.browser.toPlainText()
    import hashlib

    assert hashlib.sha256(chat.read_bytes()).hexdigest() in text
    # the custody's actions in words, as the ledger view shows them (the codes are the ledger's)
    assert "chat imported" in text and "contact approved" in text
    assert "evidence.import" not in text and "contact.approve" not in text
    assert "waiting for a trusted time stamp" in text


def test_ledger_view_filters_by_actor_action_and_text(
    qtbot: QtBot, team: Team, tmp_path: Path
) -> None:
    staff, contact_id = approved_contact(team, tmp_path)
    view = LedgerView(staff)
    qtbot.addWidget(view)
    view.refresh()
    total = view.visible_rows()
    assert total >= 10
    view.actor_combo.setCurrentIndex(view.actor_combo.findData("sam"))
    assert view.visible_rows() == 1
    view.actor_combo.setCurrentIndex(0)
    view.action_combo.setCurrentIndex(view.action_combo.findData("user.add"))
    assert view.visible_rows() == 6
    assert view.action_combo.currentText() == "user added"  # words, the code stays the data
    view.action_combo.setCurrentIndex(0)
    view.text_edit.setText(contact_id)
    assert view.visible_rows() == 2  # the request and the approval


def test_settings_admin_changes_the_zone_staff_only_reads(qtbot: QtBot, team: Team) -> None:
    admin = team.login("ada")
    dialog = SettingsDialog(admin)
    qtbot.addWidget(dialog)
    dialog.fields["timezone"].setText("Mars/Olympus")
    dialog.save()
    assert "IANA" in dialog.error_label.text()
    assert settings_service.get(admin, "timezone") == "Asia/Shanghai"
    dialog.fields["timezone"].setText("Asia/Hong_Kong")
    with qtbot.waitSignal(dialog.language_changed):
        dialog.language.setCurrentIndex(dialog.language.findData("zh_CN"))
        dialog.save()
    assert settings_service.get(admin, "timezone") == "Asia/Hong_Kong"
    staff_dialog = SettingsDialog(team.login("alice"))
    qtbot.addWidget(staff_dialog)
    assert staff_dialog.fields["timezone"].isReadOnly()
    assert "administrator" in staff_dialog.fields["timezone"].toolTip()
    assert not staff_dialog.tsa_add.isEnabled()


def test_admin_adds_a_user_and_resets_a_password(qtbot: QtBot, team: Team) -> None:
    dialog = UsersDialog(team.login("ada"))
    qtbot.addWidget(dialog)
    rows = dialog.table.rowCount()
    dialog.name.setText("carol")
    dialog.role.setCurrentIndex(dialog.role.findData("legal"))
    dialog.password.setText("short")
    dialog.add_user()
    qtbot.waitUntil(lambda: "at least 8" in dialog.message.text(), timeout=10_000)
    assert dialog.table.rowCount() == rows
    dialog.password.setText("carol-password")
    dialog.add_user()
    qtbot.waitUntil(lambda: dialog.table.rowCount() == rows + 1, timeout=20_000)
    assert user_service.get_user(dialog.session, "carol").role == "legal"
    dialog.table.selectRow(
        next(r for r in range(dialog.table.rowCount()) if dialog.table.item(r, 0).text() == "bob")
    )
    dialog.reset_password.setText("bob-new-password")
    dialog.reset()
    qtbot.waitUntil(lambda: "new signing key" in dialog.message.text(), timeout=20_000)


def test_verify_panel_locates_a_tampered_row(qtbot: QtBot, team: Team, tmp_path: Path) -> None:
    staff, contact_id = approved_contact(team, tmp_path)
    panel = VerifyPanel(staff)
    qtbot.addWidget(panel)
    job = panel.run()
    qtbot.waitUntil(lambda: panel.report is not None, timeout=30_000)
    assert job is not None and panel.report.intact and "INTACT" in panel.verdict.text()
    conn = raw_connection(team.path, "alice", team.passwords["alice"])
    conn.execute(
        "UPDATE contacts SET reason = 'edited outside the app' WHERE id = ?", (contact_id,)
    )
    conn.close()
    panel.report = None
    panel.run()
    qtbot.waitUntil(lambda: panel.report is not None, timeout=30_000)
    assert "PROBLEMS FOUND" in panel.verdict.text()
    cells = [panel.table.item(r, 2).text() for r in range(panel.table.rowCount())]
    assert any(contact_id in cell for cell in cells)


def test_main_window_status_bar_reports_a_broken_store(
    qtbot: QtBot, team: Team, tmp_path: Path
) -> None:
    staff, contact_id = approved_contact(team, tmp_path)
    conn = raw_connection(team.path, "alice", team.passwords["alice"])
    conn.execute("UPDATE contacts SET handle = '+8613999999999' WHERE id = ?", (contact_id,))
    conn.close()
    window = MainWindow(staff)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: "problem" in window.integrity_label.text(), timeout=30_000)
    assert window.verify_panel.table.rowCount() >= 1


def test_a_note_on_a_message_from_the_context_menu(
    qtbot: QtBot, team: Team, tmp_path: Path
) -> None:
    from evidence_desk.services import review

    staff, contact_id = approved_contact(team, tmp_path)
    importing.import_files(staff, contact_id, [_long_chat(tmp_path, 3)], tz="Asia/Shanghai")
    view = ConversationView(staff)
    from evidence_desk.ui.review_ui import TagController

    view.set_tags(TagController(staff, review, view))
    qtbot.addWidget(view)
    view.show_contact(contact_id)
    message = view.model.index(1).data(MessageRole)
    dialog = view.tags.ask_note(message.rowid)
    dialog.setTextValue("debtor confirms the amount here")
    dialog.accept()
    notes = review.list_tags(staff, contact_id=contact_id, tag="note")
    assert [(n.message_id, n.note) for n in notes] == [
        (message.rowid, "debtor confirms the amount here")
    ]
    assert "note" in view.model.index(1).data(MessageRole + 3)  # the badge on the bubble


def test_image_attachments_get_thumbnails_from_the_sealed_zip(
    qtbot: QtBot, team: Team, tmp_path: Path
) -> None:
    from tests.ui.conftest import whatsapp_zip

    staff, contact_id = approved_contact(team, tmp_path)
    importing.import_files(staff, contact_id, [whatsapp_zip(tmp_path / "z")], tz="Asia/Shanghai")
    view = ConversationView(staff)
    qtbot.addWidget(view)
    view.resize(700, 500)
    view.show()
    view.show_contact(contact_id)
    model = view.model
    row = next(r for r in range(model.rowCount()) if model.index(r).data(MessageRole).attachments)
    message = model.index(row).data(MessageRole)
    attachment = message.attachments[0]
    assert attachment["state"] == "exported"
    with qtbot.waitSignal(view.thumbnails.loaded, timeout=10_000):
        assert view.thumbnails.get(message.first_import, attachment["member"]) is None
    image = view.thumbnails.get(message.first_import, attachment["member"])
    assert image is not None and (image.width(), image.height()) == (64, 48)


def test_a_recording_item_shows_what_its_file_states(
    qtbot: QtBot, team: Team, tmp_path: Path
) -> None:
    from evidence_desk.services import contacts, importing
    from evidence_desk.services.demo import visit_recording_wav

    staff, contact_id = approved_contact(team, tmp_path)
    recording = tmp_path / "visit.wav"
    recording.write_bytes(visit_recording_wav(seconds=3725, rate=200))  # 1 h 2 min 5 s, kept small
    importing.import_files(staff, contact_id, [recording], tz="Asia/Shanghai")
    [item] = [i for i in contacts.contact_items(staff, contact_id) if i.role == "recording"]
    pane = DetailsPane(staff)
    qtbot.addWidget(pane)
    pane.show_item(item)
    text = pane.browser.toPlainText()
    assert "Recording" in text and "audio recording · wav" in text
    assert "1:02:05" in text and "pcm" in text
    assert "not stated in the file" in text  # a bare WAV names no device and no time
