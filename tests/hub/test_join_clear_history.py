"""A store joining WITH its history sends every entry it ever wrote to the hub, which must only
ever hold ciphertext (issue 20). A store made by this release seals every personal value in its
entries: joined, the hub's dump holds none of its markers beyond the documented clear columns.
A store made before per-case keys (tests/fixtures/release_store) holds names, a handle, notes
and file names in clear in its old entries, which the ledger cannot rewrite: its join is
refused (``join.clear_history``) before anything is sent, and nothing of the store changes."""

from __future__ import annotations

import contextlib
import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from evidence_desk.domain import clear_history
from evidence_desk.domain.models import Role
from evidence_desk.services import (
    cases,
    conduct,
    contacts,
    importing,
    join_existing,
    retention,
    review,
    users,
)
from evidence_desk.services.session import Session
from tests.helpers import FAST_KDF
from tests.hub.conftest import HubDatabase
from tests.hub.org_cli import Org, free_port, ok, organisation, run, synced
from tests.hub.test_hub_holds_ciphertext import found_in, hub_dump
from tests.hub.test_join_existing import digests

ROOT = Path(__file__).resolve().parents[2]
ZHANG, WANG = "zhang-password-1", "wang-password-1"
CASE = "2026-HJ-1"

#: one marker per field the store's history writes (see tests/hub/test_hub_holds_ciphertext.py)
MARKERS = {
    "debtor_name": "甲历史-debtor-name-8831",
    "debtor_id_number": "110101199003074514",
    "loan_ref": "LOAN-乙历史-loan-ref-8832",
    "handle": "+8613888318833",
    "display_name": "丙历史-display-8834",
    "reason": "丁历史-reason-8835",
    "relation_justification": "戊历史-justification-8836",
    "identity proof file name": "己历史-identity-file-8837",
    "identity proof content": "庚历史-identity-content-8838",
    "approval note": "辛历史-approval-note-8839",
    "rejected display name": "壬历史-rejected-display-8840",
    "rejection note": "癸历史-rejection-note-8841",
    "import file name": "子历史-import-file-8842",
    "chat member": "丑历史-member-8843",
    "chat text": "寅历史-chat-text-8844",
    "tag note": "卯历史-tag-note-8845",
    "untag note": "辰历史-untag-note-8846",
    "conduct note": "巳历史-conduct-note-8847",
    "hold reason": "午历史-hold-reason-8848",
}
#: the documented clear columns (docs/ARCHITECTURE.md, "Per-case keys") among them
DOCUMENTED_CLEAR = frozenset({"loan_ref", "hold reason"})


def _documents(folder: Path, tag: str) -> list[tuple[str, Path]]:
    folder.mkdir(parents=True, exist_ok=True)
    identity = folder / f"{MARKERS['identity proof file name']}{tag}.txt"
    identity.write_text(f"{MARKERS['identity proof content']} {tag}\n", encoding="utf-8")
    confirmation = folder / f"debt-confirmation{tag}.txt"
    confirmation.write_text(f"债务确认书 {tag}\n", encoding="utf-8")
    return [("identity_proof", identity), ("debt_confirmation", confirmation)]


def _store_of_this_release(folder: Path) -> Path:
    """A standalone store (boss admin, zhang staff, wang supervisor) whose history writes every
    field of ``MARKERS``."""
    path = folder / "standalone"
    with Session.create_store(path, "boss", "boss-password-1", kdf=FAST_KDF) as boss:
        users.add_user(boss, "zhang", Role.STAFF, ZHANG, kdf=FAST_KDF)
        users.add_user(boss, "wang", Role.SUPERVISOR, WANG, kdf=FAST_KDF)
    with Session.open(path, "zhang", ZHANG) as zhang:
        cases.create_case(
            zhang,
            CASE,
            debtor_name=MARKERS["debtor_name"],
            debtor_id_number=MARKERS["debtor_id_number"],
            loan_ref=MARKERS["loan_ref"],
        )
        contact = contacts.request_contact(
            zhang,
            case_no=CASE,
            channel="whatsapp",
            handle=MARKERS["handle"],
            display_name=MARKERS["display_name"],
            reason=MARKERS["reason"],
            relation="guarantor",
            relation_justification=MARKERS["relation_justification"],
            consent=True,
            documents=_documents(folder / "docs", "a"),
        )
        rejected = contacts.request_contact(
            zhang,
            case_no=CASE,
            channel="whatsapp",
            handle="+8613988318849",
            display_name=MARKERS["rejected display name"],
            reason="a colleague",
            consent=True,
            documents=_documents(folder / "docs-b", "b"),
        )
    with Session.open(path, "wang", WANG) as wang:
        contacts.approve(wang, contact.id, MARKERS["approval note"])
        contacts.reject(wang, rejected.id, MARKERS["rejection note"])
    with Session.open(path, "zhang", ZHANG) as zhang:
        chat = folder / f"{MARKERS['import file name']}.txt"
        chat.write_text(
            f"05/01/2026, 09:05 - {MARKERS['chat member']}: {MARKERS['chat text']}\n"
            "05/01/2026, 23:30 - Li Ming: 你再不还钱就等着瞧\n",
            encoding="utf-8",
        )
        importing.import_files(zhang, contact.id, [chat], tz="Asia/Shanghai")
        rowid = zhang.conn.execute("SELECT min(rowid) FROM messages").fetchone()[0]
        review.tag_message(zhang, rowid, "promise_to_pay", MARKERS["tag note"])
        withdrawn = review.tag_message(zhang, rowid, "dispute", "to withdraw")
        review.untag(zhang, withdrawn.id, MARKERS["untag note"])
    with Session.open(path, "wang", WANG) as wang:
        findings = conduct.run_checks(wang, CASE)
        assert findings, "the late-night threat gives the conduct check a finding"
        conduct.acknowledge(wang, findings[0].id, MARKERS["conduct note"])
    with Session.open(path, "boss", "boss-password-1") as boss:
        retention.add_hold(boss, CASE, MARKERS["hold reason"])
    return path


def _history(session: Session) -> list[tuple[int, str, dict[str, object]]]:
    return [
        (int(seq), str(action), json.loads(payload))
        for seq, action, payload in session.conn.execute(
            "SELECT seq, action, payload FROM ledger ORDER BY seq"
        )
    ]


def test_a_store_of_this_release_joins_with_its_history_and_the_hub_holds_only_ciphertext(
    hub_db: HubDatabase, tmp_path: Path
) -> None:
    store = _store_of_this_release(tmp_path)
    with Session.open(store, "zhang", ZHANG) as zhang:
        assert clear_history.judge(_history(zhang)) is None
    with organisation(tmp_path, hub_db.owner_url) as org:
        org.join("lee", "legal")
        org.welcome("lee")
        code = org.invite("zhang", "staff")
        status, _out, err = run(
            "join", org.url, "--code", code, "--ca", org.ca, "--user", "zhang", "--store", store,
            password=ZHANG,
        )  # fmt: skip
        assert status == 0, err
        status, _out, err = run("sync", "--store", store, "--user", "zhang", password=ZHANG)
        assert status == 0, err
        synced(org, "root", "lee")
        with Session.open(org.stores["lee"], "lee", "organisation-password-1") as lee:
            # legal opens the history's case: it reached the hub, sealed
            assert cases.get_case(lee, CASE).debtor_name == MARKERS["debtor_name"]
        dump = hub_dump(hub_db)
    assert b"pre_org" in dump and b"conduct.ack" in dump
    assert set(found_in(dump, MARKERS)) == DOCUMENTED_CLEAR


@contextlib.contextmanager
def _organisation_led_by_chief(folder: Path, db: str) -> Iterator[Org]:
    """``org_cli.organisation`` with an admin named ``chief``: no name of the release store's
    users (root, alice, ...) is the organisation's, so only its history can refuse it."""
    org = Org(folder, db, free_port(), folder / "hub-tls")
    org.stores["chief"] = folder / "chief"
    ok("hub", "init", "--db", db, "--admin", "chief", "--tls-dir", org.tls,
       "--store", org.stores["chief"])  # fmt: skip
    org.start()
    try:
        yield org
    finally:
        org.kill()


#: what the store of the release before per-case keys holds in clear in its entries: the
#: debtor's name, the contact's display name, handle and reason, the documents' and imports'
#: file names, the chat's title and members, the account it was held from, the decision note
OLD_RELEASE_CLEAR = {
    ("case.create", "cases", "debtor_name"),
    ("contact.request", "contacts", "display_name"),
    ("contact.request", "contacts", "handle"),
    ("contact.request", "contacts", "reason"),
    ("contact.request", "items", "file_name"),
    ("contact.request", "payload", "file_name"),
    ("contact.approve", "contacts", "decision_note"),
    ("contact.approve", "payload", "note"),
    ("evidence.import", "imports", "details"),
    ("evidence.import", "imports", "file_name"),
    ("evidence.import", "imports", "main_member"),
    ("evidence.import", "imports", "members"),
    ("evidence.import", "imports", "our_account"),
    ("evidence.import", "items", "file_name"),
    ("evidence.import", "payload", "file_name"),
}


@pytest.mark.parametrize("client_checks", [True, False])
def test_a_store_from_before_per_case_keys_is_refused_and_nothing_reaches_the_hub(
    hub_db: HubDatabase, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, client_checks: bool
) -> None:
    """Refused on the device before anything is sent; a client that skips that check (an
    insider's own build) is refused by the hub at the first staged page holding a clear value,
    nothing staged, and the device's pending join dropped."""
    store = tmp_path / "release_store"
    shutil.copytree(ROOT / "tests" / "fixtures" / "release_store", store)
    # the first admin login of today's code migrates it: its rows are sealed, its old entries
    # (append-only, signed) keep what they were written with
    with Session.open(store, "root", "root-password") as root:
        history = _history(root)
        assert root.conn.execute("SELECT 1 FROM ledger WHERE action = 'case_keys.migrate'")
    found = [v for seq, action, payload in history for v in clear_history.clear_values(
        seq, action, payload
    )]  # fmt: skip
    assert {(v.action, v.table, v.column) for v in found} == OLD_RELEASE_CLEAR
    judged = clear_history.judge(history)
    assert judged is not None
    assert judged.facts() == {
        "entries": 5,
        "values": len(found),
        "seq": 8,
        "action": "case.create",
        "field": "cases.debtor_name",
    }
    # alice's first login adds her X25519 key, root's next one wraps the case key for her: the
    # upkeep of an old store, done before the digests are taken
    for name in ("alice", "root", "alice"):
        Session.open(store, name, f"{name}-password").close()
    before = digests(store)
    if not client_checks:
        monkeypatch.setattr(join_existing, "_refuse_clear_history", lambda _session: None)
    with _organisation_led_by_chief(tmp_path / "org", hub_db.owner_url) as org:
        code = ok(
            "hub", "user", "add", "alice", "--role", "staff", "--hub", org.url, "--ca", org.ca,
            "--user", "chief", "--store", org.stores["chief"],
        )["code"]  # fmt: skip
        status, _out, err = run(
            "join", org.url, "--code", code, "--ca", org.ca, "--user", "alice", "--store", store,
            password="alice-password",
        )  # fmt: skip
        dump = hub_dump(hub_db)
    assert status == 3 and "join.clear_history" in err, err
    if client_checks:
        assert f"{len(found)} personal values" in err and "entry 8" in err, err
    else:  # the hub's refusal names the first entry holding a clear value
        assert "hub.join_rule" in err and "entry 8 (case.create)" in err, err
        assert "join.clear_history" in err, err
    assert digests(store) == before  # nothing of the store changed
    # nothing of the history reached the hub, not even a staged page
    assert "陈立新".encode() not in dump and b"Chen Lixin" not in dump
    store_id = json.loads((store / "store.json").read_text())["store_id"]
    assert store_id.encode() not in dump
