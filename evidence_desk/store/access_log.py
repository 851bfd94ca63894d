"""The read log's rows and seals in the database: appending, chaining, sealing (PI-1).

Reads of evidence are far more frequent than writes, so a read is not a ledger entry (a signed
checkpoint per opened chat would swamp the ledger and its time stamps). Instead:

- every row of ``access_log`` carries the hash of the row before it, one chain over the store:
  ``row_hash = SHA-256(canonical [seq, at, user, case_no, what, target, detail, prev_hash])``,
  the first row's ``prev_hash`` being ``SHA-256("evidence-desk/access-genesis/v1\\n" || store
  id)``; a changed, removed or inserted row breaks the chain at that row;
- a *seal* closes a batch: the reader signs (Ed25519, their ledger key) the canonical JSON of
  the store id, the batch's first and last seq and the last row's hash. Seals cover the chain
  without gaps (each starts where the previous one ended) and the last row of a batch is the
  signer's own read, so a batch is vouched for by the reader who closed it.

The services seal a session's reads every :data:`SEAL_EVERY` rows, when the session closes (log
out, end of a CLI command) and before a verify. This module only does the database part; who may
read and what counts as a read is services/access_log.py.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from evidence_desk.integrity import signing
from evidence_desk.integrity.canonical import canonical_bytes
from evidence_desk.store import db

GENESIS_CONTEXT = b"evidence-desk/access-genesis/v1\n"
SEAL_EVERY = 50  # rows after the last seal that make the reader's next read close a batch

Signer = Callable[[bytes, bytes], str]  # (context, message) -> signature hex


@dataclass(frozen=True, slots=True)
class Read:
    """One read about to be logged: who read what of which case, and when."""

    at: str
    user: str
    case_no: str
    what: str
    target: str
    detail: Mapping[str, Any]


def genesis_hash(store_id: str) -> str:
    return hashlib.sha256(GENESIS_CONTEXT + store_id.encode()).hexdigest()


def row_hash(
    seq: int, at: str, user: str, case_no: str, what: str, target: str, detail: str, prev: str
) -> str:
    """The hash a row must carry; ``detail`` is the stored JSON text, hashed as stored."""
    fields = [seq, at, user, case_no, what, target, detail, prev]
    return hashlib.sha256(canonical_bytes(fields)).hexdigest()


def seal_message(store_id: str, first: int, upto: int, head: str) -> bytes:
    """What a seal signs (after :data:`signing.ACCESS_SEAL_CONTEXT`)."""
    return canonical_bytes({"store_id": store_id, "first": first, "upto": upto, "head": head})


def detail_text(detail: Mapping[str, Any]) -> str:
    return json.dumps(dict(detail), ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def append(conn: db.Connection, store_id: str, reads: Iterable[Read]) -> int:
    """Chain ``reads`` onto the log (inside the caller's write transaction); returns the last
    seq written (0 if the log is empty and nothing was given)."""
    last = conn.execute("SELECT seq, row_hash FROM access_log ORDER BY seq DESC LIMIT 1").fetchone()
    seq = 0 if last is None else int(last["seq"])
    prev = genesis_hash(store_id) if last is None else str(last["row_hash"])
    for read in reads:
        seq += 1
        text = detail_text(read.detail)
        digest = row_hash(seq, read.at, read.user, read.case_no, read.what, read.target, text, prev)
        conn.execute(
            "INSERT INTO access_log (seq, at, user, case_no, what, target, detail, prev_hash, "
            "row_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (seq, read.at, read.user, read.case_no, read.what, read.target, text, prev, digest),
        )
        prev = digest
    return seq


def sealed_upto(conn: db.Connection) -> int:
    row = conn.execute("SELECT max(upto) FROM access_seals").fetchone()
    return int(row[0] or 0)


def unsealed_count(conn: db.Connection) -> int:
    row = conn.execute(
        "SELECT count(*) FROM access_log WHERE seq > ?", (sealed_upto(conn),)
    ).fetchone()
    return int(row[0])


def seal(conn: db.Connection, store_id: str, user: str, at: str, sign: Signer) -> int | None:
    """Close the batch that ends with ``user``'s newest unsealed read (inside the caller's write
    transaction). Returns the batch's last seq, or None when ``user`` has nothing unsealed."""
    done = sealed_upto(conn)
    own = conn.execute(
        "SELECT seq, row_hash FROM access_log WHERE user = ? AND seq > ? ORDER BY seq DESC LIMIT 1",
        (user, done),
    ).fetchone()
    if own is None:
        return None
    upto, head = int(own["seq"]), str(own["row_hash"])
    signature = sign(signing.ACCESS_SEAL_CONTEXT, seal_message(store_id, done + 1, upto, head))
    conn.execute(
        "INSERT INTO access_seals (upto, first, at, signer, head, signature) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        (upto, done + 1, at, user, head, signature),
    )
    return upto
