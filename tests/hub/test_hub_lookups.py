"""The hub's per-request questions are lookups, not scans (issue 20): who decided a contact
first (the push path's ``_first_decision``) reads one index entry per decision of that
contact however many the organisation made, and ``/v1/status`` reads the devices and their
heads only. Checked with PostgreSQL's own plan and row counts on a real database."""

from __future__ import annotations

import json
from typing import Any

import psycopg

from evidence_desk.hub import repository
from tests.hub.conftest import HubDatabase

#: decisions of other contacts the organisation made before the one asked about
_DECISIONS = 20_000


def _fill(conn: psycopg.Connection[Any]) -> None:
    conn.execute("INSERT INTO users (name, role) VALUES ('sam', 'supervisor')")
    conn.execute("INSERT INTO devices (device_id, user_name) VALUES ('dev-sam', 'sam')")
    rows = [
        (
            "dev-sam", n, "2026-01-01T00:00:00Z", "sam",
            "contact.approve" if n % 2 else "contact.reject",
            json.dumps({"contact_id": f"K{n:06}", "note": "checked"}), "h", "p", f"e{n}", "s",
        )
        for n in range(1, _DECISIONS + 1)
    ]  # fmt: skip
    # a payload that is not JSON must not fail the insert (the index's expression is NULL)
    rows.append(("dev-sam", _DECISIONS + 1, "t", "sam", "contact.approve", "{not json", *"hpes"))
    with conn.cursor().copy(
        "COPY entries (device_id, seq, at, actor, action, payload, payload_hash, prev_hash, "
        "entry_hash, signature) FROM STDIN"
    ) as copy:
        for row in rows:
            copy.write_row(row)
    conn.execute("ANALYZE entries")


def _plan(conn: psycopg.Connection[Any], query: str, params: tuple[Any, ...]) -> dict[str, Any]:
    row = conn.execute(f"EXPLAIN (ANALYZE, FORMAT JSON) {query}", params).fetchone()
    assert row is not None
    plan: dict[str, Any] = row[0][0]["Plan"]
    return plan


def _nodes(plan: dict[str, Any]) -> list[dict[str, Any]]:
    return [plan, *(n for child in plan.get("Plans", []) for n in _nodes(child))]


def test_the_first_decision_of_a_contact_is_an_index_lookup(hub_db: HubDatabase) -> None:
    with psycopg.connect(hub_db.owner_url) as conn:
        _fill(conn)
        conn.commit()
        assert repository._first_decision(conn, "K000777") == ("sam", "contact.approve", "dev-sam")
        assert repository._first_decision(conn, "K000778") == ("sam", "contact.reject", "dev-sam")
        assert repository._first_decision(conn, "K999999") is None
        query = (
            "SELECT actor, action, payload, device_id FROM entries "
            "WHERE action IN ('contact.approve', 'contact.reject') AND verdict = '' "
            "AND hub_payload_text(payload, 'contact_id') = %s ORDER BY hub_seq"
        )
        nodes = _nodes(_plan(conn, query, ("K000777",)))
        assert any(n.get("Index Name") == "entries_decisions" for n in nodes), nodes
        assert not any(n["Node Type"] == "Seq Scan" for n in nodes), nodes
        # rows the plan touched: the one decision of that contact, not the organisation's
        assert max(int(n["Actual Rows"]) for n in nodes) == 1


def test_the_status_reads_the_devices_not_their_entries(hub_db: HubDatabase) -> None:
    with psycopg.connect(hub_db.owner_url) as conn:
        _fill(conn)
        conn.commit()
        query = (
            "SELECT d.device_id, d.user_name, coalesce(h.size, 0), h.last_push, "
            "d.registered_at FROM devices d LEFT JOIN device_heads h USING (device_id) "
            "ORDER BY d.registered_at, d.device_id"
        )
        nodes = _nodes(_plan(conn, query, ()))
        assert not any(n.get("Relation Name") == "entries" for n in nodes), nodes
        last = _nodes(_plan(conn, "SELECT coalesce(max(hub_seq), 0) FROM entries", ()))
        assert not any(n["Node Type"] == "Seq Scan" for n in last), last


def test_an_open_invitation_is_found_by_lookups(hub_db: HubDatabase) -> None:
    with psycopg.connect(hub_db.owner_url) as conn:
        conn.execute("INSERT INTO users (name, role) VALUES ('root', 'admin')")
        conn.execute("INSERT INTO devices (device_id, user_name) VALUES ('dev-root', 'root')")
        invites = 5_000
        rows = []
        for n in range(1, invites + 1):
            body = {"invite_id": f"I{n}", "invite_key": f"{n:064x}", "user": f"u{n}"}
            rows.append(("user.invite", json.dumps({**body, "role": "staff"})))
        rows.append(("invite.revoke", json.dumps({"invite_id": "I7"})))
        with conn.cursor().copy(
            "COPY entries (device_id, seq, at, actor, action, payload, payload_hash, prev_hash, "
            "entry_hash, signature) FROM STDIN"
        ) as copy:
            for seq, (action, payload) in enumerate(rows, 1):
                copy.write_row(("dev-root", seq, "t", "root", action, payload, "h", "p", "e", "s"))
        conn.execute("ANALYZE entries")
        conn.commit()
        found = repository._open_invite(conn, f"{8:064x}")
        assert found is not None and (found.invite_id, found.user) == ("I8", "u8")
        assert repository._open_invite(conn, f"{7:064x}") is None  # revoked
        assert repository._open_invite(conn, f"{invites + 1:064x}") is None
        for query, value, index in (
            (
                "SELECT payload FROM entries WHERE action = 'user.invite' "
                "AND hub_payload_text(payload, 'invite_key') = %s",
                f"{8:064x}",
                "entries_invites",
            ),
            (
                "SELECT payload FROM entries WHERE action IN ('device.join', 'invite.revoke') "
                "AND hub_payload_text(payload, 'invite_id') = %s",
                "I8",
                "entries_invite_uses",
            ),
        ):
            nodes = _nodes(_plan(conn, query, (value,)))
            assert any(n.get("Index Name") == index for n in nodes), nodes
            assert not any(n["Node Type"] == "Seq Scan" for n in nodes), nodes
