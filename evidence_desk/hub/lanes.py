"""Two lanes for the work the hub's routes hand to threads, so that people's small requests
never queue behind laptops' bulk pushes.

Every route runs its database work in a thread (``run_in_threadpool``: AnyIO's worker threads,
40 at once by default), and so does the gate's lookup of the signing user. Measured with 100
and 500 laptops pushing at once (docs/benchmarks.md, issue 20 item 4), the bulk work (a push of
a laptop's day, a 1 MiB blob chunk, a blob's completion) waited for a connection slot or a lock
*inside* those threads, holding all 40: a supervisor's pull, a staff's push of one request and
even the gate's lookup of who signed waited for a thread behind hundreds of uploads, and an
approval's round trip took as long as the laptops' whole day.

Bulk work therefore runs under a :class:`anyio.CapacityLimiter` of its own (:meth:`Lanes.bulk`,
``BULK`` at once at most, fewer than the repository's heavy connection slots): waiting for it
holds no thread, and the default threads and the remaining heavy slots stay free for the
people's work (:meth:`Lanes.people`: pulls, a push of a few entries, receipts, checkpoints and
news; :meth:`Lanes.gate`: the gate's own threads). The order within each lane is unchanged
(first come, first served) and nothing is judged differently: only which requests wait for
which.

Beyond threads, bulk calls take the cores the people's calls need: the people's work is timed
here and the bulk lane narrows while it is slow (hub/bulk_governor.py), so that on a hub whose
cores are full the laptops' day waits, not the people.
"""

from __future__ import annotations

import functools
import math
import time
from collections.abc import Callable
from typing import Final, TypeVar

import anyio
import anyio.to_thread

from evidence_desk.hub.bulk_governor import BulkGovernor

T = TypeVar("T")

#: bulk calls in threads at once at most (fewer while people's work is slow:
#: hub/bulk_governor.py): below the pool's heavy slots (hub/repository.py ``heavy_slots``: 8
#: of ``hub serve``'s 12), so that two are always left for people's pushes
BULK: Final = 6
#: a push of more entries than this is bulk (a person's push is a request or a decision and the
#: documents' entries; a laptop pushes its day in batches of ``sync.PUSH_BATCH``)
SMALL_PUSH: Final = 32
#: a blob chunk or completion of more bytes than this is bulk (a person's documents are small;
#: a laptop's sealed files go up in 1 MiB chunks)
SMALL_BLOB: Final = 256 * 1024


#: seconds a bulk call waits for its turn at most; longer, and it is answered 503 with
#: ``Retry-After`` (:class:`Busy`) before any of its work ran: half the app's read timeout
#: (services/hub_client.py ``IO_TIMEOUT``), so that the hub never starts work its laptop has
#: given up on, and the laptop's background sync tries again later (services/live.py Backoff)
BULK_WAIT: Final = 30.0
#: the ``Retry-After`` a busy answer states (seconds)
BUSY_RETRY: Final = 5


class Busy(Exception):
    """A bulk call that waited ``BULK_WAIT`` for its turn: nothing of it ran (the hub's app
    answers 503 with ``Retry-After``, hub/app.py)."""

    def __init__(self, retry: int = BUSY_RETRY) -> None:
        super().__init__(f"bulk lane busy, retry after {retry} s")
        self.retry = retry


#: threads of the gate's own (a signed request's signature and its user's and nonce's lookups),
#: beside AnyIO's default ones: a person's request is authenticated while reads waiting for the
#: pool's read connections hold every default thread (100 laptops asking which chunks of their
#: blobs the hub holds, legal devices downloading chunks); more than the gate's connections
#: (hub/repository.py ``GATE_CONNECTIONS``), so the signature checks overlap the lookups
GATE_THREADS: Final = 8


class Lanes:
    """The hub process's lanes: the bulk lane's limiter, its width set by a
    :class:`BulkGovernor` from the people's work timed here, and the gate's threads. One per
    hub process, shared by the gate (hub/app.py), the routes (hub/routes.py) and the news
    (hub/live.py), so that the people's work everywhere steers the one bulk lane. The limiters
    are made on first use: an AnyIO limiter belongs to the running event loop, which does not
    exist yet when the app is built."""

    def __init__(
        self,
        bulk: int = BULK,
        gate: int = GATE_THREADS,
        governor: BulkGovernor | None = None,
        bulk_wait: float = BULK_WAIT,
    ) -> None:
        self.governor = governor if governor is not None else BulkGovernor(bulk)
        self._gate_size = gate
        self._bulk_wait = bulk_wait
        #: the turns (the governor's width) and the threads they run in (its most)
        self._bulk: anyio.CapacityLimiter | None = None
        self._bulk_threads: anyio.CapacityLimiter | None = None
        self._gate: anyio.CapacityLimiter | None = None

    async def bulk(self, work: Callable[..., T], *args: object, first: bool = True) -> T:
        """``work(*args)`` in a thread, at most the governor's width of such calls at once.
        The ``first`` bulk call of a request is :class:`Busy`, with nothing run, when its turn
        did not come within ``bulk_wait``; a later one (``first=False``: the receipts of a push
        just accepted, the push after its files) waits for its turn however long it takes,
        since what its request wrote already must get its answer."""
        if self._bulk is None or self._bulk_threads is None:
            self._bulk = anyio.CapacityLimiter(self.governor.width)
            self._bulk_threads = anyio.CapacityLimiter(self.governor.most)
        turn = False
        with anyio.move_on_after(self._bulk_wait if first else math.inf):
            await self._bulk.acquire()
            turn = True
        if not turn:
            raise Busy()
        try:
            return await anyio.to_thread.run_sync(
                functools.partial(work, *args), limiter=self._bulk_threads
            )
        finally:
            self._bulk.release()

    async def people(self, work: Callable[..., T], *args: object) -> T:
        """``work(*args)`` in one of the default threads (everything that is not bulk), timed
        for the governor."""
        return await self._timed(functools.partial(work, *args), None)

    async def gate(self, work: Callable[..., T], *args: object) -> T:
        """``work(*args)`` in a thread, at most ``GATE_THREADS`` such calls at once, never
        waiting for the default threads; timed for the governor."""
        if self._gate is None:
            self._gate = anyio.CapacityLimiter(self._gate_size)
        return await self._timed(functools.partial(work, *args), self._gate)

    async def run(self, bulk: bool, work: Callable[..., T], *args: object, first: bool = True) -> T:
        """In the bulk lane when ``bulk`` (``first`` as there), else in the people's."""
        if bulk:
            return await self.bulk(work, *args, first=first)
        return await self.people(work, *args)

    async def _timed(self, work: Callable[[], T], limiter: anyio.CapacityLimiter | None) -> T:
        """``work`` in a thread; its time, the wait for the thread included, told to the
        governor, and a new width applied to the bulk limiter (here, on the event loop that
        owns it; bulk calls running beyond a narrowed width finish, no new one starts)."""
        started = time.monotonic()
        try:
            return await anyio.to_thread.run_sync(work, limiter=limiter)
        finally:
            if self.governor.observe(time.monotonic() - started) and self._bulk is not None:
                self._bulk.total_tokens = self.governor.width
