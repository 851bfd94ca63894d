"""The record rules judged on the hub, org-wide, end to end through the command line (one hub
in its own process, real PostgreSQL, real TLS on 127.0.0.1, laptops that joined with codes).

An honest laptop offline can write an entry that keeps the rules on its own view and breaks
one at the organisation's order (two laptops requesting one chat for two cases; an import
after a revocation it had not pulled); an insider can write around the services. Either way
the hub keeps the entry in the device's chain marked with the rule, applies it nowhere, names
it in the push's answer (``sync`` exits 3), accepts what keeps the rules after it, and every
store still verifies INTACT, with a warning naming the refused entry."""

from __future__ import annotations

from pathlib import Path

from evidence_desk.domain.models import Finding
from evidence_desk.services import cases, contacts, importing
from evidence_desk.services.verify import verify_store
from tests.helpers import insider_code, supporting_documents
from tests.hub.conftest import HubDatabase
from tests.hub.org_cli import Org, organisation
from tests.hub.test_org_end_to_end import CHAT, _request, approved_remotely
from tests.insider import approval

HANDLE = "+8613800000000"


def _warnings(org: Org, name: str) -> list[Finding]:
    """The store verifies INTACT; its ``org.refused`` warnings."""
    with org.login(name) as session:
        report = verify_store(session, local_anchor=False)
    assert report.intact, [(f.code, f.location, str(f.detail)) for f in report.errors]
    return [f for f in report.findings if f.code == "org.refused"]


def _refused_everywhere(org: Org, names: tuple[str, ...], device: str, seq: int, rule: str) -> None:
    """Every store verifies INTACT and warns of the one refused entry, by device, seq, rule."""
    for name in names:
        (warning,) = _warnings(org, name)
        assert warning.severity == "warning"
        assert (warning.detail.fact("device"), warning.detail.fact("seq")) == (device, str(seq))
        assert warning.detail.fact("verdict") == rule


def _verdict(org: Org, name: str, seq: int) -> str:
    with org.login(name) as session:
        row = session.conn.execute("SELECT verdict FROM org_positions WHERE seq = ?", (seq,))
        return str(row.fetchone()[0])


def _device(org: Org, name: str) -> str:
    with org.login(name) as session:
        return session.folder.store_id


def _last_seq(org: Org, name: str) -> int:
    with org.login(name) as session:
        return int(session.conn.execute("SELECT max(seq) FROM ledger").fetchone()[0])


def test_two_laptops_offline_requesting_one_chat_for_two_cases(
    hub_db: HubDatabase, tmp_path: Path
) -> None:
    with organisation(tmp_path, hub_db.owner_url) as org:
        org.join("alice", "staff")
        org.join("bob", "staff")
        org.join("sam", "supervisor")
        org.welcome("alice", "bob", "sam")
        # both offline: each laptop's own view has the chat free
        first = _request(org, tmp_path)
        with org.login("bob") as bob:
            cases.create_case(bob, "2026-SH-2", debtor_name="王五")
            contacts.request_contact(
                bob,
                case_no="2026-SH-2",
                channel="whatsapp",
                handle=HANDLE,
                display_name="Chen Lixin",
                reason="the same chat for another matter",
                consent=True,
                documents=supporting_documents(tmp_path / "docs-2", tag="2"),
            )
        request_seq = _last_seq(org, "bob")
        with org.login("bob") as bob:  # after the refused entry, one that keeps the rules
            cases.create_case(bob, "2026-SH-3", debtor_name="赵六")
        assert org.sync("alice")[0] == 0
        code, report, err = org.sync("bob")
        assert code == 3 and "one-matter-per-chat" in err, err
        assert report["refused"]["rule"] == "hub.rule"
        assert report["refused"]["facts"]["violated"] == "one-matter-per-chat"
        assert report["refused"]["facts"]["seq"] == str(request_seq)
        assert report["refused_own"] == [request_seq]
        assert _verdict(org, "bob", request_seq) == "one-matter-per-chat"
        assert _verdict(org, "bob", request_seq + 1) == ""  # the valid one after it: accepted
        assert org.sync("bob")[0] == 0  # nothing left to push: in sync
        for name in ("sam", "alice", "root"):
            assert org.sync(name)[0] == 0
        for name in ("sam", "alice", "bob", "root"):
            with org.login(name) as session:
                shown = [r[0] for r in session.conn.execute("SELECT id FROM contacts")]
                # the second request appears nowhere, not even on bob's own laptop
                assert shown == [first], name
                held = session.conn.execute("SELECT 1 FROM cases WHERE case_no = '2026-SH-3'")
                assert held.fetchone() is not None, name
        _refused_everywhere(
            org,
            ("alice", "bob", "sam", "root"),
            _device(org, "bob"),
            request_seq,
            "one-matter-per-chat",
        )


def test_an_insider_approving_their_own_request_around_the_services(
    hub_db: HubDatabase, tmp_path: Path
) -> None:
    with organisation(tmp_path, hub_db.owner_url) as org:
        org.join("alice", "staff")
        org.join("sam", "supervisor")
        org.welcome("alice", "sam")
        with org.login("sam") as sam:
            cases.create_case(sam, "2026-SH-7", debtor_name="陈立新")
            contact = contacts.request_contact(
                sam,
                case_no="2026-SH-7",
                channel="whatsapp",
                handle=HANDLE,
                display_name="Chen Lixin",
                reason="the debtor added us",
                consent=True,
                documents=supporting_documents(tmp_path / "docs"),
            )
            # sam's own copy of the write path, rule table taken out, signed with his own key
            payload, rows = approval(sam, contact.id)
            with insider_code():
                sam.write("contact.approve", payload, rows)
        approve_seq = _last_seq(org, "sam")
        code, report, err = org.sync("sam")
        assert code == 3 and "four-eyes" in err, err
        assert report["refused"]["facts"]["violated"] == "four-eyes"
        assert _verdict(org, "sam", approve_seq) == "four-eyes"
        assert org.sync("alice")[0] == 0
        for name in ("alice", "sam"):
            with org.login(name) as session:
                assert contacts.get_contact(session, contact.id).status == "requested", name
        _refused_everywhere(org, ("alice", "sam"), _device(org, "sam"), approve_seq, "four-eyes")


def test_an_import_after_a_revocation_the_laptop_had_not_pulled(
    hub_db: HubDatabase, tmp_path: Path
) -> None:
    with organisation(tmp_path, hub_db.owner_url) as org:
        org.join("alice", "staff")
        org.join("sam", "supervisor")
        org.welcome("alice", "sam")
        contact_id = approved_remotely(org, tmp_path)
        with org.login("sam") as sam:
            contacts.revoke(sam, contact_id, "the debtor withdrew consent")
        assert org.sync("sam")[0] == 0
        # alice, offline, still sees the approval and imports
        chat = tmp_path / "chat.txt"
        chat.write_text(CHAT, encoding="utf-8")
        with org.login("alice") as alice:
            importing.import_files(alice, contact_id, [chat], tz="Asia/Shanghai")
        import_seq = _last_seq(org, "alice")
        code, report, err = org.sync("alice")
        assert code == 3 and "contact.approved" in err, err
        assert report["refused"]["facts"]["violated"] == "contact.approved"
        assert _verdict(org, "alice", import_seq) == "contact.approved"
        assert org.sync("sam")[0] == 0
        for name in ("alice", "sam"):
            with org.login(name) as session:
                assert contacts.get_contact(session, contact_id).status == "revoked"
                held = session.conn.execute(
                    "SELECT count(*) FROM imports WHERE contact_id = ?", (contact_id,)
                ).fetchone()[0]
                assert held == 0, name
                # ... nor its messages (alice's laptop made them when it imported)
                messages = session.conn.execute(
                    "SELECT count(*) FROM messages WHERE contact_id = ?", (contact_id,)
                ).fetchone()[0]
                assert messages == 0, name
        _refused_everywhere(
            org, ("alice", "sam"), _device(org, "alice"), import_seq, "contact.approved"
        )
