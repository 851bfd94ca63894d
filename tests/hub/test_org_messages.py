"""Legal's organisation view of the messages (issue 19 item 6), end to end through the command
line on real PostgreSQL: staff import a chat on their laptop; legal's sync pulls the entry, the
case key and the sealed original and rebuilds the messages from it (services/rebuild.py), so
legal reads and searches the staff laptop's messages and verify compares them exactly as the
importing laptop does: INTACT, without ``import.messages_elsewhere``. A second, overlapping
export imported on staff is rebuilt too."""

from __future__ import annotations

from pathlib import Path

from evidence_desk.services import importing, reading
from evidence_desk.services.session import Session
from evidence_desk.services.verify import verify_store
from tests.hub.conftest import HubDatabase
from tests.hub.org_cli import Org, organisation
from tests.hub.test_org_end_to_end import approved_remotely

CHAT = (
    "05/01/2026, 09:00 - Li Ming: 您好，我是示例汽车金融的李明，关于您的车贷。\n"
    "05/01/2026, 09:05 - Chen Lixin: 我 1 月 20 号先还 5000\n"
)
LATER = CHAT + "06/01/2026, 10:00 - Li Ming: 收到，1 月 20 号见。\n"


def _messages(session: Session, contact_id: str) -> list[tuple[str, str, str]]:
    return [(m.sent_at, m.sender, m.text) for m in reading.page_at(session, contact_id, 0, 100)]


def _import(org: Org, tmp_path: Path, contact_id: str, name: str, text: str) -> str:
    with org.login("alice") as alice:
        chat = tmp_path / name
        chat.write_text(text, encoding="utf-8")
        (import_id,) = importing.import_files(
            alice, contact_id, [chat], tz="Asia/Shanghai"
        ).import_ids
    assert org.sync("alice")[0] == 0
    return import_id


def _verified(org: Org, name: str) -> None:
    with org.login(name) as session:
        report = verify_store(session, local_anchor=False)
    assert report.intact, [(f.code, f.location, str(f.detail)) for f in report.errors]
    codes = {f.code for f in report.findings}
    assert not codes & {"import.messages_elsewhere", "import.messages_not_rebuilt"}, codes


def test_legal_reads_searches_and_verifies_the_staff_laptops_messages(
    hub_db: HubDatabase, tmp_path: Path
) -> None:
    with organisation(tmp_path, hub_db.owner_url) as org:
        org.join("alice", "staff")
        org.join("sam", "supervisor")
        org.join("lee", "legal")
        org.welcome("alice", "sam", "lee")
        contact_id = approved_remotely(org, tmp_path)
        first = _import(org, tmp_path, contact_id, "chat.txt", CHAT)
        code, report, err = org.sync("lee")
        assert code == 0, err
        assert (report["imports_rebuilt"], report["rebuild_refused"]) == ([first], [])
        with org.login("alice") as alice, org.login("lee") as lee:
            shown = _messages(lee, contact_id)
            assert shown == _messages(alice, contact_id)
            assert ("2026-01-05T01:05:00+00:00", "Chen Lixin", "我 1 月 20 号先还 5000") in shown
            (found,) = reading.search(lee, contact_id, "先还 5000")
            assert reading.details(lee, found[1]).message.text == "我 1 月 20 号先还 5000"
        _verified(org, "lee")
        # a second sync has nothing to rebuild
        assert org.sync("lee")[1]["imports_rebuilt"] == []
        # an overlapping export imported later on staff: its new message, and the old ones
        # linked to it, as on the staff laptop
        second = _import(org, tmp_path, contact_id, "later.txt", LATER)
        code, report, err = org.sync("lee")
        assert code == 0, err
        assert report["imports_rebuilt"] == [second]
        with org.login("alice") as alice, org.login("lee") as lee:
            assert _messages(lee, contact_id) == _messages(alice, contact_id)
            assert reading.count(lee, contact_id) == 3
            assert len(reading.search(lee, contact_id, "1 月 20 号")) == 2
        for name in ("lee", "alice"):
            _verified(org, name)
