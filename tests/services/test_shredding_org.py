"""A case shredded on one device of an organisation (issue 20, PIPL art. 47): the devices
that pull the tombstone destroy the case the same way, and every device's verify accepts it.

Store A (root, sam) shreds a case that alice imported on store B; entries move through the
list hub of tests/services/test_org_ledger.py. Before this, B kept the messages, originals,
personal columns and case key of the case after pulling A's tombstone (and its verify said
INTACT), and A's own verify failed: its replay of B's entries gave the unredacted rows."""

# ruff: noqa: F811
from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from evidence_desk.domain.errors import RuleViolation
from evidence_desk.domain.models import Role
from evidence_desk.domain.shredding import MARKER
from evidence_desk.services import (
    case_keys,
    contacts,
    importing,
    org_ledger,
    reading,
    retention,
    review,
    shredding,
)
from evidence_desk.services.org_ledger import OrgEntry
from evidence_desk.store.folder import StoreFolder
from evidence_desk.store.keys import derive_subkey
from tests.helpers import ADMIN, TickingClock, raw_connection
from tests.services.test_org_ledger import (
    CHAT,
    PASSWORDS,
    Org,
    errors,
    forged,
    next_position,
    org,  # noqa: F401 (the two-device fixture, used by name: the parameters shadow it)
    request,
    verify,
)
from tests.services.test_shredding import _decrypt_page, _files, _leaks

CASE = "2026-SH-1"
# the case's plaintext: its debtor, handle, display name, reason, chat lines
SECRETS = [
    "陈立新",
    "+8613800000000",
    "Chen Lixin",
    "the debtor added us",
    "我 1 月 20 号先还 5000",
    "关于您的车贷",
]
SEARCHED = "先还 5000"


@dataclass
class Imported:
    contact_id: str
    key: bytes  # B's case key before the shredding (to look for it afterwards)
    hub_wraps: list[dict[str, Any]]  # what the hub keeps for root and alice (GET /v1/wraps)


def _imported(org: Org, tmp_path: Path) -> Imported:
    """alice requests and imports on B, sam approves on A; the case is closed and due."""
    contact_id = request(org, tmp_path)
    sam = org.login(org.a, "sam")
    org.hub.pull(sam)
    contacts.approve(sam, contact_id, "identity and debt confirmed")
    org.hub.push(sam)
    alice = org.login(org.b, "alice")
    org.hub.pull(alice)
    chat = tmp_path / "chat.txt"
    chat.write_text(CHAT, encoding="utf-8")
    importing.import_files(alice, contact_id, [chat], tz="Asia/Shanghai")
    org.hub.push(alice)
    org.hub.pull(alice)
    org.hub.pull(sam)  # the closure's last record is the import
    retention.close_case(sam, CASE, "repaid in full")
    org.hub.push(sam)
    org.hub.pull(sam)
    org.hub.pull(alice)
    org.clock.advance(days=366 * 5 + 2)
    key = case_keys.case_key(alice, CASE)
    assert key is not None
    hub_wraps = [
        {"case_no": r[0], "recipient": r[1], "key_id": r[2], "sealed": bytes(r[3]).hex()}
        for r in alice.conn.execute(
            "SELECT case_no, recipient, key_id, sealed FROM case_key_wraps WHERE case_no = ?",
            (CASE,),
        )
    ]
    assert {w["recipient"] for w in hub_wraps} >= {"alice", "root"}
    return Imported(contact_id, key, hub_wraps)


def _shred_on_a(org: Org) -> None:
    root = org.login(org.a, ADMIN)
    org.hub.pull(root)
    shredding.shred_case(root, CASE, "expired", "retention period over")
    org.hub.push(root)
    org.hub.pull(root)


def _decrypted(store: Path, user: str) -> dict[str, bytes]:
    """The database's and WAL's pages decrypted with the store key (free pages included)."""
    unlocked = StoreFolder.open(store).keyslots.unlock(user, PASSWORDS[user])
    key, page = derive_subkey(unlocked.data_key, "sqlcipher"), 4096
    db = (store / "evidence.db").read_bytes()
    out = {
        "evidence.db pages": b"".join(
            _decrypt_page(key, db[i : i + page], i == 0) for i in range(0, len(db), page)
        )
    }
    wal_path = store / "evidence.db-wal"
    wal = wal_path.read_bytes() if wal_path.exists() else b""
    out["evidence.db-wal pages"] = b"".join(
        _decrypt_page(
            key,
            wal[offset + 24 : offset + 24 + page],
            int.from_bytes(wal[offset : offset + 4], "big") == 1,
        )
        for offset in range(32, len(wal) - 24 - page + 1, 24 + page)
    )
    return out


def _count(conn: sqlite3.Connection | Any, sql: str, *args: object) -> int:
    return int(conn.execute(sql, args).fetchone()[0])


def test_a_case_shredded_on_one_device_is_destroyed_where_it_is_pulled(
    org: Org, tmp_path: Path
) -> None:
    imported = _imported(org, tmp_path)
    alice = org.login(org.b, "alice")
    files_before = [
        p
        for p in (org.b / "blobs").rglob("*")
        if p.is_file() and "tmp" not in p.relative_to(org.b).parts
    ]
    assert len(files_before) == 3  # two documents and the chat, under the case key
    assert {m.text for m in reading.page_at(alice, imported.contact_id, 0, 10)} >= {
        "我 1 月 20 号先还 5000"
    }
    # a search is logged with its text in B's read log (PI-1): derived data of the case
    assert reading.search(alice, imported.contact_id, SEARCHED)
    alice.flush_reads(seal=True)
    alice.close()
    _shred_on_a(org)
    report = verify(org.a, "sam")  # the shredding device: B's entries replay redacted
    assert report.intact, errors(report)
    assert "shred.note" in {f.code for f in report.findings}

    alice = org.login(org.b, "alice")
    result = org.hub.pull(alice)
    assert result.entries == 1
    conn = alice.conn
    assert case_keys.case_key(alice, CASE) is None
    assert _count(conn, "SELECT count(*) FROM case_key_wraps WHERE case_no = ?", CASE) == 0
    rows = conn.execute(
        "SELECT text, sender, salt, raw FROM messages WHERE contact_id = ?", (imported.contact_id,)
    ).fetchall()
    assert len(rows) == 2  # the messages stay (their commitments), their content goes
    assert all(tuple(r) == (MARKER, MARKER, "", None) for r in rows)
    assert [m.text for m in reading.page_at(alice, imported.contact_id, 0, 10)] == [MARKER] * 2
    contact = contacts.get_contact(alice, imported.contact_id)
    assert (contact.display_name, contact.reason) == (MARKER, MARKER)
    assert contact.handle == f"{MARKER}:{imported.contact_id}"
    case_row = dict(conn.execute("SELECT * FROM cases WHERE case_no = ?", (CASE,)).fetchone())
    assert case_row["debtor_name"] == MARKER
    assert _count(conn, "SELECT count(*) FROM import_locators") == 0
    assert not any(p.exists() for p in files_before)
    # the hub keeps every wrap it was given: the next sync takes none back
    assert case_keys.shared_wraps(alice, imported.hub_wraps) == []
    alice.close()

    leaks = _leaks(
        {**_files(org.b), **_decrypted(org.b, "alice")},
        [*SECRETS, SEARCHED, imported.key.hex()],
    )
    leaks += [
        f"{name} holds the case key" for name, raw in _files(org.b).items() if imported.key in raw
    ]
    assert leaks == []
    for path, user in ((org.b, "alice"), (org.a, "sam"), (org.a, ADMIN)):
        report = verify(path, user)
        assert report.intact, (user, errors(report))
        assert "shred.note" in {f.code for f in report.findings}
    root = org.login(org.a, ADMIN)
    assert case_keys.shared_wraps(root, imported.hub_wraps) == []


def test_content_or_a_key_back_after_a_pulled_shredding_is_found(org: Org, tmp_path: Path) -> None:
    imported = _imported(org, tmp_path)
    _shred_on_a(org)
    alice = org.login(org.b, "alice")
    org.hub.pull(alice)
    alice.close()
    conn = raw_connection(org.b, "alice", PASSWORDS["alice"])
    wrap = next(w for w in imported.hub_wraps if w["recipient"] == "alice")
    public = conn.execute("SELECT wrap_key FROM users WHERE name = 'alice'").fetchone()[0]
    conn.execute(
        "INSERT INTO case_key_wraps (case_no, recipient, recipient_key, sealed, key_id) "
        "VALUES (?, 'alice', ?, ?, ?)",
        (CASE, public, bytes.fromhex(wrap["sealed"]), wrap["key_id"]),
    )
    conn.execute("UPDATE messages SET salt = 'ab' WHERE contact_id = ?", (imported.contact_id,))
    conn.commit()
    conn.close()
    found = {code for code, _where in errors(verify(org.b, "alice"))}
    assert {"case_key.unrecorded", "shred.content_present"} <= found


def forged_tombstone_payload(case_no: str, by: str, basis: str) -> dict[str, Any]:
    """The payload of a ``case.shred`` of ``case_no`` by ``by`` as an insider writes it outside
    the app (destroying nothing, listing nothing): the rules must refuse it by who signed it or
    when, never by its lists."""
    row = {
        "case_no": case_no,
        "shredded_by": by,
        "shredded_at": "2026-03-02T02:00:00.000000Z",
        "basis": basis,
        "reason": "forged",
        "request_sha256": None,
    }
    return {
        "case_no": case_no,
        "basis": basis,
        "reason": "forged",
        "request_sha256": None,
        "counts": {},
        "digests": {},
        "blobs": [],
        "redacted": [],
        "reads_redacted": [],
        "wraps": [],
        "rows": [{"table": "shreddings", "op": "put", "row": row}],
    }


def test_a_tombstone_the_rules_refuse_destroys_nothing_where_it_is_pulled(
    org: Org, tmp_path: Path
) -> None:
    """sam (a supervisor, no CASE_SHRED) signs a tombstone on A with his own key: B refuses
    the pull whole and keeps the case."""
    imported = _imported(org, tmp_path)
    sam = org.login(org.a, "sam")
    prior = org_ledger.own_entries(sam)
    payload = forged_tombstone_payload(CASE, "sam", "request")
    entry = forged(org.a_id, prior, "sam", "case.shred", payload, sam.signing_key)
    alice = org.login(org.b, "alice")
    with pytest.raises(RuleViolation) as refused:
        org_ledger.apply_pull(alice, [OrgEntry(org.a_id, entry, next_position(org))])
    assert refused.value.rule.startswith("rule.")
    assert case_keys.case_key(alice, CASE) == imported.key
    assert _count(alice.conn, "SELECT count(*) FROM shreddings") == 0
    assert "我 1 月 20 号先还 5000" in {
        m.text for m in reading.page_at(alice, imported.contact_id, 0, 10)
    }


def test_own_work_on_the_case_not_pushed_yet_is_refused_and_the_case_destroyed(
    org: Org, tmp_path: Path
) -> None:
    """alice tags a message of the case while A's tombstone is on its way: the pull puts the
    tombstone first, her tag breaks the rule there (case.shredded), the case is destroyed all
    the same, and once the hub has refused the tag both devices verify INTACT."""
    imported = _imported(org, tmp_path)
    _shred_on_a(org)
    alice = org.login(org.b, "alice")
    rowid = alice.conn.execute(
        "SELECT rowid FROM messages WHERE contact_id = ?", (imported.contact_id,)
    ).fetchone()[0]
    tag = review.tag_message(alice, rowid, "promise_to_pay", "NOTEPLATYPUS")
    org.hub.pull(alice)
    assert case_keys.case_key(alice, CASE) is None
    # until the hub has judged it, the tag stays as any raced own entry does (its note
    # redacted with the case's rows); the hub refuses it and the next pull drops it
    assert _count(alice.conn, "SELECT count(*) FROM tags WHERE note != ?", MARKER) == 0
    assert {r[0] for r in alice.conn.execute("SELECT text FROM messages")} == {MARKER}
    tag_seq = max(e.seq for e in org_ledger.own_entries(alice))
    org.hub.push(alice, refused={tag_seq: "case.shredded"})
    org.hub.pull(alice)
    assert _count(alice.conn, "SELECT count(*) FROM tags") == 0
    assert tag.id not in {r[0] for r in alice.conn.execute("SELECT id FROM tags")}
    alice.close()
    for path, user in ((org.b, "alice"), (org.a, "sam")):
        report = verify(path, user)
        assert report.intact, (user, errors(report))


def test_a_device_joining_after_the_shredding_holds_nothing_of_the_case(
    org: Org, tmp_path: Path
) -> None:
    """legal's desktop joins after the shredding: its history holds the tombstone, the case's
    rows come redacted, no key of it exists, and it verifies INTACT with the shredding noted."""
    imported = _imported(org, tmp_path)
    _shred_on_a(org)
    root = org.login(org.a, ADMIN)
    invitation = org_ledger.invite_user(root, "lee", Role.LEGAL)
    org.hub.push(root)
    org.hub.pull(root)
    lee = org.keep(org.hub.join(tmp_path / "c", "lee", invitation.code, org.clock))
    assert _count(lee.conn, "SELECT count(*) FROM shreddings WHERE case_no = ?", CASE) == 1
    assert case_keys.case_key(lee, CASE) is None
    assert imported.contact_id in {
        r[0] for r in lee.conn.execute("SELECT id FROM contacts WHERE display_name = ?", (MARKER,))
    }
    org.hub.push(lee)
    org.hub.pull(lee)
    lee.close()
    report = verify(tmp_path / "c", "lee")
    assert report.intact, errors(report)
    assert "shred.note" in {f.code for f in report.findings}


def test_a_pulled_tombstone_applied_step_by_step_destroys_its_case_once(
    org: Org, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On the step-by-step path the tombstone destroys its case at its place and lists its
    files there; apply_pull wipes that list and does not destroy the case a second time
    (before, it ran ``destroy_pulled`` again after the batch and wiped what that second run
    listed). The real ``destroy_pulled`` runs; the test only counts the calls."""
    _imported(org, tmp_path)
    _shred_on_a(org)
    files_before = {
        p
        for p in (org.b / "blobs").rglob("*")
        if p.is_file() and "tmp" not in p.relative_to(org.b).parts
    }
    assert len(files_before) == 3
    runs: list[list[str]] = []
    real = shredding.destroy_pulled

    def counted(session: Any, case_no: str) -> list[str]:
        listed = real(session, case_no)
        runs.append(listed)
        return listed

    monkeypatch.setattr(shredding, "destroy_pulled", counted)
    alice = org.login(org.b, "alice")
    assert org.hub.pull(alice).entries == 1
    assert len(runs) == 1  # once, at the tombstone's place
    assert {alice.blobs.path_for_name(name) for name in runs[0]} == files_before
    assert not any(p.exists() for p in files_before)
    assert case_keys.case_key(alice, CASE) is None
    alice.close()
    report = verify(org.b, "alice")
    assert report.intact, errors(report)


def test_a_pulled_shreddings_files_are_listed_before_its_rows_and_later_entries_change(
    tmp_path: Path,
) -> None:
    """In a store not migrated (the release store: every original is one file under the store
    key), the files of a case a pulled tombstone destroys are listed from the rows as they are
    at the tombstone. An entry after it in the same batch that imports the same original into
    another case clears ``blobs.name`` (originals.py: new originals have no file under the
    store key), so a list made after the batch (what apply_pull's second destruction did)
    names none of the case's files and leaves them on the disk, readable under the store key."""
    import shutil

    from evidence_desk.services.session import Session
    from tests.services.test_blob_migration import RELEASE_STORE

    store = tmp_path / "store"
    shutil.copytree(RELEASE_STORE, store)
    with Session.open(store, "alice", "alice-password") as alice:
        conn = alice.conn
        case_no = str(conn.execute("SELECT case_no FROM cases ORDER BY case_no").fetchone()[0])
        stored = alice.blobs.stored_names()
        assert len(stored) == 11  # every original of the case, under the store key
        conn.execute("BEGIN IMMEDIATE")
        listed = shredding.destroy_pulled(alice, case_no)
        assert set(listed) == stored  # listed before the rows changed
        # a later entry of the batch: the same originals imported into another case
        conn.execute("UPDATE blobs SET name = ''")
        assert shredding.destroy_pulled(alice, case_no) == []  # a list made afterwards
        conn.execute("COMMIT")
        assert shredding.wipe_after_pull(alice, listed)
        assert alice.blobs.stored_names() == set()


def test_a_device_restored_from_a_backup_before_a_pulled_shredding_destroys_it_again(
    tmp_path: Path, clock: TickingClock
) -> None:
    """Entries, wraps and originals move as sync moves them (tests/services/test_org_case_keys
    .py's KeyedOrg); A (root, sam) rebuilt alice's import, so it holds the messages. lee
    (legal, device C) shreds the case; A pulls the tombstone and destroys the case; then A's
    admin restores A's backup from before the shredding. A pulled tombstone is in no tombstone
    list of A (only the shredding device keeps one), so the restore brings the case back; the
    next sync pulls the tombstone again from where the restored store stands and destroys the
    case again: no key, no message text, no originals, no search fragments, verify INTACT."""
    from evidence_desk.services import backup, org_history, rebuild
    from tests.services.test_org_case_keys import keyed_org
    from tests.services.test_rebuild import CHAT as REBUILT_CHAT
    from tests.services.test_rebuild import _import, _to_a, approved_across_laptops

    with keyed_org(tmp_path, clock) as keyed:
        contact_id = approved_across_laptops(keyed, tmp_path)
        _import(keyed, tmp_path, contact_id, "chat.txt", REBUILT_CHAT)
        sam = _to_a(keyed)
        assert rebuild.rebuild_imports(sam).rebuilt
        assert reading.search(sam, contact_id, SEARCHED)  # logged with its text (PI-1)
        retention.close_case(sam, CASE, "repaid in full")
        keyed.sync(sam)
        sam.close()
        keyed.clock.advance(days=366 * 5 + 2)
        root = keyed.login(keyed.a, ADMIN)
        invitation = org_ledger.invite_user(root, "lee", Role.LEGAL)
        keyed.sync(root)
        lee = keyed.keep(keyed.hub.join(tmp_path / "c", "lee", invitation.code, keyed.clock))
        keyed.sync(lee)
        keyed.sync(root)
        key = case_keys.case_key(root, CASE)
        assert key is not None
        originals = _blob_files(keyed.a)
        assert len(originals) == 3  # two documents and the chat, under the case key
        old = tmp_path / "before-shred.edbackup"
        backup.backup(root, old)
        root.close()
        shredding.shred_case(lee, CASE, "expired", "retention period over")
        keyed.sync(lee)
        sam = keyed.login(keyed.a, "sam")
        keyed.sync(sam)
        assert case_keys.case_key(sam, CASE) is None
        for session in keyed._open:
            session.close()
        keyed._open.clear()

        restored = backup.restore(
            old, keyed.a, ADMIN, PASSWORDS[ADMIN], replace=True, clock=keyed.clock
        )
        assert restored.reapplied == ()  # A kept no tombstone of lee's
        back = {**_files(keyed.a), **_decrypted(keyed.a, ADMIN)}
        assert _leaks(back, [*SECRETS, SEARCHED])  # the scan sees what the backup brought back
        sam = keyed.login(keyed.a, "sam")
        assert case_keys.case_key(sam, CASE) == key  # the case is back
        assert "我 1 月 20 号先还 5000" in {m.text for m in reading.page_at(sam, contact_id, 0, 10)}
        assert all(p.exists() for p in originals)
        # the sync goes on from what the restored store holds
        keyed.hub.pulled[keyed.a_id] = org_history.last_org_seq(sam.conn)
        keyed.sync(sam)
        assert case_keys.case_key(sam, CASE) is None
        assert _count(sam.conn, "SELECT count(*) FROM shreddings WHERE case_no = ?", CASE) == 1
        assert {m.text for m in reading.page_at(sam, contact_id, 0, 10)} == {MARKER}
        assert not any(p.exists() for p in originals)
        sam.close()
        held = {**_files(keyed.a), **_decrypted(keyed.a, ADMIN)}
        leaks = _leaks(held, [*SECRETS, SEARCHED, key.hex()])
        leaks += [f"{name} holds the case key" for name, raw in held.items() if key in raw]
        assert leaks == []
        for path, user in ((keyed.a, ADMIN), (keyed.a, "sam"), (tmp_path / "c", "lee")):
            report = verify(path, user)
            assert report.intact, (user, errors(report))
            assert "shred.note" in {f.code for f in report.findings}


def _blob_files(store: Path) -> set[Path]:
    return {
        p
        for p in (store / "blobs").rglob("*")
        if p.is_file() and "tmp" not in p.relative_to(store).parts
    }


#: personal values written into every kind of entry about the case, each distinct, so that a
#: leak names the field it came through
PERSONAL = {
    "debtor_name": "陈立新",
    "debtor_id_number": "110101199003074514",
    "loan_ref": "LOAN-CHEN-778812",
    "edited loan_ref": "LOAN-CHEN-778813",
    "handle": "+8613800000000",
    "display_name": "Chen Lixin",
    "request reason": "the debtor added us",
    "approval note": "APPROVED-陈先生本人确认",
    "document file name": "陈立新身份证",
    "import file name": "WhatsApp Chat with Chen Lixin",
    "rejected handle": "+8613900000001",
    "rejected display name": "王芳",
    "rejection note": "REJECTED-王芳不是当事人",
    "tag note": "TAGNOTE-陈立新答应还款",
    "untag note": "UNTAGNOTE-陈立新撤回",
    "conduct note": "ACKNOTE-陈立新电话",
    "hold reason": "HOLD-陈立新诉讼",
    "lift reason": "LIFT-陈立新判决",
    "closure reason": "CLOSED-陈立新已还清",
}


def test_no_entry_about_a_shredded_case_keeps_its_personal_values_on_any_device_or_the_hub(
    tmp_path: Path, clock: TickingClock
) -> None:
    """A case carrying every kind of entry about it (its creation and edit, contact requests
    approved and rejected, documents, an import, tags added and withdrawn, a conduct
    acknowledgement, a hold placed and lifted, its closure), written on both devices; entries,
    wraps and originals move as sync moves them, and A rebuilds B's import. After A's
    tombstone, no personal value of the case is readable in any entry: not in A's own
    (redacted), not in B's own ledger, the entries each device holds of the other
    (``device_entries``) or what the hub holds (the list hub keeps the entries as pushed, as
    the real hub's ``entries`` does). The other devices' entries are append-only and signed:
    what shreds them is that their personal fields are sealed under the case key."""
    from evidence_desk.services import cases, conduct, rebuild
    from tests.helpers import supporting_documents
    from tests.services.test_org_case_keys import keyed_org
    from tests.services.test_rebuild import _to_a

    with keyed_org(tmp_path, clock) as keyed:
        alice = keyed.login(keyed.b, "alice")
        cases.create_case(
            alice,
            CASE,
            debtor_name=PERSONAL["debtor_name"],
            debtor_id_number=PERSONAL["debtor_id_number"],
            loan_ref=PERSONAL["loan_ref"],
        )
        cases.edit_case(alice, CASE, loan_ref=PERSONAL["edited loan_ref"])
        contact_id = request(keyed, tmp_path)
        rejected = contacts.request_contact(
            alice,
            case_no=CASE,
            channel="whatsapp",
            handle=PERSONAL["rejected handle"],
            display_name=PERSONAL["rejected display name"],
            reason="her spouse",
            relation="guarantor",
            relation_justification="guarantor in the loan file",
            consent=True,
            documents=supporting_documents(tmp_path / "docs-wife", tag="wife"),
        )
        keyed.sync(alice)
        sam = keyed.login(keyed.a, "sam")
        keyed.sync(sam)
        contacts.approve(sam, contact_id, PERSONAL["approval note"])
        contacts.reject(sam, rejected.id, PERSONAL["rejection note"])
        keyed.sync(sam)
        keyed.sync(alice)
        document = tmp_path / f"{PERSONAL['document file name']}.txt"
        document.write_text("身份证复印件\n", encoding="utf-8")
        contacts.attach_documents(alice, contact_id, [document])
        chat = tmp_path / f"{PERSONAL['import file name']}.txt"
        chat.write_text(
            CHAT + "05/01/2026, 23:30 - Li Ming: 你再不还钱就等着瞧\n", encoding="utf-8"
        )
        importing.import_files(alice, contact_id, [chat], tz="Asia/Shanghai")
        rowid = alice.conn.execute(
            "SELECT rowid FROM messages WHERE contact_id = ? ORDER BY rowid", (contact_id,)
        ).fetchone()[0]
        review.tag_message(alice, rowid, "promise_to_pay", PERSONAL["tag note"])
        withdrawn = review.tag_message(alice, rowid, "dispute", "to withdraw")
        review.untag(alice, withdrawn.id, PERSONAL["untag note"])
        keyed.sync(alice)
        sam.close()
        sam = _to_a(keyed)
        assert rebuild.rebuild_imports(sam).rebuilt
        findings = conduct.run_checks(sam, CASE)
        assert findings, "the late-night threat gives the conduct check a finding"
        conduct.acknowledge(sam, findings[0].id, PERSONAL["conduct note"])
        keyed.sync(sam)
        root = keyed.login(keyed.a, ADMIN)
        keyed.sync(root)
        retention.add_hold(root, CASE, PERSONAL["hold reason"])
        retention.lift_hold(root, CASE, PERSONAL["lift reason"])
        keyed.sync(root)
        keyed.sync(sam)
        retention.close_case(sam, CASE, PERSONAL["closure reason"])
        keyed.sync(sam)
        keyed.sync(alice)
        keyed.clock.advance(days=366 * 5 + 2)
        keyed.sync(root)
        shredding.shred_case(root, CASE, "expired", "retention period over")
        keyed.sync(root)
        keyed.sync(alice)
        keyed.sync(sam)
        for session in (alice, sam, root):
            session.close()

        held: dict[str, bytes] = {}
        for path, user in ((keyed.a, ADMIN), (keyed.b, "alice")):
            conn = raw_connection(path, user, PASSWORDS[user])
            for table in ("ledger", "device_entries"):
                for seq, action, payload in conn.execute(
                    f"SELECT seq, action, payload FROM {table}"
                ):
                    held[f"{path.name} {table} {seq} {action}"] = str(payload).encode()
            conn.close()
        for item in keyed.hub.log:
            where = f"hub {item.device_id[:8]} {item.entry.seq} {item.entry.action}"
            held[where] = item.entry.payload.encode()
        leaks = {
            (where.split(" ")[-1], field)
            for where, raw in held.items()
            for field, value in PERSONAL.items()
            if value.encode() in raw or json.dumps(value).encode() in raw
        }
        # what the other devices' entries and the hub keep in clear after the shredding, by
        # design today (docs/ARCHITECTURE.md, Per-case keys, "What is sealed"): the loan
        # reference (clear for the case search's SQL) and the reasons of holds and closures
        # (read by auditors without a case key). The reasons written here quote the debtor's
        # name, which is how it shows up in those entries. An acknowledgement's note was
        # clear too (its conduct.ack entry): it is sealed now. Anything else, or any of these
        # once sealed, fails here.
        assert leaks == {
            ("case.create", "loan_ref"),
            ("case.edit", "loan_ref"),
            ("case.edit", "edited loan_ref"),
            ("hold.add", "hold reason"),
            ("hold.add", "debtor_name"),
            ("hold.lift", "lift reason"),
            ("hold.lift", "debtor_name"),
            ("case.close", "closure reason"),
            ("case.close", "debtor_name"),
        }
        # and only in the entries the shredding device cannot redact: the others' and the hub's
        assert not [w for w in held if w.startswith("a ledger") and "陈立新".encode() in held[w]]
