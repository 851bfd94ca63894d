"""Per-case keys in a store: who holds a wrap, who cannot open a case, an insider's forged wrap,
no plain personal column in the database, and the migration of a store from an older release."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from evidence_desk.domain.errors import RuleViolation
from evidence_desk.domain.models import Role
from evidence_desk.services import (
    backup,
    case_keys,
    cases,
    contacts,
    importing,
    reading,
    review,
    users,
    verify,
)
from evidence_desk.services.session import Session
from evidence_desk.store import case_keys as ck
from tests.helpers import (
    ADMIN,
    FAST_KDF,
    Team,
    approved_contact,
    insider_code,
    insider_session,
    raw_connection,
)

RELEASE_STORE = Path(__file__).resolve().parents[1] / "fixtures" / "release_store"
NAME, ID_NUMBER = "王秀英", "440301198807076543"
MESSAGE = "请在本周五之前还款一万二千元整 secret-marker-1234"
CHAT = f"05/01/2026, 09:00 - Chen Lixin: {MESSAGE}\n05/01/2026, 09:01 - Li Ming: 收到 ok\n"


CONTACT_NAME = "陈立新先生"


def _import_chat(team: Team, tmp_path: Path) -> tuple[Session, str]:
    session, contact_id = approved_contact(
        team, tmp_path, debtor_name=NAME, display_name=CONTACT_NAME
    )
    path = tmp_path / "chat.txt"
    path.write_text(CHAT, encoding="utf-8")
    importing.import_files(session, contact_id, [path], tz="Asia/Shanghai")
    return session, contact_id


def _all_cells(team: Team) -> list[str]:
    """Every cell of every table (the full-text index's shadow tables too), opened with the
    store key alone, as a thief with a password would; bytes as UTF-8 and UTF-16."""
    conn = raw_connection(team.path, "alice", "alice-password")
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        values = [
            value
            for table in tables
            for row in conn.execute(f"SELECT * FROM '{table}'")
            for value in tuple(row)
        ]
    finally:
        conn.close()
    cells: list[str] = []
    for value in values:
        if isinstance(value, bytes):
            cells += [value.decode("utf-8", "replace"), value.decode("utf-16-le", "replace")]
        else:
            cells.append(str(value))
    return cells


READERS = {ADMIN, "alice", "bob", "sam", "sue", "lee", "ada"}


def _recipients(session: Session, case_no: str) -> set[str]:
    return {w.recipient for w in ck.read_wraps(session.conn, case_no)}


def _codes(report: verify.VerifyReport) -> list[str]:
    return [f.code for f in report.findings]


@pytest.fixture
def with_auditor(team: Team) -> Team:
    with team.login(ADMIN) as root:
        users.add_user(root, "audrey", Role.AUDITOR, "audrey-password", kdf=FAST_KDF)
    team.passwords["audrey"] = "audrey-password"
    return team


def test_wraps_exist_exactly_for_the_users_entitled_to_read(with_auditor: Team) -> None:
    alice = with_auditor.login("alice")
    case = cases.create_case(alice, "C-1", debtor_name=NAME, debtor_id_number=ID_NUMBER)
    assert (case.debtor_name, case.debtor_id_number) == (NAME, ID_NUMBER)
    assert _recipients(alice, "C-1") == READERS  # not the auditor
    # a user added later gets a wrap of every existing case, in the same step
    with with_auditor.login("ada") as ada:
        users.add_user(ada, "carol", Role.LEGAL, "carol-password", kdf=FAST_KDF)
        assert _recipients(ada, "C-1") == READERS | {"carol"}
    carol = Session.open(with_auditor.path, "carol", "carol-password", clock=with_auditor.clock)
    with carol:
        assert cases.get_case(carol, "C-1").debtor_name == NAME
        report = verify.verify_store(carol)
    assert report.intact, [f.as_json() for f in report.errors]
    assert "case_key.not_performed" not in _codes(report)


def test_an_auditor_cannot_open_a_case_and_verify_says_what_it_did_not_check(
    with_auditor: Team,
) -> None:
    alice = with_auditor.login("alice")
    cases.create_case(alice, "C-1", debtor_name=NAME, debtor_id_number=ID_NUMBER)
    audrey = with_auditor.login("audrey")
    assert audrey.wrap_key is not None
    assert case_keys.case_key(audrey, "C-1") is None
    seen = cases.get_case(audrey, "C-1")
    assert NAME not in seen.debtor_name and seen.debtor_name == case_keys.SEALED_PLACEHOLDER
    assert cases.list_cases(audrey, "王") == []  # a name search cannot find what it cannot open
    # no wrap of another reader opens with the auditor's X25519 key
    for wrap in ck.read_wraps(audrey.conn, "C-1"):
        with pytest.raises(ck.CaseKeyError):
            ck.open_wrap(audrey.folder.store_id, "C-1", "audrey", audrey.wrap_key, wrap.sealed)
    report = verify.verify_store(audrey)
    assert report.intact  # nothing is broken ...
    skipped = [f for f in report.findings if f.code == "case_key.not_performed"]
    assert len(skipped) == 1 and skipped[0].severity == "warning"  # ... but it was not checked
    assert "C-1" in skipped[0].location and "audrey" in skipped[0].detail


def test_a_removed_member_can_no_longer_open_the_case(team: Team) -> None:
    bob = team.login("bob")
    cases.create_case(bob, "C-1", debtor_name=NAME)
    bob_key = bob.wrap_key
    assert bob_key is not None and case_keys.case_key(bob, "C-1") is not None
    bob.close()
    ada = team.login("ada")
    users.deactivate_user(ada, "bob")
    assert "bob" not in _recipients(ada, "C-1")
    alice = team.login("alice")
    cases.create_case(alice, "C-2", debtor_name="李四")
    # bob's key (as he had it) opens nothing in the store any more
    store_id = ada.folder.store_id
    for case_no in ("C-1", "C-2"):
        for wrap in ck.read_wraps(ada.conn, case_no):
            with pytest.raises(ck.CaseKeyError):
                ck.open_wrap(store_id, case_no, "bob", bob_key, wrap.sealed)
    report = verify.verify_store(ada)
    assert report.intact, [f.as_json() for f in report.errors]


def test_a_reset_password_rewraps_for_the_new_key(team: Team) -> None:
    with team.login("alice") as alice:
        cases.create_case(alice, "C-1", debtor_name=NAME)
    ada = team.login("ada")
    users.reset_password(ada, "alice", "alice-new-password", kdf=FAST_KDF)
    with Session.open(team.path, "alice", "alice-new-password", clock=team.clock) as again:
        assert cases.get_case(again, "C-1").debtor_name == NAME
    assert verify.verify_store(ada).intact


def test_an_insiders_wrap_for_someone_not_entitled_fails_verify_naming_the_rule(
    with_auditor: Team,
) -> None:
    alice = with_auditor.login("alice")
    cases.create_case(alice, "C-1", debtor_name=NAME)
    key = case_keys.case_key(alice, "C-1")
    assert key is not None
    audrey_key = alice.conn.execute("SELECT wrap_key FROM users WHERE name = 'audrey'").fetchone()[
        0
    ]
    store_id = alice.folder.store_id
    forged = ck.make_wrap(store_id, "C-1", "audrey", audrey_key, key)
    insider = insider_session(with_auditor, "alice")
    with insider_code():
        insider.write(
            "case.keys",
            {"reason": "help", "wraps": case_keys.wrap_records(alice, [forged])},
            extra=case_keys.store_wraps([forged]),
        )
    report = verify.verify_store(alice)
    assert not report.intact
    broken = [f for f in report.errors if f.code == "rule.case_key.recipient"]
    assert broken and "audrey" in broken[0].detail and "case_key.recipient" in broken[0].detail
    # the service path refuses the same entry before writing
    with pytest.raises(Exception, match="audrey"):
        alice.write(
            "case.keys", {"reason": "help", "wraps": case_keys.wrap_records(alice, [forged])}
        )


def test_a_wrap_slipped_into_the_table_without_an_entry_fails_verify(with_auditor: Team) -> None:
    alice = with_auditor.login("alice")
    cases.create_case(alice, "C-1", debtor_name=NAME)
    key = case_keys.case_key(alice, "C-1")
    assert key is not None
    audrey_key = alice.conn.execute("SELECT wrap_key FROM users WHERE name = 'audrey'").fetchone()[
        0
    ]
    conn = raw_connection(with_auditor.path, "alice", "alice-password")
    try:
        ck.put_wrap(conn, ck.make_wrap(alice.folder.store_id, "C-1", "audrey", audrey_key, key))
    finally:
        conn.close()
    report = verify.verify_store(alice)
    assert "case_key.unrecorded" in [f.code for f in report.errors]


def test_personal_columns_are_ciphertext_under_the_store_key_alone(team: Team) -> None:
    alice = team.login("alice")
    cases.create_case(alice, "C-1", debtor_name=NAME, debtor_id_number=ID_NUMBER)
    cases.edit_case(alice, "C-1", debtor_name=NAME + "（更正）")
    cases.import_cases_csv(
        team.login("sam"),
        "cases.csv",
        f"case_no,debtor_name,debtor_id_number\nC-2,{NAME}二,{ID_NUMBER[:-1]}9\n".encode(),
    )
    # every cell of every table, opened with the store key only (as a thief with a password)
    conn = raw_connection(team.path, "alice", "alice-password")
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        cells = [
            str(value)
            for table in tables
            for row in conn.execute(f"SELECT * FROM '{table}'")
            for value in tuple(row)
        ]
    finally:
        conn.close()
    for secret in (NAME, ID_NUMBER, ID_NUMBER[:-1] + "9"):
        assert not [c for c in cells if secret in c], secret
    # and the service opens them again
    assert cases.get_case(alice, "C-2").debtor_name == NAME + "二"
    assert [c.case_no for c in cases.list_cases(alice, NAME)] == ["C-1", "C-2"]
    assert verify.verify_store(alice).intact


def test_destroying_a_case_key_leaves_its_content_unreadable(team: Team) -> None:
    """How crypto-shredding plugs in: its entry records the withdrawn wraps and deletes them
    (and the cached key) in its own transaction; verify then expects none."""
    alice = team.login("alice")
    cases.create_case(alice, "C-1", debtor_name=NAME)
    cases.create_case(alice, "C-2", debtor_name="李四")
    withdrawn = case_keys.withdrawal_records(alice, "C-1")
    assert {w["recipient"] for w in withdrawn} == READERS
    destroyed: list[int] = []
    alice.write(
        "case.keys",  # the shredding helper's own action in its branch
        {"reason": "shredded", "wraps": withdrawn},
        extra=lambda _conn, _seq: destroyed.append(case_keys.destroy_case_key(alice, "C-1")),
    )
    assert destroyed == [len(READERS)]
    assert case_keys.case_key(alice, "C-1") is None
    assert cases.get_case(alice, "C-1").debtor_name == case_keys.SEALED_PLACEHOLDER
    assert cases.get_case(alice, "C-2").debtor_name == "李四"
    report = verify.verify_store(alice)
    assert report.intact, [f.as_json() for f in report.errors]
    # an admin's next login does not take the shredded case for one to migrate
    with team.login("ada") as ada:
        assert case_keys.migrate_store(ada) is None
        assert not list(ck.read_wraps(ada.conn, "C-1"))
        assert verify.verify_store(ada).intact


def _conversations(session: Session) -> dict[str, list[tuple[object, ...]]]:
    """Every message as the reading service gives it: sender, text, attachments, sources."""
    contact_ids = [r[0] for r in session.conn.execute("SELECT id FROM contacts ORDER BY id")]
    return {
        c: [
            (m.fingerprint, m.sender, m.text, json.dumps(m.attachments), tuple(m.sources))
            for m in reading.list_messages(session, c)
        ]
        for c in contact_ids
    }


def test_a_store_from_the_release_before_migrates_in_place_and_verifies(tmp_path: Path) -> None:
    store = tmp_path / "store"
    shutil.copytree(RELEASE_STORE, store)
    # before: a reader (no admin, so nothing migrates) verifies the old store intact
    with Session.open(store, "alice", "alice-password") as alice:
        before = verify.verify_store(alice)
        old = {c.case_no: c for c in cases.list_cases(alice)}
        old_contacts = contacts.list_contacts(alice)
        old_messages = _conversations(alice)
        assert alice.wrap_key is not None  # her slot got an X25519 key at this login
    assert sum(len(m) for m in old_messages.values()) > 10
    assert before.intact, [f.as_json() for f in before.errors]
    assert "case_key.not_performed" not in _codes(before)
    # the admin's login migrates: one entry, the columns sealed, the keys wrapped
    with Session.open(store, ADMIN, "root-password") as root:
        entries = [
            (r["action"], json.loads(r["payload"]))
            for r in root.conn.execute("SELECT action, payload FROM ledger ORDER BY seq")
        ]
        after = verify.verify_store(root)
        raw = {r["case_no"]: dict(r) for r in root.conn.execute("SELECT * FROM cases")}
        recipients = _recipients(root, "2026-SH-1")
    assert after.intact, [f.as_json() for f in after.errors]
    migrations = [p for a, p in entries if a == "case_keys.migrate"]
    assert len(migrations) == 1 and migrations[0]["cases"] == len(old) == 1
    assert migrations[0]["messages"] == sum(len(m) for m in old_messages.values())
    for row in raw.values():
        assert ck.is_sealed(row["debtor_name"]) and ck.is_sealed(row["debtor_id_number"])
    assert {ADMIN, "alice"} <= recipients  # the others get theirs after their next login
    # alice reads the migrated case with her new key: identical to before
    with Session.open(store, "alice", "alice-password") as alice:
        assert {c.case_no: c for c in cases.list_cases(alice)} == old
        assert contacts.list_contacts(alice) == old_contacts
        assert _conversations(alice) == old_messages
        marks = {bytes(r[0]) for r in alice.conn.execute("SELECT substr(text, 1, 1) FROM messages")}
        assert marks == {ck.MESSAGE_MARK}  # each message one ciphertext
        clear = alice.conn.execute(
            "SELECT count(*) FROM messages WHERE raw IS NOT NULL OR sender_id IS NOT NULL "
            "OR sender != '' OR attachments != ''"
        )
        assert clear.fetchone()[0] == 0
        links = {r[0] for r in alice.conn.execute("SELECT DISTINCT locator FROM message_sources")}
        assert links == {""}  # the locators: one sealed list per import
        lists = alice.conn.execute("SELECT count(*) FROM import_locators").fetchone()[0]
        assert lists == migrations[0]["locators"] > 0
        columns = ", ".join(case_keys.SEALED_FIELDS["contacts"])
        sealed_cells = [tuple(r) for r in alice.conn.execute(f"SELECT {columns} FROM contacts")]
        # every personal column sealed (a note of a decision or revocation not made is NULL)
        assert sealed_cells and all(ck.is_sealed(c) for r in sealed_cells for c in r if c)
        again = verify.verify_store(alice)
    assert again.intact, [f.as_json() for f in again.errors]
    assert "case_key.not_performed" not in _codes(again)


def test_message_texts_are_sealed_and_read_search_and_verify_through_the_case_key(
    team: Team, tmp_path: Path
) -> None:
    alice, contact_id = _import_chat(team, tmp_path)
    stored = alice.conn.execute("SELECT text, raw FROM messages").fetchall()
    assert stored and all(isinstance(r[0], bytes) for r in stored)
    for secret in (MESSAGE, "secret-marker-1234", "一万二千元", NAME, CONTACT_NAME):
        assert not [c for c in _all_cells(team) if secret in c], secret
    assert contacts.get_contact(alice, contact_id).display_name == CONTACT_NAME
    texts = [m.text for m in reading.list_messages(alice, contact_id)]
    assert texts == [MESSAGE, "收到 ok"]
    # the full-text index (3+ characters) and the scan of opened texts (shorter) both find it
    for needle in ("secret-marker", "还款", "OK"):
        keys = reading.search(alice, contact_id, needle)
        assert len(keys) == 1, needle
    hits = review.search(alice, text="还款")
    assert [h.text for h in hits] == [MESSAGE]
    assert [h.text for h in review.search(alice, text="marker-1234")] == [MESSAGE]
    assert verify.verify_store(alice).intact


def test_a_changed_sealed_text_fails_verify(team: Team, tmp_path: Path) -> None:
    alice, _contact = _import_chat(team, tmp_path)
    rows = alice.conn.execute("SELECT rowid, text FROM messages ORDER BY rowid").fetchall()
    conn = raw_connection(team.path, "alice", "alice-password")
    try:  # the two sealed texts swapped: each is authentic, but not for its message
        conn.execute("UPDATE messages SET text = ? WHERE rowid = ?", (rows[1][1], rows[0][0]))
    finally:
        conn.close()
    report = verify.verify_store(alice)
    assert "message.changed" in [f.code for f in report.errors]


def test_an_auditor_verifies_imports_without_reading_them(
    with_auditor: Team, tmp_path: Path
) -> None:
    _import_chat(with_auditor, tmp_path)
    audrey = with_auditor.login("audrey")
    report = verify.verify_store(audrey)
    assert report.intact, [f.as_json() for f in report.errors]
    assert _codes(report).count("case_key.not_performed") == 1


def test_a_backup_of_a_store_from_before_restores_then_migrates(tmp_path: Path) -> None:
    """Restoring checks the copy as the backup holds it (no key upkeep: the manifest must not
    grow); the first admin login into the restored store migrates it."""
    store = tmp_path / "store"
    shutil.copytree(RELEASE_STORE, store)
    with Session.open(store, ADMIN, "root-password", key_upkeep=False) as root:
        made = backup.backup(root, tmp_path / "old.edbackup")
        assert not list(ck.read_wraps(root.conn))  # nothing migrated
    restored = backup.restore(made.path, tmp_path / "restored", ADMIN, "root-password")
    assert restored.ledger_size == made.ledger_size
    with Session.open(restored.path, ADMIN, "root-password") as root:
        assert _recipients(root, "2026-SH-1") >= {ADMIN}
        report = verify.verify_store(root, local_anchor=False)
    assert report.intact, [f.as_json() for f in report.errors]


def test_a_reader_without_the_key_cannot_write_a_name_in_clear_beside_sealed_ones(
    team: Team,
) -> None:
    with team.login("alice") as alice:
        cases.create_case(alice, "C-1", debtor_name=NAME)
    bob = team.login("bob")
    conn = raw_connection(team.path, "bob", "bob-password")
    try:  # bob's wrap gone (as for a user whose key arrived after the last admin login)
        ck.delete_wrap(conn, "C-1", "bob")
    finally:
        conn.close()
    assert cases.get_case(bob, "C-1").debtor_name == case_keys.SEALED_PLACEHOLDER
    with pytest.raises(RuleViolation) as refused:
        cases.edit_case(bob, "C-1", debtor_name="李四")
    assert refused.value.rule == "case.key_missing"
    # the columns that are not sealed stay editable
    assert cases.edit_case(bob, "C-1", status="litigation").status == "litigation"
