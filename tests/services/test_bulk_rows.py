"""Rows stored in multi-row VALUES batches on a writer thread: exact values, order, errors."""

from __future__ import annotations

import sys
import threading
from pathlib import Path

import pytest
import sqlcipher3

from evidence_desk.domain.errors import Cancelled
from evidence_desk.importers.base import ParsedChat
from evidence_desk.services import bulk_rows, import_parsing, importing, reading
from evidence_desk.services.session import Session
from evidence_desk.services.verify import verify_store
from tests.helpers import Team, approved_contact

CHAT = (
    "05/01/2026, 09:00 - Li Ming: 您好，我是示例汽车金融的李明，关于您的车贷。\n"
    '05/01/2026, 09:05 - Chen Lixin: 知道了 "引号" \\ 反斜杠\ttab\n'
    "05/01/2026, 09:06 - Chen Lixin: 我 1 月 20 号先还 5000\n"
    "05/01/2026, 09:06 - Chen Lixin: 好\n"
    "05/01/2026, 09:06 - Chen Lixin: 好\n"
    "21/01/2026, 10:00 - Li Ming: 收到您的 5000 元，谢谢。😀\n"
    "21/01/2026, 10:02 - Chen Lixin: 剩下的\n二月底前还清\n"
)


def test_values_batches_store_what_rows_bound_one_by_one_store(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # NUL, bytes, big integers, None: bound exactly, and batches
    # cut by SQLite's parameter limit (3 rows of 3 parameters per statement here)
    monkeypatch.setattr(bulk_rows, "MAX_PARAMS", 9)
    conn = sqlcipher3.connect(":memory:", isolation_level=None, check_same_thread=False)
    conn.execute("CREATE TABLE t (n INTEGER, s TEXT, b BLOB, z TEXT)")
    rows = [
        (7, 'é😀 "x" \\ \t', bytes(range(256)), None),
        (2**63 - 1, "a\x00b", b"", ""),
        *((n, str(n), bytes([n]), "z") for n in range(5)),
    ]
    with bulk_rows.RowWriter(conn) as writer:
        bulk_rows.insert_values(writer, "INSERT INTO t (n, s, b, z)", "(?, ?, ?, ?)", rows)
    conn.executemany("INSERT INTO t VALUES (?, ?, ?, ?)", rows)
    stored = conn.execute("SELECT n, s, b, z, typeof(n), typeof(b) FROM t").fetchall()
    assert stored[: len(rows)] == stored[len(rows) :]
    assert stored[0] == (7, rows[0][1], bytes(range(256)), None, "integer", "blob")
    assert stored[1][1] == "a\x00b"  # not cut at the NUL
    assert bulk_rows._values_statement("H", "(?)", 3) == "H VALUES (?), (?), (?)"


def test_writer_runs_in_order_and_hands_back_the_first_error() -> None:
    conn = sqlcipher3.connect(":memory:", isolation_level=None, check_same_thread=False)
    conn.execute("CREATE TABLE t (n INTEGER PRIMARY KEY)")
    with bulk_rows.RowWriter(conn) as writer:
        bulk_rows.insert_values(writer, "INSERT INTO t (n)", "(?)", [(1,), (2,)])
        writer.run("INSERT INTO t VALUES (?)", (3,))
        writer.call(lambda: conn.execute("INSERT INTO t VALUES (4)"))
    assert [r[0] for r in conn.execute("SELECT n FROM t")] == [1, 2, 3, 4]
    writer = bulk_rows.RowWriter(conn)
    writer.run("INSERT INTO t VALUES (?)", (1,))  # a duplicate: the job fails
    writer.run("INSERT INTO t VALUES (?)", (5,))  # skipped once one failed
    with pytest.raises(sqlcipher3.IntegrityError):
        writer.close()
    assert conn.execute("SELECT max(n) FROM t").fetchone()[0] == 4


def test_the_switch_interval_is_lowered_while_writers_run_and_restored_after() -> None:
    conn = sqlcipher3.connect(":memory:", isolation_level=None, check_same_thread=False)
    conn.execute("CREATE TABLE t (n INTEGER PRIMARY KEY)")
    before = sys.getswitchinterval()
    assert before > bulk_rows.HANDOFF_SECONDS  # CPython's default, 5 ms
    seen: list[float] = []
    with bulk_rows.RowWriter(conn) as outer:
        outer.call(lambda: seen.append(sys.getswitchinterval()))
        second = bulk_rows.RowWriter(conn)  # two at once: the first to close restores nothing
        second.close()
        assert sys.getswitchinterval() == pytest.approx(bulk_rows.HANDOFF_SECONDS)
    assert seen == [pytest.approx(bulk_rows.HANDOFF_SECONDS)]
    assert sys.getswitchinterval() == before
    # a failing job and a failing body restore it too
    failing = bulk_rows.RowWriter(conn)
    failing.run("INSERT INTO t VALUES (?), (?)", (1, 1))
    with pytest.raises(sqlcipher3.IntegrityError):
        failing.close()
    assert sys.getswitchinterval() == before
    with pytest.raises(KeyError), bulk_rows.RowWriter(conn):
        raise KeyError("body")
    assert sys.getswitchinterval() == before


def test_an_error_in_the_body_skips_the_queued_jobs_and_propagates() -> None:
    conn = sqlcipher3.connect(":memory:", isolation_level=None, check_same_thread=False)
    conn.execute("CREATE TABLE t (n INTEGER PRIMARY KEY)")
    started, release = threading.Event(), threading.Event()

    def running() -> None:
        started.set()
        release.wait(10)

    with pytest.raises(KeyError), bulk_rows.RowWriter(conn) as writer:
        writer.call(running)
        writer.run("INSERT INTO t VALUES (?)", (1,))  # still queued when the body fails
        started.wait(10)
        threading.Timer(1.0, release.set).start()  # lets the running job end after the exit
        raise KeyError("body")
    assert release.is_set()  # the exit waited for the running job
    assert conn.execute("SELECT count(*) FROM t").fetchone()[0] == 0


def _import(session: Session, contact_id: str, folder: Path, text: str) -> list[str]:
    path = folder / "WhatsApp Chat with Chen Lixin.txt"
    path.write_text(text, encoding="utf-8")
    importing.import_files(session, contact_id, [path], tz="Asia/Shanghai")
    report = verify_store(session)
    assert report.intact, report.findings
    return [m.text for m in reading.list_messages(session, contact_id)]


@pytest.mark.parametrize("batch", [2, 3, bulk_rows.BATCH])
def test_an_import_in_small_batches_stores_and_verifies_the_same(
    team: Team, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, batch: int
) -> None:
    monkeypatch.setattr(bulk_rows, "BATCH", batch)
    session, contact_id = approved_contact(team, tmp_path)
    texts = _import(session, contact_id, tmp_path, CHAT)
    assert texts[1] == '知道了 "引号" \\ 反斜杠\ttab'
    assert texts[-1] == "剩下的\n二月底前还清"
    assert len(texts) == 7
    assert reading.search(session, contact_id, "反斜杠")
    sources = session.conn.execute(
        "SELECT message_rowid, position FROM message_sources ORDER BY position"
    ).fetchall()
    assert [tuple(r) for r in sources] == [(n + 1, n) for n in range(7)]


@pytest.mark.parametrize("sealed", [True, False])
def test_the_message_rows_store_their_columns(sealed: bool) -> None:
    conn = sqlcipher3.connect(":memory:", isolation_level=None, check_same_thread=False)
    columns = importing._MESSAGE_COLUMNS
    conn.execute(f"CREATE TABLE messages ({columns})")
    if sealed:
        row: tuple[object, ...] = (
            *(9, "f" * 64, "C-1", "2026-01-05T01:00:00Z", "09:00", "in", "text", b"\x02ct"),
            *("n1", None, "ab" * 16, "cd" * 32, "M-1", "after_expiry"),
        )
    else:
        row = (
            *(9, "f" * 64, "C-1", "2026-01-05T01:00:00Z", "09:00", "Li", "id1", "in", "text"),
            *('好 "x"', "raw", "n1", None, "[]", "ab" * 16, "cd" * 32, "M-1", ""),
        )
    with bulk_rows.RowWriter(conn) as writer:
        bulk_rows.insert_values(
            writer, importing._MESSAGE_HEAD, importing._MESSAGE_ROWS[sealed], [row]
        )
    [stored] = conn.execute(f"SELECT {columns} FROM messages").fetchall()
    assert stored[2] == "C-1" and stored[16] == "M-1" and stored[17] == row[-1]
    if sealed:
        assert stored[9] == b"\x02ct" and stored[5:7] == ("", None) and stored[10] is None
        assert stored[13] == "" and stored[14:16] == ("ab" * 16, "cd" * 32)
    else:
        assert stored == row


def test_a_nullable_column_stores_null_for_the_unadapted_null_and_any_text_as_it_is() -> None:
    # the import binds UNADAPTED_NULL (an int) for a missing native id or reply-to: NULL
    # stored, as None bound stored; '0' and '' are text and stay themselves
    conn = sqlcipher3.connect(":memory:", isolation_level=None, check_same_thread=False)
    columns = importing._MESSAGE_COLUMNS
    conn.execute(f"CREATE TABLE messages ({columns})")
    ids = [bulk_rows.UNADAPTED_NULL, "0", "", "n1", None]
    rows = [
        (
            *(n, f"{n:064x}", "C-1", "2026-01-05T01:00:00Z", "09:00", "in", "text"),
            bytearray(b"\x02ct"),
            *(native, ids[-1 - n], "ab" * 16, "cd" * 32, "M-1", ""),
        )
        for n, native in enumerate(ids)
    ]
    with bulk_rows.RowWriter(conn) as writer:
        row = importing._MESSAGE_ROWS[True]
        bulk_rows.insert_values(writer, importing._MESSAGE_HEAD, row, rows)
    stored = conn.execute(
        "SELECT native_id, reply_to, typeof(native_id), text FROM messages ORDER BY rowid"
    ).fetchall()
    assert [r[0] for r in stored] == [None, "0", "", "n1", None]
    assert [r[1] for r in stored] == [None, "n1", "", "0", None]
    assert [r[2] for r in stored] == ["null", "text", "text", "text", "null"]
    assert all(r[3] == b"\x02ct" and isinstance(r[3], bytes) for r in stored)


def test_messages_stored_before_the_entry_roll_back_with_a_cancel(
    team: Team, tmp_path: Path
) -> None:
    """The import stores its messages, full-text rows and links before its imports rows
    (foreign keys deferred to the commit): a cancel after the first chat's messages went in
    leaves nothing of them, and the next import stores and verifies as usual."""
    session, contact_id = approved_contact(team, tmp_path)
    first = tmp_path / "WhatsApp Chat with Chen Lixin.txt"
    first.write_text(CHAT, encoding="utf-8")
    second = tmp_path / "WhatsApp Chat with Chen Lixin (2).txt"
    second.write_text(CHAT.replace("2026, ", "2025, "), encoding="utf-8")
    inside: list[bool] = []

    def cancelled() -> bool:
        # the second chat's turn inside the transaction: the first one's rows are queued
        if session.conn.in_transaction:
            inside.append(True)
        return len(inside) >= 2

    with pytest.raises(Cancelled):
        importing.import_files(
            session, contact_id, [first, second], tz="Asia/Shanghai", cancelled=cancelled
        )
    assert len(inside) == 2
    for table in ("messages", "message_sources", "import_locators", "imports"):
        assert session.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0, table
    assert not reading.search(session, contact_id, "反斜杠")
    assert verify_store(session).intact
    texts = _import(session, contact_id, tmp_path, CHAT)
    assert len(texts) == 7 and reading.search(session, contact_id, "反斜杠")


def test_an_import_stores_each_native_id_and_reply_to_as_parsed(team: Team, tmp_path: Path) -> None:
    # a real export with native ids and replies, some messages replying to none: each stored
    # value is the parsed one, NULL where the parse has None (bound as UNADAPTED_NULL)
    export = Path(__file__).parents[1] / "importers/fixtures/telegram/single_personal_result.json"
    session, contact_id = approved_contact(
        team, tmp_path, channel="telegram", handle="wangfang", display_name="王芳"
    )
    importing.import_files(session, contact_id, [export], tz="UTC")
    parsed = import_parsing.parse_path(export, "UTC", None).result
    assert isinstance(parsed, ParsedChat)
    expected = [(m.native_id, m.reply_to) for m in parsed.messages]
    assert any(r is None for _n, r in expected) and any(r is not None for _n, r in expected)
    stored = session.conn.execute("SELECT native_id, reply_to FROM messages ORDER BY rowid")
    assert [tuple(row) for row in stored] == expected
    assert verify_store(session).intact
