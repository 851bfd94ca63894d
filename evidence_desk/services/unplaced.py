"""What this device's own entries changed before the hub placed them, so a pull can rewind them.

A device writes offline: its own entries change the projected tables at once, but the hub may
place other devices' entries *before* them in the organisation's order. A pull must then
judge those entries against the tables as they were without the own ones, and apply the own
ones again on top. Without a record of what the own entries changed, the only way was the
whole replay of the organisation's history (every entry's rules and signature) at every sync
that followed a write: seconds at 100,000 entries, for a person deciding one request.

So the write path records, for each own entry written while the store is a device of an
organisation, every row it changes as the row was before (``before``: the whole row, or
nothing when the row did not exist), and ``rewind`` restores them, newest first (a row the
entry created is deleted; a breach or processing record through the one door its trigger
keeps for this, services/rewind_guards.py). The record
is a cache, not evidence: verify never reads it, and when an entry's record is missing
(written before this release, or by ``Session.append_signed``) or a row cannot be recorded,
``complete`` says so and the pull falls back to the whole replay. An entry's record is
dropped once the hub has placed it (``forget``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from evidence_desk.services import rewind_guards
from evidence_desk.services.row_changes import RowChange, apply_change
from evidence_desk.store import db
from evidence_desk.store.schema import PROJECTED_TABLES


def recording(conn: db.Connection) -> bool:
    """True when the store is a device of an organisation (it holds a position or another
    device's entry): only then can the hub place entries before this device's own."""
    found = conn.execute(
        "SELECT EXISTS (SELECT 1 FROM org_positions) OR EXISTS (SELECT 1 FROM device_entries)"
    ).fetchone()
    return bool(found[0])


def apply(conn: db.Connection, seq: int, changes: Sequence[RowChange], *, record: bool) -> None:
    """Apply own entry ``seq``'s row changes, each row recorded as it was first when
    ``record`` (the write path while the store is a device of an organisation; a pull putting
    still unplaced work back on top)."""
    if record:
        conn.execute("INSERT OR REPLACE INTO unplaced_entries (seq) VALUES (?)", (seq,))
    for order, change in enumerate(changes):
        if record:
            _before(conn, seq, order, change)
        apply_change(conn, change)


def _before(conn: db.Connection, seq: int, order: int, change: RowChange) -> None:
    """Record the row ``change`` is about to change, as it is now. A row whose values JSON
    cannot hold leaves the entry unrecorded (the pull then replays the whole history)."""
    keys = PROJECTED_TABLES[change.table]
    key = [change.row[k] for k in keys]
    found = conn.execute(
        f"SELECT * FROM {change.table} WHERE {' AND '.join(f'{k} = ?' for k in keys)}", key
    ).fetchone()
    try:
        kept = None if found is None else json.dumps(dict(found), ensure_ascii=False)
    except TypeError:
        conn.execute("DELETE FROM unplaced_entries WHERE seq = ?", (seq,))
        return
    conn.execute(
        "INSERT OR REPLACE INTO unplaced_changes (seq, ord, tbl, row_key, before) "
        "VALUES (?, ?, ?, ?, ?)",
        (seq, order, change.table, json.dumps(key, ensure_ascii=False), kept),
    )


def complete(conn: db.Connection, seqs: Iterable[int]) -> bool:
    """Whether every one of ``seqs`` has its changes recorded."""
    wanted = sorted(set(seqs))
    if not wanted:
        return True
    held = conn.execute(
        "SELECT count(*) FROM unplaced_entries WHERE seq BETWEEN ? AND ?", (wanted[0], wanted[-1])
    ).fetchone()[0]
    return int(held) == len(wanted) and wanted[-1] - wanted[0] + 1 == len(wanted)


def rewind(conn: db.Connection, after: int) -> None:
    """Undo, newest first, every recorded change of the own entries after ``after``, and drop
    their records (re-applying an entry records it again). Foreign keys must be deferred by
    the caller: a parent row goes before its children come back."""
    rows = conn.execute(
        "SELECT seq, tbl, row_key, before FROM unplaced_changes WHERE seq > ? "
        "ORDER BY seq DESC, ord DESC",
        (after,),
    ).fetchall()
    for seq, table, row_key, kept in rows:
        _restore(conn, int(seq), str(table), json.loads(str(row_key)), kept)
    forget_after(conn, after)


def forget(conn: db.Connection, upto: int) -> None:
    """Drop the records of own entries up to ``upto``: the hub has placed them."""
    conn.execute("DELETE FROM unplaced_entries WHERE seq <= ?", (upto,))
    conn.execute("DELETE FROM unplaced_changes WHERE seq <= ?", (upto,))


def forget_after(conn: db.Connection, after: int) -> None:
    """Drop the records of own entries after ``after`` (rewound, or no longer true)."""
    conn.execute("DELETE FROM unplaced_entries WHERE seq > ?", (after,))
    conn.execute("DELETE FROM unplaced_changes WHERE seq > ?", (after,))


def _restore(conn: db.Connection, seq: int, table: str, key: list[Any], kept: str | None) -> None:
    """Put the row own entry ``seq`` changed back as it was: deleted when the entry made it
    (a breach or processing record through the door its trigger keeps for a rewind,
    services/rewind_guards.py), else its columns as recorded."""
    keys = PROJECTED_TABLES[table]
    where = " AND ".join(f"{k} = ?" for k in keys)
    if kept is None:
        rewind_guards.delete_row(conn, table, keys, key, seq)
        return
    row: dict[str, Any] = json.loads(kept)
    others = [c for c in row if c not in keys]
    changed = 0
    if others:
        changed = conn.execute(
            f"UPDATE {table} SET {', '.join(f'{c} = ?' for c in others)} WHERE {where}",
            [row[c] for c in others] + key,
        ).rowcount
    if not changed and conn.execute(f"SELECT 1 FROM {table} WHERE {where}", key).fetchone() is None:
        columns = list(row)
        marks = ", ".join("?" for _ in columns)
        conn.execute(
            f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})",
            [row[c] for c in columns],
        )
