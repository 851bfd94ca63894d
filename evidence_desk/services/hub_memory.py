"""What this process learned a hub holds for a store, so that the next sync does not ask again.

A person's laptop syncs every few seconds; each request is a TLS round trip, a signature the
hub's gate checks and a nonce it stores. Three of a quiet sync's requests asked what had not
changed since the last one (tests/hub/test_sync_requests.py counts them):

- which of this store's blob files the hub names (``POST /v1/blob-files/named``): a name the
  hub answered for stays named (the hub only adds blob files), so only new paths are asked;
- the case-key wraps (``POST /v1/wraps``): the hub keeps each wrap once and only adds, so a
  wrap it took is not sent again;
- the organisation's blob files (``GET /v1/blob-files``, paged over all of them): a device
  pushes its blob files before the entries that name them (``sync.push``), so a file this
  store lacks is named on the hub before any entry that needs it can be pulled; listed again
  only after a pull that brought entries (or before the first listing this process made).

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

    named_paths: set[str] = field(default_factory=set)
    wraps: set[tuple[str, str, str, str]] = field(default_factory=set)
    #: the organisation's blob files were listed after the last pull that brought entries
    blobs_listed: bool = False


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
