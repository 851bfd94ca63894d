"""Importing exports into an approved contact: atomic, exact, merged, re-verifiable."""

from __future__ import annotations

import hashlib
import io
import json
import time
import zipfile
from pathlib import Path

import pytest

from evidence_desk.domain.errors import Cancelled, ImportInputError, RuleViolation
from evidence_desk.services import (
    case_blobs,
    cases,
    conduct,
    contacts,
    import_preview,
    importing,
    reading,
    settings,
)
from evidence_desk.services.session import Session
from evidence_desk.services.verify import verify_store
from tests.helpers import Team, approved_contact, opened_imports, raw_connection, store_state

WHATSAPP_EARLY = (
    "05/01/2026, 09:00 - Li Ming: 您好，我是示例汽车金融的李明，关于您的车贷。\n"
    "05/01/2026, 09:05 - Chen Lixin: 知道了\n"
    "05/01/2026, 09:06 - Chen Lixin: 我 1 月 20 号先还 5000\n"
    "05/01/2026, 09:06 - Chen Lixin: 好\n"
    "05/01/2026, 09:06 - Chen Lixin: 好\n"
)
WHATSAPP_LATER = WHATSAPP_EARLY + (
    "21/01/2026, 10:00 - Li Ming: 收到您的 5000 元，谢谢。\n"
    "21/01/2026, 10:02 - Chen Lixin: 剩下的\n二月底前还清\n"
)


@pytest.fixture
def approved(team: Team, tmp_path: Path) -> tuple[Session, str]:
    return approved_contact(team, tmp_path)


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    return path


def _state(session: Session) -> tuple[object, ...]:
    conn = session.conn
    return (
        conn.execute("SELECT count(*) FROM ledger").fetchone()[0],
        conn.execute("SELECT count(*) FROM messages").fetchone()[0],
        conn.execute("SELECT count(*) FROM imports").fetchone()[0],
        conn.execute("SELECT count(*) FROM blobs").fetchone()[0],
        frozenset(session.blobs.stored_names()),
    )


def test_import_stores_original_messages_and_one_ledger_entry(
    approved: tuple[Session, str], tmp_path: Path
) -> None:
    session, contact_id = approved
    path = _write(tmp_path, "WhatsApp Chat with Chen Lixin.txt", WHATSAPP_EARLY)
    before = session.conn.execute("SELECT count(*) FROM ledger").fetchone()[0]
    result = importing.import_files(session, contact_id, [path], tz="Asia/Shanghai")
    assert result.messages_total == 5 and result.messages_new == 5
    assert session.conn.execute("SELECT count(*) FROM ledger").fetchone()[0] == before + 1
    stored = reading.list_messages(session, contact_id)
    assert [m.text for m in stored][-2:] == ["好", "好"]  # identical messages are both kept
    assert stored[0].sent_at == "2026-01-05T01:00:00+00:00"  # 09:00 in Shanghai
    assert stored[0].direction == "out" and stored[1].direction == "in"
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    assert case_blobs.read_bytes(session, digest) == path.read_bytes()
    entry = session.conn.execute("SELECT payload FROM ledger ORDER BY seq DESC").fetchone()[0]
    assert digest in entry and "commitments_root" in entry and "parser_version" in entry
    assert verify_store(session).intact


def test_reimporting_identical_bytes_is_a_noop_with_a_notice(
    approved: tuple[Session, str], tmp_path: Path
) -> None:
    session, contact_id = approved
    path = _write(tmp_path, "chat.txt", WHATSAPP_EARLY)
    importing.import_files(session, contact_id, [path], tz="Asia/Shanghai")
    before = _state(session)
    again = importing.import_files(session, contact_id, [path], tz="Asia/Shanghai")
    assert again.ledger_seq is None and "already imported" in again.notices[0]
    assert _state(session) == before


def test_overlapping_exports_merge_at_message_level(
    approved: tuple[Session, str], tmp_path: Path
) -> None:
    session, contact_id = approved
    importing.import_files(session, contact_id, [_write(tmp_path, "a.txt", WHATSAPP_EARLY)])
    later = importing.import_files(session, contact_id, [_write(tmp_path, "b.txt", WHATSAPP_LATER)])
    assert later.messages_total == 7 and later.messages_new == 2
    stored = reading.list_messages(session, contact_id)
    assert len(stored) == 7
    assert len(stored[0].sources) == 2  # linked to both exports
    assert stored[-1].text == "剩下的\n二月底前还清"
    assert verify_store(session).intact


def test_a_bad_file_changes_nothing_and_names_file_and_line(
    approved: tuple[Session, str], tmp_path: Path
) -> None:
    session, contact_id = approved
    good = _write(tmp_path, "good.txt", WHATSAPP_EARLY)
    bad = tmp_path / "junk.txt"
    bad.write_bytes(b"\x00\x01\x02 not a chat \xff\xfe" * 50)
    before = _state(session)
    with pytest.raises(ImportInputError) as error:
        importing.import_files(session, contact_id, [good, bad])
    assert "junk.txt" in str(error.value)
    assert _state(session) == before


def test_cancel_during_import_leaves_the_store_as_it_was(
    approved: tuple[Session, str], tmp_path: Path
) -> None:
    session, contact_id = approved
    paths = [
        _write(tmp_path, f"c{i}.txt", WHATSAPP_EARLY.replace("好", f"好{i}")) for i in range(3)
    ]
    before = _state(session)
    calls = {"n": 0}

    def cancel_on_fifth_check() -> bool:
        calls["n"] += 1
        return calls["n"] >= 5  # after some originals were sealed

    with pytest.raises(Cancelled):
        importing.import_files(session, contact_id, paths, cancelled=cancel_on_fifth_check)
    assert _state(session) == before
    assert verify_store(session).intact


def test_only_approved_contacts_take_imports(team: Team, tmp_path: Path) -> None:
    alice = team.login("alice")
    cases.create_case(alice, "2026-SH-2", debtor_name="某某")
    contact = contacts.request_contact(
        alice,
        case_no="2026-SH-2",
        channel="wechat",
        handle="wxid_x",
        display_name="X",
        reason="r",
        consent=True,
    )
    with pytest.raises(RuleViolation) as refused:
        importing.import_files(alice, contact.id, [_write(tmp_path, "c.txt", WHATSAPP_EARLY)])
    assert refused.value.rule == "contact.approved"


# Dated on both sides of the moments the tests below revoke or let the approval lapse (the team's
# clock starts 2026-03-02): the last two messages lie in the future of the import.
FUTURE_DATED = (
    "01/03/2026, 09:00 - Li Ming: 您好，关于您的车贷。\n"
    "01/03/2026, 09:05 - Chen Lixin: 知道了\n"
    "20/03/2026, 10:00 - Li Ming: 三月二十日再联系\n"
    "20/03/2026, 10:02 - Chen Lixin: 好\n"
)
REFUSING_RULE = {"revoked": "contact.approved", "expired": "contact.expired"}


def _approved_for_a_week(team: Team, tmp_path: Path) -> tuple[Session, str]:
    settings.set_value(team.login("ada"), "approval_expiry_days", "7")
    return approved_contact(team, tmp_path)


def _close(team: Team, contact_id: str, state: str) -> None:
    """Make the contact unusable: revoked by a supervisor, or its approval lapsed."""
    if state == "revoked":
        contacts.revoke(team.login("sue"), contact_id, "the debtor asked us to stop")
    else:
        team.clock.advance(days=8)


@pytest.mark.parametrize("operation", ["import", "preview", "attach"])
@pytest.mark.parametrize("state", ["revoked", "expired"])
def test_no_evidence_enters_a_revoked_or_expired_contact(
    team: Team, tmp_path: Path, state: str, operation: str
) -> None:
    """One rule for import and attach: approved, unexpired and unrevoked when written."""
    session, contact_id = _approved_for_a_week(team, tmp_path)
    _close(team, contact_id, state)
    path = _write(tmp_path, "chat.txt", WHATSAPP_EARLY)
    before = store_state(team.path)
    with pytest.raises(RuleViolation) as refused:
        if operation == "import":
            importing.import_files(session, contact_id, [path], tz="Asia/Shanghai")
        elif operation == "preview":
            import_preview.preview_import(session, contact_id, [path], tz="Asia/Shanghai")
        else:
            contacts.attach_documents(session, contact_id, [path])
    assert refused.value.rule == REFUSING_RULE[state]
    assert "ask a supervisor for a new approval" in refused.value.message
    assert store_state(team.path) == before
    report = verify_store(session)
    assert report.intact, [f.as_json() for f in report.errors]


@pytest.mark.parametrize("state", ["revoked", "expired"])
def test_a_revocation_or_expiry_during_an_import_is_caught_inside_its_transaction(
    team: Team, tmp_path: Path, state: str
) -> None:
    """The contact is usable when the import starts and stops being so while its originals are
    sealed: the write transaction checks again and stores nothing."""
    session, contact_id = _approved_for_a_week(team, tmp_path)
    path = _write(tmp_path, "chat.txt", WHATSAPP_EARLY)
    before = _state(session)

    def close_when_sealed(percent: int, _what: str) -> None:
        if percent == 85:  # every original sealed, the write not begun
            _close(team, contact_id, state)

    with pytest.raises(RuleViolation) as refused:
        importing.import_files(session, contact_id, [path], progress=close_when_sealed)
    assert refused.value.rule == REFUSING_RULE[state]
    after = _state(session)
    assert after[1:] == before[1:]  # no message, import, blob row or blob file
    assert after[0] == before[0] + (1 if state == "revoked" else 0)  # only the revocation
    assert verify_store(session).intact


def test_messages_dated_after_a_later_revocation_are_stored_and_flagged(
    team: Team, approved: tuple[Session, str], tmp_path: Path
) -> None:
    """Imported while the contact was approved, revoked afterwards: every message is kept, and
    the conduct check flags those dated after the revocation."""
    session, contact_id = approved
    result = importing.import_files(
        session, contact_id, [_write(tmp_path, "b.txt", FUTURE_DATED)], tz="Asia/Shanghai"
    )
    assert result.messages_new == 4
    contacts.revoke(team.login("sue"), contact_id, "debtor became abusive")
    assert reading.count(session, contact_id) == 4
    findings = conduct.report(session, contact_id=contact_id).findings
    after = [f.sent_at for f in findings if f.rule == conduct.AFTER_REVOCATION]
    assert after == ["2026-03-20T02:00:00+00:00", "2026-03-20T02:02:00+00:00"]
    assert verify_store(session).intact


def test_messages_dated_after_the_approvals_expiry_are_stored_and_flagged(
    team: Team, tmp_path: Path
) -> None:
    """Imported while the approval was valid: the messages dated after its expiry are kept
    and carry the after_expiry flag."""
    session, contact_id = _approved_for_a_week(team, tmp_path)
    result = importing.import_files(
        session, contact_id, [_write(tmp_path, "b.txt", FUTURE_DATED)], tz="Asia/Shanghai"
    )
    assert result.messages_new == 4
    flagged = [(m.text, m.flags) for m in reading.list_messages(session, contact_id) if m.flags]
    assert flagged == [("三月二十日再联系", ["after_expiry"]), ("好", ["after_expiry"])]
    assert verify_store(session).intact


def test_zip_export_with_media_is_one_original(
    approved: tuple[Session, str], tmp_path: Path
) -> None:
    session, contact_id = approved
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "WhatsApp Chat with Chen Lixin.txt",
            WHATSAPP_EARLY
            + "05/01/2026, 09:10 - Chen Lixin: IMG-20260105-WA0001.jpg (file attached)\n",
        )
        archive.writestr("IMG-20260105-WA0001.jpg", b"\xff\xd8\xff fake jpeg bytes")
    path = tmp_path / "export.zip"
    path.write_bytes(buffer.getvalue())
    result = importing.import_files(session, contact_id, [path])
    assert result.messages_total == 6
    last = reading.list_messages(session, contact_id)[-1]
    assert last.attachments[0]["state"] == "exported"
    assert verify_store(session).intact


@pytest.mark.parametrize(
    ("sql", "code"),
    [
        ("UPDATE messages SET text = '我从没答应还款' WHERE rowid = 3", "message.changed"),
        ("DELETE FROM messages WHERE rowid = 4", "message.missing"),
        (
            "INSERT INTO messages (fingerprint, contact_id, sent_at, time_text, sender, direction,"
            " kind, text, attachments, salt, commitment, first_import, flags) SELECT 'f', "
            "contact_id, sent_at, time_text, sender, direction, kind, '伪造', attachments, salt,"
            " commitment, first_import, '' FROM messages WHERE rowid = 1",
            "message.unrecorded",
        ),
        ("UPDATE messages SET direction = 'out' WHERE rowid = 2", "message.changed"),
        ("UPDATE imports SET timezone = 'UTC'", "row.changed"),
    ],
)
def test_edited_inserted_or_deleted_messages_are_found(
    team: Team, approved: tuple[Session, str], tmp_path: Path, sql: str, code: str
) -> None:
    session, contact_id = approved
    importing.import_files(session, contact_id, [_write(tmp_path, "a.txt", WHATSAPP_EARLY)])
    conn = raw_connection(team.path, "alice", team.passwords["alice"])
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute(sql)
    conn.close()
    report = verify_store(session)
    assert not report.intact
    assert code in {f.code for f in report.errors}, report.findings


def test_large_import_fills_the_text_index_in_bulk_and_verifies(
    approved: tuple[Session, str], tmp_path: Path
) -> None:
    """Above the bulk threshold the import runs with a larger page cache; the contentless text
    index (migration 8) gets every new row's plain text while the rows hold it sealed."""
    session, contact_id = approved
    count = importing._BULK_INDEX_MIN_ROWS + 500
    lines = [
        f"05/01/2026, {9 + i // 3600:02d}:{i // 60 % 60:02d} - "
        f"{'Chen Lixin' if i % 2 else 'Li Ming'}: 第{i}条 message number{i}"
        for i in range(count)
    ]
    path = _write(tmp_path, "big.txt", "\n".join(lines) + "\n")
    result = importing.import_files(session, contact_id, [path], tz="Asia/Shanghai")
    assert result.messages_new == count
    conn = session.conn
    indexed = conn.execute("SELECT count(*) FROM message_text").fetchone()[0]
    assert indexed == count
    keys = reading.search(session, contact_id, "number2345")
    assert [reading.details(session, k[1]).message.text for k in keys] == [
        "第2345条 message number2345"
    ]
    stored = conn.execute("SELECT text FROM messages WHERE rowid = ?", (keys[0][1],)).fetchone()
    assert isinstance(stored[0], bytes) and b"number2345" not in stored[0]
    # a later small import is indexed too
    small = _write(tmp_path, "small.txt", "06/01/2026, 10:00 - Chen Lixin: 追加 appendix\n")
    importing.import_files(session, contact_id, [small], tz="Asia/Shanghai")
    hit = conn.execute(
        "SELECT count(*) FROM message_text WHERE message_text MATCH ?", ('"appendix"',)
    ).fetchone()[0]
    assert hit == 1
    assert verify_store(session).intact


def test_gap_between_exports_is_reported(approved: tuple[Session, str], tmp_path: Path) -> None:
    """Two exports that do not overlap in time leave a gap that the import reports."""
    session, contact_id = approved
    importing.import_files(session, contact_id, [_write(tmp_path, "a.txt", WHATSAPP_EARLY)])
    later = "03/02/2026, 11:00 - Chen Lixin: 二月的消息\n03/02/2026, 11:05 - Li Ming: 收到\n"
    result = importing.import_files(session, contact_id, [_write(tmp_path, "c.txt", later)])
    gaps = [n for n in result.notices if n.startswith("gap between exports")]
    assert len(gaps) == 1
    assert "a.txt" in gaps[0] and "c.txt" in gaps[0]
    assert "2026-01-05T01:06:00+00:00" in gaps[0] and "2026-02-03T03:00:00+00:00" in gaps[0]
    assert result.messages_new == 2


def test_repairs_and_three_attachment_states_reach_the_store(
    approved: tuple[Session, str], tmp_path: Path
) -> None:
    """A repaired export records the repair with the import; attachments keep their state
    (exported from the zip, declared but omitted, named but missing)."""
    session, contact_id = approved
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "WhatsApp Chat with Chen Lixin.txt",
            "05/01/2026, 09:00 - Chen Lixin: IMG-20260105-WA0001.jpg (file attached)\n"
            "05/01/2026, 09:01 - Chen Lixin: <Media omitted>\n"
            "05/01/2026, 09:02 - Chen Lixin: VID-20260105-WA0002.mp4 (file attached)\n",
        )
        archive.writestr("IMG-20260105-WA0001.jpg", b"\xff\xd8\xff jpeg")
    export = tmp_path / "export.zip"
    export.write_bytes(buffer.getvalue())
    sms = tmp_path / "sms.xml"
    sms.write_bytes(
        b"<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>\n"
        b'<smses count="1"><sms protocol="0" address="+8613800000000" date="1767574800000" '
        b'type="1" body="ok &#55357;&#56832;" read="1" status="-1" contact_name="Chen Lixin" '
        b'readable_date="x" /></smses>\n'
    )
    importing.import_files(session, contact_id, [export, sms], tz="Asia/Shanghai")
    stored = reading.list_messages(session, contact_id)
    states = [m.attachments[0]["state"] for m in stored if m.attachments]
    assert states == ["exported", "omitted", "missing"]
    assert "ok 😀" in [m.text for m in stored]
    details = [r["details"] for r in opened_imports(session) if r["file_name"] == "sms.xml"]
    assert len(details) == 1  # the repair sealed as its code and facts, not its English
    assert json.loads(details[0])["repairs"] == [
        {"code": "sms.repaired_pairs", "facts": {"count": "1"}}
    ]
    assert verify_store(session).intact


def test_zip_with_gbk_names_imports_with_its_names_and_attachments(
    approved: tuple[Session, str], tmp_path: Path
) -> None:
    """A zip made by Explorer or 360压缩 on Chinese Windows: GBK names, no UTF-8 flag."""
    from tests.importers.test_archive import flags, make_zip_encoded

    chat = WHATSAPP_EARLY + "05/01/2026, 09:10 - Chen Lixin: 微信图片_01.jpg (file attached)\n"
    data = make_zip_encoded(
        [
            ("与陈立新的 WhatsApp 聊天.txt", chat.encode()),
            ("微信图片_01.jpg", b"\xff\xd8\xff jpeg"),
        ],
        "gbk",
    )
    assert all(not f & 0x800 for f in flags(data))
    path = tmp_path / "聊天记录.zip"
    path.write_bytes(data)
    session, contact_id = approved

    preview = import_preview.preview_import(session, contact_id, [path])
    assert preview.chats[0].name_encoding == "gb18030"
    assert preview.chats[0].attachments == {"exported": 1}

    importing.import_files(session, contact_id, [path])
    last = reading.list_messages(session, contact_id)[-1]
    assert last.attachments[0]["name"] == "微信图片_01.jpg"
    assert last.attachments[0]["state"] == "exported"
    details = opened_imports(session)[0]["details"]
    assert '"name_encoding": "gb18030"' in details
    assert verify_store(session).intact


def test_a_plain_file_import_records_no_name_encoding(
    approved: tuple[Session, str], tmp_path: Path
) -> None:
    session, contact_id = approved
    path = _write(tmp_path, "a.txt", WHATSAPP_EARLY)
    assert import_preview.preview_import(session, contact_id, [path]).chats[0].name_encoding is None
    importing.import_files(session, contact_id, [path])
    assert "name_encoding" not in opened_imports(session)[0]["details"]


def test_a_large_import_commits_without_copying_its_log_and_a_thread_copies_it(
    team: Team, tmp_path: Path
) -> None:
    """Inside ``Session.checkpoint_after`` (what an import of >= 2000 messages uses) the
    commit leaves the database file untouched (its log not copied); after the block the
    connection's autocheckpoint is back, the thread copies the log (nothing else writes), and
    another connection reads every message."""
    session, contact_id = approved_contact(team, tmp_path)
    lines = [
        f"{1 + n // 1440:02d}/02/2026, {n // 60 % 24:02d}:{n % 60:02d} - Chen Lixin: 第 {n} 条"
        for n in range(6000)
    ]
    chat = tmp_path / "WhatsApp Chat with Chen Lixin.txt"
    chat.write_text("\n".join(lines) + "\n", encoding="utf-8")
    path = session.folder.db_path
    pages = session.conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0]
    with session.checkpoint_after():
        before = path.stat().st_size
        importing.import_files(session, contact_id, [chat], tz="Asia/Shanghai")
        assert path.stat().st_size == before  # its log (more than `pages` pages) not copied
    assert session.conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == pages
    # nothing else writes now: only the thread copies the log into the database file
    deadline = time.monotonic() + 60
    while path.stat().st_size <= before + 4 * 1024 * pages and time.monotonic() < deadline:
        time.sleep(0.05)
    assert path.stat().st_size > before + 4 * 1024 * pages
    other = team.login("sam")  # another connection reads it all
    assert reading.count(other, contact_id) == 6000
