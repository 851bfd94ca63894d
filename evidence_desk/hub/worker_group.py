"""``hub serve --workers N``: several hub processes serving one HOST:PORT.

One hub process is bound by the interpreter's lock to about one core (the request path is
Python: uvicorn, h11, the gate, psycopg), while the hub is already built to run as several
processes on one database: every piece of shared state lives in PostgreSQL (the org state
catches up from ``entries`` under the acceptance lock, news is NOTIFY, nonces are rows, caches
validate against their tables, checkpoints and receipts take advisory locks). So the parent
does the one-time start-up work, then starts N workers, each a whole hub of its own (pools,
judging pool, news board, org clock, receipt desk), each on a listening socket of its own
bound to the same address with ``SO_REUSEPORT``: the kernel spreads new connections over them.

The parent makes the sockets (a port in use is refused before any worker starts) and hands
each to its worker. Workers are *spawned*, never forked (the parent may have threads). The
parent supervises: SIGTERM or SIGINT stops every worker gracefully (uvicorn finishes the
requests in flight and runs the lifespans' shutdown) and the parent then exits 0; a worker that
ends on its own makes the parent stop the others and fail (a service manager restarts the hub).
Each worker watches its parent as judging workers do: when the parent is gone it stops itself,
so no worker is ever left behind.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import multiprocessing.connection
import os
import signal
import socket
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from multiprocessing.process import BaseProcess
from typing import Any

from evidence_desk.domain.errors import EvidenceDeskError, UsageError
from evidence_desk.domain.wording import Catalogue

#: more workers than this is a typing mistake, not a server
MAX_WORKERS = 64
#: how long stopped workers get to finish (uvicorn's 30 s of graceful shutdown, then the
#: lifespans' shutdown) before they are killed
STOP_SECONDS = 60.0
#: uvicorn's own listen backlog
BACKLOG = 2048

_said = Catalogue(
    {
        "hub.workers_range": "--workers must be from 1 to {high}",
        "hub.workers_port_zero": "{listen}: with --workers {workers} name a port (port 0 would "
        "give each worker another one)",
        "hub.workers_no_reuseport": "--workers {workers} needs SO_REUSEPORT, which this "
        "platform does not offer: serve with --workers 1",
        "hub.workers_listen": "{listen}: cannot listen there ({error})",
        "hub.worker_ended": "hub worker {pid} ended on its own (exit status {status}): the "
        "other workers were stopped",
    }
)


class WorkerEnded(EvidenceDeskError):
    """A worker ended without being asked: the group stopped (a service manager restarts it)."""

    code = "hub_worker_ended"
    exit_code = 1


def check(listen: str, workers: int) -> None:
    """Refuse a worker count the group cannot serve, before anything is opened."""
    if not 1 <= workers <= MAX_WORKERS:
        raise UsageError(_said("hub.workers_range", high=MAX_WORKERS))
    if workers == 1:
        return
    port = listen.rpartition(":")[2]
    if port.isdigit() and int(port) == 0:
        raise UsageError(_said("hub.workers_port_zero", listen=listen, workers=workers))
    if not hasattr(socket, "SO_REUSEPORT"):
        raise UsageError(_said("hub.workers_no_reuseport", workers=workers))


def judges_per_worker(workers: int, cores: int | None = None) -> int:
    """Each worker's judging processes: the machine's cores shared out, at least one each, so
    that all the workers' judging pools together stay about the machine's cores."""
    return max(1, round((cores or os.cpu_count() or 1) / workers))


def listening_sockets(host: str, port: int, count: int) -> list[socket.socket]:
    """``count`` sockets listening on ``host:port`` with ``SO_REUSEPORT``; UsageError naming
    the address when it cannot be listened on (in use, not this machine's), none left open."""
    listen = f"{host}:{port}"
    made: list[socket.socket] = []
    try:
        family, kind, proto, _name, address = socket.getaddrinfo(
            host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
        )[0]
        for _ in range(count):
            sock = socket.socket(family, kind, proto)
            made.append(sock)
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
            sock.bind(address)
            sock.listen(BACKLOG)
    except OSError as error:
        for sock in made:
            sock.close()
        raise UsageError(_said("hub.workers_listen", listen=listen, error=error)) from None
    return made


def become_worker() -> None:
    """A worker's first step: ignore SIGINT until uvicorn takes the signals (Ctrl-C reaches the
    whole process group; the parent stops its workers itself), and stop gracefully when the
    parent is gone (SIGKILL, a crash), as a service manager would have stopped us."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    parent = multiprocessing.parent_process()
    if parent is None:  # pragma: no cover - a spawned worker always has its parent
        return
    sentinel = parent.sentinel

    def watch() -> None:
        multiprocessing.connection.wait([sentinel])
        os.kill(os.getpid(), signal.SIGTERM)  # uvicorn's graceful shutdown, or the default end

    threading.Thread(target=watch, name="hub-parent-watch", daemon=True).start()


@contextlib.contextmanager
def _stop_requests() -> Iterator[threading.Event]:
    """An event set by SIGTERM or SIGINT while the parent supervises (its handlers restored
    afterwards)."""
    asked = threading.Event()

    def handler(_signum: int, _frame: Any) -> None:
        asked.set()

    previous = {sig: signal.signal(sig, handler) for sig in (signal.SIGTERM, signal.SIGINT)}
    try:
        yield asked
    finally:
        for sig, before in previous.items():
            signal.signal(sig, before)


def _first_to_end(workers: Sequence[BaseProcess], asked: threading.Event) -> BaseProcess | None:
    """Wait until a stop is asked (None) or a worker ends on its own (that worker)."""
    sentinels = {worker.sentinel: worker for worker in workers}
    while not asked.is_set():
        ended = multiprocessing.connection.wait(list(sentinels), timeout=0.2)
        if ended and not asked.is_set():
            return sentinels[ended[0]]  # type: ignore[index]
    return None


def _stop_all(workers: Sequence[BaseProcess], seconds: float = STOP_SECONDS) -> None:
    """SIGTERM to every living worker, wait for all; SIGKILL what has not ended in time."""
    for worker in workers:
        if worker.is_alive():
            worker.terminate()
    deadline = time.monotonic() + seconds
    for worker in workers:
        worker.join(max(0.0, deadline - time.monotonic()))
    for worker in workers:
        if worker.is_alive():
            worker.kill()
            worker.join()


def supervise(target: Callable[..., None], payload: Any, sockets: Sequence[socket.socket]) -> int:
    """Start one spawned worker per socket, running ``target(payload, sock)``, and supervise
    them: 0 once a SIGTERM or SIGINT stopped them all; WorkerEnded when one ended on its own
    (the others stopped first). The sockets are the workers' once they are started."""
    context = multiprocessing.get_context("spawn")
    workers: list[BaseProcess] = []
    with _stop_requests() as asked:
        try:
            for number, sock in enumerate(sockets):
                worker = context.Process(
                    target=target, args=(payload, sock), name=f"hub-worker-{number}"
                )
                worker.start()
                workers.append(worker)
            for sock in sockets:  # a dead worker's socket must not keep taking connections
                sock.close()
            ended = _first_to_end(workers, asked)
        finally:
            for sock in sockets:
                sock.close()
            _stop_all(workers)
    if ended is not None:
        raise WorkerEnded(_said("hub.worker_ended", pid=ended.pid, status=ended.exitcode))
    return 0
