"""The organisation's projected tables on the hub: what the record rules are judged against.

The hub judges each fresh entry by the rule table (``authority.check``, the very function
``verify`` replays on every device) against the tables the organisation's accepted entries
leave, replayed in ``hub_seq`` order: exactly the order a device's verify replays
(services/org_history.py). The hub has no store key, so the state has no handle-index
function: its rows carry the handle digests (``hx1:``) and ciphertext the devices wrote, which
is all the rules compare.

The state is cached per repository (one per hub process) with the last ``hub_seq`` it holds.
Several hub processes may share one database, so before judging, under the hub-wide acceptance
lock, the cache catches up with the rows committed since (``hub_seq > last``: only new rows are
read; most of them are read just before the lock is taken, ``Judging.warm``). A transaction
that fails after touching the cache drops it (rebuilt from the database at the next push):
memory never runs ahead of the database. A thread lock held from the first use in a
transaction (with the acceptance lock held) to its end keeps other threads of the process off
the cache until it is settled; ``warm`` takes it only while it reads, never while waiting for
the acceptance lock, so the two locks cannot deadlock.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Mapping
from typing import Any

import psycopg

from evidence_desk.domain import authority, pre_org
from evidence_desk.integrity import ledger

Conn = psycopg.Connection[tuple[Any, ...]]


class OrgState:
    """The cache: the replayed tables and the last ``hub_seq`` applied to them."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._tables: authority.ReplayedTables | None = None
        self._last = 0
        # joining stores' histories read so far and not yet merged at their join
        self._solos: dict[str, pre_org.Solo] = {}
        # device -> its last seq the hub placed (refused ones too): a retirement's final size
        self._sizes: dict[str, int] = {}

    def judging(self) -> Judging:
        """One transaction's use of the cache (see :class:`Judging`)."""
        return Judging(self)

    def _catch_up(self, conn: Conn) -> authority.ReplayedTables:
        """Apply the accepted entries committed after the last one held (thread lock held)."""
        if self._tables is None:
            self._tables = authority.ReplayedTables(
                authority.empty_tables(), complete=True, index=None
            )
            self._last = 0
            self._solos = {}
            sizes: dict[str, int] = {}
            self._sizes = sizes
            self._tables.sizes = lambda device: sizes.get(device, 0)
        tables, last, sizes = self._tables, self._last, self._sizes
        with conn.cursor() as cursor:
            for hub_seq, verdict, payload, device, early, seq, actor, action in cursor.stream(
                "SELECT hub_seq, verdict, payload, device_id, pre_org, seq, actor, action "
                "FROM entries WHERE hub_seq > %s ORDER BY hub_seq",
                (last,),
            ):
                last = int(hub_seq)
                sizes[device] = max(sizes.get(device, 0), int(seq))
                if verdict:
                    continue
                body = _payload(payload)
                if early:  # a joined store's history: its own State until its join
                    self._solos.setdefault(device, pre_org.Solo(device)).take(body)
                    continue
                if pre_org.is_join_with_history(action, body):
                    solo = self._solos.pop(device, None)
                    if solo is not None:
                        pre_org.merge(tables.tables, solo)
                        tables.joins[device] = pre_org.joined(solo, int(seq), str(actor))
                tables.apply(body)
        self._last = last
        return tables


class Judging:
    """The cache as one push transaction uses it: ``state`` (with the acceptance lock held)
    takes the thread lock and catches up; ``end`` releases it, dropping the cache when the
    transaction did not commit."""

    def __init__(self, cache: OrgState) -> None:
        self._cache = cache
        self._held = False
        self._touched = False
        # the entry last judged and its parsed payload (``accept`` applies it without parsing)
        self._judged: tuple[ledger.Entry | None, Mapping[str, Any]] = (None, {})

    def warm(self, conn: Conn) -> None:
        """Catch up before taking the acceptance lock, so that the first push after a start
        (the whole history to replay) or after a long quiet spell does not hold every other
        push behind the lock meanwhile. Committed rows are a prefix of the ``hub_seq`` order
        (numbers are drawn under the lock, which is held to the commit), so this is safe; the
        tail committed since is read under the lock by :meth:`state`. The thread lock is
        released again before the acceptance lock is waited for (no lock order to deadlock)."""
        if self._held:
            return  # this transaction holds the acceptance lock already
        with self._cache._lock:
            self._cache._catch_up(conn)

    def state(self, conn: Conn) -> authority.ReplayedTables:
        """The organisation's tables as every committed accepted entry leaves them, and this
        transaction's accepted entries so far (call with the acceptance lock held: it is held
        to the commit, so one catch-up per transaction is enough)."""
        cache = self._cache
        if self._touched and cache._tables is not None:
            return cache._tables
        if not self._held:
            cache._lock.acquire()
            self._held = True
        self._touched = True
        return cache._catch_up(conn)

    def judge(self, conn: Conn, device_id: str, entry: ledger.Entry) -> list[authority.Violation]:
        """Every record rule ``entry`` breaks at its place in the organisation's order."""
        state = self.state(conn)
        state.device = device_id
        payload = _payload(entry.payload)
        self._judged = (entry, payload)
        try:
            return authority.check(state, entry.seq, entry.at, entry.actor, entry.action, payload)
        finally:
            state.device = None

    def accept(self, entry: ledger.Entry) -> None:
        """Apply an entry the hub accepted (after :meth:`judge`) to the state."""
        tables = self._cache._tables
        assert self._held and tables is not None
        judged, payload = self._judged
        tables.apply(payload if judged is entry else _payload(entry.payload))

    def placed(self, conn: Conn, device_id: str, size: int) -> None:
        """The transaction placed ``device_id``'s entries up to ``size`` (accepted or refused:
        the next retirement of that device is judged against it)."""
        self.state(conn)
        sizes = self._cache._sizes
        sizes[device_id] = max(sizes.get(device_id, 0), size)

    def appended(self, conn: Conn) -> None:
        """The transaction's rows are written: the cache holds up to the last of them."""
        if self._held:
            row = conn.execute("SELECT coalesce(max(hub_seq), 0) FROM entries").fetchone()
            self._cache._last = 0 if row is None else int(row[0])

    def end(self, *, committed: bool) -> None:
        """The transaction is over: an uncommitted one that touched the cache drops it."""
        if not self._held:
            return
        if self._touched and not committed:
            self._cache._tables = None
            self._cache._last = 0
        self._held = False
        self._cache._lock.release()


def _payload(text: str) -> Mapping[str, Any]:
    """An entry's payload (the hub accepts only JSON objects: ``acceptance.judge``)."""
    value = json.loads(text)
    return value if isinstance(value, dict) else {}
