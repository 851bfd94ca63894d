"""What the database itself notes of any change to ``entries`` other than an append, so that
``/v1/check`` (hub/held_cache.py) can trust the digests it keeps without reading every entry.

The hub only appends entries: their trigger refuses UPDATE, DELETE and TRUNCATE. A superuser
can still change them (``session_replication_role = replica`` skips ordinary triggers,
``ALTER TABLE ... DISABLE TRIGGER`` any), and ``/v1/check`` exists to report such a change to
the devices. Its kept digests used to be guarded by a count and the newest ``xmin`` of every
entry of every device asked: one aggregate over the whole organisation per check.

Now PostgreSQL notes the change as it happens: ``entries_noted`` (AFTER UPDATE OR DELETE, per
row) and ``entries_noted_truncate`` (AFTER TRUNCATE) are enabled **ALWAYS**, so the replica
role does not skip them, and each writes a row of ``entry_changes`` (the device and seq
changed, or NULL for the whole table). That table only grows: its own append-only triggers are
enabled ALWAYS too. What is left to a superuser is DDL: disabling, dropping or replacing one of
these triggers or their functions, or the table's indexes, or the tables themselves. Each of
those rewrites a catalog row (a new ``xmin``, oid or ``tgenabled``), so :func:`read` returns,
beside the counts of noted changes per device, a *guard*: one string over those catalog rows.
A digest kept under one guard and one count of its device's changes is the digest of the rows
held now while both are the same; a different guard drops every kept digest, and a guard whose
triggers are not all enabled ALWAYS (a superuser disabled one) keeps none (``armed`` False).
Cost: a few catalog lookups by index and the noted changes (none on an honest hub), whatever
the organisation's size.

Bypassing this needs what would also bypass the ``xmin`` guard: editing PostgreSQL's files
under it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final

import psycopg

Conn = psycopg.Connection[tuple[Any, ...]]

#: the table (part of hub/schema.py's DDL: ``hub upgrade`` creates it on an older hub)
TABLES: Final = """
-- changes to entries other than appends, noted by ALWAYS triggers (hub/entry_changes.py)
CREATE TABLE entry_changes (
    id bigserial PRIMARY KEY,
    -- NULL: the whole table (a TRUNCATE)
    device_id text,
    seq bigint,
    change text NOT NULL,
    noted_at timestamptz NOT NULL DEFAULT now()
);
"""

#: append-only like every evidence table (hub/schema.py adds their triggers and grants)
EVIDENCE_TABLES: Final = ("entry_changes",)

#: the triggers that must be enabled ALWAYS ('A') for the guard to be armed
_ALWAYS: Final = (
    "entries_noted",
    "entries_noted_truncate",
    "entry_changes_keep",
    "entry_changes_no_truncate",
)

#: run by ``install`` and ``upgrade`` after the tables (idempotent)
RULES: Final = """
CREATE OR REPLACE FUNCTION hub_note_entry_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        INSERT INTO entry_changes (device_id, seq, change) VALUES (NULL, NULL, TG_OP);
        RETURN NULL;
    END IF;
    INSERT INTO entry_changes (device_id, seq, change) VALUES (OLD.device_id, OLD.seq, TG_OP);
    IF TG_OP = 'UPDATE' AND NEW.device_id IS DISTINCT FROM OLD.device_id THEN
        INSERT INTO entry_changes (device_id, seq, change) VALUES (NEW.device_id, NEW.seq, TG_OP);
    END IF;
    RETURN NULL;
END $$;
DROP TRIGGER IF EXISTS entries_noted ON entries;
CREATE TRIGGER entries_noted AFTER UPDATE OR DELETE ON entries
    FOR EACH ROW EXECUTE FUNCTION hub_note_entry_change();
ALTER TABLE entries ENABLE ALWAYS TRIGGER entries_noted;
DROP TRIGGER IF EXISTS entries_noted_truncate ON entries;
CREATE TRIGGER entries_noted_truncate AFTER TRUNCATE ON entries
    FOR EACH STATEMENT EXECUTE FUNCTION hub_note_entry_change();
ALTER TABLE entries ENABLE ALWAYS TRIGGER entries_noted_truncate;
ALTER TABLE entry_changes ENABLE ALWAYS TRIGGER entry_changes_keep;
ALTER TABLE entry_changes ENABLE ALWAYS TRIGGER entry_changes_no_truncate;
"""

#: the guard and the noted changes in one statement: every catalog row a superuser would
#: have to rewrite to change an entry unnoted (the two tables, their triggers, the trigger
#: functions, the indexes of ``entries``), each with its ``xmin``
_READ: Final = """
SELECT
    (SELECT string_agg(c.oid || '/' || c.relfilenode || '/' || c.xmin, ',' ORDER BY c.oid)
        FROM pg_class c WHERE c.oid IN (to_regclass('entries'), to_regclass('entry_changes'))),
    (SELECT string_agg(t.oid || '/' || t.tgname || '/' || t.tgenabled::text || '/' || t.xmin, ','
        ORDER BY t.oid)
        FROM pg_trigger t
        WHERE t.tgrelid IN (to_regclass('entries'), to_regclass('entry_changes'))),
    (SELECT string_agg(p.oid || '/' || p.xmin, ',' ORDER BY p.oid) FROM pg_proc p
        WHERE p.proname IN ('hub_note_entry_change', 'hub_refuse_change')),
    (SELECT string_agg(i.indexrelid || '/' || i.xmin, ',' ORDER BY i.indexrelid) FROM pg_index i
        WHERE i.indrelid = to_regclass('entries')),
    (SELECT array_agg(t.tgname::text) FROM pg_trigger t
        WHERE t.tgrelid IN (to_regclass('entries'), to_regclass('entry_changes'))
        AND t.tgenabled = 'A'),
    to_regclass('entry_changes') IS NOT NULL
"""

_COUNTS: Final = "SELECT device_id, count(*) FROM entry_changes GROUP BY device_id"


@dataclass(frozen=True, slots=True)
class Noted:
    """The guard now and the changes noted so far: per device, and of the whole table."""

    guard: str
    armed: bool
    per_device: Mapping[str, int]
    whole: int

    def of(self, device: str) -> int:
        """How many changes noted so far touch ``device``'s entries."""
        return self.per_device.get(device, 0) + self.whole


def install_rules(conn: Conn) -> None:
    """The function and triggers of :data:`RULES` (in the caller's transaction)."""
    conn.execute(RULES.encode())


def read(conn: Conn) -> Noted:
    """The guard and the noted changes as they are now (see the module's docstring)."""
    row = conn.execute(_READ).fetchone()
    assert row is not None
    *parts, always, present = row
    armed = bool(present) and set(_ALWAYS) <= set(always or ())
    guard = "|".join(str(p or "") for p in parts)
    if not armed:
        return Noted(guard, False, {}, 0)
    per_device: dict[str, int] = {}
    whole = 0
    for device, count in conn.execute(_COUNTS):
        if device is None:
            whole = int(count)
        else:
            per_device[str(device)] = int(count)
    return Noted(guard, True, per_device, whole)
