"""What this process learned a hub holds for a store, so that the next sync does not ask again.

A person's laptop syncs every few seconds; each request is a TLS round trip, a signature the
hub's gate checks and a nonce it stores. A quiet sync sent the case-key wraps again
(``POST /v1/wraps``) though the hub keeps each wrap once and only adds: a wrap it took is not
sent again (tests/hub/test_sync_requests.py counts the requests). Blob files need no memory
here: the store keeps the paths the hub names in ``hub-blobs.txt`` and asks only about the
files its records name and its disk lacks (services/sync.py).

Kept in memory per (hub URL, store id), never on disk: a new process (the command line, an app
restarted) asks everything once. A hub restored from a backup older than what it answered is
a hub that lost evidence; its devices' next pull is refused by the held-digest check and the
checkpoints' consistency (docs/ARCHITECTURE.md), which this memory does not skip.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass, field


@dataclass(slots=True)
class Held:
    """What one hub holds of one store, as far as this process has seen."""

    wraps: set[tuple[str, str, str, str]] = field(default_factory=set)


_HELD: dict[tuple[str, str], Held] = {}
_GUARD = threading.Lock()


def held(url: str, store_id: str) -> Held:
    """The memory for (hub, store), made empty on first use."""
    with _GUARD:
        return _HELD.setdefault((url, store_id), Held())


def wrap_key(wrap: dict[str, str]) -> tuple[str, str, str, str]:
    """A wrap as the hub keeps it once (``sync.push``'s body of ``/v1/wraps``)."""
    return (wrap["case_no"], wrap["recipient"], wrap["key_id"], wrap["sealed"])


def unsent(memory: Held, wraps: Iterable[dict[str, str]]) -> list[dict[str, str]]:
    """The wraps the hub has not taken from this process yet."""
    return [w for w in wraps if wrap_key(w) not in memory.wraps]
