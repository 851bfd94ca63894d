"""The contacts' personal columns under the case key (services/case_keys.py ``SEALED_FIELDS``):
ciphertext with the store key alone, read back through the services, placeholders for an
auditor, and the second migration step for a store whose cases an earlier build keyed while
sealing fewer columns; messages (one ciphertext each) and an import's locators (one sealed
list) likewise, and a store whose messages the build before sealed column by column."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

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


# -- messages: one ciphertext each (text, raw, sender, sender id, attachments) -------------------

SENDER, OTHER = "陈立新Chen", "李明Li"
PHOTO = "IMG-20260105-WA0001.jpg"
CHAT = (
    f"05/01/2026, 09:00 - {SENDER}: 请在本周五之前还款\n05/01/2026, 09:01 - {OTHER}: 收到 ok\n"
    f"05/01/2026, 09:02 - {SENDER}: {PHOTO} (file attached)\n"
)
SENDERS = [SENDER, OTHER, SENDER]


def _import(team: Team, tmp_path: Path, name: str = "chat.txt") -> tuple[Session, str]:
    session, contact_id = approved_contact(team, tmp_path, display_name=SENDER)
    path = tmp_path / name
    path.write_text(CHAT, encoding="utf-8")
    importing.import_files(session, contact_id, [path], tz="Asia/Shanghai")
    return session, contact_id


def _message_rows(team: Team) -> list[dict[str, object]]:
    conn = raw_connection(team.path, "alice", "alice-password")
    try:
        return [dict(r) for r in conn.execute("SELECT rowid, * FROM messages ORDER BY rowid")]
    finally:
        conn.close()


def _link_rows(team: Team) -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    """``message_sources`` and ``import_locators``, with the store key alone."""
    conn = raw_connection(team.path, "alice", "alice-password")
    try:
        links = [dict(r) for r in conn.execute("SELECT * FROM message_sources ORDER BY position")]
        sealed = [dict(r) for r in conn.execute("SELECT * FROM import_locators")]
    finally:
        conn.close()
    return links, sealed


def _tamper(team: Team, sql: str, *args: object) -> None:
    conn = raw_connection(team.path, "alice", "alice-password")
    try:
        conn.execute(sql, args)
        conn.commit()
    finally:
        conn.close()


def test_a_message_is_one_ciphertext_with_nothing_personal_beside_it(
    team: Team, tmp_path: Path
) -> None:
    alice, contact_id = _import(team, tmp_path)
    rows = _message_rows(team)
    assert len(rows) == 3
    for row in rows:
        text = row["text"]
        assert isinstance(text, bytes) and text[:1] == ck.MESSAGE_MARK
        assert (row["raw"], row["sender"], row["sender_id"], row["attachments"]) == (
            None,
            "",
            None,
            "",
        )
        for secret in (SENDER, OTHER, PHOTO, "还款"):
            assert secret.encode() not in text
    messages = reading.list_messages(alice, contact_id)
    assert [m.sender for m in messages] == SENDERS
    assert messages[0].text == "请在本周五之前还款"
    assert [a["name"] for a in messages[2].attachments] == [PHOTO]
    page = reading.page_at(team.login("bob"), contact_id, 0, 10)
    assert [(m.sender, m.text) for m in page] == [(m.sender, m.text) for m in messages]
    assert page[2].attachments == tuple(messages[2].attachments)
    assert reading.search(alice, contact_id, "还款") == [page[0].key]  # short: opened
    assert reading.search(alice, contact_id, "本周五之") == [page[0].key]  # the index
    assert verify.verify_store(alice).intact


def test_senders_are_sealed_and_search_by_sender_opens_them(team: Team, tmp_path: Path) -> None:
    alice, contact_id = _import(team, tmp_path)
    assert [m.sender for m in reading.list_messages(alice, contact_id)] == SENDERS
    # substring, ASCII letters folded, as LIKE did when the names were in clear
    for needle, expected in (
        ("立新", [SENDER, SENDER]),
        ("chen", [SENDER, SENDER]),
        ("LI", [OTHER]),
    ):
        assert [h.sender for h in review.search(alice, sender=needle)] == expected, needle
    assert [h.sender for h in review.search(alice, "还款", sender="李明")] == []
    assert [h.direction for h in review.search(alice, "还款", direction="in")] == ["in"]
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
    messages = reading.list_messages(bob, contact_id)
    hidden = case_keys.SEALED_PLACEHOLDER
    assert {(m.sender, m.text) for m in messages} == {(hidden, hidden)}
    assert all(not m.attachments for m in messages)
    assert {s.partition(" ")[2] for m in messages for s in m.sources} == {hidden}
    assert review.search(bob, sender="立新") == []
    assert review.search(bob, sender=hidden[:1]) == []


def test_a_sealed_message_moved_or_a_field_put_beside_it_fails_verify(
    team: Team, tmp_path: Path
) -> None:
    alice, _contact = _import(team, tmp_path)
    rows = _message_rows(team)
    # the second message's ciphertext put on the first: it does not open there
    _tamper(team, "UPDATE messages SET text = ? WHERE rowid = ?", rows[1]["text"], rows[0]["rowid"])
    changed = [f for f in verify.verify_store(alice).errors if f.code == "message.changed"]
    assert changed and "text" in changed[0].detail and "sender" in changed[0].detail
    _tamper(team, "UPDATE messages SET text = ? WHERE rowid = ?", rows[0]["text"], rows[0]["rowid"])
    assert verify.verify_store(alice).intact
    # a sender in clear beside the sealed message
    _tamper(team, "UPDATE messages SET sender = ? WHERE rowid = ?", OTHER, rows[0]["rowid"])
    changed = [f for f in verify.verify_store(alice).errors if f.code == "message.changed"]
    assert changed and "sender" in changed[0].detail
    # the whole message put back in clear, as the original says it
    _tamper(
        team,
        "UPDATE messages SET text = ?, sender = ?, attachments = '[]' WHERE rowid = ?",
        "请在本周五之前还款",
        SENDER,
        rows[0]["rowid"],
    )
    changed = [f for f in verify.verify_store(alice).errors if f.code == "message.changed"]
    assert [f.detail for f in changed] == [changed[0].detail] and "text" in changed[0].detail


# -- locators: one sealed list per import --------------------------------------------------------

LOCATED_FILE = "与陈立新的聊天 locator-marker-7781.txt"


def test_locators_are_one_sealed_list_per_import_and_read_back(team: Team, tmp_path: Path) -> None:
    alice, contact_id = _import(team, tmp_path, LOCATED_FILE)
    links, sealed = _link_rows(team)
    assert [link["locator"] for link in links] == ["", "", ""]
    [row] = sealed
    assert isinstance(row["sealed"], bytes) and b"locator-marker" not in row["sealed"]
    dump = json.dumps(_raw(team, "message_sources"), ensure_ascii=False)
    assert "locator-marker" not in dump  # neither the links nor any ledger payload
    expected = [f"{LOCATED_FILE} line {n}" for n in (1, 2, 3)]
    messages = reading.list_messages(team.login("bob"), contact_id)
    assert [m.sources for m in messages] == [[f"{row['import_id']} {e}"] for e in expected]
    details = reading.details(alice, messages[1].rowid)
    assert details.sources == ((row["import_id"], expected[1]),)
    assert verify.verify_store(alice).intact


def test_a_locator_in_clear_beside_the_sealed_list_or_a_list_moved_fails_verify(
    team: Team, tmp_path: Path
) -> None:
    alice, contact_id = _import(team, tmp_path)
    _tamper(team, "UPDATE message_sources SET locator = 'chat.txt line 9' WHERE position = 1")
    codes = [f.code for f in verify.verify_store(alice).errors]
    assert codes == ["case_key.field"], codes
    _tamper(team, "UPDATE message_sources SET locator = '' WHERE position = 1")
    assert verify.verify_store(alice).intact
    # a list that does not open
    _tamper(team, "UPDATE import_locators SET sealed = ?", ck.LOCATORS_MARK + os.urandom(40))
    codes = [f.code for f in verify.verify_store(alice).errors]
    assert codes == ["case_key.field"], codes
    # a list sealed under the case key that says another line than the original
    key = case_keys.case_key(alice, contacts.get_contact(alice, contact_id).case_no)
    [import_id] = [str(r[0]) for r in alice.conn.execute("SELECT id FROM imports")]
    conn = raw_connection(team.path, "alice", "alice-password")
    try:
        wrong = ["chat.txt line 1", "chat.txt line 3", "chat.txt line 3"]
        assert key is not None
        case_keys.put_locators(conn, alice.folder.store_id, import_id, key, wrong)
        conn.commit()
    finally:
        conn.close()
    changed = [f for f in verify.verify_store(alice).errors if f.code == "message.changed"]
    assert len(changed) == 1 and "locator" in changed[0].detail


# -- stores keyed by the build before: messages sealed column by column, locators in clear --------


def _column_sealed(
    key: bytes, store_id: str, contact_id: str, fingerprint: str
) -> Callable[[str, str | None], bytes | None]:
    """The sealing of the build before (0x01, one ciphertext per column), kept here only to
    write such a store: this build opens it and its migration re-seals it."""
    aead = AESGCM(key)
    prefix = f"evidence-desk/message/v1\n{store_id}\n{contact_id}\n{fingerprint}\n"

    def seal(column: str, text: str | None) -> bytes | None:
        if text is None:
            return None
        nonce = os.urandom(12)
        return b"\x01" + nonce + aead.encrypt(nonce, text.encode(), (prefix + column).encode())

    return seal


def _as_the_build_before(team: Team, session: Session, contact_id: str) -> None:
    """Rewrite the contact's messages as the build before stored them (each column sealed
    on its own, attachments in clear) and its imports' locators in clear."""
    case_no = contacts.get_contact(session, contact_id).case_no
    key = case_keys.case_key(session, case_no)
    assert key is not None
    opener = case_keys.message_opener(session, contact_id)
    rows = [
        (r["rowid"], r["fingerprint"], opener.message(r["fingerprint"], r))
        for r in session.conn.execute(
            f"SELECT rowid, fingerprint, {case_keys.MESSAGE_SELECT} FROM messages"
        ).fetchall()
    ]
    imports = [str(r[0]) for r in session.conn.execute("SELECT id FROM imports")]
    located = {i: case_keys.open_import_locators(session, i) for i in imports}
    conn = raw_connection(team.path, "alice", "alice-password")
    try:
        for rowid, fingerprint, fields in rows:
            seal = _column_sealed(key, session.folder.store_id, contact_id, fingerprint)
            conn.execute(
                "UPDATE messages SET text = ?, raw = ?, sender = ?, sender_id = ?, "
                "attachments = ? WHERE rowid = ?",
                (
                    seal("text", fields.text),
                    seal("raw", fields.raw),
                    seal("sender", fields.sender),
                    seal("sender_id", fields.sender_id),
                    fields.attachments,
                    rowid,
                ),
            )
        for import_id, locators in located.items():
            for position, locator in enumerate(locators or []):
                conn.execute(
                    "UPDATE message_sources SET locator = ? WHERE import_id = ? AND position = ?",
                    (locator, import_id, position),
                )
        conn.execute("DELETE FROM import_locators")
        conn.commit()
    finally:
        conn.close()


def test_a_store_sealed_column_by_column_is_read_and_resealed_at_admin_login(
    team: Team, tmp_path: Path
) -> None:
    alice, contact_id = _import(team, tmp_path, LOCATED_FILE)
    _as_the_build_before(team, alice, contact_id)
    rows = _message_rows(team)
    assert all(r["text"][:1] == ck.COLUMN_MARK for r in rows)  # type: ignore[index]
    assert PHOTO in json.dumps(rows, default=str)
    assert "locator-marker" in json.dumps(_link_rows(team)[0], ensure_ascii=False)
    bob = team.login("bob")
    before = reading.list_messages(bob, contact_id)
    assert [m.sender for m in before] == SENDERS
    assert [a["name"] for a in before[2].attachments] == [PHOTO]
    assert before[0].sources[0].endswith(f"{LOCATED_FILE} line 1")
    assert [h.sender for h in review.search(bob, sender="李明")] == [OTHER]
    report = verify.verify_store(alice)
    assert report.intact, [f.as_json() for f in report.errors]
    with team.login("ada") as ada:  # an admin's login re-seals them
        last = ada.conn.execute(
            "SELECT payload FROM ledger WHERE action = 'case_keys.migrate' ORDER BY seq DESC"
        ).fetchone()
        payload = json.loads(last[0])
        assert (payload["messages"], payload["locators"], payload["cases"]) == (3, 1, 0)
        assert "locator-marker" not in last[0] and SENDER not in last[0]
        assert case_keys.migrate_store(ada) is None
        report = verify.verify_store(ada)
    assert report.intact, [f.as_json() for f in report.errors]
    rows = _message_rows(team)
    assert all(r["text"][:1] == ck.MESSAGE_MARK for r in rows)  # type: ignore[index]
    assert all((r["sender"], r["attachments"], r["raw"]) == ("", "", None) for r in rows)
    links, sealed = _link_rows(team)
    assert {link["locator"] for link in links} == {""} and len(sealed) == 1
    assert reading.list_messages(team.login("bob"), contact_id) == before


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
        # the import's row, and the contact's (its approval note, sealed through seal_value)
        assert json.loads(last[0])["columns"] == 2
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
