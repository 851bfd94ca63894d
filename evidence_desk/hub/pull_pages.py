"""``/v1/entries``' pages as JSON, each entry rendered once per hub process instead of at every
pull of every device.

Measured with 100 laptops pushing (docs/benchmarks.md, issue 20 item 4): the 25 people and 5
legal devices each page through every entry accepted since their last pull, so the hub read
every accepted entry's columns and JSON-encoded it some 30 times in its one Python process,
and a supervisor waited for that CPU before it saw a request. An accepted entry never changes
(the hub only appends and ``hub_seq`` is the commit order), so :class:`PullPages` keeps each
entry's rendered JSON object by ``hub_seq``.

It never serves what the table does not hold now: each page first reads the ``hub_seq`` and
``xmin`` of its rows (cheap, no columns), and an entry is taken from the cache only when both
match those it was rendered from. A superuser's edit, move or deletion past the triggers
writes a row version with a newer transaction id or removes the row, so the changed entry is
read and rendered again: the page is byte for byte the one the uncached query renders
(tests/hub/test_pull_pages.py). Bounded (``LIMIT_BYTES``; the oldest rendered go first);
shared by a hub process's request threads (a lock).
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterable
from typing import Any, Final

import psycopg

Conn = psycopg.Connection[tuple[Any, ...]]

#: rendered entries kept per hub process (about 1 KiB each: ~100,000 entries)
LIMIT_BYTES: Final = 128 * 1024 * 1024

_COLUMNS = (
    "hub_seq, xmin::text::bigint, verdict, pre_org, device_id, seq, at, actor, action, "
    "payload, payload_hash, prev_hash, entry_hash, signature"
)
#: as Starlette's JSONResponse renders (the page's shape is unchanged)
_JSON: dict[str, Any] = {"ensure_ascii": False, "allow_nan": False, "separators": (",", ":")}


def render(rows: Iterable[tuple[Any, ...]], more: bool) -> bytes:
    """A page from rows of ``_COLUMNS`` (uncached: what the cache must equal)."""
    return page([_entry(row) for row in rows], more)


def page(entries: list[bytes], more: bool) -> bytes:
    """The page's JSON around its entries' rendered objects."""
    tail = b'],"more":true}' if more else b'],"more":false}'
    return b'{"entries":[' + b",".join(entries) + tail


def _entry(row: tuple[Any, ...]) -> bytes:
    held = {
        "hub_seq": int(row[0]),
        "device_id": row[4],
        "entry": list(row[5:14]),
        "verdict": row[2],
        "pre_org": bool(row[3]),
    }
    return json.dumps(held, **_JSON).encode("utf-8")


def uncached(conn: Conn, since: int, limit: int) -> bytes:
    """The page of the entries accepted after ``since``, read and rendered now."""
    rows = conn.execute(
        f"SELECT {_COLUMNS} FROM entries WHERE hub_seq > %s ORDER BY hub_seq LIMIT %s",
        (since, limit),
    ).fetchall()
    return render(rows, len(rows) == limit)


class PullPages:
    """Rendered entries by ``hub_seq`` with the ``xmin`` they were read with (module
    docstring)."""

    def __init__(self, limit_bytes: int = LIMIT_BYTES) -> None:
        self._lock = threading.Lock()
        self._held: dict[int, tuple[int, bytes]] = {}
        self._bytes = 0
        self._limit = limit_bytes

    def page(self, conn: Conn, since: int, limit: int) -> bytes:
        """What :func:`uncached` gives, from the cache where the row is unchanged."""
        # one row of two arrays, not a row per entry: a person's news page is read several
        # times a second while laptops push, and the rows were most of the page's Python work
        row = conn.execute(
            "SELECT coalesce(array_agg(hub_seq ORDER BY hub_seq), '{}'), "
            "coalesce(array_agg(xmin::text::bigint ORDER BY hub_seq), '{}') "
            "FROM (SELECT hub_seq, xmin FROM entries WHERE hub_seq > %s "
            "ORDER BY hub_seq LIMIT %s) AS page",
            (since, limit),
            binary=True,  # the arrays as binary: no text to parse back into 2 x 5,000 numbers
        ).fetchone()
        places: list[tuple[int, int]] = list(zip(row[0], row[1], strict=True)) if row else []
        with self._lock:
            found = {
                seq: held[1]
                for seq, xmin in places
                if (held := self._held.get(seq)) is not None and held[0] == xmin
            }
        missing = [seq for seq, _ in places if seq not in found]
        if missing:
            fresh = conn.execute(
                f"SELECT {_COLUMNS} FROM entries WHERE hub_seq = ANY(%s)", (missing,)
            ).fetchall()
            rendered = {int(r[0]): (int(r[1]), _entry(r)) for r in fresh}
            for seq, xmin in places:
                if seq in rendered and rendered[seq][0] != xmin:
                    # changed between the two reads: the page as read now, uncached
                    return uncached(conn, since, limit)
            if len(rendered) != len(missing):
                return uncached(conn, since, limit)  # deleted between the two reads
            with self._lock:
                self._keep(rendered)
            found.update((seq, text) for seq, (_, text) in rendered.items())
        return page([found[seq] for seq, _ in places], len(places) == limit)

    def _keep(self, rendered: dict[int, tuple[int, bytes]]) -> None:
        for seq, held in rendered.items():
            old = self._held.pop(seq, None)
            if old is not None:
                self._bytes -= len(old[1])
            self._held[seq] = held
            self._bytes += len(held[1])
        while self._bytes > self._limit and self._held:
            oldest = next(iter(self._held))
            self._bytes -= len(self._held.pop(oldest)[1])
