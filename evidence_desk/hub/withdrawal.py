"""The hub lets go of a shredded case: its key's wraps and its originals' ciphertext.

A device destroys a case at an accepted ``case.shred`` (services/shredding.py); the hub kept
the case key wrapped for every reader (``case_key_wraps``) and the sealed blob files (chunks
in ``blob_chunks``, or objects on WORM storage). A reader's X25519 key and a copy of the hub's
database would open the case again, so the hub withdraws both when it accepts the tombstone,
in the push's transaction (acceptance lock held), by :func:`after_push`:

- **Wraps**: every wrap of the case's key is deleted; a wrap pushed later (an offline device
  that still held it) is taken and ignored (:func:`case_withdrawn`, asked by ``add_wrap``), so
  that device's sync goes on and destroys the case at its pull.
- **Blob files of the case** (the hub knows them from the organisation's projected tables,
  hub/org_state.py, never from the tombstone's own lists): the case's copies under its key
  (``case_blobs``: one file per case and original, another case's copy of the same original
  is that case's own file and stays), and a file under a store key (``blobs.name``, a store not
  migrated to per-case keys) of an original the case used and no case not shredded uses (an
  item or import of theirs; an original used under two kinds is one ``blobs`` row,
  ``authority.FIRST_STANDS``, and every use counts). Each path is recorded in
  ``withdrawn_files``; its ciphertext (the digest ``blob_files`` names) goes only when no path
  outside the withdrawn ones names the same digest: the chunks are deleted from PostgreSQL,
  the ``blobs`` row (digest, size, chunk count: no content) stays, and ``withdrawn_blobs``
  records each digest. An object on S3 is deleted after the commit where the store allows it
  (:func:`finish_objects`): under Object Lock in compliance mode a version cannot be deleted
  before its retain-until date, so the row records ``locked`` and that date (the case key's
  wraps being gone, what stays is ciphertext no key opens); ``hub serve`` deletes it once the
  date has passed (at start, then hourly: hub/org_clock.py).
- **Late files**: a blob completed later under a withdrawn path is taken and ignored
  (its chunks discarded); an entry of an offline device about the case that the hub refuses
  by ``case.shredded`` withdraws the files its ``case_blobs`` rows name, when that device's
  user uploaded them and no accepted record gives the path to another case.
- **Facts, not sentences**: ``case_withdrawals`` holds one row per case (the tombstone's
  device, seq and hub_seq; counts of wraps, files, blobs and bytes; when).

The database enforces the exception: the triggers that keep ``case_key_wraps`` and a complete
blob's chunks let a row go only for a case whose withdrawal names an accepted ``case.shred``
entry of that very case (:data:`RULES`). A tombstone the rules refuse (a supervisor's, one
before the floor) withdraws nothing. Entries keep their ciphertext: the chain needs it, and
without the key it is unreadable.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Final, Protocol

import psycopg

from evidence_desk.integrity import ledger

Conn = psycopg.Connection[tuple[Any, ...]]
Tables = Mapping[str, Mapping[tuple[Any, ...], Mapping[str, Any]]]

#: the tables (part of hub/schema.py's DDL: ``hub upgrade`` creates them on an older hub)
TABLES: Final = """
-- the tombstones, found at a start without reading every entry
CREATE INDEX entries_shreds ON entries (hub_seq) WHERE action = 'case.shred';

CREATE TABLE case_withdrawals (
    case_no text PRIMARY KEY,
    device_id text NOT NULL,
    seq bigint NOT NULL,
    hub_seq bigint NOT NULL,
    wraps integer NOT NULL CHECK (wraps >= 0),
    files integer NOT NULL CHECK (files >= 0),
    blobs integer NOT NULL CHECK (blobs >= 0),
    bytes bigint NOT NULL CHECK (bytes >= 0),
    withdrawn_at timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (device_id, seq) REFERENCES entries (device_id, seq)
);

CREATE TABLE withdrawn_files (
    path text PRIMARY KEY,
    case_no text NOT NULL REFERENCES case_withdrawals(case_no),
    -- NULL: the hub held no file at this path when it was withdrawn
    digest text,
    withdrawn_at timestamptz NOT NULL DEFAULT now()
);

-- a digest's ciphertext withdrawn; for an object on S3, what became of it: 'pending' (to be
-- deleted after the commit), 'deleted', or 'locked' until kept_until (Object Lock)
CREATE TABLE withdrawn_blobs (
    digest text PRIMARY KEY,
    case_no text NOT NULL REFERENCES case_withdrawals(case_no),
    size bigint NOT NULL,
    location text NOT NULL CHECK (location IN ('db', 's3')),
    object text NOT NULL CHECK (object IN ('none', 'pending', 'deleted', 'locked')),
    kept_until timestamptz,
    withdrawn_at timestamptz NOT NULL DEFAULT now()
);
"""

#: append-only like every evidence table (hub/schema.py adds their triggers and grants)
EVIDENCE_TABLES: Final = ("case_withdrawals", "withdrawn_files")

#: what the application role may do beyond INSERT and SELECT (after schema's evidence grants)
GRANTS: Final = (
    "GRANT DELETE ON case_key_wraps TO {role}",
    "GRANT SELECT, INSERT ON withdrawn_blobs TO {role}",
    "GRANT UPDATE (object, kept_until) ON withdrawn_blobs TO {role}",
)

#: the database's side, run by ``install`` and ``upgrade`` after the tables (idempotent): a
#: wrap, or a complete blob's chunk, may be deleted only for a case whose accepted tombstone
#: the withdrawal names
RULES: Final = """
CREATE OR REPLACE FUNCTION hub_case_withdrawn(case_no text) RETURNS boolean
    LANGUAGE sql STABLE AS $$
    SELECT EXISTS (
        SELECT 1 FROM case_withdrawals w
        JOIN entries e ON e.device_id = w.device_id AND e.seq = w.seq
        WHERE w.case_no = $1 AND e.action = 'case.shred' AND e.verdict = ''
        AND hub_payload_text(e.payload, 'case_no') = $1
    )
$$;

CREATE OR REPLACE FUNCTION hub_refuse_wrap_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' AND hub_case_withdrawn(OLD.case_no) THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'hub.append_only: % of case_key_wraps refused', TG_OP
        USING ERRCODE = 'ED001';
END $$;
DROP TRIGGER IF EXISTS case_key_wraps_keep ON case_key_wraps;
CREATE TRIGGER case_key_wraps_keep BEFORE UPDATE OR DELETE ON case_key_wraps
    FOR EACH ROW EXECUTE FUNCTION hub_refuse_wrap_change();

CREATE OR REPLACE FUNCTION hub_refuse_chunk_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' AND NOT EXISTS (SELECT 1 FROM blobs WHERE digest = OLD.digest) THEN
        RETURN OLD;
    END IF;
    IF TG_OP = 'DELETE' AND EXISTS (
        SELECT 1 FROM withdrawn_blobs w
        WHERE w.digest = OLD.digest AND hub_case_withdrawn(w.case_no)
    ) THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'hub.append_only: % of blob_chunks refused', TG_OP USING ERRCODE = 'ED001';
END $$;
"""


class ObjectStore(Protocol):
    """What the withdrawal needs of the WORM store (hub/object_store.py)."""

    def withdraw(self, digest: str) -> datetime | None:
        """Delete every version of the blob's object the store lets go; the latest
        retain-until date of those it keeps (None: none is left)."""
        ...


def install_rules(conn: Conn) -> None:
    """The functions and triggers of :data:`RULES` (in the caller's transaction)."""
    conn.execute(RULES.encode())


def blob_path(name: str) -> str:
    """A store's blob file as the hub names it (``sync._local_blobs``)."""
    return f"blobs/{name[:2]}/{name[2:]}"


def case_withdrawn(conn: Conn, case_no: str) -> bool:
    """Has the hub withdrawn ``case_no`` (a wrap of it is taken and ignored)? Waits for a
    withdrawal of it in progress (:func:`_case_lock`), so that a wrap never slips in beside."""
    _case_lock(conn, case_no)
    return (
        conn.execute("SELECT 1 FROM case_withdrawals WHERE case_no = %s", (case_no,)).fetchone()
        is not None
    )


def path_withdrawn(conn: Conn, path: str) -> bool:
    """Is ``path`` a withdrawn blob file (a late upload of it is taken and ignored)?"""
    return (
        conn.execute("SELECT 1 FROM withdrawn_files WHERE path = %s", (path,)).fetchone()
        is not None
    )


def digest_withdrawn(conn: Conn, digest: str) -> bool:
    """Has the ciphertext ``digest`` been withdrawn (never served, never taken again)?"""
    return (
        conn.execute("SELECT 1 FROM withdrawn_blobs WHERE digest = %s", (digest,)).fetchone()
        is not None
    )


def withdrawn_paths(conn: Conn, paths: Sequence[str]) -> list[str]:
    """Which of ``paths`` are withdrawn blob files."""
    rows = conn.execute(
        "SELECT path FROM withdrawn_files WHERE path = ANY(%s)", (list(paths),)
    ).fetchall()
    return [str(r[0]) for r in rows]


def called_for(fresh: Sequence[ledger.Entry], verdicts: Sequence[str]) -> bool:
    """Does a push's batch call for :func:`after_push` (a tombstone, or an entry refused by
    ``case.shredded``)? Most do not: they never touch the organisation's state for it."""
    return "case.shredded" in verdicts or any(e.action == "case.shred" for e in fresh)


def after_push(
    conn: Conn,
    tables: Tables,
    device_id: str,
    fresh: Sequence[ledger.Entry],
    verdicts: Sequence[str],
) -> int:
    """The withdrawals a push's fresh entries call for (acceptance lock held, after they are
    appended; ``tables`` the organisation's state after them): each accepted ``case.shred``
    withdraws its case; an entry refused by ``case.shredded`` withdraws the late files of the
    case it names. Returns how many cases were withdrawn now."""
    withdrawn = 0
    for entry, verdict in zip(fresh, verdicts, strict=True):
        if entry.action == "case.shred" and not verdict:
            case_no = _payload(entry.payload).get("case_no")
            if isinstance(case_no, str) and withdraw_case(conn, tables, case_no, device_id, entry):
                withdrawn += 1
        elif verdict == "case.shredded":
            _withdraw_late(conn, tables, entry)
    return withdrawn


#: the accepted tombstones of cases not withdrawn yet
_PENDING: Final = (
    "FROM entries e WHERE e.action = 'case.shred' AND e.verdict = '' "
    "AND NOT EXISTS (SELECT 1 FROM case_withdrawals w "
    "WHERE w.case_no = hub_payload_text(e.payload, 'case_no'))"
)


def pending(conn: Conn) -> bool:
    """Does the hub hold an accepted tombstone it has not withdrawn (one cheap look, so that a
    start without one never replays the organisation's history for it)?"""
    return conn.execute(f"SELECT 1 {_PENDING} LIMIT 1").fetchone() is not None


def withdraw_pending(conn: Conn, tables: Tables) -> int:
    """Withdraw every case whose accepted tombstone the hub holds and has not withdrawn (a hub
    upgraded from before this release, or a restored database; ``hub serve`` runs it at start).
    Idempotent.
    Returns how many cases were withdrawn now."""
    withdrawn = 0
    for device_id, seq, at, actor, action, payload, *rest in conn.execute(
        "SELECT e.device_id, e.seq, e.at, e.actor, e.action, e.payload, e.payload_hash, "
        f"e.prev_hash, e.entry_hash, e.signature {_PENDING} ORDER BY e.hub_seq"
    ).fetchall():
        entry = ledger.Entry(seq, at, actor, action, payload, *rest)
        case_no = _payload(str(payload)).get("case_no")
        if isinstance(case_no, str) and withdraw_case(conn, tables, case_no, device_id, entry):
            withdrawn += 1
    return withdrawn


def withdraw_case(
    conn: Conn, tables: Tables, case_no: str, device_id: str, tombstone: ledger.Entry
) -> bool:
    """Withdraw ``case_no``'s wraps and files at its accepted ``tombstone`` (see the module's
    docstring); False when it was withdrawn before."""
    _case_lock(conn, case_no)
    if (
        conn.execute("SELECT 1 FROM case_withdrawals WHERE case_no = %s", (case_no,)).fetchone()
        is not None
    ):
        return False
    row = conn.execute(
        "SELECT hub_seq FROM entries WHERE device_id = %s AND seq = %s",
        (device_id, tombstone.seq),
    ).fetchone()
    assert row is not None  # appended in this transaction, or read from the table
    wraps = conn.execute(
        "SELECT count(*) FROM case_key_wraps WHERE case_no = %s", (case_no,)
    ).fetchone()
    plan = _plan(conn, sorted(case_files(tables, case_no)))
    # the counts first (the table is append-only), then what they count: the triggers let
    # the wraps and chunks go once this row names the accepted tombstone
    conn.execute(
        "INSERT INTO case_withdrawals (case_no, device_id, seq, hub_seq, wraps, files, blobs, "
        "bytes) VALUES (%s, %s, %s, %s, %s, %s, %s, %s)",
        (
            case_no,
            device_id,
            tombstone.seq,
            int(row[0]),
            int(wraps[0]) if wraps else 0,
            len(plan.paths),
            len(plan.blobs),
            sum(size for size, _location in plan.blobs.values()),
        ),
    )
    conn.execute("DELETE FROM case_key_wraps WHERE case_no = %s", (case_no,))
    _apply(conn, case_no, plan)
    return True


def case_files(tables: Tables, case_no: str) -> set[str]:
    """The blob files of ``case_no`` by the organisation's records: its copies under its key,
    and files under a store key of originals it used that no case not shredded uses."""
    paths = {
        blob_path(str(row["name"]))
        for row in tables["case_blobs"].values()
        if row.get("case_no") == case_no and isinstance(row.get("name"), str)
    }
    shredded = {key[0] for key in tables["shreddings"]} | {case_no}
    case_of = {key[0]: row.get("case_no") for key, row in tables["contacts"].items()}
    used: set[object] = set()
    used_live: set[object] = set()
    for table in ("items", "imports"):
        for row in tables[table].values():
            owner = case_of.get(row.get("contact_id"))
            if owner == case_no:
                used.add(row.get("sha256"))
            elif owner not in shredded:
                used_live.add(row.get("sha256"))
    for key, row in tables["blobs"].items():
        name = row.get("name")
        if key[0] in used and key[0] not in used_live and isinstance(name, str) and name:
            paths.add(blob_path(name))
    return paths


@dataclass(frozen=True, slots=True)
class _Plan:
    """What withdrawing some paths does: the paths not withdrawn before and the blob each
    names (None: not on the hub), and the digests whose ciphertext goes (size, location)."""

    paths: dict[str, str | None]
    blobs: dict[str, tuple[int, str]]


def _plan(conn: Conn, paths: Iterable[str]) -> _Plan:
    """The paths not withdrawn yet, and the digests only they (and withdrawn paths) name."""
    fresh = [p for p in paths if not path_withdrawn(conn, p)]
    named = {
        str(r[0]): str(r[1])
        for r in conn.execute("SELECT path, digest FROM blob_files WHERE path = ANY(%s)", (fresh,))
    }
    digests = sorted(set(named.values()))
    # a digest another path names (not withdrawn, not among these) keeps its ciphertext
    shared = {
        str(r[0])
        for r in conn.execute(
            "SELECT DISTINCT f.digest FROM blob_files f WHERE f.digest = ANY(%s) "
            "AND f.path <> ALL(%s) "
            "AND NOT EXISTS (SELECT 1 FROM withdrawn_files w WHERE w.path = f.path)",
            (digests, fresh),
        )
    }
    blobs: dict[str, tuple[int, str]] = {}
    for digest, size, location in conn.execute(
        "SELECT b.digest, b.size, b.location FROM blobs b WHERE b.digest = ANY(%s) "
        "AND NOT EXISTS (SELECT 1 FROM withdrawn_blobs w WHERE w.digest = b.digest) "
        "ORDER BY b.digest",
        ([d for d in digests if d not in shared],),
    ):
        blobs[str(digest)] = (int(size), str(location))
    return _Plan({p: named.get(p) for p in fresh}, blobs)


def _apply(conn: Conn, case_no: str, plan: _Plan) -> None:
    """Record the plan's paths and digests as withdrawn for ``case_no`` and delete the
    digests' chunks (an object on S3 waits for :func:`finish_objects`)."""
    for path, digest in plan.paths.items():
        conn.execute(
            "INSERT INTO withdrawn_files (path, case_no, digest) VALUES (%s, %s, %s)",
            (path, case_no, digest),
        )
    for digest, (size, location) in plan.blobs.items():
        conn.execute(
            "INSERT INTO withdrawn_blobs (digest, case_no, size, location, object) "
            "VALUES (%s, %s, %s, %s, %s)",
            (digest, case_no, size, location, "pending" if location == "s3" else "none"),
        )
        conn.execute("DELETE FROM blob_chunks WHERE digest = %s", (digest,))


def _withdraw_late(conn: Conn, tables: Tables, entry: ledger.Entry) -> None:
    """An entry refused by ``case.shredded`` (an offline device's work on the case): the files
    its ``case_blobs`` rows name, for a withdrawn case, when its actor uploaded them and no
    accepted record gives the path to another case."""
    by_case: dict[str, list[str]] = {}
    for change in _payload(entry.payload).get("rows", ()):
        if not isinstance(change, dict) or change.get("table") != "case_blobs":
            continue
        row = change.get("row")
        if not isinstance(row, dict):
            continue
        case_no, name = row.get("case_no"), row.get("name")
        if not isinstance(case_no, str) or not isinstance(name, str) or not name:
            continue
        held = tables["case_blobs"].get((name,))
        if held is not None and held.get("case_no") != case_no:
            continue  # another case's file on record: never withdrawn through this entry
        by_case.setdefault(case_no, []).append(blob_path(name))
    for case_no, paths in by_case.items():
        if not case_withdrawn(conn, case_no):
            continue
        mine = [
            str(r[0])
            for r in conn.execute(
                "SELECT path FROM blob_files WHERE path = ANY(%s) AND added_by = %s",
                (paths, entry.actor),
            )
        ]
        _apply(conn, case_no, _plan(conn, mine))


def finish_objects(conn: Conn, objects: ObjectStore | None, now: datetime) -> int:
    """Delete the objects of withdrawn blobs on S3 that are pending, or locked until a date
    now past (after the withdrawal's commit: a store's call never runs inside it). Returns
    how many rows changed. Without an object store (``hub upgrade``) they stay pending."""
    if objects is None:
        return 0
    changed = 0
    for digest, state, until in conn.execute(
        "SELECT digest, object, kept_until FROM withdrawn_blobs WHERE location = 's3' "
        "AND (object = 'pending' OR (object = 'locked' AND kept_until <= %s)) ORDER BY digest",
        (now,),
    ).fetchall():
        kept = objects.withdraw(str(digest))
        conn.execute(
            "UPDATE withdrawn_blobs SET object = %s, kept_until = %s WHERE digest = %s",
            ("deleted" if kept is None else "locked", kept, digest),
        )
        changed += 1 if (state, until) != ("locked", kept) else 0
    return changed


def _case_lock(conn: Conn, case_no: str) -> None:
    """The case's withdrawal lock, held to the commit (a wrap taken at the same time either
    commits first and is withdrawn, or waits and is ignored)."""
    conn.execute("SELECT pg_advisory_xact_lock(hashtextextended(%s, 1))", (f"case:{case_no}",))


def _payload(text: str) -> Mapping[str, Any]:
    try:
        value = json.loads(text)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}
