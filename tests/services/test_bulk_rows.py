"""Rows stored in JSON batches on a writer thread: exact values, order, errors, fallbacks."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
import sqlcipher3

from evidence_desk.services import bulk_rows, importing, reading
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


def test_json_array_refuses_what_json_each_cannot_return_exactly() -> None:
    assert bulk_rows.json_array([(1, "a", None, 'é😀\n"')]) == '[[1,"a",null,"é😀\\n\\""]]'
    assert bulk_rows.json_array([(1, "a\x00b")]) is None  # SQLite would cut the text at NUL
    assert bulk_rows.json_array([(1, "\ud800")]) is None  # a lone surrogate is no JSON text


def test_json_each_returns_the_values_bound_one_by_one() -> None:
    conn = sqlcipher3.connect(":memory:", isolation_level=None)
    conn.execute("CREATE TABLE t (n INTEGER, s TEXT, b BLOB, z TEXT)")
    rows = [(7, 'é😀 "x" \\ \t', bytes(range(256)).hex(), None), (2**53, "", "00", "")]
    array = bulk_rows.json_array(rows)
    assert array is not None
    conn.execute(
        "INSERT INTO t SELECT value ->> 0, value ->> 1, unhex(value ->> 2), value ->> 3 "
        "FROM json_each(?)",
        (array,),
    )
    conn.executemany("INSERT INTO t VALUES (?, ?, unhex(?), ?)", rows)
    stored = conn.execute("SELECT n, s, b, z, typeof(n), typeof(b) FROM t").fetchall()
    assert stored[:2] == stored[2:]
    assert stored[0] == (7, rows[0][1], bytes(range(256)), None, "integer", "blob")


def test_writer_runs_in_order_and_hands_back_the_first_error() -> None:
    conn = sqlcipher3.connect(":memory:", isolation_level=None, check_same_thread=False)
    conn.execute("CREATE TABLE t (n INTEGER PRIMARY KEY)")
    with bulk_rows.RowWriter(conn) as writer:
        bulk_rows.insert_json(
            writer, "INSERT INTO t SELECT value ->> 0 FROM json_each(?)", "", [(1,), (2,)]
        )
        writer.run_many("INSERT INTO t VALUES (?)", [(3,)])
        writer.call(lambda: conn.execute("INSERT INTO t VALUES (4)"))
    assert [r[0] for r in conn.execute("SELECT n FROM t")] == [1, 2, 3, 4]
    writer = bulk_rows.RowWriter(conn)
    writer.run("INSERT INTO t VALUES (?)", (1,))  # a duplicate: the job fails
    writer.run("INSERT INTO t VALUES (?)", (5,))  # skipped once one failed
    with pytest.raises(sqlcipher3.IntegrityError):
        writer.close()
    assert conn.execute("SELECT max(n) FROM t").fetchone()[0] == 4


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


def test_rows_json_cannot_carry_are_bound_one_by_one() -> None:
    conn = sqlcipher3.connect(":memory:", isolation_level=None, check_same_thread=False)
    conn.execute("CREATE TABLE t (n INTEGER, s TEXT)")
    rows = [(1, "a\x00b"), (2, "plain")]  # one NUL: the whole batch goes row by row
    with bulk_rows.RowWriter(conn) as writer:
        bulk_rows.insert_json(
            writer,
            "INSERT INTO t SELECT value ->> 0, value ->> 1 FROM json_each(?)",
            "INSERT INTO t VALUES (?, ?)",
            rows,
        )
    assert conn.execute("SELECT n, s FROM t ORDER BY n").fetchall() == rows


@pytest.mark.parametrize("sealed", [True, False])
def test_both_message_statements_store_the_same_columns(sealed: bool) -> None:
    conn = sqlcipher3.connect(":memory:", isolation_level=None, check_same_thread=False)
    columns = importing._MESSAGE_COLUMNS
    conn.execute(f"CREATE TABLE messages ({columns})")
    statement, fallback = importing._MESSAGE_INSERTS[sealed]
    if sealed:
        row: tuple[object, ...] = (
            *(9, "f" * 64, "2026-01-05T01:00:00Z", "09:00", "in", "text", b"\x02ct".hex()),
            *("n1", None, "ab" * 16, "cd" * 32, "after_expiry"),
        )
        consts: tuple[object, ...] = ("C-1", "M-1")
    else:
        row = (
            *(9, "f" * 64, "C-1", "2026-01-05T01:00:00Z", "09:00", "Li", "id1", "in", "text"),
            *('好 "x"', "raw", "n1", None, "[]", "ab" * 16, "cd" * 32, "M-1", ""),
        )
        consts = ()
    with bulk_rows.RowWriter(conn) as writer:
        bulk_rows.insert_json(writer, statement, fallback, [row], consts)
        bulk_rows.insert_json(writer, statement, fallback, [(*row[:-1], "\x00")], consts)
    by_json, by_row = conn.execute(f"SELECT {columns} FROM messages").fetchall()
    assert by_json[:-1] == by_row[:-1] and by_row[-1] == "\x00"
    assert by_json[2] == "C-1" and by_json[16] == "M-1"
    if sealed:
        assert by_json[9] == b"\x02ct" and by_json[5:7] == ("", None)
