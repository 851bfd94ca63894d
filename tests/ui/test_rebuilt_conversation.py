"""The conversation view on a device that rebuilt another device's import (services/rebuild.py):
it reads through ``reading`` as for a local import, so legal's desktop shows and searches the
staff laptop's messages with no change to the view."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from evidence_desk.services import importing, rebuild
from evidence_desk.ui.conversation import ConversationView
from evidence_desk.ui.conversation_model import MessageRole
from tests.helpers import TickingClock
from tests.services.test_org_case_keys import keyed_org
from tests.services.test_org_ledger import copy_originals
from tests.services.test_rebuild import approved_across_laptops

CHAT = (
    "05/01/2026, 09:00 - Li Ming: 您好，我是示例汽车金融的李明，关于您的车贷。\n"
    "05/01/2026, 09:05 - Chen Lixin: 我 1 月 20 号先还 5000\n"
)


def test_the_conversation_view_shows_a_rebuilt_import(
    qtbot: QtBot, tmp_path: Path, clock: TickingClock
) -> None:
    with keyed_org(tmp_path, clock) as org:
        contact_id = approved_across_laptops(org, tmp_path)
        alice = org.login(org.b, "alice")
        sam = org.login(org.a, "sam")
        chat = tmp_path / "chat.txt"
        chat.write_text(CHAT, encoding="utf-8")
        importing.import_files(alice, contact_id, [chat], tz="Asia/Shanghai")
        org.sync(alice)
        copy_originals(org.b, org.a)
        org.sync(sam)
        assert len(rebuild.rebuild_imports(sam).rebuilt) == 1
        view = ConversationView(sam)
        qtbot.addWidget(view)
        view.resize(800, 600)
        view.show()
        view.show_contact(contact_id)
        model = view.model
        assert model is not None and model.rowCount() == 2
        shown = model.index(1).data(MessageRole)
        assert (shown.sender, shown.text) == ("Chen Lixin", "我 1 月 20 号先还 5000")
        view.search("先还 5000")
        qtbot.waitUntil(lambda: view.match_label.text() == "1 of 1", timeout=10_000)
        assert view.selected_message().text == "我 1 月 20 号先还 5000"
