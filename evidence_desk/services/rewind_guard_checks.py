"""verify's check of the rewind guards (services/rewind_guards.py): a sync writes each guard
and removes it again inside its own transaction, so a guard row in a committed store was
written by someone else, to open the door the PIPL records' triggers keep for a rewind. Apart
from rewind_guards.py, which the write path's rewind imports and so cannot import the session.
"""

from __future__ import annotations

from collections.abc import Iterable

from evidence_desk.domain.models import Finding
from evidence_desk.domain.wording import Catalogue
from evidence_desk.services.replay import Replay
from evidence_desk.services.session import Session

_said = Catalogue(
    {
        "store.rewind_guard_where": "rewind guard of {table} row {row_id} (own entry {seq})",
        "store.rewind_guard_left": "a rewind guard was committed: a sync removes its guards in "
        "the transaction that writes them, so someone wrote this one to open the database's "
        "refusal to delete the row",
    }
)


def check_guards(session: Session, replay: Replay) -> Iterable[Finding]:
    """A guard row committed in the store (the app never commits one)."""
    del replay
    rows = session.conn.execute("SELECT tbl, row_id, seq FROM rewind_guards ORDER BY tbl, row_id")
    for row in rows.fetchall():
        yield Finding(
            "store.rewind_guard",
            _said(
                "store.rewind_guard_where", table=row["tbl"], row_id=row["row_id"], seq=row["seq"]
            ),
            _said("store.rewind_guard_left"),
        )
