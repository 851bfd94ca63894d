#!/usr/bin/env python3
"""The hub's per-request questions before and after issue 20's lookups, on one database.

A real PostgreSQL cluster (evidence_desk_testing) with the hub's schema holds N accepted
contact decisions (each a real-sized JSON payload) and N/10 invitations. Timed, in the same
run: who decided a contact first — the ``LIKE`` scan of every decision the push path used
(the baseline) against the ``entries_decisions`` lookup ``repository._first_decision`` does
now — and an open invitation — the ``LIKE`` scans against ``repository._open_invite``. Each
figure is the median of R lookups of different keys; the ratio is baseline / lookup. Printed
with the load average before and after (the machine is shared).

Before the lookups, the same database is taken back to schema 2 (no ``hub_payload_text``, no
lookup indexes, no ``join_staging.staged_at`` or ``org_checkpoint_stamps.certs``, version 2
recorded, as tests/hub/test_schema_upgrade.py makes one) and ``schema.upgrade`` is timed: what
``hub upgrade`` costs a hub of this size, against the floor of any index over a payload field,
in the same run: one pass that parses every payload the three partial indexes cover as jsonb
(``payload::jsonb ->> field``), without building anything. The lookups then run on the
upgraded hub.

    python bench/scans.py [--decisions 200000] [--repeat 30]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import psycopg

from evidence_desk.hub import repository, schema
from evidence_desk_testing.postgres import PostgresCluster

_COPY = (
    "COPY entries (device_id, seq, at, actor, action, payload, payload_hash, prev_hash, "
    "entry_hash, signature) FROM STDIN"
)


def _fill(conn: psycopg.Connection[tuple[object, ...]], decisions: int) -> None:
    conn.execute("INSERT INTO users (name, role) VALUES ('sam', 'supervisor')")
    conn.execute("INSERT INTO devices (device_id, user_name) VALUES ('d', 'sam')")
    with conn.cursor().copy(_COPY) as copy:
        for n in range(1, decisions + 1):
            body = {"contact_id": f"K{n:07}", "note": "identity and debt confirmed " * 6}
            copy.write_row(("d", n, "t", "sam", "contact.approve", json.dumps(body), *"hpes"))
        for n in range(1, decisions // 10 + 1):
            body = {"invite_id": f"I{n}", "invite_key": f"{n:064x}", "user": f"u{n}"}
            text = json.dumps({**body, "role": "staff"})
            copy.write_row(("d", decisions + n, "t", "sam", "user.invite", text, *"hpes"))
    conn.execute("ANALYZE entries")
    conn.commit()


#: the partial indexes schema 3 added: (field, the rows they cover), as hub/schema.py builds them
_V3_INDEXES = {
    "entries_decisions": (
        "contact_id",
        "action IN ('contact.approve', 'contact.reject') AND verdict = ''",
    ),
    "entries_invites": ("invite_key", "action = 'user.invite'"),
    "entries_invite_uses": ("invite_id", "action IN ('device.join', 'invite.revoke')"),
}


def _as_version_2(conn: psycopg.Connection[tuple[object, ...]]) -> None:
    """Take the filled schema-3 database back to what the release before schema 3 had."""
    for index in _V3_INDEXES:
        conn.execute(f"DROP INDEX {index}")
    conn.execute("DROP FUNCTION hub_payload_text")
    conn.execute("ALTER TABLE join_staging DROP COLUMN staged_at")
    conn.execute("ALTER TABLE org_checkpoint_stamps DROP COLUMN certs")
    conn.execute("DELETE FROM hub_schema")
    conn.execute("INSERT INTO hub_schema (version) VALUES (2)")
    conn.commit()
    conn.execute("CHECKPOINT")  # the drop's writes are not charged to the upgrade


def _payload_pass(conn: psycopg.Connection[tuple[object, ...]]) -> float:
    """The floor: each payload the schema-3 indexes cover parsed once, nothing built."""
    start = time.perf_counter()
    for field, rows in _V3_INDEXES.values():
        conn.execute(
            f"SELECT count(payload::jsonb ->> %s) FROM entries WHERE {rows}", (field,)
        ).fetchone()
    conn.commit()
    return time.perf_counter() - start


def _upgrade_seconds(conn: psycopg.Connection[tuple[object, ...]]) -> tuple[float, float]:
    """``hub upgrade`` from schema 2 on this database, and the payload pass (its floor),
    each timed; the pass runs first and again after, and its faster run counts (the
    upgrade's own first read of the table then finds it as warm as the floor's)."""
    _as_version_2(conn)
    floor = _payload_pass(conn)
    start = time.perf_counter()
    before, after = schema.upgrade(conn)
    conn.commit()
    upgrade = time.perf_counter() - start
    assert (before, after) == (2, schema.SCHEMA_VERSION), (before, after)
    return upgrade, min(floor, _payload_pass(conn))


def _median_ms(lookups: int, one: Callable[[int], object]) -> float:
    times = []
    for i in range(lookups):
        start = time.perf_counter()
        one(i)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--decisions", type=int, default=200_000)
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    n, invites = args.decisions, args.decisions // 10
    print(f"load before: {os.getloadavg()[0]:.2f}")
    with PostgresCluster() as cluster:
        with psycopg.connect(cluster.url(), autocommit=True) as conn:
            conn.execute("CREATE DATABASE scans")
        with psycopg.connect(cluster.url("scans")) as conn:
            schema.install(conn)
            _fill(conn, n)
            t_upgrade, t_floor = _upgrade_seconds(conn)

            def contact(i: int) -> str:
                return f"K{(i * 6007) % n + 1:07}"

            def key(i: int) -> str:
                return f"{(i * 607) % invites + 1:064x}"

            def decision_scan(i: int) -> object:
                wanted = contact(i)
                for row in conn.execute(
                    "SELECT actor, action, payload, device_id FROM entries "
                    "WHERE action IN ('contact.approve', 'contact.reject') "
                    "AND verdict = '' AND payload LIKE %s ORDER BY hub_seq",
                    (f"%{wanted}%",),
                ):
                    if json.loads(row[2]).get("contact_id") == wanted:
                        return row
                raise AssertionError(wanted)

            def invite_scan(i: int) -> object:
                wanted = key(i)
                rows = conn.execute(
                    "SELECT payload FROM entries WHERE action = 'user.invite' AND payload LIKE %s",
                    (f"%{wanted}%",),
                ).fetchall()
                body = json.loads(rows[0][0])
                conn.execute(
                    "SELECT payload FROM entries WHERE action IN ('device.join', "
                    "'invite.revoke') AND payload LIKE %s",
                    (f"%{body['invite_id']}%",),
                ).fetchall()
                return body

            figures = {
                "first decision, LIKE scan (baseline)": _median_ms(args.repeat, decision_scan),
                "first decision, index lookup": _median_ms(
                    args.repeat, lambda i: repository._first_decision(conn, contact(i))
                ),
                "open invitation, LIKE scans (baseline)": _median_ms(args.repeat, invite_scan),
                "open invitation, index lookups": _median_ms(
                    args.repeat, lambda i: repository._open_invite(conn, key(i))
                ),
            }
    print(
        f"hub upgrade from schema 2 ({n + invites:,} entries): {t_upgrade:.2f} s; floor, each "
        f"covered payload parsed once: {t_floor:.2f} s"
    )
    print(f"ratio upgrade / payload pass: {t_upgrade / t_floor:.2f}x")
    print(f"{n:,} decisions, {invites:,} invitations, median of {args.repeat} lookups each")
    for name, ms in figures.items():
        print(f"  {name}: {ms:.2f} ms")
    names = list(figures)
    print(f"ratio first decision: {figures[names[0]] / figures[names[1]]:.0f}x")
    print(f"ratio open invitation: {figures[names[2]] / figures[names[3]]:.0f}x")
    print(f"load after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
