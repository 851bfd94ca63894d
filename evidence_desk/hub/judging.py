"""Judging pushed batches in worker processes kept for the hub server's life.

A push's acceptance (``acceptance.judge``: the hashes, links, Merkle roots and above all the
Ed25519 signatures) is pure CPU work in Python and in libraries that do not release the GIL, so
threads of one process cannot share it: measured under load, the signature checks alone were
about half of the hub process's time, all of it on the one core the process can use. A
:class:`JudgePool` runs each batch's whole judgement in a process of its own, so that several
pushes are judged at once on every core while the server's process goes on reading requests
and writing to PostgreSQL. The check is the same function, run by the same code: only where it
runs changes.

The pool is started and stopped with the server (``hub serve``'s lifespan: started with it,
shut down when SIGTERM or SIGINT stops the server, before the process exits).
Its workers are *spawned*, never forked (the server has threads and a connection pool), and
each watches its parent: if the hub dies without stopping them (SIGKILL, a crash), they exit
at once instead of living on as orphans; they ignore SIGINT (Ctrl-C reaches a terminal's whole
process group), as the hub stops them itself. A pool that cannot take work (shut down while a last
request is finishing, a worker killed) never loses a judgement: the batch is judged in the
calling thread instead, slower, with the same answer.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import multiprocessing.connection
import os
import signal
import threading
from collections.abc import AsyncIterator, Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from types import TracebackType
from typing import Any

from starlette.concurrency import run_in_threadpool

from evidence_desk.domain.hub_refusals import Refusal
from evidence_desk.hub import acceptance
from evidence_desk.hub.acceptance import DeviceHead
from evidence_desk.hub.app import Lifespan
from evidence_desk.hub.repository import HubRepository
from evidence_desk.hub.users import HubUser
from evidence_desk.integrity import ledger

#: batches this small are judged in the calling thread: a device's everyday push (a request, a
#: decision) costs less than handing it to a worker and back
INLINE = 32


def _watch_parent() -> None:
    """A worker's initializer: exit when the process that started it is gone. Ctrl-C in a
    terminal reaches the whole process group: the hub stops its workers itself, after the
    requests in flight, so they ignore it."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    parent = multiprocessing.parent_process()
    if parent is None:  # pragma: no cover - a pool's worker always has its parent
        return
    sentinel = parent.sentinel

    def watch() -> None:
        multiprocessing.connection.wait([sentinel])
        os._exit(0)  # the hub is gone: nobody will ask for a judgement again

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def _ready() -> int:
    return os.getpid()


def _judge(
    device_id: str,
    head: DeviceHead,
    entries: Sequence[ledger.Entry],
    directory: dict[str, HubUser | None],
) -> DeviceHead | Refusal:
    """What a worker runs: the judgement, with the users the caller looked up."""
    return acceptance.judge(device_id, head, entries, directory.get)


def default_workers() -> int:
    """One worker per core: the server's own process waits on them most of the time."""
    return max(1, os.cpu_count() or 1)


class JudgePool:
    """Worker processes that judge pushed batches; ``judge`` is ``acceptance.judge``'s twin.

    Use as a context manager (or ``close``): the workers are started at once and stopped, and
    waited for, on exit.
    """

    def __init__(self, workers: int | None = None, *, inline: int = INLINE) -> None:
        self.workers = workers or default_workers()
        self.inline = inline
        self._executor: ProcessPoolExecutor | None = ProcessPoolExecutor(
            max_workers=self.workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_watch_parent,
        )
        # workers start on demand: start them all now, before the first push waits for one
        # (not waited for: the server answers while they import)
        self._started = [self._executor.submit(_ready) for _ in range(self.workers)]

    @property
    def pids(self) -> frozenset[int]:
        """The workers' process ids, once they have started."""
        return frozenset(future.result() for future in self._started)

    def __enter__(self) -> JudgePool:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Stop the workers and wait for them (a judgement in progress finishes first)."""
        executor, self._executor = self._executor, None
        if executor is not None:
            executor.shutdown(wait=True, cancel_futures=True)

    def judge(
        self,
        device_id: str,
        head: DeviceHead,
        entries: Sequence[ledger.Entry],
        users: Callable[[str], HubUser | None],
    ) -> DeviceHead | Refusal:
        """``acceptance.judge`` in a worker (users looked up here, in the caller's
        transaction); in this thread for a small batch, or when the pool cannot take it."""
        directory = acceptance.users_for(entries, users)
        executor = self._executor
        if executor is not None and len(entries) > self.inline:
            try:
                return executor.submit(_judge, device_id, head, list(entries), directory).result()
            except (BrokenProcessPool, RuntimeError, OSError):
                pass  # shut down or a worker died: judged here, the same way
        return _judge(device_id, head, entries, directory)


def lifespan(repo: HubRepository, workers: int | None = None) -> Lifespan:
    """The server's lifespan (Starlette's ``lifespan=``): a :class:`JudgePool` judges ``repo``'s
    pushes from startup to shutdown. uvicorn runs the shutdown when SIGTERM or SIGINT stops the
    server, after the requests in flight, and before it lets the signal end the process: the
    workers are stopped and waited for, so none outlives ``hub serve``."""

    @contextlib.asynccontextmanager
    async def serving(_app: Any) -> AsyncIterator[None]:
        pool = await run_in_threadpool(JudgePool, workers)
        repo.judge = pool.judge
        try:
            yield
        finally:
            repo.judge = acceptance.judge
            await run_in_threadpool(pool.close)

    return serving
