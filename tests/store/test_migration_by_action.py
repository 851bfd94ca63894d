"""Store migration 24: the entries by action. A store made before it gets the two indexes at
its next opening and verifies as before; the reads that look for one kind of entry (the joins
with a history, read after every change of the store when a sealed field is opened) then
search the index instead of reading every entry's payload."""

from __future__ import annotations

from evidence_desk.services import cases
from evidence_desk.services.verify import verify_store
from evidence_desk.store import db
from evidence_desk.store.schema import latest_version
from tests.helpers import Team, take_back_indexes_after


def _plan(conn: db.Connection, sql: str) -> str:
    return " ".join(str(row[-1]) for row in conn.execute(f"EXPLAIN QUERY PLAN {sql}"))


JOINS_OWN = (
    "SELECT payload FROM ledger WHERE action = 'device.join' AND instr(payload, 'pre_org') > 0"
)
JOINS_PULLED = (
    "SELECT device_id, payload FROM device_entries WHERE action = 'device.join' "
    "AND verdict = '' AND instr(payload, 'pre_org') > 0"
)


def test_the_joins_are_found_by_the_index_not_by_reading_every_entry(team: Team) -> None:
    conn = team.login("ada").conn
    assert "USING INDEX ledger_by_action" in _plan(conn, JOINS_OWN)
    assert "USING INDEX device_entries_by_action" in _plan(conn, JOINS_PULLED)


def test_a_store_made_before_it_gets_the_indexes_and_verifies(team: Team) -> None:
    cases.create_case(team.login("alice"), "2026-IDX-1", debtor_name="陈立新")
    session = team.login("ada")
    conn = session.conn
    conn.execute("BEGIN IMMEDIATE")
    take_back_indexes_after(conn, 23)
    conn.execute("DELETE FROM schema_version WHERE version >= 24")
    conn.execute("COMMIT")
    assert db.schema_version(conn) == 23
    assert "SCAN ledger" in _plan(conn, JOINS_OWN)
    assert db.migrate(conn) == latest_version()
    assert "USING INDEX ledger_by_action" in _plan(conn, JOINS_OWN)
    report = verify_store(session, local_anchor=False)
    assert report.intact, report.errors
