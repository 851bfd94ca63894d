"""Store migration 25: a supervisor's queue by the contacts' status, and every foreign key's
child columns leading an index. Without them a read and a delete that a sync makes at every
page read a table that grows with the organisation's requests (measured at 500 laptops: the
round trip grew over the day, bench/hub.py); a store made before it gets them at its next
opening and verifies as before."""

from __future__ import annotations

from evidence_desk.services import cases, contacts
from evidence_desk.services.verify import verify_store
from evidence_desk.store import db
from evidence_desk.store.schema import latest_version
from tests.helpers import Team, take_back_indexes_after

QUEUE = "SELECT * FROM contacts WHERE status = 'requested' ORDER BY requested_at, id"
#: the request an approval cosigns, on another device (services/contacts.py ``_request_entry``)
REQUEST = (
    "SELECT device_id, seq FROM device_entries WHERE action = 'contact.request' "
    "AND verdict = '' AND instr(payload, '\"c-1\"') > 0 ORDER BY org_seq DESC"
)


def _plan(conn: db.Connection, sql: str) -> str:
    return " ".join(str(row[-1]) for row in conn.execute(f"EXPLAIN QUERY PLAN {sql}"))


def _unindexed_children(conn: db.Connection) -> list[tuple[str, str, str]]:
    """(table, column, parent) of every foreign key whose child column leads no index of its
    table (nor its primary key): a deleted parent row's children are then found by a scan."""
    missing = []
    tables = [
        str(r[0]) for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
    ]
    for table in tables:
        leading = {
            str(conn.execute(f"PRAGMA index_info({index[1]})").fetchone()[2])
            for index in conn.execute(f"PRAGMA index_list({table})")
        }
        leading.update(str(r[1]) for r in conn.execute(f"PRAGMA table_info({table})") if r[5] == 1)
        for key in conn.execute(f"PRAGMA foreign_key_list({table})"):
            if str(key[3]) not in leading:
                missing.append((table, str(key[3]), str(key[2])))
    return missing


def test_the_queue_and_every_foreign_key_are_searched_by_an_index(team: Team) -> None:
    conn = team.login("ada").conn
    assert "USING INDEX contacts_by_status" in _plan(conn, QUEUE)
    assert "TEMP B-TREE" not in _plan(conn, QUEUE)  # in the queue's order already
    # newest first by the index: the first match ends the read, no sort of them all first
    assert "USING INDEX device_entries_by_action_in_order" in _plan(conn, REQUEST)
    assert "TEMP B-TREE" not in _plan(conn, REQUEST)
    assert _unindexed_children(conn) == []


def test_a_store_made_before_it_gets_the_indexes_and_verifies(team: Team) -> None:
    alice = team.login("alice")
    cases.create_case(alice, "2026-IDX-25", debtor_name="陈立新")
    contacts.request_contact(
        alice,
        case_no="2026-IDX-25",
        channel="wechat",
        handle="chen_lixin",
        display_name="Chen Lixin",
        reason="the debtor added us",
        consent=True,
    )
    conn = alice.conn
    conn.execute("BEGIN IMMEDIATE")
    take_back_indexes_after(conn, 24)
    conn.execute("CREATE INDEX device_entries_by_action ON device_entries (action, verdict)")
    conn.execute("DELETE FROM schema_version WHERE version = 25")
    conn.execute("COMMIT")
    assert db.schema_version(conn) == 24
    assert "SCAN contacts" in _plan(conn, QUEUE)
    assert "TEMP B-TREE" in _plan(conn, REQUEST)
    assert ("items", "sha256", "blobs") in _unindexed_children(conn)
    assert db.migrate(conn) == latest_version() == 25
    assert "USING INDEX contacts_by_status" in _plan(conn, QUEUE)
    assert "TEMP B-TREE" not in _plan(conn, REQUEST)
    assert _unindexed_children(conn) == []
    assert [c.handle for c in contacts.list_contacts(alice, status="requested")] == ["chen_lixin"]
    report = verify_store(alice, local_anchor=False)
    assert report.intact, report.errors
