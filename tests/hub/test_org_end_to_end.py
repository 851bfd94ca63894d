"""The organisation end to end through the command line: one hub (its own process, real
PostgreSQL, real TLS on 127.0.0.1) and three laptops — staff, supervisor, legal — each its own
store that joined with a one-time code. Staff request a contact with documents; the supervisor
sees it on their own laptop after a sync and approves; staff see the approval and import;
legal pulls everything; every store verifies INTACT."""

from __future__ import annotations

import subprocess
from pathlib import Path

import psycopg
import pytest

from evidence_desk.domain.errors import RuleViolation
from evidence_desk.integrity import receipts
from evidence_desk.services import cases, contacts, importing, reading, sync
from evidence_desk.services.verify import verify_store
from tests.helpers import supporting_documents
from tests.hub.conftest import HubDatabase
from tests.hub.org_cli import Org, organisation, run

CHAT = (
    "05/01/2026, 09:00 - Li Ming: 您好，我是示例汽车金融的李明，关于您的车贷。\n"
    "05/01/2026, 09:05 - Chen Lixin: 我 1 月 20 号先还 5000\n"
)


def _intact(org: Org, name: str) -> None:
    with org.login(name) as session:
        report = verify_store(session, local_anchor=False)
    assert report.intact, [(f.code, f.location, str(f.detail)) for f in report.errors]


def _request(org: Org, tmp_path: Path) -> str:
    with org.login("alice") as alice:
        cases.create_case(alice, "2026-SH-1", debtor_name="陈立新")
        contact = contacts.request_contact(
            alice,
            case_no="2026-SH-1",
            channel="whatsapp",
            handle="+8613800000000",
            display_name="Chen Lixin",
            reason="the debtor added us and asked to talk about repayment",
            consent=True,
            documents=supporting_documents(tmp_path / "docs"),
        )
    return contact.id


def approved_remotely(org: Org, folder: Path) -> str:
    """alice's request (``_request``), approved on sam's laptop, the approval back on
    alice's: the contact's id."""
    contact_id = _request(org, folder)
    assert org.sync("alice")[0] == 0
    assert org.sync("sam")[0] == 0
    with org.login("sam") as sam:
        contacts.approve(sam, contact_id, "identity and debt confirmed")
    assert org.sync("sam")[0] == 0
    assert org.sync("alice")[0] == 0
    return contact_id


def test_request_approve_import_across_three_laptops(hub_db: HubDatabase, tmp_path: Path) -> None:
    with organisation(tmp_path, hub_db.owner_url) as org:
        org.join("alice", "staff")
        org.join("sam", "supervisor")
        org.join("lee", "legal")
        org.welcome("alice", "sam", "lee")
        contact_id = _request(org, tmp_path)
        code, report, err = org.sync("alice")
        assert code == 0, err
        assert report["pushed"] >= 2 and report["blobs_up"] >= 2
        # the supervisor's own laptop shows the pending request after a sync
        assert org.sync("sam")[0] == 0
        with org.login("sam") as sam:
            waiting = contacts.list_contacts(sam, status="requested")
            assert [c.id for c in waiting] == [contact_id]
            # ... with what staff sealed on their laptop opened: name, reason, documents
            assert cases.get_case(sam, "2026-SH-1").debtor_name == "陈立新"
            shown = contacts.get_contact(sam, contact_id)
            assert shown.reason == "the debtor added us and asked to talk about repayment"
            assert shown.handle == "+8613800000000"
            documents = [i.sha256 for i in contacts.contact_items(sam, contact_id)]
            opened = [reading.document_bytes(sam, contact_id, d) for d in documents]
            assert len(opened) == 2 and any("身份证明".encode() in d for d in opened)
            contacts.approve(sam, contact_id, "identity and debt confirmed")
        assert org.sync("sam")[0] == 0
        assert org.sync("alice")[0] == 0
        with org.login("alice") as alice:
            approved = contacts.get_contact(alice, contact_id)
            assert (approved.status, approved.decided_by) == ("approved", "sam")
            chat = tmp_path / "chat.txt"
            chat.write_text(CHAT, encoding="utf-8")
            importing.import_files(alice, contact_id, [chat], tz="Asia/Shanghai")
        assert org.sync("alice")[0] == 0
        for name in ("lee", "sam", "root"):
            code, report, err = org.sync(name)
            assert code == 0, err
        # legal's desktop opens the case and the chat export staff imported on their laptop
        # (the original, pulled sealed under the case key; its messages rebuilt from it at the
        # sync: tests/hub/test_org_messages.py)
        with org.login("lee") as lee:
            assert cases.get_case(lee, "2026-SH-1").debtor_name == "陈立新"
            (original,) = lee.conn.execute(
                "SELECT sha256 FROM imports WHERE contact_id = ?", (contact_id,)
            ).fetchone()
            assert "先还 5000" in reading.original_bytes(lee, original).decode("utf-8")
        # a second sync has nothing to do: in sync
        assert org.sync("alice")[1]["pushed"] == 0
        for name in ("alice", "sam", "lee", "root"):
            _intact(org, name)
        code, out, err = run(
            "hub", "status", "--hub", org.url, "--ca", org.ca, "--user", "lee",
            "--store", org.stores["lee"],
        )  # fmt: skip
        assert code == 0, err
        assert out.count(" entries  last seen ") == 4
        _nothing_readable(hub_db)
        # the hub serves as the application role (INSERT and SELECT), never as the owner
        with psycopg.connect(hub_db.owner_url) as conn:
            roles = {
                r[0]
                for r in conn.execute(
                    "SELECT usename FROM pg_stat_activity WHERE datname = %s "
                    "AND pid <> pg_backend_pid()",
                    (hub_db.name,),
                )
            }
        assert roles == {"evidence_desk_hub"}


#: what must never be readable on the hub: debtor name, display name, handle, reason, chat text
SECRETS = ("陈立新", "Chen Lixin", "8613800000000", "asked to talk about repayment", "先还 5000")


def _nothing_readable(hub_db: HubDatabase) -> None:
    """A pg_dump of the hub's database holds none of the case's plaintext, in UTF-8, UTF-16 or
    GB18030."""
    dump = subprocess.run(
        [str(hub_db.cluster.bindir / "pg_dump"), "--dbname", hub_db.owner_url],
        check=True,
        capture_output=True,
    ).stdout
    assert b"contact.request" in dump  # the dump does hold the ledgers
    for secret in SECRETS:
        for encoding in ("utf-8", "utf-16-le", "utf-16-be", "gb18030"):
            assert secret.encode(encoding) not in dump, (secret, encoding)


@pytest.mark.parametrize("answer_lost", [False, True])
def test_two_supervisors_deciding_one_request_the_first_accepted_stands(
    hub_db: HubDatabase, tmp_path: Path, answer_lost: bool
) -> None:
    with organisation(tmp_path, hub_db.owner_url) as org:
        org.join("alice", "staff")
        org.join("sam", "supervisor")
        org.join("sue", "supervisor")
        org.welcome("alice", "sam", "sue")
        contact_id = _request(org, tmp_path)
        for name in ("alice", "sam", "sue"):
            assert org.sync(name)[0] == 0
        with org.login("sam") as sam:
            contacts.approve(sam, contact_id, "identity and debt confirmed")
            sam_device = sam.folder.store_id
        with org.login("sue") as sue:
            contacts.reject(sue, contact_id, "not enough")
            sue_device = sue.folder.store_id
        assert org.sync("sam")[0] == 0
        if answer_lost:  # sue's push reached the hub, its answer did not reach her laptop
            with org.login("sue") as sue, sync.client_for(sue, sync.binding(sue.folder)) as c:
                sync.push(sue, c, sync.SyncReport())
        code, report, err = org.sync("sue")
        assert code == 3 and "hub.decided" in err, err
        assert report["refused"]["rule"] == "hub.decided"
        # the push's answer names who decided first, how and on which device; a lost answer's
        # refusal is rebuilt from the pulled entries with the same facts
        assert report["refused"]["facts"] == {
            "device": sue_device,
            "seq": str(report["refused_own"][0]),
            "contact": contact_id,
            "by": "sam",
            "action": "contact.approve",
            "first_device": sam_device,
        }
        assert "which sam decided first (contact.approve" in err, err
        # the line a person reads names the devices and the contact in short form; the
        # report's facts keep the full ids
        for long_id in (sue_device, contact_id, sam_device):
            assert long_id not in err and long_id[:8] in err, (long_id, err)
        assert len(report["refused_own"]) == 1
        # sue's laptop keeps her decision marked as not accepted and shows sam's
        with org.login("sue") as sue:
            shown = contacts.get_contact(sue, contact_id)
            assert (shown.status, shown.decided_by) == ("approved", "sam")
            verdict = sue.conn.execute(
                "SELECT verdict FROM org_positions WHERE seq = ?", (report["refused_own"][0],)
            ).fetchone()[0]
            assert verdict == "hub.decided"
            # the hub's signed receipt of that push states the verdict too
            stated = [
                receipts.parse(str(r[0])).refused
                for r in sue.conn.execute("SELECT body FROM hub_receipts")
            ]
            assert ((report["refused_own"][0], "hub.decided"),) in stated
        assert org.sync("sue")[0] == 0  # nothing left to push: in sync
        assert org.sync("alice")[0] == 0
        with org.login("alice") as alice:
            assert contacts.get_contact(alice, contact_id).decided_by == "sam"
        for name in ("alice", "sam", "sue"):
            _intact(org, name)


def test_one_matter_per_chat_across_two_laptops(hub_db: HubDatabase, tmp_path: Path) -> None:
    """Both laptops digest chat handles under the organisation's handle-index key (made by
    ``hub init``, wrapped for each member through the hub): a chat already requested on the
    staff laptop is refused for a case created on the supervisor's."""
    with organisation(tmp_path, hub_db.owner_url) as org:
        org.join("alice", "staff")
        org.join("sam", "supervisor")
        org.welcome("alice", "sam")
        _request(org, tmp_path)
        assert org.sync("alice")[0] == 0
        assert org.sync("sam")[0] == 0
        with org.login("sam") as sam:
            cases.create_case(sam, "2026-SH-2", debtor_name="王五")
            with pytest.raises(RuleViolation, match="one-matter-per-chat"):
                contacts.request_contact(
                    sam,
                    case_no="2026-SH-2",
                    channel="whatsapp",
                    handle="+8613800000000",
                    display_name="Chen Lixin",
                    reason="the same chat for another matter",
                    consent=True,
                    documents=supporting_documents(tmp_path / "docs-2", tag="2"),
                )
        for name in ("alice", "sam"):
            _intact(org, name)
