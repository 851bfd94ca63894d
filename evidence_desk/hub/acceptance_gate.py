"""People first at the hub's acceptance lock: a person's push never waits behind a queue of
laptops' bulk pushes for its turn to be placed in the organisation's order.

Every push that appends takes the hub-wide acceptance lock (hub/repository.py
``_ACCEPTANCE_LOCK``) from its first insert to its commit, so that ``hub_seq`` is also the
commit order. PostgreSQL grants an advisory lock first come, first served: while 100 laptops
push their day, up to ``lanes.BULK`` bulk pushes (each thousands of entries, their verdicts
judged and COPYed with the lock held) are queued for it, and a supervisor's decision of one
entry waited behind all of them.

The gate changes only who asks for the lock when, never what holding it means:

- a **person's push** (``lanes.SMALL_PUSH`` entries or fewer) says it is waiting
  (:meth:`AcceptanceGate.person`) and asks PostgreSQL for the lock at once, blocking: it
  waits for the push holding the lock now, and for nothing else of this process;
- a **bulk push** (:meth:`AcceptanceGate.bulk`) takes its turn among the bulk pushes of this
  process (one at a time), waits until no person's push of this process is waiting, and then
  only *tries* the lock (``pg_try_advisory_xact_lock``); held elsewhere, it waits a little (woken
  at once when a push of this process commits or a person's push got the lock) and tries
  again, so a bulk push never sits in PostgreSQL's queue ahead of a person's.

The acceptance itself (the order, the verdicts, the receipts, the per-device lock, a retried
push's idempotence) is untouched: the lock is still held from the first insert to the commit.
Several hub processes on one database each keep their own gate; between processes the lock
is still taken in turn (a bulk push of one process polls while another holds it).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Final

#: how long a bulk push waits before trying the lock again when it is held by a push this
#: process cannot wake it from (another hub process, or a join merging its history)
RETRY_SECONDS: Final = 0.01


class AcceptanceGate:
    """The order in which this process's pushes ask for the acceptance lock."""

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self._people = 0  # people's pushes waiting for the lock
        self._bulk_turn = threading.Lock()  # one bulk push at a time tries the lock
        #: bulk pushes waiting for the lock (turn, people or lock): what tests and status read
        self.bulk_waiting = 0

    @contextmanager
    def person(self) -> Iterator[None]:
        """Around a person's blocking wait for the lock: bulk pushes hold back meanwhile."""
        with self._changed:
            self._people += 1
        try:
            yield
        finally:
            with self._changed:
                self._people -= 1
                self._changed.notify_all()

    def bulk(self, try_lock: Callable[[], bool]) -> None:
        """Wait for a bulk push's turn and take the lock with ``try_lock`` (True: taken)."""
        with self._changed:
            self.bulk_waiting += 1
        try:
            with self._bulk_turn:
                while True:
                    with self._changed:
                        self._changed.wait_for(lambda: self._people == 0)
                    if try_lock():
                        return
                    with self._changed:
                        self._changed.wait(RETRY_SECONDS)
        finally:
            with self._changed:
                self.bulk_waiting -= 1

    def released(self) -> None:
        """A push of this process ended (committed or not): a waiting bulk push tries again."""
        with self._changed:
            self._changed.notify_all()
