"""One digest of a device's ledger as the organisation placed it, computed alike by a device
(from what it pulled) and by the hub (from its tables), so that a sync notices a hub whose
history changed under it: an entry edited, deleted or moved to another place by someone with
the database's superuser rights, which the hub's triggers cannot stop."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

_CONTEXT = b"evidence-desk/org-history/v1\n"


def history_digest(rows: Iterable[tuple[int, str, int, str]]) -> str:
    """SHA-256 (hex) over ``(seq, entry hash, organisation position, verdict)`` of a device's
    entries 1..n, in seq order."""
    digest = hashlib.sha256(_CONTEXT)
    for seq, entry_hash, org_seq, verdict in rows:
        digest.update(f"{seq} {entry_hash} {org_seq} {verdict}\n".encode())
    return digest.hexdigest()
