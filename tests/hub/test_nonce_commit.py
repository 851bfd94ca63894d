"""A signed request's nonce is one small transaction that does not wait for the disk
(hub/repository.py ``remember``): every request of 100 laptops and of the people makes one,
and with ``synchronous_commit`` on each waited for its own WAL flush while holding one of the
few connections the gate's lookups share (issue 20 item 4, docs/benchmarks.md)."""

from __future__ import annotations

import psycopg

from tests.hub.conftest import HubDatabase
from tests.hub.devices import repository

NOW = 1_780_000_000.0

#: records, in PostgreSQL itself, how each nonce's transaction commits (a trigger of this
#: test's own database: the repository's SQL runs unchanged)
_OBSERVE = """
CREATE TABLE commits (tab text, synchronous_commit text);
GRANT INSERT ON commits TO evidence_desk_hub;
CREATE FUNCTION observe() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO commits VALUES (TG_TABLE_NAME, current_setting('synchronous_commit'));
    RETURN NEW;
END $$;
CREATE TRIGGER observe AFTER INSERT ON nonces FOR EACH ROW EXECUTE FUNCTION observe();
CREATE TRIGGER observe AFTER INSERT ON users FOR EACH ROW EXECUTE FUNCTION observe();
"""


def test_a_nonce_commits_without_waiting_for_the_disk_and_replays_are_still_refused(
    hub_db: HubDatabase,
) -> None:
    with psycopg.connect(hub_db.owner_url) as conn:
        conn.execute(_OBSERVE)
    with repository(hub_db.app_url) as repo:
        assert repo.remember("alice", "n1", now=NOW, until=NOW + 300)
        assert not repo.remember("alice", "n1", now=NOW + 1, until=NOW + 301)  # a replay
        assert repo.remember("alice", "n1", now=NOW + 301, until=NOW + 601)  # past its time
        # the evidence's writes, on the same pooled connections, still wait for the disk
        repo.add_user("alice", "staff", "ab" * 32, "cd" * 32, by=None)
    with psycopg.connect(hub_db.owner_url) as conn:
        rows = conn.execute("SELECT tab, synchronous_commit FROM commits").fetchall()
    assert rows == [("nonces", "off"), ("nonces", "off"), ("users", "on")]


def test_nonces_past_their_time_are_deleted_in_passing_not_by_every_request(
    hub_db: HubDatabase,
) -> None:
    with repository(hub_db.app_url) as repo:
        assert repo.remember("alice", "n1", now=NOW, until=NOW + 300)
        assert repo.remember("alice", "n2", now=NOW + 1, until=NOW + 301)
        # n1 is past its time at NOW + 301 and deleted by the first request after the interval
        assert repo.remember("alice", "n3", now=NOW + 301, until=NOW + 601)
        assert repo.remember("alice", "n4", now=NOW + 302, until=NOW + 602)
    with psycopg.connect(hub_db.owner_url) as conn:
        held = conn.execute("SELECT nonce FROM nonces ORDER BY nonce").fetchall()
    assert held == [("n2",), ("n3",), ("n4",)]
