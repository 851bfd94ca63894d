"""The whole story through the widgets: request with documents, approve, import, tag, export.

Every step logs in through the login dialog as the person who does it, and drives the same
widgets people click; assertions read the store back through the services.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDropEvent
from pytestqt.qtbot import QtBot

from evidence_desk.services import contacts, reading, review
from evidence_desk.services.verify import verify_store
from evidence_desk.ui.contact_page import ItemRole
from evidence_desk.ui.conversation_model import MessageRole
from evidence_desk.ui.login import LoginDialog
from evidence_desk.ui.main_window import MainWindow
from tests.helpers import Team
from tests.ui.conftest import png_bytes, screenshots, whatsapp_zip


def login(qtbot: QtBot, team: Team, name: str) -> MainWindow:
    dialog = LoginDialog(team.path)
    qtbot.addWidget(dialog)
    dialog.user_edit.setText(name)
    dialog.password_edit.setText(team.passwords[name])
    with qtbot.waitSignal(dialog.logged_in, timeout=15_000) as opened:
        dialog.login_button.click()
    session = opened.args[0]
    session.clock = team.clock
    team._open.append(session)
    window = MainWindow(session)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window._verify_job is None, timeout=30_000)
    return window


def drop_files(widget: object, paths: list[Path]) -> None:
    """Deliver a real drop event carrying file URLs, as a file manager would."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    event = QDropEvent(
        QPoint(5, 5),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    widget.dropEvent(event)  # type: ignore[attr-defined]


def test_full_story_request_approve_import_tag(qtbot: QtBot, team: Team, tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    identity = docs / "identity.png"
    identity.write_bytes(png_bytes((250, 220, 200)))
    debt = docs / "debt-confirmation.txt"
    debt.write_text("债务确认书：本人陈立新确认欠款 48600 元。\n", "utf-8")

    # 1. staff opens a case and requests the contact, dropping the documents onto the form
    alice = login(qtbot, team, "alice")
    alice.new_case_action.trigger()
    case_dialog = alice.last_dialog
    case_dialog.case_no.setText("2026-SH-0009")
    case_dialog.debtor.setText("陈立新")
    case_dialog.amount.setText("48600")
    case_dialog.submit()
    assert alice.current_case_no() == "2026-SH-0009"
    alice.request_action.trigger()
    form = alice.last_dialog
    assert "identity proof and debt confirmation" in form.hint.text()
    form.channel.setCurrentIndex(form.channel.findData("whatsapp"))
    form.handle.setText("+8613800000000")
    form.display_name.setText("Chen Lixin")
    form.consent.setChecked(True)
    form.reason.setPlainText("the debtor added us and asked to talk about repayment")
    drop_files(form.pickers["identity_proof"].list, [identity])
    drop_files(form.pickers["debt_confirmation"].list, [debt])
    assert form.pickers["identity_proof"].paths() == [identity]
    assert "Required documents attached" in form.hint.text()
    with qtbot.waitSignal(form.requested, timeout=20_000):
        form.submit()
    assert not form.isVisible(), form.error_label.text()
    contact = alice.current_contact()
    assert contact is not None and contact.status == "requested"
    assert not alice.import_action.isEnabled()  # not approved yet
    alice.logout_action.trigger()

    # 2. the supervisor sees the request with its documents previewed and approves it
    sam = login(qtbot, team, "sam")
    sam.approvals_action.trigger()
    queue = sam.approvals
    assert sam.tabs.currentWidget() is queue
    assert queue.select(contact.id)
    assert queue.documents.count() == 2
    rows = {queue.documents.item(i).text(): i for i in range(2)}
    queue.documents.setCurrentRow(rows["identity proof: identity.png"])
    assert not queue.preview.label.pixmap().isNull()  # the image is shown
    queue.documents.setCurrentRow(rows["debt confirmation: debt-confirmation.txt"])
    assert "48600" in queue.preview.label.text()
    assert queue.approve_button.isEnabled()
    queue.note_edit.setPlainText("identity and debt confirmed")
    queue.approve_button.click()
    assert "approved" in queue.message.text()
    assert contacts.get_contact(sam.session, contact.id).status == "approved"

    # 3. staff imports a WhatsApp zip and two screenshots, with progress
    alice = login(qtbot, team, "alice")
    assert alice.select_contact(contact.id)
    assert alice.import_action.isEnabled()
    alice.import_action.trigger()
    wizard = alice.last_dialog
    files = [whatsapp_zip(tmp_path / "export"), *screenshots(tmp_path / "shots")]
    drop_files(wizard.files.list, files)
    assert wizard.next_button.isEnabled()
    wizard.next_button.click()
    qtbot.waitUntil(lambda: wizard.pages.currentWidget() is wizard.page_preview, timeout=20_000)
    preview_text = wizard.preview_view.toPlainText()
    assert "whatsapp" in preview_text.lower()
    assert "6 (0 already stored)" in preview_text
    assert preview_text.count("screenshot") >= 2
    with qtbot.waitSignal(wizard.imported, timeout=30_000):
        wizard.next_button.click()  # "Import"
    assert wizard.progress_values[-1] == 100 and len(wizard.progress_values) >= 4
    assert "6 messages (6 new), 2 screenshots" in wizard.summary.toPlainText()
    wizard.cancel_button.click()  # "Close"
    view = alice.contact_page.conversation
    qtbot.waitUntil(lambda: view.model is not None and view.model.rowCount() == 6, timeout=5000)
    assert alice.contact_page.items.count() == 2 + 1 + 2  # documents, the zip, 2 screenshots
    qtbot.waitUntil(lambda: "intact" in alice.integrity_label.text(), timeout=30_000)

    # search with highlight and next / previous
    view.search_edit.setText("5000")
    view.search_edit.returnPressed.emit()
    qtbot.waitUntil(lambda: view.match_label.text() == "1 of 2", timeout=10_000)
    view.next_button.click()
    assert view.match_label.text() == "2 of 2"
    assert "5000" in view.selected_message().text
    assert view.delegate.query == "5000"

    # 4. tag the promise to pay from the message's context menu (review service)
    view.search("先还")
    qtbot.waitUntil(lambda: view.match_label.text() == "1 of 1", timeout=10_000)
    message = view.selected_message()
    assert message is not None
    from PySide6.QtWidgets import QMenu

    menu = QMenu()
    view.tags.build_menu(menu, message)
    action = next(
        a
        for a in menu.findChildren(type(menu.actions()[0]))
        if a.objectName() == "tag_promise_to_pay"
    )
    action.trigger()
    index = view.view.currentIndex()
    assert "promise_to_pay" in index.data(MessageRole + 3)  # TagsRole
    assert [t.tag for t in review.list_tags(alice.session, contact_id=contact.id)] == [
        "promise_to_pay"
    ]
    # and a screenshot from the items list's context menu
    page = alice.contact_page
    shot = next(
        page.items.item(i).data(ItemRole)
        for i in range(page.items.count())
        if page.items.item(i).data(ItemRole).role == "screenshot"
    )
    assert page.tag_item(shot, "debt_ack")
    assert any(
        "Debt acknowledgement" in page.items.item(i).text() for i in range(page.items.count())
    )
    assert verify_store(alice.session).intact
    assert reading.count(alice.session, contact.id) == 6
    # the screenshots are read in the background (ocr.read entries): done before legal exports,
    # whose custody names the seq its own entry takes (an entry written meanwhile: export again)
    qtbot.waitUntil(lambda: alice.contact_page.reader.job is None, timeout=120_000)
    alice.logout_action.trigger()

    # 5. legal exports the court bundle for the case and verifies it
    lee = login(qtbot, team, "lee")
    assert lee.select_case("2026-SH-0009")
    assert lee.bundle_action.isEnabled()
    lee.bundle_action.trigger()
    dialog = lee.last_dialog
    dialog.out_dir.setText(str(tmp_path / "bundles"))
    dialog.stamp_first.setChecked(False)
    # the export asks who receives it and why (PIPL arts. 55-56) before it can run
    assert not dialog.export_button.isEnabled()
    dialog.recipient_kind.setCurrentIndex(dialog.recipient_kind.findData("court"))
    dialog.recipient_name.setText("上海市浦东新区人民法院")
    dialog.purpose.setText("民事诉讼 civil suit")
    assert dialog.export_button.isEnabled()
    with qtbot.waitSignal(dialog.exported, timeout=120_000):
        dialog.export_button.click()
    result = dialog.export_result
    assert result.pdf_paths[0].read_bytes().startswith(b"%PDF")
    assert result.messages_included == 6
    assert result.processing_record_id in dialog.summary.toPlainText()
    # each count in its own form
    exhibits = f"{result.exhibits} exhibit" + ("" if result.exhibits == 1 else "s")
    pages = f"{result.pages} page" + ("" if result.pages == 1 else "s")
    assert f"{exhibits}, {pages}, 6 messages included (" in dialog.summary.toPlainText()
    assert dialog.open_pdf_button.isVisible() and dialog.show_kit_button.isVisible()
    dialog.verify_button.click()
    qtbot.waitUntil(lambda: dialog.kit_verdict is not None, timeout=60_000)
    assert dialog.kit_verdict.intact is True, dialog.kit_verdict
    assert "every exhibit OK (" in dialog.status.text()
    assert " checks)." in dialog.status.text()  # a kit holds more than one check
    assert "organisation's key list" in dialog.status.text()  # what a court needs besides
    # the verify panel checks the same kit with no store involved: intact, but nothing outside
    # the kit (the pinned folder is empty) vouches for its signers
    lee.show_verify()
    panel = lee.verify_panel
    panel.check_bundle(result.kit_path)
    qtbot.waitUntil(lambda: "BUNDLE INTACT BUT UNTRUSTED" in panel.verdict.text(), timeout=60_000)
    assert "signer lee (legal, key " in panel.verdict.text()
    assert panel.table.rowCount() >= 1
