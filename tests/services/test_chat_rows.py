"""The contacts one chat's rule reads (``State.chat_rows``): the store's query by its
(channel, handle) index and the replayed tables' filter give the same rows, which are every
contact of the channel that can be the chat: the one-matter-per-chat rule reads these instead
of every contact of the channel, so the two must never leave one out."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from evidence_desk.domain import authority
from evidence_desk.services.session import DatabaseState
from evidence_desk.store import db

DIGEST, OTHER = "hx1:" + "a" * 64, "hx1:" + "b" * 64
#: (id, channel, handle): digests, clear handles on either side of the prefix in sort order,
#: a shredded contact's marker, a handle that only looks like a digest in another case
ROWS = [
    ("c1", "wechat", DIGEST),
    ("c2", "wechat", OTHER),
    ("c3", "wechat", "+8613800000000"),
    ("c4", "wechat", "zhang_san"),
    ("c5", "wechat", "[shredded]:c5"),
    ("c6", "wechat", "HX1:" + "a" * 64),
    ("c7", "wechat", "hx1"),
    ("c8", "wechat", "hx1;after"),
    ("c9", "sms", DIGEST),
    ("c10", "sms", "+8613800000000"),
]


@pytest.fixture
def conn(tmp_path: Path) -> db.Connection:
    connection = db.connect(tmp_path / "contacts.db", os.urandom(32), create=True)
    connection.execute("CREATE TABLE contacts (id TEXT PRIMARY KEY, channel TEXT, handle TEXT)")
    connection.execute("CREATE INDEX contacts_by_handle ON contacts (channel, handle)")
    connection.executemany("INSERT INTO contacts VALUES (?, ?, ?)", ROWS)
    return connection


def _replayed() -> authority.ReplayedTables:
    tables = authority.empty_tables()
    for contact, channel, handle in ROWS:
        tables["contacts"][(contact,)] = {"id": contact, "channel": channel, "handle": handle}
    return authority.ReplayedTables(tables)


@pytest.mark.parametrize(
    ("channel", "key", "expected"),
    [
        # the chat's own contact and every one whose handle is not a digest
        ("wechat", DIGEST, {"c1", "c3", "c4", "c5", "c6", "c7", "c8"}),
        ("wechat", OTHER, {"c2", "c3", "c4", "c5", "c6", "c7", "c8"}),
        # a digest nobody holds: the handles in clear still, to be digested by the rule
        ("wechat", "hx1:" + "c" * 64, {"c3", "c4", "c5", "c6", "c7", "c8"}),
        # a key in clear (a state that cannot digest): its own row once, not twice
        ("wechat", "zhang_san", {"c3", "c4", "c5", "c6", "c7", "c8"}),
        ("sms", DIGEST, {"c9", "c10"}),
        ("line", DIGEST, set()),
    ],
)
def test_the_store_and_the_replay_read_the_same_rows_of_a_chat(
    conn: db.Connection, channel: str, key: str, expected: set[str]
) -> None:
    from_store = [str(r["id"]) for r in DatabaseState(conn).chat_rows(channel, key)]
    from_replay = [str(r["id"]) for r in _replayed().chat_rows(channel, key)]
    assert len(from_store) == len(set(from_store))  # none read twice
    assert set(from_store) == set(from_replay) == expected


def test_no_contact_of_the_channel_that_can_be_the_chat_is_left_out(conn: db.Connection) -> None:
    """Against the definition: every contact of the channel whose key may equal the chat's
    (the same digest, or a handle not digested yet) is among the rows read."""
    for channel in ("wechat", "sms"):
        every = DatabaseState(conn).rows_where("contacts", "channel", channel)
        for key in {str(r["handle"]) for r in every}:
            read = {str(r["id"]) for r in DatabaseState(conn).chat_rows(channel, key)}
            could = {
                str(r["id"])
                for r in every
                if r["handle"] == key or not authority.is_handle_index(r["handle"])
            }
            assert read == could


def test_the_rows_of_a_chat_are_read_by_the_index_not_by_every_contact(
    conn: db.Connection,
) -> None:
    """Every part of the query searches the (channel, handle) index: a supervisor's store
    holds every request of the organisation, and a scan of them all at every rule check was a
    cost that grew with the day."""
    said: list[str] = []
    conn.set_trace_callback(said.append)
    DatabaseState(conn).chat_rows("wechat", DIGEST)
    conn.set_trace_callback(None)
    (query,) = [sql for sql in said if "FROM contacts" in sql]
    plan = [str(row[-1]) for row in conn.execute(f"EXPLAIN QUERY PLAN {query}")]
    searches = [step for step in plan if "contacts" in step]
    assert len(searches) == 4
    assert all(step.startswith("SEARCH contacts USING") for step in searches), plan
