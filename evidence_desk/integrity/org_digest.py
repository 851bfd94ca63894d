"""One digest of a device's ledger as the organisation placed it, computed alike by a device
(from what it pulled) and by the hub (from its tables), so that a sync notices a hub whose
history changed under it: an entry edited, deleted or moved to another place by someone with
the database's superuser rights, which the hub's triggers cannot stop.

``history_digest`` is what the hub's signed receipts state (integrity/receipts.py): the places
and verdicts of entries named by their hashes. ``held_digest`` is what a sync compares before
pulling: the same, plus every stored column of each entry (payload and signature included),
since an entry hash does not cover its signature and a payload can be edited beside the hash
that should cover it."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from typing import Any

_CONTEXT = b"evidence-desk/org-history/v1\n"
_HELD = b"evidence-desk/org-held/v1\n"


def history_digest(rows: Iterable[tuple[int, str, int, str]]) -> str:
    """SHA-256 (hex) over ``(seq, entry hash, organisation position, verdict)`` of a device's
    entries 1..n, in seq order."""
    digest = hashlib.sha256(_CONTEXT)
    for seq, entry_hash, org_seq, verdict in rows:
        digest.update(f"{seq} {entry_hash} {org_seq} {verdict}\n".encode())
    return digest.hexdigest()


def held_digest(rows: Iterable[tuple[Sequence[object], int, str]]) -> str:
    """SHA-256 (hex) over ``(entry as stored, organisation position, verdict)`` of a device's
    entries 1..n in seq order; the entry is its nine columns (``ledger.Entry``), each one
    covered, so that an edit of any of them changes the digest."""
    digest = held_start()
    for entry, org_seq, verdict in rows:
        digest.update(held_line(entry, org_seq, verdict))
    return str(digest.hexdigest())


def held_start() -> Any:
    """``held_digest``'s running SHA-256 before its first line (a ``hashlib`` object: the
    hub's and a device's caches copy and extend it line by line, hub/held_cache.py and
    services/held_digests.py)."""
    return hashlib.sha256(_HELD)


def held_line(entry: Sequence[object], org_seq: int, verdict: str) -> bytes:
    """One entry's line of ``held_digest``."""
    line = json.dumps([list(entry), org_seq, verdict], ensure_ascii=False, separators=(",", ":"))
    return line.encode("utf-8") + b"\n"
