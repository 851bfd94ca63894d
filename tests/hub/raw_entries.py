"""Entries written straight into a test hub's ``entries`` table, for the caches that read its
columns only (held digests, pull pages): many rows fast, no signatures to judge."""

from __future__ import annotations

import json
from typing import Any

import psycopg

Conn = psycopg.Connection[tuple[Any, ...]]


def append_raw(conn: Conn, device: str, start: int, count: int) -> None:
    """Entries ``start``..``start + count - 1`` of ``device`` as the hub appends them (the
    replica role skips the tables' triggers and keys), every seventh refused, committed."""
    conn.execute("SET session_replication_role = replica")
    with conn.cursor().copy(
        "COPY entries (device_id, seq, at, actor, action, payload, payload_hash, prev_hash, "
        "entry_hash, signature, verdict) FROM STDIN"
    ) as copy:
        for seq in range(start, start + count):
            verdict = "four-eyes" if seq % 7 == 0 else ""
            payload = json.dumps({"n": seq, "名": "证据"}, ensure_ascii=False)
            copy.write_row(
                (device, seq, "t", "u", "a", payload, "p", "h", f"{seq:064x}", "s", verdict)
            )
    conn.commit()
