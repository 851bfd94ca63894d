"""Row changes to projected tables: what a ledger payload's ``rows`` holds and the write path
applies. A module of its own so that services the session itself calls (services/case_keys.py,
at login) can build them without importing the session."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from evidence_desk.domain.authority import FIRST_STANDS
from evidence_desk.store import db
from evidence_desk.store.schema import PROJECTED_TABLES

Row = Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class RowChange:
    """One change to a projected table: ``put`` (insert or replace by key) or ``delete``."""

    op: str
    table: str
    row: Mapping[str, Any]

    def as_json(self) -> dict[str, Any]:
        return {"op": self.op, "table": self.table, "row": dict(self.row)}


def put(table: str, row: Row) -> RowChange:
    return RowChange("put", table, dict(row))


def apply_change(conn: db.Connection, change: RowChange) -> None:
    keys = PROJECTED_TABLES.get(change.table)
    if keys is None:
        raise ValueError(f"{change.table} is not a projected table")
    if change.op == "put":
        # put = merge into the existing row, or insert a new one. (An UPSERT would check NOT
        # NULL columns of the insert half even when it ends up updating a partial row.) A row
        # on record keeps its columns written once (an original's kind: authority.FIRST_STANDS)
        columns = list(change.row)
        kept = FIRST_STANDS.get(change.table, frozenset())
        updates = [c for c in columns if c not in keys and c not in kept]
        where = " AND ".join(f"{k} = ?" for k in keys)
        changed = 0
        if updates:
            changed = conn.execute(
                f"UPDATE {change.table} SET {', '.join(f'{c} = ?' for c in updates)} WHERE {where}",
                [change.row[c] for c in updates] + [change.row[k] for k in keys],
            ).rowcount
        if not changed:
            exists = conn.execute(
                f"SELECT 1 FROM {change.table} WHERE {where}", [change.row[k] for k in keys]
            ).fetchone()
            if exists is None:
                conn.execute(
                    f"INSERT INTO {change.table} ({', '.join(columns)}) "
                    f"VALUES ({', '.join('?' for _ in columns)})",
                    [change.row[c] for c in columns],
                )
    elif change.op == "delete":
        conn.execute(
            f"DELETE FROM {change.table} WHERE {' AND '.join(f'{k} = ?' for k in keys)}",
            [change.row[k] for k in keys],
        )
    else:
        raise ValueError(f"unknown row operation {change.op}")
