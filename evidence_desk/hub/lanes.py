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
``BULK`` at once, fewer than the repository's heavy connection slots): waiting for it holds no
thread, and the default threads and the remaining heavy slots stay free for the people's work
(:meth:`Lanes.people`: the gate, pulls, a push of a few entries, receipts and checkpoints). The
order within each lane is unchanged (first come, first served) and nothing is judged differently:
only which requests wait for which.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Final, TypeVar

import anyio
import anyio.to_thread

T = TypeVar("T")

#: bulk calls in threads at once: below the pool's heavy slots (hub/repository.py
#: ``heavy_slots``: 8 of ``hub serve``'s 12), so that two are always left for people's pushes
BULK: Final = 6
#: a push of more entries than this is bulk (a person's push is a request or a decision and the
#: documents' entries; a laptop pushes its day in batches of ``sync.PUSH_BATCH``)
SMALL_PUSH: Final = 32
#: a blob chunk or completion of more bytes than this is bulk (a person's documents are small;
#: a laptop's sealed files go up in 1 MiB chunks)
SMALL_BLOB: Final = 256 * 1024


#: threads of the gate's own (a signed request's signature and its user's and nonce's lookups),
#: beside AnyIO's default ones: a person's request is authenticated while reads waiting for the
#: pool's read connections hold every default thread (100 laptops asking which chunks of their
#: blobs the hub holds, legal devices downloading chunks); more than the gate's connections
#: (hub/repository.py ``GATE_CONNECTIONS``), so the signature checks overlap the lookups
GATE_THREADS: Final = 8


class GateThreads:
    """The gate's limiter, made on first use (as :class:`Lanes`')."""

    def __init__(self, size: int = GATE_THREADS) -> None:
        self._size = size
        self._limiter: anyio.CapacityLimiter | None = None

    async def run(self, work: Callable[..., T], *args: object) -> T:
        """``work(*args)`` in a thread, at most ``GATE_THREADS`` such calls at once, never
        waiting for the default threads."""
        if self._limiter is None:
            self._limiter = anyio.CapacityLimiter(self._size)
        return await anyio.to_thread.run_sync(functools.partial(work, *args), limiter=self._limiter)


class Lanes:
    """The bulk lane's limiter, made on first use (an AnyIO limiter belongs to the running
    event loop, which does not exist yet when the routes are built)."""

    def __init__(self, bulk: int = BULK) -> None:
        self._size = bulk
        self._bulk: anyio.CapacityLimiter | None = None

    async def bulk(self, work: Callable[..., T], *args: object) -> T:
        """``work(*args)`` in a thread, at most ``BULK`` such calls at once."""
        if self._bulk is None:
            self._bulk = anyio.CapacityLimiter(self._size)
        return await anyio.to_thread.run_sync(functools.partial(work, *args), limiter=self._bulk)

    @staticmethod
    async def people(work: Callable[..., T], *args: object) -> T:
        """``work(*args)`` in one of the default threads (everything that is not bulk)."""
        return await anyio.to_thread.run_sync(functools.partial(work, *args))

    async def run(self, bulk: bool, work: Callable[..., T], *args: object) -> T:
        """In the bulk lane when ``bulk``, else in the people's."""
        if bulk:
            return await self.bulk(work, *args)
        return await self.people(work, *args)
