"""The contacts' personal columns under the case key (services/case_keys.py ``SEALED_FIELDS``):
ciphertext with the store key alone, read back through the services, placeholders for an
auditor, and the second migration step for a store whose cases an earlier build keyed while
sealing fewer columns."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from evidence_desk.domain.errors import PermissionDenied, RuleViolation
from evidence_desk.domain.models import Role
from evidence_desk.services import (
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
    raw_connection,
)

REASON = "债务人周三来电同意微信沟通 reason-marker-5521"
JUSTIFICATION = "担保人之配偶，负责家庭财务 justification-marker-7730"
NAME = "陈立新先生"
HANDLE = "wxid_chen_1988_handle"


def _request(session: Session, case_no: str = "C-1", handle: str = HANDLE) -> contacts.Contact:
    return contacts.request_contact(
        session,
        case_no=case_no,
        channel="wechat",
        handle=handle,
        display_name=NAME,
        reason=REASON,
        relation="other",
        relation_justification=JUSTIFICATION,
        consent=True,
    )


def _raw(team: Team, table: str) -> tuple[list[dict[str, object]], list[str]]:
    """A table's rows and every ledger payload, opened with the store key alone."""
    conn = raw_connection(team.path, "alice", "alice-password")
    try:
        rows = [dict(r) for r in conn.execute(f"SELECT * FROM {table}")]
        payloads = [str(r[0]) for r in conn.execute("SELECT payload FROM ledger")]
    finally:
        conn.close()
    return rows, payloads


def _cells(team: Team, table: str = "contacts") -> str:
    """:func:`_raw` as one text, to search for what must (not) be there in the clear."""
    return json.dumps(_raw(team, table), ensure_ascii=False)


def test_contact_reason_and_justification_are_ciphertext_and_read_back(team: Team) -> None:
    alice = team.login("alice")
    cases.create_case(alice, "C-1", debtor_name="陈立新")
    contact = _request(alice)
    dump = _cells(team)
    for secret in (REASON, "reason-marker", JUSTIFICATION, "justification-marker", NAME, HANDLE):
        assert secret not in dump, secret  # neither in the table nor in the ledger payload
    row = _raw(team, "contacts")[0][0]
    for column in ("reason", "relation_justification", "display_name", "handle_text"):
        assert ck.is_sealed(row[column]), column
    assert row["handle"] == alice.handle_index(HANDLE)  # the digest the one-matter rule compares
    assert (contact.reason, contact.relation_justification) == (REASON, JUSTIFICATION)
    assert contact.handle == HANDLE
    assert contacts.list_contacts(team.login("sam"), case_no="C-1")[0].reason == REASON
    assert verify.verify_store(alice).intact


def test_an_auditor_reads_the_contact_without_its_personal_columns(team: Team) -> None:
    with team.login(ADMIN) as root:
        users.add_user(root, "audrey", Role.AUDITOR, "audrey-password", kdf=FAST_KDF)
    team.passwords["audrey"] = "audrey-password"
    alice = team.login("alice")
    cases.create_case(alice, "C-1", debtor_name="陈立新")
    contact_id = _request(alice).id
    seen = contacts.get_contact(team.login("audrey"), contact_id)
    hidden = case_keys.SEALED_PLACEHOLDER
    opened = (seen.reason, seen.relation_justification, seen.display_name, seen.handle)
    assert opened == (hidden,) * 4
    assert seen.channel == "wechat" and seen.status == "requested"  # metadata stays readable


def test_a_store_keyed_by_an_earlier_build_gets_its_clear_columns_sealed_at_admin_login(
    team: Team, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Today's main sealed only the contact's name: a contact written so keeps its reason and
    justification in clear until an admin's login seals them under the case's existing key,
    one ``case_keys.migrate`` entry that verify replays."""
    alice = team.login("alice")
    cases.create_case(alice, "C-1", debtor_name="陈立新")
    cases.create_case(alice, "C-2", debtor_name="李四")
    with monkeypatch.context() as earlier_build:
        earlier = ("display_name",)
        earlier_build.setitem(case_keys.SEALED_FIELDS, "contacts", earlier)  # type: ignore[index]
        # that build kept the handle itself in ``handle``
        earlier_build.setattr(case_keys, "contact_handle", lambda _s, handle: {"handle": handle})
        contact_id = _request(alice).id
    assert REASON in _cells(team) and HANDLE in _cells(team)
    before = contacts.get_contact(alice, contact_id)
    assert before.handle == HANDLE
    assert verify.verify_store(alice).intact
    # this build's request compares its digest with the older contact's clear handle
    with pytest.raises(RuleViolation) as refused:
        _request(alice, "C-2")
    assert refused.value.rule == "one-matter-per-chat"
    with team.login("ada") as ada:  # an admin's login migrates
        migrations = [
            json.loads(r[0])
            for r in ada.conn.execute(
                "SELECT payload FROM ledger WHERE action = 'case_keys.migrate' ORDER BY seq"
            )
        ]
        # the contact's row (and no case row: the debtor's columns were sealed already)
        assert [(m["cases"], m["columns"], m["wraps"]) for m in migrations] == [(0, 1, [])]
        assert case_keys.migrate_store(ada) is None  # nothing left in clear
        report = verify.verify_store(ada)
    assert report.intact, [f.as_json() for f in report.errors]
    row = _raw(team, "contacts")[0][0]
    assert ck.is_sealed(row["reason"]) and ck.is_sealed(row["relation_justification"])
    assert ck.is_sealed(row["handle_text"]) and row["handle"] == alice.handle_index(HANDLE)
    for secret in (REASON, HANDLE):
        assert secret not in json.dumps(row, ensure_ascii=False)
    assert contacts.get_contact(team.login("bob"), contact_id) == before
    with pytest.raises(RuleViolation) as refused:  # the rule holds over the migrated digest
        _request(team.login("bob"), "C-2")
    assert refused.value.rule == "one-matter-per-chat"


def test_a_migration_that_puts_a_column_in_clear_fails_verify(team: Team) -> None:
    alice = team.login("alice")
    cases.create_case(alice, "C-1", debtor_name="陈立新")
    contact_id = _request(alice).id
    ada = team.login("ada")
    with insider_code():
        ada.write(
            "case_keys.migrate",
            {"reason": "migration", "cases": 0, "wraps": []},
            [case_keys.put("contacts", {"id": contact_id, "reason": "in clear again"})],
        )
    report = verify.verify_store(ada)
    assert "rule.case_key.sealed" in [f.code for f in report.errors]


def test_one_matter_per_chat_compares_digests_and_verify_catches_an_insiders_second_case(
    team: Team, monkeypatch: pytest.MonkeyPatch
) -> None:
    alice = team.login("alice")
    cases.create_case(alice, "C-1", debtor_name="陈立新")
    cases.create_case(alice, "C-2", debtor_name="李四")
    _request(alice, "C-1")
    with pytest.raises(RuleViolation) as refused:
        _request(alice, "C-2")
    assert refused.value.rule == "one-matter-per-chat" and HANDLE in str(refused.value)
    assert _request(alice, "C-2", "wxid_someone_else").handle == "wxid_someone_else"
    # an insider's own code skips the service's check and the write path's refusal
    monkeypatch.setattr(contacts, "_check_one_matter_per_chat", lambda *_args: None)
    with insider_code():
        _request(alice, "C-2")
    report = verify.verify_store(alice)
    assert "rule.one-matter-per-chat" in [f.code for f in report.errors]


def test_a_handle_digest_that_is_not_the_sealed_handles_fails_verify(
    team: Team, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An insider who files a second case's contact under another handle's digest gets past
    the rule (the digests differ), but not past verify, which opens the handle."""
    alice = team.login("alice")
    cases.create_case(alice, "C-1", debtor_name="陈立新")
    cases.create_case(alice, "C-2", debtor_name="李四")
    _request(alice, "C-1")
    monkeypatch.setattr(contacts, "_check_one_matter_per_chat", lambda *_args: None)
    monkeypatch.setattr(
        case_keys,
        "contact_handle",
        lambda s, handle: {"handle": s.handle_index(handle + "-not"), "handle_text": handle},
    )
    forged = _request(alice, "C-2")  # the write path's rule compares the wrong digest
    assert forged.handle == HANDLE
    report = verify.verify_store(alice)
    codes = [f.code for f in report.errors]
    assert codes == ["case_key.handle_index"], codes


# -- the senders of messages ---------------------------------------------------------------------

SENDER, OTHER = "陈立新Chen", "李明Li"
CHAT = f"05/01/2026, 09:00 - {SENDER}: 请在本周五之前还款\n05/01/2026, 09:01 - {OTHER}: 收到 ok\n"


def _import(team: Team, tmp_path: Path) -> tuple[Session, str]:
    session, contact_id = approved_contact(team, tmp_path, display_name=SENDER)
    path = tmp_path / "chat.txt"
    path.write_text(CHAT, encoding="utf-8")
    importing.import_files(session, contact_id, [path], tz="Asia/Shanghai")
    return session, contact_id


def _message_cells(team: Team) -> list[object]:
    conn = raw_connection(team.path, "alice", "alice-password")
    try:
        return [v for r in conn.execute("SELECT sender, sender_id FROM messages") for v in r]
    finally:
        conn.close()


def test_senders_are_sealed_and_search_by_sender_opens_them(team: Team, tmp_path: Path) -> None:
    alice, contact_id = _import(team, tmp_path)
    cells = _message_cells(team)
    assert cells and all(v is None or isinstance(v, bytes) for v in cells)
    assert not [v for v in cells if isinstance(v, bytes) and SENDER.encode() in v]
    assert [m.sender for m in reading.list_messages(alice, contact_id)] == [SENDER, OTHER]
    # substring, ASCII letters folded, as LIKE did when the names were in clear
    for needle, expected in (("立新", [SENDER]), ("chen", [SENDER]), ("LI", [OTHER])):
        assert [h.sender for h in review.search(alice, sender=needle)] == expected, needle
    assert [h.sender for h in review.search(alice, "还款", sender="李明")] == []
    assert review.search(alice, sender="nobody") == []
    assert verify.verify_store(alice).intact


def test_a_reader_without_the_key_sees_no_sender_and_finds_none_by_name(
    team: Team, tmp_path: Path
) -> None:
    """Auditors may not read evidence at all (the policy); a reader whose wrap is missing
    (as for a user whose key arrived after the last admin login) gets the placeholder."""
    with team.login(ADMIN) as root:
        users.add_user(root, "audrey", Role.AUDITOR, "audrey-password", kdf=FAST_KDF)
    team.passwords["audrey"] = "audrey-password"
    alice, contact_id = _import(team, tmp_path)
    with pytest.raises(PermissionDenied):
        reading.list_messages(team.login("audrey"), contact_id)
    case_no = contacts.get_contact(alice, contact_id).case_no
    conn = raw_connection(team.path, "bob", "bob-password")
    try:
        ck.delete_wrap(conn, case_no, "bob")
    finally:
        conn.close()
    bob = team.login("bob")
    senders = {m.sender for m in reading.list_messages(bob, contact_id)}
    assert senders == {case_keys.SEALED_PLACEHOLDER}
    assert review.search(bob, sender="立新") == []
    assert review.search(bob, sender=case_keys.SEALED_PLACEHOLDER[:1]) == []


def test_a_sender_changed_in_the_database_fails_verify(team: Team, tmp_path: Path) -> None:
    alice, _contact = _import(team, tmp_path)
    conn = raw_connection(team.path, "alice", "alice-password")
    try:  # the second message's sealed sender put on the first
        rows = conn.execute("SELECT rowid, sender FROM messages ORDER BY rowid").fetchall()
        conn.execute("UPDATE messages SET sender = ? WHERE rowid = ?", (rows[1][1], rows[0][0]))
        conn.commit()
    finally:
        conn.close()
    changed = [f for f in verify.verify_store(alice).errors if f.code == "message.changed"]
    assert changed and "sender" in changed[0].detail


class _TextsOnly:
    """The cipher of the build before senders were sealed: texts only."""

    def __init__(self, cipher: ck.MessageCipher) -> None:
        self._cipher = cipher

    def seal(self, fingerprint: str, column: str, text: str) -> bytes | str:
        if column in ("sender", "sender_id"):
            return text
        return self._cipher.seal(fingerprint, column, text)


def test_senders_left_in_clear_by_an_earlier_build_are_sealed_at_admin_login(
    team: Team, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = case_keys.message_cipher
    with monkeypatch.context() as earlier_build:
        earlier_build.setattr(
            case_keys, "message_cipher", lambda s, case, contact: _TextsOnly(real(s, case, contact))
        )
        alice, contact_id = _import(team, tmp_path)
    assert SENDER in _message_cells(team)
    before = [(m.fingerprint, m.sender, m.text) for m in reading.list_messages(alice, contact_id)]
    assert verify.verify_store(alice).intact
    with team.login("ada") as ada:  # an admin's login seals them
        last = ada.conn.execute(
            "SELECT payload FROM ledger WHERE action = 'case_keys.migrate' ORDER BY seq DESC"
        ).fetchone()
        assert json.loads(last[0])["messages"] == 2
        assert case_keys.migrate_store(ada) is None
        report = verify.verify_store(ada)
    assert report.intact, [f.as_json() for f in report.errors]
    assert all(v is None or isinstance(v, bytes) for v in _message_cells(team))
    after = [(m.fingerprint, m.sender, m.text) for m in reading.list_messages(alice, contact_id)]
    assert after == before


# -- tag notes -----------------------------------------------------------------------------------

NOTE, REMOVE_NOTE = "债务人承认欠款 note-marker-4410", "误标 remove-marker-8812"


def _tag_and_untag(session: Session, contact_id: str) -> str:
    message = reading.list_messages(session, contact_id)[0]
    tag = review.tag_message(session, message.rowid, "note", NOTE)
    review.untag(session, tag.id, REMOVE_NOTE)
    return tag.id


def test_tag_notes_are_sealed_and_read_back(team: Team, tmp_path: Path) -> None:
    alice, contact_id = _import(team, tmp_path)
    tag_id = _tag_and_untag(alice, contact_id)
    dump = _cells(team, "tags")
    for secret in (NOTE, "note-marker", REMOVE_NOTE, "remove-marker"):
        assert secret not in dump, secret  # neither in the table nor in the ledger payloads
    tag = review.get_tag(team.login("bob"), tag_id)
    assert (tag.note, tag.remove_note, tag.active) == (NOTE, REMOVE_NOTE, False)
    listed = review.list_tags(alice, contact_id=contact_id, include_removed=True)
    assert [t.note for t in listed] == [NOTE]
    assert verify.verify_store(alice).intact


def test_tag_notes_left_in_clear_by_an_earlier_build_are_sealed_at_admin_login(
    team: Team, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    alice, contact_id = _import(team, tmp_path)
    with monkeypatch.context() as earlier_build:
        earlier_build.setattr(case_keys, "seal_tag_note", lambda *args: args[-1])
        tag_id = _tag_and_untag(alice, contact_id)
    assert NOTE in _cells(team, "tags")
    before = review.get_tag(alice, tag_id)
    assert verify.verify_store(alice).intact
    with team.login("ada") as ada:  # an admin's login seals them
        last = ada.conn.execute(
            "SELECT payload FROM ledger WHERE action = 'case_keys.migrate' ORDER BY seq DESC"
        ).fetchone()
        assert json.loads(last[0])["columns"] == 1  # the tag's row, both notes
        report = verify.verify_store(ada)
    assert report.intact, [f.as_json() for f in report.errors]
    conn = raw_connection(team.path, "alice", "alice-password")
    try:
        notes = conn.execute("SELECT note, remove_note FROM tags").fetchone()
    finally:
        conn.close()
    assert all(ck.is_sealed(n) for n in notes)
    assert review.get_tag(alice, tag_id) == before


# -- imports: file name and details (title, participants) ----------------------------------------

CHAT_FILE = "与陈立新的聊天 file-marker-3390.txt"


def _import_named(team: Team, tmp_path: Path) -> tuple[Session, str]:
    session, contact_id = approved_contact(team, tmp_path, display_name=SENDER)
    path = tmp_path / CHAT_FILE
    path.write_text(CHAT, encoding="utf-8")
    importing.import_files(session, contact_id, [path], tz="Asia/Shanghai")
    return session, contact_id


def _import_cells(team: Team) -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    """The imports rows and the import entries' payloads, with the store key alone."""
    conn = raw_connection(team.path, "alice", "alice-password")
    try:
        rows = [dict(r) for r in conn.execute("SELECT * FROM imports")]
        payloads = [
            json.loads(r[0])
            for r in conn.execute("SELECT payload FROM ledger WHERE action = 'evidence.import'")
        ]
    finally:
        conn.close()
    return rows, payloads


def test_an_imports_file_name_and_participants_are_sealed_and_read_back(
    team: Team, tmp_path: Path
) -> None:
    alice, _contact = _import_named(team, tmp_path)
    rows, payloads = _import_cells(team)
    [row] = rows
    assert all(ck.is_sealed(row[c]) for c in case_keys.SEALED_FIELDS["imports"])
    [payload] = payloads
    [put_row] = [c["row"] for c in payload["rows"] if c["table"] == "imports"]
    assert (put_row["file_name"], put_row["details"]) == (row["file_name"], row["details"])
    files = [f for s in payload["imports"] for f in s["files"]]
    assert files and all(ck.is_sealed(f["file_name"]) for f in files)
    dump = json.dumps([row, put_row, files], ensure_ascii=False)
    for secret in ("file-marker", "陈立新", SENDER, OTHER):
        assert secret not in dump, secret
    record = reading.import_record(team.login("bob"), str(row["id"]))
    assert record.file_name == CHAT_FILE
    details = json.loads(case_keys.open_import_row(alice, row)["details"])
    assert details["participants"] == [SENDER, OTHER]
    report = verify.verify_store(alice)  # re-parses the original under its opened name
    assert report.intact, [f.as_json() for f in report.errors]


def test_a_reader_without_the_key_sees_no_import_file_name(team: Team, tmp_path: Path) -> None:
    alice, contact_id = _import_named(team, tmp_path)
    [row], _payloads = _import_cells(team)
    case_no = contacts.get_contact(alice, contact_id).case_no
    conn = raw_connection(team.path, "bob", "bob-password")
    try:
        ck.delete_wrap(conn, case_no, "bob")
    finally:
        conn.close()
    record = reading.import_record(team.login("bob"), str(row["id"]))
    assert record.file_name == case_keys.SEALED_PLACEHOLDER


def test_an_import_changed_in_the_database_fails_verify(team: Team, tmp_path: Path) -> None:
    alice, _contact = _import_named(team, tmp_path)
    conn = raw_connection(team.path, "alice", "alice-password")
    try:  # the sealed file name put in the details' place: it opens to nothing
        conn.execute("UPDATE imports SET details = file_name")
        conn.commit()
    finally:
        conn.close()
    assert not verify.verify_store(alice).intact


def test_imports_left_in_clear_by_an_earlier_build_are_sealed_at_admin_login(
    team: Team, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with monkeypatch.context() as earlier_build:
        earlier_build.setattr(case_keys, "seal_import_fields", lambda _s, _c, row: dict(row))
        earlier_build.setattr(case_keys, "seal_value", lambda *args: args[-1])
        alice, _contact = _import_named(team, tmp_path)
    [row], _payloads = _import_cells(team)
    assert row["file_name"] == CHAT_FILE
    before = reading.import_record(alice, str(row["id"]))
    assert verify.verify_store(alice).intact
    with team.login("ada") as ada:  # an admin's login seals them
        last = ada.conn.execute(
            "SELECT payload FROM ledger WHERE action = 'case_keys.migrate' ORDER BY seq DESC"
        ).fetchone()
        assert json.loads(last[0])["columns"] == 1  # the import's row, its columns
        assert case_keys.migrate_store(ada) is None
        report = verify.verify_store(ada)
    assert report.intact, [f.as_json() for f in report.errors]
    [row], _payloads = _import_cells(team)
    assert ck.is_sealed(row["file_name"]) and ck.is_sealed(row["details"])
    assert reading.import_record(alice, str(row["id"])) == before


# -- items: the originals' file names ------------------------------------------------------------

DOCUMENT = "陈立新身份证正反面 doc-marker-6621.png"


def _attach(session: Session, contact_id: str, tmp_path: Path) -> None:
    path = tmp_path / DOCUMENT
    path.write_bytes(b"\x89PNG\r\n\x1a\n id card scan")
    contacts.attach_documents(session, contact_id, [path], "screenshot")


def test_file_names_of_items_are_sealed_in_table_and_payloads_and_read_back(
    team: Team, tmp_path: Path
) -> None:
    alice, contact_id = _import_named(team, tmp_path)
    _attach(alice, contact_id, tmp_path)
    dump = _cells(team, "items")
    for secret in ("doc-marker", "身份证", "file-marker"):
        assert secret not in dump, secret  # neither the items nor any ledger payload
    names = [i.file_name for i in contacts.contact_items(team.login("bob"), contact_id)]
    assert DOCUMENT in names and CHAT_FILE in names
    report = verify.verify_store(alice)
    assert report.intact, [f.as_json() for f in report.errors]


def test_item_file_names_left_in_clear_by_an_earlier_build_are_sealed_at_admin_login(
    team: Team, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    alice, contact_id = _import_named(team, tmp_path)
    with monkeypatch.context() as earlier_build:
        earlier_build.setattr(case_keys, "seal_item_fields", lambda _s, _c, row: dict(row))
        _attach(alice, contact_id, tmp_path)
    assert "doc-marker" in _cells(team, "items")
    before = contacts.contact_items(alice, contact_id)
    assert verify.verify_store(alice).intact
    with team.login("ada") as ada:  # an admin's login seals them
        last = ada.conn.execute(
            "SELECT payload FROM ledger WHERE action = 'case_keys.migrate' ORDER BY seq DESC"
        ).fetchone()
        assert json.loads(last[0])["columns"] == 1  # the document's item
        assert case_keys.migrate_store(ada) is None
        report = verify.verify_store(ada)
    assert report.intact, [f.as_json() for f in report.errors]
    conn = raw_connection(team.path, "alice", "alice-password")
    try:
        names = [r[0] for r in conn.execute("SELECT file_name FROM items")]
    finally:
        conn.close()
    assert names and all(ck.is_sealed(n) for n in names)
    assert contacts.contact_items(alice, contact_id) == before
