"""The import wizard: unticking participants and chats leaves them out (PI-2)."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from evidence_desk.services import contacts, reading
from evidence_desk.services.leave_out import participant_digest
from evidence_desk.ui.import_wizard import ImportWizard
from tests.helpers import Team, approved_contact, opened_imports

GROUP_CHAT = (
    "05/01/2026, 09:00 - Li Ming: 您好，我是示例汽车金融的李明。\n"
    "05/01/2026, 09:05 - Chen Lixin: 知道了\n"
    "05/01/2026, 09:06 - Zhao Qiang: 我是他朋友\n"
    "05/01/2026, 09:07 - Chen Lixin: 我 1 月 20 号先还 5000\n"
)
TELEGRAM_FULL = Path(__file__).parents[1] / "importers/fixtures/telegram/full_export_result.json"


def _untick(wizard: ImportWizard, widget_name: str, key: str) -> None:
    widget = wizard.chat_list if widget_name == "chats" else wizard.participant_list
    for row in range(widget.count()):
        item = widget.item(row)
        if item.data(Qt.ItemDataRole.UserRole) == key:
            item.setCheckState(Qt.CheckState.Unchecked)
            return
    raise AssertionError(f"{key} not offered")


def test_unticking_a_participant_previews_and_imports_without_them(
    qtbot: QtBot, team: Team, tmp_path: Path
) -> None:
    staff, contact_id = approved_contact(team, tmp_path)
    chat = tmp_path / "WhatsApp Chat with Chen Lixin.txt"
    chat.write_text(GROUP_CHAT, encoding="utf-8")
    wizard = ImportWizard(staff, contacts.get_contact(staff, contact_id))
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.add_paths([chat])
    wizard.next_button.click()
    qtbot.waitUntil(lambda: wizard.pages.currentWidget() is wizard.page_preview, timeout=20_000)
    offered = [
        wizard.participant_list.item(r).text() for r in range(wizard.participant_list.count())
    ]
    assert offered == ["Li Ming", "Chen Lixin", "Zhao Qiang"]
    assert wizard.chat_list.isHidden()  # a single-chat export: nothing to choose
    _untick(wizard, "participants", "Zhao Qiang")
    qtbot.waitUntil(
        lambda: (
            wizard.job is None
            and wizard.preview is not None
            and wizard.preview.chats[0].left_out_messages == 1
        ),
        timeout=20_000,
    )
    assert "Zhao Qiang" in wizard.preview_view.toPlainText()  # the "left out" row names them
    assert wizard.next_button.isEnabled()
    wizard.next_button.click()
    qtbot.waitUntil(lambda: wizard.import_result is not None, timeout=20_000)
    assert wizard.import_result is not None and wizard.import_result.messages_total == 3
    texts = [m.text for m in reading.list_messages(staff, contact_id)]
    assert "我是他朋友" not in texts and len(texts) == 3
    details = json.loads(opened_imports(staff)[0]["details"])
    assert details["left_out"]["participants"] == [participant_digest("Zhao Qiang")]


def test_a_multi_chat_export_needs_all_chats_but_one_unticked(
    qtbot: QtBot, team: Team, tmp_path: Path
) -> None:
    staff, contact_id = approved_contact(
        team, tmp_path, channel="telegram", handle="wangfang", display_name="王芳"
    )
    wizard = ImportWizard(staff, contacts.get_contact(staff, contact_id))
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.add_paths([TELEGRAM_FULL])
    wizard.next_button.click()
    qtbot.waitUntil(lambda: wizard.pages.currentWidget() is wizard.page_preview, timeout=20_000)
    assert wizard.chat_list.count() == 3 and not wizard.next_button.isEnabled()
    _untick(wizard, "chats", "4444444")
    qtbot.waitUntil(lambda: wizard.job is None, timeout=20_000)
    assert not wizard.next_button.isEnabled()  # two chats still in
    _untick(wizard, "chats", "2222222")
    qtbot.waitUntil(
        lambda: wizard.job is None and wizard.preview is not None and bool(wizard.preview.chats),
        timeout=20_000,
    )
    assert wizard.preview.chats[0].title == "王芳" and wizard.next_button.isEnabled()
