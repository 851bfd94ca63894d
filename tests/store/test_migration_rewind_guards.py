"""Store migration 23: the PIPL records' "never deleted" triggers keep one door, for a sync
taking back this device's own entries (services/rewind_guards.py), and nothing else. Real
SQLCipher stores; the DELETEs are run as an insider with the database key would run them."""

from __future__ import annotations

import pytest
import sqlcipher3

from evidence_desk.services import breaches, cases, rewind_guards
from evidence_desk.services.session import Session, put
from evidence_desk.services.verify import verify_store
from evidence_desk.store import db
from evidence_desk.store.schema import MIGRATIONS, latest_version
from tests.helpers import Team, insider_session, ledger_size, take_back_indexes_after
from tests.services.test_breaches import REPORT
from tests.services.test_processing_records import _forged_row


@pytest.fixture
def ada(team: Team) -> Session:
    return team.login("ada")


def _filed(ada: Session) -> tuple[str, int]:
    """A breach record filed by the admin: its id and its entry's seq."""
    record = breaches.add(ada, REPORT)
    return record.id, ledger_size(ada)


def _guard(conn: db.Connection, table: str, row_id: str, seq: int) -> None:
    conn.execute(
        "INSERT INTO rewind_guards (tbl, row_id, seq) VALUES (?, ?, ?)", (table, row_id, seq)
    )


def _refused_delete(conn: db.Connection, table: str, row_id: str, message: str) -> None:
    with pytest.raises(sqlcipher3.IntegrityError, match=message):
        conn.execute(f"DELETE FROM {table} WHERE id = ?", (row_id,))
    assert conn.execute(f"SELECT 1 FROM {table} WHERE id = ?", (row_id,)).fetchone()


def test_a_breach_record_goes_only_through_a_guard_naming_its_unplaced_or_refused_entry(
    ada: Session,
) -> None:
    row_id, seq = _filed(ada)
    conn = ada.conn
    conn.execute("BEGIN IMMEDIATE")
    try:
        _refused_delete(conn, "breach_records", row_id, "never deleted")
        # a guard alone: the entry is neither recorded as unplaced nor refused by a hub
        _guard(conn, "breach_records", row_id, seq)
        _refused_delete(conn, "breach_records", row_id, "never deleted")
        # a guard naming another own entry, that one recorded as unplaced
        conn.execute("DELETE FROM rewind_guards")
        _guard(conn, "breach_records", row_id, seq - 1)
        conn.execute("INSERT INTO unplaced_entries (seq) VALUES (?)", (seq - 1,))
        _refused_delete(conn, "breach_records", row_id, "never deleted")
        # the right entry accepted by the hub (its position's verdict '') opens nothing
        conn.execute("DELETE FROM rewind_guards")
        _guard(conn, "breach_records", row_id, seq)
        conn.execute("INSERT INTO org_positions (seq, org_seq, verdict) VALUES (?, 1, '')", (seq,))
        _refused_delete(conn, "breach_records", row_id, "never deleted")
    finally:
        conn.execute("ROLLBACK")
    # the rewind's door: the guard names the row and its own entry, recorded as unplaced
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute("INSERT INTO unplaced_entries (seq) VALUES (?)", (seq,))
        rewind_guards.delete_row(conn, "breach_records", ("id",), (row_id,), seq)
        assert (
            conn.execute("SELECT 1 FROM breach_records WHERE id = ?", (row_id,)).fetchone() is None
        )
        assert conn.execute("SELECT count(*) FROM rewind_guards").fetchone()[0] == 0
    finally:
        conn.execute("ROLLBACK")
    # a refusal's undo: the entry placed by the hub with a verdict
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute(
            "INSERT INTO org_positions (seq, org_seq, verdict) VALUES (?, 1, 'breach.record')",
            (seq,),
        )
        rewind_guards.delete_row(conn, "breach_records", ("id",), (row_id,), seq)
        assert (
            conn.execute("SELECT 1 FROM breach_records WHERE id = ?", (row_id,)).fetchone() is None
        )
    finally:
        conn.execute("ROLLBACK")
    assert conn.execute("SELECT 1 FROM breach_records WHERE id = ?", (row_id,)).fetchone()


def test_a_guard_opens_one_row_only_and_updates_stay_refused(ada: Session) -> None:
    first, first_seq = _filed(ada)
    second, second_seq = _filed(ada)
    conn = ada.conn
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute("INSERT INTO unplaced_entries (seq) VALUES (?)", (first_seq,))
        _guard(conn, "breach_records", first, first_seq)
        # the second record's entry did not put the first row: naming it opens nothing
        _guard(conn, "breach_records", second, first_seq)
        _refused_delete(conn, "breach_records", second, "never deleted")
        with pytest.raises(sqlcipher3.IntegrityError, match="never changed"):
            conn.execute("UPDATE breach_records SET cause_note = 'edited' WHERE id = ?", (first,))
        # a bulk DELETE stops at the first row no guard opens: nothing goes
        with pytest.raises(sqlcipher3.IntegrityError, match="never deleted"):
            conn.execute("DELETE FROM breach_records")
        assert conn.execute("SELECT count(*) FROM breach_records").fetchone()[0] == 2
        # an entry whose payload is no longer JSON names no row: refused, not a SQL error
        conn.execute("UPDATE ledger SET payload = 'not json' WHERE seq = ?", (first_seq,))
        _refused_delete(conn, "breach_records", first, "never deleted")
        assert rewind_guards.writer_of(conn, "breach_records", first) == 0
        assert rewind_guards.writer_of(conn, "breach_records", second) == second_seq
    finally:
        conn.execute("ROLLBACK")


def test_a_processing_record_keeps_its_years_unless_the_rewind_takes_its_entry_back(
    team: Team,
) -> None:
    alice = team.login("alice")
    cases.create_case(alice, "2026-PR-9", debtor_name="陈立新")
    lee = insider_session(team, "lee")
    at = lee.now()
    lee.write(
        "processing.record",
        {"record_id": "PR-forged", "case_no": "2026-PR-9", "bundle_id": "B-forged"},
        [put("processing_records", _forged_row("2026-PR-9", at, "lee"))],
    )
    seq = ledger_size(lee)
    conn = lee.conn
    conn.execute("BEGIN IMMEDIATE")
    try:
        _refused_delete(conn, "processing_records", "PR-forged", "kept until retain_until")
        _guard(conn, "processing_records", "PR-forged", seq)
        _refused_delete(conn, "processing_records", "PR-forged", "kept until retain_until")
        conn.execute("DELETE FROM rewind_guards")
        conn.execute("INSERT INTO unplaced_entries (seq) VALUES (?)", (seq,))
        rewind_guards.delete_row(conn, "processing_records", ("id",), ("PR-forged",), seq)
        assert conn.execute("SELECT count(*) FROM processing_records").fetchone()[0] == 0
    finally:
        conn.execute("ROLLBACK")
    assert conn.execute("SELECT count(*) FROM processing_records").fetchone()[0] == 1


def test_verify_reports_a_guard_left_behind_and_the_record_it_let_go(team: Team) -> None:
    ada = team.login("ada")
    row_id, seq = _filed(ada)
    assert verify_store(ada, local_anchor=False).intact
    conn = ada.conn
    # an insider with the database key opens the door by hand and commits
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("INSERT INTO unplaced_entries (seq) VALUES (?)", (seq,))
    _guard(conn, "breach_records", row_id, seq)
    conn.execute("DELETE FROM breach_records WHERE id = ?", (row_id,))
    conn.execute("COMMIT")
    found = {(f.code, f.location) for f in verify_store(ada, local_anchor=False).errors}
    assert (
        "store.rewind_guard",
        f"rewind guard of breach_records row {row_id} (own entry {seq})",
    ) in found
    assert ("row.missing", f"table breach_records row id={row_id}") in found
    # the guard removed again: the record is still missing against the ledger
    conn.execute("DELETE FROM rewind_guards")
    found = {(f.code, f.location) for f in verify_store(ada, local_anchor=False).errors}
    assert ("row.missing", f"table breach_records row id={row_id}") in found
    assert "store.rewind_guard" not in {code for code, _ in found}


def test_migration_23_replaces_the_triggers_of_a_store_made_before_it(ada: Session) -> None:
    """A store at version 22 (migration 23 taken back: the table dropped, the triggers of
    migration 10 restored) gets the guarded triggers at its next opening, and keeps its
    records."""
    row_id, _seq = _filed(ada)
    conn = ada.conn
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("DROP TABLE rewind_guards")
    for name in ("processing_records_kept", "breach_records_kept"):
        conn.execute(f"DROP TRIGGER {name}")
    old = [s for s in db.split_statements(MIGRATIONS[9]) if "_kept BEFORE DELETE" in s]
    assert len(old) == 2
    for statement in old:
        conn.execute(statement)
    take_back_indexes_after(conn, 23)  # and the migrations after it
    conn.execute("DELETE FROM schema_version WHERE version >= 23")
    conn.execute("COMMIT")
    assert db.schema_version(conn) == 22
    assert db.migrate(conn) == latest_version()
    triggers = dict(
        conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%_kept'"
        ).fetchall()
    )
    assert "rewind_guards" in triggers["breach_records_kept"]
    assert "rewind_guards" in triggers["processing_records_kept"]
    conn.execute("BEGIN IMMEDIATE")
    try:
        _refused_delete(conn, "breach_records", row_id, "never deleted")
    finally:
        conn.execute("ROLLBACK")
    assert verify_store(ada, local_anchor=False).intact
