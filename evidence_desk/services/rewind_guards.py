"""The one door through the PIPL records' "never deleted" triggers: a sync taking back this
device's own entries.

Breach records (PIPL art. 57) and processing records (arts. 55-56) are never deleted: the
database refuses it (store migration 10). But a sync must take back what this device's own
entries wrote when the hub placed other devices' entries before them (``unplaced.rewind``:
the rows undone, the pulled entries applied, the own ones applied again on top) or refused one
(``org_ledger._project``: the refused entry's row goes). Store migration 23 lets exactly that
DELETE through: while a row of ``rewind_guards`` names the row and the own entry that put it,
and that entry is still recorded as not placed (``unplaced_entries``) or was refused by the hub.
:func:`delete_row` writes the guard, deletes, and removes the guard again, all inside the
sync's transaction, so a committed store never holds one; verify reports one that does
(services/rewind_guard_checks.py: written by hand, the app never commits one). A record deleted
through a door opened by hand is still reported by verify's replay, which compares every row
with the ledger.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Final

from evidence_desk.store import db

#: table -> (the action that puts its rows, the payload field holding the row's id): the
#: tables whose rows the store's triggers never let go unless guarded (store migration 23)
GUARDED: Final[dict[str, tuple[str, str]]] = {
    "breach_records": ("breach.add", "breach_id"),
    "processing_records": ("processing.record", "record_id"),
}


def delete_row(
    conn: db.Connection, table: str, key_columns: Sequence[str], key: Sequence[Any], seq: int
) -> None:
    """Delete the row of ``table`` with primary key ``key``, put by own entry ``seq``, inside
    the caller's transaction: a guarded table's row is named in ``rewind_guards`` for the
    DELETE only (the trigger still refuses it unless ``seq`` is the own entry that put it,
    unplaced or refused by the hub)."""
    where = " AND ".join(f"{k} = ?" for k in key_columns)
    if table not in GUARDED:
        conn.execute(f"DELETE FROM {table} WHERE {where}", list(key))
        return
    (row_id,) = key
    conn.execute(
        "INSERT INTO rewind_guards (tbl, row_id, seq) VALUES (?, ?, ?)", (table, row_id, seq)
    )
    try:
        conn.execute(f"DELETE FROM {table} WHERE {where}", list(key))
    finally:
        conn.execute("DELETE FROM rewind_guards WHERE tbl = ? AND row_id = ?", (table, row_id))


def writer_of(conn: db.Connection, table: str, row_id: object) -> int:
    """The own entry that put ``table``'s row ``row_id`` (the newest such entry), 0 when none
    did: the trigger then refuses the DELETE, as it must for a row no own entry wrote. A
    payload that is not JSON (a tampered ledger) names no row, rather than failing the query."""
    action, field = GUARDED[table]
    found = conn.execute(
        "SELECT max(seq) FROM ledger WHERE action = ? "
        "AND CASE WHEN json_valid(payload) THEN json_extract(payload, ?) END = ?",
        (action, f"$.{field}", row_id),
    ).fetchone()[0]
    return int(found or 0)
